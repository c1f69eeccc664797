import type { PledgePipelineRow } from '../../../shared/contract/index.ts';
import type { Ctx } from '../../core/context.ts';
import { getPledge } from './pledges.ts';
import { traceDonations } from './disclosure.ts';

/**
 * Every pledge's goods on their way: promised, on the dock (a draft receipt), received, and
 * then dispatched as the disclosure traces them — one row per donor and item.
 */
export function pledgePipeline(ctx: Ctx): PledgePipelineRow[] {
  const rows = new Map<string, PledgePipelineRow>();
  const row = (donorId: number, donorName: string, l: { itemId: number; itemCode: string; itemName: string; unit: string }) => {
    const key = `${donorId}:${l.itemId}`;
    let r = rows.get(key);
    if (!r) {
      r = { donorId, donorName, itemId: l.itemId, itemCode: l.itemCode, itemName: l.itemName, unit: l.unit, pledged: 0, arriving: 0, received: 0, outstanding: 0, dispatched: 0, inStock: 0 };
      rows.set(key, r);
    }
    return r;
  };
  const pledgeIds = ctx.store.all<{ id: number }>('SELECT id FROM pledges ORDER BY id').map((p) => p.id);
  for (const id of pledgeIds) {
    const pledge = getPledge(ctx.store, id, ctx.t);
    for (const l of pledge.lines) {
      const r = row(pledge.donorId, pledge.donorName, l);
      r.pledged += l.pledged;
      r.received += l.received;
      r.outstanding += l.outstanding;
    }
  }
  for (const a of ctx.store.all<{ donor_id: number; donor: string; item_id: number; code: string; name: string; unit: string; qty: number }>(
    `SELECT p.donor_id, s.name AS donor, rl.item_id, i.code, i.name, i.unit, sum(rl.accepted) AS qty
       FROM receipts r JOIN pledges p ON p.id = r.pledge_id JOIN suppliers s ON s.id = p.donor_id JOIN receipt_lines rl ON rl.receipt_id = r.id JOIN items i ON i.id = rl.item_id
      WHERE r.status = 'draft' GROUP BY p.donor_id, rl.item_id`,
  )) {
    row(a.donor_id, a.donor, { itemId: a.item_id, itemCode: a.code, itemName: a.name, unit: a.unit }).arriving += a.qty;
  }
  const pledged = new Map(ctx.store.all<{ id: number; donor_id: number }>('SELECT r.id, p.donor_id FROM receipts r JOIN pledges p ON p.id = r.pledge_id').map((r) => [r.id, r.donor_id]));
  for (const d of traceDonations(ctx.store, {})) {
    const donorId = pledged.get(d.receiptId);
    if (donorId === undefined) continue;
    for (const l of d.lines) {
      const r = row(donorId, d.donorName, l);
      r.dispatched += l.dispatched;
    }
  }
  for (const r of rows.values()) r.inStock = r.received - r.dispatched;
  return [...rows.values()].sort((a, b) => a.donorName.localeCompare(b.donorName, 'zh-CN') || a.itemCode.localeCompare(b.itemCode));
}
