import type { CardRow, Lot, StockCard, StockList, StockRow } from '../../../shared/contract/index.ts';
import type { Category } from '../../../shared/domain.ts';
import type { LotStatus } from '../../../shared/contract/receiving.ts';
import type { Store } from '../../store/db.ts';
import { DepotError } from '../../core/errors.ts';
import { localDay } from '../../core/doc-numbers.ts';

export const expiryWarnDays = (store: Store): number =>
  Number(store.first<{ value: string }>("SELECT value FROM settings WHERE key = 'stock.expiryWarnDays'")?.value ?? 30);

const DAY = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY);

/** A lot may be dispatched only when accepted and not expired on that day. */
export const isDispatchable = (status: string, expiresOn: string | null, today: string) =>
  status === 'accepted' && (expiresOn === null || expiresOn >= today);

export function listStock(
  store: Store,
  now: string,
  f: { category?: Category; locationId?: number; status?: LotStatus; itemId?: number; itemIds?: number[]; expiringWithinDays?: number; includeEmpty: boolean },
): StockList {
  const today = localDay(now);
  const rows = store.all<{
    item_id: number; item_code: string; item_name: string; spec: string; unit: string; packs: string; category: Category;
    safety_stock: number; lot_id: number; lot_no: string; expires_on: string | null; status: LotStatus;
    location_id: number; location_code: string; on_hand: number; reserved: number;
  }>(
    `SELECT s.item_id, i.code AS item_code, i.name AS item_name, i.spec, i.unit, i.packs, i.category, i.safety_stock,
            s.lot_id, l.lot_no, l.expires_on, l.status, s.location_id, loc.code AS location_code, s.on_hand, s.reserved
       FROM stock s
       JOIN items i ON i.id = s.item_id
       JOIN lots l ON l.id = s.lot_id
       JOIN locations loc ON loc.id = s.location_id
      WHERE (s.on_hand > 0 OR :includeEmpty)
        AND (:category IS NULL OR i.category = :category)
        AND (:locationId IS NULL OR s.location_id = :locationId)
        AND (:status IS NULL OR l.status = :status)
        AND (:itemId IS NULL OR s.item_id = :itemId)
        AND (:itemIds IS NULL OR s.item_id IN (SELECT value FROM json_each(:itemIds)))
        AND (:until IS NULL OR l.expires_on <= :until)
      ORDER BY i.code, l.expires_on IS NULL, l.expires_on, l.lot_no, loc.code`,
    {
      includeEmpty: f.includeEmpty ? 1 : 0,
      category: f.category ?? null,
      locationId: f.locationId ?? null,
      status: f.status ?? null,
      itemId: f.itemId ?? null,
      itemIds: f.itemIds ? JSON.stringify(f.itemIds) : null,
      until: f.expiringWithinDays === undefined ? null : localDay(new Date(Date.parse(today) + f.expiringWithinDays * DAY).toISOString()),
    },
  );

  // Per item: total on hand, and dispatches of the last 7 days for days of cover.
  const since = new Date(Date.parse(now) - 7 * DAY).toISOString();
  const out7 = new Map(
    store
      .all<{ item_id: number; out7: number }>(
        `SELECT item_id, -sum(qty) AS out7 FROM movements
          WHERE doc_type IN ('dispatch', 'dispatch_reversal') AND at >= ? GROUP BY item_id`,
        [since],
      )
      .map((r) => [r.item_id, r.out7]),
  );
  const onHandPerItem = new Map<number, number>();
  for (const r of store.all<{ item_id: number; on_hand: number }>('SELECT item_id, sum(on_hand) AS on_hand FROM stock GROUP BY item_id')) {
    onHandPerItem.set(r.item_id, r.on_hand);
  }

  const out: StockRow[] = rows.map((r) => {
    const itemOnHand = onHandPerItem.get(r.item_id) ?? 0;
    const dailyOut = (out7.get(r.item_id) ?? 0) / 7;
    const dispatchable = isDispatchable(r.status, r.expires_on, today);
    return {
      itemId: r.item_id,
      itemCode: r.item_code,
      itemName: r.item_name,
      spec: r.spec,
      unit: r.unit,
      packs: JSON.parse(r.packs),
      category: r.category,
      lotId: r.lot_id,
      lotNo: r.lot_no,
      expiresOn: r.expires_on,
      daysToExpiry: r.expires_on === null ? null : daysBetween(today, r.expires_on),
      locationId: r.location_id,
      locationCode: r.location_code,
      onHand: r.on_hand,
      reserved: r.reserved,
      available: dispatchable ? r.on_hand - r.reserved : 0,
      status: r.status,
      expired: r.expires_on !== null && r.expires_on < today,
      dailyOut: Math.round(dailyOut * 10) / 10,
      daysOfCover: dailyOut > 0 ? Math.floor(itemOnHand / dailyOut) : null,
      belowSafety: itemOnHand < r.safety_stock,
    };
  });
  const totals = out.reduce((t, r) => ({ onHand: t.onHand + r.onHand, reserved: t.reserved + r.reserved, available: t.available + r.available }), {
    onHand: 0,
    reserved: 0,
    available: 0,
  });
  return { rows: out, expiryWarnDays: expiryWarnDays(store), totals };
}

/** 明细账: every ledger row of an item (or one lot) with the running balance. */
export function stockCard(store: Store, itemId: number, lotId?: number): StockCard {
  const item = store.first<{ name: string; unit: string }>('SELECT name, unit FROM items WHERE id = ?', [itemId]);
  if (!item) throw new DepotError('not_found', { entity: 'item', id: itemId });
  const rows = store.all<{ id: number; at: string; doc_type: string; doc_no: string; lot_no: string; location_code: string; qty: number; amount: number | null; balance: number; counterparty: string | null; operator: string }>(
    `SELECT m.id, m.at, m.doc_type, m.doc_no, l.lot_no, loc.code AS location_code, m.qty, m.amount,
            sum(m.qty) OVER (ORDER BY m.id) AS balance,
            coalesce(u.name, s.name) AS counterparty, o.name AS operator
       FROM movements m
       JOIN lots l ON l.id = m.lot_id
       JOIN locations loc ON loc.id = m.location_id
       JOIN operators o ON o.id = m.operator_id
       LEFT JOIN units u ON u.id = m.unit_id
       LEFT JOIN suppliers s ON s.id = m.supplier_id
      WHERE m.item_id = :itemId AND (:lotId IS NULL OR m.lot_id = :lotId)
      ORDER BY m.id`,
    { itemId, lotId: lotId ?? null },
  );
  const card: CardRow[] = rows.map((r) => ({
    movementId: r.id,
    at: r.at,
    docType: r.doc_type,
    docNo: r.doc_no,
    lotNo: r.lot_no,
    locationCode: r.location_code,
    qtyIn: r.qty > 0 ? r.qty : 0,
    qtyOut: r.qty < 0 ? -r.qty : 0,
    balance: r.balance,
    amount: r.amount,
    counterparty: r.counterparty,
    operator: r.operator,
  }));
  return { itemId, itemName: item.name, unit: item.unit, lotId: lotId ?? null, rows: card, balance: card.at(-1)?.balance ?? 0 };
}

export function findLots(store: Store, f: { itemId?: number; lotNo?: string; lotId?: number }): Lot[] {
  return store
    .all<Record<string, unknown>>(
      `SELECT l.*, i.code AS item_code, i.name AS item_name, coalesce((SELECT sum(on_hand) FROM stock WHERE lot_id = l.id), 0) AS on_hand
         FROM lots l JOIN items i ON i.id = l.item_id
        WHERE (:itemId IS NULL OR l.item_id = :itemId) AND (:lotNo IS NULL OR l.lot_no = :lotNo) AND (:lotId IS NULL OR l.id = :lotId)
        ORDER BY i.code, l.expires_on LIMIT 1000`,
      { itemId: f.itemId ?? null, lotNo: f.lotNo ?? null, lotId: f.lotId ?? null },
    )
    .map((l) => ({
      id: l.id as number,
      itemId: l.item_id as number,
      itemCode: l.item_code as string,
      itemName: l.item_name as string,
      lotNo: l.lot_no as string,
      producedOn: l.produced_on as string | null,
      expiresOn: l.expires_on as string | null,
      status: l.status as LotStatus,
      statusNote: l.status_note as string,
      unitCost: l.unit_cost as number | null,
      onHand: l.on_hand as number,
      version: l.version as number,
    }));
}
