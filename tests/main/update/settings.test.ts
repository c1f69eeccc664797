import { afterEach, describe, expect, test } from 'vitest';
import { adminSession, call, rid, sessionWithRole, tempDepot } from '../../support/depot.ts';
import { bakedFeedUrl, effectiveFeedUrl, readUpdateSettings } from '../../../main/update/settings.ts';
import { shouldCheck, shouldInstall } from '../../../main/update/schedule.ts';
import { setUpdateController } from '../../../main/update/registry.ts';
import { createUpdateController } from '../../../main/update/controller.ts';
import { feedServer, nodeUpdater, writeFeed } from './support.ts';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pkg from '../../../package.json' with { type: 'json' };

const cleanups: (() => void)[] = [];
afterEach(() => {
  setUpdateController(null);
  while (cleanups.length) cleanups.pop()!();
});

function depot() {
  const t = tempDepot();
  cleanups.push(t.cleanup);
  return t;
}

describe('update settings through the core', () => {
  test('an admin sets the server URL and interval; they are kept in the database and audited', async () => {
    const { depot: d } = depot();
    const admin = await adminSession(d);
    expect(await call(d, admin, 'update.getSettings', {})).toEqual({ url: '', checkEveryHours: 4 });

    const saved = await call(d, admin, 'update.setSettings', { url: ' http://10.1.2.3/depot-desk/ ', checkEveryHours: 8, requestId: rid() });
    expect(saved).toEqual({ url: 'http://10.1.2.3/depot-desk/', checkEveryHours: 8 });
    expect(await call(d, admin, 'update.getSettings', {})).toEqual(saved);
    expect(d.store.all('SELECT key, value FROM settings WHERE key LIKE ? ORDER BY key', ['update.%'])).toEqual([
      { key: 'update.checkEveryHours', value: '8' },
      { key: 'update.url', value: 'http://10.1.2.3/depot-desk/' },
    ]);
    const audit = d.store.first<{ entity: string; before: string; after: string }>("SELECT entity, before, after FROM audit_log WHERE entity = 'settings'");
    expect(JSON.parse(audit!.before)).toEqual({ url: '', checkEveryHours: 4 });
    expect(JSON.parse(audit!.after)).toEqual(saved);
  });

  test('a URL that is not http(s) is refused in Chinese and nothing changes', async () => {
    const { depot: d } = depot();
    const admin = await adminSession(d);
    for (const url of ['ftp://10.1.2.3/x/', '\\\\server\\share\\depot', 'http//10.1.2.3', 'file:///srv/depot']) {
      const r = await d.invoke('update.setSettings', { url, checkEveryHours: 4, requestId: rid() }, admin);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('invalid_input');
        expect(r.error.message).toContain('更新服务器地址须以 http:// 或 https:// 开头');
        expect(r.error.field).toBe('url');
      }
    }
    const zero = await d.invoke('update.setSettings', { url: '', checkEveryHours: 0, requestId: rid() }, admin);
    expect(zero.ok).toBe(false);
    expect(d.store.all("SELECT * FROM settings WHERE key LIKE 'update.%'")).toEqual([]);
  });

  test('only an admin may read or change them; every operator may see the update status', async () => {
    const { depot: d } = depot();
    const admin = await adminSession(d);
    const keeper = await sessionWithRole(d, admin, 'storekeeper');
    const set = await d.invoke('update.setSettings', { url: 'http://10.1.2.3/x/', checkEveryHours: 4, requestId: rid() }, keeper);
    expect(set.ok === false && set.error.code).toBe('forbidden');
    const get = await d.invoke('update.getSettings', {}, keeper);
    expect(get.ok === false && get.error.code).toBe('forbidden');
    // Outside the desktop app there is no updater: the status says "off".
    expect(await call(d, keeper, 'update.status', {})).toMatchObject({ state: 'off', currentVersion: pkg.version });
    expect(await call(d, keeper, 'update.install', {})).toMatchObject({ state: 'off', installRequested: false });
  });

  test('with the desktop updater running, the channels drive it: set the URL, see 9.9.0, download, agree to install', async () => {
    const { depot: d } = depot();
    const admin = await adminSession(d);
    const dir = mkdtempSync(join(tmpdir(), 'depot-update-'));
    const server = await feedServer(join(dir, 'server'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    cleanups.push(() => void server.close());
    writeFeed(join(dir, 'server', 'depot-desk'), 'latest-linux.yml', '9.9.0', 'DepotDesk-9.9.0-amd64.deb', randomBytes(200_000));
    const { updater, installs } = nodeUpdater({ version: pkg.version, dir: join(dir, 'app') });
    const events: string[] = [];
    const controller = createUpdateController({
      engine: updater,
      currentVersion: pkg.version,
      readSettings: () => readUpdateSettings(d.store),
      bakedUrl: 'http://updates.invalid/depot-desk/',
      postingInProgress: () => false,
      emit: (name) => void events.push(name),
    });
    setUpdateController(controller);
    cleanups.push(() => controller.stop());
    await controller.tick();
    expect(await call(d, admin, 'update.status', {})).toMatchObject({ state: 'off' });
    expect(server.requests).toEqual([]);

    await call(d, admin, 'update.setSettings', { url: server.url, checkEveryHours: 4, requestId: rid() });
    await waitFor(async () => (await call(d, admin, 'update.status', {})).state === 'available');
    expect(await call(d, admin, 'update.status', {})).toMatchObject({ version: '9.9.0', currentVersion: pkg.version });

    await call(d, admin, 'update.download', {});
    await waitFor(async () => (await call(d, admin, 'update.status', {})).state === 'downloaded');
    expect(events).toContain('update.downloaded');
    expect(installs).toEqual([]);
    await call(d, admin, 'update.install', {});
    await waitFor(() => installs.length === 1);
  });
});

async function waitFor(condition: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('feed URL', () => {
  test('the admin setting wins over the URL baked in at build time; the placeholder means off', () => {
    expect(effectiveFeedUrl('http://10.1.2.3/depot-desk', 'http://build.lan/dd/')).toBe('http://10.1.2.3/depot-desk/');
    expect(effectiveFeedUrl('', 'http://build.lan/dd/')).toBe('http://build.lan/dd/');
    expect(effectiveFeedUrl('', 'http://updates.invalid/depot-desk/')).toBeNull();
    expect(effectiveFeedUrl('  ', null)).toBeNull();
  });

  test('reads the URL from app-update.yml as electron-builder writes it', () => {
    expect(bakedFeedUrl('provider: generic\nurl: http://10.1.2.3/depot-desk/\nupdaterCacheDirName: depot-desk-updater\n')).toBe('http://10.1.2.3/depot-desk/');
    expect(bakedFeedUrl("provider: generic\nurl: 'http://10.1.2.3/a b/'\n")).toBeNull();
    expect(bakedFeedUrl('owner: x\nrepo: y\nprovider: github\n')).toBeNull();
  });
});

describe('schedule', () => {
  const base = { now: 10 * 3_600_000, feedUrl: 'http://x/', lastCheckAt: null, everyHours: 4, state: 'idle' as const };
  test('checks on start, then every N hours, never without a URL or while busy', () => {
    expect(shouldCheck(base)).toBe(true);
    expect(shouldCheck({ ...base, lastCheckAt: base.now - 3.9 * 3_600_000 })).toBe(false);
    expect(shouldCheck({ ...base, lastCheckAt: base.now - 4 * 3_600_000 })).toBe(true);
    expect(shouldCheck({ ...base, feedUrl: null })).toBe(false);
    for (const state of ['checking', 'downloading', 'downloaded'] as const) expect(shouldCheck({ ...base, state })).toBe(false);
    expect(shouldCheck({ ...base, state: 'error' })).toBe(true);
  });
  test('installs only when downloaded, agreed and no posting is in progress', () => {
    expect(shouldInstall({ downloaded: true, requested: true, postingInProgress: false })).toBe(true);
    expect(shouldInstall({ downloaded: true, requested: true, postingInProgress: true })).toBe(false);
    expect(shouldInstall({ downloaded: true, requested: false, postingInProgress: false })).toBe(false);
    expect(shouldInstall({ downloaded: false, requested: true, postingInProgress: false })).toBe(false);
  });
});
