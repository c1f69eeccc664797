import { afterEach, describe, expect, it } from 'vitest';
import { adminSession, call, rid, tempDepot } from '../../../support/depot.ts';
import { smallDepot } from '../../../support/fixtures.ts';
import { writePlanLines } from '../../../../main/domains/allocation/plans.ts';
import { DepotError } from '../../../../main/core/errors.ts';

/**
 * Migration 027: a plan line's figures are numbers in their own columns, and the plan, units and
 * items of a plan's lines are checked once as it is written instead of per line by the table.
 */
let env: ReturnType<typeof tempDepot>;
afterEach(() => env?.cleanup());

const DAY = '2026-04-10';

async function savedPlan() {
  env = tempDepot({ clock: () => new Date('2026-04-10T08:00:00+08:00') });
  const admin = await adminSession(env.depot);
  const d = await smallDepot(env.depot, admin);
  const unit = (code: string, name: string, type: string, staffCount: number) => call(env.depot, admin, 'units.create', { code, name, type, staffCount, requestId: rid() });
  const units = [
    await unit('U1', '市第一人民医院（定点）', 'designated_hospital', 900),
    await unit('U2', '市中医院', 'other_hospital', 400),
    await unit('U3', '红旗镇卫生院', 'township_health_centre', 86),
    await unit('U4', '新华镇卫生院', 'township_health_centre', 0),
  ];
  const draft = await call(env.depot, admin, 'receipts.saveDraft', {
    sourceType: 'allocation', supplierId: d.maker.id,
    lines: [{ itemId: d.mask.id, lotNo: 'M1', expiresOn: '2028-01-01', counted: 10_000, locationId: d.a1.id }], requestId: rid(),
  });
  await call(env.depot, admin, 'receipts.post', { id: draft.id, version: draft.version, requestId: rid() });
  await call(env.depot, admin, 'demand.save', {
    day: DAY,
    rows: units.map((u, i) => ({ unitId: u.id, itemId: d.mask.id, onHand: 100 * i, dailyNeed: 2000 - 300 * i, minimumNeed: 900 - 100 * i })),
    requestId: rid(),
  });
  const params = { day: DAY, coverDays: 3, reserve: { percent: 10 } };
  const plan = await call(env.depot, admin, 'allocation.save', {
    ...params, overrides: [{ unitId: units[2]!.id, itemId: d.mask.id, allocated: 700, reason: '电话确认' }], requestId: rid(),
  });
  return { admin, plan, units, ...d };
}

const lineRows = (planId: number) =>
  env.depot.store.db.prepare('SELECT unit_id, item_id, tier, need, claim, computed, allocated, reason, override_reason, on_hand, daily_need, minimum_need, pending, top_up, pack_left_out, earmarked FROM allocation_lines WHERE plan_id = ? ORDER BY unit_id, item_id').raw(true).all(planId);

describe('plan lines after migration 027', () => {
  it('reads a plan whose lines keep their figures in the reason text (saved before 027) as the same plan', async () => {
    const { admin, plan } = await savedPlan();
    const before = await call(env.depot, admin, 'allocation.get', { id: plan.id! });
    expect(before.lines.map((l) => [l.unitCode, l.onHand, l.dailyNeed, l.minimumNeed, l.allocated])).toEqual([
      ['U1', 0, 2000, 900, expect.any(Number)], ['U2', 100, 1700, 800, expect.any(Number)], ['U3', 200, 1400, 700, 700], ['U4', 300, 1100, 600, 0],
    ]);
    // The lines as an app before 027 wrote them: every figure in the reason text, the columns empty.
    const { changes } = env.depot.store.run(
      `UPDATE allocation_lines SET reason = '[' || concat_ws(',', on_hand, daily_need, minimum_need, pending, top_up, pack_left_out, reason, earmarked) || ']',
              on_hand = NULL, daily_need = NULL, minimum_need = NULL, pending = NULL, top_up = NULL, pack_left_out = NULL, earmarked = NULL WHERE plan_id = ?`,
      [plan.id],
    );
    expect(changes).toBe(4);
    expect(env.depot.store.first<{ n: number }>('SELECT count(*) AS n FROM allocation_lines WHERE on_hand IS NOT NULL')!.n).toBe(0);
    expect(await call(env.depot, admin, 'allocation.get', { id: plan.id! })).toEqual(before);
    // And it is approved into the same orders.
    const approved = await call(env.depot, admin, 'allocation.approve', { id: plan.id!, version: plan.version!, confirmReserve: true, requestId: rid() });
    expect(approved.orders).toHaveLength(before.lines.filter((l) => l.allocated > 0).length);
  });

  it('refuses lines naming a plan, unit or item that does not exist, writing none of them; writes them all otherwise', async () => {
    const { plan } = await savedPlan();
    const { store } = env.depot;
    const kept = lineRows(plan.id!);
    expect(kept).toHaveLength(4);
    const other = Number(store.run(`INSERT INTO allocation_plans (day, revision, status, params, created_by, created_at) VALUES (?, 9, 'draft', '{}', 1, ?)`, [DAY, '2026-04-10T00:00:00.000Z']).lastInsertRowid);
    const refused = (planId: number, lines: typeof plan.lines) => {
      try {
        store.tx(() => writePlanLines(store, planId, lines));
      } catch (e) {
        return e instanceof DepotError ? [e.code, e.params] : e;
      }
      return 'written';
    };
    expect(refused(other + 1, plan.lines)).toEqual(['not_found', { entity: 'plan', id: other + 1 }]);
    expect(refused(other, plan.lines.map((l, i) => (i === 2 ? { ...l, unitId: 9_999 } : l)))).toEqual(['not_found', { entity: 'unit', id: 9_999 }]);
    expect(refused(other, plan.lines.map((l, i) => (i === 3 ? { ...l, itemId: 8_888 } : l)))).toEqual(['not_found', { entity: 'item', id: 8_888 }]);
    expect(lineRows(other)).toEqual([]);
    expect(refused(other, plan.lines)).toBe('written');
    expect(lineRows(other)).toEqual(kept);
  });
});
