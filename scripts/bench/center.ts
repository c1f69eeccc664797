/**
 * The command center on PostgreSQL (issue 17), on a throw-away cluster of its own:
 *   - applying 1,000,000 movements from 10 depots (signed batches of 2,000, the 10 depots at once):
 *     rows/s at the center, signature checks and JSON included;
 *   - a day offline at one depot: 100,000 postings in its outbox (a real SQLite file), pushed over
 *     HTTP on 127.0.0.1 with `pushOutbox` until the center is current — the time it takes;
 *   - the city stock query (item × depot), the city's cumulative dispatches per category and the
 *     city briefing (main/center/briefing.ts) at that size;
 *   - with `--views-at 10000000` (opt-in: minutes of loading), the same three again once the
 *     center holds that many movements, printed beside the first figures (goal ≤ 200 ms each). The
 *     rows beyond the applied ones are loaded straight into PostgreSQL (one more depot, shaped as
 *     the batches' rows) with the kept totals rebuilt as the migrations (002, 005, 008) do: the queries are timed,
 *     not the applying, which the first figure measures.
 * Run alone with `node scripts/bench/center.ts [--movements N] [--offline N] [--views-at N [--scan-at-size]]`;
 * --scan-at-size also times the scanned briefing at that size (tens of seconds at 10,000,000).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CATEGORIES } from '../../shared/domain.ts';
import type { BatchBody, SignedBatch } from '../../shared/contract/center.ts';
import { startPg } from '../../tests/support/pg.ts';
import { centerMigrations, openCenterStore } from '../../main/center/store.ts';
import { registerDepot } from '../../main/center/depots.ts';
import { applyBatch } from '../../main/center/apply.ts';
import { serveCenter } from '../../main/center/serve.ts';
import { pushOutbox } from '../../main/center/sync.ts';
import { cityDispatched, cityStock } from '../../main/center/views.ts';
import { cityBriefing, citySummary } from '../../main/center/briefing.ts';
import type { CenterStore } from '../../main/center/store.ts';
import { openStore } from '../../main/store/db.ts';

const { values } = parseArgs({ options: { movements: { type: 'string', default: '1000000' }, offline: { type: 'string', default: '100000' }, 'views-at': { type: 'string' }, 'scan-at-size': { type: 'boolean' } }, strict: false });
const MOVEMENTS = Number(values.movements);
const OFFLINE = Number(values.offline);
const VIEWS_AT = values['views-at'] === undefined ? null : Number(values['views-at']);
const DEPOTS = 10;
const BATCH = 2000;
const ITEMS = 300;
// The ledger runs up to now, so that the last week (days of cover) holds its share of the rows.
const START = Date.now() - 60 * 86_400_000;

/** A depot's n-th ledger row, shaped as its outbox trigger writes it: receipts first, then dispatches of part of each. */
function movement(n: number) {
  const item = n % ITEMS;
  const out = n % 3 === 2;
  return {
    id: n + 1,
    at: new Date(START + (n % 100_000) * 51_840).toISOString(), // 100,000 rows spread over the 60 days
    qty: out ? -(1 + (n % 7)) : 20 + (n % 13),
    amount: out ? -(100 + (n % 7)) : 2000 + (n % 13) * 100,
    docType: out ? 'dispatch' : 'receipt',
    docNo: `${out ? 'CK' : 'RK'}20260301-${String(Math.floor(n / 4) + 1).padStart(6, '0')}`,
    lineId: n + 1,
    reversesId: null,
    sourceType: out ? null : 'purchase',
    item: { code: `WZ-${String(item + 1).padStart(4, '0')}`, name: `物资${item + 1}`, spec: '', unit: '件', category: CATEGORIES[item % CATEGORIES.length]!, safetyStock: 500 },
    lotNo: `L${item}`,
    expiresOn: '2028-12-31',
    location: 'A-01-01',
    supplier: out ? null : 'S-001',
    recipient: out ? { code: `U-${n % 50}`, name: `受领单位${n % 50}`, type: 'designated_hospital' } : null,
  };
}

function batchOf(depot: string, key: KeyObject, from: number, count: number, tail: number): SignedBatch {
  const entries = Array.from({ length: count }, (_, i) => ({ seq: from + i, kind: 'movement' as const, payload: movement(from + i - 1), createdAt: new Date().toISOString() }));
  const body: BatchBody = { depot, fromSeq: from, toSeq: from + count - 1, tail, madeAt: new Date().toISOString(), entries };
  const text = JSON.stringify(body);
  return { depot, body: text, signature: sign(null, Buffer.from(text), key).toString('base64') };
}

const ms = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface ViewTimes {
  rows: number;
  stockRows: number;
  stock: number;
  dispatched: number;
  briefing: number;
}

async function timeViews(center: CenterStore): Promise<ViewTimes> {
  await center.pool.query('ANALYZE');
  const rows = Number((await center.pool.query('SELECT count(*) AS n FROM movements')).rows[0].n);
  const stockTimes: number[] = [];
  const dispatchTimes: number[] = [];
  const briefingTimes: number[] = [];
  let stockRows = 0;
  // Three runs where one takes seconds, five otherwise.
  for (let i = 0; i < (rows > 2_000_000 ? 3 : 5); i++) {
    let t = process.hrtime.bigint();
    stockRows = (await cityStock(center)).length;
    stockTimes.push(ms(t));
    t = process.hrtime.bigint();
    await cityDispatched(center);
    dispatchTimes.push(ms(t));
    t = process.hrtime.bigint();
    await cityBriefing(center, new Date(), 'zh-CN');
    briefingTimes.push(ms(t));
  }
  return { rows, stockRows, stock: median(stockTimes), dispatched: median(dispatchTimes), briefing: median(briefingTimes) };
}

/** The briefing scanned from the movements, as before the kept sums: its time beside the kept one's, and whether both say the same. */
async function scanBeside(center: CenterStore, times: ViewTimes): Promise<void> {
  const at = new Date();
  const t = process.hrtime.bigint();
  const scanned = await citySummary(center, at, 'zh-CN', 'scan');
  const scanMs = ms(t);
  const kept = await citySummary(center, at, 'zh-CN', 'kept');
  const differing = (['today', 'cumulative', 'onHand'] as const).filter((k) => JSON.stringify(scanned[k]) !== JSON.stringify(kept[k]));
  const same = differing.length === 0;
  for (const k of differing) console.log(`  ${k} differs: scanned ${JSON.stringify(scanned[k])}\n  kept ${JSON.stringify(kept[k])}`);
  console.log(`city briefing scanned from the movements (the way before migration 008) on ${times.rows.toLocaleString()} movements: ${scanMs.toFixed(0)} ms; kept ${times.briefing.toFixed(0)} ms` +
    ` (${(scanMs / times.briefing).toFixed(0)}× faster); same figures: ${same ? 'yes' : 'NO'}`);
}

function printViews(v: ViewTimes): void {
  console.log(`city stock (item × depot, ${v.stockRows.toLocaleString()} rows) on ${v.rows.toLocaleString()} movements: median ${v.stock.toFixed(0)} ms  (goal ≤ 200 ms at 10,000,000)`);
  console.log(`city cumulative dispatches per category on ${v.rows.toLocaleString()} movements: median ${v.dispatched.toFixed(0)} ms  (goal ≤ 200 ms at 10,000,000)`);
  console.log(`city briefing (全市通报, cumulative and today) on ${v.rows.toLocaleString()} movements: median ${v.briefing.toFixed(0)} ms  (goal ≤ 200 ms at 10,000,000)`);
}

/** `count` more movements at one more depot, in SQL, shaped as movement(n); then the kept totals rebuilt as migrations 002, 005 and 008 build them. */
async function bulkLoad(center: CenterStore, count: number): Promise<void> {
  await center.pool.query(`INSERT INTO depots (code, name, public_key) VALUES ('BULK', '批量仓库', 'none') ON CONFLICT DO NOTHING`);
  const CHUNK = 1_000_000;
  for (let from = 0; from < count; from += CHUNK) {
    const to = Math.min(count, from + CHUNK) - 1;
    await center.pool.query(
      `INSERT INTO movements (depot_code, depot_row_id, at, item_code, item_name, item_unit, category, lot_no, expires_on, location_code, qty, amount,
                              doc_type, doc_no, source_type, supplier_code, recipient_code, recipient_type)
       SELECT 'BULK', n + 1, to_timestamp($3::double precision / 1000 + (n % 100000) * 51.84),
              'WZ-' || lpad(((n % $4) + 1)::text, 4, '0'), '物资' || ((n % $4) + 1), '件', ($5::text[])[(n % $4) % array_length($5::text[], 1) + 1],
              'L' || (n % $4), DATE '2028-12-31', 'A-01-01',
              CASE WHEN n % 3 = 2 THEN -(1 + n % 7) ELSE 20 + n % 13 END,
              CASE WHEN n % 3 = 2 THEN -(100 + n % 7) ELSE 2000 + (n % 13) * 100 END,
              CASE WHEN n % 3 = 2 THEN 'dispatch' ELSE 'receipt' END,
              CASE WHEN n % 3 = 2 THEN 'CK' ELSE 'RK' END || '20260301-' || lpad((n / 4 + 1)::text, 7, '0'),
              CASE WHEN n % 3 = 2 THEN NULL ELSE 'purchase' END, CASE WHEN n % 3 = 2 THEN NULL ELSE 'S-001' END,
              CASE WHEN n % 3 = 2 THEN 'U-' || (n % 50) END, CASE WHEN n % 3 = 2 THEN 'designated_hospital' END
         FROM generate_series($1::bigint, $2::bigint) AS n`,
      [from, to, START, ITEMS, [...CATEGORIES]],
    );
    process.stdout.write(`  loaded ${(to + 1).toLocaleString()} of ${count.toLocaleString()}\r`);
  }
  process.stdout.write('\n');
  await center.pool.query(
    `INSERT INTO item_totals (depot_code, item_code, item_name, item_unit, category, safety_stock, on_hand, dispatched_qty, dispatched_amount)
     SELECT depot_code, item_code, max(item_name), max(item_unit), max(category), 500, sum(qty),
            sum(CASE WHEN doc_type IN ('dispatch', 'dispatch_reversal', 'delivery_adjustment') THEN -qty ELSE 0 END),
            sum(CASE WHEN doc_type IN ('dispatch', 'dispatch_reversal', 'delivery_adjustment') THEN -coalesce(amount, 0) ELSE 0 END)
       FROM movements WHERE depot_code = 'BULK' GROUP BY depot_code, item_code`,
  );
  await center.pool.query(
    `INSERT INTO item_out_hours (depot_code, item_code, hour, out_qty)
     SELECT depot_code, item_code, date_trunc('hour', at), -sum(qty) FROM movements
      WHERE depot_code = 'BULK' AND doc_type IN ('dispatch', 'dispatch_reversal') GROUP BY 1, 2, 3`,
  );
  // The briefing's sums and documents (migration 008), summed again over every row as the migration sums a center's.
  await center.pool.query('TRUNCATE flow_totals, flow_hours, doc_firsts, doc_hours, doc_totals');
  await center.pool.query(centerMigrations().find((m) => m.version === 8)!.sql);
}

const cluster = await startPg();
const dir = mkdtempSync(join(tmpdir(), 'depot-bench-center-'));
try {
  const center = await openCenterStore(cluster.url);
  const keys = Array.from({ length: DEPOTS }, () => generateKeyPairSync('ed25519'));
  for (let d = 0; d < DEPOTS; d++) {
    await registerDepot(center, { code: `D${d}`, name: `仓库${d}`, publicKey: keys[d]!.publicKey.export({ type: 'spki', format: 'pem' }).toString() });
  }

  // 1. Ten depots at once, each pushing its share in order.
  const perDepot = Math.floor(MOVEMENTS / DEPOTS);
  let signMs = 0;
  const t0 = process.hrtime.bigint();
  await Promise.all(
    keys.map(async (k, d) => {
      for (let from = 1; from <= perDepot; from += BATCH) {
        const ts = process.hrtime.bigint();
        const batch = batchOf(`D${d}`, k.privateKey, from, Math.min(BATCH, perDepot - from + 1), perDepot);
        signMs += ms(ts);
        await applyBatch(center, batch, 'push');
      }
    }),
  );
  const total = ms(t0);
  const applied = perDepot * DEPOTS;
  console.log(`apply ${applied.toLocaleString()} movements from ${DEPOTS} depots at once (batches of ${BATCH}): ${(total / 1000).toFixed(1)} s, ${Math.round(applied / (total / 1000)).toLocaleString()} rows/s` +
    ` (of which making and signing the batches in this process: ${(signMs / 1000).toFixed(1)} s)`);

  // 2. A day offline at one more depot: its outbox in a real depot file, pushed over HTTP.
  const offline = generateKeyPairSync('ed25519');
  await registerDepot(center, { code: 'OFF', name: '断网仓库', publicKey: offline.publicKey.export({ type: 'spki', format: 'pem' }).toString() });
  const store = openStore(join(dir, 'offline.db'));
  const insert = store.db.prepare(`INSERT INTO outbox (kind, payload, created_at) VALUES ('movement', ?, ?)`);
  store.tx(() => {
    for (let n = 0; n < OFFLINE; n++) insert.run(JSON.stringify(movement(n)), new Date().toISOString());
  });
  const server = await serveCenter(center, {});
  const t1 = process.hrtime.bigint();
  const pushed = await pushOutbox(store, 'OFF', offline.privateKey, { url: server.url, timeoutMs: 120_000 });
  const caughtUp = ms(t1);
  await server.close();
  store.close();
  if (!pushed.ok) throw new Error(pushed.message);
  console.log(`a day offline: ${OFFLINE.toLocaleString()} postings pushed over HTTP on 127.0.0.1 in ${pushed.batches} batches: center current after ${(caughtUp / 1000).toFixed(1)} s (${Math.round(OFFLINE / (caughtUp / 1000)).toLocaleString()} rows/s)`);

  // 3. The city's views at this size.
  const first = await timeViews(center);
  printViews(first);
  await scanBeside(center, first);

  // 4. Opt-in: the same views once the center holds VIEWS_AT movements.
  if (VIEWS_AT !== null && VIEWS_AT > first.rows) {
    const t = process.hrtime.bigint();
    await bulkLoad(center, VIEWS_AT - first.rows);
    console.log(`loaded to ${VIEWS_AT.toLocaleString()} movements in ${(ms(t) / 1000).toFixed(0)} s`);
    const big = await timeViews(center);
    printViews(big);
    if (values['scan-at-size']) await scanBeside(center, big);
    console.log(`side by side (median ms): city stock ${first.stock.toFixed(0)} → ${big.stock.toFixed(0)}, city dispatches ${first.dispatched.toFixed(0)} → ${big.dispatched.toFixed(0)}, city briefing ${first.briefing.toFixed(0)} → ${big.briefing.toFixed(0)}` +
      ` at ${first.rows.toLocaleString()} → ${big.rows.toLocaleString()} movements (goal ≤ 200 ms each)`);
  }
  await center.close();
} finally {
  cluster.stop();
  rmSync(dir, { recursive: true, force: true });
}
