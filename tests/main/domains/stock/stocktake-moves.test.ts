import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Depot, Session } from '../../../../main/core/depot.ts';
import { adminSession, call, rid, sessionWithRole, tempDepot } from '../../../support/depot.ts';
import { ledgerMismatches, smallDepot } from '../../../support/fixtures.ts';

/**
 * Seen: a sheet made at book 1,600, 30 shipped while the shelf was counted, counted 1,570, posted →
 * book 1,540: the shipment was lost twice. The difference is now counted against the book at the
 * moment of the count (the snapshot plus what moved since), and the sheet shows what moved.
 */
describe('a stocktake while the depot keeps shipping', () => {
  let env: ReturnType<typeof tempDepot>;
  let depot: Depot;
  let keeper: Session;
  let dispatcher: Session;
  let approver: Session;
  let f: Awaited<ReturnType<typeof smallDepot>>;
  let unitId: number;

  beforeEach(async () => {
    env = tempDepot();
    depot = env.depot;
    const admin = await adminSession(depot);
    f = await smallDepot(depot, admin);
    keeper = await sessionWithRole(depot, admin, 'storekeeper', 'keeper');
    dispatcher = await sessionWithRole(depot, admin, 'dispatcher', 'ddy');
    approver = await sessionWithRole(depot, admin, 'approver', 'boss');
    unitId = (await call(depot, admin, 'units.create', { code: 'U-01', name: '市第一医院', type: 'designated_hospital', requestId: rid() })).id;
    const draft = await call(depot, keeper, 'receipts.saveDraft', {
      sourceType: 'purchase',
      supplierId: f.maker.id,
      lines: [{ itemId: f.mask.id, lotNo: 'KN01', expiresOn: '2030-01-31', counted: 1600, unitCost: 250, locationId: f.a1.id }],
      requestId: rid(),
    });
    await call(depot, keeper, 'receipts.post', { id: draft.id, version: draft.version, requestId: rid() });
  });
  afterEach(() => env.cleanup());

  const book = () => depot.store.first<{ n: number }>('SELECT sum(on_hand) AS n FROM stock')!.n;
  async function ship(qty: number) {
    const order = await call(depot, dispatcher, 'dispatch.create', { unitId, lines: [{ itemId: f.mask.id, qty }], requestId: rid() });
    const approved = await call(depot, approver, 'dispatch.approve', { id: order.id, version: order.version, requestId: rid() });
    await call(depot, dispatcher, 'dispatch.ship', { id: approved.id, version: approved.version, requestId: rid() });
  }
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
