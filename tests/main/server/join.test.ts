import { afterEach, describe, expect, it } from 'vitest';
import { createServer as createHttpsServer, type Server } from 'node:https';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveDepot, type DepotServer } from '../../../main/server/serve.ts';
import { serverCertificate } from '../../../main/server/certificate.ts';
import { inspectServer, joinServer, pinServer, readDeskSettings, serverSocketUrl, type RemoteDesk } from '../../../main/server/join.ts';
import { adminSession, tempDepot, stubRenderer } from '../../support/depot.ts';

let env: ReturnType<typeof tempDepot> | undefined;
let server: DepotServer | undefined;
let impostor: Server | undefined;
let desk: RemoteDesk | undefined;
afterEach(async () => {
  desk?.close();
  desk = undefined;
  await server?.close();
  server = undefined;
  await new Promise<void>((resolve) => (impostor ? impostor.close(() => resolve()) : resolve()));
  impostor = undefined;
  env?.cleanup();
  env = undefined;
});

describe('a desk joining the depot server (main/server/join.ts)', () => {
  it('takes a typed address as the server’s WSS address', () => {
    expect(serverSocketUrl('192.168.1.10:8443')).toBe('wss://192.168.1.10:8443/depot');
    expect(serverSocketUrl(' depot.lan ')).toBe('wss://depot.lan:8080/depot');
    expect(serverSocketUrl('https://192.168.1.10:8443/')).toBe('wss://192.168.1.10:8443/depot');
    expect(serverSocketUrl('http://depot.lan:9000/app')).toBe('wss://depot.lan:9000/depot');
  });

  it('shows the code the server printed, pins the certificate in the desk’s settings and joins; another certificate on the same address is refused before anything is sent', async () => {
    env = tempDepot();
    await adminSession(env.depot);
    const real = await serverCertificate(join(env.dir, 'real.db'));
    const other = await serverCertificate(join(env.dir, 'other.db'));
    expect(other.code).not.toBe(real.code);
    server = await serveDepot(env.depot, { rendererDir: stubRenderer(env.dir), tls: real });
    const address = new URL(server.url).host;
    const settings = join(env.dir, 'desk-settings.json');
    writeFileSync(settings, JSON.stringify({ locale: 'zh-CN' }));

    // Not joined yet: said in words.
    const none = await joinServer(join(env.dir, 'nothing.json'));
    expect(none).toMatchObject({ ok: false, error: { code: 'server_not_pinned' } });

    // The admin reads the code off the desk and compares it with the one the server printed.
    const presented = await inspectServer(address);
    expect(presented.code).toBe(real.code);
    expect(presented.fingerprint).toBe(real.fingerprint);
    pinServer(settings, address, presented);
    const kept = readDeskSettings(settings);
    expect(kept).toMatchObject({ locale: 'zh-CN', server: { url: `wss://${address}/depot`, fingerprint: real.fingerprint } });
    expect(statSync(settings).mode & 0o077).toBe(0);

    const joined = await joinServer(settings);
    expect(joined.ok).toBe(true);
    if (!joined.ok) return;
    desk = joined.data;
    expect(desk.code).toBe(real.code);
    expect(await desk.call('stock.list', {})).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    expect(await desk.call('auth.signIn', { code: 'admin', password: 'admin-pass-1' })).toMatchObject({ ok: true });
    expect(await desk.call('stock.list', {})).toMatchObject({ ok: true });
    const session = desk.session;
    desk.close();
    await desk.closed;
    // Joined again with its session: still signed in.
    const again = await joinServer(settings, { session });
    expect(again).toMatchObject({ ok: true, data: { resumed: true } });
    if (again.ok) desk = again.data;
    desk.close();
    desk = undefined;
    const port = Number(new URL(server.url).port);
    await server.close();
    server = undefined;

    // Someone else answers on the same address with another certificate.
    let requests = 0;
    impostor = createHttpsServer({ key: other.key, cert: other.cert }, (_req, res) => {
      requests++;
      res.end();
    });
    impostor.on('upgrade', (_req, socket) => {
      requests++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => impostor!.listen(port, '127.0.0.1', resolve));
    const refused = await joinServer(settings, { session });
    expect(refused).toMatchObject({ ok: false, error: { code: 'server_certificate_changed' } });
    if (refused.ok) return;
    expect(refused.error.message).toContain('警告');
    expect(refused.error.message).toContain(real.code);
    expect(refused.error.message).toContain(other.code);
    // Refused in the handshake: the impostor never saw a request (nor the desk's session).
    expect(requests).toBe(0);
    const english = await joinServer(settings, { locale: 'en' });
    expect(english).toMatchObject({ ok: false, error: { code: 'server_certificate_changed' } });
    if (!english.ok) expect(english.error.message).toMatch(/^Warning: .*different certificate.*confirmed code .*presented now/);
    // The pin is unchanged: the admin must confirm a new certificate on purpose.
    expect(readDeskSettings(settings).server!.fingerprint).toBe(real.fingerprint);
    expect(readFileSync(settings, 'utf8')).not.toContain(other.fingerprint);
  });

  it('says a server that does not answer cannot be reached', async () => {
    env = tempDepot();
    const real = await serverCertificate(join(env.dir, 'real.db'));
    const settings = join(env.dir, 'desk-settings.json');
    server = await serveDepot(env.depot, { rendererDir: stubRenderer(env.dir), tls: real });
    const address = new URL(server.url).host;
    pinServer(settings, address, await inspectServer(address));
    await server.close();
    server = undefined;
    const refused = await joinServer(settings, { timeoutMs: 2000 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'server_unreachable' } });
    if (!refused.ok) expect(refused.error.message).toContain(address);
  });
});
