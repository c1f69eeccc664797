import type { backupChannels } from '../../../shared/contract/backup.ts';
import type { DomainHandlers } from '../../core/handlers.ts';
import type { Ctx } from '../../core/context.ts';
import { DepotError } from '../../core/errors.ts';
import { audit } from '../../core/audit.ts';
import { backupPolicy, listBackups, stageRestore } from '../../store/backups.ts';

function dbPathOf(ctx: Ctx): string {
  if (!ctx.dbPath) throw new DepotError('internal', { detail: 'no database path' });
  return ctx.dbPath;
}

/** depot-20261205-083000.db → 2026-12-05T08:30:00Z */
const takenAt = (name: string) => name.replace(/^depot-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})\.db$/, '$1-$2-$3T$4:$5:$6Z');

export const backupHandlers: DomainHandlers<typeof backupChannels> = {
  'backups.list': (_input, ctx) => {
    const policy = backupPolicy(ctx.store, dbPathOf(ctx));
    return { ...policy, backups: listBackups(policy.folder).map((b) => ({ ...b, at: takenAt(b.name) })) };
  },

  'backups.restore': async ({ name }, ctx) => {
    const staged = await stageRestore(ctx.store, dbPathOf(ctx), name, new Date(ctx.now));
    audit(ctx, 'stage', 'restore', null, null, { name, safety: staged.safety });
    ctx.emit('restore.staged', { name });
    return { name, safety: staged.safety };
  },
};
