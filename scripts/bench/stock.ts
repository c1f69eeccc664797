// Receiving and stock benchmarks (issue 3):
//  1. posting a 20-line receipt on a database with 1,000,000 ledger rows, beside inserting
//     the same 20 ledger rows raw in one transaction in the same run (goal ≤ 1.5×);
//  2. the stock grid's data for 20,000 lot × location rows (goal ≤ 100 ms).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { openDepot } from '../../main/core/depot.ts';

const LEDGER_ROWS = Number(process.env.BENCH_LEDGER_ROWS ?? 1_000_000);
const GRID_ROWS = 20_000;
const dir = mkdtempSync(join(tmpdir(), 'depot-bench-'));
const depot = openDepot({ dbPath: join(dir, 'bench.db') });
const session = depot.systemSession();
const { store } = depot;
const now = new Date().toISOString();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

// Master data and 20,000 balances (200 items × 20 lots × 5 locations), raw for speed.
const ITEMS = 200, LOTS = 20, LOCS = 5;
store.tx(() => {
  for (let i = 1; i <= ITEMS; i++) {
    store.run(`INSERT INTO items (code, name, spec, unit, category, packs, updated_at, updated_by) VALUES (?, ?, '', '只', 'protective', '[{"unit":"盒","per":50}]', ?, 1)`, [`B${String(i).padStart(4, '0')}`, `物资${i}`, now]);
  }
  for (let l = 1; l <= LOCS; l++) store.run(`INSERT INTO locations (code, depot, zone, bin, updated_at, updated_by) VALUES (?, '库', 'A', ?, ?, 1)`, [`A-${l}`, String(l), now]);
  store.run(`INSERT INTO suppliers (code, name, kind, updated_at, updated_by) VALUES ('S1', '供应商', 'manufacturer', ?, 1)`, [now]);
  for (let i = 1; i <= ITEMS; i++) {
    for (let k = 1; k <= LOTS; k++) {
      const lot = store.run(`INSERT INTO lots (item_id, lot_no, expires_on, status, unit_cost, created_at) VALUES (?, ?, ?, 'accepted', 100, ?)`, [i, `L${k}`, `2028-${String((k % 12) + 1).padStart(2, '0')}-01`, now]);
      for (let l = 1; l <= LOCS; l++) store.run('INSERT INTO stock (lot_id, location_id, item_id, on_hand) VALUES (?, ?, ?, 0)', [lot.lastInsertRowid, l, i]);
    }
  }
});

// 1,000,000 ledger rows spread over the balances, raw in one transaction (setup, not measured).
const insert = store.db.prepare(
  `INSERT INTO movements (at, item_id, lot_id, location_id, qty, amount, doc_type, doc_id, doc_no, source_type, supplier_id, operator_id)
   VALUES (?, ?, ?, ?, ?, ?, 'receipt', ?, ?, 'purchase', 1, 1)`,
);
let t0 = process.hrtime.bigint();
store.tx(() => {
  for (let n = 0; n < LEDGER_ROWS; n++) {
    const lot = (n % (ITEMS * LOTS)) + 1;
    insert.run(now, Math.ceil(lot / LOTS), lot, (Math.floor(n / (ITEMS * LOTS)) % LOCS) + 1, 10, 1000, n, `RK-${n}`);
  }
  store.run('UPDATE stock SET on_hand = (SELECT coalesce(sum(qty), 0) FROM movements m WHERE m.lot_id = stock.lot_id AND m.location_id = stock.location_id)');
});
console.log(`setup: ${LEDGER_ROWS.toLocaleString()} ledger rows and ${(ITEMS * LOTS * LOCS).toLocaleString()} balances in ${(ms(t0) / 1000).toFixed(1)} s`);

// 1. Posting a 20-line receipt through the core (validation, lots, ledger rows, balances, audit, one transaction).
const lines = Array.from({ length: 20 }, (_, i) => ({ itemId: i + 1, lotNo: `L${(i % LOTS) + 1}`, counted: '3盒', unitCost: 100, locationId: (i % LOCS) + 1 }));
const post: number[] = [];
const postOnly: number[] = [];
const raw: number[] = [];
for (let rep = 0; rep < 15; rep++) {
  t0 = process.hrtime.bigint();
  const draft = await depot.invoke('receipts.saveDraft', { sourceType: 'purchase', supplierId: 1, lines, requestId: randomUUID() }, session);
  if (!draft.ok) throw new Error(draft.error.message);
  const t1 = process.hrtime.bigint();
  const posted = await depot.invoke('receipts.post', { id: draft.data.id, version: draft.data.version, requestId: randomUUID() }, session);
  if (!posted.ok) throw new Error(posted.error.message);
  post.push(ms(t0));
  postOnly.push(ms(t1));

  // The same 20 ledger rows (and their balances) inserted raw in one transaction.
  t0 = process.hrtime.bigint();
  store.tx(() => {
    for (const l of lines) {
      const lotId = (l.itemId - 1) * LOTS + ((l.itemId - 1) % LOTS) + 1;
      insert.run(now, l.itemId, lotId, l.locationId, 150, 15000, 0, 'RAW');
      store.run('UPDATE stock SET on_hand = on_hand + 150 WHERE lot_id = ? AND location_id = ?', [lotId, l.locationId]);
    }
  });
  raw.push(ms(t0));
}
const p = median(postOnly), r = median(raw);
console.log(`post a 20-line receipt (receipts.post: lots, 20 ledger rows, balances, audit, 1 transaction): median ${p.toFixed(2)} ms`);
console.log(`raw insert of the same 20 ledger rows + balances (1 transaction): median ${r.toFixed(2)} ms`);
console.log(`ratio: ${(p / r).toFixed(2)}×  (goal ≤ 1.5×)`);
console.log(`(saving the draft first and posting it, 2 transactions: median ${median(post).toFixed(2)} ms)`);

// 2. The stock grid's data for 20,000 lot × location rows.
const grid: number[] = [];
let count = 0;
for (let rep = 0; rep < 7; rep++) {
  t0 = process.hrtime.bigint();
  const list = await depot.invoke('stock.list', {}, session);
  grid.push(ms(t0));
  if (!list.ok) throw new Error(list.error.message);
  count = list.data.rows.length;
}
console.log(`stock grid data: ${count.toLocaleString()} rows, median ${median(grid).toFixed(1)} ms  (goal ≤ 100 ms for ${GRID_ROWS.toLocaleString()})`);

depot.close();
rmSync(dir, { recursive: true, force: true });
