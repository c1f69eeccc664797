import type { Store } from '../store/db.ts';

/** One outbox entry as the depot sends it: its number, what it is, and the posting's content. */
export interface OutboxEntry {
  seq: number;
  kind: 'movement' | 'receipt' | 'dispatch' | 'day_close';
  payload: Record<string, unknown>;
  createdAt: string;
}

/** The entries after `afterSeq`, in order, at most `limit` (a batch). */
export function readOutbox(store: Store, afterSeq: number, limit: number): OutboxEntry[] {
  return store
    .all<{ seq: number; kind: OutboxEntry['kind']; payload: string; created_at: string }>(
      'SELECT seq, kind, payload, created_at FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?',
      [afterSeq, limit],
    )
    .map((r) => ({ seq: r.seq, kind: r.kind, payload: JSON.parse(r.payload) as Record<string, unknown>, createdAt: r.created_at }));
}

export const outboxTail = (store: Store): number => store.first<{ seq: number | null }>('SELECT max(seq) AS seq FROM outbox')?.seq ?? 0;

export const ackedSeq = (store: Store): number => store.first<{ seq: number }>('SELECT seq FROM outbox_acked WHERE id = 1')!.seq;

/** What the center last said it holds: its word, even backwards (a center restored from an older backup gets the rest again). */
export function setAcked(store: Store, seq: number): void {
  store.run('UPDATE outbox_acked SET seq = ? WHERE id = 1', [seq]);
}

const DAY = 86_400_000;

/**
 * Removes the entries the center has acknowledged that are older than `days` days, keeping the
 * newest entry (the next is numbered after it) and everything not yet acknowledged (the database
 * refuses those too: migration 023). The center's word is what counts: an entry it has not
 * acknowledged stays however old.
 */
export function pruneOutbox(store: Store, days: number, now = new Date()): { pruned: number } {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`days: ${days}`);
  const before = new Date(now.getTime() - days * DAY).toISOString();
  return store.tx(() => {
    const { changes } = store.run(
      `DELETE FROM outbox WHERE seq <= (SELECT seq FROM outbox_acked WHERE id = 1) AND seq < (SELECT max(seq) FROM outbox) AND created_at < ?`,
      [before],
    );
    return { pruned: changes };
  });
}
