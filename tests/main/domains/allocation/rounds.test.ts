import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { adminSession, call, rid, sessionWithRole, tempDepot } from '../../../support/depot.ts';
import { smallDepot } from '../../../support/fixtures.ts';
import type { Plan, PlanLine } from '../../../../shared/contract/allocation.ts';
import { planLineReason } from '../../../../shared/allocation-reasons.ts';
import { i18nFor } from '../../../../shared/i18n/index.ts';

/** A line's reason as the desk reads it: plans carry reasons as data, words are made where shown. */
const words = (plan: Plan, line: PlanLine) => planLineReason(plan, line, i18nFor('zh-CN'));

/**
 * A dispatcher re-planning every day: the same stock must never be promised twice, across days or
 * across revisions of one day.
 */
let env: ReturnType<typeof tempDepot>;
afterEach(() => env?.cleanup());

const DAY1 = '2026-04-10';
const DAY2 = '2026-04-11';
const params = (day: string) => ({ day, coverDays: 3, reserve: { percent: 10 } });

async function setup() {
  env = tempDepot({ clock: () => new Date('2026-04-10T08:00:00+08:00') });
  const admin = await adminSession(env.depot);
  const dispatcher = await sessionWithRole(env.depot, admin, 'dispatcher', 'ddy01');
  const approver = await sessionWithRole(env.depot, admin, 'approver', 'sh01');
  // The plan's approver made its draft orders: another approver releases them (no one approves their own document).
  const releaser = await sessionWithRole(env.depot, admin, 'approver', 'sh02');
  const d = await smallDepot(env.depot, admin);
  const unit = (code: string, name: string, type: string, staffCount: number) =>
    call(env.depot, admin, 'units.create', { code, name, type, staffCount, requestId: rid() });
  const hospital = await unit('U1', '市第一医院', 'designated_hospital', 900);
  const other = await unit('U2', '市中医院', 'other_hospital', 400);
  const townA = await unit('U3', '红旗镇卫生院', 'township_health_centre', 86);
  const townB = await unit('U4', '新华镇卫生院', 'township_health_centre', 40);
  const draft = await call(env.depot, admin, 'receipts.saveDraft', {
    sourceType: 'allocation', supplierId: d.maker.id,
    lines: [{ itemId: d.mask.id, lotNo: 'M1', expiresOn: '2028-01-01', counted: 10_000, locationId: d.a1.id }], requestId: rid(),
  });
  await call(env.depot, admin, 'receipts.post', { id: draft.id, version: draft.version, requestId: rid() });
  await call(env.depot, dispatcher, 'demand.save', {
    day: DAY1,
    rows: [
      { unitId: hospital.id, itemId: d.mask.id, onHand: 300, dailyNeed: 2000, minimumNeed: 1500 },
      { unitId: other.id, itemId: d.mask.id, onHand: 0, dailyNeed: 1500, minimumNeed: 1000 },
      { unitId: townA.id, itemId: d.mask.id, onHand: 0, dailyNeed: 1000, minimumNeed: 200 },
      { unitId: townB.id, itemId: d.mask.id, onHand: 0, dailyNeed: 1000, minimumNeed: 200 },
    ],
    requestId: rid(),
  });
  const units = [hospital, other, townA, townB];
  return { admin, dispatcher, approver, releaser, units, ...d, hospital, other, townA, townB };
}

/** Orders that still promise stock: everything not cancelled, by unit name, with their quantities. */
const liveOrders = () =>
  env.depot.store.all<{ unit: string; status: string; qty: number }>(
    `SELECT u.name AS unit, o.status, sum(l.qty) AS qty FROM dispatch_orders o JOIN units u ON u.id = o.unit_id JOIN dispatch_lines l ON l.order_id = o.id
      WHERE o.status <> 'cancelled' GROUP BY o.id ORDER BY o.id`,
  );

describe('allocation rounds never promise the same stock twice', () => {
  it('counts yesterday’s orders, approved or still draft, against the unit’s need and the stock', async () => {
    const { dispatcher, approver, releaser, units, hospital, other } = await setup();
    const day1 = await call(env.depot, dispatcher, 'allocation.save', { ...params(DAY1), requestId: rid() });
    const approved = await call(env.depot, approver, 'allocation.approve', { id: day1.id!, version: day1.version!, requestId: rid() });
    expect(approved.lines.map((l) => [l.unitCode, l.allocated])).toEqual([['U1', 5700], ['U2', 1000], ['U3', 1570], ['U4', 730]]);
    // The hospital's order is approved (5,700 reserved, not shipped); the others stay drafts.
    const hospitalOrder = await call(env.depot, dispatcher, 'dispatch.get', { id: approved.orders[0]!.id });
    await call(env.depot, releaser, 'dispatch.approve', { id: hospitalOrder.id, version: hospitalOrder.version, requestId: rid() });

    await call(env.depot, dispatcher, 'demand.carryForward', { day: DAY2, unitIds: units.map((u) => u.id), requestId: rid() });
    const day2 = await call(env.depot, dispatcher, 'allocation.compute', params(DAY2));
    const line = (unitId: number) => day2.lines.find((l) => l.unitId === unitId)!;
    // 3 days × 2,000 − 300 on hand − 5,700 on its way: nothing more for the hospital.
    expect(line(hospital.id)).toMatchObject({ need: 0, allocated: 0, pending: 5700 });
    expect(words(day2, line(hospital.id))).toContain('在途/待发 5,700');
    expect(line(other.id)).toMatchObject({ pending: 1000, need: 3500 });
    // 10,000 − 5,700 reserved − 3,300 on yesterday's drafts.
    expect(day2.items[0]).toMatchObject({ available: 1000, reserve: 100 });
    expect(day2.items[0]!.allocated).toBeLessThanOrEqual(900);
  });

  it('cancels the drafts of an older revision when a newer one is approved, and says so before and after', async () => {
    const { dispatcher, approver, releaser, hospital } = await setup();
    const rev1 = await call(env.depot, dispatcher, 'allocation.save', { ...params(DAY1), requestId: rid() });
    const approved1 = await call(env.depot, approver, 'allocation.approve', { id: rev1.id!, version: rev1.version!, requestId: rid() });
    const hospitalOrder = await call(env.depot, dispatcher, 'dispatch.get', { id: approved1.orders[0]!.id });
    await call(env.depot, releaser, 'dispatch.approve', { id: hospitalOrder.id, version: hospitalOrder.version, requestId: rid() });

    const rev2 = await call(env.depot, dispatcher, 'allocation.save', { ...params(DAY1), requestId: rid() });
    // The hospital's approved order counts; revision 1's drafts do not, they are about to go.
    expect(rev2.lines.find((l) => l.unitId === hospital.id)).toMatchObject({ pending: 5700, allocated: 0 });
    expect(rev2.items[0]!.available).toBe(4300);
    expect(rev2.supersedes.map((o) => [o.unitName, o.revision])).toEqual([['市中医院', 1], ['红旗镇卫生院', 1], ['新华镇卫生院', 1]]);
    expect(rev2.notices.join('\n')).toMatch(/批准本版后.*第 1 版.*3 张调拨单草稿.*作废/);

    const approved2 = await call(env.depot, approver, 'allocation.approve', { id: rev2.id!, version: rev2.version!, requestId: rid() });
    const live = liveOrders();
    expect(live.filter((o) => o.unit === '市第一医院')).toHaveLength(1);
    expect(live.reduce((n, o) => n + o.qty, 0)).toBeLessThanOrEqual(10_000);
    const cancelled = await call(env.depot, dispatcher, 'dispatch.get', { id: approved1.orders[1]!.id });
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.cancelReason).toContain('第 2 版');
    expect(approved2.supersedes.map((o) => [o.no, o.status])).toEqual(approved1.orders.slice(1).map((o) => [o.no, 'cancelled']));
    const diff = await call(env.depot, dispatcher, 'allocation.diff', { id: rev2.id! });
    expect(diff.superseded.map((o) => o.no)).toEqual(approved1.orders.slice(1).map((o) => o.no));
  });

  it('refuses to approve an older revision once a newer one of the day is approved', async () => {
    const { dispatcher, approver } = await setup();
    const rev1 = await call(env.depot, dispatcher, 'allocation.save', { ...params(DAY1), requestId: rid() });
    const rev2 = await call(env.depot, dispatcher, 'allocation.save', { ...params(DAY1), requestId: rid() });
    await call(env.depot, approver, 'allocation.approve', { id: rev2.id!, version: rev2.version!, requestId: rid() });
    const refused = await env.depot.invoke('allocation.approve', { id: rev1.id, version: rev1.version, requestId: rid() }, approver);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toContain('第 2 版已批准');
    expect(liveOrders()).toHaveLength(4);
  });
});

const reportCount = () => env.depot.store.first<{ n: number }>('SELECT count(*) AS n FROM demand_reports')!.n;

describe('one mistyped figure never stops the day', () => {
  it('refuses at the cell an on-hand of 13,800,138,000 or a daily need of 10^9, in Chinese, and saves nothing', async () => {
    const { dispatcher, other, mask } = await setup();
    const before = reportCount();
    for (const [field, value] of [['onHand', 13_800_138_000], ['dailyNeed', 1_000_000_000]] as const) {
      const row = { unitId: other.id, itemId: mask.id, onHand: 0, dailyNeed: 10, minimumNeed: 0, [field]: value };
      const r = await env.depot.invoke('demand.save', { day: DAY1, rows: [row], requestId: rid() }, dispatcher);
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.error.field).toBe(`rows.0.${field}`);
      expect(r.error.message).toContain(field === 'onHand' ? '现有库存' : '日需求量');
      expect(r.error.message).toContain('超过上限 10,000,000');
    }
    expect(reportCount()).toBe(before);
    expect((await call(env.depot, dispatcher, 'demand.list', { day: DAY1, unitId: other.id }))[0]).toMatchObject({ onHand: 0, dailyNeed: 1500 });
  });

  it('marks the Excel row with the mistyped figure and imports only the others when asked', async () => {
    const { dispatcher, townA } = await setup();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    [['物资编码', '物资名称', '库存量', '日需求量', '最低需求量'], ['FH-001', '医用防护口罩', 13_800_138_000, 1000, 200], ['CW-001', '折叠床', 0, 5, 2]].forEach((r) => ws.addRow(r));
    const fileBase64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const input = { fileBase64, fileName: '红旗镇.xlsx', day: DAY2, unitId: townA.id };
    const preview = await call(env.depot, dispatcher, 'demand.importPreview', input);
    expect(preview.errors).toEqual([{ row: 2, field: '现有库存', message: expect.stringContaining('超过上限 10,000,000') }]);
    await call(env.depot, dispatcher, 'demand.importCommit', { ...input, mode: 'validOnly', requestId: rid() });
    expect((await call(env.depot, dispatcher, 'demand.list', { day: DAY2 })).map((r) => r.itemCode)).toEqual(['CW-001']);
  });

  it('plans everyone else when one unit’s saved report holds such a figure, and says who was left out and why', async () => {
    const { dispatcher, other, mask, hospital } = await setup();
    // A report saved by an older version, before the door and the table refused such figures.
    env.depot.store.run('DROP TRIGGER demand_reports_bounds_update');
    env.depot.store.run('DROP TRIGGER demand_reports_quantity_bounds_update');
    env.depot.store.run('UPDATE demand_reports SET on_hand = 13800138000 WHERE unit_id = ? AND item_id = ?', [other.id, mask.id]);
    const plan = await call(env.depot, dispatcher, 'allocation.compute', params(DAY1));
    expect(plan.leftOut).toEqual([{ unitId: other.id, unitCode: 'U2', unitName: '市中医院', reason: expect.stringContaining('现有库存为 13,800,138,000，超过上限 10,000,000') }]);
    expect(plan.lines.map((l) => l.unitCode)).toEqual(['U1', 'U3', 'U4']);
    expect(plan.lines.find((l) => l.unitId === hospital.id)!.allocated).toBe(5700);
    expect(plan.notices.join()).toContain('1 个单位的申报数字超出上限');
    const saved = await call(env.depot, dispatcher, 'allocation.save', { ...params(DAY1), requestId: rid() });
    expect((await call(env.depot, dispatcher, 'allocation.get', { id: saved.id! })).leftOut.map((l) => l.unitName)).toEqual(['市中医院']);
  });
});

describe('overrides and warnings the approver must see', () => {
  it('marks an override that eats the reserve, refuses approval without the approver’s confirmation, and approves with it', async () => {
    const { dispatcher, approver, hospital, mask } = await setup();
    // Rules: 9,000 of 10,000 (reserve 1,000). The hospital's 5,700 raised to 6,209: 9,509 in all, below 10,000.
    const saved = await call(env.depot, dispatcher, 'allocation.save', {
      ...params(DAY1), overrides: [{ unitId: hospital.id, itemId: mask.id, allocated: 6209, reason: '指挥部电话要求' }], requestId: rid(),
    });
    expect(saved.items[0]).toMatchObject({ allocated: 9509, over: false, overReserve: true });
    expect(saved.notices.join()).toContain('医用防护口罩 的分配合计动用了预留');
    expect((await call(env.depot, dispatcher, 'allocation.list', { day: DAY1 }))[0]).toMatchObject({ over: false, overReserve: true });
    const refused = await env.depot.invoke('allocation.approve', { id: saved.id, version: saved.version, requestId: rid() }, approver);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toBe('医用防护口罩 分配合计 9509只 超过可分配量 9000只（可用 10000 − 预留 1000），动用了预留：请确认动用预留后再批准');
    expect(liveOrders()).toHaveLength(0);
    const approved = await call(env.depot, approver, 'allocation.approve', { id: saved.id!, version: saved.version!, confirmReserve: true, requestId: rid() });
    expect(approved.status).toBe('approved');
    expect(liveOrders().reduce((n, o) => n + o.qty, 0)).toBe(9509);
  });

  it('warns on the line and the unit when a township centre has no staff count', async () => {
    const { admin, dispatcher, mask } = await setup();
    const empty = await call(env.depot, admin, 'units.create', { code: 'U5', name: '东风镇卫生院', type: 'township_health_centre', staffCount: 0, requestId: rid() });
    await call(env.depot, dispatcher, 'demand.save', { day: DAY1, rows: [{ unitId: empty.id, itemId: mask.id, onHand: 0, dailyNeed: 500, minimumNeed: 0 }], requestId: rid() });
    const plan = await call(env.depot, dispatcher, 'allocation.compute', params(DAY1));
    const line = plan.lines.find((l) => l.unitId === empty.id)!;
    expect(line.allocated).toBe(0);
    expect(line.warning).toContain('职工数为 0（未填写？）');
    expect(plan.units.find((u) => u.unitId === empty.id)!.warning).toContain('请在“受领单位”中补填');
    expect(plan.units.filter((u) => u.warning !== null)).toHaveLength(1);
  });
});

describe('top-up once the tiers are served', () => {
  async function plenty() {
    const s = await setup();
    // Small needs against 10,000: every tier is served by its rule and stock is left over.
    await call(env.depot, s.dispatcher, 'demand.save', {
      day: DAY1,
      rows: [
        { unitId: s.hospital.id, itemId: s.mask.id, onHand: 310, dailyNeed: 500, minimumNeed: 0 },
        { unitId: s.other.id, itemId: s.mask.id, onHand: 0, dailyNeed: 500, minimumNeed: 800 },
        { unitId: s.townA.id, itemId: s.mask.id, onHand: 0, dailyNeed: 300, minimumNeed: 0 },
        { unitId: s.townB.id, itemId: s.mask.id, onHand: 0, dailyNeed: 300, minimumNeed: 0 },
      ],
      requestId: rid(),
    });
    return s;
  }

  it('tops the minimum tier up to the full need from what is left above the reserve, and says what stays and why', async () => {
    const { dispatcher, other } = await plenty();
    const on = await call(env.depot, dispatcher, 'allocation.compute', params(DAY1));
    expect(on.params.topUp).toBe(true);
    const line = on.lines.find((l) => l.unitId === other.id)!;
    expect(line).toMatchObject({ need: 1500, claim: 800, topUp: 700, allocated: 1500, shortfall: 0 });
    expect(words(on, line)).toContain('最低 800');
    expect(words(on, line)).toContain('补足至全额需求 +700');
    // 9,000 to share; 1,190 + 1,500 + 900 + 900 given.
    expect(on.items[0]).toMatchObject({ allocated: 4490, topUp: 700, unallocated: 4510, unallocatedReason: '各单位净需求均已满足，留在库内' });

    const off = await call(env.depot, dispatcher, 'allocation.compute', { ...params(DAY1), topUp: false });
    expect(off.lines.find((l) => l.unitId === other.id)).toMatchObject({ allocated: 800, topUp: 0, shortfall: 700 });
    expect(off.items[0]).toMatchObject({ allocated: 3790, unallocated: 5210, unallocatedReason: expect.stringContaining('未开启“补足至全额需求”') });
  });

  it('tops up in whole packs and shows the part-pack each line leaves out', async () => {
    const { dispatcher, hospital, other } = await plenty();
    const plan = await call(env.depot, dispatcher, 'allocation.compute', { ...params(DAY1), wholePacks: true });
    // Boxes of 50: the hospital's 1,190 → 23 boxes (40 left out); the other hospital's 1,500 → 30 boxes.
    expect(plan.lines.find((l) => l.unitId === hospital.id)).toMatchObject({ allocated: 1150, packLeftOut: 40 });
    expect(plan.lines.find((l) => l.unitId === other.id)).toMatchObject({ allocated: 1500, topUp: 700, packLeftOut: 0 });
    const saved = await call(env.depot, dispatcher, 'allocation.save', { ...params(DAY1), wholePacks: true, requestId: rid() });
    const again = await call(env.depot, dispatcher, 'allocation.get', { id: saved.id! });
    expect(again.lines.map((l) => [l.allocated, l.topUp, l.packLeftOut, words(again, l)])).toEqual(plan.lines.map((l) => [l.allocated, l.topUp, l.packLeftOut, words(plan, l)]));
    expect(words(plan, plan.lines.find((l) => l.unitId === hospital.id)!)).toContain('按每盒 50 取整');
    expect(again.items[0]!.unallocatedReason).toBe(plan.items[0]!.unallocatedReason);
  });
});

describe('a plan answer is not kept twice', () => {
  it('answers a repeated save or approval with the same plan as it stands, keeping only its id as the request record', async () => {
    const { dispatcher, approver } = await setup();
    const requestId = rid();
    const saved = await call(env.depot, dispatcher, 'allocation.save', { ...params(DAY1), requestId });
    const again = await call(env.depot, dispatcher, 'allocation.save', { ...params(DAY1), requestId });
    expect(again).toEqual(saved);
    expect(env.depot.store.first<{ n: number }>('SELECT count(*) AS n FROM allocation_plans')!.n).toBe(1);
    const approveId = rid();
    const approved = await call(env.depot, approver, 'allocation.approve', { id: saved.id!, version: saved.version!, requestId: approveId });
    const approvedAgain = await call(env.depot, approver, 'allocation.approve', { id: saved.id!, version: saved.version!, requestId: approveId });
    expect(approvedAgain).toMatchObject({ id: approved.id, status: 'approved', orders: approved.orders });
    expect(liveOrders()).toHaveLength(4);
    const record = env.depot.store.first<{ answer: string }>('SELECT answer FROM requests WHERE request_id = ?', [requestId])!;
    expect(JSON.parse(record.answer)).toEqual({ replay: { id: saved.id } });
  });
});
