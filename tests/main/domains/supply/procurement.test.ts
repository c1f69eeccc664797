import { afterEach, describe, expect, it } from 'vitest';
import { call, rid, sessionWithRole } from '../../../support/depot.ts';
import { staffedDepot } from '../../../support/fixtures.ts';

let env: Awaited<ReturnType<typeof staffedDepot>>['env'];
afterEach(() => env?.cleanup());

const DAY = '2026-04-10';

/** 1,000 masks in stock, a safety stock of 500, and a designated hospital asking for 1,000 a day for 3 days. */
async function shortRound() {
  const s = await staffedDepot({ clock: () => new Date('2026-04-10T10:00:00+08:00') });
  env = s.env;
  await s.receive(s.f.mask.id, '1箱', 120);
  await call(s.depot, s.admin, 'items.update', { id: s.f.mask.id, version: s.f.mask.version, changes: { safetyStock: 500 }, requestId: rid() });
  await call(s.depot, s.dispatcher, 'demand.save', { day: DAY, rows: [{ unitId: s.unitId, itemId: s.f.mask.id, onHand: 0, dailyNeed: 1000, minimumNeed: 500 }], requestId: rid() });
  const round = await call(s.depot, s.dispatcher, 'allocation.save', { day: DAY, coverDays: 3, reserve: { percent: 0 }, requestId: rid() });
  const expired = await call(s.depot, s.admin, 'suppliers.create', {
    code: 'S-003', name: '康宁防护用品厂', kind: 'manufacturer', qualification: '医疗器械注册证', qualificationExpiry: '2026-03-31', capacityPerDay: '5000只/日', leadTimeDays: 2, requestId: rid(),
  });
  return { ...s, round, expired };
}

describe('procurement plans (采购计划)', () => {
  it('computes each item from the round’s unmet need, the safety stock and what is on order, and says how', async () => {
    const s = await shortRound();
    const shortfall = s.round.lines.reduce((n, l) => n + (l.need - l.allocated), 0);
    // 300 masks already ordered and not yet in.
    await call(s.depot, s.dispatcher, 'purchaseOrders.create', { supplierId: s.f.maker.id, lines: [{ itemId: s.f.mask.id, qty: 300, unitPrice: 120 }], requestId: rid() });

    const proposal = await call(s.depot, s.dispatcher, 'procurement.compute', {});
    expect(proposal.allocationPlanId).toBe(s.round.id);
    const line = proposal.lines.find((l) => l.itemId === s.f.mask.id)!;
    // The round gave all 1,000 away: nothing is left, so the top-up is the whole safety stock.
    expect([line.unmet, line.stockAfter, line.topUp, line.onOrder]).toEqual([shortfall, 0, 500, 300]);
    expect(line.suggested).toBe(shortfall + 500 - 300);
    expect(line.how).toBe(`未满足需求 ${shortfall} + 补足安全库存 500（安全库存 500 − 方案后库存 0） − 已订未到 300 − 已认捐未到 0 = 建议采购 ${shortfall + 200}只`);
    expect(line.lastPrices).toEqual([{ supplierId: s.f.maker.id, unitPrice: 120 }]);
    expect(proposal.suppliers.find((o) => o.supplierId === s.expired.id)).toMatchObject({ expired: true, capacityPerDay: '5000只/日', leadTimeDays: 2 });
    // Items with nothing to buy are not proposed.
    expect(proposal.lines.map((l) => l.itemCode)).toEqual(['FH-001']);
  });

  it('splits a line across two suppliers; the expired one blocks approval until an approver overrides with a reason; approval makes two orders', async () => {
    const s = await shortRound();
    const { lines } = await call(s.depot, s.dispatcher, 'procurement.compute', {});
    const suggested = lines[0]!.suggested;
    const plan = await call(s.depot, s.dispatcher, 'procurement.save', {
      lines: [{ itemId: s.f.mask.id, splits: [
        { supplierId: s.f.maker.id, qty: '1箱', unitPrice: 125, promisedOn: '2026-04-12' },
        { supplierId: s.expired.id, qty: suggested - 1000, unitPrice: 118, promisedOn: '2026-04-13' },
      ] }],
      requestId: rid(),
    });
    expect(plan.no).toBe('JH20260410-0001');
    expect(plan.lines[0]!.planned).toBe(suggested);
    expect(plan.lines[0]!.splits.map((p) => [p.supplierName, p.qty, p.blocked])).toEqual([['华康医疗用品有限公司', 1000, false], ['康宁防护用品厂', suggested - 1000, true]]);

    const blocked = await s.depot.invoke('procurement.approve', { id: plan.id, version: plan.version, requestId: rid() }, s.approver);
    expect(blocked).toMatchObject({ ok: false, error: { code: 'supplier_expired' } });
    if (!blocked.ok) expect(blocked.error.message).toBe(`医用防护口罩 分给 康宁防护用品厂 的 ${suggested - 1000}只：该供应商资质有效期至 2026-03-31，已过期；须由审核员填写原因放行后才能批准`);
    expect(s.depot.store.first<{ n: number }>('SELECT count(*) AS n FROM purchase_orders')!.n).toBe(0);

    const splitId = plan.lines[0]!.splits[1]!.id;
    const byDispatcher = await s.depot.invoke('procurement.override', { id: plan.id, splitId, reason: '新证已提交', requestId: rid() }, s.dispatcher);
    expect(byDispatcher).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const overridden = await call(s.depot, s.approver, 'procurement.override', { id: plan.id, splitId, reason: '新注册证已在审批，电话核实', requestId: rid() });
    expect(overridden.lines[0]!.splits[1]).toMatchObject({ blocked: false, overrideReason: '新注册证已在审批，电话核实', overrideBy: 'boss' });

    const approved = await call(s.depot, s.approver, 'procurement.approve', { id: plan.id, version: overridden.version, requestId: rid() });
    expect(approved.status).toBe('approved');
    expect(approved.purchaseOrders.map((o) => [o.no, o.supplierName])).toEqual([['CG20260410-0001', '华康医疗用品有限公司'], ['CG20260410-0002', '康宁防护用品厂']]);
    const orders = await Promise.all(approved.purchaseOrders.map((o) => call(s.depot, s.keeper, 'purchaseOrders.get', { id: o.id })));
    expect(orders.map((o) => o.lines.map((l) => [l.itemCode, l.ordered, l.unitPrice, l.promisedOn]))).toEqual([
      [['FH-001', 1000, 125, '2026-04-12']],
      [['FH-001', suggested - 1000, 118, '2026-04-13']],
    ]);
    // What is now on order comes off the next plan.
    const next = await call(s.depot, s.dispatcher, 'procurement.compute', {});
    expect(next.lines).toEqual([]);
    const again = await s.depot.invoke('procurement.approve', { id: plan.id, version: approved.version, requestId: rid() }, s.approver);
    expect(again).toMatchObject({ ok: false, error: { code: 'not_draft' } });
  });

  it('tops up to N days of cover at the last week’s dispatch rate when that is above the safety stock', async () => {
    const s = await staffedDepot({ clock: () => new Date('2026-04-10T10:00:00+08:00') });
    env = s.env;
    await s.receive(s.f.suit.id, 1000, 3000);
    // 700 suits out this week: 100 a day; 5 days of cover is 500, above a safety stock of 0.
    await s.ship(s.f.suit.id, 700);
    const { lines } = await call(s.depot, s.dispatcher, 'procurement.compute', { coverDays: 5 });
    const suits = lines.find((l) => l.itemCode === 'FH-010')!;
    expect([suits.dailyRate, suits.stockAfter, suits.topUp, suits.suggested]).toEqual([100, 300, 200, 200]);
    expect(suits.how).toBe('未满足需求 0 + 补足 5 天用量 200（近 7 天日均出库 100 × 5 = 500，减方案后库存 300） − 已订未到 0 − 已认捐未到 0 = 建议采购 200套');
  });
});

describe('editing a saved procurement plan before approval (computed, then edited)', () => {
  const AT = '\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d';

  it('changes a line’s quantity and split, adds an item, removes a line; each line keeps its sum and says who changed what; approval orders the edited plan', async () => {
    const s = await shortRound();
    const { lines } = await call(s.depot, s.dispatcher, 'procurement.compute', {});
    const mask = lines[0]!;
    const saved = await call(s.depot, s.dispatcher, 'procurement.save', {
      lines: [{ itemId: s.f.mask.id, splits: [
        { supplierId: s.f.maker.id, qty: 1000, unitPrice: 125 },
        { supplierId: s.expired.id, qty: mask.suggested - 1000, unitPrice: 118 },
      ] }],
      requestId: rid(),
    });
    const splitId = saved.lines[0]!.splits[1]!.id;
    const released = await call(s.depot, s.approver, 'procurement.override', { id: saved.id, splitId, reason: '新注册证已在审批', requestId: rid() });

    // The dispatcher moves 200 more to the first supplier, and adds 2 boxes of suits the sum did not propose.
    const edited = await call(s.depot, s.dispatcher, 'procurement.edit', {
      id: saved.id, version: released.version,
      lines: [
        { itemId: s.f.mask.id, splits: [
          { supplierId: s.f.maker.id, qty: 1200, unitPrice: 125 },
          { supplierId: s.expired.id, qty: mask.suggested - 1000, unitPrice: 118 },
        ] },
        { itemId: s.f.suit.id, splits: [{ supplierId: s.f.maker.id, qty: '2箱', unitPrice: 3000 }] },
      ],
      requestId: rid(),
    });
    expect(edited.version).toBe(released.version + 1);
    const [m, suits] = edited.lines;
    expect([m!.itemCode, m!.planned, m!.suggested]).toEqual(['FH-001', mask.suggested + 200, mask.suggested]);
    // Still says how it was computed, and now also that it was changed by hand, by whom, from what.
    expect(m!.how).toBe(mask.how);
    expect(m!.edited).toMatchObject({ by: 'ddy', before: mask.suggested, added: false });
    expect(m!.edited!.words).toMatch(new RegExp(`^手工修改（ddy ${AT}）：原计划 ${mask.suggested}只（华康医疗用品有限公司 1000只、康宁防护用品厂 ${mask.suggested - 1000}只）$`));
    // The released supplier's share did not grow: the approver's release still holds.
    expect(m!.splits[1]).toMatchObject({ blocked: false, overrideReason: '新注册证已在审批', overrideBy: 'boss' });
    expect([suits!.itemCode, suits!.planned, suits!.suggested]).toEqual(['FH-010', 40, 0]);
    expect(suits!.how).toBe('未满足需求 0 + 补库 0（方案后库存 0 不低于目标 0） − 已订未到 0 − 已认捐未到 0 = 建议采购 0套');
    expect(suits!.edited).toMatchObject({ by: 'ddy', before: 0, added: true });
    expect(suits!.edited!.words).toMatch(new RegExp(`^手工添加（ddy ${AT}）$`));

    // An edit made against the version before is refused in words, and changes nothing.
    const stale = await s.depot.invoke('procurement.edit', { id: saved.id, version: released.version, lines: [{ itemId: s.f.mask.id, splits: [{ supplierId: s.f.maker.id, qty: 1 }] }], requestId: rid() }, s.approver);
    expect(stale).toMatchObject({ ok: false, error: { code: 'stale' } });
    if (!stale.ok) expect(stale.error.message).toBe(`该行已被他人修改（现为第 ${edited.version} 版），请刷新后重试`);
    expect((await call(s.depot, s.keeper, 'procurement.get', { id: saved.id })).lines.map((l) => l.planned)).toEqual([mask.suggested + 200, 40]);

    // The approver takes the suits back out and approves: the orders are the edited plan.
    const trimmed = await call(s.depot, s.approver, 'procurement.edit', {
      id: saved.id, version: edited.version,
      lines: [{ itemId: s.f.mask.id, splits: [
        { supplierId: s.f.maker.id, qty: 1200, unitPrice: 125 },
        { supplierId: s.expired.id, qty: mask.suggested - 1000, unitPrice: 118 },
      ] }],
      requestId: rid(),
    });
    expect(trimmed.lines.map((l) => l.itemCode)).toEqual(['FH-001']);
    // Unchanged by this edit, the mask line still carries the dispatcher's change.
    expect(trimmed.lines[0]!.edited).toMatchObject({ by: 'ddy', before: mask.suggested });
    // No one approves a plan they edited: the approver who took the suits out is refused in words;
    // another approver approves.
    const own = await s.depot.invoke('procurement.approve', { id: saved.id, version: trimmed.version, requestId: rid() }, s.approver);
    expect(own).toMatchObject({ ok: false, error: { code: 'own_document' } });
    if (!own.ok) expect(own.error.message).toContain(saved.no);
    const second = await sessionWithRole(s.depot, s.admin, 'approver', 'sh02');
    const approved = await call(s.depot, second, 'procurement.approve', { id: saved.id, version: trimmed.version, requestId: rid() });
    const orders = await Promise.all(approved.purchaseOrders.map((o) => call(s.depot, s.keeper, 'purchaseOrders.get', { id: o.id })));
    expect(orders.map((o) => [o.supplierName, o.lines.map((l) => [l.itemCode, l.ordered])])).toEqual([
      ['华康医疗用品有限公司', [['FH-001', 1200]]],
      ['康宁防护用品厂', [['FH-001', mask.suggested - 1000]]],
    ]);
    // An approved plan is not edited any more.
    const late = await s.depot.invoke('procurement.edit', { id: saved.id, version: approved.version, lines: [{ itemId: s.f.mask.id, splits: [{ supplierId: s.f.maker.id, qty: 1 }] }], requestId: rid() }, s.dispatcher);
    expect(late).toMatchObject({ ok: false, error: { code: 'not_draft' } });
  });

  it('a released supplier’s share that grows needs the approver again; the storekeeper may not edit', async () => {
    const s = await shortRound();
    const { lines } = await call(s.depot, s.dispatcher, 'procurement.compute', {});
    const saved = await call(s.depot, s.dispatcher, 'procurement.save', { lines: [{ itemId: s.f.mask.id, splits: [{ supplierId: s.expired.id, qty: lines[0]!.suggested }] }], requestId: rid() });
    const released = await call(s.depot, s.approver, 'procurement.override', { id: saved.id, splitId: saved.lines[0]!.splits[0]!.id, reason: '电话核实', requestId: rid() });
    const grown = await call(s.depot, s.dispatcher, 'procurement.edit', { id: saved.id, version: released.version, lines: [{ itemId: s.f.mask.id, splits: [{ supplierId: s.expired.id, qty: lines[0]!.suggested + 1000 }] }], requestId: rid() });
    expect(grown.lines[0]!.splits[0]).toMatchObject({ blocked: true, overrideReason: null });
    const refused = await s.depot.invoke('procurement.approve', { id: saved.id, version: grown.version, requestId: rid() }, s.approver);
    expect(refused).toMatchObject({ ok: false, error: { code: 'supplier_expired' } });
    const keeper = await s.depot.invoke('procurement.edit', { id: saved.id, version: grown.version, lines: [{ itemId: s.f.mask.id, splits: [{ supplierId: s.f.maker.id, qty: 1 }] }], requestId: rid() }, s.keeper);
    expect(keeper).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
