import { afterEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { connect as tlsConnect } from 'node:tls';
import { join } from 'node:path';
import { createServer } from 'node:net';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import { serveDepot, MAX_MESSAGE_BYTES, type DepotServer } from '../../../main/server/serve.ts';
import { adminSession, rid, tempDepot, stubRenderer } from '../../support/depot.ts';
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

/** A port nobody listens on right now (the server is restarted on the same one, as a desk expects). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** A desk on the server: calls in order, events as they come; `resume` is the session it had before its link dropped. */
async function desk(url: string, headers: Record<string, string> = {}, resume?: string) {
  const ws = new WebSocket(url.replace(/^http/, 'ws') + 'depot' + (resume ? `?session=${encodeURIComponent(resume)}` : ''), { headers });
  const events: { event: string; payload: unknown }[] = [];
  const answers = new Map<number, (r: unknown) => void>();
  let hello: (h: { session: string; resumed: boolean }) => void;
  const session = new Promise<{ session: string; resumed: boolean }>((resolve) => (hello = resolve));
  ws.on('message', (data) => {
    const m = JSON.parse(String(data)) as { id?: number; result?: unknown; event?: string; payload?: unknown; session?: string; resumed?: boolean };
    if (m.event) events.push({ event: m.event, payload: m.payload });
    else if (typeof m.session === 'string') hello({ session: m.session, resumed: m.resumed === true });
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
  return { ws, call, events, session };
}

describe('the depot server (depot serve)', () => {
  it('serves the renderer and carries the contract to two desks: one posts, the other hears it; nothing before sign-in', async () => {
    env = tempDepot();
    const admin = await adminSession(env.depot);
    const f = await smallDepot(env.depot, admin);
    server = await serveDepot(env.depot, { rendererDir: stubRenderer(env.dir) });
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

  it('a desk whose link drops comes back still signed in, and the write whose answer was lost, re-sent with its request id, is posted once', async () => {
    env = tempDepot();
    const admin = await adminSession(env.depot);
    const f = await smallDepot(env.depot, admin);
    server = await serveDepot(env.depot, { rendererDir: stubRenderer(env.dir) });
    const a = await desk(server.url);
    const first = await a.session;
    expect(first.resumed).toBe(false);
    expect(await a.call('auth.signIn', { code: 'admin', password: 'admin-pass-1' })).toMatchObject({ ok: true });
    const draft = (await a.call('receipts.saveDraft', {
      sourceType: 'purchase', supplierId: f.maker.id, lines: [{ itemId: f.mask.id, lotNo: 'WS2', expiresOn: '2029-01-31', counted: 40, locationId: f.a1.id }], requestId: rid(),
    })) as unknown as { ok: true; data: { id: number; version: number } };
    const post = { id: draft.data.id, version: draft.data.version, requestId: rid() };
    // The post goes out and the link drops before its answer comes back.
    a.ws.send(JSON.stringify({ id: 99, channel: 'receipts.post', input: post }));
    a.ws.terminate();

    const again = await desk(server.url, {}, first.session);
    expect(await again.session).toEqual({ session: first.session, resumed: true });
    expect(await again.call('receipts.post', post)).toMatchObject({ ok: true });
    expect(env.depot.store.first<{ n: number }>("SELECT count(*) AS n FROM movements WHERE lot_id IN (SELECT id FROM lots WHERE lot_no = 'WS2')")!.n).toBe(1);
    expect(await again.call('stock.list', {})).toMatchObject({ ok: true });

    // A made-up or stolen-looking token resumes nothing: a fresh, signed-out session.
    const stranger = await desk(server.url, {}, 'not-a-session');
    expect((await stranger.session).resumed).toBe(false);
    expect((await stranger.session).session).not.toBe(first.session);
    expect(await stranger.call('stock.list', {})).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    again.ws.close();
    stranger.ws.close();
  });

  it('refuses another site’s page, answers a message that is no call, and closes on an oversize one without harm', async () => {
    env = tempDepot();
    await adminSession(env.depot);
    server = await serveDepot(env.depot, { rendererDir: stubRenderer(env.dir) });
    await expect(desk(server.url, { origin: 'http://evil.example' })).rejects.toThrow(/403|Unexpected server response/);

    const a = await desk(server.url, { origin: server.url.replace(/\/$/, '') });
    await a.session;
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

  it('runs as `depot serve --db FILE --port N` in a process of its own; killed in the middle of a posting and restarted, the desk carries on signed in and the posting is there once', async () => {
    env = tempDepot();
    const admin = await adminSession(env.depot);
    const f = await smallDepot(env.depot, admin);
    env.depot.close();
    const port = await freePort();
    const rendererDir = stubRenderer(env.dir);
    const start = async () => {
      child = spawn(process.execPath, ['main/cli/depot.ts', 'serve', '--db', env!.dbPath, '--host', '127.0.0.1', '--port', String(port)], {
        cwd: join(import.meta.dirname, '..', '..', '..'),
        env: { ...process.env, DEPOT_RENDERER_DIR: rendererDir },
      });
      let out = '';
      child.stdout!.on('data', (d) => (out += String(d)));
      await expect.poll(() => out, { timeout: 20_000 }).toContain(`http://127.0.0.1:${port}/`);
      return out;
    };
    expect(await start()).toContain('仓库服务器已启动');
    const url = `http://127.0.0.1:${port}/`;

    const a = await desk(url);
    const b = await desk(url);
    expect(await a.call('stock.list', {})).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    expect(await a.call('auth.signIn', { code: 'admin', password: 'admin-pass-1' })).toMatchObject({ ok: true });
    const receive = async (lotNo: string) =>
      (await a.call('receipts.saveDraft', {
        sourceType: 'purchase', supplierId: f.maker.id, lines: [{ itemId: f.mask.id, lotNo, expiresOn: '2029-01-31', counted: 100, locationId: f.a1.id }], requestId: rid(),
      })) as unknown as { ok: true; data: { id: number; version: number } };
    const first = await receive('CP1');
    expect(await a.call('receipts.post', { id: first.data.id, version: first.data.version, requestId: rid() })).toMatchObject({ ok: true });
    await expect.poll(() => b.events.some((e) => e.event === 'data.changed' && (e.payload as { entity: string }).entity === 'stock')).toBe(true);

    // SIGKILL with the post on the wire: it may or may not have been written; the desk cannot know.
    const second = await receive('CP2');
    const token = (await a.session).session;
    const post = { id: second.data.id, version: second.data.version, requestId: rid() };
    a.ws.send(JSON.stringify({ id: 500, channel: 'receipts.post', input: post }));
    child!.kill('SIGKILL');
    await new Promise((resolve) => child!.once('exit', resolve));
    await start();

    const back = await desk(url, {}, token);
    expect(await back.session).toEqual({ session: token, resumed: true });
    expect(await back.call('receipts.post', post)).toMatchObject({ ok: true });
    expect(await back.call('receipts.post', post)).toMatchObject({ ok: true });
    child!.kill('SIGTERM');
    await new Promise((resolve) => child!.once('exit', resolve));
    child = undefined;
    const db = new Database(env.dbPath, { readonly: true });
    try {
      expect(db.prepare("SELECT count(*) AS n FROM movements WHERE lot_id IN (SELECT id FROM lots WHERE lot_no = 'CP2')").get()).toEqual({ n: 1 });
    } finally {
      db.close();
    }
    for (const d of [a, b, back]) d.ws.close();
  });

  it('with --tls speaks only HTTPS and WSS, under a certificate made once beside the database whose printed code is the one a desk sees', async () => {
    env = tempDepot();
    await adminSession(env.depot);
    env.depot.close();
    const port = await freePort();
    const rendererDir = stubRenderer(env.dir);
    const start = async () => {
      child = spawn(process.execPath, ['main/cli/depot.ts', 'serve', '--db', env!.dbPath, '--port', String(port), '--tls'], {
        cwd: join(import.meta.dirname, '..', '..', '..'),
        env: { ...process.env, DEPOT_RENDERER_DIR: rendererDir },
      });
      let out = '';
      child.stdout!.on('data', (d) => (out += String(d)));
      await expect.poll(() => out, { timeout: 20_000 }).toContain('校验码');
      return out;
    };
    const stop = async () => {
      child!.kill('SIGTERM');
      await new Promise((resolve) => child!.once('exit', resolve));
      child = undefined;
    };
    const first = await start();
    expect(first).toContain(`https://127.0.0.1:${port}/`);
    expect(first).toContain('已生成本服务器的密钥和自签名证书');
    const code = /校验码 ([0-9A-F]{4}(?:-[0-9A-F]{4}){3})/.exec(first)![1]!;
    expect(statSync(`${env.dbPath}.server-key.pem`).mode & 0o077).toBe(0);

    // What a desk sees on the wire is the certificate the server printed.
    const presented = await new Promise<string>((resolve, reject) => {
      const socket = tlsConnect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => {
        resolve(socket.getPeerCertificate().fingerprint256);
        socket.end();
      });
      socket.once('error', reject);
    });
    expect(presented.replace(/:/g, '').slice(0, 16).match(/.{4}/g)!.join('-')).toBe(code);
    expect(first).toContain(presented);

    // Plain HTTP on the TLS port gets nothing.
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
    // A desk that trusts exactly this certificate (its names include 127.0.0.1) connects over WSS.
    const ws = new WebSocket(`wss://127.0.0.1:${port}/depot`, { ca: readFileSync(`${env.dbPath}.server-cert.pem`, 'utf8') });
    const hello = await new Promise<{ session: string }>((resolve, reject) => {
      ws.once('message', (d) => resolve(JSON.parse(String(d)) as { session: string }));
      ws.once('error', reject);
    });
    expect(hello.session).toMatch(/^[\w-]{40,}$/);
    ws.close();
    await stop();

    // Restarted: the same certificate, not a new one (a desk that pinned it keeps trusting it).
    const second = await start();
    expect(second).not.toContain('已生成本服务器的密钥和自签名证书');
    expect(second).toContain(code);
    await stop();
  });
});
