import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { adminSession, call, rid, tempDepot } from '../../../support/depot.ts';
import { seededRandom } from '../../../../main/cli/seeded-random.ts';

/**
 * The rows a round writes and the plans it answers, pinned: save and approve were made faster
 * (bulk writes, plans read back without a join or sort) and must write and answer exactly what
 * they did before. The digests were taken from the code before that change.
 */
let env: ReturnType<typeof tempDepot>;
afterEach(() => env?.cleanup());

const DAY1 = '2026-04-10';
const DAY2 = '2026-04-11';
const UNITS = 24;
const ITEMS = 6;

/** A seeded round written raw: codes out of id order, packs, two lots of one item, a centre without staff. */
function seed() {
  const { store } = env.depot;
  const rnd = seededRandom(7);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const at = '2026-04-10T00:00:00.000Z';
  const tiers = ['full', 'minimum', 'proportional'] as const;
  const types = { full: 'designated_hospital', minimum: 'other_hospital', proportional: 'township_health_centre' } as const;
  store.tx(() => {
    store.run(`INSERT INTO locations (code, depot, zone, bin, updated_at, updated_by) VALUES ('A-1', '库', 'A', '1', ?, 1)`, [at]);
    for (let i = 1; i <= ITEMS; i++) {
      store.run(`INSERT INTO items (id, code, name, spec, unit, category, packs, updated_at, updated_by) VALUES (?, ?, ?, '', '只', 'protective', ?, ?, 1)`, [
        i, `B${i}`, `物资${i}`, i % 3 === 0 ? '[{"unit":"盒","per":10}]' : '[]', at,
      ]);
      for (const [lotNo, expires] of i === 2 ? [['L1', '2027-01-01'], ['L2', '2099-01-01']] : [['L1', '2099-01-01']]) {
        const lot = store.run(`INSERT INTO lots (item_id, lot_no, expires_on, status, unit_cost, created_at) VALUES (?, ?, ?, 'accepted', 100, ?)`, [i, lotNo, expires, at]);
        store.run('INSERT INTO stock (lot_id, location_id, item_id, on_hand) VALUES (?, 1, ?, ?)', [lot.lastInsertRowid, i, int(500, 6_000)]);
      }
    }
    for (let u = 1; u <= UNITS; u++) {
      const tier = tiers[u % 3]!;
      const staff = u === 5 ? 0 : int(10, 900);
      store.run(`INSERT INTO units (id, code, name, type, staff_count, beds, tier, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)`, [
        u, `U${String((u * 7) % UNITS).padStart(2, '0')}`, `单位${u}`, types[tier], staff, int(0, 300), tier, at,
      ]);
    }
    for (const day of [DAY1, DAY2]) {
      for (let u = 1; u <= UNITS; u++) {
        for (let i = 1; i <= ITEMS; i++) {
          if ((u + i) % 11 === 0) continue;
          const daily = int(0, 400);
          store.run(
            `INSERT INTO demand_reports (day, unit_id, item_id, on_hand, daily_need, minimum_need, source, entered_by, entered_at) VALUES (?, ?, ?, ?, ?, ?, 'desk', 1, ?)`,
            [day, u, i, int(0, daily * 2), daily, int(0, daily), at],
          );
        }
      }
    }
  });
}

const digest = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);

describe('a saved and approved round writes the same rows as before', () => {
  it('plans, lines, orders and superseded drafts over two revisions and two days', async () => {
    env = tempDepot({ clock: () => new Date('2026-04-10T08:00:00+08:00') });
    const admin = await adminSession(env.depot);
    seed();
    const params = (day: string) => ({ day, coverDays: 3, reserve: { percent: 10 }, wholePacks: true });
    const answers: unknown[] = [];
    answers.push(await call(env.depot, admin, 'allocation.compute', params(DAY1)));
    const rev1 = await call(env.depot, admin, 'allocation.save', { ...params(DAY1), requestId: rid() });
    answers.push(rev1, await call(env.depot, admin, 'allocation.approve', { id: rev1.id!, version: rev1.version!, requestId: rid() }));
    // A second revision with an override: approving it cancels the first one's drafts.
    const line = rev1.lines.find((l) => l.allocated > 0)!;
    const rev2 = await call(env.depot, admin, 'allocation.save', {
      ...params(DAY1), overrides: [{ unitId: line.unitId, itemId: line.itemId, allocated: line.allocated - 1, reason: '少给一件' }], requestId: rid(),
    });
    answers.push(rev2, await call(env.depot, admin, 'allocation.approve', { id: rev2.id!, version: rev2.version!, confirmReserve: true, requestId: rid() }));
    // The next day: the first day's drafts count as on their way.
    const day2 = await call(env.depot, admin, 'allocation.save', { ...params(DAY2), requestId: rid() });
    answers.push(day2, await call(env.depot, admin, 'allocation.approve', { id: day2.id!, version: day2.version!, confirmReserve: true, requestId: rid() }));
    answers.push(await call(env.depot, admin, 'allocation.get', { id: rev2.id! }), await call(env.depot, admin, 'allocation.diff', { id: rev2.id! }));

    const rows = (sql: string) => env.depot.store.db.prepare(sql).raw(true).all();
    const stored = {
      plans: rows('SELECT id, day, revision, status, params, note, created_by, created_at, approved_by, approved_at, version, left_out FROM allocation_plans ORDER BY id'),
      items: rows('SELECT * FROM allocation_items ORDER BY plan_id, item_id'),
      // Each line as it was written before its figures got columns of their own (migration 027): the same text, to the byte.
      lines: rows(`SELECT plan_id, unit_id, item_id, tier, need, claim, computed, allocated,
                          '[' || concat_ws(',', on_hand, daily_need, minimum_need, pending, top_up, pack_left_out, reason, earmarked) || ']', override_reason
                     FROM allocation_lines ORDER BY plan_id, unit_id, item_id`),
      orders: rows('SELECT id, no, status, unit_id, priority, remarks, plan_id, created_by, created_at, cancelled_at, cancel_reason, version FROM dispatch_orders ORDER BY id'),
      orderLines: rows('SELECT * FROM dispatch_lines ORDER BY id'),
      superseded: rows('SELECT * FROM allocation_superseded ORDER BY plan_id, order_id'),
      audit: rows(`SELECT action, entity, entity_id, before, after FROM audit_log WHERE entity IN ('plan', 'dispatch') ORDER BY id`),
    };
    expect(Object.fromEntries(Object.entries(stored).map(([k, v]) => [k, v.length]))).toEqual({ plans: 3, items: 18, lines: 396, orders: 52, orderLines: 161, superseded: 22, audit: 80 });
    expect(Object.fromEntries(Object.entries(stored).map(([k, v]) => [k, digest(v)]))).toEqual({
      plans: 'c02550e2b5bdd32b',
      items: 'b3044e04dcc0fc76',
      lines: 'c834a0a7ce61b6dc',
      orders: '4036c3502f1e597b',
      orderLines: '9a861925e790f114',
      superseded: '239c4332867733c5',
      audit: 'c15bc5b7ae254d92',
    });
    expect(answers.map(digest)).toEqual([
      '870132dae17faf41', '305eb19c14c72f4d', '0e55ef7a5ea65af4', 'e1ba984b0495c498', '0d2fa771db1c307e',
      'aa2cb0cbb4c39e36', '9a6e14e5ca591381', '0d2fa771db1c307e', '1db93b41904fb1aa',
    ]);
  });
});
