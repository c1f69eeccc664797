import { afterEach, describe, expect, test } from 'vitest';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { createRouter, forwardEvents, EVENT_NAMES, UntrustedSenderError } from '../../../main/shell/router.ts';
import { createBridge } from '../../../main/shell/bridge.ts';
import { channels, type EventName } from '../../../shared/contract/index.ts';
import { rid, tempDepot } from '../../support/depot.ts';

const root = '/opt/depot-desk/resources/app.asar/dist/renderer';
const page = pathToFileURL(join(root, 'index.html')).href;

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});
function depot() {
  const t = tempDepot();
  cleanups.push(t.cleanup);
  return t.depot;
}

describe('ipc router (what ipcMain.handle runs, without Electron)', () => {
  test('each window has its own session: signing in at one signs in nobody else, and closing it signs it out', async () => {
    const d = depot();
    const router = createRouter(d, root);
    const setup = await router.invoke(1, page, 'auth.setupAdmin', { code: 'admin', name: '管理员', password: 'admin-pass-1', requestId: rid() });
    expect(setup).toMatchObject({ ok: true, data: { operator: { code: 'admin' } } });
    expect(await router.invoke(1, `${page}#/items`, 'auth.status', {})).toMatchObject({ ok: true, data: { operator: { code: 'admin' } } });
    expect(await router.invoke(2, page, 'auth.status', {})).toMatchObject({ ok: true, data: { operator: null } });
    expect(await router.invoke(2, page, 'items.list', {})).toMatchObject({ ok: false, error: { code: 'not_signed_in', message: '请先登录' } });
    router.forget(1);
    expect(await router.invoke(1, page, 'auth.status', {})).toMatchObject({ ok: true, data: { operator: null } });
  });

  test('a frame that is not our page is refused before the core is asked', async () => {
    const d = depot();
    const router = createRouter(d, root);
    for (const url of ['https://example.com/', pathToFileURL('/tmp/evil.html').href, null]) {
      await expect(router.invoke(1, url, 'auth.setupAdmin', { code: 'x', name: 'x', password: 'password-1', requestId: rid() })).rejects.toBeInstanceOf(UntrustedSenderError);
    }
    expect(d.store.all('SELECT code FROM operators WHERE code = ?', ['x'])).toEqual([]);
  });

  test('a name outside the contract gets a translated refusal', async () => {
    const router = createRouter(depot(), root);
    expect(await router.invoke(1, page, 'db.exec', { sql: 'DROP TABLE items' })).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(await router.invoke(1, page, { toString: () => 'auth.status' }, {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  test('counts calls in flight (the updater waits for zero)', async () => {
    const router = createRouter(depot(), root);
    expect(router.inFlight()).toBe(0);
    const pending = router.invoke(1, page, 'auth.status', {});
    expect(router.inFlight()).toBe(1);
    await pending;
    expect(router.inFlight()).toBe(0);
  });

  test('core events reach the windows as (name, payload)', async () => {
    const d = depot();
    const router = createRouter(d, root);
    const sent: [EventName, unknown][] = [];
    const stop = forwardEvents(d, EVENT_NAMES, (name, payload) => void sent.push([name, payload]));
    await router.invoke(1, page, 'auth.setupAdmin', { code: 'admin', name: '管理员', password: 'admin-pass-1', requestId: rid() });
    const created = await router.invoke(1, page, 'items.create', { code: 'KZ-N95', name: 'N95 口罩', unit: '只', category: 'protective', requestId: rid() });
    expect(created.ok).toBe(true);
    expect(sent).toContainEqual(['data.changed', { entity: 'items' }]);
    stop();
    sent.length = 0;
    await router.invoke(1, page, 'items.create', { code: 'KZ-2', name: '医用外科口罩', unit: '只', category: 'protective', requestId: rid() });
    expect(sent).toEqual([]);
  });
});

describe('preload bridge (window.depot)', () => {
  test('sends only contract channels; the call and its answer pass through unchanged', async () => {
    const sentCalls: [string, unknown][] = [];
    const bridge = createBridge(Object.keys(channels), {
      invoke: async (channel, input) => {
        sentCalls.push([channel, input]);
        return { ok: true, data: 'answer' };
      },
      subscribe: () => () => {},
    });
    expect(await bridge.invoke('auth.status', {})).toEqual({ ok: true, data: 'answer' });
    await expect(bridge.invoke('db.exec' as never, {} as never)).rejects.toThrow(/Unknown channel/);
    await expect(bridge.invoke('__proto__' as never, {} as never)).rejects.toThrow(/Unknown channel/);
    expect(sentCalls).toEqual([['auth.status', {}]]);
  });

  test('a listener hears only its event, until it unsubscribes', () => {
    const listeners = new Set<(name: string, payload: unknown) => void>();
    const bridge = createBridge([], {
      invoke: async () => undefined,
      subscribe: (l) => {
        listeners.add(l);
        return () => void listeners.delete(l);
      },
    });
    const heard: unknown[] = [];
    const off = bridge.on('update.downloaded', (p) => void heard.push(p));
    const fire = (name: string, payload: unknown) => listeners.forEach((l) => l(name, payload));
    fire('data.changed', { entity: 'items' });
    fire('update.downloaded', { version: '0.2.0' });
    off();
    fire('update.downloaded', { version: '0.3.0' });
    expect(heard).toEqual([{ version: '0.2.0' }]);
  });
});
