/**
 * The depot server under a busy shift (issue 14): 20 and then 100 simulated desks, each a WebSocket
 * client of one `depot serve` process on 127.0.0.1 (serveDepot in a process of its own, the desks
 * all in this one), each in turn saving and posting a 20-line receipt and reading the stock grid,
 * with a pause of 1–2 s between rounds (a busy shift), and then flat out, without a pause
 * (the server's ceiling). Beside it, in the same run, the same calls
 * in-process through `openDepot(...).invoke` (one caller, then the same shift of desks as sessions),
 * and one desk calling over the socket one call at a time: the network path's cost per call.
 * Prints throughput and p50/p99 per call (goal: posting p99 ≤ 50 ms with 20 desks; overhead ≤ 2 ms).
 * Run alone with `node scripts/bench/server.ts [--rounds N]`.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { openDepot, type Depot, type Session } from '../../main/core/depot.ts';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '10' } }, strict: false });
const ROUNDS = Number(values.rounds);
const ITEMS = 200, LOTS = 5, LOCS = 2; // a stock grid of 2,000 lot × location rows
/** An operator's pause between one posting and the next in a busy shift (a 20-line receipt every second or two). */
const THINK_MS = [1000, 2000] as const;

const dir = mkdtempSync(join(tmpdir(), 'depot-bench-server-'));
const dbPath = join(dir, 'bench.db');
const repo = fileURLToPath(new URL('../../', import.meta.url));

type Result = { ok: boolean; data?: unknown; error?: { code: string; message: string } };
/** One desk: a way to call a channel; in-process or over a socket, the shift below is the same. */
type Call = (channel: string, input: unknown) => Promise<Result>;

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;
const sleep = (n: number) => new Promise((resolve) => setTimeout(resolve, n));

// --- The depot: 200 items, 1,000 lots on 2 locations, a storekeeper (setup, raw where it is bulk). ---
{
  const depot = openDepot({ dbPath });
  const admin = depot.createSession();
  const must = async (channel: string, input: unknown, session: Session) => {
    const r = await depot.invoke(channel as never, input, session);
    if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  };
  await must('auth.setupAdmin', { code: 'admin', name: '管理员', password: 'admin-pass-1', requestId: randomUUID() }, admin);
  await must('operators.create', { code: 'keeper', name: '保管员', role: 'storekeeper', password: 'keeper-pass-1', requestId: randomUUID() }, admin);
  const { store } = depot;
  const now = new Date().toISOString();
  store.tx(() => {
    for (let i = 1; i <= ITEMS; i++) {
      store.run(`INSERT INTO items (code, name, spec, unit, category, packs, updated_at, updated_by) VALUES (?, ?, '', '只', 'protective', '[{"unit":"盒","per":50}]', ?, 1)`, [`B${String(i).padStart(4, '0')}`, `物资${i}`, now]);
    }
    for (let l = 1; l <= LOCS; l++) store.run(`INSERT INTO locations (code, depot, zone, bin, updated_at, updated_by) VALUES (?, '库', 'A', ?, ?, 1)`, [`A-${l}`, String(l), now]);
    store.run(`INSERT INTO suppliers (code, name, kind, updated_at, updated_by) VALUES ('S1', '供应商', 'manufacturer', ?, 1)`, [now]);
    let doc = 0;
    for (let i = 1; i <= ITEMS; i++) {
      for (let k = 1; k <= LOTS; k++) {
        const lot = store.run(`INSERT INTO lots (item_id, lot_no, expires_on, status, unit_cost, created_at) VALUES (?, ?, '2028-06-01', 'accepted', 100, ?)`, [i, `L${k}`, now]);
        for (let l = 1; l <= LOCS; l++) {
          store.run('INSERT INTO stock (lot_id, location_id, item_id, on_hand) VALUES (?, ?, ?, 500)', [lot.lastInsertRowid, l, i]);
          store.run(
            `INSERT INTO movements (at, item_id, lot_id, location_id, qty, amount, doc_type, doc_id, doc_no, source_type, supplier_id, operator_id)
             VALUES (?, ?, ?, ?, 500, 50000, 'receipt', ?, ?, 'purchase', 1, 1)`,
            [now, i, lot.lastInsertRowid, l, ++doc, `RK-${doc}`],
          );
        }
      }
    }
  });
  depot.close();
}

/** A 20-line receipt into lots that exist, so the grid stays the same size through the run. */
const receiptLines = (desk: number, round: number) =>
  Array.from({ length: 20 }, (_, i) => {
    const item = ((desk * 37 + round * 20 + i) % ITEMS) + 1;
    return { itemId: item, lotNo: `L${(item % LOTS) + 1}`, expiresOn: '2028-06-01', counted: '2盒', unitCost: 100, locationId: (i % LOCS) + 1 };
  });

interface Times { draft: number[]; post: number[]; grid: number[]; gridBytes: number }
const newTimes = (): Times => ({ draft: [], post: [], grid: [], gridBytes: 0 });

/** One operator's shift: save a 20-line receipt, post it, read the stock grid, pause; `rounds` times. */
async function shift(call: Call, desk: number, rounds: number, times: Times, think: boolean) {
  // Operators do not all press 过账 in the same millisecond: a shift starts staggered.
  if (think) await sleep(Math.random() * THINK_MS[1]);
  for (let round = 0; round < rounds; round++) {
    let t0 = process.hrtime.bigint();
    const draft = await call('receipts.saveDraft', { sourceType: 'purchase', supplierId: 1, lines: receiptLines(desk, round), requestId: randomUUID() });
    times.draft.push(ms(t0));
    if (!draft.ok) throw new Error(`saveDraft: ${draft.error?.message}`);
    const { id, version } = draft.data as { id: number; version: number };
    t0 = process.hrtime.bigint();
    const posted = await call('receipts.post', { id, version, requestId: randomUUID() });
    times.post.push(ms(t0));
    if (!posted.ok) throw new Error(`post: ${posted.error?.message}`);
    t0 = process.hrtime.bigint();
    const grid = await call('stock.list', {});
    times.grid.push(ms(t0));
    if (!grid.ok) throw new Error(`stock.list: ${grid.error?.message}`);
    if (think) await sleep(THINK_MS[0] + Math.random() * (THINK_MS[1] - THINK_MS[0]));
  }
}

function report(label: string, times: Times, seconds: number) {
  const postings = times.post.length;
  const calls = postings + times.draft.length + times.grid.length;
  const f = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(1)} ms, p99 ${pct(xs, 99).toFixed(1)} ms`;
  console.log(`${label}: ${postings} postings, ${calls} calls in ${seconds.toFixed(1)} s → ${(postings / seconds).toFixed(1)} postings/s, ${(calls / seconds).toFixed(0)} calls/s`);
  console.log(`    save a 20-line draft (receipts.saveDraft): ${f(times.draft)}`);
  console.log(`    post it (receipts.post):                  ${f(times.post)}`);
  console.log(`    stock grid (stock.list, ${ITEMS * LOTS * LOCS} rows):       ${f(times.grid)}`);
}

async function run(label: string, calls: Call[], rounds: number, think: boolean) {
  const times = newTimes();
  const t0 = process.hrtime.bigint();
  await Promise.all(calls.map((call, desk) => shift(call, desk, rounds, times, think)));
  report(label, times, ms(t0) / 1000);
  return times;
}

// --- In-process: the same calls through the core's one door, in this process. ---
let inProcessSerial: Times;
{
  const depot: Depot = openDepot({ dbPath });
  const inProcess = async (): Promise<Call> => {
    const session = depot.createSession();
    const r = await depot.invoke('auth.signIn', { code: 'keeper', password: 'keeper-pass-1' }, session);
    if (!r.ok) throw new Error(r.error.message);
    return (channel, input) => depot.invoke(channel as never, input, session) as Promise<Result>;
  };
  const one = await inProcess();
  await shift(one, 999, 3, newTimes(), false); // warm-up
  inProcessSerial = await run('in-process, 1 caller, one call at a time', [one], ROUNDS * 2, false);
  const twenty = await Promise.all(Array.from({ length: 20 }, inProcess));
  await run('in-process, 20 desks as sessions, a busy shift', twenty, ROUNDS, true);
  await run('in-process, 20 desks as sessions, flat out', twenty, Math.ceil(ROUNDS / 2), false);
  depot.close();
}

// --- The server: `depot serve` in its own process; the desks are WebSocket clients in this one. ---
const rendererDir = join(dir, 'renderer');
mkdirSync(rendererDir);
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>bench</title>');
const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', 'main/cli/depot.ts', 'serve', '--db', dbPath, '--port', '0'], {
  cwd: repo,
  env: { ...process.env, DEPOT_RENDERER_DIR: rendererDir },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const url = await new Promise<string>((resolve, reject) => {
  let out = '';
  const timer = setTimeout(() => reject(new Error(`depot serve did not start: ${out}`)), 60_000);
  child.stdout.on('data', (d) => {
    out += String(d);
    const found = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
    if (found) {
      clearTimeout(timer);
      resolve(found[0]);
    }
  });
  child.once('exit', (code) => reject(new Error(`depot serve exited (${code}): ${out}`)));
});

const sockets: WebSocket[] = [];
/** A desk over the socket, signed in as the storekeeper. */
async function overSocket(): Promise<Call> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}depot`);
  sockets.push(ws);
  const answers = new Map<number, (r: Result) => void>();
  ws.on('message', (data) => {
    const m = JSON.parse(String(data)) as { id?: number; result?: Result };
    if (typeof m.id === 'number') answers.get(m.id)?.(m.result!);
    answers.delete(m.id!);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let next = 1;
  const call: Call = (channel, input) =>
    new Promise((resolve) => {
      const id = next++;
      answers.set(id, resolve);
      ws.send(JSON.stringify({ id, channel, input }));
    });
  const signedIn = await call('auth.signIn', { code: 'keeper', password: 'keeper-pass-1' });
  if (!signedIn.ok) throw new Error(signedIn.error?.message);
  return call;
}

try {
  const one = await overSocket();
  await shift(one, 998, 3, newTimes(), false); // warm-up
  const serial = await run('over the socket, 1 desk, one call at a time', [one], ROUNDS * 2, false);
  const grid = await one('stock.list', {});
  console.log(`    (the stock grid's answer is ${(JSON.stringify(grid).length / 1024).toFixed(0)} KB of JSON)`);
  const overhead = (a: number[], b: number[]) => `${(pct(a, 50) - pct(b, 50)).toFixed(2)} ms`;
  console.log(
    `network path's cost per call (p50 over the socket − p50 in-process, one call at a time): saveDraft ${overhead(serial.draft, inProcessSerial.draft)}, ` +
      `post ${overhead(serial.post, inProcessSerial.post)}, stock grid ${overhead(serial.grid, inProcessSerial.grid)}  (goal ≤ 2 ms)`,
  );
  for (const n of [20, 100]) {
    const desks = [one, ...(await Promise.all(Array.from({ length: n - 1 }, overSocket)))];
    await run(`over the socket, ${n} desks, a busy shift`, desks, ROUNDS, true);
    await run(`over the socket, ${n} desks, flat out`, desks, Math.ceil(ROUNDS / 2), false);
    for (const ws of sockets.splice(1)) ws.close();
  }
} finally {
  for (const ws of sockets) ws.close();
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  rmSync(dir, { recursive: true, force: true });
}
