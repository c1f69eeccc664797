/**
 * The crash-kill loop: a process posts receipts and dispatches through the door as fast as it can;
 * it is killed (SIGKILL) at a random moment, again and again. After every kill the file must hold:
 * integrity ok, every balance equal to its ledger, no half document (a posted receipt or a shipped
 * order without its ledger rows, or ledger rows of a document that is not posted), every item's
 * book value equal to its ledger amounts, and the last request the killed process sent — sent
 * again with its requestId — applied at most once.
 *
 * `node scripts/soak/crash.ts [--kills N]` (npm run soak runs 200); tests/main/store/crash.test.ts
 * runs a short form in npm test. The poster is this same file run with --post.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openDepot, type Depot } from '../../main/core/depot.ts';

const call = async (depot: Depot, channel: string, input: Record<string, unknown>) => {
  const r = await depot.invoke(channel as never, input, depot.systemSession());
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.data as Record<string, unknown> & { id: number; version: number };
};

/** A depot with an item, a location, a supplier and a unit, as the poster finds it. */
export async function prepare(dbPath: string): Promise<void> {
  const depot = openDepot({ dbPath });
  try {
    await call(depot, 'items.create', { code: 'FH-001', name: '医用防护口罩', unit: '只', category: 'protective', lotTracked: false, requestId: randomUUID() });
    await call(depot, 'locations.create', { code: 'A-01', depot: '市本级储备库', zone: 'A', bin: '01', requestId: randomUUID() });
    await call(depot, 'suppliers.create', { code: 'S-001', name: '华康医疗', kind: 'manufacturer', requestId: randomUUID() });
    await call(depot, 'units.create', { code: 'U-01', name: '市第一医院', type: 'designated_hospital', staffCount: 100, requestId: randomUUID() });
  } finally {
    await depot.close();
  }
}

/** The poster: receipts and dispatches without end, each request written to the journal before it is sent. */
async function post(dbPath: string, journal: string): Promise<never> {
  const depot = openDepot({ dbPath });
  const ids = (table: string) => depot.store.first<{ id: number }>(`SELECT id FROM ${table} LIMIT 1`)!.id;
  const item = ids('items');
  const location = ids('locations');
  const supplier = ids('suppliers');
  const unit = ids('units');
  const send = async (channel: string, input: Record<string, unknown>) => {
    const requestId = randomUUID();
    appendFileSync(journal, `${JSON.stringify({ channel, input: { ...input, requestId } })}\n`);
    return call(depot, channel, { ...input, requestId });
  };
  for (;;) {
    const draft = await send('receipts.saveDraft', { sourceType: 'purchase', supplierId: supplier, lines: [{ itemId: item, counted: 100, unitCost: 250, locationId: location }] });
    await send('receipts.post', { id: draft.id, version: draft.version });
    const order = await send('dispatch.create', { unitId: unit, lines: [{ itemId: item, qty: 30 }] });
    const approved = await send('dispatch.approve', { id: order.id, version: order.version });
    const picked = await send('dispatch.pick', { id: approved.id, version: approved.version });
    await send('dispatch.ship', { id: picked.id, version: picked.version });
  }
}

/** What must hold in the file after a kill; the problems found, none when it is whole. */
export async function check(dbPath: string, journal: string): Promise<string[]> {
  const depot = openDepot({ dbPath });
  const problems: string[] = [];
  try {
    const s = depot.store;
    const integrity = s.first<{ integrity_check: string }>('PRAGMA integrity_check')!.integrity_check;
    if (integrity !== 'ok') problems.push(`integrity: ${integrity}`);
    const balances = s.all('SELECT s.lot_id FROM stock s WHERE s.on_hand <> (SELECT coalesce(sum(qty), 0) FROM movements m WHERE m.lot_id = s.lot_id AND m.location_id = s.location_id)');
    if (balances.length > 0) problems.push(`${balances.length} balances differ from the ledger`);
    const halfReceipts = s.all("SELECT id FROM receipts r WHERE status = 'posted' AND NOT EXISTS (SELECT 1 FROM movements m WHERE m.doc_type = 'receipt' AND m.doc_id = r.id)");
    const orphanRows = s.all("SELECT DISTINCT doc_id FROM movements m WHERE doc_type = 'receipt' AND NOT EXISTS (SELECT 1 FROM receipts r WHERE r.id = m.doc_id AND r.status = 'posted')");
    const halfOrders = s.all("SELECT id FROM dispatch_orders d WHERE status = 'shipped' AND NOT EXISTS (SELECT 1 FROM movements m WHERE m.doc_type = 'dispatch' AND m.doc_id = d.id)");
    if (halfReceipts.length + orphanRows.length + halfOrders.length > 0) problems.push(`half documents: ${halfReceipts.length} receipts, ${orphanRows.length} ledger rows, ${halfOrders.length} orders`);
    const book = s.all('SELECT item_id FROM item_valuation v WHERE priced_amount <> (SELECT coalesce(sum(amount), 0) FROM movements m WHERE m.item_id = v.item_id)');
    if (book.length > 0) problems.push(`${book.length} items' book value differs from the ledger`);
    // The request the process was sending when it died, sent again: applied once at most.
    const lines = existsSync(journal) ? readFileSync(journal, 'utf8').trim().split('\n').filter(Boolean) : [];
    const last = lines.at(-1);
    if (last) {
      const { channel, input } = JSON.parse(last) as { channel: string; input: Record<string, unknown> };
      const rows = () => s.first<{ n: number }>('SELECT count(*) AS n FROM movements')!.n;
      const had = s.first('SELECT 1 FROM requests WHERE request_id = ?', [input.requestId]) !== undefined;
      const before = rows();
      const again = await depot.invoke(channel as never, input, depot.systemSession());
      const after = rows();
      // Applied before the kill: the answer is replayed and nothing moves.
      if (had && after !== before) problems.push(`${channel} applied twice`);
      // A refused re-send (the draft changed since) must change nothing either.
      if (!again.ok && after !== before) problems.push(`${channel} refused but moved stock`);
    }
  } finally {
    await depot.close();
  }
  return problems;
}

const journalLines = (journal: string) => (existsSync(journal) ? readFileSync(journal, 'utf8').split('\n').length : 0);

/** Kills the poster `kills` times; the figures and every problem found. */
export async function crashLoop({ kills, dir = mkdtempSync(join(tmpdir(), 'soak-crash-')) }: { kills: number; dir?: string }) {
  const dbPath = join(dir, 'depot.db');
  const journal = join(dir, 'journal.ndjson');
  await prepare(dbPath);
  const self = fileURLToPath(import.meta.url);
  const problems: string[] = [];
  const started = performance.now();
  try {
    for (let k = 0; k < kills; k++) {
      const sent = journalLines(journal);
      const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', self, '--post', '--db', dbPath, '--journal', journal], { stdio: 'ignore' });
      // Killed while it works, not while it starts: once it has sent its first request (on a
      // loaded machine starting takes seconds), then at a random moment of its postings.
      for (let waited = 0; journalLines(journal) === sent && waited < 20_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 400)));
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
      for (const p of await check(dbPath, journal)) problems.push(`kill ${k + 1}: ${p}`);
    }
    const depot = openDepot({ dbPath });
    const figures = {
      kills,
      seconds: Math.round((performance.now() - started) / 100) / 10,
      receipts: depot.store.first<{ n: number }>("SELECT count(*) AS n FROM receipts WHERE status = 'posted'")!.n,
      shipped: depot.store.first<{ n: number }>("SELECT count(*) AS n FROM dispatch_orders WHERE status = 'shipped'")!.n,
      ledgerRows: depot.store.first<{ n: number }>('SELECT count(*) AS n FROM movements')!.n,
    };
    await depot.close();
    return { figures, problems };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { post: { type: 'boolean' }, db: { type: 'string' }, journal: { type: 'string' }, kills: { type: 'string' } } });
  if (values.post) await post(values.db!, values.journal!);
  const { figures, problems } = await crashLoop({ kills: Number(values.kills ?? 200) });
  console.log(`crash-kill loop: ${figures.kills} SIGKILLs in ${figures.seconds} s; ${figures.receipts} receipts posted, ${figures.shipped} orders shipped, ${figures.ledgerRows} ledger rows`);
  console.log(problems.length === 0 ? '  every kill left the file whole: integrity ok, balances = ledger, no half document, book = ledger, no request applied twice' : problems.map((p) => `  PROBLEM ${p}`).join('\n'));
  process.exitCode = problems.length === 0 ? 0 : 1;
}
