import type { LotStatus, SourceType } from '../../../shared/contract/receiving.ts';
import type { ItemTrace, LotTrace, WriteOffReason } from '../../../shared/contract/trace.ts';
import { periodBounds } from '../ledger/period.ts';
import { DepotError } from '../../core/errors.ts';
import type { Store } from '../../store/db.ts';

/** The order a dispatch-side ledger row belongs to: a reversal order's rows count against the order it reverses. */
const ORDER_OF = `CASE WHEN m.doc_type = 'dispatch_reversal' THEN (SELECT reverses_id FROM dispatch_orders WHERE id = m.doc_id) ELSE m.doc_id END`;

/** Net shipments of a lot per order (what each unit got, reversals and short deliveries taken off). */
export function lotDispatches(store: Store, lotId: number): LotTrace['dispatches'] {
  return store.all<LotTrace['dispatches'][number]>(
    `SELECT o.id AS orderId, o.no AS orderNo, o.shipped_at AS at, u.id AS unitId, u.code AS unitCode, u.name AS unitName, u.type AS unitType,
            u.contact, u.phone, u.address, x.qty, o.delivered_at AS deliveredAt, o.receiver
       FROM (SELECT ${ORDER_OF} AS order_id, -sum(m.qty) AS qty FROM movements m
              WHERE m.lot_id = ? AND m.doc_type IN ('dispatch', 'dispatch_reversal', 'delivery_adjustment') GROUP BY 1) x
       JOIN dispatch_orders o ON o.id = x.order_id JOIN units u ON u.id = o.unit_id
      WHERE x.qty > 0 ORDER BY o.shipped_at, o.id`,
    [lotId],
  );
}

export function traceLot(store: Store, lotId: number): LotTrace {
  const lot = store.first<{ id: number; item_id: number; code: string; name: string; spec: string; unit: string; lot_no: string; produced_on: string | null; expires_on: string | null; status: LotStatus; status_note: string }>(
    `SELECT l.id, l.item_id, i.code, i.name, i.spec, i.unit, l.lot_no, l.produced_on, l.expires_on, l.status, l.status_note
       FROM lots l JOIN items i ON i.id = l.item_id WHERE l.id = ?`,
    [lotId],
  );
  if (!lot) throw new DepotError('not_found', { entity: 'lot', id: lotId });
  const receipts = store
    .all<{ receiptId: number; no: string; at: string; sourceType: SourceType; supplierName: string | null; unitName: string | null; qty: number; inspection: string; codes: string }>(
      `SELECT r.id AS receiptId, r.no, m.at, r.source_type AS sourceType, s.name AS supplierName, u.name AS unitName, sum(m.qty) AS qty,
              r.inspection,
              -- Every line of the receipt on this lot brings its codes, not just one of them.
              (SELECT json_group_array(j.value) FROM receipt_lines x, json_each(x.codes) j WHERE x.receipt_id = r.id AND x.lot_id = m.lot_id) AS codes
         FROM movements m JOIN receipts r ON r.id = m.doc_id LEFT JOIN suppliers s ON s.id = r.supplier_id LEFT JOIN units u ON u.id = r.unit_id
        WHERE m.lot_id = ? AND m.doc_type IN ('receipt', 'receipt_reversal') GROUP BY r.id ORDER BY m.at, r.id`,
      [lotId],
    )
    .map((r) => ({ ...r, inspection: (JSON.parse(r.inspection) as { result?: string }).result ?? '', codes: JSON.parse(r.codes) as string[] }));
  const stock = store.all<LotTrace['stock'][number]>(
    `SELECT s.location_id AS locationId, loc.code AS locationCode, s.on_hand AS onHand, s.reserved
       FROM stock s JOIN locations loc ON loc.id = s.location_id WHERE s.lot_id = ? AND s.on_hand > 0 ORDER BY loc.code`,
    [lotId],
  );
  const dispatches = lotDispatches(store, lotId);
  const writeOffs = store.all<{ writeOffId: number; no: string; at: string; reason: WriteOffReason; qty: number }>(
    `SELECT w.id AS writeOffId, w.no, w.posted_at AS at, w.reason, -sum(m.qty) AS qty
       FROM movements m JOIN write_offs w ON w.id = m.doc_id WHERE m.lot_id = ? AND m.doc_type = 'write_off' GROUP BY w.id ORDER BY w.posted_at`,
    [lotId],
  );
  const recall = store.first<{ id: number }>("SELECT id FROM recalls WHERE lot_id = ? ORDER BY status = 'open' DESC, id DESC LIMIT 1", [lotId]);
  const sum = (xs: { qty: number }[]) => xs.reduce((n, x) => n + x.qty, 0);
  return {
    lot: { id: lot.id, itemId: lot.item_id, itemCode: lot.code, itemName: lot.name, spec: lot.spec, unit: lot.unit, lotNo: lot.lot_no, producedOn: lot.produced_on, expiresOn: lot.expires_on, status: lot.status, statusNote: lot.status_note },
    receipts,
    stock,
    dispatches,
    writeOffs,
    totals: { received: sum(receipts), dispatched: sum(dispatches), writtenOff: sum(writeOffs), onHand: stock.reduce((n, s) => n + s.onHand, 0) },
    recallId: recall?.id ?? null,
  };
}

/**
 * An item's trace over a period: per lot, what came in, went out to units, was written off, and
 * is left; and per unit, what it received of the item — where an item went, before a lot is known.
 */
export function traceItem(store: Store, itemId: number, from: string, to: string): ItemTrace {
  const item = store.first<{ code: string; name: string; spec: string; unit: string }>('SELECT code, name, spec, unit FROM items WHERE id = ?', [itemId]);
  if (!item) throw new DepotError('not_found', { entity: 'item', id: itemId }, 'itemId');
  const { start, end } = periodBounds(from, to);
  const lots = store.all<ItemTrace['lots'][number]>(
    `SELECT l.id AS lotId, l.lot_no AS lotNo, l.expires_on AS expiresOn, l.status,
            coalesce(sum(CASE WHEN m.doc_type IN ('receipt', 'receipt_reversal') AND m.at >= :start AND m.at < :end THEN m.qty END), 0) AS received,
            coalesce(sum(CASE WHEN m.doc_type IN ('dispatch', 'dispatch_reversal', 'delivery_adjustment') AND m.at >= :start AND m.at < :end THEN -m.qty END), 0) AS dispatched,
            coalesce(sum(CASE WHEN m.doc_type = 'write_off' AND m.at >= :start AND m.at < :end THEN -m.qty END), 0) AS writtenOff,
            coalesce(sum(CASE WHEN m.at < :end THEN m.qty END), 0) AS onHand
       FROM lots l JOIN movements m ON m.lot_id = l.id
      WHERE l.item_id = :itemId GROUP BY l.id
     HAVING received <> 0 OR dispatched <> 0 OR writtenOff <> 0 OR onHand <> 0
      ORDER BY l.expires_on, l.lot_no`,
    { itemId, start, end },
  );
  const units = store.all<ItemTrace['units'][number]>(
    `SELECT u.id AS unitId, u.name AS unitName, u.contact, u.phone, -sum(m.qty) AS qty, count(DISTINCT m.lot_id) AS lots
       FROM movements m JOIN units u ON u.id = m.unit_id
      WHERE m.item_id = :itemId AND m.doc_type IN ('dispatch', 'dispatch_reversal') AND m.at >= :start AND m.at < :end
      GROUP BY u.id HAVING qty <> 0 ORDER BY qty DESC, u.code`,
    { itemId, start, end },
  );
  return { item: { id: itemId, code: item.code, name: item.name, spec: item.spec, unit: item.unit }, from, to, lots, units };
}
