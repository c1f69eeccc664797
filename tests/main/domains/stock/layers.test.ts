import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Depot } from '../../../../main/core/depot.ts';
import type { Ctx } from '../../../../main/core/context.ts';
import { postMovement } from '../../../../main/domains/stock/ledger.ts';
import { call, rid } from '../../../support/depot.ts';
import { readWorkbook } from '../../excel/read-back.ts';
import { bookOf, ledgerMismatches, poolsAddUp, staffedDepot, valuationProblems } from '../../../support/fixtures.ts';

interface LayerRow {
  id: number;
  item_id: number;
  movement_id: number | null;
  priced_qty: number;
  priced_amount: number;
  unpriced_qty: number;
}
const layersOf = (depot: Depot, itemId: number) => depot.store.all<LayerRow>('SELECT * FROM cost_layers WHERE item_id = ? ORDER BY id', [itemId]);
const openLayers = (depot: Depot, itemId: number) =>
  layersOf(depot, itemId)
    .filter((l) => l.priced_qty + l.unpriced_qty > 0)
    .map((l) => ({ qty: l.priced_qty + l.unpriced_qty, amount: l.priced_amount, unpriced: l.unpriced_qty }));

/** Per item: the layers add up to the item's pool. */
const layerProblems = (depot: Depot) => poolsAddUp(depot, 'layers', 'SELECT * FROM cost_layers');

describe('first in, first out by receipt layer (先进先出法)', () => {
  let d: Awaited<ReturnType<typeof staffedDepot>>;
  let now = new Date('2026-04-09T02:00:00Z');
  beforeEach(async () => {
    now = new Date('2026-04-09T02:00:00Z');
    d = await staffedDepot({ clock: () => now });
    await call(d.depot, d.admin, 'stock.setCostingMethod', { method: 'fifo', requestId: rid() });
  });
  afterEach(() => d.env.cleanup());
  const dispatchAmounts = () => d.depot.store.all<{ amount: number }>("SELECT sum(amount) AS amount FROM movements WHERE doc_type = 'dispatch' GROUP BY doc_id ORDER BY doc_id").map((r) => r.amount);

  it('is offered in settings beside the other two, and chosen before the first posting', async () => {
    expect(await call(d.depot, d.admin, 'stock.costingMethod', {})).toEqual({ method: 'fifo', changeable: true, closedDay: null });
  });

  it('issues from the oldest receipt first, even within one lot: 100 @ ¥10 and 100 @ ¥12, 150 out leave 50 @ ¥12', async () => {
    const { depot, f } = d;
    // The bed has no lots: both receipts go into its one lot, which the average or the lot's cost would blur.
    await d.receive(f.bed.id, 100, 1000);
    await d.receive(f.bed.id, 100, 1200);
    await d.ship(f.bed.id, 150);
    expect(dispatchAmounts()).toEqual([-(100 * 1000 + 50 * 1200)]);
    expect(bookOf(depot, f.bed.id)).toMatchObject({ onHand: 50, amount: 50 * 1200, pricedQty: 50 });
    expect(openLayers(depot, f.bed.id)).toEqual([{ qty: 50, amount: 60_000, unpriced: 0 }]);
    await d.ship(f.bed.id, 50);
    expect(bookOf(depot, f.bed.id)).toMatchObject({ onHand: 0, amount: 0 });
    expect([...valuationProblems(depot), ...layerProblems(depot), ...ledgerMismatches(depot)]).toEqual([]);
  });

  it('the ledger workbook says which method valued it, and its 汇总 closes at the FIFO book', async () => {
    const { depot, f } = d;
    await d.receive(f.bed.id, 100, 1000);
    await d.receive(f.bed.id, 100, 1200);
    await d.ship(f.bed.id, 150);
    const path = join(d.env.dir, '台账-先进先出.xlsx');
    expect((await call(depot, d.admin, 'ledger.export', { from: '2026-04-09', to: '2026-04-09', path })).status).toBe('done');
    const summary = (await readWorkbook(path)).get('汇总')!;
    expect(String(summary[1]![0])).toContain('计价方法：先进先出法（按入库批次）');
    const header = Array.from({ length: Math.max(summary[2]!.length, summary[3]!.length) }, (_, i) => String(summary[3]![i] ?? summary[2]![i] ?? ''));
    const bed = summary.find((r) => r.includes('CW-001'))!;
    expect(bed[header.indexOf('期末数量')]).toBe(50);
    expect(bed[header.indexOf('期末金额(元)')]).toBe(600);
    expect(bed[header.indexOf('出库金额(元)')]).toBe(1600);
  });

  it('a return comes back at the cost it left with, as a layer of its own; the next dispatch still takes the oldest first', async () => {
    const { depot, f } = d;
    await d.receive(f.bed.id, 100, 1000);
    const order = await d.ship(f.bed.id, 60);
    await d.receive(f.bed.id, 100, 1200);
    await call(depot, d.approver, 'dispatch.reverse', { id: order.id, reason: '误发', requestId: rid() });
    const back = depot.store.first<{ amount: number }>("SELECT sum(amount) AS amount FROM movements WHERE doc_type = 'dispatch_reversal'")!;
    expect(back.amount).toBe(60 * 1000);
    expect(openLayers(depot, f.bed.id)).toEqual([
      { qty: 40, amount: 40_000, unpriced: 0 },
      { qty: 100, amount: 120_000, unpriced: 0 },
      { qty: 60, amount: 60_000, unpriced: 0 },
    ]);
    await d.ship(f.bed.id, 100);
    // 40 of the first receipt at ¥10, then 60 of the second at ¥12 — the returned goods wait their turn.
    expect(dispatchAmounts()).toEqual([-60_000, -(40 * 1000 + 60 * 1200)]);
    expect(bookOf(depot, f.bed.id)).toMatchObject({ onHand: 100, amount: 40 * 1200 + 60 * 1000 });
    expect([...valuationProblems(depot), ...layerProblems(depot), ...ledgerMismatches(depot)]).toEqual([]);
  });

  it('a receipt’s reversal takes back exactly its own layer, not the oldest', async () => {
    const { depot, f } = d;
    await d.receive(f.bed.id, 100, 1000);
    const second = await d.receive(f.bed.id, 100, 1200);
    await call(depot, d.approver, 'receipts.reverse', { id: second.id, reason: '错收', requestId: rid() });
    expect(depot.store.first<{ amount: number }>("SELECT amount FROM movements WHERE doc_type = 'receipt_reversal'")!.amount).toBe(-120_000);
    expect(bookOf(depot, f.bed.id)).toMatchObject({ onHand: 100, amount: 100_000 });
    expect(openLayers(depot, f.bed.id)).toEqual([{ qty: 100, amount: 100_000, unpriced: 0 }]);
    expect([...valuationProblems(depot), ...layerProblems(depot)]).toEqual([]);
  });

  it('unpriced donations are a layer of their own: an outflow through them carries 未计价 quantity, not a value', async () => {
    const { depot, f } = d;
    await d.receive(f.bed.id, 100, null);
    await d.receive(f.bed.id, 100, 1000);
    await d.ship(f.bed.id, 150);
    const out = depot.store.first<{ amount: number; valued_qty: number }>("SELECT amount, valued_qty FROM movements WHERE doc_type = 'dispatch'")!;
    // The donation came first: 100 leave unpriced, then 50 at ¥10.
    expect(out).toEqual({ amount: -50_000, valued_qty: -50 });
    expect(bookOf(depot, f.bed.id)).toMatchObject({ onHand: 50, amount: 50_000, pricedQty: 50, unpricedQty: 0 });
    expect([...valuationProblems(depot), ...layerProblems(depot)]).toEqual([]);
  });

  it('moves and goods written off at sign-off leave the layers as they were; a stocktake gain lays a layer at the average, a loss takes the oldest', async () => {
    const { depot, f } = d;
    await d.receive(f.bed.id, 100, 1000);
    await d.receive(f.bed.id, 100, 1200);
    const lot = depot.store.first<{ id: number }>('SELECT id FROM lots WHERE item_id = ?', [f.bed.id])!;
    const before = openLayers(depot, f.bed.id);
    await call(depot, d.keeper, 'transfers.post', { lines: [{ lotId: lot.id, fromLocationId: f.a1.id, toLocationId: f.a2.id, qty: 30 }], requestId: rid() });
    expect(openLayers(depot, f.bed.id)).toEqual(before);

    const shipped = await d.ship(f.bed.id, 20);
    const delivered = await call(depot, d.approver, 'dispatch.deliver', {
      id: shipped.id, version: shipped.version, receiver: '李护士长',
      discrepancies: [{ lineId: shipped.lines[0]!.id, lotId: lot.id, kind: 'damaged', qty: 5, reason: '外箱挤压破损' }],
      requestId: rid(),
    });
    expect(delivered.status).toBe('delivered');
    const [back, off] = depot.store.all<{ amount: number }>("SELECT amount FROM movements WHERE doc_type = 'delivery_adjustment' ORDER BY id");
    // The 5 damaged came back at the ¥10 they left with and were written off at the same ¥10.
    expect([back!.amount, off!.amount]).toEqual([5_000, -5_000]);
    expect(openLayers(depot, f.bed.id)).toEqual([{ qty: 80, amount: 80_000, unpriced: 0 }, { qty: 100, amount: 120_000, unpriced: 0 }]);

    const count = async (countedQty: number) => {
      const sheet = await call(depot, d.keeper, 'stocktakes.create', { locationId: f.a1.id, requestId: rid() });
      const line = sheet.lines.find((l) => l.lotId === lot.id)!;
      const counted = await call(depot, d.keeper, 'stocktakes.count', { id: sheet.id, version: sheet.version, counts: [{ lineId: line.id, countedQty }], requestId: rid() });
      await call(depot, d.approver, 'stocktakes.post', { id: counted.id, version: counted.version, reason: '月末盘点', requestId: rid() });
    };
    // 150 at A-01-01 (30 moved to A-01-02); counted 160: 10 found, at the average of 200,000 / 180.
    await count(160);
    expect(openLayers(depot, f.bed.id).at(-1)).toEqual({ qty: 10, amount: Math.round((200_000 * 10) / 180), unpriced: 0 });
    // Counted 70: 90 lost, from the oldest layer (80 at ¥10) and then 10 at ¥12.
    await count(70);
    const loss = depot.store.first<{ amount: number }>("SELECT amount FROM movements WHERE doc_type = 'stocktake' ORDER BY id DESC LIMIT 1")!;
    expect(loss.amount).toBe(-(80 * 1000 + 10 * 1200));
    expect([...valuationProblems(depot), ...layerProblems(depot), ...ledgerMismatches(depot)]).toEqual([]);
  });

  it('at every step of a run of priced receipts and dispatches the book is the cost of the newest receipts that make up the stock', async () => {
    const { depot, f } = d;
    let seed = 11;
    const rand = (n: number) => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31), Math.floor(seed / 65_536) % n);
    const receipts: { qty: number; cost: number }[] = [];
    for (let i = 0; i < 30; i++) {
      const onHand = bookOf(depot, f.bed.id).onHand;
      if (rand(2) === 0 || onHand === 0) {
        const r = { qty: 1 + rand(300), cost: 100 + rand(2000) };
        receipts.push(r);
        await d.receive(f.bed.id, r.qty, r.cost);
      } else {
        await d.ship(f.bed.id, 1 + rand(onHand));
      }
      // The textbook FIFO closing stock: walk back from the newest receipt until the stock is covered.
      let left = bookOf(depot, f.bed.id).onHand;
      let expected = 0;
      for (const r of [...receipts].reverse()) {
        const take = Math.min(left, r.qty);
        expected += take * r.cost;
        left -= take;
      }
      expect(bookOf(depot, f.bed.id).amount).toBe(expected);
    }
    expect([...valuationProblems(depot), ...layerProblems(depot)]).toEqual([]);
  });

  it('carries the book over at a period boundary: from the average into one layer per item, from lots into one layer per lot (oldest first), and back', async () => {
    const { depot, admin, f } = d;
    await call(depot, admin, 'stock.setCostingMethod', { method: 'moving_average', requestId: rid() });
    await d.receive(f.mask.id, 1000, 300, { lotNo: 'L1', expiresOn: '2030-01-31' });
    await d.receive(f.mask.id, 1000, 500, { lotNo: 'L2', expiresOn: '2029-01-31' });
    await d.receive(f.mask.id, 333, null, { lotNo: 'L3', expiresOn: '2031-01-31' });
    await d.ship(f.mask.id, 777);
    const book = bookOf(depot, f.mask.id);
    const close = async (day: string, next: string) => {
      now = new Date(next);
      await call(depot, d.keeper, 'ledger.closeDay', { day, requestId: rid() });
    };
    const refused = await depot.invoke('stock.setCostingMethod', { method: 'fifo', requestId: rid() }, admin);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toMatch(/^计价方法只能在首次过账之前/);
    expect(layersOf(depot, f.mask.id)).toEqual([]);

    await close('2026-04-09', '2026-04-10T02:00:00Z');
    await call(depot, admin, 'stock.setCostingMethod', { method: 'fifo', requestId: rid() });
    expect(openLayers(depot, f.mask.id)).toEqual([{ qty: book.onHand, amount: book.amount, unpriced: book.unpricedQty }]);
    expect(layerProblems(depot)).toEqual([]);

    await close('2026-04-10', '2026-04-11T02:00:00Z');
    await call(depot, admin, 'stock.setCostingMethod', { method: 'by_lot', requestId: rid() });
    expect(depot.store.first<{ n: number }>('SELECT count(*) AS n FROM cost_layers')!.n).toBe(0);
    const lots = depot.store.all<{ qty: number; amount: number }>(
      'SELECT v.priced_qty + v.unpriced_qty AS qty, v.priced_amount AS amount FROM lot_valuation v WHERE v.priced_qty + v.unpriced_qty > 0 ORDER BY v.lot_id',
    );
    await close('2026-04-11', '2026-04-12T02:00:00Z');
    await call(depot, admin, 'stock.setCostingMethod', { method: 'fifo', requestId: rid() });
    expect(openLayers(depot, f.mask.id).map((l) => ({ qty: l.qty, amount: l.amount }))).toEqual(lots);
    expect(lots.length).toBeGreaterThan(1);
    expect(bookOf(depot, f.mask.id)).toMatchObject({ onHand: book.onHand, amount: book.amount });
    await d.ship(f.mask.id, book.onHand);
    expect(bookOf(depot, f.mask.id)).toMatchObject({ onHand: 0, amount: 0 });
    expect([...valuationProblems(depot), ...layerProblems(depot), ...ledgerMismatches(depot)]).toEqual([]);
  });

  it('holds over a random run of priced and unpriced receipts into three lots, FEFO dispatches, returns and receipt reversals, through the door', async () => {
    const { depot, f } = d;
    const lots = ['A', 'B', 'C'];
    let seed = 5;
    const rand = (n: number) => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31), Math.floor(seed / 65_536) % n);
    const shipped: { id: number }[] = [];
    const received: { id: number }[] = [];
    for (let i = 0; i < 50; i++) {
      const onHand = bookOf(depot, f.mask.id).onHand;
      const r = rand(12);
      if (r < 5 || onHand < 10) {
        const lot = lots[rand(3)]!;
        received.push(await d.receive(f.mask.id, 10 + rand(500), rand(4) === 0 ? null : 100 + rand(900), { lotNo: lot, expiresOn: `2030-0${1 + lots.indexOf(lot)}-28` }));
      } else if (r < 9) {
        shipped.push(await d.ship(f.mask.id, 1 + rand(Math.min(onHand, 400))));
      } else if (r < 11 && shipped.length > 0) {
        const order = shipped.splice(rand(shipped.length), 1)[0]!;
        await call(depot, d.approver, 'dispatch.reverse', { id: order.id, reason: '误发', requestId: rid() });
      } else if (received.length > 0) {
        // A receipt whose goods have left cannot be reversed (refused in words); one still in stock can.
        const receipt = received.splice(rand(received.length), 1)[0]!;
        const r2 = await depot.invoke('receipts.reverse', { id: receipt.id, reason: '错收', requestId: rid() }, d.approver);
        if (!r2.ok) expect(r2.error.code).not.toBe('internal');
      }
      expect([...valuationProblems(depot), ...layerProblems(depot)]).toEqual([]);
    }
    expect(ledgerMismatches(depot)).toEqual([]);
    // The run went through each kind of step.
    const kinds = depot.store.all<{ doc_type: string }>('SELECT DISTINCT doc_type FROM movements ORDER BY doc_type').map((r) => r.doc_type);
    expect(kinds).toEqual(['dispatch', 'dispatch_reversal', 'receipt', 'receipt_reversal']);
  });
});

describe('the FIFO rules over thousands of random sequences, through postMovement', () => {
  let d: Awaited<ReturnType<typeof staffedDepot>>;
  beforeEach(async () => {
    d = await staffedDepot();
    await call(d.depot, d.admin, 'stock.setCostingMethod', { method: 'fifo', requestId: rid() });
  });
  afterEach(() => d.env.cleanup());

  it('book = sum of movement amounts = the layers; never negative; zero on zero stock; outflows empty the oldest layers first; reversals exact where they can be', () => {
    const { depot, f } = d;
    const store = depot.store;
    const lotIds = ['F1', 'F2', 'F3'].map((no) => Number(store.run("INSERT INTO lots (item_id, lot_no, status, created_at) VALUES (?, ?, 'accepted', '2026-04-09T00:00:00Z')", [f.mask.id, no]).lastInsertRowid));
    const locations = [f.a1.id, f.a2.id];
    const ctx = { store, now: '2026-04-09T02:00:00.000Z', operator: { id: d.admin.operatorId }, emit: () => {}, t: (k: string) => k } as unknown as Ctx;
    const step = fc.oneof(
      fc.record({ kind: fc.constant('in' as const), lot: fc.nat(2), at: fc.nat(1), qty: fc.integer({ min: 1, max: 500 }), cost: fc.option(fc.integer({ min: 0, max: 9_999 }), { nil: null }) }),
      fc.record({ kind: fc.constant('out' as const), pick: fc.nat(), qty: fc.integer({ min: 1, max: 700 }) }),
      fc.record({ kind: fc.constant('reverse' as const), pick: fc.nat(), part: fc.integer({ min: 1, max: 100 }) }),
    );
    let docId = 0;
    fc.assert(
      fc.property(fc.array(step, { maxLength: 25 }), (steps) => {
        store.db.exec('BEGIN');
        try {
          const rows: { id: number; lotId: number; locationId: number; qty: number }[] = [];
          for (const s of steps) {
            const base = { docId: ++docId, docNo: `T${docId}` };
            if (s.kind === 'in') {
              const id = postMovement(ctx, { ...base, lotId: lotIds[s.lot]!, locationId: locations[s.at]!, qty: s.qty, docType: 'receipt', amount: s.cost === null ? null : s.cost * s.qty });
              rows.push({ id, lotId: lotIds[s.lot]!, locationId: locations[s.at]!, qty: s.qty });
              continue;
            }
            const balances = store.all<{ lot_id: number; location_id: number; on_hand: number }>('SELECT lot_id, location_id, on_hand FROM stock WHERE item_id = ? AND on_hand > 0 ORDER BY lot_id, location_id', [f.mask.id]);
            if (s.kind === 'out') {
              if (balances.length === 0) continue;
              const b = balances[s.pick % balances.length]!;
              const before = openLayerIds(store, f.mask.id);
              const id = postMovement(ctx, { ...base, lotId: b.lot_id, locationId: b.location_id, qty: -Math.min(s.qty, b.on_hand), docType: 'dispatch' });
              rows.push({ id, lotId: b.lot_id, locationId: b.location_id, qty: -Math.min(s.qty, b.on_hand) });
              // First in, first out: the layers it emptied are the oldest open ones, and at most one more was only opened into.
              const after = new Set(openLayerIds(store, f.mask.id));
              const gone = before.filter((l) => !after.has(l));
              if (gone.join() !== before.slice(0, gone.length).join()) return false;
            } else {
              if (rows.length === 0) continue;
              const orig = rows[s.pick % rows.length]!;
              const qty = -Math.sign(orig.qty) * Math.max(1, Math.floor((Math.abs(orig.qty) * s.part) / 100));
              const balance = balances.find((b) => b.lot_id === orig.lotId && b.location_id === orig.locationId)?.on_hand ?? 0;
              if (balance + qty < 0) continue;
              const id = postMovement(ctx, { ...base, lotId: orig.lotId, locationId: orig.locationId, qty, docType: qty > 0 ? 'dispatch_reversal' : 'receipt_reversal', reversesId: orig.id });
              rows.push({ id, lotId: orig.lotId, locationId: orig.locationId, qty });
            }
            if (valuationProblems(depot).length > 0 || layerProblems(depot).length > 0) return false;
            const layers = store.all<LayerRow>('SELECT * FROM cost_layers');
            if (layers.some((l) => l.priced_qty === 0 && l.priced_amount !== 0)) return false;
          }
          return true;
        } finally {
          store.db.exec('ROLLBACK');
        }
      }),
      { numRuns: 1000 },
    );
  });
});

function openLayerIds(store: Depot['store'], itemId: number): number[] {
  return store.all<{ id: number }>('SELECT id FROM cost_layers WHERE item_id = ? AND priced_qty + unpriced_qty > 0 ORDER BY id', [itemId]).map((l) => l.id);
}
