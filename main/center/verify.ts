import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { SignedBatch } from '../../shared/contract/center.ts';
import type { CenterStore } from './store.ts';
import { CenterError } from './errors.ts';

/** A depot's request that is not a batch (what is on its way to it), signed like a batch so that only that depot reads it. */
export function signedRequest(depot: string, key: KeyObject, now = new Date(), ask: Record<string, unknown> = {}): SignedBatch {
  const body = JSON.stringify({ ...ask, depot, madeAt: now.toISOString() });
  return { depot, body, signature: sign(null, Buffer.from(body, 'utf8'), key).toString('base64') };
}

/** The depot a signed request comes from and what it asks, or a refusal: unknown depot, a signature that does not check, a body naming another depot. */
export async function verifiedRequest(center: CenterStore, input: unknown): Promise<{ depot: string; ask: Record<string, unknown> }> {
  const envelope = SignedBatch.safeParse(input);
  if (!envelope.success) throw new CenterError('bad_batch', { depot: '?', detail: 'request' });
  const { depot, body, signature } = envelope.data;
  const { rows } = await center.pool.query<{ public_key: string }>('SELECT public_key FROM depots WHERE code = $1', [depot]);
  if (!rows[0]) throw new CenterError('unknown_depot', { depot });
  if (!verify(null, Buffer.from(body, 'utf8'), createPublicKey(rows[0].public_key), Buffer.from(signature, 'base64'))) throw new CenterError('bad_signature', { depot });
  let ask: Record<string, unknown>;
  try {
    ask = JSON.parse(body) as Record<string, unknown>;
  } catch {
    throw new CenterError('bad_batch', { depot, detail: 'JSON' });
  }
  if (ask?.depot !== depot) throw new CenterError('foreign_batch', { depot, claimed: String(ask?.depot) });
  return { depot, ask };
}
