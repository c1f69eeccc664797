/**
 * Two desks racing for the last units: round after round, two processes on one file each approve
 * and ship an order for 60 of the 100 on the shelf at the same moment. Exactly one gets them; the
 * other is refused in words naming the item, and stock never goes below zero.
 *
 * `node scripts/soak/race.ts [--rounds N]` (npm run soak runs 50); a short form runs in npm test
 * (tests/main/store/race.test.ts). A racer is this same file run with --race.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openDepot, type Depot } from '../../main/core/depot.ts';
import { prepare } from './crash.ts';

const invoke = (depot: Depot, channel: string, input: Record<string, unknown>) => depot.invoke(channel as never, { ...input, requestId: randomUUID() }, depot.systemSession());

/** One racer: waits for the start time, then approves, picks and ships its order; prints what happened. */
async function race(dbPath: string, orderId: number, startAt: number): Promise<void> {
  const depot = openDepot({ dbPath });
  try {
    await new Promise((r) => setTimeout(r, Math.max(0, startAt - Date.now())));
    let order = depot.store.first<{ version: number }>('SELECT version FROM dispatch_orders WHERE id = ?', [orderId])!;
    for (const channel of ['dispatch.approve', 'dispatch.pick', 'dispatch.ship']) {
      const r = await invoke(depot, channel, { id: orderId, version: order.version });
      if (!r.ok) {
        console.log(JSON.stringify({ ok: false, channel, code: r.error.code, message: r.error.message }));
        return;
      }
      order = r.data as { version: number };
    }
    console.log(JSON.stringify({ ok: true }));
  } finally {
    await depot.close();
  }
}

function racer(self: string, dbPath: string, orderId: number, startAt: number): Promise<{ ok: boolean; code?: string; message?: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', self, '--race', '--db', dbPath, '--order', String(orderId), '--start', String(startAt)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1)!)) : reject(new Error(`racer exited ${code}`))));
  });
}

export async function raceRounds({ rounds, dir = mkdtempSync(join(tmpdir(), 'soak-race-')) }: { rounds: number; dir?: string }) {
  const dbPath = join(dir, 'depot.db');
  await prepare(dbPath);
  const self = fileURLToPath(import.meta.url);
  const problems: string[] = [];
  const refusals = new Map<string, number>();
  const started = performance.now();
  try {
    for (let round = 1; round <= rounds; round++) {
      const depot = openDepot({ dbPath });
      const id = (table: string) => depot.store.first<{ id: number }>(`SELECT id FROM ${table} LIMIT 1`)!.id;
      // Back to 100 on the shelf, then two orders for 60 each.
      const onHand = depot.store.first<{ n: number }>('SELECT coalesce(sum(on_hand), 0) AS n FROM stock')!.n;
      const draft = await invoke(depot, 'receipts.saveDraft', { sourceType: 'purchase', supplierId: id('suppliers'), lines: [{ itemId: id('items'), counted: 100 - onHand, unitCost: 250, locationId: id('locations') }] });
      if (!draft.ok) throw new Error(draft.error.message);
      const d = draft.data as { id: number; version: number };
      const posted = await invoke(depot, 'receipts.post', { id: d.id, version: d.version });
      if (!posted.ok) throw new Error(posted.error.message);
      const orders: number[] = [];
      for (let k = 0; k < 2; k++) {
        const o = await invoke(depot, 'dispatch.create', { unitId: id('units'), lines: [{ itemId: id('items'), qty: 60 }] });
        if (!o.ok) throw new Error(o.error.message);
        orders.push((o.data as { id: number }).id);
      }
      await depot.close();
      const startAt = Date.now() + 400;
      const results = await Promise.all(orders.map((o) => racer(self, dbPath, o, startAt)));
      const won = results.filter((r) => r.ok).length;
      if (won !== 1) problems.push(`round ${round}: ${won} orders shipped 60 of 100`);
      for (const r of results.filter((x) => !x.ok)) {
        refusals.set(r.code!, (refusals.get(r.code!) ?? 0) + 1);
        if (r.code === 'internal' || !/[\u4e00-\u9fff]/.test(r.message ?? '')) problems.push(`round ${round}: refused as ${r.code}: ${r.message}`);
      }
      const check = openDepot({ dbPath });
      const negative = check.store.first<{ n: number }>('SELECT count(*) AS n FROM stock WHERE on_hand < 0 OR on_hand < reserved')!.n;
      const mismatched = check.store.all('SELECT s.lot_id FROM stock s WHERE s.on_hand <> (SELECT coalesce(sum(qty), 0) FROM movements m WHERE m.lot_id = s.lot_id AND m.location_id = s.location_id)').length;
      await check.close();
      if (negative + mismatched > 0) problems.push(`round ${round}: ${negative} balances below zero or below their reservations, ${mismatched} unequal to the ledger`);
    }
    return { figures: { rounds, seconds: Math.round((performance.now() - started) / 100) / 10, refusals: Object.fromEntries(refusals) }, problems };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { race: { type: 'boolean' }, db: { type: 'string' }, order: { type: 'string' }, start: { type: 'string' }, rounds: { type: 'string' } } });
  if (values.race) {
    await race(values.db!, Number(values.order), Number(values.start));
  } else {
    const { figures, problems } = await raceRounds({ rounds: Number(values.rounds ?? 50) });
    console.log(`two desks racing for the last units: ${figures.rounds} rounds in ${figures.seconds} s; the loser refused as ${JSON.stringify(figures.refusals)}`);
    console.log(problems.length === 0 ? '  every round: one order shipped, the other refused in words, no balance below zero or unequal to its ledger' : problems.map((p) => `  PROBLEM ${p}`).join('\n'));
    process.exitCode = problems.length === 0 ? 0 : 1;
  }
}
