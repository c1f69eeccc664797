import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Depot, Session } from '../../../../main/core/depot.ts';
import { valueMovement } from '../../../../main/domains/stock/valuation.ts';
import { call, rid } from '../../../support/depot.ts';
import { bookOf, ledgerMismatches, poolsAddUp, staffedDepot, valuationProblems } from '../../../support/fixtures.ts';

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

/** Per lot under 个别计价法: the lot's pool equals its movements, holds what the lot holds, and the item's pool is the sum of its lots'. */
function lotValuationProblems(depot: Depot): string[] {
  const problems: string[] = [];
  const rows = depot.store.all<{ lot: number; item: number; qty: number; amount: number; valued: number; pq: number | null; pa: number | null; uq: number | null }>(
    `SELECT l.id AS lot, l.item_id AS item,
            (SELECT coalesce(sum(on_hand), 0) FROM stock WHERE lot_id = l.id) AS qty,
            (SELECT coalesce(sum(coalesce(amount, 0)), 0) FROM movements WHERE lot_id = l.id) AS amount,
            (SELECT coalesce(sum(coalesce(valued_qty, 0)), 0) FROM movements WHERE lot_id = l.id) AS valued,
            v.priced_qty AS pq, v.priced_amount AS pa, v.unpriced_qty AS uq
       FROM lots l LEFT JOIN lot_valuation v ON v.lot_id = l.id`,
  );
  for (const r of rows) {
    const pool = { pq: r.pq ?? 0, pa: r.pa ?? 0, uq: r.uq ?? 0 };
    if (pool.pq + pool.uq !== r.qty) problems.push(`lot ${r.lot}: pool ${pool.pq}+${pool.uq} ≠ on hand ${r.qty}`);
    if (r.qty === 0 && pool.pa !== 0) problems.push(`lot ${r.lot}: ${pool.pa} on zero stock`);
  }
  return [...problems, ...poolsAddUp(depot, 'lots', 'SELECT l.item_id, v.* FROM lot_valuation v JOIN lots l ON l.id = v.lot_id')];
}

describe('specific identification by lot (个别计价法)', () => {
  let d: Awaited<ReturnType<typeof staffedDepot>>;
  let now = new Date('2026-04-09T02:00:00Z');
  beforeEach(async () => {
    now = new Date('2026-04-09T02:00:00Z');
    d = await staffedDepot({ clock: () => now });
  });
  afterEach(() => d.env.cleanup());

  it('is chosen before the first posting: each lot leaves at its own cost, not at the average', async () => {
    const { depot, admin, f } = d;
    expect(await call(depot, admin, 'stock.costingMethod', {})).toEqual({ method: 'moving_average', changeable: true, closedDay: null });
    await call(depot, admin, 'stock.setCostingMethod', { method: 'by_lot', requestId: rid() });
    await d.receive(f.mask.id, 1000, 300, { lotNo: 'L1', expiresOn: '2030-01-31' });
    await d.receive(f.mask.id, 1000, 500, { lotNo: 'L2', expiresOn: '2029-01-31' });
    await d.receive(f.mask.id, 500, null, { lotNo: 'L3', expiresOn: '2031-01-31' });
    // FEFO takes L2 (earliest expiry) first: 600 of it at its own ¥5.00, not at the average ¥4.00 of L1 and L2.
    await d.ship(f.mask.id, 600);
    const out = depot.store.first<{ amount: number }>("SELECT sum(amount) AS amount FROM movements WHERE doc_type = 'dispatch'")!;
    expect(out.amount).toBe(-300_000);
    // Then the rest of L2 and 200 of L1: 400 × ¥5.00 + 200 × ¥3.00.
    await d.ship(f.mask.id, 600);
    expect(depot.store.first<{ amount: number }>("SELECT sum(amount) AS amount FROM movements WHERE doc_type = 'dispatch'")!.amount).toBe(-300_000 - 200_000 - 60_000);
    expect(bookOf(depot, f.mask.id)).toMatchObject({ onHand: 1300, amount: 240_000, pricedQty: 800, unpricedQty: 500 });
    expect(valuationProblems(depot)).toEqual([]);
    expect(lotValuationProblems(depot)).toEqual([]);
    expect(ledgerMismatches(depot)).toEqual([]);
  });

  it('changes only at a period boundary: refused in words after a posting, allowed right after the day close, the lots then sharing the item’s value exactly', async () => {
    const { depot, admin, f } = d;
    await d.receive(f.mask.id, 1000, 300, { lotNo: 'L1', expiresOn: '2030-01-31' });
    await d.receive(f.mask.id, 1000, 500, { lotNo: 'L2', expiresOn: '2029-01-31' });
    await d.receive(f.mask.id, 333, null, { lotNo: 'L3', expiresOn: '2031-01-31' });
    await d.ship(f.mask.id, 777);
    const before = bookOf(depot, f.mask.id);

    const refused = await depot.invoke('stock.setCostingMethod', { method: 'by_lot', requestId: rid() }, admin);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error).toMatchObject({ code: 'costing_locked', field: 'method' });
    if (!refused.ok) expect(refused.error.message).toMatch(/^计价方法只能在首次过账之前/);
    expect(await call(depot, admin, 'stock.costingMethod', {})).toMatchObject({ method: 'moving_average', changeable: false });
    expect(depot.store.first<{ n: number }>('SELECT count(*) AS n FROM lot_valuation')!.n).toBe(0);

    now = new Date('2026-04-10T02:00:00Z');
    await call(depot, d.keeper, 'ledger.closeDay', { day: '2026-04-09', requestId: rid() });
    expect(await call(depot, admin, 'stock.costingMethod', {})).toEqual({ method: 'moving_average', changeable: true, closedDay: '2026-04-09' });
    await call(depot, admin, 'stock.setCostingMethod', { method: 'by_lot', requestId: rid() });
    // The item's book is unchanged, now carried lot by lot without a fen lost.
    expect(bookOf(depot, f.mask.id)).toMatchObject({ onHand: before.onHand, amount: before.amount, pricedQty: before.pricedQty });
    expect(lotValuationProblems(depot)).toEqual([]);

    // Goods move on, each lot from its own pool; emptied, the item holds nothing.
    await d.ship(f.mask.id, 1000);
    await d.ship(f.mask.id, before.onHand - 1000);
    expect(bookOf(depot, f.mask.id)).toMatchObject({ onHand: 0, amount: 0 });
    expect(valuationProblems(depot)).toEqual([]);
    expect(lotValuationProblems(depot)).toEqual([]);
    // And back to the average only after the next close.
    const again = await depot.invoke('stock.setCostingMethod', { method: 'moving_average', requestId: rid() }, admin);
    expect(again.ok).toBe(false);
  });

  it('holds over a random run of priced and unpriced receipts into three lots, FEFO dispatches and reversals, through the door', async () => {
    const { depot, admin, f } = d;
    await call(depot, admin, 'stock.setCostingMethod', { method: 'by_lot', requestId: rid() });
    const lots = ['A', 'B', 'C'];
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31), seed % n);
    const shipped: { id: number }[] = [];
    for (let i = 0; i < 40; i++) {
      const onHand = bookOf(depot, f.mask.id).onHand;
      const r = rand(10);
      if (r < 5 || onHand < 10) {
        const lot = lots[rand(3)]!;
        await d.receive(f.mask.id, 10 + rand(500), rand(4) === 0 ? null : 100 + rand(900), { lotNo: lot, expiresOn: `2030-0${1 + lots.indexOf(lot)}-28` });
      } else if (r < 8) {
        shipped.push(await d.ship(f.mask.id, 1 + rand(Math.min(onHand, 400))));
      } else if (shipped.length > 0) {
        const order = shipped.splice(rand(shipped.length), 1)[0]!;
        await call(depot, d.approver, 'dispatch.reverse', { id: order.id, reason: '误发', requestId: rid() });
      }
    }
    expect(valuationProblems(depot)).toEqual([]);
    expect(lotValuationProblems(depot)).toEqual([]);
    expect(ledgerMismatches(depot)).toEqual([]);
  });
});
