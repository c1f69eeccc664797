import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { channels, type ChannelName } from '../../shared/contract/index.ts';
import type { Depot, Session } from '../../main/core/depot.ts';
import { seedDemo } from '../../main/cli/demo.ts';
import { EVENT_NAMES, forwardEvents } from '../../main/shell/router.ts';
import { createBridge } from '../../main/shell/bridge.ts';
import { call, rid, tempDepot } from './depot.ts';
import { CONTENT_TYPES } from '../../main/server/serve.ts';

export { expect };

export const RENDERER_DIR = join(import.meta.dirname, '..', '..', 'dist', 'renderer');


/** The built renderer over plain HTTP on 127.0.0.1 (a random port): what Electron loads from disk. */
export async function serveRenderer(dir = RENDERER_DIR): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(dir, path === '/' ? 'index.html' : path));
    if (!file.startsWith(dir + sep)) {
      res.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => res.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    url: `http://127.0.0.1:${address.port}/index.html`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * What the preload does, in the page: window.depot is the shell's own createBridge (its source is
 * sent into the page), over an exposed binding for calls and a dispatcher for events.
 */
function installBridge(create: typeof createBridge, channelNames: readonly string[]) {
  type Listener = (event: string, payload: unknown) => void;
  const g = globalThis as unknown as {
    __depotInvoke(channel: string, input: unknown): Promise<unknown>;
    __depotEmit?: (event: string, payload: unknown) => void;
    depot?: unknown;
  };
  const listeners = new Set<Listener>();
  g.__depotEmit = (event, payload) => listeners.forEach((listener) => listener(event, payload));
  g.depot = Object.freeze(
    create(channelNames, {
      invoke: (channel, input) => g.__depotInvoke(channel, input),
      subscribe(listener) {
        listeners.add(listener);
        return () => void listeners.delete(listener);
      },
    }),
  );
}

/** Wires a page to a depot as the Electron shell wires a window: one session for the page. */
export async function wireBridge(page: Page, depot: Depot): Promise<{ session: Session; unwire(): void }> {
  const session = depot.createSession();
  await page.exposeBinding('__depotInvoke', (_source, channel: ChannelName, input: unknown) => depot.invoke(channel, input, session));
  await page.addInitScript(`(${installBridge.toString()})(${createBridge.toString()}, ${JSON.stringify(Object.keys(channels))})`);
  // The shell's own forwarding (every core event, to every window), delivered by evaluate instead of IPC.
  const unwire = forwardEvents(depot, EVENT_NAMES, (event, payload) => {
    // A page in the middle of a reload has no listeners to tell; the reload reads fresh rows anyway.
    page.evaluate(([e, p]) => (globalThis as { __depotEmit?: (e: string, p: unknown) => void }).__depotEmit?.(e, p), [event, payload] as const).catch(() => {});
  });
  return { session, unwire };
}

export const ADMIN = { code: 'admin', name: '王建国', password: 'night-shift-1' };

export interface Desk {
  depot: Depot;
  dbPath: string;
  /** The session of the test's page (what its window.depot acts in). */
  session: Session;
  /** Opens the app in the page. */
  open(): Promise<void>;
  /** Sets up the admin and signs the page's session in, without going through the forms. */
  signInAsAdmin(): Promise<void>;
  /** The demo depot of main/cli/demo.ts (the one `depot demo` creates). */
  seed(): Promise<void>;
  /** Another window on the same database, with its own session, signed in as the admin. */
  anotherDesk(): Promise<Page>;
}

export const test = base.extend<{ desk: Desk }, { rendererUrl: string }>({
  rendererUrl: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a function needs from this pattern.
    async ({}, use) => {
      const server = await serveRenderer();
      await use(server.url);
      await server.close();
    },
    { scope: 'worker' },
  ],

  desk: async ({ page, rendererUrl }, use) => {
    const env = tempDepot();
    const { session, unwire } = await wireBridge(page, env.depot);
    const unwireOthers: (() => void)[] = [];
    // Nothing may leave the machine: no fonts, no telemetry, no CDN.
    const remote: string[] = [];
    page.on('request', (r) => {
      // Chromium's own PDF viewer (the print preview) loads from chrome:// and chrome-extension://, never the network.
      const local = ['http://127.0.0.1:', 'data:', 'blob:', 'chrome://', 'chrome-extension://'];
      if (!local.some((prefix) => r.url().startsWith(prefix))) remote.push(r.url());
    });
    await use({
      depot: env.depot,
      dbPath: env.dbPath,
      session,
      open: async () => {
        await page.goto(rendererUrl);
      },
      signInAsAdmin: async () => {
        await call(env.depot, session, 'auth.setupAdmin', { ...ADMIN, requestId: rid() });
      },
      seed: async () => {
        await seedDemo(env.depot);
      },
      anotherDesk: async () => {
        const other = await page.context().newPage();
        const wired = await wireBridge(other, env.depot);
        unwireOthers.push(wired.unwire);
        await call(env.depot, wired.session, 'auth.signIn', { code: ADMIN.code, password: ADMIN.password });
        await other.goto(rendererUrl);
        return other;
      },
    });
    unwire();
    unwireOthers.forEach((off) => off());
    env.cleanup();
    expect(remote, 'requests that left 127.0.0.1').toEqual([]);
  },
});

/** Grid helpers: rows are found by their database id (AG Grid's row-id). */
export function cell(page: Page, id: number, field: string): Locator {
  return page.locator(`.ag-row[row-id="${id}"] .ag-cell[col-id="${field}"]`);
}

export async function editCell(page: Page, id: number, field: string, text: string): Promise<void> {
  const target = cell(page, id, field);
  await target.dblclick();
  const input = target.locator('input');
  await input.fill(text);
  await input.press('Enter');
  await expect(input).toHaveCount(0);
}

export function idOf(depot: Depot, table: 'items' | 'locations' | 'suppliers' | 'units', code: string): number {
  const row = depot.store.first<{ id: number }>(`SELECT id FROM ${table} WHERE code = ?`, [code]);
  if (!row) throw new Error(`${table} ${code} not found`);
  return row.id;
}
