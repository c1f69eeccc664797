import { resolve } from 'node:path';
import { required, type Command } from '../command.ts';
import { restoreBackup } from '../../store/backups.ts';

/** Puts a backup back (the desk using the file must be closed): checked first, the current file kept beside it. */
export const restore: Command = {
  name: 'restore',
  usage: '--db FILE --from BACKUP',
  options: { db: { type: 'string' }, from: { type: 'string' } },
  async run(args, cli) {
    const file = resolve(required(args, 'db', cli, 'restore'));
    const from = resolve(required(args, 'from', cli, 'restore'));
    const kept = restoreBackup(file, from);
    cli.out(cli.t('cli.restore.done', { file, from, kept }));
  },
};
