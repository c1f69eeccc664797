import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CliError, refuse, required, type Cli, type Command } from '../command.ts';
import { openCenterStore, type CenterStore } from '../../center/store.ts';
import { serveCenter } from '../../center/serve.ts';
import { registerDepot } from '../../center/depots.ts';
import { importOutboxFile } from '../../center/file.ts';
import { catalogueOfDepotFile, saveCatalogue } from '../../center/catalogue.ts';
import { writeCityWorkbook } from '../../center/city-workbook.ts';
import { CenterError, refusalText } from '../../center/errors.ts';
import { DepotCode } from '../../../shared/contract/center.ts';
import { certificateFiles, serverCertificate } from '../../server/certificate.ts';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/** The URL as it may be printed: without its password. */
export function shownUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '?';
  }
}

/** Opens the center's PostgreSQL (migrating it), or refuses in words: IT reads this first when the URL or the server is wrong. */
async function openCenter(args: Parameters<Command['run']>[0], cli: Cli, command: string): Promise<CenterStore> {
  const url = required(args, 'pg', cli, command);
  try {
    return await openCenterStore(url);
  } catch (e) {
    if (e instanceof CenterError) throw refuse(refusalText(e, cli.locale));
    throw refuse(cli.t('center.pgUnreachable', { url: shownUrl(url), detail: (e as Error).message }));
  }
}

/** Runs fn with the center open, closing it after, and turning the center's refusals into the CLI's. */
async function withCenter(args: Parameters<Command['run']>[0], cli: Cli, command: string, fn: (center: CenterStore) => Promise<void>): Promise<void> {
  const center = await openCenter(args, cli, command);
  try {
    await fn(center);
  } catch (e) {
    if (e instanceof CenterError) throw refuse(refusalText(e, cli.locale));
    throw e;
  } finally {
    await center.close();
  }
}

/**
 * `depot center --pg URL`: the command center's service, taking the depots' batches until Ctrl+C.
 * Beyond loopback it speaks only HTTPS, with a certificate kept in --cert-dir that each depot pins.
 */
export const center: Command = {
  name: 'center',
  usage: '--pg URL [--host ADDR] [--port N] [--cert-dir DIR] [--open-views]',
  options: { pg: { type: 'string' }, host: { type: 'string' }, port: { type: 'string' }, 'cert-dir': { type: 'string' }, 'open-views': { type: 'boolean' } },
  async run(args, cli) {
    const port = Number(args.options.port ?? 8443);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw refuse(cli.t('cli.serve.badPort', { port: String(args.options.port) }));
    const host = String(args.options.host ?? '127.0.0.1');
    const certDir = args.options['cert-dir'];
    if (!LOOPBACK.has(host) && typeof certDir !== 'string') throw new CliError(cli.t('center.needCertDir'), 2, 'center');
    if (typeof certDir === 'string') mkdirSync(resolve(certDir), { recursive: true, mode: 0o700 });
    const certificate = typeof certDir === 'string' ? await serverCertificate(join(resolve(certDir), 'center')) : undefined;
    const store = await openCenter(args, cli, 'center');
    const server = await serveCenter(store, {
      host,
      port,
      tls: certificate,
      openViews: args.options['open-views'] === true,
      // For IT's log (journalctl): what the depots were only told to retry.
      onError: (e) => process.stderr.write(`${new Date().toISOString()} ${(e as Error).stack ?? String(e)}\n`),
    });
    cli.out(cli.t('center.listening', { url: server.url, pg: shownUrl(String(args.options.pg)) }));
    if (certificate?.created) cli.out(cli.t('cli.serve.certCreated', { cert: certificateFiles(join(resolve(String(certDir)), 'center')).cert }));
    if (certificate) cli.out(cli.t('cli.serve.cert', { fingerprint: certificate.fingerprint, code: certificate.code }));
    await new Promise<void>((done) => {
      const stop = () => void server.close().then(() => store.close()).then(done);
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  },
};

/** `depot center-register`: a depot, its name and the public key it printed (`depot center-key`). */
export const centerRegister: Command = {
  name: 'center-register',
  usage: '--pg URL --depot CODE --name NAME --key FILE.pem',
  options: { pg: { type: 'string' }, depot: { type: 'string' }, name: { type: 'string' }, key: { type: 'string' } },
  async run(args, cli) {
    const code = required(args, 'depot', cli, 'center-register');
    if (!DepotCode.safeParse(code).success) throw new CliError(cli.t('center.badDepotCode', { depot: code }), 2, 'center-register');
    const name = required(args, 'name', cli, 'center-register');
    const keyFile = required(args, 'key', cli, 'center-register');
    if (!existsSync(keyFile)) throw refuse(cli.t('center.fileMissing', { file: keyFile }));
    await withCenter(args, cli, 'center-register', async (store) => {
      await registerDepot(store, { code, name, publicKey: readFileSync(keyFile, 'utf8') });
      cli.out(cli.t('center.registered', { depot: code, name }));
    });
  },
};

/** `depot center-import FILE`: a depot's file from a USB stick, all or nothing. */
export const centerImport: Command = {
  name: 'center-import',
  usage: '--pg URL FILE',
  options: { pg: { type: 'string' } },
  maxPositionals: 1,
  async run(args, cli) {
    const file = args.positionals[0];
    if (file === undefined) throw new CliError(cli.t('center.needFile'), 2, 'center-import');
    if (!existsSync(file)) throw refuse(cli.t('center.fileMissing', { file }));
    await withCenter(args, cli, 'center-import', async (store) => {
      const r = await importOutboxFile(store, file);
      cli.out(cli.t('center.file.imported', { ...r }));
    });
  },
};

/** `depot center-catalogue --from DEPOT.db`: the center's catalogue taken from a depot's items and units (the city reserve's, to start with). */
export const centerCatalogue: Command = {
  name: 'center-catalogue',
  usage: '--pg URL --from FILE',
  options: { pg: { type: 'string' }, from: { type: 'string' } },
  async run(args, cli) {
    const from = required(args, 'from', cli, 'center-catalogue');
    if (!existsSync(from)) throw refuse(cli.t('cli.error.dbMissing', { file: from }));
    const catalogue = catalogueOfDepotFile(from);
    await withCenter(args, cli, 'center-catalogue', async (store) => {
      const { changed } = await saveCatalogue(store, catalogue);
      cli.out(cli.t('center.catalogue.saved', { items: catalogue.items.length, units: catalogue.units.length, groups: catalogue.categories.length + catalogue.unitTypes.length, lines: catalogue.briefingLines.length, changed }));
    });
  },
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** `depot center-ledger`: the comprehensive ledger workbook for the city, or one depot, from the center. */
export const centerLedger: Command = {
  name: 'center-ledger',
  usage: '--pg URL --from DATE --to DATE --out FILE.xlsx [--depot CODE] [--force]',
  options: { pg: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' }, depot: { type: 'string' }, force: { type: 'boolean' } },
  async run(args, cli) {
    const [from, to] = (['from', 'to'] as const).map((k) => {
      const v = required(args, k, cli, 'center-ledger');
      if (!DAY.test(v)) throw new CliError(cli.t('cli.export.badDate', { value: v }), 2, 'center-ledger');
      return v;
    }) as [string, string];
    const out = resolve(required(args, 'out', cli, 'center-ledger'));
    if (existsSync(out) && args.options.force !== true) throw refuse(cli.t('cli.error.outExists', { file: out }));
    const depot = typeof args.options.depot === 'string' ? args.options.depot : undefined;
    await withCenter(args, cli, 'center-ledger', async (store) => {
      const started = Date.now();
      const r = await writeCityWorkbook(store, { file: out, from, to, depot, locale: cli.locale });
      cli.out(cli.t('cli.export.done', { file: out, rows: r.rows.toLocaleString('en-US'), items: r.items, bytes: statSync(out).size.toLocaleString('en-US'), seconds: ((Date.now() - started) / 1000).toFixed(1) }));
    });
  },
};
