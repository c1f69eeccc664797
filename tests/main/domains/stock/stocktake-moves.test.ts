import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Depot, Session } from '../../../../main/core/depot.ts';
import { call, rid } from '../../../support/depot.ts';
import { ledgerMismatches, staffedDepot } from '../../../support/fixtures.ts';

/**
 * Seen: a sheet made at book 1,600, 30 shipped while the shelf was counted, counted 1,570, posted →
 * book 1,540: the shipment was lost twice. The difference is now counted against the book at the
 * moment of the count (the snapshot plus what moved since), and the sheet shows what moved.
 */
describe('a stocktake while the depot keeps shipping', () => {
  let d: Awaited<ReturnType<typeof staffedDepot>>;
  let depot: Depot;
  let f: typeof d.f;
  let keeper: Session;
  let approver: Session;

  beforeEach(async () => {
    d = await staffedDepot();
    ({ depot, f, keeper, approver } = d);
    await d.receive(f.mask.id, 1600, 250, { lotNo: 'KN01' });
  });
  afterEach(() => d.env.cleanup());

  const book = () => depot.store.first<{ n: number }>('SELECT sum(on_hand) AS n FROM stock')!.n;
  const ship = (qty: number) => d.ship(f.mask.id, qty);
  async function count(sheetId: number, qty: number) {
    const sheet = await call(depot, keeper, 'stocktakes.get', { id: sheetId });
    return call(depot, keeper, 'stocktakes.count', { id: sheet.id, version: sheet.version, counts: [{ lineId: sheet.lines[0]!.id, countedQty: qty }], requestId: rid() });
  }
  async function post(sheetId: number) {
    const sheet = await call(depot, keeper, 'stocktakes.get', { id: sheetId });
    return call(depot, approver, 'stocktakes.post', { id: sheet.id, version: sheet.version, reason: '月度盘点', requestId: rid() });
  }
  const adjustments = (sheetId: number) => depot.store.all<{ qty: number }>("SELECT qty FROM movements WHERE doc_type = 'stocktake' AND doc_id = ?", [sheetId]);

  it('30 shipped after the sheet was made, shelf counted 1,570: no difference, the book stays 1,570', async () => {
    const sheet = await call(depot, keeper, 'stocktakes.create', { locationId: f.a1.id, requestId: rid() });
    expect(sheet.lines[0]).toMatchObject({ bookQty: 1600, movedSince: 0, bookAtCount: 1600 });
    await ship(30);
    // The sheet, opened again while counting, says what moved since it was made.
    expect((await call(depot, keeper, 'stocktakes.get', { id: sheet.id })).lines[0]).toMatchObject({ bookQty: 1600, movedSince: -30, bookAtCount: 1570 });
    const counted = await count(sheet.id, 1570);
    expect(counted.lines[0]).toMatchObject({ bookAtCount: 1570, countedQty: 1570, difference: 0 });
    const posted = await post(sheet.id);
    expect(posted.lines[0]!.difference).toBe(0);
    expect(book()).toBe(1570);
    expect(adjustments(sheet.id)).toEqual([]);
    expect(ledgerMismatches(depot)).toEqual([]);
  });

  it('counted 1,600 first, then 30 shipped before the approver posts: nothing is adjusted, the book is 1,570', async () => {
    const sheet = await call(depot, keeper, 'stocktakes.create', { locationId: f.a1.id, requestId: rid() });
    await count(sheet.id, 1600);
    await ship(30);
    const posted = await post(sheet.id);
    expect(posted.lines[0]).toMatchObject({ bookAtCount: 1600, countedQty: 1600, difference: 0 });
    expect(book()).toBe(1570);
    expect(adjustments(sheet.id)).toEqual([]);
  });

  it('a real shortage is still found: 30 shipped, 1,560 on the shelf → −10 posted, book 1,560', async () => {
    const sheet = await call(depot, keeper, 'stocktakes.create', { locationId: f.a1.id, requestId: rid() });
    await ship(30);
    await count(sheet.id, 1560);
    const posted = await post(sheet.id);
    expect(posted.lines[0]).toMatchObject({ bookQty: 1600, movedSince: -30, bookAtCount: 1570, countedQty: 1560, difference: -10 });
    expect(book()).toBe(1560);
    expect(adjustments(sheet.id)).toEqual([{ qty: -10 }]);
    // The posted sheet reads the same later, whatever moves afterwards.
    await ship(100);
    expect((await call(depot, keeper, 'stocktakes.get', { id: sheet.id })).lines[0]).toMatchObject({ movedSince: -30, bookAtCount: 1570, difference: -10 });
    expect(ledgerMismatches(depot)).toEqual([]);
  });
});
