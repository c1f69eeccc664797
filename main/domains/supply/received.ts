import type { Store } from '../../store/db.ts';

export interface Taken {
  accepted: number;
  rejected: number;
}

/**
 * What the posted receipts naming a purchase order or pledge brought in, per item. A reversed
 * receipt (红冲) counts for nothing, so what it had brought is outstanding again.
 */
export function receivedByItem(store: Store, against: 'purchase_order_id' | 'pledge_id', id: number, exceptReceiptId: number | null = null): Map<number, Taken> {
  const rows = store.all<{ item_id: number; accepted: number; rejected: number }>(
    `SELECT rl.item_id, sum(rl.accepted) AS accepted, sum(rl.rejected) AS rejected
       FROM receipts r JOIN receipt_lines rl ON rl.receipt_id = r.id
      WHERE r.${against} = ? AND r.status = 'posted' AND r.reverses_id IS NULL AND r.id IS NOT ?
        AND NOT EXISTS (SELECT 1 FROM receipts x WHERE x.reverses_id = r.id)
      GROUP BY rl.item_id`,
    [id, exceptReceiptId],
  );
  return new Map(rows.map((r) => [r.item_id, { accepted: r.accepted, rejected: r.rejected }]));
}

/**
 * Spreads what came of an item over the document's lines of that item, earliest promise first;
 * what is beyond every line stays on the last one as "over".
 */
export function spread<L extends { itemId: number; ordered: number }>(lines: readonly L[], taken: Map<number, Taken>): (L & { received: number; rejected: number; outstanding: number; over: number })[] {
  const left = new Map([...taken].map(([itemId, t]) => [itemId, { ...t }]));
  const lastOf = new Map(lines.map((l, i) => [l.itemId, i]));
  return lines.map((l, i) => {
    const t = left.get(l.itemId) ?? { accepted: 0, rejected: 0 };
    left.set(l.itemId, t);
    const last = lastOf.get(l.itemId) === i;
    const received = last ? t.accepted : Math.min(l.ordered, t.accepted);
    // Rejected goods are the supplier's to replace: they show on the item's first line and take nothing off what is outstanding.
    const rejected = t.rejected;
    t.accepted -= received;
    t.rejected = 0;
    return { ...l, received, rejected, outstanding: Math.max(0, l.ordered - received), over: Math.max(0, received - l.ordered) };
  });
}
