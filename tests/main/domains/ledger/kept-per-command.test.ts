import { afterEach, describe, expect, it } from 'vitest';
import type { Ctx } from '../../../../main/core/context.ts';
import { findOperator, SYSTEM_OPERATOR_ID } from '../../../../main/domains/auth/operators.ts';
import { postMovement } from '../../../../main/domains/stock/ledger.ts';
import { i18nFor } from '../../../../shared/i18n/index.ts';
import { ensureKeptFlows, keptDocuments, keptFlows, scanFlows } from '../../../../main/domains/ledger/flows.ts';
import { dayStart } from '../../../../main/domains/ledger/period.ts';
import { adminSession, call, rid, sessionWithRole } from '../../../support/depot.ts';
import { smallDepot } from '../../../support/fixtures.ts';
import { clockedDepot } from './scenario.ts';

/**
 * A command's ledger rows are added to the kept sums per key (item, day, document and source type,
 * unit) once, just before it commits, instead of row by row (issue 11, posting speed). Commands whose
 * rows share keys and mix kinds — a receipt with several lines of one item and lot, a shipment of
 * two lots of one item, a sign-off with goods short and damaged on two lines, a stocktake with gains
 * and losses, a reversal of the day before — must leave every kept table exactly as a full re-summing
 * of the ledger does, and the kept windows equal to a scan.
 */
describe('the kept sums written once per command', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it('equal the ledger summed again from nothing after mixed documents in one command each', async () => {
    const clock = clockedDepot('2026-04-08T09:00:00+08:00');
    cleanup = clock.env.cleanup;
    const depot = clock.env.depot;
    const admin = await adminSession(depot);
    const keeper = await sessionWithRole(depot, admin, 'storekeeper', 'bgy01');
    const dispatcher = await sessionWithRole(depot, admin, 'dispatcher', 'ddy01');
    const approver = await sessionWithRole(depot, admin, 'approver', 'sh01');
    const d = await smallDepot(depot, admin);
    const hospital = await call(depot, admin, 'units.create', { code: 'FC-01', name: '方舱医院', type: 'makeshift_hospital', requestId: rid() });
    const receive = async (body: Record<string, unknown>) => {
      const draft = await call(depot, keeper, 'receipts.saveDraft', { ...body, requestId: rid() });
      const posted = await call(depot, keeper, 'receipts.post', { id: draft.id, version: draft.version, requestId: rid() });
      // What posting answers is the receipt as read back.
      expect(posted).toEqual(await call(depot, keeper, 'receipts.get', { id: posted.id }));
      return posted;
    };
    const ship = async (lines: { itemId: number; qty: number }[], extra: Record<string, unknown> = {}) => {
      const order = await call(depot, dispatcher, 'dispatch.create', { unitId: hospital.id, lines, requestId: rid() });
      const approved = await call(depot, approver, 'dispatch.approve', { id: order.id, version: order.version, requestId: rid() });
      const shipped = await call(depot, dispatcher, 'dispatch.ship', { id: order.id, version: approved.version, ...extra, requestId: rid() });
      // What shipping answers is the order as read back, without reading it again.
      expect(shipped).toEqual(await call(depot, dispatcher, 'dispatch.get', { id: order.id }));
      return shipped;
    };

    // 4月8日: one receipt, four lines of one item on two lots and two locations (rows sharing every
    // kept key), a priced and an unpriced item; a donation.
    await receive({
      sourceType: 'purchase', supplierId: d.maker.id,
      lines: [
        { itemId: d.mask.id, lotNo: 'M1', expiresOn: '2028-02-28', counted: 500, unitCost: 120, locationId: d.a1.id },
        { itemId: d.mask.id, lotNo: 'M1', expiresOn: '2028-02-28', counted: 300, unitCost: 130, locationId: d.a2.id },
        { itemId: d.mask.id, lotNo: 'M2', expiresOn: '2029-02-28', counted: 200, unitCost: 110, locationId: d.a1.id },
        { itemId: d.mask.id, lotNo: 'M2', expiresOn: '2029-02-28', counted: 100, rejected: 20, rejectReason: '破损', unitCost: 110, locationId: d.a2.id },
        { itemId: d.suit.id, lotNo: 'S1', expiresOn: '2028-03-31', counted: 200, unitCost: 2500, locationId: d.a1.id },
      ],
    });
    clock.at('2026-04-08T10:00:00+08:00');
    await receive({ sourceType: 'donation', supplierId: d.donor.id, lines: [{ itemId: d.bed.id, counted: 300, locationId: d.a2.id }, { itemId: d.bed.id, counted: 50, locationId: d.a1.id }] });
    // A shipment taking the mask from several lots and places, with the vehicle given.
    clock.at('2026-04-08T11:00:00+08:00');
    const first = await ship([{ itemId: d.mask.id, qty: 900 }, { itemId: d.bed.id, qty: 320 }, { itemId: d.suit.id, qty: 20 }], { vehicle: '蒙A12345', driver: '王师傅' });
    clock.at('2026-04-08T12:00:00+08:00');
    const second = await ship([{ itemId: d.mask.id, qty: 50 }, { itemId: d.suit.id, qty: 10 }]);

    // 4月9日: the first shipment signed for with goods short and damaged on two lines (four rows of one
    // command, two kinds of source); the second reversed a day after it left (an earlier day's row).
    clock.at('2026-04-09T09:00:00+08:00');
    const mask = first.lines.find((l) => l.itemId === d.mask.id)!;
    const bed = first.lines.find((l) => l.itemId === d.bed.id)!;
    await call(depot, approver, 'dispatch.deliver', {
      id: first.id, version: first.version, receiver: '李护士长',
      discrepancies: [
        { lineId: mask.id, lotId: mask.picks[0]!.lotId, kind: 'short', qty: 20, reason: '少一盒' },
        { lineId: mask.id, lotId: mask.picks[0]!.lotId, kind: 'damaged', qty: 5, reason: '受潮' },
        { lineId: bed.id, lotId: bed.picks[0]!.lotId, kind: 'damaged', qty: 2, reason: '压坏' },
      ],
      requestId: rid(),
    });
    clock.at('2026-04-09T10:00:00+08:00');
    await call(depot, approver, 'dispatch.reverse', { id: second.id, reason: '单位重复申领', requestId: rid() });
    // A stocktake of one place with a gain and a loss in one command.
    clock.at('2026-04-09T11:00:00+08:00');
    const sheet = await call(depot, keeper, 'stocktakes.create', { locationId: d.a2.id, requestId: rid() });
    const counts = sheet.lines.map((l) => ({ lineId: l.id, countedQty: l.itemCode === 'CW-001' ? l.bookQty - 3 : l.bookQty + 4 }));
    const counted = await call(depot, keeper, 'stocktakes.count', { id: sheet.id, version: sheet.version, counts, requestId: rid() });
    await call(depot, approver, 'stocktakes.post', { id: sheet.id, version: counted.version, reason: '月中盘点', requestId: rid() });
    // A receipt reversed the same day it was posted, and a return.
    clock.at('2026-04-09T12:00:00+08:00');
    const twice = await receive({ sourceType: 'purchase', supplierId: d.maker.id, lines: [{ itemId: d.suit.id, lotNo: 'S1', counted: 10, unitCost: 2600, locationId: d.a2.id }, { itemId: d.suit.id, lotNo: 'S1', counted: 5, unitCost: 2600, locationId: d.a1.id }] });
    await call(depot, approver, 'receipts.reverse', { id: twice.id, reason: '重复录入', requestId: rid() });
    await receive({ sourceType: 'return', unitId: hospital.id, lines: [{ itemId: d.bed.id, counted: 10, locationId: d.a2.id }] });
    clock.at('2026-04-09T13:00:00+08:00');
    await ship([{ itemId: d.mask.id, qty: 30 }, { itemId: d.bed.id, qty: 5 }]);

    const store = depot.store;
    const kinds = store.all<{ doc_type: string }>("SELECT DISTINCT doc_type FROM movements WHERE doc_type <> 'move' ORDER BY 1").map((r) => r.doc_type);
    expect(kinds).toEqual(['delivery_adjustment', 'dispatch', 'dispatch_reversal', 'receipt', 'receipt_reversal', 'stocktake']);
    // Some keys were written from several rows of one command.
    expect(store.first<{ n: number }>('SELECT max(rows) AS n FROM flow_days')!.n).toBeGreaterThan(1);

    // Every kept table equals the ledger summed again from nothing.
    const kept = () => ({
      totals: store.all('SELECT * FROM flow_totals ORDER BY 1, 2, 3, 4'),
      days: store.all('SELECT * FROM flow_days ORDER BY 1, 2, 3, 4, 5, 6'),
      itemDays: store.all('SELECT * FROM flow_item_days ORDER BY 1, 2'),
      docs: store.all('SELECT * FROM doc_days ORDER BY 1, 2'),
    });
    const written = kept();
    expect(written.itemDays.length).toBeGreaterThan(0);
    store.run('DELETE FROM flow_totals');
    ensureKeptFlows(store);
    expect(kept()).toEqual(written);

    // The kept windows equal a scan: since the first row and each day, at its end and inside it.
    const sorted = (flows: { item: number; docType: string; source: string | null; unit: number | null }[]) =>
      [...flows].sort((a, b) => a.item - b.item || a.docType.localeCompare(b.docType) || String(a.source).localeCompare(String(b.source)) || (a.unit ?? 0) - (b.unit ?? 0));
    for (const [from, to] of [
      [null, '2026-04-09T23:00:00+08:00'],
      [null, '2026-04-08T11:30:00+08:00'],
      ['2026-04-08', '2026-04-08T23:59:00+08:00'],
      ['2026-04-09', '2026-04-09T10:30:00+08:00'],
      ['2026-04-09', '2026-04-09T23:59:00+08:00'],
    ] as const) {
      const start = from === null ? null : dayStart(from);
      const end = new Date(to).toISOString();
      expect(sorted(keptFlows(store, start, end)!)).toEqual(sorted(scanFlows(store, start, end)));
      expect(keptDocuments(store, start, end)).not.toBeNull();
    }
  });

  it('are never written for rows a rolled-back savepoint undid: the command is refused whole', async () => {
    const clock = clockedDepot('2026-04-08T09:00:00+08:00');
    cleanup = clock.env.cleanup;
    const depot = clock.env.depot;
    const admin = await adminSession(depot);
    const d = await smallDepot(depot, admin);
    const store = depot.store;
    const draft = await call(depot, admin, 'receipts.saveDraft', { sourceType: 'donation', supplierId: d.donor.id, lines: [{ itemId: d.bed.id, counted: 10, locationId: d.a1.id }], requestId: rid() });
    const posted = await call(depot, admin, 'receipts.post', { id: draft.id, version: draft.version, requestId: rid() });
    const lotId = posted.lines[0]!.lotId!;
    const before = { totals: store.all('SELECT * FROM flow_totals'), rows: store.all('SELECT id FROM movements') };
    // A command (as openDepot runs one) whose second posting sits in a savepoint that is rolled back.
    const ctx: Ctx = {
      store, session: admin, operator: findOperator(store, SYSTEM_OPERATOR_ID)!, now: new Date().toISOString(), requestId: null,
      t: i18nFor('zh-CN').t, emit: () => {}, touched: new Set(), beforeCommit: [],
    };
    const row = { lotId, locationId: d.a1.id, docType: 'stocktake' as const, docId: 999, docNo: 'PD-TEST' };
    expect(() =>
      store.tx(() => {
        postMovement(ctx, { ...row, qty: 1 });
        try {
          store.tx(() => {
            postMovement(ctx, { ...row, qty: 2 });
            throw new Error('undone');
          });
        } catch {
          // the savepoint's row is gone; the command goes on
        }
        for (const settle of ctx.beforeCommit!) settle();
      }),
    ).toThrow(/kept sums of 2 ledger rows, 1 of them/);
    expect({ totals: store.all('SELECT * FROM flow_totals'), rows: store.all('SELECT id FROM movements') }).toEqual(before);
  });
});
