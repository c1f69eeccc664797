import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { adminSession, call, rid, tempDepot } from '../../../support/depot.ts';
import { smallDepot } from '../../../support/fixtures.ts';
import { roundInput } from '../../../../main/domains/allocation/plans.ts';
import { RoundParams } from '../../../../shared/contract/allocation.ts';

/**
 * A round computed again without a write in between does not read the day's reports again
 * (plans.ts, dayReports). Whatever changes them in between — the desk, another program on the
 * file, a withdrawal — the next round sees it; a change rolled back is never seen.
 */
let env: ReturnType<typeof tempDepot>;
afterEach(() => env?.cleanup());

const DAY = '2026-04-10';

async function setup() {
  env = tempDepot({ clock: () => new Date('2026-04-10T08:00:00+08:00') });
  const admin = await adminSession(env.depot);
  const d = await smallDepot(env.depot, admin);
  const hospital = await call(env.depot, admin, 'units.create', { code: 'U1', name: '市第一人民医院', type: 'designated_hospital', staffCount: 900, requestId: rid() });
  const town = await call(env.depot, admin, 'units.create', { code: 'U2', name: '红旗镇卫生院', type: 'township_health_centre', staffCount: 80, requestId: rid() });
  const draft = await call(env.depot, admin, 'receipts.saveDraft', {
    sourceType: 'allocation', supplierId: d.maker.id, lines: [{ itemId: d.mask.id, lotNo: 'M1', expiresOn: '2028-01-01', counted: 10_000, locationId: d.a1.id }], requestId: rid(),
  });
  await call(env.depot, admin, 'receipts.post', { id: draft.id, version: draft.version, requestId: rid() });
  await call(env.depot, admin, 'demand.save', {
    day: DAY,
    rows: [
      { unitId: hospital.id, itemId: d.mask.id, onHand: 0, dailyNeed: 1000, minimumNeed: 500 },
      { unitId: town.id, itemId: d.mask.id, onHand: 0, dailyNeed: 200, minimumNeed: 100 },
    ],
    requestId: rid(),
  });
  const compute = async () =>
    (await call(env.depot, admin, 'allocation.compute', { day: DAY, coverDays: 1 })).lines.map((l) => [l.unitName, l.dailyNeed, l.need]);
  return { admin, hospital, town, mask: d.mask, compute };
}

describe('a round computed again', () => {
  it('sees reports changed at the desk, by another program on the file, and withdrawn', async () => {
    const { admin, hospital, town, mask, compute } = await setup();
    expect(await compute()).toEqual([['市第一人民医院', 1000, 1000], ['红旗镇卫生院', 200, 200]]);
    expect(await compute()).toEqual([['市第一人民医院', 1000, 1000], ['红旗镇卫生院', 200, 200]]);

    await call(env.depot, admin, 'demand.save', { day: DAY, rows: [{ unitId: town.id, itemId: mask.id, onHand: 50, dailyNeed: 300, minimumNeed: 100 }], requestId: rid() });
    expect(await compute()).toEqual([['市第一人民医院', 1000, 1000], ['红旗镇卫生院', 300, 250]]);

    // Another program (or another desk process) writes to the same file.
    const other = new Database(env.dbPath);
    other.prepare('UPDATE demand_reports SET daily_need = 700 WHERE unit_id = ? AND day = ?').run(hospital.id, DAY);
    other.close();
    expect(await compute()).toEqual([['市第一人民医院', 700, 700], ['红旗镇卫生院', 300, 250]]);

    await call(env.depot, admin, 'demand.withdraw', { day: DAY, unitId: town.id, requestId: rid() });
    expect(await compute()).toEqual([['市第一人民医院', 700, 700]]);
  });

  it('never sees a change that was rolled back, even one a round read before the rollback', async () => {
    const { hospital, compute } = await setup();
    expect(await compute()).toEqual([['市第一人民医院', 1000, 1000], ['红旗镇卫生院', 200, 200]]);
    const { store } = env.depot;
    const params = RoundParams.parse({ day: DAY, coverDays: 1 });
    expect(() =>
      store.tx(() => {
        store.run('UPDATE demand_reports SET daily_need = 5 WHERE unit_id = ?', [hospital.id]);
        // Read inside the transaction: it sees its own change...
        expect(roundInput(store, new Date().toISOString(), params).input.demands.length).toBe(2);
        expect([...(roundInput(store, new Date().toISOString(), params).input.demands as { dailyNeed: Float64Array }).dailyNeed.slice(0, 2)]).toEqual([5, 200]);
        throw new Error('rolled back');
      }),
    ).toThrow('rolled back');
    // ...and the rounds after the rollback do not.
    expect(await compute()).toEqual([['市第一人民医院', 1000, 1000], ['红旗镇卫生院', 200, 200]]);
  });
});
