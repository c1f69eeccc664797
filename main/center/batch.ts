import { sign, type KeyObject } from 'node:crypto';
import type { BatchBody, SignedBatch } from '../../shared/contract/center.ts';
import type { Store } from '../store/db.ts';
import { outboxTail, readOutbox } from './outbox.ts';

/** How many entries one batch carries: large enough to drain a day offline in few requests, small enough to stay well under a few MB. */
export const BATCH_SIZE = 2000;

/** The entries after `afterSeq` as one signed batch, or null when there are none. */
export function signedBatch(store: Store, depot: string, key: KeyObject, afterSeq: number, limit = BATCH_SIZE, now = new Date()): SignedBatch | null {
  const entries = readOutbox(store, afterSeq, limit);
  if (entries.length === 0) return null;
  const body: BatchBody = {
    depot,
    fromSeq: entries[0]!.seq,
    toSeq: entries.at(-1)!.seq,
    tail: outboxTail(store),
    madeAt: now.toISOString(),
    entries: entries as BatchBody['entries'],
  };
  const text = JSON.stringify(body);
  return { depot, body: text, signature: sign(null, Buffer.from(text, 'utf8'), key).toString('base64') };
}
