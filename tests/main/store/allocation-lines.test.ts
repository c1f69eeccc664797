import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore, type Store } from '../../../main/store/db.ts';
import { migrate, migrations, schemaVersion } from '../../../main/store/migrate.ts';

/**
 * Migration 025 rebuilds allocation_lines WITHOUT ROWID (one b-tree written per line) and keeps
 * 007's quantity guard as a named CHECK instead of a trigger per line: a file made before it keeps
 * every line, and the database still refuses what it refused, in the same words. Migration 027
 * rebuilds it again with the figures' columns and without a look-up per line of its plan, unit and
 * item (writePlanLines checks those once per plan: tests/main/domains/allocation/plan-lines.test.ts).
 */
const dirs: string[] = [];
const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) if (s.db.open) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const LINE = 'INSERT INTO allocation_lines (plan_id, unit_id, item_id, tier, need, claim, computed, allocated, reason, override_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';
const OLD_COLUMNS = 'plan_id, unit_id, item_id, tier, need, claim, computed, allocated, reason, override_reason';

/** A file as the app before migration 025 left it, holding an approved plan and a draft. */
function olderFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'depot-alloc-lines-'));
  dirs.push(dir);
  const path = join(dir, 'depot.db');
  const old = new Database(path);
  old.pragma('foreign_keys = ON');
  migrate(old, path, migrations().filter((m) => m.version < 25));
  const at = '2026-04-10T00:00:00.000Z';
  old.transaction(() => {
    for (const i of [1, 2]) old.prepare(`INSERT INTO items (id, code, name, unit, category, updated_at, updated_by) VALUES (?, ?, '口罩', '只', 'protective', ?, 1)`).run(i, `B${i}`, at);
    for (const u of [1, 2, 3]) old.prepare(`INSERT INTO units (id, code, name, type, staff_count, beds, tier, updated_at, updated_by) VALUES (?, ?, ?, 'other_hospital', 10, 0, 'minimum', ?, 1)`).run(u, `U${4 - u}`, `单位${u}`, at);
    for (const [id, status] of [[1, 'draft'], [2, 'draft']] as const) {
      old.prepare(`INSERT INTO allocation_plans (id, day, revision, status, params, created_by, created_at) VALUES (?, '2026-04-10', ?, ?, '{}', 1, ?)`).run(id, id, status, at);
    }
    const line = old.prepare(LINE);
    // Written out of key order, as an older app could have: they come back in key order.
    for (const [plan, unit, item, reason, override] of [[2, 3, 1, '[1,2,3,0,0,0,{"kind":"served"},0]', null], [1, 2, 2, '[4,5,6,0,0,0,{"kind":"noNeed"},0]', '上级指示'], [1, 1, 1, '{"kind":"served","onHand":1}', null]] as const) {
      line.run(plan, unit, item, 'minimum', 900 + unit, 800, 700 + item, 600, reason, override);
    }
    old.prepare(`UPDATE allocation_plans SET status = 'approved' WHERE id = 1`).run();
  }).immediate();
  old.close();
  return path;
}

describe('allocation_lines after migration 025', () => {
  it('keeps every line of a file made before it, in key order, its figures where they were', () => {
    const path = olderFile();
    const before = new Database(path, { readonly: true });
    const rows = before.prepare('SELECT * FROM allocation_lines ORDER BY plan_id, unit_id, item_id').raw(true).all();
    before.close();
    expect(rows).toHaveLength(3);

    const store = openStore(path);
    stores.push(store);
    expect(store.db.pragma('user_version', { simple: true })).toBe(schemaVersion());
    // Read with no ORDER BY, as a plan is read back: the table itself is in key order. The lines keep
    // their figures in their reason text; the figures' columns of 027 stay empty for them.
    expect(store.db.prepare(`SELECT ${OLD_COLUMNS} FROM allocation_lines`).raw(true).all()).toEqual(rows);
    expect(store.db.prepare('SELECT DISTINCT on_hand, daily_need, minimum_need, pending, top_up, pack_left_out, earmarked FROM allocation_lines').raw(true).all()).toEqual([
      [null, null, null, null, null, null, null],
    ]);
    expect(store.db.pragma('foreign_key_check')).toEqual([]);
    // An approved plan is still never changed; a draft's line still is.
    expect(() => store.run('UPDATE allocation_lines SET allocated = 1 WHERE plan_id = 1')).toThrow(/never changed/);
    store.run('UPDATE allocation_lines SET allocated = 5 WHERE plan_id = 2');
    expect(store.first('SELECT allocated FROM allocation_lines WHERE plan_id = 2')).toEqual({ allocated: 5 });
  });

  it('refuses a fraction, a text or an out-of-range need or allocation, on insert and update, as "quantity out of range"', () => {
    const store = openStore(olderFile());
    stores.push(store);
    const rows = () => store.db.prepare(`SELECT ${OLD_COLUMNS} FROM allocation_lines ORDER BY plan_id, unit_id, item_id`).raw(true).all();
    const kept = rows();
    for (const bad of [2.5, '12箱', 1_000_000_001, -1_000_000_001, 1e20]) {
      expect(() => store.run(LINE, [2, 1, 2, 'minimum', bad, 1, 1, 1, '[]', null]), `need ${String(bad)}`).toThrow(/quantity out of range/);
      expect(() => store.run(LINE, [2, 1, 2, 'minimum', 1, 1, 1, bad, '[]', null]), `allocated ${String(bad)}`).toThrow(/quantity out of range|CHECK/);
      expect(() => store.run('UPDATE allocation_lines SET need = ? WHERE plan_id = 2', [bad]), `update need ${String(bad)}`).toThrow(/quantity out of range/);
    }
    expect(rows()).toEqual(kept);
    // The largest allowed quantity is kept exactly.
    store.run(LINE, [2, 1, 2, 'minimum', 1_000_000_000, 1, 1, 1_000_000_000, '[]', null]);
    expect(store.first('SELECT need, allocated FROM allocation_lines WHERE plan_id = 2 AND unit_id = 1')).toEqual({ need: 1_000_000_000, allocated: 1_000_000_000 });
  });
});
