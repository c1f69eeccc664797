import { createPublicKey } from 'node:crypto';
import type { CenterStore } from './store.ts';
import { CenterError } from './errors.ts';

export interface DepotRow {
  code: string;
  name: string;
  publicKey: string;
  registeredAt: Date;
  highWater: number;
  reportedTail: number;
  lastSyncAt: Date | null;
}

/** The key as SPKI PEM, refused unless it is an Ed25519 public key: every batch is checked against it. */
function normalisedKey(pem: string): string {
  try {
    const key = createPublicKey(pem);
    if (key.asymmetricKeyType !== 'ed25519') throw new Error('not ed25519');
    return key.export({ type: 'spki', format: 'pem' }).toString();
  } catch {
    throw new CenterError('bad_key');
  }
}

/**
 * Registers a depot by its code, name and public key. Registering the same depot again with the
 * same key changes only its name; another key under a known code is refused, since whoever holds
 * that key could then write that depot's ledger.
 */
export async function registerDepot(center: CenterStore, depot: { code: string; name: string; publicKey: string }): Promise<void> {
  const key = normalisedKey(depot.publicKey);
  await center.tx(async (c) => {
    const { rows } = await c.query<{ public_key: string }>('SELECT public_key FROM depots WHERE code = $1 FOR UPDATE', [depot.code]);
    if (rows[0] && rows[0].public_key !== key) throw new CenterError('depot_exists', { depot: depot.code });
    await c.query(
      `INSERT INTO depots (code, name, public_key) VALUES ($1, $2, $3)
       ON CONFLICT (code) DO UPDATE SET name = excluded.name`,
      [depot.code, depot.name, key],
    );
  });
}

export async function listDepots(center: CenterStore): Promise<DepotRow[]> {
  const { rows } = await center.pool.query<{ code: string; name: string; public_key: string; registered_at: Date; high_water: number; reported_tail: number; last_sync_at: Date | null }>(
    'SELECT code, name, public_key, registered_at, high_water, reported_tail, last_sync_at FROM depots ORDER BY code',
  );
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    publicKey: r.public_key,
    registeredAt: r.registered_at,
    highWater: r.high_water,
    reportedTail: r.reported_tail,
    lastSyncAt: r.last_sync_at,
  }));
}
