import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { adminSession, call, rid, tempDepot } from '../../support/depot.ts';

let env: ReturnType<typeof tempDepot>;
afterEach(() => env?.cleanup());

/** Seen: another program holding the write lock longer than 5 s surfaced as "internal: database is locked". */
describe('a database held by another program', () => {
  it('waits within its bound, then refuses in words and changes nothing; once released, the same call goes through', async () => {
    env = tempDepot();
    const admin = await adminSession(env.depot);
    const other = new Database(env.dbPath);
    other.exec('BEGIN IMMEDIATE');
    const started = Date.now();
    const r = await env.depot.invoke('locations.create', { code: 'B-01', depot: '市本级储备库', zone: 'B区', bin: '01', requestId: rid() }, admin);
    const waited = Date.now() - started;
    expect(r).toMatchObject({ ok: false, error: { code: 'busy', message: '数据文件正被其他程序或操作占用，等待 5 秒仍未释放：本次未作任何更改，请稍后重试' } });
    expect(waited).toBeGreaterThanOrEqual(4000);
    other.exec('ROLLBACK');
    other.close();
    expect(env.depot.store.all("SELECT * FROM locations WHERE code = 'B-01'")).toEqual([]);
    await call(env.depot, admin, 'locations.create', { code: 'B-01', depot: '市本级储备库', zone: 'B区', bin: '01', requestId: rid() });
    expect(env.depot.store.all("SELECT code FROM locations WHERE code = 'B-01'")).toEqual([{ code: 'B-01' }]);
  });
});

/** A full disk and a file that cannot be written surfaced as "internal" with SQLite's words. */
describe('a disk that is full, a file that cannot be written', () => {
  it('is refused in words with nothing changed, and once the cause is gone the same work goes through', async () => {
    const { staffedDepot } = await import('../../support/fixtures.ts');
    const d = await staffedDepot();
    try {
      const db = d.depot.store.db;
      const receive = () =>
        d.depot.invoke(
          'receipts.saveDraft',
          { sourceType: 'purchase', supplierId: d.f.maker.id, note: '满'.repeat(400), lines: Array.from({ length: 300 }, () => ({ itemId: d.f.bed.id, counted: 1, unitCost: 100, rejectReason: '', locationId: d.f.a1.id })), requestId: rid() },
          d.keeper,
        );
      const before = db.prepare('SELECT count(*) AS n FROM receipts').get();
      // The disk full: the file may not grow by a page.
      const pages = (db.pragma('page_count', { simple: true }) as number) + 0;
      db.pragma(`max_page_count = ${pages}`);
      const full = await receive();
      expect(full).toMatchObject({ ok: false, error: { code: 'disk_full', message: '磁盘已满，数据写不进去：本次未作任何更改。请清理数据文件所在的磁盘后重试' } });
      expect(db.prepare('SELECT count(*) AS n FROM receipts').get()).toEqual(before);
      db.pragma('max_page_count = 1073741823');
      // The file read-only (a share mounted read-only, a locked stick).
      db.pragma('query_only = 1');
      const readOnly = await receive();
      expect(readOnly).toMatchObject({ ok: false, error: { code: 'cannot_write' } });
      if (!readOnly.ok) expect(readOnly.error.message).toMatch(/^数据文件无法写入（只读、被锁定或已被移走，SQLITE_READONLY/);
      expect(db.prepare('SELECT count(*) AS n FROM receipts').get()).toEqual(before);
      db.pragma('query_only = 0');
      expect((await receive()).ok).toBe(true);
      expect(db.prepare("SELECT count(*) AS n FROM receipt_lines WHERE receipt_id = (SELECT max(id) FROM receipts)").get()).toEqual({ n: 300 });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      d.env.cleanup();
    }
  });
});
