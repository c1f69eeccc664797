import { existsSync, mkdirSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { refuse, type Command } from '../command.ts';
import { openAt } from '../open.ts';
import { masterDataCounts, seedDemo } from '../demo.ts';
import { seedHistory } from '../demo-history.ts';
import { serveDepot } from '../../server/serve.ts';
import { certificateFiles, serverCertificate } from '../../server/certificate.ts';
import { startBackups } from '../../store/backups.ts';
import { advertiseDepot } from '../../server/discovery.ts';
import { depotName } from '../../domains/print/settings.ts';
import { startServerPush } from './push.ts';
import { lanAddresses } from '../../desk/host.ts';

/** The built renderer: dist/renderer beside the repository's main/ (npm run build:renderer), or DEPOT_RENDERER_DIR. */
const RENDERER = process.env.DEPOT_RENDERER_DIR ?? fileURLToPath(new URL('../../../dist/renderer', import.meta.url));

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/**
 * `depot serve`: the depot server on the LAN — the same core, the renderer over HTTP, the contract
 * over a WebSocket — until Ctrl+C. Without --db it serves a demo depot (created once, in the temp
 * folder), which is how the whole app is seen in a browser where Electron cannot run.
 *
 * Listening beyond this machine (any --host but loopback) it speaks only HTTPS/WSS, with the key and
 * certificate it makes beside the database on first start; on loopback plain HTTP (a browser trusts
 * 127.0.0.1 as it is), unless --tls.
 */
export const serve: Command = {
  name: 'serve',
  usage: '[--db FILE] [--host ADDR] [--port N] [--tls] [--center URL --depot CODE [--center-cert FILE] [--prune-days N]]',
  options: {
    db: { type: 'string' },
    host: { type: 'string' },
    port: { type: 'string' },
    tls: { type: 'boolean' },
    center: { type: 'string' },
    depot: { type: 'string' },
    'center-cert': { type: 'string' },
    'prune-days': { type: 'string' },
  },
  async run(args, cli) {
    const port = Number(args.options.port ?? 8080);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw refuse(cli.t('cli.serve.badPort', { port: String(args.options.port) }));
    if (!existsSync(join(RENDERER, 'index.html'))) throw refuse(cli.t('cli.serve.noRenderer'));
    const demo = args.options.db === undefined;
    const file = demo ? join(tmpdir(), 'depot-desk-demo', 'depot.db') : resolve(String(args.options.db));
    if (demo) mkdirSync(join(tmpdir(), 'depot-desk-demo'), { recursive: true });
    const depot = openAt(file, cli, { mustExist: false });
    if (demo && Object.values(await masterDataCounts(depot)).every((n) => n === 0)) {
      await seedDemo(depot);
      await seedHistory(file);
    }
    // With a command center: the outbox is pushed every minute, and after a failed try less often
    // (before listening: a wrong --depot is refused while nothing is running yet).
    const autoPush = typeof args.options.center === 'string' ? startServerPush(depot, file, args, cli) : null;
    const stopBackups = startBackups(depot.store, file);
    const host = String(args.options.host ?? '127.0.0.1');
    const certificate = args.options.tls === true || !LOOPBACK.has(host) ? await serverCertificate(file) : null;
    const server = await serveDepot(depot, { host, port, rendererDir: RENDERER, sessionsFile: `${file}.sessions.json`, tls: certificate ?? undefined });
    cli.out(cli.t(demo ? 'cli.serve.demo' : 'cli.serve.ready', { url: server.url, file }));
    depot.on('restore.staged', ({ name }) => cli.out(cli.t('cli.serve.restoreStaged', { name })));
    if (host === '0.0.0.0' || host === '::') {
      const { protocol, port: shown } = new URL(server.url);
      const urls = lanAddresses().map((ip) => `${protocol}//${ip}:${shown}/`);
      if (urls.length > 0) cli.out(cli.t('cli.serve.lan', { urls: urls.join('  ') }));
    }
    if (certificate?.created) cli.out(cli.t('cli.serve.certCreated', { cert: certificateFiles(file).cert }));
    if (certificate) cli.out(cli.t('cli.serve.cert', { fingerprint: certificate.fingerprint, code: certificate.code }));
    // On the LAN, desks find it by DNS-SD under the depot's name (where multicast is allowed).
    let advertised: { stop(): Promise<void> } | null = null;
    if (!LOOPBACK.has(host)) {
      const name = depotName(depot.store);
      advertised = advertiseDepot({ name, port: Number(new URL(server.url).port), tls: certificate !== null }, (e) => cli.out(cli.t('cli.serve.advertiseFailed', { error: e.message })));
      cli.out(cli.t('cli.serve.advertised', { name: name || os.hostname() }));
    }
    await new Promise<void>((done) => {
      const stop = () => {
        stopBackups();
        void Promise.all([server.close(), advertised?.stop(), autoPush?.stop()]).then(async () => {
          await depot.close();
          done();
        });
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  },
};
