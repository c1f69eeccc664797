import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Depot, Session } from '../../../../main/core/depot.ts';
import { valueMovement } from '../../../../main/domains/stock/ledger.ts';
import { call, rid } from '../../../support/depot.ts';
import { ledgerMismatches, staffedDepot } from '../../../support/fixtures.ts';

/** Per item: the book (sum of its movement amounts), stock on hand, and the valuation kept beside it. */
export function bookOf(depot: Depot, itemId: number) {
  const m = depot.store.first<{ amount: number | null; qty: number | null; valued: number | null }>(
    'SELECT sum(coalesce(amount, 0)) AS amount, sum(qty) AS qty, sum(coalesce(valued_qty, 0)) AS valued FROM movements WHERE item_id = ?',
    [itemId],
  )!;
  const v = depot.store.first<{ priced_qty: number; priced_amount: number; unpriced_qty: number }>('SELECT * FROM item_valuation WHERE item_id = ?', [itemId]) ?? { priced_qty: 0, priced_amount: 0, unpriced_qty: 0 };
  const onHand = depot.store.first<{ n: number | null }>('SELECT sum(on_hand) AS n FROM stock WHERE item_id = ?', [itemId])!.n ?? 0;
  return { onHand, amount: m.amount ?? 0, pricedQty: v.priced_qty, valuationAmount: v.priced_amount, unpricedQty: v.unpriced_qty, movedValued: m.valued ?? 0 };
}

/** The finance officer's invariants: book = sum of movements = the valuation of what is on hand; never negative; zero on zero stock. */
export function valuationProblems(depot: Depot): string[] {
  const problems: string[] = [];
  for (const { id } of depot.store.all<{ id: number }>('SELECT id FROM items')) {
    const b = bookOf(depot, id);
    if (b.amount !== b.valuationAmount) problems.push(`item ${id}: movements ${b.amount} ≠ valuation ${b.valuationAmount}`);
    if (b.pricedQty + b.unpricedQty !== b.onHand) problems.push(`item ${id}: priced ${b.pricedQty} + unpriced ${b.unpricedQty} ≠ on hand ${b.onHand}`);
    if (b.movedValued !== b.pricedQty) problems.push(`item ${id}: valued rows ${b.movedValued} ≠ priced ${b.pricedQty}`);
    if (b.amount < 0) problems.push(`item ${id}: negative book ${b.amount}`);
    if (b.onHand === 0 && b.amount !== 0) problems.push(`item ${id}: ${b.amount} on zero stock`);
  }
  return problems;
}

describe('book value follows stock (moving weighted average)', () => {
  let d: Awaited<ReturnType<typeof staffedDepot>>;
  let depot: Depot;
  let f: typeof d.f;
  let keeper: Session;
  let approver: Session;
  let unitId: number;
  beforeEach(async () => {
    d = await staffedDepot();
    ({ depot, f, keeper, approver, unitId } = d);
  });
  afterEach(() => d.env.cleanup());
  const receive = (itemId: number, qty: number, unitCost: number | null) => d.receive(itemId, qty, unitCost);
  const ship = (itemId: number, qty: number) => d.ship(itemId, qty);

  it('a purchase of 100 @ ¥10.00, a donation of 100 without a price, a dispatch of 150: 50 on hand, never a negative amount', async () => {
    await receive(f.bed.id, 100, 1000);
    await receive(f.bed.id, 100, null);
    await ship(f.bed.id, 150);
    const b = bookOf(depot, f.bed.id);
    // Was: 50 pieces and −¥500.00. The dispatch takes priced and unpriced stock in proportion.
    expect(b).toMatchObject({ onHand: 50, amount: 25_000, pricedQty: 25, unpricedQty: 25 });
    const out = depot.store.first<{ amount: number; valued_qty: number }>("SELECT amount, valued_qty FROM movements WHERE doc_type = 'dispatch'")!;
    expect(out).toEqual({ amount: -75_000, valued_qty: -75 });
    expect(valuationProblems(depot)).toEqual([]);
  });

  it('one lot received at ¥10 and at ¥12 and emptied leaves nothing on zero stock; partly emptied it is at the average', async () => {
    await receive(f.bed.id, 100, 1000);
    await receive(f.bed.id, 100, 1200);
    await ship(f.bed.id, 50);
    expect(bookOf(depot, f.bed.id)).toMatchObject({ onHand: 150, amount: 165_000 });
    await ship(f.bed.id, 150);
    expect(bookOf(depot, f.bed.id)).toMatchObject({ onHand: 0, amount: 0 });
    expect(valuationProblems(depot)).toEqual([]);
  });

  it('a return (退库) of 100 comes back at the cost it left with, not at ¥0.00', async () => {
    await receive(f.bed.id, 200, 1000);
    await receive(f.bed.id, 200, 1300);
    await ship(f.bed.id, 300);
    const draft = await call(depot, keeper, 'receipts.saveDraft', {
      sourceType: 'return', unitId, lines: [{ itemId: f.bed.id, counted: 100, locationId: f.a1.id }], requestId: rid(),
    });
    await call(depot, keeper, 'receipts.post', { id: draft.id, version: draft.version, requestId: rid() });
    const back = depot.store.first<{ amount: number }>("SELECT amount FROM movements WHERE doc_type = 'receipt' AND source_type = 'return'")!;
    expect(back.amount).toBe(115_000);
    expect(valuationProblems(depot)).toEqual([]);
  });

  it('a reversal undoes exactly the amount of what it reverses; a move never changes the book', async () => {
    await receive(f.mask.id, 1000, 300);
    await receive(f.mask.id, 1000, null);
    const order = await ship(f.mask.id, 700);
    const shipped = bookOf(depot, f.mask.id);
    const lot = depot.store.first<{ id: number }>('SELECT id FROM lots WHERE item_id = ?', [f.mask.id])!.id;
    await call(depot, keeper, 'transfers.post', { lines: [{ lotId: lot, fromLocationId: f.a1.id, toLocationId: f.a2.id, qty: 333 }], requestId: rid() });
    expect(bookOf(depot, f.mask.id)).toMatchObject({ amount: shipped.amount, pricedQty: shipped.pricedQty, unpricedQty: shipped.unpricedQty });
    await call(depot, approver, 'dispatch.reverse', { id: order.id, reason: '误发', requestId: rid() });
    expect(bookOf(depot, f.mask.id)).toMatchObject({ onHand: 2000, amount: 300_000, pricedQty: 1000, unpricedQty: 1000 });
    expect(valuationProblems(depot)).toEqual([]);
    expect(ledgerMismatches(depot)).toEqual([]);
  });

  it('a stocktake gain comes in at the average cost, a loss leaves at it', async () => {
    await receive(f.bed.id, 100, 1000);
    await receive(f.bed.id, 100, 1200);
    const sheet = await call(depot, keeper, 'stocktakes.create', { locationId: f.a1.id, requestId: rid() });
    const counted = await call(depot, keeper, 'stocktakes.count', { id: sheet.id, version: sheet.version, counts: [{ lineId: sheet.lines[0]!.id, countedQty: 210 }], requestId: rid() });
    await call(depot, approver, 'stocktakes.post', { id: counted.id, version: counted.version, reason: '盘盈', requestId: rid() });
    expect(bookOf(depot, f.bed.id)).toMatchObject({ onHand: 210, amount: 231_000 });
    expect(valuationProblems(depot)).toEqual([]);
  });
});

describe('the valuation rules, over thousands of random sequences', () => {
  it('book = sum of movement amounts = valuation of on-hand stock; never negative; zero when stock is zero; reversals exact or at average', () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('in' as const), qty: fc.integer({ min: 1, max: 5000 }), cost: fc.option(fc.integer({ min: 0, max: 99_999 }), { nil: null }) }),
      fc.record({ kind: fc.constant('out' as const), qty: fc.integer({ min: 1, max: 5000 }) }),
      fc.record({ kind: fc.constant('reverse' as const), pick: fc.nat(), part: fc.integer({ min: 1, max: 100 }) }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const v = { priced_qty: 0, priced_amount: 0, unpriced_qty: 0 };
        const rows: { qty: number; amount: number | null; valued: number }[] = [];
        let sum = 0;
        for (const s of steps) {
          const onHand = v.priced_qty + v.unpriced_qty;
          let qty: number;
          let m: { valued: number; amount: number | null };
          if (s.kind === 'in') {
            qty = s.qty;
            m = valueMovement(v, qty, { amount: s.cost === null ? null : s.cost * qty });
          } else if (s.kind === 'out') {
            qty = -Math.min(s.qty, onHand);
            if (qty === 0) continue;
            m = valueMovement(v, qty, {});
          } else {
            if (rows.length === 0) continue;
            const orig = rows[s.pick % rows.length]!;
            qty = -Math.sign(orig.qty) * Math.max(1, Math.floor((Math.abs(orig.qty) * s.part) / 100));
            if (onHand + qty < 0) continue;
            m = valueMovement(v, qty, {}, orig);
          }
          v.priced_qty += m.valued;
          v.priced_amount += m.amount ?? 0;
          v.unpriced_qty += qty - m.valued;
          sum += m.amount ?? 0;
          rows.push({ qty, amount: m.amount, valued: m.valued });
          if (v.priced_qty < 0 || v.unpriced_qty < 0 || v.priced_amount < 0) return false;
          if (v.priced_amount !== sum) return false;
          if (v.priced_qty + v.unpriced_qty === 0 && v.priced_amount !== 0) return false;
          if (v.priced_qty === 0 && v.priced_amount !== 0) return false;
          if (Math.sign(m.valued) !== 0 && Math.sign(m.valued) !== Math.sign(qty)) return false;
        }
        return true;
      }),
      { numRuns: 3000 },
    );
  });
});

describe('a document that moves no stock is no transaction', () => {
  let d: Awaited<ReturnType<typeof staffedDepot>>;
  let depot: Depot;
  let f: typeof d.f;
  let keeper: Session;
  let dispatcher: Session;
  let approver: Session;
  beforeEach(async () => {
    d = await staffedDepot();
    ({ depot, f, keeper, dispatcher, approver } = d);
  });
  afterEach(() => d.env.cleanup());

  it('a receipt with nothing counted and a shipment with nothing picked are refused in words; a wholly rejected receipt posts but is no 笔', async () => {
    const empty = await call(depot, keeper, 'receipts.saveDraft', { sourceType: 'purchase', supplierId: f.maker.id, lines: [{ itemId: f.bed.id, counted: 0, locationId: f.a1.id }], requestId: rid() });
    const r = await depot.invoke('receipts.post', { id: empty.id, version: empty.version, requestId: rid() }, keeper);
    expect(r.ok ? 'posted' : r.error.message).toBe('入库单没有任何数量，不能过账：请录入数量，或作废该单据');

    const rejected = await call(depot, keeper, 'receipts.saveDraft', {
      sourceType: 'purchase', supplierId: f.maker.id, lines: [{ itemId: f.bed.id, counted: 40, rejected: 40, rejectReason: '无检验报告', locationId: f.a1.id }], requestId: rid(),
    });
    await call(depot, keeper, 'receipts.post', { id: rejected.id, version: rejected.version, requestId: rid() });
    expect((await call(depot, keeper, 'stats.summary', {})).cumulative.documents.inbound).toBe(0);

    const order = await call(depot, dispatcher, 'dispatch.create', { unitId: d.unitId, lines: [{ itemId: f.bed.id, qty: 5 }], requestId: rid() });
    const approved = await call(depot, approver, 'dispatch.approve', { id: order.id, version: order.version, allowShort: true, requestId: rid() });
    const shipped = await depot.invoke('dispatch.ship', { id: approved.id, version: approved.version, requestId: rid() }, dispatcher);
    expect(shipped.ok ? 'shipped' : shipped.error.message).toBe(`出库单 ${order.no}没有任何数量，不能过账：请录入数量，或作废该单据`);
    expect((await call(depot, keeper, 'stats.summary', {})).cumulative.documents.outbound).toBe(0);
  });
});
