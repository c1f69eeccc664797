import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { KeyObject } from 'node:crypto';
import { OutboxFile, type SignedBatch } from '../../shared/contract/center.ts';
import type { Store } from '../store/db.ts';
import type { CenterStore } from './store.ts';
import { BATCH_SIZE, signedBatch } from './batch.ts';
import { ackedSeq } from './outbox.ts';
import { applyBatchIn } from './apply.ts';
import { CenterError } from './errors.ts';

/** A USB stick's file is never a depot's life's work times ten: refuse anything larger unread. */
const MAX_FILE = 512 * 1024 * 1024;

export interface Exported {
  entries: number;
  fromSeq: number;
  toSeq: number;
}

/**
 * For days without a link: what the center has not acknowledged (or everything after `afterSeq`)
 * as signed batches in one file. The acknowledged mark does not move — the depot cannot know when
 * the stick reaches the center; the next push or file simply repeats what the center skips.
 */
export function exportOutboxFile(store: Store, depot: string, key: KeyObject, file: string, afterSeq = ackedSeq(store)): Exported | null {
  const batches: SignedBatch[] = [];
  let after = afterSeq;
  let entries = 0;
  for (;;) {
    const batch = signedBatch(store, depot, key, after, BATCH_SIZE);
    if (!batch) break;
    batches.push(batch);
    const body = JSON.parse(batch.body) as { toSeq: number; entries: unknown[] };
    entries += body.entries.length;
    after = body.toSeq;
  }
  if (batches.length === 0) return null;
  const text = JSON.stringify({ format: 'depot-desk-outbox/1', batches } satisfies OutboxFile);
  // Whole or not at all: a stick pulled out mid-write must not carry half a file.
  writeFileSync(`${file}.partial`, text);
  renameSync(`${file}.partial`, file);
  return { entries, fromSeq: afterSeq + 1, toSeq: after };
}

export interface Imported {
  batches: number;
  applied: number;
  skipped: number;
}

/** A file from a stick, applied all or nothing: one bad batch in it (tampered, foreign, a gap) and nothing of it is kept. */
export async function importOutboxFile(center: CenterStore, file: string): Promise<Imported> {
  const name = basename(file);
  let parsed: OutboxFile;
  try {
    if (statSync(file).size > MAX_FILE) throw new Error('too large');
    parsed = OutboxFile.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    throw new CenterError('bad_file', { file: name });
  }
  return center.tx(async (c) => {
    const total: Imported = { batches: 0, applied: 0, skipped: 0 };
    for (const batch of parsed.batches) {
      const r = await applyBatchIn(c, batch, 'file');
      total.batches++;
      total.applied += r.applied;
      total.skipped += r.skipped;
    }
    return total;
  });
}
