import { afterEach, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { openStore, type Store } from '../../../main/store/db.ts';
import { migrations, schemaVersion } from '../../../main/store/migrate.ts';
import { DepotError } from '../../../main/core/errors.ts';
import { translate } from '../../../main/core/depot.ts';
import { createI18n } from '../../../shared/i18n/index.ts';

const dirs: string[] = [];
const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) if (s.db.open) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'depot-store-'));
  dirs.push(dir);
  return dir;
}

function open(path: string): Store {
  const store = openStore(path);
  stores.push(store);
  return store;
}

const userVersion = (db: Database.Database) => db.pragma('user_version', { simple: true }) as number;
const tableNames = (db: Database.Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
const backups = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.bak'));

/** Adds an item through plain SQL, as a row a real depot would hold. */
function addItem(store: Store, code: string) {
  store.run(
    "INSERT INTO items (code, name, unit, category, updated_at, updated_by) VALUES (?, '医用外科口罩', '只', 'protective', '2024-01-01T00:00:00.000Z', 1)",
    [code],
  );
}

describe('the store', () => {
  it('opens with WAL, synchronous=FULL, foreign keys on and a busy timeout', () => {
    const store = open(join(tempDir(), 'depot.db'));
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2); // 2 = FULL
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('busy_timeout', { simple: true })).toBeGreaterThanOrEqual(1000);
  });

  it('enforces foreign keys (a row cannot name an operator that does not exist)', () => {
    const store = open(join(tempDir(), 'depot.db'));
    expect(() =>
      store.run("INSERT INTO items (code, name, unit, category, updated_at, updated_by) VALUES ('X1', '口罩', '只', 'protective', 'now', 999)"),
    ).toThrow(/FOREIGN KEY/);
    expect(store.all('SELECT * FROM items')).toEqual([]);
  });

  it('applies every migration to an empty file, in order, without taking a backup of nothing', () => {
    const dir = tempDir();
    const store = open(join(dir, 'depot.db'));
    const all = migrations();
    expect(all.length).toBeGreaterThan(0);
    expect(all.map((m) => m.version)).toEqual([...all.map((m) => m.version)].sort((a, b) => a - b));
    expect(new Set(all.map((m) => m.version)).size).toBe(all.length);
    expect(userVersion(store.db)).toBe(schemaVersion());
    expect(tableNames(store.db)).toEqual(expect.arrayContaining(['operators', 'items', 'locations', 'suppliers', 'units', 'audit_log', 'requests', 'settings']));
    // The system operator the CLI acts as exists, and cannot sign in.
    expect(store.first('SELECT code, role, password_hash FROM operators WHERE id = 1')).toEqual({ code: 'system', role: 'system', password_hash: null });
    expect(backups(dir)).toEqual([]);
  });

  it('reopening an up-to-date file changes nothing and takes no backup', () => {
    const dir = tempDir();
    const path = join(dir, 'depot.db');
    const first = open(path);
    addItem(first, 'FH-001');
    const schema = first.all('SELECT type, name, sql FROM sqlite_master ORDER BY name');
    first.close();

    const again = open(path);
    expect(userVersion(again.db)).toBe(schemaVersion());
    expect(again.all('SELECT type, name, sql FROM sqlite_master ORDER BY name')).toEqual(schema);
    expect(again.all('SELECT code FROM items')).toEqual([{ code: 'FH-001' }]);
    expect(backups(dir)).toEqual([]);
  });

  it('refuses a database written by a newer app, and leaves the file byte for byte as it was', () => {
    const dir = tempDir();
    const path = join(dir, 'depot.db');
    const store = open(path);
    addItem(store, 'FH-001');
    store.close();
    const newer = new Database(path);
    newer.pragma(`user_version = ${schemaVersion() + 5}`);
    newer.close();
    const bytes = readFileSync(path);

    let refused: unknown;
    try {
      open(path);
    } catch (e) {
      refused = e;
    }
    expect(refused).toBeInstanceOf(DepotError);
    const error = refused as DepotError;
    expect(error.code).toBe('db_too_new');
    expect(translate(error, createI18n('zh-CN').t).message).toMatch(new RegExp(`更新版本.*${schemaVersion() + 5}.*${schemaVersion()}`));
    expect(translate(error, createI18n('en').t).message).toMatch(/newer version/);

    expect(readFileSync(path).equals(bytes)).toBe(true);
    expect(backups(dir)).toEqual([]);
    expect(readdirSync(dir).sort()).toEqual(['depot.db']);
  });

  it('keeps the audit log append-only: the database itself refuses UPDATE and DELETE', () => {
    const store = open(join(tempDir(), 'depot.db'));
    store.run("INSERT INTO audit_log (at, operator_id, action, entity, entity_id, before, after) VALUES ('2024-01-01', 1, 'create', 'items', '1', NULL, '{}')");
    const rows = store.all('SELECT * FROM audit_log');
    expect(rows).toHaveLength(1);
    expect(() => store.run("UPDATE audit_log SET action = 'edited'")).toThrow(/append-only/);
    expect(() => store.run('DELETE FROM audit_log')).toThrow(/append-only/);
    expect(() => store.tx(() => store.run('DELETE FROM audit_log WHERE id = 1'))).toThrow(/append-only/);
    expect(store.all('SELECT * FROM audit_log')).toEqual(rows);
  });
});

/**
 * A later app version brings a new migration. migrate.ts finds its migrations beside itself, so
 * the test runs the real module from a copy of main/store (and the DepotError it imports) with
 * one extra numbered file after the real ones.
 */
describe('migrating an existing file', () => {
  const repo = fileURLToPath(new URL('../../../', import.meta.url));

  async function futureApp(extraSql: string) {
    const root = tempDir();
    mkdirSync(join(root, 'main', 'core'), { recursive: true });
    cpSync(join(repo, 'main', 'store'), join(root, 'main', 'store'), { recursive: true });
    cpSync(join(repo, 'main', 'core', 'errors.ts'), join(root, 'main', 'core', 'errors.ts'));
    const next = schemaVersion() + 1;
    writeFileSync(join(root, 'main', 'store', 'migrations', `${String(next).padStart(3, '0')}_future.sql`), extraSql);
    const module = (await import(join(root, 'main', 'store', 'migrate.ts'))) as typeof import('../../../main/store/migrate.ts');
    return { next, migrate: module.migrate, schemaVersion: module.schemaVersion };
  }

  it('takes a backup of the file before the first pending migration runs', async () => {
    const dir = tempDir();
    const path = join(dir, 'depot.db');
    const store = open(path);
    addItem(store, 'FH-001');
    store.close();
    const current = schemaVersion();

    const future = await futureApp('CREATE TABLE future_things (id INTEGER PRIMARY KEY);\nALTER TABLE items ADD COLUMN colour TEXT;');
    expect(future.schemaVersion()).toBe(future.next);
    const db = new Database(path);
    future.migrate(db, path);
    expect(userVersion(db)).toBe(future.next);
    expect(tableNames(db)).toContain('future_things');
    expect(db.prepare('SELECT code, colour FROM items').all()).toEqual([{ code: 'FH-001', colour: null }]);
    db.close();

    const [backup] = backups(dir);
    expect(backup).toMatch(new RegExp(`^depot\\.db\\.v${current}-.+\\.bak$`));
    const old = new Database(join(dir, backup!), { readonly: true });
    expect(userVersion(old)).toBe(current);
    expect(tableNames(old)).not.toContain('future_things');
    expect(old.prepare('SELECT code FROM items').all()).toEqual([{ code: 'FH-001' }]);
    old.close();
  });

  it('a migration that fails leaves the file at its old version, with the backup beside it', async () => {
    const dir = tempDir();
    const path = join(dir, 'depot.db');
    const store = open(path);
    addItem(store, 'FH-001');
    store.close();
    const current = schemaVersion();

    const future = await futureApp('CREATE TABLE half_done (id INTEGER PRIMARY KEY);\nTHIS IS NOT SQL;');
    const db = new Database(path);
    expect(() => future.migrate(db, path)).toThrow();
    expect(userVersion(db)).toBe(current);
    expect(tableNames(db)).not.toContain('half_done');
    expect(db.prepare('SELECT code FROM items').all()).toEqual([{ code: 'FH-001' }]);
    db.close();
    expect(backups(dir)).toHaveLength(1);
    expect(existsSync(path)).toBe(true);
  });
});
