import { afterEach, describe, expect, it } from 'vitest';
import { createServer as createHttpServer, type Server } from 'node:http';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serverCertificate } from '../../../main/server/certificate.ts';
import { joinServer, readDeskSettings, type RemoteDesk } from '../../../main/server/join.ts';
import { createDeskSetup } from '../../../main/desk/setup.ts';
import { acceptsPinnedCertificate, deskStart } from '../../../main/desk/start.ts';
import { hostOnLan, type Hosting } from '../../../main/desk/host.ts';
import { adminSession, call, rid, tempDepot, stubRenderer } from '../../support/depot.ts';

let env: ReturnType<typeof tempDepot> | undefined;
let hosting: Hosting | undefined;
let desk: RemoteDesk | undefined;
let plain: Server | undefined;
afterEach(async () => {
  desk?.close();
  desk = undefined;
  await hosting?.stop();
  hosting = undefined;
  await new Promise<void>((resolve) => (plain ? plain.close(() => resolve()) : resolve()));
  plain = undefined;
  env?.cleanup();
  env = undefined;
});

/** A depot held by one desktop app and shared on the LAN (here: loopback, no multicast); another desk's settings file. */
async function sharedDepot() {
  env = tempDepot();
  const admin = await adminSession(env.depot);
  hosting = await hostOnLan(env.depot, { dbPath: env.dbPath, rendererDir: stubRenderer(env.dir), host: '127.0.0.1', port: 0, advertise: false });
  expect(hosting.urls).toEqual([hosting.url]);
  const settings = join(env.dir, 'other-desk', 'desk.json');
  mkdirSync(join(env.dir, 'other-desk'));
  return { admin, settings, address: new URL(hosting.url).host, setup: createDeskSetup(settings, { browse: () => Promise.resolve([]) }) };
}

describe('first run: this desk holds the depot or joins the server (main/desk/)', () => {
  it('a new desk starts at the choice; a desk that already holds a depot file keeps holding it; holding and sharing is remembered', async () => {
    env = tempDepot();
    const settings = join(env.dir, 'desk.json');
    expect(deskStart(settings, join(env.dir, 'none.db'))).toEqual({ kind: 'setup' });
    // Installed before the choice existed: its own data is never hidden behind the first-run screen.
    expect(deskStart(settings, env.dbPath)).toEqual({ kind: 'local', shareOnLan: false });
    expect(await createDeskSetup(settings, { localDepotFile: env.dbPath }).state()).toEqual({ mode: 'local', shareOnLan: false, server: null, hosting: null });
    const setup = createDeskSetup(settings);
    expect(await setup.state()).toEqual({ mode: 'undecided', shareOnLan: false, server: null, hosting: null });
    expect(await setup.host(true)).toEqual({ ok: true, data: { mode: 'local', shareOnLan: true, server: null, hosting: null } });
    expect(deskStart(settings, join(env.dir, 'none.db'))).toEqual({ kind: 'local', shareOnLan: true });
    // Serving now, the settings page shows the addresses and the code its admin compares.
    const serving = { urls: ['https://192.168.1.10:8080/'], code: 'ABCD-EF01-2345-6789' };
    const shown = await createDeskSetup(settings, { hosting: () => serving }).state();
    expect(shown).toEqual({ mode: 'local', shareOnLan: true, server: null, hosting: { ...serving, qr: [expect.stringMatching(/^data:image\/svg\+xml;base64,/)] } });
    // The QR code carries the address (bwip-js writes it as the SVG's title).
    expect(Buffer.from(shown.hosting!.qr[0]!.split(',')[1]!, 'base64').toString()).toContain('https://192.168.1.10:8080/');
    expect(await setup.host('yes' as never)).toMatchObject({ ok: false, error: { code: 'invalid_input', message: '输入有误：“允许其他电脑加入”须为是或否' } });
  });

  it('joins a shared depot: the code shown is the server’s, the confirmed certificate is pinned, and the desk calls the same core', async () => {
    const s = await sharedDepot();
    const shown = await s.setup.inspect(` ${s.address} `);
    expect(shown).toEqual({ ok: true, data: { address: s.address, code: hosting!.code, fingerprint: expect.stringMatching(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/) } });
    if (!shown.ok) return;
    const joined = await s.setup.join(s.address, shown.data.fingerprint);
    expect(joined).toEqual({ ok: true, data: { mode: 'remote', shareOnLan: false, server: { address: s.address, code: hosting!.code }, hosting: null } });
    const start = deskStart(s.settings, join(env!.dir, 'other-desk', 'depot.db'));
    expect(start).toMatchObject({ kind: 'remote', origin: `https://${s.address}/` });
    if (start.kind !== 'remote') return;
    // The window trusts the pinned certificate for that host only.
    const pem = readFileSync(`${env!.dbPath}.server-cert.pem`, 'utf8');
    expect(acceptsPinnedCertificate(start.pinned, '127.0.0.1', pem)).toBe(true);
    expect(acceptsPinnedCertificate(start.pinned, '10.0.0.9', pem)).toBe(false);
    expect(acceptsPinnedCertificate(start.pinned, '127.0.0.1', (await serverCertificate(join(env!.dir, 'other.db'))).cert)).toBe(false);

    // The joined desk signs in and sees what the holding desk keeps.
    await call(env!.depot, s.admin, 'items.create', { code: 'KZ-001', name: '医用外科口罩', spec: '', unit: '只', category: 'protective', requestId: rid() });
    const linked = await joinServer(s.settings);
    expect(linked.ok).toBe(true);
    if (!linked.ok) return;
    desk = linked.data;
    expect(await desk.call('auth.signIn', { code: 'admin', password: 'admin-pass-1' })).toMatchObject({ ok: true });
    const items = await desk.call('items.list', {});
    expect(items.ok && (items.data as { code: string }[]).map((i) => i.code)).toEqual(['KZ-001']);
  });

  it('a certificate that changed between showing the code and confirming it is refused, and nothing is pinned', async () => {
    const s = await sharedDepot();
    const other = await serverCertificate(join(env!.dir, 'impostor.db'));
    const refused = await s.setup.join(s.address, other.fingerprint);
    expect(refused).toMatchObject({ ok: false, error: { code: 'server_certificate_changed' } });
    if (!refused.ok) expect(refused.error.message).toContain(`确认过的校验码 ${other.code}，现在出示的 ${hosting!.code}`);
    expect(readDeskSettings(s.settings)).toEqual({});
    expect(await s.setup.state()).toEqual({ mode: 'undecided', shareOnLan: false, server: null, hosting: null });
  });

  it('a bad address, a closed port and a server without HTTPS are refused in words', async () => {
    env = tempDepot();
    const setup = createDeskSetup(join(env.dir, 'desk.json'), { timeoutMs: 2000 });
    expect(await setup.inspect('')).toMatchObject({ ok: false, error: { code: 'server_address' } });
    expect(await setup.inspect('http://[bad')).toMatchObject({ ok: false, error: { code: 'server_address', message: '服务器地址“http://[bad”无法识别：请输入如 192.168.1.10:8080 的地址' } });
    expect(await setup.inspect(42 as never)).toMatchObject({ ok: false, error: { code: 'server_address' } });
    // A port nobody listens on: found free by listening once and closing.
    const free = await new Promise<number>((resolve) => {
      const probe = createHttpServer().listen(0, '127.0.0.1', () => {
        const port = (probe.address() as { port: number }).port;
        probe.close(() => resolve(port));
      });
    });
    expect(await setup.inspect(`127.0.0.1:${free}`)).toMatchObject({ ok: false, error: { message: `无法连接仓库服务器 127.0.0.1:${free}：该地址没有仓库服务在运行（连接被拒绝）。请检查网络和服务器是否运行` } });
    plain = createHttpServer((_req, res) => res.end('hello'));
    await new Promise<void>((resolve) => plain!.listen(0, '127.0.0.1', () => resolve()));
    const port = (plain.address() as { port: number }).port;
    const notTls = await setup.inspect(`127.0.0.1:${port}`);
    expect(notTls).toMatchObject({ ok: false, error: { code: 'server_unreachable' } });
    if (!notTls.ok) expect(notTls.error.message).toContain('该地址上的服务不是仓库服务器（没有使用 HTTPS）');
    expect(readDeskSettings(join(env.dir, 'desk.json'))).toEqual({});
  });
});
