import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Depot, Session } from '../../../../main/core/depot.ts';
import { briefing } from '../../../../main/domains/ledger/briefing.ts';
import { briefingLineFigures } from '../../../../main/domains/ledger/briefing-lines.ts';
import { dayStart, localDay, nextDay } from '../../../../main/domains/ledger/period.ts';
import { scanFlows } from '../../../../main/domains/ledger/flows.ts';
import { statsSummary, statsTotals, statsWindow } from '../../../../main/domains/ledger/stats.ts';
import { call, rid, tempDepot } from '../../../support/depot.ts';

/**
 * stats.daily sums a whole day from its kept sums in SQL, skips the scan for earlier reversals on a
 * day that has none, and the briefing reads its two windows once (issue 11). Each must give exactly
 * the figures of the full path: statsWindow over the same window, statsSummary and the lines read
 * separately — on days with reversals of their own day's and of earlier days' postings.
 */
describe('the kept day totals and the briefing read once equal the full path', () => {
  let env: ReturnType<typeof tempDepot>;
  let depot: Depot;
  let s: Session;
  let t = 0;
  beforeEach(() => {
    t = Date.parse('2026-04-10T08:00:00+08:00');
    env = tempDepot({ clock: () => new Date((t += 60_000)) });
    depot = env.depot;
    s = depot.systemSession();
  });
  afterEach(() => env.cleanup());

  const go = <C extends Parameters<typeof call>[2]>(channel: C, input: Record<string, unknown>) => call(depot, s, channel, { ...input, requestId: rid() });

  it('day by day, and the briefing at a moment inside a day', async () => {
    const mask = await go('items.create', { code: 'FH-001', name: '口罩', spec: 'KN95', unit: '只', category: 'protective', packs: '盒=50' });
    const bed = await go('items.create', { code: 'CW-001', name: '折叠床', spec: '', unit: '张', category: 'bedding', lotTracked: false });
    const a1 = await go('locations.create', { code: 'A-01', depot: '库', zone: 'A', bin: '01' });
    const maker = await go('suppliers.create', { code: 'S-1', name: '厂', kind: 'manufacturer' });
    const donor = await go('suppliers.create', { code: 'S-2', name: '捐', kind: 'donor' });
    const hospital = await go('units.create', { code: 'U-1', name: '医院', type: 'designated_hospital' });
    const hotel = await go('units.create', { code: 'U-2', name: '酒店', type: 'quarantine_hotel' });
    const receipt = async (input: Record<string, unknown>) => {
      const d = await go('receipts.saveDraft', input);
      return go('receipts.post', { id: d.id, version: d.version });
    };
    const ship = async (unitId: number, lines: { itemId: number; qty: number }[]) => {
      const o = await go('dispatch.create', { unitId, lines });
      const a = await go('dispatch.approve', { id: o.id, version: o.version });
      return go('dispatch.ship', { id: a.id, version: a.version });
    };
    const nextMorning = () => {
      t = Date.parse(dayStart(nextDay(localDay(new Date(t).toISOString())))) + 8 * 3_600_000;
    };

    await receipt({ sourceType: 'purchase', supplierId: maker.id, lines: [
      { itemId: mask.id, lotNo: 'L1', expiresOn: '2030-01-31', counted: 500, unitCost: 100, locationId: a1.id },
      { itemId: bed.id, lotNo: '', counted: 50, unitCost: 3000, locationId: a1.id },
    ] });
    await receipt({ sourceType: 'donation', supplierId: donor.id, lines: [{ itemId: mask.id, lotNo: 'L2', expiresOn: '2031-01-31', counted: 300, unitCost: null, locationId: a1.id }] });
    const o1 = await ship(hospital.id, [{ itemId: mask.id, qty: 120 }, { itemId: bed.id, qty: 5 }]);
    const sameDay = await receipt({ sourceType: 'purchase', supplierId: maker.id, lines: [{ itemId: bed.id, lotNo: '', counted: 7, unitCost: 2900, locationId: a1.id }] });
    await go('receipts.reverse', { id: sameDay.id, reason: '同日红冲' });
    nextMorning();
    const o2 = await ship(hotel.id, [{ itemId: mask.id, qty: 40 }]);
    await go('dispatch.reverse', { id: o1.id, reason: '隔日红冲' });
    await receipt({ sourceType: 'return', unitId: hospital.id, lines: [{ itemId: bed.id, lotNo: '', counted: 1, unitCost: null, locationId: a1.id }] });
    const r3 = await receipt({ sourceType: 'purchase', supplierId: maker.id, lines: [{ itemId: bed.id, lotNo: '', counted: 3, unitCost: 3100, locationId: a1.id }] });
    nextMorning();
    await go('receipts.reverse', { id: r3.id, reason: '隔日红冲' });
    await go('dispatch.reverse', { id: o2.id, reason: '隔日红冲' });
    await ship(hospital.id, [{ itemId: mask.id, qty: 10 }]);
    const at = new Date(t).toISOString();

    const store = depot.store;
    const days = [localDay(new Date(Date.parse(at) - 2 * 86_400_000).toISOString()), localDay(new Date(Date.parse(at) - 86_400_000).toISOString()), localDay(at)];
    let earlier = 0;
    for (const day of days) {
      const from = dayStart(day);
      const to = dayStart(nextDay(day));
      const full = statsWindow(store, from, to);
      expect(statsTotals(store, from, to)).toEqual({ received: full.received.total, dispatched: full.dispatched.total, documents: full.documents, reversedEarlier: full.reversedEarlier });
      earlier += full.reversedEarlier.outbound.documents + full.reversedEarlier.inbound.documents;
      // The day's flows as the kept sums give them equal a scan of the day.
      expect(statsWindow(store, from, to).dispatched).toEqual(statsWindow(store, from, new Date(Date.parse(to) - 1).toISOString()).dispatched);
      expect(scanFlows(store, from, to).length).toBeGreaterThan(0);
    }
    expect(earlier).toBeGreaterThanOrEqual(3);

    const daily = await go('stats.daily', { days: 3, at });
    expect(daily.map((d) => d.day)).toEqual(days);
    const end = new Date(Date.parse(at) + 1).toISOString();
    daily.forEach((d, i) => {
      const w = statsWindow(store, dayStart(d.day), i === 2 ? end : dayStart(nextDay(d.day)));
      expect(d).toEqual({ day: d.day, received: w.received.total, dispatched: w.dispatched.total, documents: w.documents, reversedEarlier: w.reversedEarlier });
    });

    await go('briefing.saveLine', {
      recipients: { unitTypes: ['quarantine_hotel'], unitSubtypes: [], unitIds: [] },
      goods: { categories: ['protective'], subcategories: [] },
      scope: 'cumulative',
      wordingZh: '向酒店拨付防护类{种数}种{件数}件',
      wordingEn: '{kinds} kinds, {pieces} pieces to hotels',
    });
    const moment = new Date(Date.parse(at) - 30_000).toISOString();
    const answer = await go('stats.briefing', { at: moment });
    expect(answer).toEqual(briefing(statsSummary(store, moment), s.locale, briefingLineFigures(store, moment)));
  });
});
