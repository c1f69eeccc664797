import type { Stocktake } from '../../../shared/contract/index.ts';
import type { Category } from '../../../shared/domain.ts';
import type { Ctx } from '../../core/context.ts';
import type { Store } from '../../store/db.ts';
import { DepotError } from '../../core/errors.ts';
import { audit } from '../../core/audit.ts';
import { nextDocNo } from '../../core/doc-numbers.ts';
import { refuseOwnDocument } from '../../core/duties.ts';
import { postMovement } from './ledger.ts';
import { toBaseUnits } from './quantity.ts';

interface StocktakeRow {
  id: number;
  no: string;
  status: Stocktake['status'];
  scope: string;
  created_at: string;
  reason: string;
  version: number;
}

const header = (st: StocktakeRow): Omit<Stocktake, 'lines'> => ({
  id: st.id,
  no: st.no,
  status: st.status,
  scope: JSON.parse(st.scope),
  createdAt: st.created_at,
  reason: st.reason,
  version: st.version,
});

/** The latest count sheets, without their lines. */
export const listStocktakes = (store: Store): Omit<Stocktake, 'lines'>[] =>
  store.all<StocktakeRow>('SELECT * FROM stocktakes ORDER BY id DESC LIMIT 200').map(header);

export function getStocktake(store: Store, id: number): Stocktake {
  const st = store.first<StocktakeRow & { snapshot_movement_id: number | null }>('SELECT * FROM stocktakes WHERE id = ?', [id]);
  if (!st) throw new DepotError('not_found', { entity: 'stocktake', id });
  // What moved at each line's lot and location after the snapshot: up to its count, or up to now
  // while it is still to be counted (the sheet shows the book the counter should find).
  const lines = store.all<{ id: number; item_code: string; item_name: string; spec: string; unit: string; lot_id: number; lot_no: string; location_code: string; book_qty: number; counted_qty: number | null; moved: number }>(
    `SELECT sl.id, i.code AS item_code, i.name AS item_name, i.spec, i.unit, sl.lot_id, l.lot_no, loc.code AS location_code, sl.book_qty, sl.counted_qty,
            CASE WHEN :snapshot IS NULL THEN 0 ELSE coalesce((
              SELECT sum(m.qty) FROM movements m
               WHERE m.lot_id = sl.lot_id AND m.location_id = sl.location_id AND m.id > :snapshot
                 AND m.id <= coalesce(sl.counted_at_movement_id, CASE WHEN :open THEN (SELECT max(id) FROM movements) ELSE :snapshot END)
                 AND NOT (m.doc_type = 'stocktake' AND m.doc_id = :id)), 0) END AS moved
       FROM stocktake_lines sl JOIN lots l ON l.id = sl.lot_id JOIN items i ON i.id = l.item_id JOIN locations loc ON loc.id = sl.location_id
      WHERE sl.stocktake_id = :id ORDER BY loc.code, i.code, l.lot_no`,
    { id, snapshot: st.snapshot_movement_id, open: st.status === 'counting' ? 1 : 0 },
  );
  return {
    ...header(st),
    lines: lines.map((l) => ({
      id: l.id,
      itemCode: l.item_code,
      itemName: l.item_name,
      spec: l.spec,
      unit: l.unit,
      lotId: l.lot_id,
      lotNo: l.lot_no,
      locationCode: l.location_code,
      bookQty: l.book_qty,
      movedSince: l.moved,
      bookAtCount: l.book_qty + l.moved,
      countedQty: l.counted_qty,
      difference: l.counted_qty === null ? null : l.counted_qty - (l.book_qty + l.moved),
    })),
  };
}

/** A count sheet of every balance in a location or category, with the book quantity now. */
export function createStocktake(ctx: Ctx, scope: { locationId?: number; category?: Category }): Stocktake {
  const no = nextDocNo(ctx, 'PD');
  const { lastInsertRowid } = ctx.store.run(
    `INSERT INTO stocktakes (no, status, scope, created_at, created_by, snapshot_movement_id)
     VALUES (?, ?, ?, ?, ?, (SELECT coalesce(max(id), 0) FROM movements))`,
    [no, 'counting', JSON.stringify(scope), ctx.now, ctx.operator.id],
  );
  const id = Number(lastInsertRowid);
  ctx.store.run(
    `INSERT INTO stocktake_lines (stocktake_id, lot_id, location_id, book_qty)
     SELECT :id, s.lot_id, s.location_id, s.on_hand FROM stock s JOIN items i ON i.id = s.item_id
      WHERE s.on_hand > 0 AND (:loc IS NULL OR s.location_id = :loc) AND (:cat IS NULL OR i.category = :cat)`,
    { id, loc: scope.locationId ?? null, cat: scope.category ?? null },
  );
  audit(ctx, 'create', 'stocktake', id, null, { no, scope });
  ctx.emit('data.changed', { entity: 'stocktakes' });
  return getStocktake(ctx.store, id);
}

function mustBeCounting(ctx: Ctx, id: number, version: number) {
  const st = getStocktake(ctx.store, id);
  if (st.status !== 'counting') throw new DepotError('not_draft');
  if (st.version !== version) throw new DepotError('stale', { version: st.version });
  return st;
}

export function recordCounts(ctx: Ctx, id: number, version: number, counts: { lineId: number; countedQty: number | string | null }[]): Stocktake {
  mustBeCounting(ctx, id, version);
  counts.forEach((c, i) => {
    const line = ctx.store.first<{ unit: string; packs: string }>(
      `SELECT i.unit, i.packs FROM stocktake_lines sl JOIN lots l ON l.id = sl.lot_id JOIN items i ON i.id = l.item_id
        WHERE sl.id = ? AND sl.stocktake_id = ?`,
      [c.lineId, id],
    );
    if (!line) throw new DepotError('not_found', { entity: 'stocktake line', id: c.lineId }, `counts.${i}.lineId`);
    const qty = c.countedQty === null ? null : toBaseUnits(c.countedQty, line, `counts.${i}.countedQty`);
    // The count is of the shelf as it is now: whatever moved before this moment is in the book it is compared with.
    ctx.store.run('UPDATE stocktake_lines SET counted_qty = ?, counted_at_movement_id = CASE WHEN ? IS NULL THEN NULL ELSE (SELECT coalesce(max(id), 0) FROM movements) END WHERE id = ?', [
      qty,
      qty,
      c.lineId,
    ]);
  });
  ctx.store.run('UPDATE stocktakes SET version = version + 1 WHERE id = ?', [id]);
  ctx.emit('data.changed', { entity: 'stocktakes' });
  return getStocktake(ctx.store, id);
}

/** Approved differences post as adjustments; lines not counted are left as they are. */
export function postStocktake(ctx: Ctx, id: number, version: number, reason: string): Stocktake {
  const st = mustBeCounting(ctx, id, version);
  refuseOwnDocument(ctx, ctx.store.first<{ created_by: number }>('SELECT created_by FROM stocktakes WHERE id = ?', [id])!.created_by, 'stocktakePost', st.no);
  for (const line of st.lines) {
    if (line.difference === null || line.difference === 0) continue;
    const loc = ctx.store.first<{ location_id: number }>('SELECT location_id FROM stocktake_lines WHERE id = ?', [line.id])!;
    postMovement(ctx, { lotId: line.lotId, locationId: loc.location_id, qty: line.difference, docType: 'stocktake', docId: id, docNo: st.no, lineId: line.id });
  }
  ctx.store.run(`UPDATE stocktakes SET status = 'posted', reason = ?, approved_by = ?, posted_at = ?, version = version + 1 WHERE id = ?`, [
    reason,
    ctx.operator.id,
    ctx.now,
    id,
  ]);
  audit(ctx, 'post', 'stocktake', id, null, { no: st.no, reason, differences: st.lines.filter((l) => l.difference).length });
  ctx.emit('data.changed', { entity: 'stock' });
  ctx.emit('data.changed', { entity: 'stocktakes' });
  return getStocktake(ctx.store, id);
}

export function cancelStocktake(ctx: Ctx, id: number, version: number): Stocktake {
  mustBeCounting(ctx, id, version);
  ctx.store.run(`UPDATE stocktakes SET status = 'cancelled', version = version + 1 WHERE id = ?`, [id]);
  audit(ctx, 'cancel', 'stocktake', id, null, null);
  ctx.emit('data.changed', { entity: 'stocktakes' });
  return getStocktake(ctx.store, id);
}
