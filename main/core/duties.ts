import type { Ctx } from './context.ts';
import type { Store } from '../store/db.ts';
import { DepotError } from './errors.ts';
import { SYSTEM_OPERATOR_ID } from '../domains/auth/operators.ts';

/** The settings key of 「不得审核本人单据」; absent means on. */
export const NO_SELF_APPROVAL_KEY = 'duties.noSelfApproval';

export function noSelfApproval(store: Store): boolean {
  return store.first<{ value: string }>('SELECT value FROM settings WHERE key = ?', [NO_SELF_APPROVAL_KEY])?.value !== '0';
}

export function setNoSelfApproval(store: Store, on: boolean): void {
  store.run('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [NO_SELF_APPROVAL_KEY, on ? '1' : '0']);
}

/**
 * Acts that move stock on one person's word (a reversal, a release from quarantine, a write-off)
 * need a second pair of eyes: an approver's (or an admin's), whatever the channel's floor roles are.
 */
export function mustBeApprover(ctx: Ctx, act: string): void {
  const role = ctx.operator.role;
  if (role === 'approver' || role === 'admin') return;
  throw new DepotError('approver_only', { act: ctx.t(`duties.act.${act}`), role: ctx.t(`role.${role}`) });
}

/**
 * No one approves their own document (a setting, on unless an admin turns it off). The system
 * operator is exempt: it is the CLI and scripted set-up, not a person at a desk.
 */
export function refuseOwnDocument(ctx: Ctx, authorId: number | null | undefined, act: string, no: string): void {
  if (authorId === null || authorId === undefined || authorId !== ctx.operator.id) return;
  if (ctx.operator.id === SYSTEM_OPERATOR_ID || !noSelfApproval(ctx.store)) return;
  throw new DepotError('own_document', { act: ctx.t(`duties.act.${act}`), no });
}
