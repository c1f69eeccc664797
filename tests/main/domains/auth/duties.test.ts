import { afterEach, describe, expect, it } from 'vitest';
import type { Depot, Session } from '../../../../main/core/depot.ts';
import type { ChannelName } from '../../../../shared/contract/index.ts';
import { adminSession, call, rid, sessionWithRole, tempDepot } from '../../../support/depot.ts';
import { ledgerMismatches, smallDepot } from '../../../support/fixtures.ts';

/**
 * Seen: a storekeeper reversed their own receipt, released a lot they had quarantined, wrote a
 * whole shipment off as damaged at sign-off, imported opening stock into a depot in use, changed
 * the unit of an item holding stock; one admin created and approved their own dispatch order and
 * stocktake. Each is now an approver's act, and no one approves their own document (a setting,
 * on by default).
 */
let env: ReturnType<typeof tempDepot>;
afterEach(() => env?.cleanup());

/** Everything a refused call could have changed. */
const tables = (depot: Depot) => ['movements', 'stock', 'receipts', 'lots', 'dispatch_orders', 'delivery_discrepancies', 'stocktakes', 'items'].map((t) => depot.store.all(`SELECT * FROM ${t} ORDER BY rowid`));

async function refused(depot: Depot, session: Session, channel: ChannelName, input: unknown) {
  const before = tables(depot);
  const result = await depot.invoke(channel, input, session);
  if (result.ok) throw new Error(`${channel} was accepted`);
  expect(tables(depot), `${channel} refused but changed data`).toEqual(before);
  return result.error;
}

async function setup() {
  env = tempDepot({ clock: () => new Date('2026-04-10T10:00:00+08:00') });
  const depot = env.depot;
  const admin = await adminSession(depot);
  const keeper = await sessionWithRole(depot, admin, 'storekeeper', 'bgy01');
  const dispatcher = await sessionWithRole(depot, admin, 'dispatcher', 'ddy01');
  const approver = await sessionWithRole(depot, admin, 'approver', 'sh01');
  const f = await smallDepot(depot, admin);
  const unit = await call(depot, admin, 'units.create', { code: 'FC-01', name: '会展中心方舱医院', type: 'makeshift_hospital', requestId: rid() });
  const receive = async (s: Session, lines: { itemId: number; lotNo?: string; counted: number; locationId: number }[], sourceType = 'purchase') => {
    const d = await call(depot, s, 'receipts.saveDraft', { sourceType, ...(sourceType === 'purchase' ? { supplierId: f.maker.id } : {}), lines: lines.map((l) => ({ expiresOn: '2028-01-31', ...l })), requestId: rid() });
    return call(depot, s, 'receipts.post', { id: d.id, version: d.version, requestId: rid() });
  };
  return { depot, admin, keeper, dispatcher, approver, unit, receive, ...f };
}

describe('separation of duties', () => {
  it('a receipt is reversed by an approver, never by the storekeeper or by the one who posted it', async () => {
    const { depot, admin, keeper, approver, mask, a1, receive } = await setup();
    const posted = await receive(keeper, [{ itemId: mask.id, lotNo: 'L1', counted: 1000, locationId: a1.id }]);
    expect((await refused(depot, keeper, 'receipts.reverse', { id: posted.id, reason: '错收', requestId: rid() })).code).toBe('forbidden');

    const byAdmin = await receive(admin, [{ itemId: mask.id, lotNo: 'L2', counted: 50, locationId: a1.id }]);
    const own = await refused(depot, admin, 'receipts.reverse', { id: byAdmin.id, reason: '错收', requestId: rid() });
    expect(own).toMatchObject({ code: 'own_document' });
    expect(own.message).toBe(`不得审核本人的单据：${byAdmin.no} 由您本人经手，红冲入库单须由另一位审核员办理`);

    const reversal = await call(depot, approver, 'receipts.reverse', { id: posted.id, reason: '错收', requestId: rid() });
    expect(reversal.reversesNo).toBe(posted.no);
    expect((await call(depot, keeper, 'stock.list', { itemId: mask.id })).totals.onHand).toBe(50);
  });

  it('a quarantined lot is released by an approver other than the one who quarantined it', async () => {
    const { depot, admin, keeper, approver, mask, a1, receive } = await setup();
    await receive(keeper, [{ itemId: mask.id, lotNo: 'Q1', counted: 500, locationId: a1.id }]);
    const lot = async () => (await call(depot, keeper, 'lots.find', { lotNo: 'Q1' }))[0]!;
    let q = await lot();
    await call(depot, keeper, 'lots.setStatus', { id: q.id, version: q.version, status: 'quarantined', note: '抽检待复核', requestId: rid() });
    q = await lot();
    const byKeeper = await refused(depot, keeper, 'lots.setStatus', { id: q.id, version: q.version, status: 'accepted', note: '', requestId: rid() });
    expect(byKeeper.code).toBe('approver_only');
    expect(byKeeper.message).toBe('解除冻结须由审核员（或管理员）办理，当前角色（保管员）不能办理');
    // The approver releases the keeper's quarantine.
    await call(depot, approver, 'lots.setStatus', { id: q.id, version: q.version, status: 'accepted', note: '复核合格', requestId: rid() });

    // An admin who quarantined a lot does not release it too.
    q = await lot();
    await call(depot, admin, 'lots.setStatus', { id: q.id, version: q.version, status: 'quarantined', note: '再次抽检', requestId: rid() });
    q = await lot();
    expect((await refused(depot, admin, 'lots.setStatus', { id: q.id, version: q.version, status: 'accepted', note: '', requestId: rid() })).code).toBe('own_document');
    expect((await call(depot, approver, 'lots.setStatus', { id: q.id, version: q.version, status: 'accepted', note: '复核合格', requestId: rid() })).status).toBe('accepted');
  });

  it('a shipment is written off at sign-off only by an approver who did not ship it; a clean sign-off stays the floor\'s', async () => {
    const { depot, admin, keeper, dispatcher, approver, mask, a1, unit, receive } = await setup();
    await receive(keeper, [{ itemId: mask.id, lotNo: 'M1', counted: 2000, locationId: a1.id }]);
    const shipped = async (creator: Session, shipper: Session, checker: Session) => {
      const o = await call(depot, creator, 'dispatch.create', { unitId: unit.id, lines: [{ itemId: mask.id, qty: 500 }], requestId: rid() });
      const a = await call(depot, checker, 'dispatch.approve', { id: o.id, version: o.version, requestId: rid() });
      return call(depot, shipper, 'dispatch.ship', { id: o.id, version: a.version, requestId: rid() });
    };
    const o = await shipped(dispatcher, keeper, approver);
    const wholeLoad = (x: typeof o) => ({
      id: x.id, version: x.version, receiver: '李护士长',
      discrepancies: [{ lineId: x.lines[0]!.id, lotId: x.lines[0]!.picks[0]!.lotId, kind: 'damaged', qty: 500, reason: '全部破损' }],
      requestId: rid(),
    });
    for (const floor of [keeper, dispatcher]) {
      expect((await refused(depot, floor, 'dispatch.deliver', wholeLoad(o))).code).toBe('approver_only');
    }
    const written = await call(depot, approver, 'dispatch.deliver', wholeLoad(o));
    expect(written.discrepancies.map((d) => [d.kind, d.qty])).toEqual([['damaged', 500]]);

    // The admin who shipped an order does not write it off.
    const byAdmin = await shipped(dispatcher, admin, approver);
    expect((await refused(depot, admin, 'dispatch.deliver', wholeLoad(byAdmin))).code).toBe('own_document');
    // Signed for in full: the floor's job, as before.
    const clean = await call(depot, keeper, 'dispatch.deliver', { id: byAdmin.id, version: byAdmin.version, receiver: '李护士长', requestId: rid() });
    expect(clean.status).toBe('delivered');
    expect(ledgerMismatches(depot)).toEqual([]);
  });

  it('opening stock is refused once the depot has other stock movements (an Excel import posts through the same receipt)', async () => {
    const { depot, keeper, mask, suit, a1, receive } = await setup();
    // Setting up: two opening sheets are fine.
    await receive(keeper, [{ itemId: mask.id, lotNo: 'O1', counted: 100, locationId: a1.id }], 'opening');
    await receive(keeper, [{ itemId: suit.id, lotNo: 'O2', counted: 10, locationId: a1.id }], 'opening');
    // Then the depot is in use.
    await receive(keeper, [{ itemId: mask.id, lotNo: 'P1', counted: 100, locationId: a1.id }]);
    const draft = await call(depot, keeper, 'receipts.saveDraft', { sourceType: 'opening', lines: [{ itemId: mask.id, lotNo: 'O3', expiresOn: '2028-01-31', counted: 99_999, locationId: a1.id }], requestId: rid() });
    const late = await refused(depot, keeper, 'receipts.post', { id: draft.id, version: draft.version, requestId: rid() });
    expect(late).toMatchObject({ code: 'depot_in_use', message: '本库已有日常出入库业务，不能再导入或录入期初库存；请改用入库单或盘点调整' });
    expect((await call(depot, keeper, 'stock.list', { itemId: mask.id })).totals.onHand).toBe(200);
  });

  it('an item with stock movements keeps its unit and its lot tracking', async () => {
    const { depot, keeper, mask, bed, suit, a1, receive } = await setup();
    await receive(keeper, [{ itemId: mask.id, lotNo: 'L1', counted: 1000, locationId: a1.id }]);
    const unit = await refused(depot, keeper, 'items.update', { id: mask.id, version: mask.version, changes: { unit: '箱' }, requestId: rid() });
    expect(unit).toMatchObject({ code: 'item_has_stock', field: 'unit', message: 'FH-001 医用防护口罩 已有出入库记录，不能再修改单位；如需更改，请新建物资' });
    expect((await refused(depot, keeper, 'items.update', { id: mask.id, version: mask.version, changes: { lotTracked: false }, requestId: rid() })).code).toBe('item_has_stock');
    // The same unit sent again, or other fields, are no change of unit.
    expect((await call(depot, keeper, 'items.update', { id: mask.id, version: mask.version, changes: { unit: '只', name: 'KN95 口罩' }, requestId: rid() })).name).toBe('KN95 口罩');
    // Items that never moved may still be corrected.
    expect((await call(depot, keeper, 'items.update', { id: suit.id, version: suit.version, changes: { unit: '件' }, requestId: rid() })).unit).toBe('件');
    expect((await call(depot, keeper, 'items.update', { id: bed.id, version: bed.version, changes: { lotTracked: true }, requestId: rid() })).lotTracked).toBe(true);
  });

  it('one admin does not create and approve their own dispatch order or stocktake, unless the setting is turned off', async () => {
    const { depot, admin, approver, keeper, mask, a1, unit, receive } = await setup();
    await receive(keeper, [{ itemId: mask.id, lotNo: 'L1', counted: 1000, locationId: a1.id }]);
    expect(await call(depot, approver, 'operators.policy', {})).toEqual({ noSelfApproval: true, lockAfterFailures: 5, lockMinutes: 15 });

    const order = await call(depot, admin, 'dispatch.create', { unitId: unit.id, lines: [{ itemId: mask.id, qty: 100 }], requestId: rid() });
    const own = await refused(depot, admin, 'dispatch.approve', { id: order.id, version: order.version, requestId: rid() });
    expect(own.message).toBe(`不得审核本人的单据：${order.no} 由您本人经手，审核调拨单须由另一位审核员办理`);
    const many = await call(depot, admin, 'dispatch.approveMany', { ids: [order.id], requestId: rid() });
    expect(many).toMatchObject({ approved: [], refused: [{ no: order.no }] });

    const sheet = await call(depot, admin, 'stocktakes.create', { locationId: a1.id, requestId: rid() });
    const counted = await call(depot, admin, 'stocktakes.count', { id: sheet.id, version: sheet.version, counts: [{ lineId: sheet.lines[0]!.id, countedQty: 990 }], requestId: rid() });
    expect((await refused(depot, admin, 'stocktakes.post', { id: sheet.id, version: counted.version, reason: '盘亏', requestId: rid() })).code).toBe('own_document');
    expect((await call(depot, approver, 'stocktakes.post', { id: sheet.id, version: counted.version, reason: '盘亏', requestId: rid() })).status).toBe('posted');

    // Only an admin turns the rule off, and it is audited; then a one-person desk may approve its own.
    expect((await refused(depot, approver, 'operators.setPolicy', { noSelfApproval: false, requestId: rid() })).code).toBe('forbidden');
    expect((await call(depot, admin, 'operators.setPolicy', { noSelfApproval: false, requestId: rid() })).noSelfApproval).toBe(false);
    expect(depot.store.first("SELECT before, after FROM audit_log WHERE entity = 'setting' AND entity_id = 'duties.noSelfApproval'")).toEqual({ before: 'true', after: 'false' });
    expect((await call(depot, admin, 'dispatch.approve', { id: order.id, version: order.version, requestId: rid() })).status).toBe('approved');
  });
});
