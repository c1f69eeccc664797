import { createPublicKey, verify } from 'node:crypto';
import type { PoolClient } from 'pg';
import { BatchBody, SignedBatch, type OutboxEntry } from '../../shared/contract/center.ts';
import type { CenterStore } from './store.ts';
import { CenterError } from './errors.ts';
import { DISPATCH_DOCS_SQL } from '../domains/ledger/sides.ts';
import { recordTransfers } from './transfers.ts';
import { keepFlows } from './flows.ts';

export interface Applied {
  applied: number;
  skipped: number;
  highWater: number;
}

const detail = (issues: { path: PropertyKey[]; message: string }[]) =>
  issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.')}: ${i.message}`)
    .join('; ');

/**
 * Applies one signed batch from a depot, exactly once, in one PostgreSQL transaction: the
 * signature is checked with the depot's registered key before anything is read from the batch;
 * entries the center already has are skipped; a batch that starts beyond the next expected
 * entry is refused as a gap (the depot sends the missing ones and retries), so the center's rows
 * are always a prefix of the depot's outbox.
 */
export async function applyBatch(center: CenterStore, input: unknown, via: 'push' | 'file'): Promise<Applied> {
  try {
    return await center.tx((c) => applyBatchIn(c, input, via));
  } catch (e) {
    if (e instanceof CenterError && e.code === 'gap') await noteGap(center, e.params as { depot: string; highWater: number; fromSeq: number; tail: number });
    throw e;
  }
}

/**
 * A signed batch refused as a gap: where the depot can resume from is noted on the depot, so that
 * the center's pages say which depot has a gap from which entry, instead of waiting in silence
 * (a center restored from an older backup, after the depot pruned what that center had acknowledged).
 */
async function noteGap(center: CenterStore, gap: { depot: string; highWater: number; fromSeq: number; tail: number }): Promise<void> {
  await center.pool.query(
    `UPDATE depots SET gap_from_seq = $2, gap_seen_at = now(), reported_tail = greatest(reported_tail, $3) WHERE code = $1 AND high_water = $4`,
    [gap.depot, gap.fromSeq, gap.tail, gap.highWater],
  );
}

/** The same inside a transaction the caller holds (a file's batches: all or none). */
export async function applyBatchIn(c: PoolClient, input: unknown, via: 'push' | 'file'): Promise<Applied> {
  const envelope = SignedBatch.safeParse(input);
  if (!envelope.success) throw new CenterError('bad_batch', { depot: '?', detail: detail(envelope.error.issues) });
  const { depot, body, signature } = envelope.data;
  // FOR UPDATE: a push and a file import of the same depot at once are applied one after the other.
  const { rows } = await c.query<{ public_key: string; high_water: number }>('SELECT public_key, high_water FROM depots WHERE code = $1 FOR UPDATE', [depot]);
  const known = rows[0];
  if (!known) throw new CenterError('unknown_depot', { depot });
  if (!verify(null, Buffer.from(body, 'utf8'), createPublicKey(known.public_key), Buffer.from(signature, 'base64'))) throw new CenterError('bad_signature', { depot });
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new CenterError('bad_batch', { depot, detail: 'JSON' });
  }
  const parsed = BatchBody.safeParse(json);
  if (!parsed.success) throw new CenterError('bad_batch', { depot, detail: detail(parsed.error.issues) });
  const batch = parsed.data;
  // Signed by this depot's key yet naming another depot: never written under either name.
  if (batch.depot !== depot) throw new CenterError('foreign_batch', { depot, claimed: batch.depot });
  const highWater = known.high_water;
  if (batch.fromSeq > highWater + 1) throw new CenterError('gap', { depot, highWater, fromSeq: batch.fromSeq, tail: batch.tail });
  const fresh = batch.entries.filter((e) => e.seq > highWater);
  const repeated = batch.entries.filter((e) => e.seq <= highWater);
  // A depot restored from an older backup numbers new postings again from where the backup
  // stopped: skipping those as "already had" would lose them. What is repeated must be the same.
  if (batch.tail < highWater) throw new CenterError('depot_rewound', { depot, highWater, seq: batch.tail + 1 });
  if (repeated.length > 0) {
    const { rows: differing } = await c.query<{ seq: number }>(
      `SELECT min(x.seq) AS seq FROM jsonb_array_elements($2::jsonb) AS e
         JOIN entries x ON x.depot_code = $1 AND x.seq = (e->>'seq')::bigint
        WHERE x.payload <> e->'payload' OR x.kind <> e->>'kind'`,
      [depot, JSON.stringify(repeated.map(({ seq, kind, payload }) => ({ seq, kind, payload })))],
    );
    if (differing[0]?.seq != null) throw new CenterError('depot_rewound', { depot, highWater, seq: differing[0].seq });
  }
  if (fresh.length > 0) await insertEntries(c, depot, fresh);
  const newHighWater = Math.max(highWater, batch.toSeq);
  await c.query(
    `UPDATE depots SET high_water = $2, reported_tail = greatest(reported_tail, $3), last_sync_at = now(),
            gap_from_seq = CASE WHEN gap_from_seq <= $2::bigint + 1 THEN NULL ELSE gap_from_seq END WHERE code = $1`,
    [depot, newHighWater, batch.tail],
  );
  if (fresh.length > 0) {
    await c.query('INSERT INTO batches (depot_code, from_seq, to_seq, via, entries) VALUES ($1, $2, $3, $4, $5)', [depot, fresh[0]!.seq, batch.toSeq, via, fresh.length]);
  }
  return { applied: fresh.length, skipped: batch.entries.length - fresh.length, highWater: newHighWater };
}

/** One statement per table, the rows passed as one JSON array: a batch of thousands is a few round trips. */
async function insertEntries(c: PoolClient, depot: string, entries: OutboxEntry[]): Promise<void> {
  await c.query(
    `INSERT INTO entries (depot_code, seq, kind, payload)
     SELECT $1, (e->>'seq')::bigint, e->>'kind', e->'payload' FROM jsonb_array_elements($2::jsonb) AS e`,
    [depot, JSON.stringify(entries.map(({ seq, kind, payload }) => ({ seq, kind, payload })))],
  );
  const movements = entries.filter((e) => e.kind === 'movement').map((e) => e.payload);
  if (movements.length > 0) {
    const movementsJson = JSON.stringify(movements);
    await c.query(
      `INSERT INTO movements (depot_code, depot_row_id, at, item_code, item_name, item_unit, category, lot_no, expires_on, location_code,
         qty, amount, doc_type, doc_no, source_type, supplier_code, recipient_code, recipient_type, reverses_id)
       SELECT $1, (m->>'id')::bigint, (m->>'at')::timestamptz, m->'item'->>'code', m->'item'->>'name', m->'item'->>'unit', m->'item'->>'category',
         m->>'lotNo', (m->>'expiresOn')::date, m->>'location', (m->>'qty')::bigint, (m->>'amount')::bigint, m->>'docType', m->>'docNo',
         m->>'sourceType', m->>'supplier', m->'recipient'->>'code', m->'recipient'->>'type', (m->>'reversesId')::bigint
       FROM jsonb_array_elements($2::jsonb) AS m`,
      [depot, movementsJson],
    );
    await c.query(
      `INSERT INTO item_out_hours AS h (depot_code, item_code, hour, out_qty)
       SELECT $1, m->'item'->>'code', date_trunc('hour', (m->>'at')::timestamptz), -sum((m->>'qty')::bigint)
         FROM jsonb_array_elements($2::jsonb) AS m WHERE m->>'docType' IN ('dispatch', 'dispatch_reversal') GROUP BY 2, 3
       ON CONFLICT (hour, depot_code, item_code) DO UPDATE SET out_qty = h.out_qty + excluded.out_qty`,
      [depot, movementsJson],
    );
    // The briefing's sums and documents, after the rows themselves (a reversal finds its original among them).
    await keepFlows(c, depot, movements);
    // The item's latest name and safety stock win: the depot may have changed them since.
    await c.query(
      `INSERT INTO item_totals AS t (depot_code, item_code, item_name, item_unit, category, safety_stock, on_hand, dispatched_qty, dispatched_amount)
       SELECT $1, m->'item'->>'code', (array_agg(m->'item'->>'name' ORDER BY (m->>'id')::bigint DESC))[1], max(m->'item'->>'unit'), max(m->'item'->>'category'),
              (array_agg((m->'item'->>'safetyStock')::bigint ORDER BY (m->>'id')::bigint DESC))[1],
              sum((m->>'qty')::bigint),
              sum(CASE WHEN m->>'docType' IN ${DISPATCH_DOCS_SQL} THEN -(m->>'qty')::bigint ELSE 0 END),
              sum(CASE WHEN m->>'docType' IN ${DISPATCH_DOCS_SQL} THEN -coalesce((m->>'amount')::bigint, 0) ELSE 0 END)
         FROM jsonb_array_elements($2::jsonb) AS m GROUP BY m->'item'->>'code'
       ON CONFLICT (depot_code, item_code) DO UPDATE SET item_name = excluded.item_name, safety_stock = excluded.safety_stock, on_hand = t.on_hand + excluded.on_hand,
         dispatched_qty = t.dispatched_qty + excluded.dispatched_qty, dispatched_amount = t.dispatched_amount + excluded.dispatched_amount`,
      [depot, movementsJson],
    );
  }
  // A document's later entry (delivered after shipped) replaces the earlier one's status.
  const documents = entries
    .filter((e) => e.kind === 'receipt' || e.kind === 'dispatch')
    .map((e) => ({ seq: e.seq, kind: e.kind, no: e.payload.no, status: e.kind === 'dispatch' ? e.payload.status : 'posted', payload: e.payload }));
  if (documents.length > 0) {
    await c.query(
      `INSERT INTO documents (depot_code, kind, no, status, seq, payload)
       SELECT DISTINCT ON (d->>'kind', d->>'no') $1, d->>'kind', d->>'no', d->>'status', (d->>'seq')::bigint, d->'payload'
         FROM jsonb_array_elements($2::jsonb) AS d ORDER BY d->>'kind', d->>'no', (d->>'seq')::bigint DESC
       ON CONFLICT (depot_code, kind, no) DO UPDATE SET status = excluded.status, seq = excluded.seq, payload = excluded.payload
       WHERE documents.seq < excluded.seq`,
      [depot, JSON.stringify(documents)],
    );
  }
  await recordTransfers(c, depot, entries);
  for (const e of entries) {
    if (e.kind !== 'day_close') continue;
    await c.query('INSERT INTO day_closes (depot_code, day, through_id, figures, closed_at) VALUES ($1, $2, $3, $4, $5)', [
      depot,
      e.payload.day,
      e.payload.throughId,
      JSON.stringify(e.payload.figures ?? null),
      e.payload.closedAt,
    ]);
  }
}
