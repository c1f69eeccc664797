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
