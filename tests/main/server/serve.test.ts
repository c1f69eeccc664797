import { afterEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { serveDepot, MAX_MESSAGE_BYTES, type DepotServer } from '../../../main/server/serve.ts';
import { adminSession, rid, tempDepot } from '../../support/depot.ts';
import { smallDepot } from '../../support/fixtures.ts';

let env: ReturnType<typeof tempDepot> | undefined;
let server: DepotServer | undefined;
let child: ChildProcess | undefined;
afterEach(async () => {
  child?.kill('SIGKILL');
  child = undefined;
  await server?.close();
  server = undefined;
  env?.cleanup();
  env = undefined;
});

function renderer(dir: string): string {
  const root = join(dir, 'renderer');
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>应急物资保障台</title>');
  return root;
}

/** A desk on the server: calls in order, events as they come. */
async function desk(url: string, headers: Record<string, string> = {}) {
  const ws = new WebSocket(url.replace(/^http/, 'ws') + 'depot', { headers });
  const events: { event: string; payload: unknown }[] = [];
  const answers = new Map<number, (r: unknown) => void>();
  ws.on('message', (data) => {
    const m = JSON.parse(String(data)) as { id?: number; result?: unknown; event?: string; payload?: unknown };
    if (m.event) events.push({ event: m.event, payload: m.payload });
    else if (typeof m.id === 'number') answers.get(m.id)?.(m.result);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let next = 1;
  const call = (channel: string, input: unknown) =>
    new Promise<{ ok: boolean; data?: unknown; error?: { code: string; message: string } }>((resolve) => {
      const id = next++;
      answers.set(id, resolve as (r: unknown) => void);
      ws.send(JSON.stringify({ id, channel, input }));
    });
  return { ws, call, events };
}

describe('the depot server (depot serve)', () => {
  it('serves the renderer and carries the contract to two desks: one posts, the other hears it; nothing before sign-in', async () => {
    env = tempDepot();
    const admin = await adminSession(env.depot);
    const f = await smallDepot(env.depot, admin);
    server = await serveDepot(env.depot, { rendererDir: renderer(env.dir) });
    const page = await fetch(server.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('应急物资保障台');
    expect(page.headers.get('content-security-policy')).toContain("connect-src 'self'");
    expect((await fetch(new URL('../../etc/passwd', server.url))).status).not.toBe(200);

    const a = await desk(server.url);
    const b = await desk(server.url);
    const refused = await a.call('stock.list', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    expect(refused.error!.message).toMatch(/[\u4e00-\u9fff]/);
    expect(await a.call('auth.signIn', { code: 'admin', password: 'admin-pass-1' })).toMatchObject({ ok: true });
    // Signing in at one desk signs in nobody else.
    expect(await b.call('stock.list', {})).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });

    const draft = (await a.call('receipts.saveDraft', {
      sourceType: 'purchase', supplierId: f.maker.id, lines: [{ itemId: f.mask.id, lotNo: 'WS1', expiresOn: '2029-01-31', counted: 100, locationId: f.a1.id }], requestId: rid(),
    })) as unknown as { ok: true; data: { id: number; version: number } };
    expect(draft.ok).toBe(true);
    const requestId = rid();
    const posted = await a.call('receipts.post', { id: draft.data.id, version: draft.data.version, requestId });
    expect(posted).toMatchObject({ ok: true });
    // The same write sent again (its answer lost on a bad link) is answered, not posted twice.
    expect(await a.call('receipts.post', { id: draft.data.id, version: draft.data.version, requestId })).toEqual(posted);
    expect(env.depot.store.first<{ n: number }>('SELECT count(*) AS n FROM movements')!.n).toBe(1);
    await expect.poll(() => b.events.some((e) => e.event === 'data.changed' && (e.payload as { entity: string }).entity === 'stock')).toBe(true);
    a.ws.close();
    b.ws.close();
  });

  it('refuses another site’s page, answers a message that is no call, and closes on an oversize one without harm', async () => {
    env = tempDepot();
    await adminSession(env.depot);
    server = await serveDepot(env.depot, { rendererDir: renderer(env.dir) });
    await expect(desk(server.url, { origin: 'http://evil.example' })).rejects.toThrow(/403|Unexpected server response/);

    const a = await desk(server.url, { origin: server.url.replace(/\/$/, '') });
    const answer = new Promise<unknown>((resolve) => a.ws.once('message', (d) => resolve(JSON.parse(String(d)))));
    a.ws.send('this is not json');
    expect(await answer).toMatchObject({ id: null, result: { ok: false, error: { code: 'invalid_input' } } });

    const closed = new Promise<number>((resolve) => a.ws.once('close', (code) => resolve(code)));
    a.ws.send('x'.repeat(MAX_MESSAGE_BYTES + 1));
    expect(await closed).toBe(1009);
    // The server goes on serving.
    const b = await desk(server.url);
    expect(await b.call('auth.status', {})).toMatchObject({ ok: true });
    b.ws.close();
  });

  it('runs as `depot serve --db FILE --port 0` in a process of its own and prints where to open it', async () => {
    env = tempDepot();
    await adminSession(env.depot);
    env.depot.close();
    child = spawn(process.execPath, ['main/cli/depot.ts', 'serve', '--db', env.dbPath, '--port', '0'], {
      cwd: join(import.meta.dirname, '..', '..', '..'),
      env: { ...process.env, DEPOT_RENDERER_DIR: renderer(env.dir) },
    });
    let out = '';
    child.stdout!.on('data', (d) => (out += String(d)));
    await expect.poll(() => /http:\/\/127\.0\.0\.1:\d+\//.exec(out)?.[0], { timeout: 20_000 }).toBeTruthy();
    const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(out)![0];
    expect(out).toContain('仓库服务器已启动');
    const a = await desk(url);
    expect(await a.call('auth.signIn', { code: 'admin', password: 'admin-pass-1' })).toMatchObject({ ok: true });
    a.ws.close();
  });
});
