import { afterEach, describe, expect, it } from 'vitest';
import { adminSession, call, rid, sessionWithRole, tempDepot } from '../../../support/depot.ts';
import { smallDepot } from '../../../support/fixtures.ts';

/**
 * Seen: day 1's plan approved (3,000 for 市第一医院 on a draft order, not yet shipped), the reports
 * carried forward, day 2 computed — the hospital still needed 3,000 and got another 2,733. And a
 * second revision of one day approved kept the first one's drafts: 20 drafts worth 18,989 against
 * 10,000 in stock. Stock is never promised twice now.
 */
let env: ReturnType<typeof tempDepot>;
afterEach(() => env?.cleanup());
let now = new Date('2026-04-10T08:00:00+08:00');

async function setup() {
  now = new Date('2026-04-10T08:00:00+08:00');
  env = tempDepot({ clock: () => now });
  const admin = await adminSession(env.depot);
  const dispatcher = await sessionWithRole(env.depot, admin, 'dispatcher', 'ddy01');
  const approver = await sessionWithRole(env.depot, admin, 'approver', 'sh01');
  const d = await smallDepot(env.depot, admin);
  const hospital = await call(env.depot, admin, 'units.create', { code: 'U1', name: '市第一医院', type: 'designated_hospital', staffCount: 900, requestId: rid() });
  const other = await call(env.depot, admin, 'units.create', { code: 'U2', name: '市中医院', type: 'other_hospital', staffCount: 400, requestId: rid() });
  const draft = await call(env.depot, admin, 'receipts.saveDraft', {
    sourceType: 'allocation', supplierId: d.maker.id,
    lines: [{ itemId: d.mask.id, lotNo: 'M1', expiresOn: '2028-01-01', counted: 10_000, locationId: d.a1.id }], requestId: rid(),
  });
  await call(env.depot, admin, 'receipts.post', { id: draft.id, version: draft.version, requestId: rid() });
  await call(env.depot, dispatcher, 'demand.save', {
    day: '2026-04-10',
    rows: [
      { unitId: hospital.id, itemId: d.mask.id, onHand: 0, dailyNeed: 1000, minimumNeed: 500 },
      { unitId: other.id, itemId: d.mask.id, onHand: 0, dailyNeed: 1000, minimumNeed: 500 },
    ],
    requestId: rid(),
  });
  return { dispatcher, approver, hospital, other, ...d };
}

const drafts = () => env.depot.store.all<{ unit_id: number; qty: number; status: string }>(
  `SELECT o.unit_id, sum(l.qty) AS qty, o.status FROM dispatch_orders o JOIN dispatch_lines l ON l.order_id = o.id GROUP BY o.id ORDER BY o.id`,
);

describe('allocation rounds never promise the same stock twice', () => {
  it('across days: day 1’s drafts count against the hospital’s need on day 2, and against the stock', async () => {
    const { dispatcher, approver, hospital, mask } = await setup();
    const params = { day: '2026-04-10', coverDays: 3, reserve: { percent: 0 } };
    const day1 = await call(env.depot, dispatcher, 'allocation.save', { ...params, requestId: rid() });
    expect(day1.lines.find((l) => l.unitId === hospital.id)!.allocated).toBe(3000);
    await call(env.depot, approver, 'allocation.approve', { id: day1.id!, version: day1.version!, requestId: rid() });

    now = new Date('2026-04-11T08:00:00+08:00');
    await call(env.depot, dispatcher, 'demand.carryForward', { day: '2026-04-11', unitIds: [hospital.id], requestId: rid() });
    const day2 = await call(env.depot, dispatcher, 'allocation.compute', { ...params, day: '2026-04-11' });
    const line = day2.lines.find((l) => l.unitId === hospital.id)!;
    expect(line).toMatchObject({ need: 0, allocated: 0 });
    expect(line.reason).toContain('在途/待发 3,000');
    // 10,000 on hand, 3,500 promised on day 1's drafts (3,000 full to the hospital, the other its minimum 500): 6,500 may be planned.
    expect(day2.items.find((i) => i.itemId === mask.id)!.available).toBe(6500);
  });

  it('within a day: approving revision 2 cancels revision 1’s drafts with a reason and says so', async () => {
    const { dispatcher, approver, hospital, other } = await setup();
    const params = { day: '2026-04-10', coverDays: 3, reserve: { percent: 0 } };
    const rev1 = await call(env.depot, dispatcher, 'allocation.save', { ...params, requestId: rid() });
    await call(env.depot, approver, 'allocation.approve', { id: rev1.id!, version: rev1.version!, requestId: rid() });
    expect(drafts().map((o) => o.status)).toEqual(['draft', 'draft']);

    const rev2 = await call(env.depot, dispatcher, 'allocation.save', { ...params, coverDays: 2, requestId: rid() });
    expect(rev2.revision).toBe(2);
    const approved = await call(env.depot, approver, 'allocation.approve', { id: rev2.id!, version: rev2.version!, requestId: rid() });
    expect(approved.superseded!.map((o) => o.unitName)).toEqual(['市第一医院', '市中医院']);
    const all = drafts();
    expect(all.map((o) => o.status)).toEqual(['cancelled', 'cancelled', 'draft', 'draft']);
    expect(all.filter((o) => o.status === 'draft').reduce((n, o) => n + o.qty, 0)).toBeLessThanOrEqual(10_000);
    expect(all.filter((o) => o.status === 'draft').map((o) => [o.unit_id, o.qty])).toEqual([[hospital.id, 2000], [other.id, 500]]);
    const reason = env.depot.store.first<{ cancel_reason: string }>("SELECT cancel_reason FROM dispatch_orders WHERE status = 'cancelled'")!;
    expect(reason.cancel_reason).toBe('已被 2026-04-10 分配方案第 2 版取代');
  });
});

describe('one mistyped figure does not stop the day', () => {
  it('an on-hand of 13,800,138,000 or a daily need of 10^9 is refused at its cell in Chinese; a legacy one is left out of the round, the others are planned', async () => {
    const { dispatcher, hospital, other, mask } = await setup();
    const before = env.depot.store.all('SELECT * FROM demand_reports');
    for (const [field, value] of [['onHand', 13_800_138_000], ['dailyNeed', 1_000_000_000]] as const) {
      const r = await env.depot.invoke('demand.save', { day: '2026-04-10', rows: [{ unitId: hospital.id, itemId: mask.id, onHand: 0, dailyNeed: 10, minimumNeed: 0, [field]: value }], requestId: rid() }, dispatcher);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.field).toBe(`rows.0.${field}`);
        expect(r.error.message).toMatch(/^输入有误：.*太大/);
      }
    }
    expect(env.depot.store.all('SELECT * FROM demand_reports')).toEqual(before);

    // A figure stored before the bound existed: the round names it and plans the others.
    env.depot.store.run('UPDATE demand_reports SET on_hand = 999999999 WHERE unit_id = ?', [hospital.id]);
    const plan = await call(env.depot, dispatcher, 'allocation.compute', { day: '2026-04-10', coverDays: 3, reserve: { percent: 0 } });
    expect(plan.lines.map((l) => l.unitId)).toEqual([other.id]);
    expect(plan.lines[0]!.allocated).toBeGreaterThan(0);
    expect(plan.leftOut).toEqual([{ unitName: '市第一医院', itemName: '医用防护口罩', reason: '申报数超过 10,000,000，疑为录入错误，本轮未计入；请核对后重新申报' }]);
  });
});

describe('an override cannot eat the reserve unflagged', () => {
  it('a total beyond available − reserve is marked and approved only with the approver’s explicit confirmation', async () => {
    const { dispatcher, approver, hospital, mask } = await setup();
    const params = { day: '2026-04-10', coverDays: 5, reserve: { percent: 10 } };
    const computed = await call(env.depot, dispatcher, 'allocation.compute', params);
    const item = computed.items.find((i) => i.itemId === mask.id)!;
    expect(item).toMatchObject({ available: 10_000, reserve: 1000, intoReserve: false });
    const hospitalLine = computed.lines.find((l) => l.unitId === hospital.id)!;
    // The hospital is given 600 more by hand: 9,000 + 600 > 10,000 − 1,000, but still ≤ 10,000.
    const saved = await call(env.depot, dispatcher, 'allocation.save', {
      ...params, overrides: [{ unitId: hospital.id, itemId: mask.id, allocated: hospitalLine.allocated + 10_000 - 1000 - item.allocated + 600, reason: '院方电话加急' }], requestId: rid(),
    });
    const marked = saved.items.find((i) => i.itemId === mask.id)!;
    expect(marked).toMatchObject({ allocated: 9600, over: false, intoReserve: true });

    const refused = await env.depot.invoke('allocation.approve', { id: saved.id!, version: saved.version!, requestId: rid() }, approver);
    expect(refused.ok ? 'approved' : refused.error.message).toBe(
      '本方案动用了储备：医用防护口罩 分配 9600只，超过可分配量 9000只（储备 1000只）。确需动用，请勾选“确认动用储备”后再批准',
    );
    expect(env.depot.store.all('SELECT * FROM dispatch_orders')).toEqual([]);
    const approved = await call(env.depot, approver, 'allocation.approve', { id: saved.id!, version: saved.version!, confirmReserve: true, requestId: rid() });
    expect(approved.status).toBe('approved');
  });
});
