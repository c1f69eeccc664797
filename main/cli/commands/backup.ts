import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { refuse, required, type Command } from '../command.ts';
import { openAt } from '../open.ts';

export const backup: Command = {
  name: 'backup',
  usage: '--db FILE --out FILE [--force]',
  options: { db: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' } },
  async run(args, cli) {
    const file = required(args, 'db', cli, 'backup');
    const out = required(args, 'out', cli, 'backup');
    if (resolve(out) === resolve(file)) throw refuse(cli.t('cli.error.sameFile'));
    if (existsSync(out) && !args.options.force) throw refuse(cli.t('cli.error.outExists', { file: out }));
    if (!existsSync(dirname(resolve(out)))) throw refuse(cli.t('cli.error.dirMissing', { dir: dirname(out) }));
    const depot = openAt(file, cli, { mustExist: true });
    // SQLite's online backup copies page by page while the app may keep writing; it goes to a
    // side file first so that --out is never a half-written database, and --force replaces
    // whatever was there in one rename.
    const partial = `${out}.partial-${process.pid}`;
    try {
      const { totalPages } = await depot.store.db.backup(partial);
      renameSync(partial, out);
      cli.out(cli.t('cli.backup.done', { file: out, pages: totalPages, bytes: statSync(out).size }));
    } finally {
      rmSync(partial, { force: true });
      depot.close();
    }
  },
};
