import type { TFunction } from 'i18next';
import type { Earmark, Parsed, Pledge, PledgeLine, ReceiptStart } from '../../../shared/contract/index.ts';
import type { UnitType } from '../../../shared/domain.ts';
import type { Pack } from '../../../shared/packs.ts';
import type { Ctx } from '../../core/context.ts';
import type { Store } from '../../store/db.ts';
import { DepotError } from '../../core/errors.ts';
import { audit } from '../../core/audit.ts';
import { nextDocNo } from '../../core/doc-numbers.ts';
import { toBaseUnits } from '../stock/quantity.ts';
import { receivedByItem, spread } from './received.ts';

interface PledgeRow {
  id: number;
  no: string;
  donor_id: number;
  donor_name: string;
  donor_kind: Pledge['donorKind'];
  pledged_on: string;
  expected_on: string | null;
  earmark_unit_id: number | null;
  earmark_unit_type: UnitType | null;
  earmark_district: string | null;
  earmark_unit_name: string | null;
  note: string;
  created_by: string;
}

const SELECT = `SELECT p.*, s.name AS donor_name, c.name AS created_by, u.name AS earmark_unit_name FROM pledges p
  JOIN suppliers s ON s.id = p.donor_id JOIN operators c ON c.id = p.created_by LEFT JOIN units u ON u.id = p.earmark_unit_id`;

function build(store: Store, row: PledgeRow, t: TFunction): Pledge {
  const raw = store.all<{ id: number; line_no: number; item_id: number; code: string; name: string; unit: string; packs: string; qty: number; declared_value: number | null }>(
    'SELECT l.*, i.code, i.name, i.unit, i.packs FROM pledge_lines l JOIN items i ON i.id = l.item_id WHERE l.pledge_id = ? ORDER BY l.line_no',
    [row.id],
  );
  const lines: PledgeLine[] = spread(
    raw.map((l) => ({ id: l.id, lineNo: l.line_no, itemId: l.item_id, itemCode: l.code, itemName: l.name, unit: l.unit, packs: JSON.parse(l.packs) as Pack[], ordered: l.qty, declaredValue: l.declared_value })),
    receivedByItem(store, 'pledge_id', row.id),
  ).map(({ ordered, ...l }) => ({ ...l, pledged: ordered }));
  const receipts = store.all<{ id: number; no: string; received_at: string; reversed_by_no: string | null }>(
    `SELECT r.id, r.no, r.received_at, x.no AS reversed_by_no FROM receipts r LEFT JOIN receipts x ON x.reverses_id = r.id
      WHERE r.pledge_id = ? AND r.status = 'posted' AND r.reverses_id IS NULL ORDER BY r.id`,
    [row.id],
  );
  const sum = (f: (l: PledgeLine) => number) => lines.reduce((a, l) => a + f(l), 0);
  return {
    id: row.id,
    no: row.no,
    donorId: row.donor_id,
    donorName: row.donor_name,
    donorKind: row.donor_kind,
    pledgedOn: row.pledged_on,
    expectedOn: row.expected_on,
    earmark: earmarkOf(row),
    earmarkText: earmarkText(row, t),
    note: row.note,
    status: lines.every((l) => l.outstanding === 0) ? 'received' : lines.some((l) => l.received > 0) ? 'partly_received' : 'open',
    createdBy: row.created_by,
    lines,
    receipts: receipts.map((r) => ({ id: r.id, no: r.no, receivedAt: r.received_at, reversedByNo: r.reversed_by_no })),
    totals: { pledged: sum((l) => l.pledged), received: sum((l) => l.received), outstanding: sum((l) => l.outstanding) },
  };
}

const earmarkOf = (row: Pick<PledgeRow, 'earmark_unit_id' | 'earmark_unit_type' | 'earmark_district'>): Earmark | null =>
  row.earmark_unit_id !== null ? { unitId: row.earmark_unit_id }
  : row.earmark_unit_type !== null ? { unitType: row.earmark_unit_type }
  : row.earmark_district !== null ? { district: row.earmark_district }
  : null;

/** "定向：定点医院" — whom the donor designated, as the plan and the pledge show it. */
export function earmarkText(row: Pick<PledgeRow, 'earmark_unit_id' | 'earmark_unit_type' | 'earmark_district' | 'earmark_unit_name'>, t: TFunction): string | null {
  const target =
    row.earmark_unit_id !== null ? row.earmark_unit_name
    : row.earmark_unit_type !== null ? t(`unitType.${row.earmark_unit_type}`)
    : row.earmark_district;
  return target === null ? null : t('supply.earmark', { target });
}

export function getPledge(store: Store, id: number, t: TFunction): Pledge {
  const row = store.first<PledgeRow>(`${SELECT} WHERE p.id = ?`, [id]);
  if (!row) throw new DepotError('not_found', { entity: 'pledge', id });
  return build(store, row, t);
}

export function listPledges(store: Store, limit: number, t: TFunction): Omit<Pledge, 'lines' | 'receipts'>[] {
  return store.all<PledgeRow>(`${SELECT} ORDER BY p.id DESC LIMIT ?`, [limit]).map((row) => {
    const { lines: _lines, receipts: _receipts, ...summary } = build(store, row, t);
    return summary;
  });
}

export function createPledge(ctx: Ctx, p: Parsed<'pledges.create'>): Pledge {
  const donor = ctx.store.first<{ active: number }>('SELECT active FROM suppliers WHERE id = ?', [p.donorId]);
  if (!donor?.active) throw new DepotError('not_found', { entity: 'supplier', id: p.donorId }, 'donorId');
  if (p.earmark?.unitId !== undefined && !ctx.store.first('SELECT 1 FROM units WHERE id = ? AND active = 1', [p.earmark.unitId])) {
    throw new DepotError('not_found', { entity: 'unit', id: p.earmark.unitId }, 'earmark.unitId');
  }
  if (p.expectedOn !== null && p.expectedOn < p.pledgedOn) throw new DepotError('invalid_input', { detail: ctx.t('supply.issue.expectedBeforePledged') }, 'expectedOn');
  const lines = p.lines.map((l, i) => {
    const item = ctx.store.first<{ unit: string; packs: string; active: number }>('SELECT unit, packs, active FROM items WHERE id = ?', [l.itemId]);
    if (!item?.active) throw new DepotError('not_found', { entity: 'item', id: l.itemId }, `lines.${i}.itemId`);
    const qty = toBaseUnits(l.qty, item, `lines.${i}.qty`);
    if (qty === 0) throw new DepotError('invalid_input', { detail: ctx.t('issue.too_small', { field: ctx.t('field.qty') }) }, `lines.${i}.qty`);
    return { ...l, qty };
  });
  const no = nextDocNo(ctx, 'RJ');
  const id = Number(
    ctx.store.run(
      `INSERT INTO pledges (no, donor_id, donor_kind, pledged_on, expected_on, earmark_unit_id, earmark_unit_type, earmark_district, note, created_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [no, p.donorId, p.donorKind, p.pledgedOn, p.expectedOn, p.earmark?.unitId ?? null, p.earmark?.unitType ?? null, p.earmark?.district ?? null, p.note, ctx.operator.id, ctx.now],
    ).lastInsertRowid,
  );
  lines.forEach((l, i) => ctx.store.run('INSERT INTO pledge_lines (pledge_id, line_no, item_id, qty, declared_value) VALUES (?, ?, ?, ?, ?)', [id, i + 1, l.itemId, l.qty, l.declaredValue]));
  audit(ctx, 'create', 'pledge', id, null, { no, donorId: p.donorId, lines: lines.length });
  ctx.emit('data.changed', { entity: 'pledges' });
  return getPledge(ctx.store, id, ctx.t);
}

export function pledgeReceiptStart(store: Store, id: number, t: TFunction): ReceiptStart {
  const pledge = getPledge(store, id, t);
  return {
    sourceType: 'donation',
    supplierId: pledge.donorId,
    purchaseOrderId: null,
    pledgeId: pledge.id,
    reference: pledge.no,
    lines: pledge.lines
      .filter((l) => l.outstanding > 0)
      .map((l) => ({ itemId: l.itemId, itemName: l.itemName, unit: l.unit, counted: l.outstanding, unitCost: l.declaredValue, valueBasis: l.declaredValue === null ? null : 'declared' })),
  };
}
