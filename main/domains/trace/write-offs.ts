import type { Parsed } from '../../../shared/contract/index.ts';
import type { WriteOff, WriteOffLine, WriteOffReason } from '../../../shared/contract/trace.ts';
import type { Ctx } from '../../core/context.ts';
import { DepotError } from '../../core/errors.ts';
import { audit } from '../../core/audit.ts';
import { nextDocNo } from '../../core/doc-numbers.ts';
import { refuseOwnDocument } from '../../core/duties.ts';
import type { Store } from '../../store/db.ts';
import { postMovement } from '../stock/ledger.ts';
import { toBaseUnits } from '../stock/quantity.ts';

interface Row {
  id: number;
  no: string | null;
  status: 'draft' | 'posted';
  reason: WriteOffReason;
  note: string;
  recall_id: number | null;
  disposal: string;
  disposed_by: string;
  witness: string;
  created_by_name: string;
  created_at: string;
  posted_by_name: string | null;
  posted_at: string | null;
  version: number;
}

const SELECT = `SELECT w.*, c.name AS created_by_name, p.name AS posted_by_name
  FROM write_offs w JOIN operators c ON c.id = w.created_by LEFT JOIN operators p ON p.id = w.posted_by`;

function summary(r: Row, totals: WriteOff['totals']): Omit<WriteOff, 'lines'> {
  return {
    id: r.id, no: r.no, status: r.status, reason: r.reason, note: r.note, recallId: r.recall_id, disposal: r.disposal, disposedBy: r.disposed_by, witness: r.witness,
    createdBy: r.created_by_name, createdAt: r.created_at, postedBy: r.posted_by_name, postedAt: r.posted_at, version: r.version, totals,
  };
}

export function getWriteOff(store: Store, id: number): WriteOff {
  const r = store.first<Row>(`${SELECT} WHERE w.id = ?`, [id]);
  if (!r) throw new DepotError('not_found', { entity: 'write_off', id });
  const lines = store.all<WriteOffLine>(
    `SELECT wl.id, wl.line_no AS lineNo, wl.lot_id AS lotId, l.item_id AS itemId, i.code AS itemCode, i.name AS itemName, i.spec, i.unit,
            l.lot_no AS lotNo, l.expires_on AS expiresOn, wl.location_id AS locationId, loc.code AS locationCode, wl.qty,
            (SELECT -m.amount FROM movements m WHERE m.doc_type = 'write_off' AND m.doc_id = wl.write_off_id AND m.line_id = wl.id) AS amount
       FROM write_off_lines wl JOIN lots l ON l.id = wl.lot_id JOIN items i ON i.id = l.item_id JOIN locations loc ON loc.id = wl.location_id
      WHERE wl.write_off_id = ? ORDER BY wl.line_no`,
    [id],
  );
  const priced = lines.filter((l) => l.amount !== null);
  return { ...summary(r, { qty: lines.reduce((n, l) => n + l.qty, 0), amount: priced.length ? priced.reduce((n, l) => n + l.amount!, 0) : null }), lines };
}

export function listWriteOffs(store: Store, status?: 'draft' | 'posted'): Omit<WriteOff, 'lines'>[] {
  return store
    .all<Row & { qty: number; amount: number | null }>(
      `${SELECT.replace('SELECT w.*,', `SELECT w.*, (SELECT coalesce(sum(qty), 0) FROM write_off_lines WHERE write_off_id = w.id) AS qty,
          (SELECT -sum(amount) FROM movements WHERE doc_type = 'write_off' AND doc_id = w.id) AS amount,`)}
        WHERE (? IS NULL OR w.status = ?) ORDER BY w.id DESC LIMIT 1000`,
      [status ?? null, status ?? null],
    )
    .map((r) => summary(r, { qty: r.qty, amount: r.amount }));
}

function mustBeDraft(ctx: Ctx, id: number, version: number): void {
  const row = ctx.store.first<{ status: string; version: number }>('SELECT status, version FROM write_offs WHERE id = ?', [id]);
  if (!row) throw new DepotError('not_found', { entity: 'write_off', id });
  if (row.status !== 'draft') throw new DepotError('not_draft');
  if (row.version !== version) throw new DepotError('stale', { version: row.version });
}

export function saveWriteOff(ctx: Ctx, d: Parsed<'writeOffs.saveDraft'>): WriteOff {
  if (d.recallId !== null && !ctx.store.first('SELECT 1 FROM recalls WHERE id = ?', [d.recallId])) throw new DepotError('not_found', { entity: 'recall', id: d.recallId }, 'recallId');
  const lines = d.lines.map((l, i) => {
    const lot = ctx.store.first<{ unit: string; packs: string }>('SELECT i.unit, i.packs FROM lots l JOIN items i ON i.id = l.item_id WHERE l.id = ?', [l.lotId]);
    if (!lot) throw new DepotError('not_found', { entity: 'lot', id: l.lotId }, `lines.${i}.lotId`);
    if (!ctx.store.first('SELECT 1 FROM locations WHERE id = ?', [l.locationId])) throw new DepotError('not_found', { entity: 'location', id: l.locationId }, `lines.${i}.locationId`);
    const qty = toBaseUnits(l.qty, lot, `lines.${i}.qty`);
    if (qty <= 0) throw new DepotError('bad_quantity', {}, `lines.${i}.qty`);
    return { ...l, qty };
  });
  const header = [d.reason, d.note, d.recallId, d.disposal, d.disposedBy, d.witness];
  let id: number;
  if (d.id === undefined) {
    id = Number(ctx.store.run(`INSERT INTO write_offs (status, reason, note, recall_id, disposal, disposed_by, witness, created_by, created_at) VALUES ('draft', ?, ?, ?, ?, ?, ?, ?, ?)`, [...header, ctx.operator.id, ctx.now]).lastInsertRowid);
  } else {
    id = d.id;
    mustBeDraft(ctx, id, d.version ?? 0);
    ctx.store.run('UPDATE write_offs SET reason = ?, note = ?, recall_id = ?, disposal = ?, disposed_by = ?, witness = ?, version = version + 1 WHERE id = ?', [...header, id]);
    ctx.store.run('DELETE FROM write_off_lines WHERE write_off_id = ?', [id]);
  }
  lines.forEach((l, i) => ctx.store.run('INSERT INTO write_off_lines (write_off_id, line_no, lot_id, location_id, qty) VALUES (?, ?, ?, ?, ?)', [id, i + 1, l.lotId, l.locationId, l.qty]));
  const saved = getWriteOff(ctx.store, id);
  audit(ctx, d.id === undefined ? 'create' : 'update', 'write_off', id, null, saved);
  ctx.emit('data.changed', { entity: 'writeOffs' });
  return saved;
}

/**
 * 报损过账: the goods leave stock as ledger rows of their own type (报损), valued like any outflow.
 * A second person posts it; disposal (how, by whom, witness) must be recorded first, since
 * written-off goods are destroyed or handed on and nothing else will say so.
 */
export function postWriteOff(ctx: Ctx, id: number, version: number): WriteOff {
  mustBeDraft(ctx, id, version);
  const w = getWriteOff(ctx.store, id);
  const by = ctx.store.first<{ created_by: number }>('SELECT created_by FROM write_offs WHERE id = ?', [id])!;
  refuseOwnDocument(ctx, by.created_by, 'writeOffPost', String(id));
  for (const [field, value] of [['disposal', w.disposal], ['disposedBy', w.disposedBy], ['witness', w.witness]] as const) {
    if (value === '') throw new DepotError('invalid_input', { detail: ctx.t('issue.required', { field: ctx.t(`trace.field.${field}`) }) }, field);
  }
  const no = nextDocNo(ctx, 'BS');
  for (const l of w.lines) postMovement(ctx, { lotId: l.lotId, locationId: l.locationId, qty: -l.qty, docType: 'write_off', docId: id, docNo: no, lineId: l.id });
  ctx.store.run("UPDATE write_offs SET status = 'posted', no = ?, posted_by = ?, posted_at = ?, version = version + 1 WHERE id = ?", [no, ctx.operator.id, ctx.now, id]);
  const posted = getWriteOff(ctx.store, id);
  audit(ctx, 'post', 'write_off', id, null, { no, lines: posted.lines.length, qty: posted.totals.qty });
  ctx.emit('data.changed', { entity: 'stock', itemIds: [...new Set(posted.lines.map((l) => l.itemId))] });
  ctx.emit('data.changed', { entity: 'writeOffs' });
  return posted;
}

export function discardWriteOff(ctx: Ctx, id: number, version: number): { id: number } {
  mustBeDraft(ctx, id, version);
  ctx.store.run('DELETE FROM write_off_lines WHERE write_off_id = ?', [id]);
  ctx.store.run('DELETE FROM write_offs WHERE id = ?', [id]);
  audit(ctx, 'discard', 'write_off', id, null, null);
  ctx.emit('data.changed', { entity: 'writeOffs' });
  return { id };
}
