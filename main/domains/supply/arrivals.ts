import type { DonationArrival, LateDelivery, SumaClass } from '../../../shared/contract/index.ts';
import type { Ctx } from '../../core/context.ts';
import { DepotError } from '../../core/errors.ts';
import { audit } from '../../core/audit.ts';
import { localDay } from '../../core/doc-numbers.ts';
import { coveredPlan, shortfalls } from './shortfall.ts';
import { getPurchaseOrder } from './orders.ts';
import { getPledge } from './pledges.ts';

const RANK: Record<SumaClass, number> = { urgent: 0, non_urgent: 1, non_priority: 2 };

/**
 * The desk's suggestion, item by item: urgent when the latest round left a unit short of it or
 * stock is below its safety stock; non-priority when no unit has asked for it in 30 days.
 */
function suggest(ctx: Ctx, itemIds: number[], short: Map<number, { unmet: number; topUp: number; name: string }>): { suggested: SumaClass; why: string } {
  for (const id of itemIds) {
    const s = short.get(id);
    if (s && s.unmet > 0) return { suggested: 'urgent', why: ctx.t('supply.suma.why.unmet', { item: s.name, qty: s.unmet }) };
    if (s && s.topUp > 0) return { suggested: 'urgent', why: ctx.t('supply.suma.why.safety', { item: s.name, qty: s.topUp }) };
  }
  const asked = ctx.store.first(
    'SELECT 1 FROM demand_reports WHERE item_id IN (SELECT value FROM json_each(?)) AND daily_need > 0 AND day >= ? LIMIT 1',
    [JSON.stringify(itemIds), localDay(new Date(Date.parse(ctx.now) - 30 * 86_400_000).toISOString())],
  );
  return asked ? { suggested: 'non_urgent', why: ctx.t('supply.suma.why.asked') } : { suggested: 'non_priority', why: ctx.t('supply.suma.why.notAsked') };
}

export function arrivals(ctx: Ctx, only: number | null = null): DonationArrival[] {
  const rows = ctx.store.all<{ id: number; no: string | null; status: 'draft' | 'posted'; donor: string; received_at: string; items: string; item_ids: string; class: SumaClass | null; note: string | null }>(
    `SELECT r.id, r.no, r.status, s.name AS donor, r.received_at, group_concat(DISTINCT i.name) AS items, json_group_array(DISTINCT rl.item_id) AS item_ids, dc.class, dc.note
       FROM receipts r JOIN suppliers s ON s.id = r.supplier_id JOIN receipt_lines rl ON rl.receipt_id = r.id JOIN items i ON i.id = rl.item_id
       LEFT JOIN donation_classes dc ON dc.receipt_id = r.id
      WHERE r.source_type = 'donation' AND r.reverses_id IS NULL AND NOT EXISTS (SELECT 1 FROM receipts x WHERE x.reverses_id = r.id)
        AND (:only IS NULL OR r.id = :only)
        AND (:only IS NOT NULL OR r.status = 'draft' OR EXISTS (SELECT 1 FROM receipt_lines p JOIN lots l ON l.id = p.lot_id WHERE p.receipt_id = r.id AND l.status = 'pending'))
      GROUP BY r.id ORDER BY r.received_at, r.id`,
    { only },
  );
  if (rows.length === 0) return [];
  const plan = coveredPlan(ctx.store, null);
  const short = new Map(shortfalls(ctx.store, ctx.now, plan?.id ?? null, 0).map((f) => [f.itemId, { unmet: f.unmet, topUp: f.topUp, name: f.itemName }]));
  return rows
    .map((r): DonationArrival => {
      const { suggested, why } = suggest(ctx, JSON.parse(r.item_ids) as number[], short);
      return { receiptId: r.id, no: r.no, status: r.status, donorName: r.donor, receivedAt: r.received_at, items: r.items.replaceAll(',', '、'), suggested, why, class: r.class, note: r.note ?? '' };
    })
    .sort((a, b) => RANK[a.class ?? a.suggested] - RANK[b.class ?? b.suggested]);
}

export function classify(ctx: Ctx, c: { receiptId: number; class: SumaClass; note: string }): DonationArrival {
  const r = ctx.store.first<{ source_type: string; no: string | null }>('SELECT source_type, no FROM receipts WHERE id = ?', [c.receiptId]);
  if (!r) throw new DepotError('not_found', { entity: 'receipt', id: c.receiptId }, 'receiptId');
  if (r.source_type !== 'donation') throw new DepotError('invalid_input', { detail: ctx.t('supply.suma.notDonation', { no: r.no ?? c.receiptId }) }, 'receiptId');
  const before = ctx.store.first<{ class: string }>('SELECT class FROM donation_classes WHERE receipt_id = ?', [c.receiptId]);
  ctx.store.run(
    `INSERT INTO donation_classes (receipt_id, class, note, classed_by, classed_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (receipt_id) DO UPDATE SET class = excluded.class, note = excluded.note, classed_by = excluded.classed_by, classed_at = excluded.classed_at`,
    [c.receiptId, c.class, c.note, ctx.operator.id, ctx.now],
  );
  audit(ctx, 'classify', 'receipt', c.receiptId, before ?? null, { class: c.class, note: c.note });
  ctx.emit('data.changed', { entity: 'receipts' });
  return arrivals(ctx, c.receiptId)[0]!;
}

/** Order lines past their promised date and pledges past their expected date, with goods still outstanding. */
export function lateDeliveries(ctx: Ctx): LateDelivery[] {
  const today = localDay(ctx.now);
  const daysLate = (due: string) => Math.round((Date.parse(today) - Date.parse(due)) / 86_400_000);
  const out: LateDelivery[] = [];
  for (const { id } of ctx.store.all<{ id: number }>("SELECT DISTINCT o.id FROM purchase_orders o JOIN purchase_order_lines l ON l.po_id = o.id WHERE o.status = 'open' AND l.promised_on < ?", [today])) {
    const po = getPurchaseOrder(ctx.store, id, ctx.now);
    for (const l of po.lines.filter((x) => x.late)) {
      out.push({ kind: 'purchase_order', id, no: po.no, partyName: po.supplierName, itemName: l.itemName, unit: l.unit, dueOn: l.promisedOn!, daysLate: daysLate(l.promisedOn!), outstanding: l.outstanding });
    }
  }
  for (const { id } of ctx.store.all<{ id: number }>('SELECT id FROM pledges WHERE expected_on < ?', [today])) {
    const pledge = getPledge(ctx.store, id, ctx.t);
    for (const l of pledge.lines.filter((x) => x.outstanding > 0)) {
      out.push({ kind: 'pledge', id, no: pledge.no, partyName: pledge.donorName, itemName: l.itemName, unit: l.unit, dueOn: pledge.expectedOn!, daysLate: daysLate(pledge.expectedOn!), outstanding: l.outstanding });
    }
  }
  return out.sort((a, b) => b.daysLate - a.daysLate || a.no.localeCompare(b.no));
}
