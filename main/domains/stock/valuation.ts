/** The value a movement carries (移动加权平均 / 个别计价法 / 先进先出法 all value from pools with these rules). */
export interface Valuation {
  priced_qty: number;
  priced_amount: number;
  unpriced_qty: number;
}

/**
 * The value a movement carries from its pool — the item's under the moving weighted average
 * (移动加权平均), the lot's under specific identification (个别计价法), a layer's under first-in,
 * first-out (先进先出法, layers.ts) — and the part of its
 * quantity that value covers. The rules keep the book right at every moment: an outflow takes
 * priced and unpriced stock in proportion, and its share of the value at the average cost — all
 * that is left when it empties the priced stock, so zero stock is never left with a residue and no
 * amount goes negative. A reversal undoes exactly the amount and priced part of what it reverses,
 * unless stock has moved on so far that doing so would break those rules; then it leaves at the
 * average like any outflow.
 */
export function valueMovement(v: Valuation, qty: number, given: { amount?: number | null; valuedQty?: number }, original?: { valued: number; amount: number | null; qty: number }): { valued: number; amount: number | null } {
  if (original) {
    const exact = exactUndoing(qty, original);
    if (qty > 0 || feasibleOut(v, qty, exact)) return exact;
  }
  if (given.amount !== undefined && (qty > 0 || given.valuedQty !== undefined)) {
    if (given.amount === null) return { valued: 0, amount: null };
    return { valued: given.valuedQty ?? qty, amount: given.amount };
  }
  if (qty > 0) {
    // In without a price (a stocktake gain): at the average cost, or unpriced when nothing is priced.
    if (v.priced_qty === 0) return { valued: 0, amount: null };
    return { valued: qty, amount: Math.round((v.priced_amount * qty) / v.priced_qty) };
  }
  const out = -qty;
  const total = v.priced_qty + v.unpriced_qty;
  let priced = total === 0 ? 0 : Math.round((out * v.priced_qty) / total);
  priced = Math.min(Math.max(priced, out - v.unpriced_qty, 0), out, v.priced_qty);
  if (priced === 0) return { valued: 0, amount: null };
  const amount = priced === v.priced_qty ? v.priced_amount : Math.round((v.priced_amount * priced) / v.priced_qty);
  return { valued: -priced, amount: -amount };
}

/** What undoing (part of) a ledger row carries exactly: its share of that row's value, opposite in sign — part of a row (a delivery short of what shipped) takes its share. */
export function exactUndoing(qty: number, original: { valued: number; amount: number | null; qty: number }): { valued: number; amount: number | null } {
  const share = (x: number) => (Math.abs(qty) === Math.abs(original.qty) ? -x : Math.round((-x * Math.abs(qty)) / Math.abs(original.qty)));
  const exact = { valued: share(original.valued), amount: original.amount === null ? null : share(original.amount) };
  if (exact.valued === 0) exact.amount = null;
  return exact;
}

/** Whether an outflow carrying m can leave pool v and keep it right: nothing negative, no value left on no priced stock. */
export function feasibleOut(v: Valuation, qty: number, m: { valued: number; amount: number | null }): boolean {
  const priced = -m.valued;
  const amount = -(m.amount ?? 0);
  if (priced < 0 || amount < 0 || priced > v.priced_qty || -qty - priced > v.unpriced_qty || amount > v.priced_amount) return false;
  return priced < v.priced_qty || amount === v.priced_amount;
}
