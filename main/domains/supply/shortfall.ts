import type { TFunction } from 'i18next';
import type { ProcurementFigures, SupplierOffer } from '../../../shared/contract/index.ts';
import type { Pack } from '../../../shared/packs.ts';
import type { Store } from '../../store/db.ts';
import { localDay } from '../../core/doc-numbers.ts';
import { DepotError } from '../../core/errors.ts';

/** The allocation plan a procurement plan covers: the one named, or the latest round (day, then revision). */
export function coveredPlan(store: Store, id: number | null): { id: number; day: string; revision: number } | null {
  const plan =
    id === null
      ? store.first<{ id: number; day: string; revision: number }>('SELECT id, day, revision FROM allocation_plans ORDER BY day DESC, revision DESC LIMIT 1')
      : store.first<{ id: number; day: string; revision: number }>('SELECT id, day, revision FROM allocation_plans WHERE id = ?', [id]);
  if (id !== null && !plan) throw new DepotError('not_found', { entity: 'plan', id }, 'allocationPlanId');
  return plan ?? null;
}

type Figures = Omit<ProcurementFigures, 'how'>;

/**
 * Per item, what to buy: the plan's unmet need, plus what brings the stock left after it back to
 * the larger of the safety stock and `coverDays` of the last week's dispatches, minus what open
 * orders and pledges will still bring. Items with nothing to buy are left out.
 */
export function shortfalls(store: Store, now: string, planId: number | null, coverDays: number, only?: Set<number>): Figures[] {
  const today = localDay(now);
  const unmet = new Map(
    store
      .all<{ item_id: number; unmet: number; left: number }>(
        `SELECT l.item_id, sum(max(0, l.need - l.allocated)) AS unmet, max(ai.available) - sum(l.allocated) AS left
           FROM allocation_lines l JOIN allocation_items ai ON ai.plan_id = l.plan_id AND ai.item_id = l.item_id
          WHERE l.plan_id = ? GROUP BY l.item_id`,
        [planId],
      )
      .map((r) => [r.item_id, r]),
  );
  const free = byItem(
    store,
    `SELECT s.item_id, sum(s.on_hand - s.reserved) AS n FROM stock s JOIN lots l ON l.id = s.lot_id
      WHERE l.status = 'accepted' AND (l.expires_on IS NULL OR l.expires_on >= ?) GROUP BY s.item_id`,
    [today],
  );
  const weekOut = byItem(
    store,
    `SELECT item_id, -sum(qty) AS n FROM movements WHERE doc_type IN ('dispatch', 'dispatch_reversal') AND at >= ? GROUP BY item_id`,
    [new Date(Date.parse(now) - 7 * 86_400_000).toISOString()],
  );
  const onOrder = byItem(
    store,
    `SELECT l.item_id, sum(l.qty) - coalesce((SELECT sum(rl.accepted) FROM receipts r JOIN receipt_lines rl ON rl.receipt_id = r.id
              WHERE r.purchase_order_id = o.id AND rl.item_id = l.item_id AND r.status = 'posted' AND r.reverses_id IS NULL
                AND NOT EXISTS (SELECT 1 FROM receipts x WHERE x.reverses_id = r.id)), 0) AS n
       FROM purchase_orders o JOIN purchase_order_lines l ON l.po_id = o.id WHERE o.status = 'open' GROUP BY o.id, l.item_id`,
  );
  const pledged = byItem(
    store,
    `SELECT l.item_id, sum(l.qty) - coalesce((SELECT sum(rl.accepted) FROM receipts r JOIN receipt_lines rl ON rl.receipt_id = r.id
              WHERE r.pledge_id = p.id AND rl.item_id = l.item_id AND r.status = 'posted' AND r.reverses_id IS NULL
                AND NOT EXISTS (SELECT 1 FROM receipts x WHERE x.reverses_id = r.id)), 0) AS n
       FROM pledges p JOIN pledge_lines l ON l.pledge_id = p.id GROUP BY p.id, l.item_id`,
  );
  const items = store.all<{ id: number; code: string; name: string; unit: string; packs: string; safety_stock: number }>(
    'SELECT id, code, name, unit, packs, safety_stock FROM items WHERE active = 1 ORDER BY code',
  );
  const out: Figures[] = [];
  for (const it of items) {
    if (only && !only.has(it.id)) continue;
    const inPlan = unmet.get(it.id);
    const stockAfter = inPlan ? inPlan.left : (free.get(it.id) ?? 0);
    const dailyRate = Math.ceil((weekOut.get(it.id) ?? 0) / 7);
    const topUp = Math.max(0, Math.max(it.safety_stock, dailyRate * coverDays) - stockAfter);
    const f = {
      itemId: it.id,
      itemCode: it.code,
      itemName: it.name,
      unit: it.unit,
      packs: JSON.parse(it.packs) as Pack[],
      unmet: inPlan?.unmet ?? 0,
      stockAfter,
      safetyStock: it.safety_stock,
      dailyRate,
      coverDays,
      topUp,
      onOrder: onOrder.get(it.id) ?? 0,
      pledged: pledged.get(it.id) ?? 0,
    };
    const suggested = Math.max(0, f.unmet + topUp - f.onOrder - f.pledged);
    if (suggested > 0 || only) out.push({ ...f, suggested });
  }
  return out;
}

/** Sums of positive parts only: an over-received order or pledge brings nothing more. */
function byItem(store: Store, sql: string, params: unknown[] = []): Map<number, number> {
  const m = new Map<number, number>();
  for (const r of store.all<{ item_id: number; n: number }>(sql, params)) m.set(r.item_id, (m.get(r.item_id) ?? 0) + Math.max(0, r.n));
  return m;
}

/** The sum in words, as the plan shows it beside each line. */
export function how(f: Figures, t: TFunction): string {
  const target = Math.max(f.safetyStock, f.dailyRate * f.coverDays);
  const reason =
    f.topUp === 0 ? t('supply.how.noTopUp', { left: f.stockAfter, target })
    : f.dailyRate * f.coverDays > f.safetyStock ? t('supply.how.toCover', { days: f.coverDays, rate: f.dailyRate, target, left: f.stockAfter, topUp: f.topUp })
    : t('supply.how.toSafety', { target, left: f.stockAfter, topUp: f.topUp });
  return t('supply.how.sum', { ...f, reason });
}

export function offers(store: Store, now: string): SupplierOffer[] {
  const today = localDay(now);
  return store
    .all<{ id: number; name: string; capacity_per_day: string; lead_time_days: number | null; qualification: string; qualification_expiry: string | null }>(
      "SELECT * FROM suppliers WHERE active = 1 AND kind IN ('manufacturer', 'distributor') ORDER BY code",
    )
    .map((s) => ({
      supplierId: s.id,
      supplierName: s.name,
      capacityPerDay: s.capacity_per_day,
      leadTimeDays: s.lead_time_days,
      qualification: s.qualification,
      qualificationExpiry: s.qualification_expiry,
      expired: s.qualification_expiry !== null && s.qualification_expiry < today,
    }));
}

/** The last price each supplier was paid for an item: from its latest order line, else its latest priced receipt. */
export function lastPrices(store: Store, itemId: number): { supplierId: number; unitPrice: number }[] {
  return store.all<{ supplierId: number; unitPrice: number }>(
    `SELECT supplier_id AS supplierId, price AS unitPrice FROM (
       SELECT supplier_id, price, row_number() OVER (PARTITION BY supplier_id ORDER BY at DESC) AS k FROM (
         SELECT o.supplier_id, l.unit_price AS price, o.created_at AS at FROM purchase_order_lines l JOIN purchase_orders o ON o.id = l.po_id
          WHERE l.item_id = ? AND l.unit_price IS NOT NULL AND o.status <> 'cancelled'
         UNION ALL
         SELECT r.supplier_id, rl.unit_cost, r.received_at FROM receipt_lines rl JOIN receipts r ON r.id = rl.receipt_id
          WHERE rl.item_id = ? AND rl.unit_cost IS NOT NULL AND r.status = 'posted' AND r.source_type = 'purchase' AND r.supplier_id IS NOT NULL))
     WHERE k = 1 ORDER BY supplier_id`,
    [itemId, itemId],
  );
}
