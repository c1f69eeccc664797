import { afterEach, describe, expect, it } from 'vitest';
import { adminSession, call, rid, sessionWithRole, tempDepot } from '../../../support/depot.ts';
import { smallDepot } from '../../../support/fixtures.ts';
import { planLineReason } from '../../../../shared/allocation-reasons.ts';
import { i18nFor } from '../../../../shared/i18n/index.ts';

let env: ReturnType<typeof tempDepot>;
afterEach(() => env?.cleanup());

const DAY = '2026-04-10';

async function setup() {
  env = tempDepot({ clock: () => new Date('2026-04-10T08:00:00+08:00') });
  const admin = await adminSession(env.depot);
  const dispatcher = await sessionWithRole(env.depot, admin, 'dispatcher', 'ddy01');
  const approver = await sessionWithRole(env.depot, admin, 'approver', 'sh01');
  const d = await smallDepot(env.depot, admin);
  const unit = (code: string, name: string, type: string, staffCount: number) =>
    call(env.depot, admin, 'units.create', { code, name, type, staffCount, requestId: rid() });
  const hospital = await unit('U1', '市第一人民医院（定点）', 'designated_hospital', 900);
  const other = await unit('U2', '市中医院', 'other_hospital', 400);
  const townA = await unit('U3', '红旗镇卫生院', 'township_health_centre', 86);
  const townB = await unit('U4', '新华镇卫生院', 'township_health_centre', 40);
  // 10,000 masks in stock.
  const draft = await call(env.depot, admin, 'receipts.saveDraft', {
    sourceType: 'allocation', supplierId: d.maker.id,
    lines: [{ itemId: d.mask.id, lotNo: 'M1', expiresOn: '2028-01-01', counted: 10_000, locationId: d.a1.id }], requestId: rid(),
  });
  await call(env.depot, admin, 'receipts.post', { id: draft.id, version: draft.version, requestId: rid() });
  await call(env.depot, dispatcher, 'demand.save', {
    day: DAY,
    rows: [
      { unitId: hospital.id, itemId: d.mask.id, onHand: 300, dailyNeed: 2000, minimumNeed: 1500 },
      { unitId: other.id, itemId: d.mask.id, onHand: 0, dailyNeed: 1500, minimumNeed: 1000 },
      { unitId: townA.id, itemId: d.mask.id, onHand: 0, dailyNeed: 1000, minimumNeed: 200 },
      { unitId: townB.id, itemId: d.mask.id, onHand: 0, dailyNeed: 1000, minimumNeed: 200 },
    ],
    requestId: rid(),
  });
  return { admin, dispatcher, approver, hospital, other, townA, townB, ...d };
}

describe('allocation plans', () => {
  it('computes all three tiers under a shortage, takes an override with a reason, and approval makes draft orders', async () => {
    const { dispatcher, approver, mask, hospital, other, townA, townB } = await setup();
    const params = { day: DAY, coverDays: 3, reserve: { percent: 10 } };
    const plan = await call(env.depot, dispatcher, 'allocation.compute', params);
    const got = Object.fromEntries(plan.lines.map((l) => [l.unitCode, l.allocated]));
    // Reserve 1,000 of 10,000; full: 5,700 to the designated hospital; minimum: 1,000 to the other;
    // 2,300 left for the township centres by staff, 86:40.
    expect(plan.items[0]).toMatchObject({ available: 10_000, reserve: 1000 });
    expect(got).toEqual({ U1: 5700, U2: 1000, U3: 1570, U4: 730 });
    // Reasons travel as data and are told in words where shown.
    const reason = (code: string) => planLineReason(plan, plan.lines.find((l) => l.unitCode === code)!, i18nFor('zh-CN'));
    expect(reason('U1')).toContain('足量供给');
    expect(reason('U3')).toMatch(/按职工比例：剩余 2,300 × 86\/126/);

    const saved = await call(env.depot, dispatcher, 'allocation.save', {
      ...params,
      overrides: [{ unitId: townB.id, itemId: mask.id, allocated: 800, reason: '新华镇新增隔离点，电话确认' }],
      requestId: rid(),
    });
    expect(saved.revision).toBe(1);
    const line = saved.lines.find((l) => l.unitId === townB.id)!;
    expect([line.computed, line.allocated, line.overrideReason]).toEqual([730, 800, '新华镇新增隔离点，电话确认']);
    expect(saved.items[0]!.allocated).toBe(5700 + 1000 + 1570 + 800);

    // 9,070 against 10,000 − 1,000 reserve: the override eats 70 of the reserve, which the approver confirms.
    expect(saved.items[0]!.overReserve).toBe(true);
    const approved = await call(env.depot, approver, 'allocation.approve', { id: saved.id!, version: saved.version!, confirmReserve: true, requestId: rid() });
    expect(approved.status).toBe('approved');
    expect(approved.orders.map((o) => [o.unitName, o.status])).toEqual([
      ['市第一人民医院（定点）', 'draft'],
      ['市中医院', 'draft'],
      ['红旗镇卫生院', 'draft'],
      ['新华镇卫生院', 'draft'],
    ]);
    const order = await call(env.depot, dispatcher, 'dispatch.get', { id: approved.orders[3]!.id });
    expect(order.lines.map((l) => [l.itemCode, l.qty])).toEqual([['FH-001', 800]]);
    expect(order.planId).toBe(saved.id);
    const [summary] = await call(env.depot, dispatcher, 'allocation.list', { day: DAY });
    expect(summary).toMatchObject({ id: saved.id, status: 'approved', coverDays: 3, allocated: 9070, over: false });
    expect(summary!.shortfall).toBe(approved.units.reduce((n, u) => n + u.shortfall, 0));
    expect(summary!.orders).toHaveLength(4);
    // Approved plans are never changed.
    expect(() => env.depot.store.run('UPDATE allocation_lines SET allocated = 1 WHERE plan_id = ?', [saved.id])).toThrow(/never changed/);

    // A second revision is compared with the approved one.
    const rev2 = await call(env.depot, dispatcher, 'allocation.save', { ...params, reserve: { percent: 20 }, requestId: rid() });
    const diff = await call(env.depot, dispatcher, 'allocation.diff', { id: rev2.id! });
    expect(diff.againstRevision).toBe(1);
    expect(diff.changes.map((c) => [c.unitName, c.before, c.after])).toContainEqual(['新华镇卫生院', 800, expect.any(Number)]);
    void hospital;
    void other;
    void townA;
  });

  it('blocks approval when the plan gives away more than is available', async () => {
    const { dispatcher, approver, mask, hospital } = await setup();
    const saved = await call(env.depot, dispatcher, 'allocation.save', {
      day: DAY, coverDays: 3, overrides: [{ unitId: hospital.id, itemId: mask.id, allocated: 12_000, reason: '上级指示' }], requestId: rid(),
    });
    expect(saved.items[0]!.over).toBe(true);
    expect((await call(env.depot, dispatcher, 'allocation.list', {}))[0]).toMatchObject({ id: saved.id, over: true, allocated: saved.items[0]!.allocated });
    const refused = await env.depot.invoke('allocation.approve', { id: saved.id, version: saved.version, requestId: rid() }, approver);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toContain('超过可用库存 10000只');
    expect(env.depot.store.first<{ n: number }>('SELECT count(*) AS n FROM dispatch_orders')!.n).toBe(0);
  });

  it('tells who has not reported and carries the last report forward with a mark', async () => {
    const { dispatcher, hospital, townA } = await setup();
    const status = await call(env.depot, dispatcher, 'demand.status', { day: '2026-04-11' });
    expect(status.find((s) => s.unitId === hospital.id)).toMatchObject({ reported: false, lastDay: DAY });
    const { carried } = await call(env.depot, dispatcher, 'demand.carryForward', { day: '2026-04-11', unitIds: [hospital.id, townA.id], requestId: rid() });
    expect(carried).toBe(2);
    const rows = await call(env.depot, dispatcher, 'demand.list', { day: '2026-04-11' });
    expect(rows.map((r) => [r.unitCode, r.carriedFrom, r.dailyNeed])).toEqual([
      ['U1', DAY, 2000],
      ['U3', DAY, 1000],
    ]);
  });
});
