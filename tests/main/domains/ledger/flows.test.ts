import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDepot } from '../../../../main/core/depot.ts';
import { keptDocuments, keptFlows, scanFlows, type Flow } from '../../../../main/domains/ledger/flows.ts';
import { dayStart, localDay, nextDay } from '../../../../main/domains/ledger/period.ts';
import { scanDocuments, statsSummary } from '../../../../main/domains/ledger/stats.ts';
import type { Store } from '../../../../main/store/db.ts';
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
    };
    const briefing = statsSummary(store, '2026-04-10T10:00:00.000Z');
    store.run('DELETE FROM flow_totals');
    store.run('DELETE FROM flow_days');
    store.run('DELETE FROM doc_days');
    const reopened = openDepot({ dbPath: s.env.dbPath });
    try {
      expect(reopened.store.all('SELECT * FROM flow_totals ORDER BY item_id, doc_type, source_type, unit_id')).toEqual(kept.totals);
      expect(reopened.store.all('SELECT * FROM flow_days ORDER BY day, earlier, item_id, doc_type, source_type, unit_id')).toEqual(kept.days);
      expect(reopened.store.all('SELECT * FROM doc_days ORDER BY day, side')).toEqual(kept.docs);
      expect(statsSummary(reopened.store, '2026-04-10T10:00:00.000Z')).toEqual(briefing);
    } finally {
      void reopened.close();
    }
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
    } finally {
      d.env.cleanup();
    }
  });
});
