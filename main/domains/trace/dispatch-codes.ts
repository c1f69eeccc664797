import type { DispatchCode } from '../../../shared/contract/trace.ts';
import type { Ctx } from '../../core/context.ts';
import { DepotError } from '../../core/errors.ts';
import { audit } from '../../core/audit.ts';
import type { Store } from '../../store/db.ts';

/** The codes scanned onto an order, with the lot each travels with. */
export function dispatchCodes(store: Store, orderId: number): DispatchCode[] {
  return store.all<DispatchCode>(
    `SELECT c.code, c.lot_id AS lotId, l.lot_no AS lotNo, i.code AS itemCode, i.name AS itemName
       FROM dispatch_codes c JOIN lots l ON l.id = c.lot_id JOIN items i ON i.id = l.item_id
      WHERE c.order_id = ? AND c.lot_id IN (SELECT lot_id FROM dispatch_picks WHERE order_id = ?) ORDER BY c.id`,
    [orderId, orderId],
  );
}

/**
 * A 药品追溯码 or UDI serial scanned at picking: it must have come in on one of the lots the order
 * picks (the receipt line kept it), and must not already be on its way to someone else.
 */
export function scanDispatchCode(ctx: Ctx, orderId: number, code: string): { code: DispatchCode; onLot: number } {
  const order = ctx.store.first<{ no: string; status: string }>('SELECT no, status FROM dispatch_orders WHERE id = ?', [orderId]);
  if (!order) throw new DepotError('not_found', { entity: 'dispatch', id: orderId }, 'id');
  if (order.status !== 'approved' && order.status !== 'picked') throw new DepotError('code_not_picking', { no: order.no, status: ctx.t(`dispatchStatus.${order.status}`) }, 'id');
  const came = ctx.store.all<{ lot_id: number; lot_no: string }>(
    `SELECT DISTINCT rl.lot_id, l.lot_no FROM receipt_lines rl JOIN receipts r ON r.id = rl.receipt_id AND r.status = 'posted' AND r.reverses_id IS NULL
       JOIN lots l ON l.id = rl.lot_id, json_each(rl.codes) j WHERE j.value = ?`,
    [code],
  );
  if (came.length === 0) throw new DepotError('code_unknown', { code }, 'code');
  const picked = new Set(ctx.store.all<{ lot_id: number }>('SELECT lot_id FROM dispatch_picks WHERE order_id = ?', [orderId]).map((r) => r.lot_id));
  const lot = came.find((c) => picked.has(c.lot_id));
  if (!lot) throw new DepotError('code_other_lot', { code, lot: came.map((c) => c.lot_no).join('、'), no: order.no }, 'code');
  // Gone with another order that still stands (not cancelled, not reversed).
  const taken = ctx.store.first<{ no: string }>(
    `SELECT o.no FROM dispatch_codes c JOIN dispatch_orders o ON o.id = c.order_id
      WHERE c.code = ? AND c.order_id <> ? AND o.status NOT IN ('draft', 'cancelled')
        AND NOT EXISTS (SELECT 1 FROM dispatch_orders x WHERE x.reverses_id = o.id)`,
    [code, orderId],
  );
  if (taken) throw new DepotError('code_taken', { code, no: taken.no }, 'code');
  const fresh = ctx.store.run('INSERT OR IGNORE INTO dispatch_codes (order_id, lot_id, code, at, operator_id) VALUES (?, ?, ?, ?, ?)', [orderId, lot.lot_id, code, ctx.now, ctx.operator.id]);
  if (fresh.changes > 0) audit(ctx, 'code', 'dispatch', orderId, null, { code, lotId: lot.lot_id });
  const codes = dispatchCodes(ctx.store, orderId);
  return { code: codes.find((c) => c.code === code)!, onLot: codes.filter((c) => c.lotId === lot.lot_id).length };
}
