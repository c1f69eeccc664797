import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { pgUnavailable, startPg, type TempPg } from '../../support/pg.ts';
import { registeredDepot, tempCenter } from '../../support/center.ts';
import { call, rid, sessionWithRole } from '../../support/depot.ts';
import { serveCenter } from '../../../main/center/serve.ts';
import { startAutoPush } from '../../../main/center/auto-push.ts';
import type { CenterStore } from '../../../main/center/store.ts';
import { migrate, migrations, schemaVersion } from '../../../main/store/migrate.ts';
import { openStore } from '../../../main/store/db.ts';

const why = pgUnavailable();
let pg: TempPg;
let center: CenterStore | undefined;
const cleanups: (() => void | Promise<void>)[] = [];

beforeAll(async () => {
  if (!why) pg = await startPg();
});
afterAll(() => pg?.stop());
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  await center?.close();
  center = undefined;
});

const READ_ONLY = '指挥中心人员只能查看“指挥中心”页上的全市数据，不能查看或办理本库的业务（入库、出库、过账、修改资料等）';

describe('the command center role (指挥中心人员)', () => {
  it('comes to a depot file made before it: operators rebuilt with every reference kept and enforced', () => {
    const dir = mkdtempSync(join(tmpdir(), 'depot-center-role-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'depot.db');
    const old = new Database(path);
    old.pragma('foreign_keys = ON');
    migrate(old, path, migrations().filter((m) => m.version < 23));
    old.exec(`INSERT INTO operators (id, code, name, role, password_hash, created_at, updated_at) VALUES (2, 'keeper', '保管员甲', 'storekeeper', 'x', 'now', 'now');
              INSERT INTO audit_log (at, operator_id, action, entity) VALUES ('now', 2, 'create', 'items')`);
    expect(() => old.exec(`INSERT INTO operators (code, name, role, created_at, updated_at) VALUES ('c', 'c', 'center', 'now', 'now')`)).toThrow(/CHECK/);
    old.close();

    const store = openStore(path);
    try {
      expect(store.db.pragma('user_version', { simple: true })).toBe(schemaVersion());
      expect(store.all('SELECT id, code, role FROM operators ORDER BY id')).toEqual([{ id: 1, code: 'system', role: 'system' }, { id: 2, code: 'keeper', role: 'storekeeper' }]);
      expect(store.db.pragma('foreign_key_check')).toEqual([]);
      expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
      store.run(`INSERT INTO operators (code, name, role, created_at, updated_at) VALUES ('c', 'c', 'center', 'now', 'now')`);
      expect(() => store.run(`INSERT INTO audit_log (at, operator_id, action, entity) VALUES ('now', 99, 'create', 'items')`)).toThrow(/FOREIGN KEY/);
    } finally {
      store.close();
    }
  });

  it.skipIf(why)(`reads the city's views and is refused everything of the depot's, in Chinese and English${why ? ` (skipped: ${why})` : ''}`, async () => {
    center = await tempCenter(pg.url);
    const a = await registeredDepot(center, 'SBJ');
    cleanups.push(() => a.env.cleanup());
    await a.receive(a.f.mask.id, 5000, 120);
    await a.ship(a.f.mask.id, 1200);
    const server = await serveCenter(center, {});
    cleanups.push(() => server.close());
    const push = startAutoPush(a.depot.store, 'SBJ', a.key.privateKey, { url: server.url }, { everyMs: 60_000 });
    cleanups.push(() => push.stop());
    await push.nudge();

    const staff = await sessionWithRole(a.depot, a.admin, 'center', 'city01');
    const views = await call(a.depot, staff, 'center.views', {});
    expect(views.stock.find((r) => r.itemCode === 'FH-001' && r.depotCode === 'SBJ')?.onHand).toBe(3800);
    expect(views.briefing).toContain('全市各储备库累计');

    const tries = [
      await a.depot.invoke('dispatch.create', { unitId: a.unitId, lines: [{ itemId: a.f.mask.id, qty: 1 }], requestId: rid() }, staff),
      await a.depot.invoke('receipts.list', {}, staff),
      await a.depot.invoke('items.list', {}, staff),
      await a.depot.invoke('stats.summary', {}, staff),
      await a.depot.invoke('docs.find', { text: 'CK' }, staff),
      await a.depot.invoke('operators.list', {}, staff),
    ];
    expect(tries.map((r) => (r.ok ? 'ok' : `${r.error.code} ${r.error.message}`))).toEqual(Array(6).fill(`center_read_only ${READ_ONLY}`));
    expect(a.depot.store.first('SELECT count(*) AS n FROM dispatch_orders')).toEqual({ n: 1 });

    await call(a.depot, staff, 'auth.setLocale', { locale: 'en' });
    const en = await a.depot.invoke('dispatch.list', {}, staff);
    expect(en.ok ? 'ok' : en.error.message).toBe("Command center staff may only read the city's figures on the Command center page; they cannot see or do this depot's work (receiving, dispatching, posting, changing records)");
    // Their own session is theirs: the password, the idle lock.
    expect(await call(a.depot, staff, 'auth.idleLock', {})).toBeDefined();
    await call(a.depot, staff, 'auth.changePassword', { currentPassword: 'city01-pass-1', newPassword: 'city01-pass-2', requestId: rid() });
  });
});
