import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../../support/depot.ts';
import { threeDays, type Scenario } from './scenario.ts';

let s: Scenario;
beforeAll(async () => {
  s = await threeDays();
});
afterAll(() => s?.env.cleanup());

/** Received and dispatched pieces of one window, by SQL over the ledger only. */
function independent(from: string, to: string) {
  // A reversal of an earlier day's posting is that day's 红冲, not its receipt or dispatch.
  const q = (where: string) =>
    s.depot.store.first<{ q: number }>(
      `SELECT coalesce(sum(m.qty), 0) AS q FROM movements m WHERE m.at >= ? AND m.at < ? AND ${where}
         AND NOT (m.doc_type IN ('receipt_reversal', 'dispatch_reversal') AND (SELECT o.at FROM movements o WHERE o.id = m.reverses_id) < ?)`,
      [from, to, from],
    )!.q;
  return {
    received: q(`m.doc_type IN ('receipt', 'receipt_reversal') AND coalesce(m.source_type, '') NOT IN ('opening', 'return')`),
    // 0 − q rather than −q: a day without dispatches is 0, not −0.
    dispatched: 0 - q(`m.doc_type IN ('dispatch', 'dispatch_reversal', 'delivery_adjustment')`),
  };
}

describe('the statistics day by day (stats.daily)', () => {
  it('gives the last days up to today, oldest first, each equal to SQL over the ledger, adding up to the cumulative figures', async () => {
    const days = await call(s.depot, s.keeper, 'stats.daily', { days: 5 });
    expect(days.map((d) => d.day)).toEqual(['2026-04-06', '2026-04-07', '2026-04-08', '2026-04-09', '2026-04-10']);
    const none = { kinds: 0, pieces: 0, amount: 0 };
    expect(days[0]).toEqual({
      day: '2026-04-06', received: none, dispatched: none, documents: { inbound: 0, outbound: 0 },
      reversedEarlier: { inbound: { documents: 0, ...none }, outbound: { documents: 0, ...none } },
    });

    // Beijing days: 4月8日 is [04-07T16:00Z, 04-08T16:00Z).
    const bounds = [
      ['2026-04-07T16:00:00.000Z', '2026-04-08T16:00:00.000Z'],
      ['2026-04-08T16:00:00.000Z', '2026-04-09T16:00:00.000Z'],
      ['2026-04-09T16:00:00.000Z', '2026-04-10T16:00:00.000Z'],
    ] as const;
    bounds.forEach(([from, to], i) => {
      const d = days[i + 2]!;
      expect({ received: d.received.pieces, dispatched: d.dispatched.pieces }).toEqual(independent(from, to));
    });
    // 4月8日: 2,200 purchased + 1,330 donated + 100 allocated; 4月9日: 1,300 + 50 shipped, and the allocation
    // reversed (红冲 1笔 100件, was −100 received); 4月10日: the hotel's 50 back (红冲 1笔 50件, was −50 dispatched).
    expect(days.slice(2).map((d) => [d.received.pieces, d.dispatched.pieces, d.reversedEarlier.inbound.pieces, d.reversedEarlier.outbound.pieces])).toEqual([
      [3_630, 0, 0, 0],
      [0, 1_350, 100, 0],
      [0, 0, 0, 50],
    ]);

    const summary = await call(s.depot, s.keeper, 'stats.summary', {});
    const sum = (f: (d: (typeof days)[number]) => number) => days.reduce((a, d) => a + f(d), 0);
    expect(sum((d) => d.received.pieces - d.reversedEarlier.inbound.pieces)).toBe(summary.cumulative.received.total.pieces);
    expect(sum((d) => d.dispatched.pieces - d.reversedEarlier.outbound.pieces)).toBe(summary.cumulative.dispatched.total.pieces);
    expect(sum((d) => d.documents.inbound - d.reversedEarlier.inbound.documents)).toBe(summary.cumulative.documents.inbound);
    expect(sum((d) => d.documents.outbound - d.reversedEarlier.outbound.documents)).toBe(summary.cumulative.documents.outbound);
    for (const d of days) for (const n of [d.received.pieces, d.dispatched.pieces, d.documents.inbound, d.documents.outbound]) expect(n).toBeGreaterThanOrEqual(0);
    expect(days.at(-1)).toMatchObject({ received: summary.today.received.total, dispatched: summary.today.dispatched.total, documents: summary.today.documents });
  });

  it('ends at a chosen moment and refuses a bad number of days', async () => {
    const days = await call(s.depot, s.keeper, 'stats.daily', { days: 2, at: '2026-04-09T11:30:00+08:00' });
    expect(days.map((d) => d.day)).toEqual(['2026-04-08', '2026-04-09']);
    // By 11:30 on 4月9日 only the hospital's dispatch (shipped at 11:00) had gone out.
    expect(days[1]!.dispatched.pieces).toBe(1_300);
    const refused = await s.depot.invoke('stats.daily', { days: 0 }, s.keeper);
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
