// Receiving, dispatch and stock benchmarks (issues 3 and 11):
//  1. posting a 20-line receipt and shipping a 20-line dispatch on a database with 1,000,000
//     ledger rows, each beside writing rows raw in one transaction in the same run (goal ≤ 1.5×),
//     two ways: (a) the 20 ledger rows (their outbox rows come with them, by trigger), the 20
//     balances and the items' valuation; (b) every row the posting writes — (a), and the
//     document's status (and a receipt's lines' lots, its number), the kept sums (flow_totals,
//     flow_days, flow_item_days, doc_days), the audit row and the request record with its answer
//     (and under 先进先出法 the cost layers laid and taken from) — with their values known
//     beforehand: no read, no check, no valuation, no JavaScript between;
//  2. the stock grid's data for 20,000 lot × location rows (goal ≤ 100 ms).
// BENCH_COSTING=fifo runs it under 先进先出法 (each receipt line lays a layer, each shipment takes the oldest).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { openDepot } from '../../main/core/depot.ts';

const LEDGER_ROWS = Number(process.env.BENCH_LEDGER_ROWS ?? 1_000_000);
const GRID_ROWS = 20_000;
const COSTING = process.env.BENCH_COSTING === 'fifo' ? 'fifo' : 'moving_average';
const dir = mkdtempSync(join(tmpdir(), 'depot-bench-'));
const depot = openDepot({ dbPath: join(dir, 'bench.db') });
const session = depot.systemSession();
const { store } = depot;
const now = new Date().toISOString();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
// CPU time too (user + system, this process): on a shared machine the wall clock also counts the
// other processes' turns; CPU time does not count them (nor the wait for the disk at commit).
const cpuMs = (c0: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
};

// Master data and 20,000 balances (200 items × 20 lots × 5 locations), raw for speed.
const ITEMS = 200, LOTS = 20, LOCS = 5;
store.tx(() => {
  for (let i = 1; i <= ITEMS; i++) {
    store.run(`INSERT INTO items (code, name, spec, unit, category, packs, updated_at, updated_by) VALUES (?, ?, '', '只', 'protective', '[{"unit":"盒","per":50}]', ?, 1)`, [`B${String(i).padStart(4, '0')}`, `物资${i}`, now]);
  }
  for (let l = 1; l <= LOCS; l++) store.run(`INSERT INTO locations (code, depot, zone, bin, updated_at, updated_by) VALUES (?, '库', 'A', ?, ?, 1)`, [`A-${l}`, String(l), now]);
  store.run(`INSERT INTO suppliers (code, name, kind, updated_at, updated_by) VALUES ('S1', '供应商', 'manufacturer', ?, 1)`, [now]);
  store.run(`INSERT INTO units (code, name, type, tier, updated_at, updated_by) VALUES ('U1', '方舱医院', 'makeshift_hospital', 'full', ?, 1)`, [now]);
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
  // The items' value, as the desk would have kept it (every row priced at 100 fen).
  store.run('INSERT INTO item_valuation (item_id, priced_qty, priced_amount, unpriced_qty) SELECT item_id, sum(qty), sum(amount), 0 FROM movements GROUP BY item_id');
  // BENCH_COSTING=fifo: the same under 先进先出法, the stock on hand as each item's opening layer.
  if (COSTING === 'fifo') {
    store.run("INSERT INTO settings (key, value) VALUES ('valuation.method', 'fifo')");
    store.run('INSERT INTO cost_layers (item_id, priced_qty, priced_amount, unpriced_qty) SELECT item_id, priced_qty, priced_amount, unpriced_qty FROM item_valuation');
  }
});
console.log(`setup: ${LEDGER_ROWS.toLocaleString()} ledger rows and ${(ITEMS * LOTS * LOCS).toLocaleString()} balances in ${(ms(t0) / 1000).toFixed(1)} s; costing method ${COSTING}`);

// 1. Posting a 20-line receipt and shipping a 20-line dispatch through the core (validation, lots,
// ledger rows, balances, valuation, kept sums, audit, one transaction each), each beside the same
// rows written raw. Each round ships what it received (net zero), so stock stays where it was.
const lines = Array.from({ length: 20 }, (_, i) => ({ itemId: i + 1, lotNo: `L${(i % LOTS) + 1}`, counted: '3盒', unitCost: 100, locationId: (i % LOCS) + 1 }));
const lotOf = (itemId: number) => (itemId - 1) * LOTS + ((itemId - 1) % LOTS) + 1;
const insertOut = store.db.prepare(
  `INSERT INTO movements (at, item_id, lot_id, location_id, qty, amount, doc_type, doc_id, doc_no, unit_id, operator_id)
   VALUES (?, ?, ?, ?, ?, ?, 'dispatch', ?, ?, 1, 1)`,
);
const stockBy = store.db.prepare('UPDATE stock SET on_hand = on_hand + ? WHERE lot_id = ? AND location_id = ?');
const valueBy = store.db.prepare('UPDATE item_valuation SET priced_qty = priced_qty + ?, priced_amount = priced_amount + ? WHERE item_id = ?');
// (b) every row the posting writes, raw: the statements a posting ends up running, values known.
const insertFull = store.db.prepare(
  `INSERT INTO movements (at, item_id, lot_id, location_id, qty, amount, valued_qty, doc_type, doc_id, doc_no, line_id, source_type, supplier_id, unit_id, reverses_id, operator_id)
   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 1)`,
);
const valueFull = store.db.prepare('UPDATE item_valuation SET priced_qty = priced_qty + ?, priced_amount = priced_amount + ?, unpriced_qty = unpriced_qty + 0 WHERE item_id = ?');
const shipBy = store.db.prepare('UPDATE stock SET on_hand = on_hand + ?, reserved = reserved - ? WHERE lot_id = ? AND location_id = ?');
const lineLot = store.db.prepare('UPDATE receipt_lines SET lot_id = ? WHERE id = ?');
const receiptPosted = store.db.prepare(`UPDATE receipts SET status = 'posted', no = ?, posted_by = 1, posted_at = ?, version = version + 1 WHERE id = ?`);
const orderShipped = store.db.prepare(`UPDATE dispatch_orders SET status = 'shipped', shipped_by = 1, shipped_at = ?, version = version + 1 WHERE id = ?`);
const docNo = store.db.prepare(`INSERT INTO doc_sequences (prefix, day, last) VALUES ('RAW', '20260101', 1) ON CONFLICT (prefix, day) DO UPDATE SET last = last + 1 RETURNING last`);
const many = (n: number, one: string) => Array.from({ length: n }, () => one).join(', ');
const flowTotals = store.db.prepare(`INSERT INTO flow_totals (item_id, doc_type, source_type, unit_id, qty, amount, rows) VALUES ${many(20, '(?, ?, ?, ?, ?, ?, 1)')}
  ON CONFLICT DO UPDATE SET qty = qty + excluded.qty, amount = amount + excluded.amount, rows = rows + excluded.rows`);
const flowDays = store.db.prepare(`INSERT INTO flow_days (day, earlier, item_id, doc_type, source_type, unit_id, qty, amount, rows) VALUES ${many(20, '(?, 0, ?, ?, ?, ?, ?, ?, 1)')}
  ON CONFLICT DO UPDATE SET qty = qty + excluded.qty, amount = amount + excluded.amount, rows = rows + excluded.rows`);
const flowItemDays = store.db.prepare(`INSERT INTO flow_item_days (day, item_id, received_qty, received_amount, dispatched_qty, dispatched_amount) VALUES ${many(20, '(?, ?, ?, ?, ?, ?)')}
  ON CONFLICT DO UPDATE SET received_qty = received_qty + excluded.received_qty, received_amount = received_amount + excluded.received_amount,
    dispatched_qty = dispatched_qty + excluded.dispatched_qty, dispatched_amount = dispatched_amount + excluded.dispatched_amount`);
const docDays = store.db.prepare(`INSERT INTO doc_days (day, side, posted, reversed, reversed_same_day) VALUES (?, ?, 1, 0, 0)
  ON CONFLICT DO UPDATE SET posted = posted + excluded.posted`);
const auditRow = store.db.prepare(`INSERT INTO audit_log (at, operator_id, action, entity, entity_id, before, after, request_id) VALUES (?, 1, ?, ?, ?, ?, ?, ?)`);
const requestRow = store.db.prepare('INSERT INTO requests (request_id, channel, operator_id, answer, at) VALUES (?, ?, 1, ?, ?)');
// Under 先进先出法 a posting also writes the cost layers: a receipt line lays one, a shipment takes from the oldest.
const layerIn = store.db.prepare('INSERT INTO cost_layers (item_id, movement_id, priced_qty, priced_amount, unpriced_qty) VALUES (?, ?, ?, ?, 0)');
const layerOut = store.db.prepare('UPDATE cost_layers SET priced_qty = priced_qty - ?, priced_amount = priced_amount - ?, unpriced_qty = unpriced_qty - 0 WHERE id = ?');
const oldestLayer = store.db.prepare('SELECT id FROM cost_layers WHERE item_id = ? AND priced_qty >= 150 ORDER BY id LIMIT 1');
const keptRaw = (day: string, docType: string, source: string, unit: number, sign: 1 | -1) => {
  flowTotals.run(lines.flatMap((l) => [l.itemId, docType, source, unit, sign * 150, sign * 15000]));
  flowDays.run(lines.flatMap((l) => [day, l.itemId, docType, source, unit, sign * 150, sign * 15000]));
  flowItemDays.run(lines.flatMap((l) => [day, l.itemId, ...(sign > 0 ? [150, 15000, 0, 0] : [0, 0, -150, -15000])]));
  docDays.run(day, sign > 0 ? 'in' : 'out');
};
/** The answer a command stored for its request (the raw writing stores one as long). */
const answerOf = (channel: string) => store.first<{ answer: string }>('SELECT answer FROM requests WHERE channel = ? ORDER BY rowid DESC LIMIT 1', [channel])!.answer;
const rawAll: number[] = [];
const rawAllOut: number[] = [];
const cpuAll = { raw: [] as number[], rawOut: [] as number[] };

const REPS = 41;
const post: number[] = [];
const postOnly: number[] = [];
const raw: number[] = [];
const ship: number[] = [];
const rawOut: number[] = [];
const cpu = { post: [] as number[], raw: [] as number[], ship: [] as number[], rawOut: [] as number[] };
let c0: NodeJS.CpuUsage;
const ok = <T,>(r: { ok: true; data: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.data;
};
for (let rep = 0; rep < REPS; rep++) {
  t0 = process.hrtime.bigint();
  const draft = ok(await depot.invoke('receipts.saveDraft', { sourceType: 'purchase', supplierId: 1, lines, requestId: randomUUID() }, session));
  const t1 = process.hrtime.bigint();
  c0 = process.cpuUsage();
  ok(await depot.invoke('receipts.post', { id: draft.id, version: draft.version, requestId: randomUUID() }, session));
  cpu.post.push(cpuMs(c0));
  post.push(ms(t0));
  postOnly.push(ms(t1));

  // The same 20 ledger rows, balances and valuation written raw in one transaction.
  t0 = process.hrtime.bigint();
  c0 = process.cpuUsage();
  store.tx(() => {
    for (const l of lines) {
      insert.run(now, l.itemId, lotOf(l.itemId), l.locationId, 150, 15000, 0, 'RAW');
      stockBy.run(150, lotOf(l.itemId), l.locationId);
      valueBy.run(150, 15000, l.itemId);
    }
  });
  raw.push(ms(t0));
  cpu.raw.push(cpuMs(c0));

  // (b) every row a posting writes, raw, into a draft saved for it (not timed).
  const other = ok(await depot.invoke('receipts.saveDraft', { sourceType: 'purchase', supplierId: 1, lines, requestId: randomUUID() }, session));
  const answer = answerOf('receipts.post');
  const day = now.slice(0, 10);
  t0 = process.hrtime.bigint();
  c0 = process.cpuUsage();
  store.tx(() => {
    const no = `RAW-${(docNo.get() as { last: number }).last}`;
    other.lines.forEach((line, i) => {
      const l = lines[i]!;
      const row = insertFull.run(now, l.itemId, lotOf(l.itemId), l.locationId, 150, 15000, 150, 'receipt', other.id, no, line.id, 'purchase', 1, null);
      if (COSTING === 'fifo') layerIn.run(l.itemId, row.lastInsertRowid, 150, 15000);
      stockBy.run(150, lotOf(l.itemId), l.locationId);
      valueFull.run(150, 15000, l.itemId);
      lineLot.run(lotOf(l.itemId), line.id);
    });
    receiptPosted.run(no, now, other.id);
    keptRaw(day, 'receipt', 'purchase', 0, 1);
    auditRow.run(now, 'post', 'receipt', String(other.id), null, JSON.stringify({ no, lines: 20 }), null);
    requestRow.run(randomUUID(), 'receipts.post', answer, now);
  });
  rawAll.push(ms(t0));
  cpuAll.raw.push(cpuMs(c0));

  // A 20-line order for the same goods, approved with explicit picks (not timed), then shipped.
  const order = ok(await depot.invoke('dispatch.create', { unitId: 1, lines: lines.map((l) => ({ itemId: l.itemId, qty: 150 })), requestId: randomUUID() }, session));
  const picks = order.lines.map((line, i) => ({ lineId: line.id, lotId: lotOf(lines[i]!.itemId), locationId: lines[i]!.locationId, qty: 150 }));
  const approved = ok(await depot.invoke('dispatch.approve', { id: order.id, version: order.version, picks, requestId: randomUUID() }, session));
  t0 = process.hrtime.bigint();
  c0 = process.cpuUsage();
  ok(await depot.invoke('dispatch.ship', { id: approved.id, version: approved.version, requestId: randomUUID() }, session));
  cpu.ship.push(cpuMs(c0));
  ship.push(ms(t0));

  t0 = process.hrtime.bigint();
  c0 = process.cpuUsage();
  store.tx(() => {
    for (const l of lines) {
      insertOut.run(now, l.itemId, lotOf(l.itemId), l.locationId, -150, -15000, 0, 'RAW');
      stockBy.run(-150, lotOf(l.itemId), l.locationId);
      valueBy.run(-150, -15000, l.itemId);
    }
  });
  rawOut.push(ms(t0));
  cpu.rawOut.push(cpuMs(c0));

  // (b) every row a shipment writes, raw, for a second order approved for it (not timed).
  const second = ok(await depot.invoke('dispatch.create', { unitId: 1, lines: lines.map((l) => ({ itemId: l.itemId, qty: 150 })), requestId: randomUUID() }, session));
  const secondPicks = second.lines.map((line, i) => ({ lineId: line.id, lotId: lotOf(lines[i]!.itemId), locationId: lines[i]!.locationId, qty: 150 }));
  const secondApproved = ok(await depot.invoke('dispatch.approve', { id: second.id, version: second.version, picks: secondPicks, requestId: randomUUID() }, session));
  const shipAnswer = answerOf('dispatch.ship');
  const layersOut = COSTING === 'fifo' ? lines.map((l) => (oldestLayer.get(l.itemId) as { id: number }).id) : [];
  t0 = process.hrtime.bigint();
  c0 = process.cpuUsage();
  store.tx(() => {
    secondApproved.lines.forEach((line, i) => {
      const l = lines[i]!;
      insertFull.run(now, l.itemId, lotOf(l.itemId), l.locationId, -150, -15000, -150, 'dispatch', secondApproved.id, secondApproved.no, line.id, null, null, 1);
      shipBy.run(-150, 150, lotOf(l.itemId), l.locationId);
      if (COSTING === 'fifo') layerOut.run(150, 15000, layersOut[i]);
      valueFull.run(-150, -15000, l.itemId);
    });
    orderShipped.run(now, secondApproved.id);
    keptRaw(day, 'dispatch', '', 1, -1);
    auditRow.run(now, 'ship', 'dispatch', String(secondApproved.id), JSON.stringify({ status: 'approved' }), JSON.stringify({ status: 'shipped', rest: null }), null);
    requestRow.run(randomUUID(), 'dispatch.ship', shipAnswer, now);
  });
  rawAllOut.push(ms(t0));
  cpuAll.rawOut.push(cpuMs(c0));
}
const p = median(postOnly), r = median(raw);
const s = median(ship), ro = median(rawOut);
const ra = median(rawAll), rao = median(rawAllOut);
console.log(`post a 20-line receipt (receipts.post: lots, 20 ledger rows, balances, valuation, kept sums, audit, 1 transaction): median ${p.toFixed(2)} ms`);
console.log(`raw insert of the same 20 ledger rows + balances + valuation (a), 1 transaction: median ${r.toFixed(2)} ms`);
console.log(`ratio: ${(p / r).toFixed(2)}×  (goal ≤ 1.5×); CPU time ${median(cpu.post).toFixed(2)} ms vs ${median(cpu.raw).toFixed(2)} ms: ${(median(cpu.post) / median(cpu.raw)).toFixed(2)}×`);
console.log(`raw writing of every row the posting writes (b): median ${ra.toFixed(2)} ms; ratio: ${(p / ra).toFixed(2)}×  (goal ≤ 1.5×); CPU time ${median(cpuAll.raw).toFixed(2)} ms: ${(median(cpu.post) / median(cpuAll.raw)).toFixed(2)}×`);
console.log(`(saving the draft first and posting it, 2 transactions: median ${median(post).toFixed(2)} ms)`);
console.log(`ship a 20-line dispatch (dispatch.ship: checks, 20 ledger rows, balances, reservations, valuation, kept sums, audit, 1 transaction): median ${s.toFixed(2)} ms`);
console.log(`raw insert of the same 20 ledger rows + balances + valuation (a), 1 transaction: median ${ro.toFixed(2)} ms`);
console.log(`ratio: ${(s / ro).toFixed(2)}×  (goal ≤ 1.5×); CPU time ${median(cpu.ship).toFixed(2)} ms vs ${median(cpu.rawOut).toFixed(2)} ms: ${(median(cpu.ship) / median(cpu.rawOut)).toFixed(2)}×  [${REPS} rounds, interleaved]`);
console.log(`raw writing of every row the shipment writes (b): median ${rao.toFixed(2)} ms; ratio: ${(s / rao).toFixed(2)}×  (goal ≤ 1.5×); CPU time ${median(cpuAll.rawOut).toFixed(2)} ms: ${(median(cpu.ship) / median(cpuAll.rawOut)).toFixed(2)}×`);

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
