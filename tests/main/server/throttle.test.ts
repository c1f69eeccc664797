import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { serveDepot, type DepotServer } from '../../../main/server/serve.ts';
import { MAX_FAILURES, WINDOW_SECONDS, signInThrottle } from '../../../main/server/throttle.ts';
import { adminSession, rid, tempDepot } from '../../support/depot.ts';

let env: ReturnType<typeof tempDepot> | undefined;
let server: DepotServer | undefined;
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  await server?.close();
  server = undefined;
  env?.cleanup();
  env = undefined;
});

/** A desk on the server from a given loopback address (127.0.0.2 is another machine as far as the server can tell). */
async function desk(url: string, localAddress = '127.0.0.1') {
  const ws = new WebSocket(url.replace(/^http/, 'ws') + 'depot', { localAddress });
  sockets.push(ws);
  const answers = new Map<number, (r: unknown) => void>();
  ws.on('message', (data) => {
    const m = JSON.parse(String(data)) as { id?: number; result?: unknown };
    if (typeof m.id === 'number') answers.get(m.id)?.(m.result);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let next = 1;
  return (channel: string, input: unknown) =>
    new Promise<{ ok: boolean; error?: { code: string; message: string } }>((resolve) => {
      const id = next++;
      answers.set(id, resolve as (r: unknown) => void);
      ws.send(JSON.stringify({ id, channel, input }));
    });
}

describe('sign-in over the depot server', () => {
  it('counts failures per address in a sliding window', () => {
    let now = 1_000_000;
    const throttle = signInThrottle({ now: () => now });
    for (let i = 0; i < MAX_FAILURES - 1; i++) throttle.failed('10.0.0.7');
    expect(throttle.waitSeconds('10.0.0.7')).toBe(0);
    now += 10_000;
    throttle.failed('10.0.0.7');
    // Held until the oldest of the last MAX_FAILURES is WINDOW_SECONDS old.
    expect(throttle.waitSeconds('10.0.0.7')).toBe(WINDOW_SECONDS - 10);
    expect(throttle.waitSeconds('10.0.0.8')).toBe(0);
    now += (WINDOW_SECONDS - 11) * 1000;
    expect(throttle.waitSeconds('10.0.0.7')).toBe(1);
    // The first nine have aged out: it may try again, and one more failure is two in the window.
    now += 1000;
    expect(throttle.waitSeconds('10.0.0.7')).toBe(0);
    throttle.failed('10.0.0.7');
    expect(throttle.waitSeconds('10.0.0.7')).toBe(0);
    // Many addresses failing once, long ago, do not pile up.
    for (let i = 0; i < 5000; i++) throttle.failed(`10.1.${i >> 8}.${i & 255}`);
    now += WINDOW_SECONDS * 1000 + 1;
    throttle.failed('10.0.0.9');
    throttle.failed('10.0.0.9');
    expect(throttle.size()).toBeLessThan(10);
  });

  it('refuses every call before sign-in, and after repeated failures from one address refuses its sign-ins unchecked while another address signs in', async () => {
    env = tempDepot();
    await adminSession(env.depot);
    const root = join(env.dir, 'renderer');
    mkdirSync(root);
    writeFileSync(join(root, 'index.html'), '<!doctype html>');
    server = await serveDepot(env.depot, { rendererDir: root });

    const guesser = await desk(server.url, '127.0.0.2');
    // Nothing but sign-in before sign-in: a read, a write, an admin's act.
    for (const [channel, input] of [
      ['stock.list', {}],
      ['receipts.saveDraft', { sourceType: 'purchase', lines: [{ itemId: 1, lotNo: 'X', counted: 1, locationId: 1 }], requestId: rid() }],
      ['operators.create', { code: 'evil', name: 'evil', role: 'admin', password: 'evil-pass-1', requestId: rid() }],
      ['operators.policy', {}],
    ] as const) {
      expect(await guesser(channel, input)).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    }
    expect(env.depot.store.first<{ n: number }>("SELECT count(*) AS n FROM operators WHERE code = 'evil'")!.n).toBe(0);

    // Code after code (each unknown, so no operator's own lockout applies), then the right password.
    for (let i = 0; i < MAX_FAILURES; i++) {
      expect(await guesser('auth.signIn', { code: `guess${i}`, password: 'password1' })).toMatchObject({ ok: false, error: { code: 'bad_credentials' } });
    }
    const held = await guesser('auth.signIn', { code: 'admin', password: 'admin-pass-1' });
    expect(held).toMatchObject({ ok: false, error: { code: 'signin_throttled' } });
    expect(held.error!.message).toMatch(/登录失败的次数过多，请 \d+ 秒后再试/);
    expect(await guesser('stock.list', {})).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    // A new connection from the same address is the same address.
    const again = await desk(server.url, '127.0.0.2');
    expect(await again('auth.signIn', { code: 'admin', password: 'admin-pass-1' })).toMatchObject({ ok: false, error: { code: 'signin_throttled' } });

    // Another machine signs in as usual.
    const dock = await desk(server.url, '127.0.0.1');
    expect(await dock('auth.signIn', { code: 'admin', password: 'admin-pass-1' })).toMatchObject({ ok: true });
    expect(await dock('stock.list', {})).toMatchObject({ ok: true });
  });

  it('counts sign-ins sent all at once before any is answered: a burst gets no more tries than one at a time', async () => {
    env = tempDepot();
    await adminSession(env.depot);
    const root = join(env.dir, 'renderer');
    mkdirSync(root);
    writeFileSync(join(root, 'index.html'), '<!doctype html>');
    server = await serveDepot(env.depot, { rendererDir: root });
    const guesser = await desk(server.url, '127.0.0.2');
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => guesser('auth.signIn', { code: `guess${i}`, password: 'password1' })));
    expect(answers.filter((a) => a.error?.code === 'bad_credentials')).toHaveLength(MAX_FAILURES);
    expect(answers.filter((a) => a.error?.code === 'signin_throttled')).toHaveLength(40 - MAX_FAILURES);
    // Right answers in a burst from another address all go through.
    const dock = await desk(server.url, '127.0.0.1');
    const signIns = await Promise.all(Array.from({ length: 15 }, () => dock('auth.signIn', { code: 'admin', password: 'admin-pass-1' })));
    expect(signIns.every((a) => a.ok)).toBe(true);
  });
});
