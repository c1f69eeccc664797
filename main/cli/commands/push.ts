import { existsSync, readFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { resolve } from 'node:path';
import { CliError, refuse, required, type Args, type Cli, type Command } from '../command.ts';
import { openAt } from '../open.ts';
import { depotKey, depotKeyFile } from '../../center/depot-key.ts';
import { pushOutbox, type CenterLink } from '../../center/sync.ts';
import { exportOutboxFile } from '../../center/file.ts';
import { pruneOutbox } from '../../center/outbox.ts';
import { startAutoPush, type AutoPush } from '../../center/auto-push.ts';
import { pullCatalogue } from '../../center/catalogue-pull.ts';
import type { Depot } from '../../core/depot.ts';
import { receiveTransfers } from '../../center/receive-transfers.ts';
import { DepotCode } from '../../../shared/contract/center.ts';

/** The center's address and, for HTTPS, its certificate as given with --center-cert (pinned: trusted alone). */
export function centerLink(args: Args, cli: Cli): CenterLink {
  const certFile = args.options['center-cert'];
  let pinned: CenterLink['pinned'];
  if (typeof certFile === 'string') {
    if (!existsSync(certFile)) throw refuse(cli.t('center.fileMissing', { file: certFile }));
    const cert = readFileSync(certFile, 'utf8');
    pinned = { cert, fingerprint: new X509Certificate(cert).fingerprint256 };
  }
  return { url: String(args.options.center), pinned };
}

/** `depot center-key --db FILE`: the depot's public key for the center (made beside the database on first use). */
export const centerKey: Command = {
  name: 'center-key',
  usage: '--db FILE',
  options: { db: { type: 'string' } },
  run(args, cli) {
    const file = resolve(required(args, 'db', cli, 'center-key'));
    if (!existsSync(file)) throw refuse(cli.t('cli.error.dbMissing', { file }));
    const key = depotKey(file);
    if (key.created) cli.out(cli.t('center.keyCreated', { file: depotKeyFile(file) }));
    cli.out(key.publicKeyPem.trimEnd());
  },
};

/**
 * `depot push`: sends the outbox to the center (--center URL, its certificate pinned with
 * --center-cert on HTTPS), or writes it to a signed file for a USB stick (--out FILE).
 */
export const push: Command = {
  name: 'push',
  usage: '--db FILE --depot CODE (--center URL [--center-cert FILE] [--prune-days N] | --out FILE [--all])',
  options: {
    db: { type: 'string' }, depot: { type: 'string' }, center: { type: 'string' }, 'center-cert': { type: 'string' }, out: { type: 'string' }, all: { type: 'boolean' },
    'prune-days': { type: 'string' },
  },
  async run(args, cli) {
    const file = required(args, 'db', cli, 'push');
    const code = required(args, 'depot', cli, 'push');
    if (!DepotCode.safeParse(code).success) throw new CliError(cli.t('center.badDepotCode', { depot: code }), 2, 'push');
    const url = args.options.center;
    const out = args.options.out;
    if (typeof url !== 'string' && typeof out !== 'string') throw new CliError(cli.t('center.needCenterOrOut'), 2, 'push');
    const pruneDays = pruneDaysOf(args, cli, 'push');
    const depot = openAt(file, cli, { mustExist: true });
    try {
      const key = depotKey(resolve(file));
      if (typeof out === 'string') {
        const r = exportOutboxFile(depot.store, code, key.privateKey, out, args.options.all === true ? 0 : undefined);
        cli.out(r ? cli.t('center.file.exported', { ...r, file: out }) : cli.t('center.push.nothing'));
        return;
      }
      const r = await pushOutbox(depot.store, code, key.privateKey, centerLink(args, cli), cli.locale);
      if (!r.ok) {
        throw refuse(r.reason === 'unreachable' ? cli.t('center.push.unreachable', { url, detail: r.message }) : r.message);
      }
      cli.out(r.applied + r.skipped === 0 ? cli.t('center.push.nothing') : cli.t('center.push.sent', { ...r }));
      if (pruneDays !== null) tellPruned(pruneOutbox(depot.store, pruneDays), pruneDays, cli);
      const catalogue = await pullCatalogue(depot.store, code, key.privateKey, centerLink(args, cli), cli.locale);
      if (!catalogue.ok) throw refuse(cli.t('center.push.unreachable', { url, detail: catalogue.message }));
      if (catalogue.applied.items + catalogue.applied.units + catalogue.applied.groups + catalogue.applied.lines > 0) cli.out(cli.t('center.catalogue.pulled', { ...catalogue.applied }));
      if (catalogue.applied.kept.length > 0) cli.out(cli.t('center.catalogue.kept', { items: catalogue.applied.kept.join('、') }));
      tellDrafted(await receiveTransfers(depot, code, key.privateKey, centerLink(args, cli), cli.locale), cli);
    } finally {
      depot.close();
    }
  },
};

/** `depot serve --center URL --depot CODE`: the depot server pushes by itself, saying so when the link goes or comes back, and drafts incoming transfers. */
/** What a round of drafting transfers said, for the person at the terminal or in the server's log. */
function tellDrafted(r: Awaited<ReturnType<typeof receiveTransfers>>, cli: Cli): void {
  if (!r.ok) return;
  if (r.drafted.length > 0) cli.out(cli.t('center.transfer.drafted', { count: r.drafted.length, refs: r.drafted.map((d) => d.reference).join('、') }));
  for (const x of r.refused) cli.out(`${x.reference}：${x.message}`);
  if (r.cancelled.length > 0) cli.out(cli.t('center.transfer.cancelled', { refs: r.cancelled.join('、') }));
}

/** --prune-days N: acknowledged outbox entries older than N days are removed after each push that reached the center. */
function pruneDaysOf(args: Args, cli: Cli, command: string): number | null {
  const raw = args.options['prune-days'];
  if (raw === undefined) return null;
  const days = Number(raw);
  if (!Number.isInteger(days) || days < 1 || days > 36_500) throw new CliError(cli.t('center.outbox.badDays', { value: String(raw) }), 2, command);
  return days;
}

function tellPruned(r: { pruned: number }, days: number, cli: Cli): void {
  if (r.pruned > 0) cli.out(cli.t('center.outbox.pruned', { count: r.pruned, days }));
}

export function startServerPush(depot: Depot, file: string, args: Args, cli: Cli): AutoPush {
  const store = depot.store;
  const code = required(args, 'depot', cli, 'serve');
  const pruneDays = pruneDaysOf(args, cli, 'serve');
  if (!DepotCode.safeParse(code).success) throw new CliError(cli.t('center.badDepotCode', { depot: code }), 2, 'serve');
  const link = centerLink(args, cli);
  let wasOk: boolean | undefined;
  const key = depotKey(resolve(file)).privateKey;
  return startAutoPush(store, code, key, link, {
    onRound: async () => {
      tellDrafted(await receiveTransfers(depot, code, key, link, cli.locale), cli);
      if (pruneDays !== null) tellPruned(pruneOutbox(store, pruneDays), pruneDays, cli);
    },
    locale: cli.locale,
    onResult(r) {
      if (r.ok && r.applied > 0) cli.out(cli.t('center.push.sent', { ...r }));
      if (!r.ok && wasOk !== false) cli.out(r.reason === 'unreachable' ? cli.t('center.push.unreachable', { url: link.url, detail: r.message }) : r.message);
      wasOk = r.ok;
    },
    onCatalogue(r) {
      if (r.ok && r.applied.items + r.applied.units + r.applied.groups + r.applied.lines > 0) cli.out(cli.t('center.catalogue.pulled', { ...r.applied }));
      if (r.ok && r.applied.kept.length > 0) cli.out(cli.t('center.catalogue.kept', { items: r.applied.kept.join('、') }));
    },
  });
}
