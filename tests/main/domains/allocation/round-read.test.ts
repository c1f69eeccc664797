import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { adminSession, call, rid, tempDepot } from '../../../support/depot.ts';
import { smallDepot } from '../../../support/fixtures.ts';
import { dayReports, readDayReports, roundInput } from '../../../../main/domains/allocation/plans.ts';
import { seededRandom } from '../../../../main/cli/seeded-random.ts';
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

/**
 * allocation.save right after allocation.compute of the same round writes the lines just computed
 * (handlers.ts, lastComputed) instead of computing them again: what it saves must be what a save
 * computing afresh saves, and anything written in between — or other parameters, an override, a
 * change rolled back — must make it compute afresh.
 */
describe('a round saved after it was computed', () => {
  const lineRows = (planId: number) =>
    env.depot.store.db.prepare('SELECT unit_id, item_id, tier, need, claim, computed, allocated, reason, override_reason, on_hand, daily_need, minimum_need, pending, top_up, pack_left_out, earmarked FROM allocation_lines WHERE plan_id = ? ORDER BY unit_id, item_id').raw(true).all(planId);
  const params = { day: DAY, coverDays: 1 };

  it('saves the lines a save computing afresh saves, and answers the same plan', async () => {
    const { admin } = await setup();
    const shown = await call(env.depot, admin, 'allocation.compute', params);
    const kept = await call(env.depot, admin, 'allocation.save', { ...params, requestId: rid() });
    // Nothing computed just before: this one computes the round afresh.
    const afresh = await call(env.depot, admin, 'allocation.save', { ...params, requestId: rid() });
    expect(lineRows(kept.id!)).toEqual(lineRows(afresh.id!));
    expect(lineRows(kept.id!)).toHaveLength(2);
    const { id: _k, revision: _r, version: _v, supersedes: _s, notices: _n, ...keptRest } = kept;
    const { id: _a, revision: _ar, version: _av, supersedes: _as, notices: _an, ...afreshRest } = afresh;
    expect(keptRest).toEqual(afreshRest);
    expect(kept.lines).toEqual(shown.lines);
    expect(await call(env.depot, admin, 'allocation.get', { id: kept.id! })).toEqual({ ...kept, supersedes: [], notices: [] });
  });

  it('sees what was written in between: at the desk, by another program, withdrawn; and its own parameters and overrides', async () => {
    const { admin, hospital, town, mask } = await setup();
    const saved = async (p: object = params) => {
      const plan = await call(env.depot, admin, 'allocation.save', { ...params, ...p, requestId: rid() });
      return plan.lines.map((l) => [l.unitName, l.dailyNeed, l.need, l.allocated]);
    };
    await call(env.depot, admin, 'allocation.compute', params);
    await call(env.depot, admin, 'demand.save', { day: DAY, rows: [{ unitId: town.id, itemId: mask.id, onHand: 50, dailyNeed: 300, minimumNeed: 100 }], requestId: rid() });
    expect(await saved()).toEqual([['市第一人民医院', 1000, 1000, 1000], ['红旗镇卫生院', 300, 250, 250]]);

    await call(env.depot, admin, 'allocation.compute', params);
    const other = new Database(env.dbPath);
    other.prepare('UPDATE demand_reports SET daily_need = 700 WHERE unit_id = ? AND day = ?').run(hospital.id, DAY);
    other.close();
    expect(await saved()).toEqual([['市第一人民医院', 700, 700, 700], ['红旗镇卫生院', 300, 250, 250]]);

    await call(env.depot, admin, 'allocation.compute', params);
    await call(env.depot, admin, 'demand.withdraw', { day: DAY, unitId: town.id, requestId: rid() });
    expect(await saved()).toEqual([['市第一人民医院', 700, 700, 700]]);

    await call(env.depot, admin, 'allocation.compute', params);
    expect(await saved({ coverDays: 2 })).toEqual([['市第一人民医院', 700, 1400, 1400]]);
    await call(env.depot, admin, 'allocation.compute', params);
    const overridden = await call(env.depot, admin, 'allocation.save', { ...params, overrides: [{ unitId: hospital.id, itemId: mask.id, allocated: 600, reason: '电话确认' }], requestId: rid() });
    expect(overridden.lines.map((l) => [l.allocated, l.overrideReason])).toEqual([[600, '电话确认']]);
  });

  it('computes afresh after a change that was rolled back', async () => {
    const { admin, hospital } = await setup();
    const { store } = env.depot;
    await call(env.depot, admin, 'allocation.compute', params);
    // A change made and rolled back between the round shown and its save: the save computes again, and sees none of it.
    expect(() =>
      store.tx(() => {
        store.run('UPDATE demand_reports SET daily_need = 5 WHERE unit_id = ?', [hospital.id]);
        throw new Error('rolled back');
      }),
    ).toThrow('rolled back');
    const plan = await call(env.depot, admin, 'allocation.save', { ...params, requestId: rid() });
    expect(plan.lines.map((l) => [l.unitName, l.dailyNeed, l.need])).toEqual([['市第一人民医院', 1000, 1000], ['红旗镇卫生院', 200, 200]]);
  });
});

/**
 * After a write, a round reads again only the reports changed since its last read (demand_changes,
 * migration 027) and merges them into what it read: what it then has must be, to the figure, what
 * reading the day whole gives — whoever wrote, whatever was rolled back.
 */
describe('the day read again after reports changed', () => {
  it('equals the day read whole after saves, edits, withdrawals, carrying forward, a rollback and another program’s writes', async () => {
    env = tempDepot({ clock: () => new Date('2026-04-10T08:00:00+08:00') });
    const admin = await adminSession(env.depot);
    const { store } = env.depot;
    const at = '2026-04-10T00:00:00.000Z';
    const UNITS = 30;
    const ITEMS = 12;
    store.tx(() => {
      for (let i = 1; i <= ITEMS; i++) store.run(`INSERT INTO items (id, code, name, spec, unit, category, packs, updated_at, updated_by) VALUES (?, ?, ?, '', '只', 'protective', '[]', ?, 1)`, [i, `B${i}`, `物资${i}`, at]);
      for (let u = 1; u <= UNITS; u++) {
        store.run(`INSERT INTO units (id, code, name, type, staff_count, beds, tier, updated_at, updated_by) VALUES (?, ?, ?, 'other_hospital', 10, 0, 'minimum', ?, 1)`, [u, `U${u}`, `单位${u}`, at]);
      }
    });
    const rnd = seededRandom(12);
    const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
    const rows = (n: number) =>
      Array.from({ length: n }, () => ({ unitId: int(1, UNITS), itemId: int(1, ITEMS), onHand: int(0, 900), dailyNeed: int(0, 900), minimumNeed: int(0, 900) }))
        // One row per unit and item in a save.
        .filter((r, i, all) => all.findIndex((o) => o.unitId === r.unitId && o.itemId === r.itemId) === i);
    const same = () => expect([...dayReports(store, DAY)]).toEqual([...readDayReports(store, DAY)]);
    await call(env.depot, admin, 'demand.save', { day: '2026-04-09', rows: rows(200), requestId: rid() });
    await call(env.depot, admin, 'demand.save', { day: DAY, rows: rows(150), requestId: rid() });
    same();
    const steps: [string, () => Promise<unknown> | unknown][] = [
      ['save', () => call(env.depot, admin, 'demand.save', { day: DAY, rows: rows(int(1, 8)), requestId: rid() })],
      ['save another day', () => call(env.depot, admin, 'demand.save', { day: '2026-04-09', rows: rows(5), requestId: rid() })],
      ['withdraw an item', async () => {
        const r = store.first<{ unit_id: number; item_id: number }>('SELECT unit_id, item_id FROM demand_reports WHERE day = ? ORDER BY random() LIMIT 1', [DAY]);
        if (r) await call(env.depot, admin, 'demand.withdraw', { day: DAY, unitId: r.unit_id, itemIds: [r.item_id], requestId: rid() });
      }],
      ['withdraw a unit', async () => {
        const r = store.first<{ unit_id: number }>('SELECT unit_id FROM demand_reports WHERE day = ? ORDER BY random() LIMIT 1', [DAY]);
        if (r) await call(env.depot, admin, 'demand.withdraw', { day: DAY, unitId: r.unit_id, requestId: rid() });
      }],
      ['carry forward', () => call(env.depot, admin, 'demand.carryForward', { day: DAY, unitIds: [int(1, UNITS), int(1, UNITS)], requestId: rid() })],
      ['rolled back', () => {
        try {
          store.tx(() => {
            store.run('UPDATE demand_reports SET on_hand = on_hand + 1 WHERE day = ?', [DAY]);
            store.run('DELETE FROM demand_reports WHERE day = ? AND unit_id = ?', [DAY, int(1, UNITS)]);
            // Read inside the transaction: its own changes are seen...
            same();
            throw new Error('rolled back');
          });
        } catch (e) {
          if ((e as Error).message !== 'rolled back') throw e;
        }
      }],
      ['another program', () => {
        const other = new Database(env.dbPath);
        other.prepare('UPDATE demand_reports SET daily_need = ? WHERE day = ? AND unit_id = ?').run(int(0, 900), DAY, int(1, UNITS));
        other.prepare('DELETE FROM demand_reports WHERE day = ? AND item_id = ? AND unit_id = ?').run(DAY, int(1, ITEMS), int(1, UNITS));
        other.prepare(`INSERT OR IGNORE INTO demand_reports (day, unit_id, item_id, on_hand, daily_need, minimum_need, source, entered_by, entered_at) VALUES (?, ?, ?, 1, 2, 3, 'desk', 1, ?)`).run(DAY, int(1, UNITS), int(1, ITEMS), at);
        other.close();
      }],
      ['a write that changes no figure', () => store.run('UPDATE demand_reports SET entered_at = entered_at WHERE day = ?', [DAY])],
      // Changes pruned away (demand.save keeps the last 2,000,000): the day is read whole again.
      ['changes pruned', async () => {
        await call(env.depot, admin, 'demand.save', { day: DAY, rows: rows(3), requestId: rid() });
        store.run('DELETE FROM demand_changes WHERE seq < (SELECT max(seq) FROM demand_changes)');
      }],
    ];
    for (let k = 0; k < 120; k++) {
      const [name, step] = steps[int(0, steps.length - 1)]!;
      await step();
      // ...and, after each step, the day read again equals the day read whole (twice: the second from what the first kept).
      expect([...dayReports(store, DAY)], `${k}: ${name}`).toEqual([...readDayReports(store, DAY)]);
      same();
    }
    expect(readDayReports(store, DAY).length).toBeGreaterThan(0);
  });
});
