import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDepot } from '../../../../main/core/depot.ts';
import { keptDocuments, keptFlows, scanFlows, type Flow } from '../../../../main/domains/ledger/flows.ts';
import { dayStart, localDay, nextDay } from '../../../../main/domains/ledger/period.ts';
import { momentFlows, scanDocuments, statsSummary, statsTotals, statsWindow } from '../../../../main/domains/ledger/stats.ts';
import type { Store } from '../../../../main/store/db.ts';
import { migrations } from '../../../../main/store/migrate.ts';
import { threeDays, type Scenario } from './scenario.ts';

let s: Scenario;
beforeAll(async () => {
  s = await threeDays();
});
afterAll(() => s?.env.cleanup());

const sorted = (flows: Flow[]) => [...flows].sort((a, b) => `${a.item}|${a.docType}|${a.source}|${a.unit}`.localeCompare(`${b.item}|${b.docType}|${b.source}|${b.unit}`));

/** Every moment that matters: each posting, a millisecond before and after it, and each day's midnights. */
function moments(store: Store): string[] {
  const ats = store.all<{ at: string }>('SELECT DISTINCT at FROM movements ORDER BY at').map((r) => r.at);
  const out = new Set<string>();
  for (const at of ats) {
    const ms = Date.parse(at);
    for (const m of [ms - 1, ms, ms + 1]) out.add(new Date(m).toISOString());
    out.add(dayStart(localDay(at)));
    out.add(dayStart(nextDay(localDay(at))));
  }
  return [...out].sort();
}

describe('figures kept, not scanned (flow_totals, flow_days)', () => {
  it('equal a full scan of the ledger, since the first row and for the day, at every moment of three days', () => {
    const store = s.depot.store;
    const at = moments(store);
    expect(at.length).toBeGreaterThan(20);
    let dayWindows = 0;
    for (const moment of at) {
      const to = new Date(Date.parse(moment) + 1).toISOString();
      expect([moment, sorted(keptFlows(store, null, to)!)]).toEqual([moment, sorted(scanFlows(store, null, to))]);
      const from = dayStart(localDay(moment));
      const day = keptFlows(store, from, to);
      expect(day).not.toBeNull();
      expect([moment, sorted(day!)]).toEqual([moment, sorted(scanFlows(store, from, to))]);
      // The 笔: each posting that moved stock once, an original reversed before the end not counted.
      expect([moment, keptDocuments(store, null, to)]).toEqual([moment, scanDocuments(store, null, to)]);
      expect([moment, keptDocuments(store, from, to)]).toEqual([moment, scanDocuments(store, from, to)]);
      // The briefing's read: both windows and their 笔 with the rows after the moment read once.
      const read = momentFlows(store, moment);
      expect([moment, sorted(read.cumulative), sorted(read.today), read.documents]).toEqual([
        moment, sorted(scanFlows(store, null, to)), sorted(scanFlows(store, from, to)), { cumulative: scanDocuments(store, null, to), today: scanDocuments(store, from, to) },
      ]);
      // stats.daily's row for the day up to the moment, from the per-item day sums less what came after.
      const w = statsWindow(store, from, to);
      expect([moment, statsTotals(store, from, to)]).toEqual([moment, { received: w.received.total, dispatched: w.dispatched.total, documents: w.documents, reversedEarlier: w.reversedEarlier }]);
      dayWindows++;
    }
    expect(dayWindows).toBe(at.length);
    // A day whose reversal undoes the day before's posting: the kept day leaves it out, as the scan does.
    const earlier = store.first<{ n: number }>('SELECT count(*) AS n FROM flow_days WHERE earlier = 1')!.n;
    expect(earlier).toBeGreaterThan(0);
    // The scenario's counts are not all trivial: documents on both sides, reversals among them.
    expect(store.first<{ p: number; r: number }>('SELECT sum(posted) AS p, sum(reversed) AS r FROM doc_days')).toMatchObject({ p: expect.any(Number), r: 2 });
    // Windows that are not a day (a shift, a week) are scanned: no kept answer for them.
    expect(keptFlows(store, '2026-04-09T04:00:00.000Z', '2026-04-09T08:00:00.000Z')).toBeNull();
    expect(keptFlows(store, dayStart('2026-04-08'), dayStart('2026-04-10'))).toBeNull();
  });

  it('are summed once from the ledger when a depot written before them is opened, equal to what posting kept', () => {
    const store = s.depot.store;
    const kept = {
      totals: store.all('SELECT * FROM flow_totals ORDER BY item_id, doc_type, source_type, unit_id'),
      days: store.all('SELECT * FROM flow_days ORDER BY day, earlier, item_id, doc_type, source_type, unit_id'),
      docs: store.all('SELECT * FROM doc_days ORDER BY day, side'),
      itemDays: store.all('SELECT * FROM flow_item_days ORDER BY day, item_id'),
    };
    const briefing = statsSummary(store, '2026-04-10T10:00:00.000Z');
    store.run('DELETE FROM flow_totals');
    store.run('DELETE FROM flow_days');
    store.run('DELETE FROM doc_days');
    store.run('DELETE FROM flow_item_days');
    const reopened = openDepot({ dbPath: s.env.dbPath });
    try {
      expect(reopened.store.all('SELECT * FROM flow_totals ORDER BY item_id, doc_type, source_type, unit_id')).toEqual(kept.totals);
      expect(reopened.store.all('SELECT * FROM flow_days ORDER BY day, earlier, item_id, doc_type, source_type, unit_id')).toEqual(kept.days);
      expect(reopened.store.all('SELECT * FROM doc_days ORDER BY day, side')).toEqual(kept.docs);
      expect(reopened.store.all('SELECT * FROM flow_item_days ORDER BY day, item_id')).toEqual(kept.itemDays);
      expect(statsSummary(reopened.store, '2026-04-10T10:00:00.000Z')).toEqual(briefing);
    } finally {
      void reopened.close();
    }
  });
});

/**
 * flow_item_days by reading the ledger row by row: per local day and item, receipts net of that
 * day's reversals (opening stock and returns left out) and dispatches with their adjustments,
 * reversals of an earlier day's posting left out.
 */
function itemDaysByScan(store: Store) {
  const rows = store.all<{ at: string; item: number; docType: string; source: string | null; qty: number; amount: number | null; originalAt: string | null }>(
    'SELECT m.at, m.item_id AS item, m.doc_type AS docType, m.source_type AS source, m.qty, m.amount, o.at AS originalAt FROM movements m LEFT JOIN movements o ON o.id = m.reverses_id',
  );
  const sums = new Map<string, { day: string; item_id: number; received_qty: number; received_amount: number; dispatched_qty: number; dispatched_amount: number }>();
  for (const r of rows) {
    const day = localDay(r.at);
    // (A delivery adjustment points at the dispatch it adjusts, but is the day's own dispatch figure.)
    if ((r.docType === 'receipt_reversal' || r.docType === 'dispatch_reversal') && r.originalAt !== null && r.originalAt < dayStart(day)) continue;
    const received = (r.docType === 'receipt' || r.docType === 'receipt_reversal') && r.source !== 'opening' && r.source !== 'return';
    const dispatched = r.docType === 'dispatch' || r.docType === 'dispatch_reversal' || r.docType === 'delivery_adjustment';
    if (!received && !dispatched) continue;
    const key = `${day}|${r.item}`;
    const g = sums.get(key) ?? { day, item_id: r.item, received_qty: 0, received_amount: 0, dispatched_qty: 0, dispatched_amount: 0 };
    sums.set(key, g);
    if (received) {
      g.received_qty += r.qty;
      g.received_amount += r.amount ?? 0;
    } else {
      g.dispatched_qty += r.qty;
      g.dispatched_amount += r.amount ?? 0;
    }
  }
  return [...sums.values()].sort((a, b) => a.day.localeCompare(b.day) || a.item_id - b.item_id);
}

describe('the per-day per-item figures stats.daily reads (flow_item_days)', () => {
  it('equal the ledger read row by row, as posted and as migration 024 makes them from flow_days for a depot posted before it', () => {
    const store = s.depot.store;
    const scanned = itemDaysByScan(store);
    // Not trivial: several days, receipts and dispatches, and a day that reverses an earlier one's posting.
    expect(new Set(scanned.map((r) => r.day)).size).toBeGreaterThan(1);
    expect(scanned.some((r) => r.received_qty !== 0) && scanned.some((r) => r.dispatched_qty !== 0)).toBe(true);
    expect(store.first<{ n: number }>('SELECT count(*) AS n FROM flow_days WHERE earlier = 1')!.n).toBeGreaterThan(0);
    expect(store.all('SELECT * FROM flow_item_days ORDER BY day, item_id')).toEqual(scanned);

    const migration = migrations().find((m) => m.version === 24)!;
    const before = store.all('SELECT * FROM flow_item_days ORDER BY day, item_id');
    store.tx(() => {
      store.db.exec('DROP TABLE flow_item_days');
      store.db.exec(migration.sql);
    });
    expect(store.all('SELECT * FROM flow_item_days ORDER BY day, item_id')).toEqual(before);
  });
});

describe('kept figures on a day of postings undone the same day', () => {
  it('equal the scan at every moment: a dispatch and a receipt reversed within the day net out of its 笔', async () => {
    const { staffedDepot } = await import('../../../support/fixtures.ts');
    const { call, rid } = await import('../../../support/depot.ts');
    let now = new Date('2026-04-09T01:00:00Z');
    const d = await staffedDepot({ clock: () => now });
    try {
      const tick = () => void (now = new Date(now.getTime() + 600_000));
      await d.receive(d.f.bed.id, 100, 1000);
      tick();
      const receipt = await d.receive(d.f.bed.id, 50, 1200);
      tick();
      const order = await d.ship(d.f.bed.id, 30);
      tick();
      await call(d.depot, d.approver, 'dispatch.reverse', { id: order.id, reason: '误发', requestId: rid() });
      tick();
      await call(d.depot, d.approver, 'receipts.reverse', { id: receipt.id, reason: '重复入库', requestId: rid() });
      tick();
      await d.ship(d.f.bed.id, 10);
      const store = d.depot.store;
      expect(store.first('SELECT posted, reversed, reversed_same_day FROM doc_days WHERE side = ?', ['out'])).toEqual({ posted: 2, reversed: 1, reversed_same_day: 1 });
      for (const moment of moments(store)) {
        const to = new Date(Date.parse(moment) + 1).toISOString();
        const from = dayStart(localDay(moment));
        expect([moment, sorted(keptFlows(store, from, to)!), keptDocuments(store, from, to)]).toEqual([moment, sorted(scanFlows(store, from, to)), scanDocuments(store, from, to)]);
        expect([moment, sorted(keptFlows(store, null, to)!), keptDocuments(store, null, to)]).toEqual([moment, sorted(scanFlows(store, null, to)), scanDocuments(store, null, to)]);
      }
      expect(keptDocuments(store, null, new Date(now.getTime() + 1).toISOString())).toEqual({ inbound: 1, outbound: 1 });
      expect(store.all('SELECT * FROM flow_item_days ORDER BY day, item_id')).toEqual(itemDaysByScan(store));
    } finally {
      d.env.cleanup();
    }
  });
});
