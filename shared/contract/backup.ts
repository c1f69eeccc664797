import { z } from 'zod';
import { query, Required } from './channel.ts';

export interface BackupList {
  folder: string;
  keep: number;
  everyHours: number;
  /** Newest first; `at` is when it was taken (ISO, from its name). */
  backups: { name: string; bytes: number; at: string }[];
}

export const backupChannels = {
  /** 备份与恢复: the backups in the depot's backup folder. */
  'backups.list': query<BackupList>()(z.object({}), ['admin']),
  /**
   * Restores a backup (by its name in the backup folder): checked, the current data backed up
   * first, put back when the app next starts (it restarts for it). Not a command: nothing in the
   * database changes now, and a backup cannot be taken inside a transaction.
   */
  'backups.restore': query<{ name: string; safety: string }>()(z.object({ name: Required(60) }), ['admin']),
};
