import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { refuse, type Command } from '../command.ts';
import { openAt } from '../open.ts';
import { masterDataCounts, seedDemo } from '../demo.ts';
import { serveDepot } from '../../server/serve.ts';
import { startBackups } from '../../store/backups.ts';

/** The built renderer: dist/renderer beside the repository's main/ (npm run build:renderer), or DEPOT_RENDERER_DIR. */
const RENDERER = process.env.DEPOT_RENDERER_DIR ?? fileURLToPath(new URL('../../../dist/renderer', import.meta.url));

/**
 * `depot serve`: the depot server on the LAN — the same core, the renderer over HTTP, the contract
 * over a WebSocket — until Ctrl+C. Without --db it serves a demo depot (created once, in the temp
 * folder), which is how the whole app is seen in a browser where Electron cannot run.
 */
export const serve: Command = {
  name: 'serve',
  usage: '[--db FILE] [--host ADDR] [--port N]',
  options: { db: { type: 'string' }, host: { type: 'string' }, port: { type: 'string' } },
  async run(args, cli) {
    const port = Number(args.options.port ?? 8080);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw refuse(cli.t('cli.serve.badPort', { port: String(args.options.port) }));
    if (!existsSync(join(RENDERER, 'index.html'))) throw refuse(cli.t('cli.serve.noRenderer'));
    const demo = args.options.db === undefined;
    const file = demo ? join(tmpdir(), 'depot-desk-demo', 'depot.db') : resolve(String(args.options.db));
    if (demo) mkdirSync(join(tmpdir(), 'depot-desk-demo'), { recursive: true });
    const depot = openAt(file, cli, { mustExist: false });
    if (demo && Object.values(await masterDataCounts(depot)).every((n) => n === 0)) await seedDemo(depot);
    const stopBackups = startBackups(depot.store, file);
    const server = await serveDepot(depot, { host: String(args.options.host ?? '127.0.0.1'), port, rendererDir: RENDERER, sessionsFile: `${file}.sessions.json` });
    cli.out(cli.t(demo ? 'cli.serve.demo' : 'cli.serve.ready', { url: server.url, file }));
    await new Promise<void>((done) => {
      const stop = () => {
        stopBackups();
        void server.close().then(async () => {
          await depot.close();
          done();
        });
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  },
};
