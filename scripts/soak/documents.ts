/**
 * 100,000 documents in one process, as a desk left running for months: receipts and dispatches
 * (saved, posted; created, approved, picked, shipped) through the door one after another, the
 * process's memory printed at the start, every tenth of the way and at the end, and the file
 * checked at the end (integrity, every balance equal to its ledger, book value equal to the
 * ledger's amounts). Exits 1 when the file is not whole; memory is printed, not judged.
 *
 * `node scripts/soak/documents.ts [--docs N]` (npm run soak: 100,000).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { openDepot } from '../../main/core/depot.ts';
import { prepare } from './crash.ts';

const { values } = parseArgs({ options: { docs: { type: 'string', default: '100000' } } });
const docs = Number(values.docs);
const dir = mkdtempSync(join(tmpdir(), 'soak-docs-'));
const dbPath = join(dir, 'depot.db');
await prepare(dbPath);
const depot = openDepot({ dbPath });
const session = depot.systemSession();
const send = async (channel: string, input: Record<string, unknown>) => {
  const r = await depot.invoke(channel as never, { ...input, requestId: randomUUID() }, session);
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.data as { id: number; version: number };
};
const id = (table: string) => depot.store.first<{ id: number }>(`SELECT id FROM ${table} LIMIT 1`)!.id;
const [item, location, supplier, unit] = [id('items'), id('locations'), id('suppliers'), id('units')];
const mb = (n: number) => `${(n / 1048576).toFixed(0)} MB`;
const memory = () => {
  const m = process.memoryUsage();
  return `RSS ${mb(m.rss)}, heap ${mb(m.heapUsed)}`;
};
console.log(`documents: ${docs.toLocaleString('en-US')} (receipts and dispatches in turn), one process; start: ${memory()}`);
const started = performance.now();
let lap = started;
try {
  for (let n = 1; n <= docs; n++) {
    if (n % 2 === 1) {
      const draft = await send('receipts.saveDraft', { sourceType: 'purchase', supplierId: supplier, lines: [{ itemId: item, counted: 100, unitCost: 250, locationId: location }] });
      await send('receipts.post', { id: draft.id, version: draft.version });
    } else {
      const order = await send('dispatch.create', { unitId: unit, lines: [{ itemId: item, qty: 30 }] });
      const approved = await send('dispatch.approve', { id: order.id, version: order.version });
      const picked = await send('dispatch.pick', { id: approved.id, version: approved.version });
      await send('dispatch.ship', { id: picked.id, version: picked.version });
    }
    if (n % Math.max(1, Math.floor(docs / 10)) === 0) {
      const now = performance.now();
      console.log(`  ${n.toLocaleString('en-US')} documents: ${memory()}; the last ${Math.floor(docs / 10).toLocaleString('en-US')} at ${((now - lap) / Math.floor(docs / 10)).toFixed(2)} ms each`);
      lap = now;
    }
  }
  const s = depot.store;
  const integrity = s.first<{ integrity_check: string }>('PRAGMA integrity_check')!.integrity_check;
  const balances = s.all('SELECT lot_id FROM stock s WHERE on_hand <> (SELECT coalesce(sum(qty), 0) FROM movements m WHERE m.lot_id = s.lot_id AND m.location_id = s.location_id)').length;
  const book = s.all('SELECT item_id FROM item_valuation v WHERE priced_amount <> (SELECT coalesce(sum(amount), 0) FROM movements m WHERE m.item_id = v.item_id)').length;
  const rows = s.first<{ n: number }>('SELECT count(*) AS n FROM movements')!.n;
  console.log(`  end: ${memory()}; ${((performance.now() - started) / 1000).toFixed(0)} s; ${rows.toLocaleString('en-US')} ledger rows; integrity ${integrity}; balances off ${balances}; book values off ${book}`);
  process.exitCode = integrity === 'ok' && balances === 0 && book === 0 ? 0 : 1;
} finally {
  await depot.close();
  rmSync(dir, { recursive: true, force: true });
}
