import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatsWindow } from '../../../../shared/contract/index.ts';
import { openDepot } from '../../../../main/core/depot.ts';
import { statsWindow } from '../../../../main/domains/ledger/stats.ts';
import { call, rid } from '../../../support/depot.ts';
import { ledgerMismatches } from '../../../support/fixtures.ts';
import { threeDays, type Scenario } from './scenario.ts';

let s: Scenario;
beforeAll(async () => {
  s = await threeDays();
});
afterAll(() => s?.env.cleanup());

const DAY_START = { '2026-04-08': '2026-04-07T16:00:00.000Z', '2026-04-09': '2026-04-08T16:00:00.000Z', '2026-04-10': '2026-04-09T16:00:00.000Z', '2026-04-11': '2026-04-10T16:00:00.000Z' };

/** The figures of a window computed again from scratch, by SQL over the ledger only. */
function independent(from: string | null, to: string) {
  const db = s.depot.store;
  const w = { from: from ?? '', to };
  const perItem = (where: string, sign: 1 | -1) =>
    db.all<{ item_id: number; q: number }>(
      `SELECT m.item_id, ${sign} * sum(m.qty) AS q FROM movements m LEFT JOIN units u ON u.id = m.unit_id JOIN items i ON i.id = m.item_id
        WHERE m.at >= :from AND m.at < :to AND ${where}
          AND NOT (m.doc_type IN ('receipt_reversal', 'dispatch_reversal') AND EXISTS (SELECT 1 FROM movements o WHERE o.id = m.reverses_id AND o.at < :from))
        GROUP BY m.item_id`,
      w,
    );
  const tally = (rows: { q: number }[]) => ({ kinds: rows.filter((r) => r.q > 0).length, pieces: rows.reduce((a, r) => a + r.q, 0) });
  const received = `m.doc_type IN ('receipt', 'receipt_reversal') AND m.source_type NOT IN ('opening', 'return')`;
  const dispatched = `m.doc_type IN ('dispatch', 'dispatch_reversal', 'delivery_adjustment')`;
  return {
    received: tally(perItem(received, 1)),
    purchase: tally(perItem(`${received} AND m.source_type = 'purchase'`, 1)),
    donation: tally(perItem(`${received} AND m.source_type = 'donation'`, 1)),
    allocation: tally(perItem(`${received} AND m.source_type = 'allocation'`, 1)),
    dispatched: tally(perItem(dispatched, -1)),
    hospitalProtective: tally(perItem(`${dispatched} AND u.type = 'makeshift_hospital' AND i.category = 'protective'`, -1)),
    hospitalBedding: tally(perItem(`${dispatched} AND u.type = 'makeshift_hospital' AND i.category = 'bedding'`, -1)),
    hotel: tally(perItem(`${dispatched} AND u.type = 'quarantine_hotel'`, -1)),
    // A 笔 is a posting that moved stock and was not undone before the window's end.
    inbound: db.first<{ n: number }>(
      `SELECT count(*) AS n FROM receipts r WHERE r.status = 'posted' AND r.reverses_id IS NULL AND r.source_type <> 'opening' AND r.posted_at >= :from AND r.posted_at < :to
         AND r.id IN (SELECT doc_id FROM movements WHERE doc_type = 'receipt') AND r.id NOT IN (SELECT reverses_id FROM receipts WHERE reverses_id IS NOT NULL AND posted_at < :to)`,
      w,
    )!.n,
    outbound: db.first<{ n: number }>(
      `SELECT count(*) AS n FROM dispatch_orders d WHERE d.reverses_id IS NULL AND d.shipped_at >= :from AND d.shipped_at < :to
         AND d.id IN (SELECT doc_id FROM movements WHERE doc_type = 'dispatch') AND d.id NOT IN (SELECT reverses_id FROM dispatch_orders WHERE reverses_id IS NOT NULL AND shipped_at < :to)`,
      w,
    )!.n,
    // 红冲 in the window of postings made before it.
    reversedInbound: db.first<{ n: number }>(`SELECT count(*) AS n FROM receipts x JOIN receipts o ON o.id = x.reverses_id WHERE x.posted_at >= :from AND x.posted_at < :to AND o.posted_at < :from`, w)!.n,
    reversedOutbound: db.first<{ n: number }>(`SELECT count(*) AS n FROM dispatch_orders x JOIN dispatch_orders o ON o.id = x.reverses_id WHERE x.shipped_at >= :from AND x.shipped_at < :to AND o.shipped_at < :from`, w)!.n,
  };
}

const pick = (w: StatsWindow) => ({
  received: { kinds: w.received.total.kinds, pieces: w.received.total.pieces },
  purchase: w.received.bySource.find((x) => x.sourceType === 'purchase') ?? { kinds: 0, pieces: 0 },
  dispatched: { kinds: w.dispatched.total.kinds, pieces: w.dispatched.total.pieces },
  inbound: w.documents.inbound,
  outbound: w.documents.outbound,
});

describe('statistics (stats.summary)', () => {
  it('counts kinds and pieces received and dispatched, by source, category and recipient type, equal to independent SQL', async () => {
    const stats = await call(s.depot, s.keeper, 'stats.summary', {});
    expect(stats).toMatchObject({ at: '2026-04-10T10:00:00.000Z', day: '2026-04-10', depotName: '市本级应急物资储备库' });
    const c = stats.cumulative;
    const x = independent(null, '2026-04-10T10:00:00.001Z');
    expect(c.received.total).toMatchObject(x.received);
    expect(c.received.bySource.map((b) => [b.sourceType, b.kinds, b.pieces])).toEqual([
      ['purchase', x.purchase.kinds, x.purchase.pieces],
      ['donation', x.donation.kinds, x.donation.pieces],
      ['allocation', x.allocation.kinds, x.allocation.pieces],
    ]);
    // The allocation was reversed: it nets to nothing, and it is not a kind received.
    expect(c.received.bySource.find((b) => b.sourceType === 'allocation')).toMatchObject({ kinds: 0, pieces: 0 });
    expect(c.received.total).toEqual({ kinds: 3, pieces: 3_530, amount: 2000 * 120 + 200 * 2500 });
    expect(c.dispatched.total).toMatchObject(x.dispatched);
    const cell = (unitType: string, category: string) => c.dispatched.byUnitTypeCategory.find((b) => b.unitType === unitType && b.category === category);
    expect(cell('makeshift_hospital', 'protective')).toMatchObject(x.hospitalProtective);
    expect(cell('makeshift_hospital', 'bedding')).toMatchObject(x.hospitalBedding);
    expect(c.dispatched.byUnitType.find((b) => b.unitType === 'quarantine_hotel')).toMatchObject(x.hotel);
    // 20 masks signed for as short: the hospital got 1,180, and 20 count as lost in transit.
    expect(cell('makeshift_hospital', 'protective')!.pieces).toBe(1_180);
    expect(c.dispatched.byUnitType.find((b) => b.unitType === null)!.pieces).toBe(20);
    expect(c.returned).toMatchObject({ kinds: 1, pieces: 10 });
    expect(c.documents).toEqual({ inbound: x.inbound, outbound: x.outbound });
    // Purchase, two donations and the return; the reversed allocation and the wholly rejected receipt moved nothing.
    expect(c.documents).toEqual({ inbound: 4, outbound: 1 });
    expect(stats.onHand.pieces).toBe(s.depot.store.first<{ q: number }>('SELECT sum(on_hand) AS q FROM stock')!.q);
  });

  it('gives today and any past moment; the days add up to the cumulative figures', async () => {
    const stats = await call(s.depot, s.keeper, 'stats.summary', { at: '2026-04-09T12:30:00+08:00' });
    expect(stats.day).toBe('2026-04-09');
    expect(pick(stats.today)).toEqual(pick(statsWindow(s.depot.store, DAY_START['2026-04-09'], '2026-04-09T04:30:00.001Z')));
    const today = independent(DAY_START['2026-04-09'], '2026-04-09T04:30:00.001Z');
    expect(stats.today.dispatched.total).toMatchObject(today.dispatched);
    expect(stats.today.documents).toEqual({ inbound: today.inbound, outbound: today.outbound });
    // Was {inbound: −1}: the day's only inbound event undid a receipt of the day before. Now it is 红冲 1笔.
    expect(stats.today.documents).toEqual({ inbound: 0, outbound: 2 });
    expect(stats.today.reversedEarlier.inbound.documents).toBe(today.reversedInbound);
    expect(today.reversedInbound).toBe(1);

    const days = await Promise.all(['2026-04-08', '2026-04-09', '2026-04-10'].map((d) => call(s.depot, s.keeper, 'stats.summary', { at: `${d}T23:59:59+08:00` })));
    const sum = (f: (w: StatsWindow) => number) => days.reduce((a, d) => a + f(d.today), 0);
    const all = days[2]!.cumulative;
    // No day's figures are negative; the days, less what a later day reversed (红冲), are the cumulative figures.
    for (const d of days) {
      for (const n of [d.today.received.total.pieces, d.today.dispatched.total.pieces, d.today.documents.inbound, d.today.documents.outbound]) expect(n).toBeGreaterThanOrEqual(0);
    }
    expect(sum((w) => w.received.total.pieces) - sum((w) => w.reversedEarlier.inbound.pieces)).toBe(all.received.total.pieces);
    expect(sum((w) => w.dispatched.total.pieces) - sum((w) => w.reversedEarlier.outbound.pieces)).toBe(all.dispatched.total.pieces);
    expect(sum((w) => w.documents.inbound) - sum((w) => w.reversedEarlier.inbound.documents)).toBe(all.documents.inbound);
    expect(sum((w) => w.documents.outbound) - sum((w) => w.reversedEarlier.outbound.documents)).toBe(all.documents.outbound);
  });
});

describe('the briefing (通报)', () => {
  it('writes the official wording in Chinese and English with the ledger’s numbers', async () => {
    const b = await call(s.depot, s.keeper, 'stats.briefing', { at: '2026-04-10T18:00:00+08:00' });
    expect(b.text).toBe(b.zh);
    expect(b.zh).toBe(
      '截至4月10日18时，市本级应急物资储备库累计接收物资3种3,530件，其中采购2种2,200件、捐赠3种1,330件；' +
        '累计拨付物资2种1,300件，其中向方舱医院拨付防护用品类物资1,180件、床及床上用品类物资100件；' +
        '共完成入库4笔、出库1笔。其中当日接收物资0件，拨付物资0件，完成入库1笔、出库0笔，红冲以前出库1笔50件。' +
        // The whole depot per category (20 masks short in transit included, as in the total of 1,300).
        '按物资类别，累计拨付防护用品类物资1,200件、床及床上用品类物资100件。',
    );
    expect(b.en).toContain('As of 18:00 on 10 April, 市本级应急物资储备库 has received 3,530 pieces (3 kinds) of supplies in total');
    expect(b.en).toContain('to Makeshift hospital: Protective 1,180 pieces, Beds & bedding 100 pieces');
    expect(b.en).toContain('4 inbound and 1 outbound transactions completed');
    expect(b.en).toContain('1 earlier outbound transaction(s) reversed (50 pieces)');

    const en = s.depot.createSession('en');
    await call(s.depot, en, 'auth.signIn', { code: 'bgy01', password: 'bgy01-pass-1' });
    const inEnglish = await call(s.depot, en, 'stats.briefing', { at: '2026-04-09T12:30:00+08:00' });
    expect(inEnglish.text).toBe(inEnglish.en);
    expect(inEnglish.zh.startsWith('截至4月9日12时30分，')).toBe(true);
  });
});

describe('the midnight close (扎账)', () => {
  it('freezes each ended day; its figures never change, later corrections show on the day they are posted', async () => {
    const refused = await s.depot.invoke('ledger.closeDay', { day: '2026-04-10', requestId: rid() }, s.keeper);
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!refused.ok) expect(refused.error.message).toContain('只能扎账已经结束的日期');

    const closed = await call(s.depot, s.keeper, 'ledger.closeDay', { day: '2026-04-09', requestId: rid() });
    expect(closed.map((c) => c.day)).toEqual(['2026-04-08', '2026-04-09']);
    const again = await s.depot.invoke('ledger.closeDay', { day: '2026-04-09', requestId: rid() }, s.keeper);
    expect(again).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    const day9 = await call(s.depot, s.keeper, 'ledger.dayClose', { day: '2026-04-09' });
    const x = independent(DAY_START['2026-04-09'], DAY_START['2026-04-10']);
    expect(day9.figures.dispatched.total).toMatchObject(x.dispatched);
    expect(day9.figures.documents).toEqual({ inbound: x.inbound, outbound: x.outbound });
    const day8 = await call(s.depot, s.keeper, 'ledger.dayClose', { day: '2026-04-08' });
    for (const item of day9.items) {
      expect(item.openingQty + item.inQty - item.outQty).toBe(item.closingQty);
      expect(item.openingQty).toBe(day8.items.find((i) => i.itemId === item.itemId)?.closingQty ?? 0);
      const ledger = s.depot.store.first<{ q: number }>('SELECT coalesce(sum(qty), 0) AS q FROM movements WHERE item_id = ? AND at < ?', [item.itemId, DAY_START['2026-04-10']])!.q;
      expect(item.closingQty).toBe(ledger);
    }

    // A correction today (4月10日 18时) of a 4月8日 receipt: the closed days keep their figures.
    await call(s.depot, s.approver, 'receipts.reverse', { id: s.suitsDonation.id, reason: '捐赠方要求改开票据', requestId: rid() });
    expect(await call(s.depot, s.keeper, 'ledger.dayClose', { day: '2026-04-08' })).toEqual(day8);
    const stats = await call(s.depot, s.keeper, 'stats.summary', {});
    // Reported as 红冲 on the day it is posted, not as −30 received.
    expect(stats.today.received.total.pieces).toBeGreaterThanOrEqual(0);
    expect(stats.today.reversedEarlier.inbound).toMatchObject({ documents: 1, pieces: 30 });

    // A desk whose clock still shows 4月9日 cannot post into the closed day; nothing changes.
    const slow = openDepot({ dbPath: s.env.dbPath, clock: () => new Date('2026-04-09T23:59:00+08:00') });
    try {
      const session = slow.createSession();
      await call(slow, session, 'auth.signIn', { code: 'bgy01', password: 'bgy01-pass-1' });
      const before = s.depot.store.all('SELECT * FROM stock ORDER BY lot_id, location_id');
      const late = await slow.invoke('transfers.post', { lines: [{ lotId: s.depot.store.first<{ id: number }>("SELECT id FROM lots WHERE lot_no = 'M1'")!.id, fromLocationId: s.a2.id, toLocationId: s.a1.id, qty: 1 }], requestId: rid() }, session);
      expect(late).toMatchObject({ ok: false, error: { code: 'day_closed' } });
      if (!late.ok) expect(late.error.message).toBe('这笔业务的日期已经扎账，不能再记入；请检查本机的日期和时间');
      expect(s.depot.store.all('SELECT * FROM stock ORDER BY lot_id, location_id')).toEqual(before);
    } finally {
      slow.close();
    }
    expect(ledgerMismatches(s.depot)).toEqual([]);
    const list = await call(s.depot, s.keeper, 'ledger.dayCloses', {});
    expect(list.map((c) => [c.day, c.closedBy])).toEqual([
      ['2026-04-09', 'bgy01'],
      ['2026-04-08', 'bgy01'],
    ]);
    // The close is append-only in the database too.
    expect(() => s.depot.store.run("UPDATE day_close_items SET in_qty = 0 WHERE day = '2026-04-08'")).toThrow(/never changed/);
  });
});

describe('the shift handover (交接班)', () => {
  it('lists the documents, in and out per item, lot status changes and what stays open', async () => {
    await call(s.depot, s.keeper, 'receipts.saveDraft', { sourceType: 'purchase', supplierId: s.maker.id, lines: [{ itemId: s.suit.id, lotNo: 'S5', counted: 10, locationId: s.a1.id }], requestId: rid() });
    const r = await call(s.depot, s.keeper, 'ledger.shiftReport', { from: '2026-04-10T08:00:00+08:00', to: '2026-04-10T16:00:00+08:00' });
    expect(r.documents.map((d) => [d.docType, d.docNo])).toEqual([
      ['dispatch_reversal', 'CKH20260410-0001'],
      ['delivery_adjustment', 'CK20260409-0001'],
      ['stocktake', 'PD20260410-0001'],
      ['receipt', 'RK20260410-0001'],
      ['receipt', 'RK20260410-0002'],
    ]);
    expect(r.documents.find((d) => d.docNo === 'RK20260410-0002')).toMatchObject({ qtyIn: 0, lines: 1, counterparty: '华康医疗用品有限公司' });
    const bed = r.byItem.find((i) => i.itemCode === 'CW-001')!;
    expect(bed).toMatchObject({ qtyIn: 10, qtyOut: 2, net: 8 });
    const ledger = s.depot.store.first<{ q: number }>(
      `SELECT sum(qty) AS q FROM movements WHERE item_id = ? AND doc_type <> 'move' AND at >= '2026-04-10T00:00:00.000Z' AND at < '2026-04-10T08:00:00.000Z'`,
      [s.bed.id],
    )!.q;
    expect(bed.net).toBe(ledger);
    expect(r.lotStatusChanges).toEqual([expect.objectContaining({ lotNo: 'S1', from: 'accepted', to: 'quarantined', note: '抽检复核', operator: 'bgy01' })]);
    expect(r.open.draftReceipts).toHaveLength(1);
    expect(r.open.quarantinedLots.map((l) => l.lotNo)).toEqual(['S1']);
    // The hotel's order was reversed and the hospital signed: nothing waits to be shipped or signed for.
    expect(r.open.openDispatches).toEqual([]);
    await call(s.depot, s.dispatcher, 'dispatch.create', { unitId: s.hotel.id, lines: [{ itemId: s.bed.id, qty: 5 }], requestId: rid() });
    const later = await call(s.depot, s.keeper, 'ledger.shiftReport', { from: '2026-04-10T16:00:00+08:00', to: '2026-04-10T20:00:00+08:00' });
    expect(later.open.openDispatches).toEqual([expect.objectContaining({ status: 'draft', unitName: '驰援医疗队入住酒店' })]);
  });
});
