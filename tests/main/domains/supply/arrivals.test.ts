import { afterEach, describe, expect, it } from 'vitest';
import { call, rid } from '../../../support/depot.ts';
import { staffedDepot } from '../../../support/fixtures.ts';

let env: Awaited<ReturnType<typeof staffedDepot>>['env'];
afterEach(() => env?.cleanup());

const DAY = '2026-04-10';

async function depot() {
  const s = await staffedDepot({ clock: () => new Date('2026-04-10T10:00:00+08:00') });
  env = s.env;
  return s;
}

describe('donations on arrival (SUMA classes)', () => {
  it('suggests urgent for what the last round left short, non-priority for what no one asked for; the storekeeper’s class wins and orders the queue', async () => {
    const s = await depot();
    await s.receive(s.f.mask.id, 1000, 120);
    await call(s.depot, s.dispatcher, 'demand.save', { day: DAY, rows: [{ unitId: s.unitId, itemId: s.f.mask.id, onHand: 0, dailyNeed: 1000, minimumNeed: 500 }], requestId: rid() });
    const round = await call(s.depot, s.dispatcher, 'allocation.save', { day: DAY, coverDays: 3, reserve: { percent: 0 }, requestId: rid() });
    const short = round.lines[0]!.need - round.lines[0]!.allocated;
    const arrive = (itemId: number, lotNo: string) =>
      call(s.depot, s.keeper, 'receipts.saveDraft', { sourceType: 'donation', supplierId: s.f.donor.id, lines: [{ itemId, lotNo, expiresOn: '2029-01-01', counted: 10, locationId: s.f.a1.id }], requestId: rid() });
    const beds = await arrive(s.f.bed.id, '');
    const masks = await arrive(s.f.mask.id, 'DM1');

    const queue = await call(s.depot, s.keeper, 'donations.arrivals', {});
    expect(queue.map((a) => [a.receiptId, a.suggested, a.why, a.class])).toEqual([
      [masks.id, 'urgent', `医用防护口罩：最新分配方案仍缺 ${short}`, null],
      [beds.id, 'non_priority', '近 30 天无单位申报需求', null],
    ]);
    const classed = await call(s.depot, s.keeper, 'donations.classify', { receiptId: beds.id, class: 'urgent', note: '方舱开舱急用', requestId: rid() });
    expect(classed).toMatchObject({ class: 'urgent', note: '方舱开舱急用', suggested: 'non_priority' });
    // Posted and accepted, the masks leave the queue; the beds stay until posted.
    await call(s.depot, s.keeper, 'receipts.post', { id: masks.id, version: masks.version, requestId: rid() });
    expect((await call(s.depot, s.keeper, 'donations.arrivals', {})).map((a) => a.receiptId)).toEqual([beds.id]);

    const bought = await s.receive(s.f.bed.id, 1, 100);
    const refused = await s.depot.invoke('donations.classify', { receiptId: bought.id, class: 'urgent', requestId: rid() }, s.keeper);
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', message: `输入有误：入库单 ${bought.no} 不是捐赠入库，无需分级` } });
  });
});

describe('late deliveries', () => {
  it('lists order lines past their promised date and pledges past their expected date while goods are outstanding', async () => {
    const s = await depot();
    const po = await call(s.depot, s.dispatcher, 'purchaseOrders.create', {
      supplierId: s.f.maker.id,
      lines: [{ itemId: s.f.mask.id, qty: 1000, promisedOn: '2026-04-09' }, { itemId: s.f.suit.id, qty: 50, promisedOn: '2026-04-12' }],
      requestId: rid(),
    });
    await call(s.depot, s.dispatcher, 'pledges.create', { donorId: s.f.donor.id, donorKind: 'person', pledgedOn: '2026-04-01', expectedOn: '2026-04-05', lines: [{ itemId: s.f.bed.id, qty: 20 }], requestId: rid() });
    // Masks bought outside the order do not count against it; 600 come against it.
    await s.receive(s.f.mask.id, 400, 120);
    const start = await call(s.depot, s.keeper, 'purchaseOrders.receiptStart', { id: po.id });
    const draft = await call(s.depot, s.keeper, 'receipts.saveDraft', {
      ...start, lines: [{ itemId: s.f.mask.id, counted: 600, lotNo: 'L2', expiresOn: '2030-01-31', unitCost: 100, locationId: s.f.a1.id }], requestId: rid(),
    });
    await call(s.depot, s.keeper, 'receipts.post', { id: draft.id, version: draft.version, requestId: rid() });

    const late = await call(s.depot, s.keeper, 'supply.late', {});
    expect(late.map((l) => [l.no, l.partyName, l.itemName, l.dueOn, l.daysLate, l.outstanding])).toEqual([
      ['RJ20260410-0001', '爱心企业联合会', '折叠床', '2026-04-05', 5, 20],
      [po.no, '华康医疗用品有限公司', '医用防护口罩', '2026-04-09', 1, 400],
    ]);
  });
});
