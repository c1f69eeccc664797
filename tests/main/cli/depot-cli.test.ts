import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { CATEGORIES, SUPPLIER_KINDS, UNIT_TYPES } from '../../../shared/domain.ts';
import { schemaVersion } from '../../../main/store/migrate.ts';
import { openDepot } from '../../../main/core/depot.ts';

const DEPOT = fileURLToPath(new URL('../../../main/cli/depot.ts', import.meta.url));

let dir: string;
beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), 'depot-cli-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the real CLI in a child process with the Node 24 that runs the tests. */
function depot(...args: string[]) {
  const r = spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', DEPOT, ...args], { cwd: dir, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Reads a database file the way an IT person would check it, outside the app. */
function inspect<T>(file: string, fn: (db: Database.Database) => T): T {
  const db = new Database(join(dir, file), { readonly: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}
const count = (db: Database.Database, sql: string) => (db.prepare(sql).get() as { n: number }).n;
const column = (db: Database.Database, sql: string) => db.prepare(sql).pluck().all() as string[];

describe('depot init', () => {
  it('creates the database at the current schema version, and says so', () => {
    const first = depot('init', '--db', 'desk.db');
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout.trim()).toBe(`已创建数据库 desk.db，架构版本 ${schemaVersion()}`);
    expect(inspect('desk.db', (db) => db.pragma('user_version', { simple: true }))).toBe(schemaVersion());
    expect(inspect('desk.db', (db) => column(db, "SELECT name FROM sqlite_master WHERE type = 'table'"))).toEqual(
      expect.arrayContaining(['items', 'units', 'suppliers', 'locations', 'audit_log']),
    );

    const again = depot('init', '--db', 'desk.db');
    expect(again.code).toBe(0);
    expect(again.stdout.trim()).toBe(`数据库 desk.db 已就绪，架构版本 ${schemaVersion()}`);
  });

  it('refuses a database written by a newer app, in Chinese, and leaves the file as it was', () => {
    // A file of a future Depot Desk: made by the app (WAL and all), then stamped one schema ahead.
    const file = join(dir, 'future.db');
    openDepot({ dbPath: file }).close();
    const db = new Database(file);
    db.pragma(`user_version = ${schemaVersion() + 1}`);
    db.close();
    const before = readFileSync(file);

    const r = depot('init', '--db', 'future.db');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toBe(`错误：数据库由更新版本的程序创建（架构版本 ${schemaVersion() + 1}，本程序支持 ${schemaVersion()}），请升级程序后再打开`);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['future.db']); // no migration backup, no journal left behind
  });

  it('refuses a folder that does not exist instead of failing with a stack', () => {
    const r = depot('init', '--db', join(dir, 'no-such-folder', 'desk.db'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('错误：目录不存在');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('depot demo', () => {
  it('fills an empty file with a realistic depot: every category, unit type and supplier kind', () => {
    const r = depot('demo', '--db', 'demo.db');
    expect(r).toMatchObject({ code: 0, stderr: '' });

    const seen = inspect('demo.db', (db) => ({
      items: count(db, 'SELECT count(*) n FROM items'),
      categories: column(db, 'SELECT DISTINCT category FROM items'),
      units: count(db, 'SELECT count(*) n FROM units'),
      types: column(db, 'SELECT DISTINCT type FROM units'),
      suppliers: count(db, 'SELECT count(*) n FROM suppliers'),
      kinds: column(db, 'SELECT DISTINCT kind FROM suppliers'),
      locations: count(db, 'SELECT count(*) n FROM locations'),
      depots: column(db, 'SELECT DISTINCT depot FROM locations'),
    }));
    expect(seen.items).toBeGreaterThanOrEqual(40);
    expect(seen.categories.sort()).toEqual([...CATEGORIES].sort());
    expect(seen.units).toBeGreaterThanOrEqual(60);
    expect(seen.types.sort()).toEqual([...UNIT_TYPES].sort());
    expect(seen.suppliers).toBeGreaterThanOrEqual(15);
    expect(seen.kinds.sort()).toEqual([...SUPPLIER_KINDS].sort());
    expect(seen.locations).toBeGreaterThanOrEqual(25);
    expect(seen.depots.length).toBeGreaterThanOrEqual(2);

    // What it printed is what is in the file.
    expect(r.stdout).toContain('示例储备库已写入 demo.db：');
    expect(r.stdout).toContain(`物资 ${seen.items} 种（6 个类别）`);
    expect(r.stdout).toContain(`受领单位 ${seen.units} 个（${UNIT_TYPES.length} 种类型）`);
    expect(r.stdout).toContain(`供货渠道 ${seen.suppliers} 家`);
    expect(r.stdout).toContain(`库位 ${seen.locations} 个（${seen.depots.length} 个仓库）`);
  });

  it('writes through the same door as the app: every row audited as created by the system operator', () => {
    depot('demo', '--db', 'demo.db', '--days', '0');
    inspect('demo.db', (db) => {
      const rows = ['items', 'units', 'suppliers', 'locations'].reduce((n, t) => n + count(db, `SELECT count(*) n FROM ${t}`), 0);
      expect(count(db, "SELECT count(*) n FROM audit_log WHERE action = 'create' AND operator_id = 1")).toBe(rows);
      expect(count(db, 'SELECT count(*) n FROM requests')).toBe(rows);
    });
  });

  it('reads like a real depot: names, specs, packs, standards, lots, tiers and contacts', () => {
    depot('demo', '--db', 'demo.db');
    inspect('demo.db', (db) => {
      const kn95 = db.prepare("SELECT * FROM items WHERE name = '医用防护口罩'").get() as Record<string, unknown>;
      expect(kn95).toMatchObject({ unit: '只', standard: 'GB 19083-2010', lot_tracked: 1 });
      expect(JSON.parse(kn95.packs as string)).toEqual([{ unit: '盒', per: 50 }, { unit: '箱', per: 1000 }]);
      expect(count(db, "SELECT count(*) n FROM items WHERE spec = '' OR name NOT GLOB '*[^ -~]*'")).toBe(0); // every item has a spec and a Chinese name
      expect(count(db, "SELECT count(*) n FROM items WHERE category IN ('protective', 'medical', 'disinfection') AND lot_tracked = 0")).toBe(0);
      expect(count(db, "SELECT count(*) n FROM items WHERE category = 'bedding' AND lot_tracked = 1")).toBe(0);
      expect(count(db, "SELECT count(*) n FROM items WHERE packs <> '[]'")).toBeGreaterThanOrEqual(30);
      expect(column(db, 'SELECT DISTINCT unit FROM items')).toEqual(expect.arrayContaining(['只', '件', '套', '瓶', '张', '床', '个', '桶', '双']));

      // Barcodes that are there are valid EAN-13s.
      const barcodes = column(db, 'SELECT barcode FROM items WHERE barcode IS NOT NULL');
      expect(barcodes.length).toBeGreaterThanOrEqual(10);
      for (const code of barcodes) {
        expect(code).toMatch(/^\d{13}$/);
        const sum = [...code.slice(0, 12)].reduce((acc, d, i) => acc + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
        expect(Number(code[12])).toBe((10 - (sum % 10)) % 10);
      }

      expect(count(db, "SELECT count(*) n FROM units WHERE staff_count = 0 OR contact = '' OR phone = '' OR address = '' OR district = ''")).toBe(0);
      expect(count(db, "SELECT count(*) n FROM units WHERE type IN ('designated_hospital', 'makeshift_hospital', 'township_health_centre') AND beds = 0")).toBe(0);
      expect(column(db, 'SELECT DISTINCT tier FROM units').sort()).toEqual(['full', 'minimum', 'proportional']);
      expect(column(db, 'SELECT DISTINCT district FROM units').length).toBeGreaterThanOrEqual(5);

      // Some manufacturers' qualifications are about to run out (or have), so the desk has something to warn about.
      const today = new Date().toISOString().slice(0, 10);
      const soon = new Date(Date.now() + 31 * 86_400_000).toISOString().slice(0, 10);
      expect(count(db, `SELECT count(*) n FROM suppliers WHERE qualification_expiry BETWEEN '${today}' AND '${soon}'`)).toBeGreaterThanOrEqual(2);
      expect(count(db, "SELECT count(*) n FROM suppliers WHERE kind = 'manufacturer' AND (qualification = '' OR capacity_per_day = '' OR lead_time_days IS NULL)")).toBe(0);
    });
  });

  it('adds two weeks of business up to yesterday: every page has something real, the books tie, yesterday’s work still open', () => {
    const r = depot('demo', '--db', 'demo.db');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const today = new Date();
    const day = (offset: number) => {
      const d = new Date(today);
      d.setDate(d.getDate() + offset);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    };
    inspect('demo.db', (db) => {
      const statuses = column(db, 'SELECT DISTINCT status FROM dispatch_orders ORDER BY status');
      expect(statuses).toEqual(expect.arrayContaining(['approved', 'picked', 'shipped', 'delivered']));
      const receipts = count(db, "SELECT count(*) n FROM receipts WHERE status = 'posted'");
      const plans = count(db, "SELECT count(*) n FROM allocation_plans WHERE status = 'approved'");
      const orders = count(db, 'SELECT count(*) n FROM dispatch_orders WHERE reverses_id IS NULL');
      const delivered = count(db, "SELECT count(*) n FROM dispatch_orders WHERE status = 'delivered'");
      const closed = count(db, 'SELECT count(*) n FROM day_closes');
      expect(r.stdout).toContain(`14 天的业务：入库 ${receipts} 单，分配方案 ${plans} 个，出库 ${orders} 单（已签收 ${delivered} 单，其余在途或待发），扎账 ${closed} 天`);
      expect([plans, closed]).toEqual([14, 13]);
      // From two weeks ago to yesterday; yesterday not yet closed, nothing dated today or later.
      expect(db.prepare('SELECT min(day) a, max(day) b FROM day_closes').get()).toEqual({ a: day(-14), b: day(-2) });
      expect(count(db, `SELECT count(*) n FROM movements WHERE at >= '${new Date(new Date(today).setHours(0, 0, 0, 0)).toISOString()}'`)).toBe(0);
      expect(column(db, 'SELECT DISTINCT doc_type FROM movements ORDER BY 1')).toEqual(['dispatch', 'dispatch_reversal', 'receipt', 'stocktake']);
      // Every balance equals its ledger, and no item's book is negative.
      expect(count(db, 'SELECT count(*) n FROM stock s WHERE on_hand <> (SELECT coalesce(sum(qty), 0) FROM movements m WHERE m.lot_id = s.lot_id AND m.location_id = s.location_id)')).toBe(0);
      expect(count(db, 'SELECT count(*) n FROM item_valuation v WHERE v.priced_amount <> (SELECT coalesce(sum(amount), 0) FROM movements m WHERE m.item_id = v.item_id)')).toBe(0);
      // A lot runs out within the month: the expiry alert has something to say.
      expect(count(db, `SELECT count(*) n FROM lots WHERE expires_on BETWEEN '${day(0)}' AND '${day(30)}'`)).toBeGreaterThanOrEqual(1);
    });
  });

  it('writes the same data on every run', () => {
    depot('demo', '--db', 'one.db');
    depot('demo', '--db', 'two.db');
    const dump = (file: string) =>
      inspect(file, (db) =>
        ['items', 'units', 'suppliers', 'locations'].map((t) => (db.prepare(`SELECT * FROM ${t} ORDER BY code`).all() as Record<string, unknown>[]).map(({ updated_at: _, ...row }) => row)),
      );
    expect(dump('two.db')).toEqual(dump('one.db'));
  });

  it('refuses a database that already has master data, and changes nothing', () => {
    expect(depot('demo', '--db', 'demo.db').code).toBe(0);
    const before = inspect('demo.db', (db) => count(db, 'SELECT count(*) n FROM audit_log'));

    const r = depot('demo', '--db', 'demo.db');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^错误：数据库 demo\.db 中已有主数据（物资 \d+、库位 \d+、供货渠道 \d+、受领单位 \d+），示例数据只能写入空库/);
    expect(inspect('demo.db', (db) => count(db, 'SELECT count(*) n FROM audit_log'))).toBe(before);
  });
});

describe('depot backup', () => {
  it('copies the database online into a file that opens with the same data', () => {
    depot('demo', '--db', 'live.db');
    const r = depot('backup', '--db', 'live.db', '--out', 'copy.db');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const m = /^已备份到 copy\.db：(\d+) 页，(\d+) 字节$/.exec(r.stdout.trim());
    expect(m).not.toBeNull();
    expect(Number(m![2])).toBe(statSync(join(dir, 'copy.db')).size);
    expect(Number(m![1])).toBe(inspect('copy.db', (db) => db.pragma('page_count', { simple: true })));

    const items = (file: string) => inspect(file, (db) => count(db, 'SELECT count(*) n FROM items'));
    expect(items('copy.db')).toBe(items('live.db'));
    expect(items('copy.db')).toBeGreaterThanOrEqual(40);
    expect(inspect('copy.db', (db) => db.pragma('integrity_check', { simple: true }))).toBe('ok');
    expect(readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
  });

  it('refuses to overwrite an existing file unless --force', () => {
    depot('init', '--db', 'live.db');
    writeFileSync(join(dir, 'copy.db'), 'yesterday’s backup');

    const refused = depot('backup', '--db', 'live.db', '--out', 'copy.db');
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toBe('错误：目标文件已存在：copy.db（如确需覆盖，请加 --force）');
    expect(readFileSync(join(dir, 'copy.db'), 'utf8')).toBe('yesterday’s backup');

    expect(depot('backup', '--db', 'live.db', '--out', 'copy.db', '--force').code).toBe(0);
    expect(inspect('copy.db', (db) => db.pragma('user_version', { simple: true }))).toBe(schemaVersion());
  });

  it('refuses a database file that does not exist, without creating it', () => {
    const r = depot('backup', '--db', 'missing.db', '--out', 'copy.db');
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('错误：数据库文件不存在：missing.db');
    expect(existsSync(join(dir, 'missing.db'))).toBe(false);
    expect(existsSync(join(dir, 'copy.db'))).toBe(false);
  });
});

describe('the command line', () => {
  it('answers an unknown command with exit 2, the reason and the usage', () => {
    const r = depot('frobnicate', '--db', 'x.db');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('错误：未知的命令“frobnicate”');
    expect(r.stderr).toContain('用法：depot <命令> [选项]');
    for (const name of ['init', 'demo', 'backup', 'help']) expect(r.stderr).toMatch(new RegExp(`^  ${name} `, 'm'));
    expect(existsSync(join(dir, 'x.db'))).toBe(false);
  });

  it('answers a missing or unknown option with exit 2 and that command’s usage', () => {
    const missing = depot('backup', '--db', 'x.db');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('错误：缺少选项 --out');
    expect(missing.stderr).toContain('用法：depot backup --db FILE --out FILE [--force]');

    const unknown = depot('init', '--db', 'x.db', '--fast');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('错误：未知的选项 --fast');
    expect(existsSync(join(dir, 'x.db'))).toBe(false);
  });

  it('speaks English with --lang en', () => {
    const created = depot('init', '--db', 'desk.db', '--lang', 'en');
    expect(created.stdout.trim()).toBe(`Created database desk.db, schema version ${schemaVersion()}`);

    const help = depot('--lang', 'en', 'help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: depot <command> [options]');
    expect(help.stdout).toContain('back up the database online');
    expect(help.stdout).not.toMatch(/[\u4e00-\u9fff]/);

    expect(depot('demo', '--db', 'desk.db', '--lang=en').stdout).toContain('Sample depot written to desk.db:');
    const again = depot('demo', '--db', 'desk.db', '--lang=en');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^Error: database desk\.db already has master data/);
  });

  it('lists its commands with depot help (Chinese by default)', () => {
    const r = depot('help');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain('用法：depot <命令> [选项]');
    expect(r.stdout).toContain('backup --db FILE --out FILE [--force]');
    expect(depot('help', 'backup').stdout).toContain('用法：depot backup --db FILE --out FILE [--force]');
    expect(depot('backup', '--help').stdout).toContain('用法：depot backup --db FILE --out FILE [--force]');
  });

  it('runs as the package.json bin: an executable with a shebang', () => {
    expect(statSync(DEPOT).mode & 0o111).not.toBe(0);
    const pkg = JSON.parse(readFileSync(join(dirname(DEPOT), '../../package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(pkg.bin.depot).toBe('main/cli/depot.ts');
    const PATH = `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`;
    const r = spawnSync(DEPOT, ['init', '--db', 'bin.db'], { cwd: dir, encoding: 'utf8', env: { ...process.env, PATH } });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(existsSync(join(dir, 'bin.db'))).toBe(true);
  });
});
