import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { required, type Command } from '../command.ts';
import { openAt } from '../open.ts';

export const init: Command = {
  name: 'init',
  usage: '--db FILE',
  options: { db: { type: 'string' } },
  run(args, cli) {
    const file = required(args, 'db', cli, 'init');
    const existed = existsSync(resolve(file));
    const depot = openAt(file, cli, { mustExist: false });
    try {
      const version = depot.store.db.pragma('user_version', { simple: true }) as number;
      cli.out(cli.t(existed ? 'cli.init.ready' : 'cli.init.created', { file, version }));
    } finally {
      depot.close();
    }
  },
};
