import type { Recall, RecallUnit } from '../../../shared/contract/trace.ts';
import type { Parsed } from '../../../shared/contract/index.ts';
import type { Ctx } from '../../core/context.ts';
import { DepotError } from '../../core/errors.ts';
import { audit } from '../../core/audit.ts';
import { nextDocNo } from '../../core/doc-numbers.ts';
import type { Store } from '../../store/db.ts';
import { receivingHandlers } from '../receiving/handlers.ts';
import { toBaseUnits } from '../stock/quantity.ts';
import { lotDispatches } from './trace.ts';

interface RecallRow {
  id: number;
  no: string;
  lot_id: number;
  reason: string;
  status: 'open' | 'closed';
  opened_at: string;
  opened_by: string;
  item_id: number;
  code: string;
  name: string;
  spec: string;
  unit: string;
  lot_no: string;
  expires_on: string | null;
  packs: string;
}

const SELECT = `SELECT r.*, o.name AS opened_by, l.item_id, i.code, i.name, i.spec, i.unit, i.packs, l.lot_no, l.expires_on
  FROM recalls r JOIN lots l ON l.id = r.lot_id JOIN items i ON i.id = l.item_id JOIN operators o ON o.id = r.opened_by`;

function header(store: Store, r: RecallRow): Omit<Recall, 'units' | 'responses'> {
  const atDepot = store.first<{ n: number }>('SELECT coalesce(sum(on_hand), 0) AS n FROM stock WHERE lot_id = ?', [r.lot_id])!.n;
  return {
    id: r.id, no: r.no, lotId: r.lot_id, itemCode: r.code, itemName: r.name, spec: r.spec, unit: r.unit, lotNo: r.lot_no, expiresOn: r.expires_on,
    reason: r.reason, status: r.status, openedAt: r.opened_at, openedBy: r.opened_by, atDepot,
  };
}

export function listRecalls(store: Store, status?: 'open' | 'closed'): Omit<Recall, 'units' | 'responses'>[] {
  return store.all<RecallRow>(`${SELECT} WHERE (? IS NULL OR r.status = ?) ORDER BY r.id DESC`, [status ?? null, status ?? null]).map((r) => header(store, r));
}

export function getRecall(store: Store, id: number): Recall {
  const r = store.first<RecallRow>(`${SELECT} WHERE r.id = ?`, [id]);
  if (!r) throw new DepotError('not_found', { entity: 'recall', id });
  const responses = store.all<Recall['responses'][number]>(
    `SELECT x.id, x.unit_id AS unitId, u.name AS unitName, x.returned, x.used, x.destroyed, x.note, rc.no AS receiptNo, x.at, o.name AS by
       FROM recall_responses x JOIN units u ON u.id = x.unit_id JOIN operators o ON o.id = x.operator_id LEFT JOIN receipts rc ON rc.id = x.receipt_id
      WHERE x.recall_id = ? ORDER BY x.id`,
    [id],
  );
  // Every unit the lot went to, with what it has answered for so far.
  const byUnit = new Map<number, RecallUnit>();
  for (const d of lotDispatches(store, r.lot_id)) {
    const u = byUnit.get(d.unitId);
    if (u) {
      u.received += d.qty;
      u.lastDispatchAt = d.at > u.lastDispatchAt ? d.at : u.lastDispatchAt;
      continue;
    }
    byUnit.set(d.unitId, {
      unitId: d.unitId, unitCode: d.unitCode, unitName: d.unitName, unitType: d.unitType, contact: d.contact, phone: d.phone, address: d.address,
      received: d.qty, returned: 0, used: 0, destroyed: 0, outstanding: 0, lastDispatchAt: d.at,
    });
  }
  for (const x of responses) {
    const u = byUnit.get(x.unitId);
    if (!u) continue;
    u.returned += x.returned;
    u.used += x.used;
    u.destroyed += x.destroyed;
  }
  for (const u of byUnit.values()) u.outstanding = Math.max(0, u.received - u.returned - u.used - u.destroyed);
  return { ...header(store, r), units: [...byUnit.values()], responses };
}

/**
 * 召回: the lot is frozen (冻结) at once, wherever it lies — FEFO never proposes it and an order
 * that already holds it cannot ship (the ship re-checks the lot) until it is re-picked.
 */
export function openRecall(ctx: Ctx, lotId: number, reason: string): Recall {
  const lot = ctx.store.first<{ status: string; lot_no: string }>('SELECT status, lot_no FROM lots WHERE id = ?', [lotId]);
  if (!lot) throw new DepotError('not_found', { entity: 'lot', id: lotId }, 'lotId');
  const open = ctx.store.first<{ no: string }>("SELECT no FROM recalls WHERE lot_id = ? AND status = 'open'", [lotId]);
  if (open) throw new DepotError('recall_open', { no: open.no, lot: lot.lot_no }, 'lotId');
  const no = nextDocNo(ctx, 'ZH');
  const { lastInsertRowid } = ctx.store.run("INSERT INTO recalls (no, lot_id, reason, status, opened_at, opened_by) VALUES (?, ?, ?, 'open', ?, ?)", [no, lotId, reason, ctx.now, ctx.operator.id]);
  if (lot.status !== 'rejected' && lot.status !== 'quarantined') {
    ctx.store.run("UPDATE lots SET status = 'quarantined', status_note = ?, version = version + 1 WHERE id = ?", [ctx.t('trace.frozenByRecall', { no, reason }), lotId]);
    audit(ctx, 'status', 'lot', lotId, { status: lot.status }, { status: 'quarantined', note: no });
  }
  const id = Number(lastInsertRowid);
  const recall = getRecall(ctx.store, id);
  audit(ctx, 'create', 'recall', id, null, { no, lotId, reason, units: recall.units.length });
  ctx.emit('data.changed', { entity: 'recalls' });
  ctx.emit('data.changed', { entity: 'stock' });
  ctx.emit('data.changed', { entity: 'lots' });
  return recall;
}

/** A unit's answer. Returned goods come back into stock on a return receipt (退库), still frozen. */
export function respondToRecall(ctx: Ctx, input: Parsed<'recalls.respond'>): Recall {
  const recall = getRecall(ctx.store, input.recallId);
  if (recall.status !== 'open') throw new DepotError('recall_closed', { no: recall.no });
  const unit = recall.units.find((u) => u.unitId === input.unitId);
  if (!unit) throw new DepotError('recall_unit', { unit: ctx.store.first<{ name: string }>('SELECT name FROM units WHERE id = ?', [input.unitId])?.name ?? String(input.unitId), no: recall.no }, 'unitId');
  const item = ctx.store.first<{ unit: string; packs: string }>('SELECT i.unit, i.packs FROM lots l JOIN items i ON i.id = l.item_id WHERE l.id = ?', [recall.lotId])!;
  const returned = toBaseUnits(input.returned, item, 'returned');
  const used = toBaseUnits(input.used, item, 'used');
  const destroyed = toBaseUnits(input.destroyed, item, 'destroyed');
  if (returned + used + destroyed === 0) throw new DepotError('invalid_input', { detail: ctx.t('trace.answerEmpty') }, 'returned');
  if (returned + used + destroyed > unit.outstanding) {
    throw new DepotError('recall_over', { unit: unit.unitName, outstanding: unit.outstanding, unitName: recall.unit, given: returned + used + destroyed }, 'returned');
  }
  let receiptId: number | null = null;
  if (returned > 0) {
    if (input.locationId === undefined) throw new DepotError('invalid_input', { detail: ctx.t('issue.required', { field: ctx.t('field.locationId') }) }, 'locationId');
    const lot = ctx.store.first<{ item_id: number; lot_no: string; produced_on: string | null; expires_on: string | null }>('SELECT item_id, lot_no, produced_on, expires_on FROM lots WHERE id = ?', [recall.lotId])!;
    const draft = receivingHandlers['receipts.saveDraft'](
      {
        requestId: 'recall', sourceType: 'return', supplierId: null, unitId: unit.unitId, purchaseOrderId: null, pledgeId: null, reference: recall.no, vehicle: '', note: ctx.t('trace.returnNote', { no: recall.no }), inspection: null,
        lines: [{ itemId: lot.item_id, lotNo: lot.lot_no, producedOn: lot.produced_on, expiresOn: lot.expires_on, counted: returned, rejected: 0, rejectReason: '', noExpiryReason: '', unitCost: null, valueBasis: null, locationId: input.locationId, inspection: 'accepted', codes: [] }],
      },
      ctx,
    );
    receiptId = receivingHandlers['receipts.post']({ requestId: 'recall', id: draft.id, version: draft.version }, ctx).id;
  }
  ctx.store.run(
    'INSERT INTO recall_responses (recall_id, unit_id, returned, used, destroyed, note, receipt_id, at, operator_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [recall.id, unit.unitId, returned, used, destroyed, input.note, receiptId, ctx.now, ctx.operator.id],
  );
  audit(ctx, 'respond', 'recall', recall.id, null, { unitId: unit.unitId, returned, used, destroyed, receiptId });
  ctx.emit('data.changed', { entity: 'recalls' });
  return getRecall(ctx.store, recall.id);
}

export function closeRecall(ctx: Ctx, id: number): Recall {
  const recall = getRecall(ctx.store, id);
  if (recall.status !== 'open') throw new DepotError('recall_closed', { no: recall.no });
  ctx.store.run("UPDATE recalls SET status = 'closed', closed_at = ?, closed_by = ? WHERE id = ?", [ctx.now, ctx.operator.id, id]);
  audit(ctx, 'close', 'recall', id, null, { outstanding: recall.units.reduce((n, u) => n + u.outstanding, 0) });
  ctx.emit('data.changed', { entity: 'recalls' });
  return getRecall(ctx.store, id);
}
