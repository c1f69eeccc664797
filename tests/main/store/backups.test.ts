import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDepot, translate } from '../../../main/core/depot.ts';
import { DepotError } from '../../../main/core/errors.ts';
import { backupNow, listBackups, restoreBackup, startBackups } from '../../../main/store/backups.ts';
import { i18nFor } from '../../../shared/i18n/index.ts';
import { adminSession, call, rid, sessionWithRole, tempDepot } from '../../support/depot.ts';
import { smallDepot } from '../../support/fixtures.ts';

let env: ReturnType<typeof tempDepot>;
afterEach(() => env?.cleanup());

/** Every table's rows, in order: what a restore must give back exactly. */
function tables(db: ReturnType<typeof tempDepot>['depot']['store']) {
  const names = db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").map((t) => t.name);
  return Object.fromEntries(names.map((n) => [n, db.all(`SELECT * FROM "${n}"`).map((r) => JSON.stringify(r)).sort()]));
}

describe('backups and restore', () => {
  it('keeps the newest N in the folder; a restore gives back every table exactly and keeps the file it replaced', async () => {
    env = tempDepot();
    const admin = await adminSession(env.depot);
    const f = await smallDepot(env.depot, admin);
    const draft = await call(env.depot, admin, 'receipts.saveDraft', {
      sourceType: 'purchase', supplierId: f.maker.id, lines: [{ itemId: f.mask.id, lotNo: 'B1', expiresOn: '2029-01-31', counted: 500, unitCost: 300, locationId: f.a1.id }], requestId: rid(),
    });
    await call(env.depot, admin, 'receipts.post', { id: draft.id, version: draft.version, requestId: rid() });
    const folder = join(env.dir, 'U盘备份');
    const policy = { folder, keep: 2 };
    await backupNow(env.depot.store, policy, new Date('2026-04-10T08:00:00Z'));
    await backupNow(env.depot.store, policy, new Date('2026-04-10T12:00:00Z'));
    const chosen = await backupNow(env.depot.store, policy, new Date('2026-04-10T16:00:00Z'));
    expect(listBackups(folder).map((b) => b.name)).toEqual(['depot-20260410-160000.db', 'depot-20260410-120000.db']);
    const before = tables(env.depot.store);

    // Work after the backup, then the file is put back.
    await call(env.depot, admin, 'locations.create', { code: 'Z-99', depot: '市本级储备库', zone: 'Z区', bin: '99', requestId: rid() });
    env.depot.close();
    const kept = restoreBackup(env.dbPath, chosen, new Date('2026-04-10T17:00:00Z'));
    expect(existsSync(kept)).toBe(true);
    const restored = openDepot({ dbPath: env.dbPath });
    try {
      expect(tables(restored.store)).toEqual(before);
      expect(restored.store.first('PRAGMA integrity_check')).toEqual({ integrity_check: 'ok' });
    } finally {
      restored.close();
    }
    // The file replaced is itself a whole database: the restore can be undone.
    const undo = openDepot({ dbPath: kept });
    try {
      expect(undo.store.all("SELECT code FROM locations WHERE code = 'Z-99'")).toEqual([{ code: 'Z-99' }]);
    } finally {
      undo.close();
    }
  });

  it('refuses a damaged or foreign file in words and leaves the database as it was', async () => {
    env = tempDepot();
    await adminSession(env.depot);
    const before = tables(env.depot.store);
    env.depot.close();
    const junk = join(env.dir, 'depot-20260410-160000.db');
    writeFileSync(junk, 'SQLite format 3\0 but not really');
    const t = i18nFor('zh-CN').t;
    let error: unknown;
    try {
      restoreBackup(env.dbPath, junk);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DepotError);
    expect(translate(error as DepotError, t).message).toBe('备份文件“depot-20260410-160000.db”不能用于恢复：不是本系统的数据文件');
    const again = openDepot({ dbPath: env.dbPath });
    try {
      expect(tables(again.store)).toEqual(before);
    } finally {
      again.close();
    }
  });

  it('a desk backs itself up at start to the folder in settings, keeping as many as the setting says', async () => {
    env = tempDepot();
    await adminSession(env.depot);
    const folder = join(env.dir, 'usb');
    env.depot.store.run("INSERT INTO settings (key, value) VALUES ('backup.folder', ?), ('backup.keep', '3')", [folder]);
    const stop = startBackups(env.depot.store, env.dbPath);
    try {
      await expect.poll(() => listBackups(folder).length).toBe(1);
    } finally {
      stop();
    }
  });

  it('the restore screen: an admin restores a backup by name — checked, the current data backed up first, put back when the depot next opens; refusals in words change nothing', async () => {
    env = tempDepot();
    const admin = await adminSession(env.depot);
    const keeper = await sessionWithRole(env.depot, admin, 'storekeeper', 'bg01');
    await smallDepot(env.depot, admin);
    const folder = join(env.dir, 'backups');
    await backupNow(env.depot.store, { folder, keep: 5 }, new Date('2026-04-10T08:00:00Z'));
    const before = tables(env.depot.store);
    await call(env.depot, admin, 'locations.create', { code: 'Z-99', depot: '市本级储备库', zone: 'Z区', bin: '99', requestId: rid() });

    const list = await call(env.depot, admin, 'backups.list', {});
    expect(list.folder).toBe(folder);
    expect(list.backups.map((b) => [b.name, b.at])).toEqual([['depot-20260410-080000.db', '2026-04-10T08:00:00Z']]);

    // Not an admin, a name outside the folder, a damaged file: refused in words, nothing staged.
    const refused = async (name: string, session = admin) => {
      const answer = await env.depot.invoke('backups.restore', { name }, session);
      return answer.ok ? 'staged' : answer.error.message;
    };
    expect(await refused('depot-20260410-080000.db', keeper)).toMatch(/[\u4e00-\u9fff]/);
    expect(await refused('../depot.db')).toMatch(/备份/);
    writeFileSync(join(folder, 'depot-20260411-080000.db'), 'not a database');
    expect(await refused('depot-20260411-080000.db')).toContain('不是本系统的数据文件');
    expect(existsSync(`${env.dbPath}.restore-pending`)).toBe(false);

    const staged: string[] = [];
    env.depot.on('restore.staged', ({ name }) => staged.push(name));
    const answer = await call(env.depot, admin, 'backups.restore', { name: 'depot-20260410-080000.db' });
    expect(staged).toEqual(['depot-20260410-080000.db']);
    // The data as it is now was backed up first, and that backup holds the location made since.
    const safety = openDepot({ dbPath: join(folder, answer.safety) });
    try {
      expect(safety.store.all("SELECT code FROM locations WHERE code = 'Z-99'")).toEqual([{ code: 'Z-99' }]);
    } finally {
      safety.close();
    }
    // Nothing changes until the depot opens again; then the backup is what it holds, table for table.
    expect(env.depot.store.all("SELECT code FROM locations WHERE code = 'Z-99'")).toHaveLength(1);
    env.depot.close();
    const reopened = openDepot({ dbPath: env.dbPath });
    try {
      expect(tables(reopened.store)).toEqual(before);
      expect(existsSync(`${env.dbPath}.restore-pending`)).toBe(false);
    } finally {
      reopened.close();
    }
    env.depot = openDepot({ dbPath: env.dbPath });
  });
});

