import { join } from 'node:path';
import { openCenterStore, type CenterStore } from '../../main/center/store.ts';
import { registerDepot } from '../../main/center/depots.ts';
import { depotKey } from '../../main/center/depot-key.ts';
import { staffedDepot } from './fixtures.ts';
import { newDatabase } from './pg.ts';

/** A center on a new database of the test cluster. */
export async function tempCenter(clusterUrl: string): Promise<CenterStore> {
  return openCenterStore(await newDatabase(clusterUrl));
}

/** A staffed depot with its signing key beside its file, registered at the center under `code`. */
export async function registeredDepot(center: CenterStore, code: string, options: { clock?: () => Date } = {}) {
  const env = await staffedDepot(options);
  const key = depotKey(join(env.env.dir, 'depot.db'));
  await registerDepot(center, { code, name: `${code} 仓库`, publicKey: key.publicKeyPem });
  return { ...env, code, key, dbPath: () => join(env.env.dir, 'depot.db') };
}

/** The depot's ledger as the center must hold it, one row per ledger row. */
export const depotLedger = (env: Awaited<ReturnType<typeof registeredDepot>>) =>
  env.depot.store.all<{ id: number; qty: number; doc_no: string; item: string; lot_no: string }>(
    `SELECT m.id, m.qty, m.doc_no, i.code AS item, l.lot_no FROM movements m JOIN items i ON i.id = m.item_id JOIN lots l ON l.id = m.lot_id ORDER BY m.id`,
  );

export async function centerLedger(center: CenterStore, code: string) {
  const { rows } = await center.pool.query<{ id: number; qty: number; doc_no: string; item: string; lot_no: string }>(
    `SELECT depot_row_id AS id, qty, doc_no, item_code AS item, lot_no FROM movements WHERE depot_code = $1 ORDER BY depot_row_id`,
    [code],
  );
  return rows;
}
