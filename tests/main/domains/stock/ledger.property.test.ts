import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Depot, Session } from '../../../../main/core/depot.ts';
import { adminSession, call, rid, sessionWithRole, tempDepot } from '../../../support/depot.ts';
import { ledgerMismatches, smallDepot } from '../../../support/fixtures.ts';

/**
 * Random sequences of receipts, reversals, moves and stocktakes, each through the same door
 * as the app. Whatever is accepted or refused, every balance equals the sum of its ledger rows
 * and none is negative.
 */
type Op =
  | { kind: 'receive'; item: number; lot: number; loc: number; qty: number; rejected: number; pending: boolean }
  | { kind: 'reverse'; pick: number }
  | { kind: 'move'; pick: number; to: number; qty: number }
  | { kind: 'stocktake'; loc: number; delta: number[] }
  | { kind: 'inspect'; pick: number; status: 'accepted' | 'rejected' | 'quarantined' };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('receive' as const),
    item: fc.nat(1),
    lot: fc.nat(3),
    loc: fc.nat(1),
    qty: fc.integer({ min: 1, max: 500 }),
    rejected: fc.nat(50),
    pending: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('reverse' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('move' as const), pick: fc.nat(), to: fc.nat(1), qty: fc.integer({ min: 1, max: 400 }) }),
  fc.record({ kind: fc.constant('stocktake' as const), loc: fc.nat(1), delta: fc.array(fc.integer({ min: -300, max: 300 }), { maxLength: 8 }) }),
  fc.record({ kind: fc.constant('inspect' as const), pick: fc.nat(), status: fc.constantFrom('accepted' as const, 'rejected' as const, 'quarantined' as const) }),
);

let env: ReturnType<typeof tempDepot>;
let depot: Depot;
let admin: Session;
/** A second approver: no one approves, reverses or releases their own work. */
let checker: Session;
let ids: Awaited<ReturnType<typeof smallDepot>>;
let operations = 0;

beforeAll(async () => {
  env = tempDepot();
  depot = env.depot;
  admin = await adminSession(depot);
  checker = await sessionWithRole(depot, admin, 'approver', 'sh01');
  ids = await smallDepot(depot, admin);
});
afterAll(() => env.cleanup());

async function apply(o: Op): Promise<void> {
  const items = [ids.mask, ids.suit];
  const locs = [ids.a1, ids.a2];
  operations++;
  switch (o.kind) {
    case 'receive': {
      const draft = await depot.invoke('receipts.saveDraft', {
        sourceType: 'purchase', supplierId: ids.maker.id,
        lines: [{
          itemId: items[o.item]!.id, lotNo: `P${o.lot}`, expiresOn: '2030-01-01', counted: o.qty,
          rejected: Math.min(o.rejected, o.qty), rejectReason: '破损', locationId: locs[o.loc]!.id, unitCost: 100,
          inspection: o.pending ? 'pending' : 'accepted',
        }],
        requestId: rid(),
      }, admin);
      if (draft.ok) await depot.invoke('receipts.post', { id: draft.data.id, version: draft.data.version, requestId: rid() }, admin);
      return;
    }
    case 'reverse': {
      const posted = depot.store.all<{ id: number }>("SELECT id FROM receipts WHERE status = 'posted' AND reverses_id IS NULL ORDER BY id");
      if (posted.length === 0) return;
      await depot.invoke('receipts.reverse', { id: posted[o.pick % posted.length]!.id, reason: '测试红冲', requestId: rid() }, checker);
      return;
    }
    case 'move': {
      const rows = depot.store.all<{ lot_id: number; location_id: number }>('SELECT lot_id, location_id FROM stock WHERE on_hand > 0 ORDER BY lot_id, location_id');
      if (rows.length === 0) return;
      const from = rows[o.pick % rows.length]!;
      await depot.invoke('transfers.post', { lines: [{ lotId: from.lot_id, fromLocationId: from.location_id, toLocationId: locs[o.to]!.id, qty: o.qty }], requestId: rid() }, admin);
      return;
    }
    case 'stocktake': {
      const sheet = await call(depot, admin, 'stocktakes.create', { locationId: locs[o.loc]!.id, requestId: rid() });
      if (sheet.lines.length === 0) return void (await call(depot, admin, 'stocktakes.cancel', { id: sheet.id, version: sheet.version, requestId: rid() }));
      const counts = sheet.lines.map((l, i) => ({ lineId: l.id, countedQty: Math.max(0, l.bookQty + (o.delta[i] ?? 0)) }));
      const counted = await call(depot, admin, 'stocktakes.count', { id: sheet.id, version: sheet.version, counts, requestId: rid() });
      await call(depot, checker, 'stocktakes.post', { id: sheet.id, version: counted.version, reason: '随机盘点', requestId: rid() });
      return;
    }
    case 'inspect': {
      const lots = depot.store.all<{ id: number; version: number }>('SELECT id, version FROM lots ORDER BY id');
      if (lots.length === 0) return;
      const lot = lots[o.pick % lots.length]!;
      await depot.invoke('lots.setStatus', { id: lot.id, version: lot.version, status: o.status, requestId: rid() }, o.pick % 2 ? admin : checker);
      return;
    }
  }
}

describe('the ledger never lies', () => {
  it('every balance equals the sum of its ledger rows, none negative, after random operations', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 20, maxLength: 60 }), async (ops) => {
        for (const o of ops) await apply(o);
        expect(ledgerMismatches(depot)).toEqual([]);
        expect(depot.store.first<{ n: number }>('SELECT count(*) AS n FROM stock WHERE on_hand < 0 OR reserved > on_hand')!.n).toBe(0);
        // Rejected quantities never entered stock: receipts' ledger rows carry only accepted quantities.
        expect(depot.store.first<{ n: number }>(
          `SELECT count(*) AS n FROM movements m JOIN receipt_lines rl ON rl.id = m.line_id
            WHERE m.doc_type = 'receipt' AND m.qty <> rl.accepted`,
        )!.n).toBe(0);
      }),
      { numRuns: 60 },
    );
    expect(operations).toBeGreaterThan(1500);
    expect(depot.store.first<{ n: number }>('SELECT count(*) AS n FROM movements')!.n).toBeGreaterThan(300);
  });
});
