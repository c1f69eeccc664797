import type { Store } from '../store/db.ts';

/**
 * How long a command's request record is kept (main/core/depot.ts writes it): a request sent again
 * within these days — a desk retrying after a dropped connection or a crash — answers with the first
 * answer and writes nothing. A record holds its command's answer (a saved 20-line draft is 8 KB):
 * kept for ever, the records grew beside the ledger in the file and in every backup.
 */
export const REQUEST_DAYS = 30;

/**
 * Deletes the request records older than REQUEST_DAYS before `now`; at opening (openDepot) and at
 * each day close (扎账). Only records go: what their commands wrote stays.
 */
export function pruneRequests(store: Store, now: Date): number {
  const before = new Date(now.getTime() - REQUEST_DAYS * 86_400_000).toISOString();
  // Looked for first (the oldest records come first, so an old one is found at once): a depot with
  // none to delete, or opened read-only, writes nothing.
  if (!store.first('SELECT 1 FROM requests WHERE at < ? LIMIT 1', [before])) return 0;
  return store.run('DELETE FROM requests WHERE at < ?', [before]).changes;
}
