import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { openDepot, type Depot } from '../core/depot.ts';
import { refuse, type Cli } from './command.ts';

/**
 * Opens the depot at a path typed on the command line. A database newer than the app is
 * refused by openDepot itself (DepotError 'db_too_new', shown by depot.ts).
 * mustExist: the command reads an existing file and must not create an empty one by mistake.
 */
export function openAt(file: string, cli: Cli, { mustExist }: { mustExist: boolean }): Depot {
  const path = resolve(file);
  if (mustExist && !existsSync(path)) throw refuse(cli.t('cli.error.dbMissing', { file }));
  const dir = dirname(path);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw refuse(cli.t('cli.error.dirMissing', { dir }));
  return openDepot({ dbPath: path });
}
