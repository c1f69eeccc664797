import type { Store } from '../../store/db.ts';

/** Wrong passwords in a row that lock an operator, and for how long. */
export const LOCK_AFTER_FAILURES = 5;
export const LOCK_MINUTES = 15;

/**
 * Until when an operator may not sign in, or null. Read from the audit log (append-only, indexed
 * by entity): locked while the last LOCK_AFTER_FAILURES sign-in events are all failures and the
 * last of them is less than LOCK_MINUTES old. A success or an admin's password reset ends the run;
 * one more failure after a lock has run out locks again.
 */
export function lockedUntil(store: Store, operatorId: number, now: string): string | null {
  const rows = store.all<{ action: string; at: string }>(
    `SELECT action, at FROM audit_log WHERE entity = 'operator' AND entity_id = ? AND action IN ('signIn', 'signInFailed', 'resetPassword')
      ORDER BY id DESC LIMIT ?`,
    [String(operatorId), LOCK_AFTER_FAILURES],
  );
  if (rows.length < LOCK_AFTER_FAILURES || rows.some((r) => r.action !== 'signInFailed')) return null;
  const until = new Date(Date.parse(rows[0]!.at) + LOCK_MINUTES * 60_000).toISOString();
  return until > now ? until : null;
}
