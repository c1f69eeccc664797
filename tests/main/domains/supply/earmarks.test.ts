import { afterEach, describe, expect, it } from 'vitest';
import { call, rid, sessionWithRole } from '../../../support/depot.ts';
import { ledgerMismatches, staffedDepot } from '../../../support/fixtures.ts';

let env: Awaited<ReturnType<typeof staffedDepot>>['env'];
afterEach(() => env?.cleanup());

const DAY = '2026-04-10';

/**
 * 1,000 masks bought (lot P1, expiring first), 2,000 donated for designated hospitals (lot D1).
 * The designated hospital needs 1,500 over three days, a quarantine hotel 3,000.
 */
async function earmarked() {
  const s = await staffedDepot({ clock: () => new Date('2026-04-10T10:00:00+08:00') });
  env = s.env;
  await s.receive(s.f.mask.id, '1箱', 120, { lotNo: 'P1', expiresOn: '2030-01-01' });
  const pledge = await call(s.depot, s.dispatcher, 'pledges.create', {
    donorId: s.f.donor.id, donorKind: 'company', pledgedOn: DAY, earmark: { unitType: 'designated_hospital' },
    lines: [{ itemId: s.f.mask.id, qty: '2箱' }], requestId: rid(),
  });
  const start = await call(s.depot, s.keeper, 'pledges.receiptStart', { id: pledge.id });
  const draft = await call(s.depot, s.keeper, 'receipts.saveDraft', {
    ...start, lines: start.lines.map((l) => ({ itemId: l.itemId, counted: l.counted, lotNo: 'D1', expiresOn: '2031-01-01', locationId: s.f.a2.id })), requestId: rid(),
  });
  const donation = await call(s.depot, s.keeper, 'receipts.post', { id: draft.id, version: draft.version, requestId: rid() });
  const hotel = await call(s.depot, s.admin, 'units.create', { code: 'U-02', name: '江川宾馆隔离点', type: 'quarantine_hotel', requestId: rid() });
  await call(s.depot, s.dispatcher, 'demand.save', {
    day: DAY,
    rows: [
      { unitId: s.unitId, itemId: s.f.mask.id, onHand: 0, dailyNeed: 500, minimumNeed: 500 },
      { unitId: hotel.id, itemId: s.f.mask.id, onHand: 0, dailyNeed: 1000, minimumNeed: 1000 },
    ],
    requestId: rid(),
  });
  return { ...s, pledge, donation, hotel };
}

describe('earmarked donations (定向捐赠)', () => {
  it('the pledge says whom it is for; a bad earmark is refused in words', async () => {
    const s = await earmarked();
    expect(s.pledge.earmarkText).toBe('定向：定点医院');
    const both = await s.depot.invoke('pledges.create', {
      donorId: s.f.donor.id, donorKind: 'person', pledgedOn: DAY, earmark: { unitType: 'designated_hospital', district: '东城区' },
      lines: [{ itemId: s.f.mask.id, qty: 10 }], requestId: rid(),
    }, s.dispatcher);
    expect(both).toMatchObject({ ok: false, error: { code: 'invalid_input', message: '输入有误：定向捐赠须且只能指定一个受领单位、一种单位类型或一个区县' } });
  });

  it('the round gives earmarked stock only to the designated hospital, before general stock; the plan line says how much was earmarked', async () => {
    const s = await earmarked();
    const plan = await call(s.depot, s.dispatcher, 'allocation.save', { day: DAY, coverDays: 3, reserve: { percent: 0 }, requestId: rid() });
    const line = (unitId: number) => plan.lines.find((l) => l.unitId === unitId)!;
    // The hospital's 1,500 all come from the donation; the hotel gets the 1,000 bought, never the donor's 500 left.
    expect([line(s.unitId).allocated, line(s.unitId).earmarked, line(s.unitId).need]).toEqual([1500, 1500, 1500]);
    expect([line(s.hotel.id).allocated, line(s.hotel.id).earmarked, line(s.hotel.id).need]).toEqual([1000, 0, 3000]);
    expect(plan.items[0]).toMatchObject({ available: 3000, allocated: 2500 });
    // Read back, the plan still says so.
    const again = await call(s.depot, s.dispatcher, 'allocation.get', { id: plan.id! });
    expect(again.lines.map((l) => [l.unitCode, l.allocated, l.earmarked])).toEqual(plan.lines.map((l) => [l.unitCode, l.allocated, l.earmarked]));

    // Approved, the orders pick the donor's lot for the hospital (though it expires later) and never for the hotel.
    const approved = await call(s.depot, s.approver, 'allocation.approve', { id: plan.id!, version: plan.version!, requestId: rid() });
    // The plan's approver made the draft orders: another approver approves them.
    const second = await sessionWithRole(s.depot, s.admin, 'approver', 'boss2');
    const picked = [];
    for (const o of approved.orders) {
      const order = await call(s.depot, s.dispatcher, 'dispatch.get', { id: o.id });
      const done = await call(s.depot, second, 'dispatch.approve', { id: order.id, version: order.version, requestId: rid() });
      picked.push([done.unitName, done.lines[0]!.picks.map((p) => [p.lotNo, p.qty])]);
    }
    expect(picked).toEqual([['市第一医院', [['D1', 1500]]], ['江川宾馆隔离点', [['P1', 1000]]]]);

    // The 500 donated masks left are not the hotel's: an order for it is refused as short.
    const more = await call(s.depot, s.dispatcher, 'dispatch.create', { unitId: s.hotel.id, lines: [{ itemId: s.f.mask.id, qty: 200 }], requestId: rid() });
    const refused = await s.depot.invoke('dispatch.approve', { id: more.id, version: more.version, requestId: rid() }, s.approver);
    expect(refused).toMatchObject({ ok: false, error: { code: 'short_stock' } });
    expect(ledgerMismatches(s.depot)).toEqual([]);
  });
});

describe('a lot holding both earmarked and general goods', () => {
  /** 500 masks donated for designated hospitals and 500 bought, both of lot M1; a hotel and the hospital each need 500. */
  async function mixed() {
    const s = await staffedDepot({ clock: () => new Date('2026-04-10T10:00:00+08:00') });
    env = s.env;
    const pledge = await call(s.depot, s.dispatcher, 'pledges.create', {
      donorId: s.f.donor.id, donorKind: 'company', pledgedOn: DAY, earmark: { unitType: 'designated_hospital' }, lines: [{ itemId: s.f.mask.id, qty: 500 }], requestId: rid(),
    });
    const start = await call(s.depot, s.keeper, 'pledges.receiptStart', { id: pledge.id });
    const draft = await call(s.depot, s.keeper, 'receipts.saveDraft', {
      ...start, lines: start.lines.map((l) => ({ itemId: l.itemId, counted: l.counted, lotNo: 'M1', expiresOn: '2031-01-01', locationId: s.f.a1.id })), requestId: rid(),
    });
    const donation = await call(s.depot, s.keeper, 'receipts.post', { id: draft.id, version: draft.version, requestId: rid() });
    await s.receive(s.f.mask.id, 500, 120, { lotNo: 'M1', expiresOn: '2031-01-01' });
    expect(s.depot.store.first<{ n: number }>("SELECT count(*) AS n FROM lots WHERE lot_no = 'M1'")!.n).toBe(1);
    const hotel = await call(s.depot, s.admin, 'units.create', { code: 'U-02', name: '江川宾馆隔离点', type: 'quarantine_hotel', requestId: rid() });
    const second = await sessionWithRole(s.depot, s.admin, 'approver', 'boss2');
    return { ...s, donation, hotel, second };
  }

  it('only the 500 donated are held for the hospitals: the round gives the hotel the 500 bought, and FEFO picks them for it', async () => {
    const s = await mixed();
    await call(s.depot, s.dispatcher, 'demand.save', {
      day: DAY,
      rows: [
        { unitId: s.unitId, itemId: s.f.mask.id, onHand: 0, dailyNeed: 500, minimumNeed: 500 },
        { unitId: s.hotel.id, itemId: s.f.mask.id, onHand: 0, dailyNeed: 500, minimumNeed: 500 },
      ],
      requestId: rid(),
    });
    const plan = await call(s.depot, s.dispatcher, 'allocation.save', { day: DAY, coverDays: 1, reserve: { percent: 0 }, requestId: rid() });
    const line = (unitId: number) => plan.lines.find((l) => l.unitId === unitId)!;
    expect([line(s.unitId).allocated, line(s.unitId).earmarked]).toEqual([500, 500]);
    expect([line(s.hotel.id).allocated, line(s.hotel.id).earmarked]).toEqual([500, 0]);
    expect(plan.items[0]).toMatchObject({ available: 1000, allocated: 1000 });

    // The hotel's order comes first (its picks are the general half), then the hospital's.
    const approved = await call(s.depot, s.approver, 'allocation.approve', { id: plan.id!, version: plan.version!, requestId: rid() });
    const orders = await Promise.all(approved.orders.map((o) => call(s.depot, s.dispatcher, 'dispatch.get', { id: o.id })));
    const hotelOrder = orders.find((o) => o.unitId === s.hotel.id)!;
    const hospitalOrder = orders.find((o) => o.unitId === s.unitId)!;
    const done = [];
    for (const o of [hotelOrder, hospitalOrder]) {
      const ok = await call(s.depot, s.second, 'dispatch.approve', { id: o.id, version: o.version, requestId: rid() });
      done.push([ok.unitName, ok.lines[0]!.picks.map((p) => [p.lotNo, p.qty])]);
      await call(s.depot, s.dispatcher, 'dispatch.ship', { id: ok.id, version: ok.version, requestId: rid() });
    }
    expect(done).toEqual([['江川宾馆隔离点', [['M1', 500]]], ['市第一医院', [['M1', 500]]]]);

    // The disclosure follows the donor's 500 to the hospital only, though the hotel's left the lot first.
    const [trace] = await call(s.depot, s.keeper, 'donations.trace', {});
    expect(trace!.no).toBe(s.donation.no);
    expect(trace!.lines[0]!.destinations.map((d) => [d.unitName, d.qty])).toEqual([['市第一医院', 500]]);
    expect([trace!.lines[0]!.received, trace!.lines[0]!.dispatched, trace!.lines[0]!.remaining]).toEqual([500, 500, 0]);
    expect(ledgerMismatches(s.depot)).toEqual([]);
  });

  it('the hotel may have the 500 bought and not one more; the hospital still gets the donor’s 500', async () => {
    const s = await mixed();
    const order = async (unitId: number, qty: number) => {
      const o = await call(s.depot, s.dispatcher, 'dispatch.create', { unitId, lines: [{ itemId: s.f.mask.id, qty }], requestId: rid() });
      return s.depot.invoke('dispatch.approve', { id: o.id, version: o.version, requestId: rid() }, s.approver);
    };
    expect(await order(s.hotel.id, 501)).toMatchObject({ ok: false, error: { code: 'short_stock' } });
    const hotel = await order(s.hotel.id, 500);
    expect(hotel.ok && hotel.data.lines[0]!.picks.map((p) => [p.lotNo, p.qty])).toEqual([['M1', 500]]);
    // With the general half reserved for the hotel, what is left is the donor's, and the hotel gets none of it.
    expect(await order(s.hotel.id, 1)).toMatchObject({ ok: false, error: { code: 'short_stock' } });
    const hospital = await order(s.unitId, 500);
    expect(hospital.ok && hospital.data.lines[0]!.picks.map((p) => [p.lotNo, p.qty])).toEqual([['M1', 500]]);
  });

  it('a hospital dispatch reversed (红冲) puts the donor’s 500 back under the earmark', async () => {
    const s = await mixed();
    const o = await call(s.depot, s.dispatcher, 'dispatch.create', { unitId: s.unitId, lines: [{ itemId: s.f.mask.id, qty: 500 }], requestId: rid() });
    const approved = await call(s.depot, s.approver, 'dispatch.approve', { id: o.id, version: o.version, requestId: rid() });
    const shipped = await call(s.depot, s.dispatcher, 'dispatch.ship', { id: approved.id, version: approved.version, requestId: rid() });
    await call(s.depot, s.approver, 'dispatch.reverse', { id: shipped.id, reason: '发错批次', requestId: rid() });
    const order = async (qty: number) => {
      const h = await call(s.depot, s.dispatcher, 'dispatch.create', { unitId: s.hotel.id, lines: [{ itemId: s.f.mask.id, qty }], requestId: rid() });
      return s.depot.invoke('dispatch.approve', { id: h.id, version: h.version, requestId: rid() }, s.approver);
    };
    expect(await order(501)).toMatchObject({ ok: false, error: { code: 'short_stock' } });
    expect(await order(500)).toMatchObject({ ok: true });
    expect(ledgerMismatches(s.depot)).toEqual([]);
  });

  it('hospital takes 200 of the 500 donated, the hotel the 500 bought: the 300 left are the donor’s and the hotel gets none', async () => {
    const s = await mixed();
    const shipTo = async (unitId: number, qty: number) => {
      const o = await call(s.depot, s.dispatcher, 'dispatch.create', { unitId, lines: [{ itemId: s.f.mask.id, qty }], requestId: rid() });
      const ok = await s.depot.invoke('dispatch.approve', { id: o.id, version: o.version, requestId: rid() }, s.approver);
      if (ok.ok) await call(s.depot, s.dispatcher, 'dispatch.ship', { id: ok.data.id, version: ok.data.version, requestId: rid() });
      return ok;
    };
    expect(await shipTo(s.unitId, 200)).toMatchObject({ ok: true });
    expect(await shipTo(s.hotel.id, 500)).toMatchObject({ ok: true });
    expect(await shipTo(s.hotel.id, 1)).toMatchObject({ ok: false, error: { code: 'short_stock' } });
    expect(await shipTo(s.unitId, 300)).toMatchObject({ ok: true });
    expect(ledgerMismatches(s.depot)).toEqual([]);
  });
});

describe('one lot filled by two earmarked pledges', () => {
  /** Lot M1: 500 masks donated for designated hospitals, then 500 donated for quarantine hotels; a checkpoint is named by neither. */
  async function twoEarmarks() {
    const s = await staffedDepot({ clock: () => new Date('2026-04-10T10:00:00+08:00') });
    env = s.env;
    const donate = async (earmark: { unitType: 'designated_hospital' | 'quarantine_hotel' }) => {
      const pledge = await call(s.depot, s.dispatcher, 'pledges.create', {
        donorId: s.f.donor.id, donorKind: 'company', pledgedOn: DAY, earmark, lines: [{ itemId: s.f.mask.id, qty: 500 }], requestId: rid(),
      });
      const start = await call(s.depot, s.keeper, 'pledges.receiptStart', { id: pledge.id });
      const draft = await call(s.depot, s.keeper, 'receipts.saveDraft', {
        ...start, lines: start.lines.map((l) => ({ itemId: l.itemId, counted: l.counted, lotNo: 'M1', expiresOn: '2031-01-01', locationId: s.f.a1.id })), requestId: rid(),
      });
      return call(s.depot, s.keeper, 'receipts.post', { id: draft.id, version: draft.version, requestId: rid() });
    };
    const forHospitals = await donate({ unitType: 'designated_hospital' });
    const forHotels = await donate({ unitType: 'quarantine_hotel' });
    expect(s.depot.store.first<{ n: number }>("SELECT count(*) AS n FROM lots WHERE lot_no = 'M1'")!.n).toBe(1);
    const hotel = await call(s.depot, s.admin, 'units.create', { code: 'U-02', name: '江川宾馆隔离点', type: 'quarantine_hotel', requestId: rid() });
    const checkpoint = await call(s.depot, s.admin, 'units.create', { code: 'U-03', name: '东湖卡口', type: 'checkpoint', requestId: rid() });
    const order = async (unitId: number, qty: number) => {
      const o = await call(s.depot, s.dispatcher, 'dispatch.create', { unitId, lines: [{ itemId: s.f.mask.id, qty }], requestId: rid() });
      return s.depot.invoke('dispatch.approve', { id: o.id, version: o.version, requestId: rid() }, s.approver);
    };
    return { ...s, forHospitals, forHotels, hotel, checkpoint, order };
  }

  it('each donor’s 500 are held for the units that donor named: the hotel gets the second donor’s, the checkpoint none', async () => {
    const s = await twoEarmarks();
    expect(await s.order(s.checkpoint.id, 1)).toMatchObject({ ok: false, error: { code: 'short_stock' } });
    expect(await s.order(s.hotel.id, 501)).toMatchObject({ ok: false, error: { code: 'short_stock' } });
    const hotel = await s.order(s.hotel.id, 500);
    expect(hotel.ok && hotel.data.lines[0]!.picks.map((p) => [p.lotNo, p.qty])).toEqual([['M1', 500]]);
    expect(await s.order(s.unitId, 501)).toMatchObject({ ok: false, error: { code: 'short_stock' } });
    expect(await s.order(s.unitId, 500)).toMatchObject({ ok: true });
  });

  it('the round shares each donor’s goods among that donor’s units only, and the disclosure follows each donation to its own', async () => {
    const s = await twoEarmarks();
    await call(s.depot, s.dispatcher, 'demand.save', {
      day: DAY,
      rows: [
        { unitId: s.unitId, itemId: s.f.mask.id, onHand: 0, dailyNeed: 800, minimumNeed: 800 },
        { unitId: s.hotel.id, itemId: s.f.mask.id, onHand: 0, dailyNeed: 800, minimumNeed: 800 },
        { unitId: s.checkpoint.id, itemId: s.f.mask.id, onHand: 0, dailyNeed: 800, minimumNeed: 800 },
      ],
      requestId: rid(),
    });
    const plan = await call(s.depot, s.dispatcher, 'allocation.save', { day: DAY, coverDays: 1, reserve: { percent: 0 }, requestId: rid() });
    const line = (unitId: number) => plan.lines.find((l) => l.unitId === unitId)!;
    expect([line(s.unitId).allocated, line(s.unitId).earmarked]).toEqual([500, 500]);
    expect([line(s.hotel.id).allocated, line(s.hotel.id).earmarked]).toEqual([500, 500]);
    expect([line(s.checkpoint.id).allocated, line(s.checkpoint.id).earmarked]).toEqual([0, 0]);

    const second = await sessionWithRole(s.depot, s.admin, 'approver', 'boss2');
    const approved = await call(s.depot, s.approver, 'allocation.approve', { id: plan.id!, version: plan.version!, requestId: rid() });
    for (const o of approved.orders) {
      const got = await call(s.depot, s.dispatcher, 'dispatch.get', { id: o.id });
      const ok = await call(s.depot, second, 'dispatch.approve', { id: got.id, version: got.version, requestId: rid() });
      await call(s.depot, s.dispatcher, 'dispatch.ship', { id: ok.id, version: ok.version, requestId: rid() });
    }
    const traces = await call(s.depot, s.keeper, 'donations.trace', {});
    const where = (no: string | null) => traces.find((t) => t.no === no)!.lines[0]!.destinations.map((d) => [d.unitName, d.qty]);
    expect(where(s.forHospitals.no)).toEqual([['市第一医院', 500]]);
    expect(where(s.forHotels.no)).toEqual([['江川宾馆隔离点', 500]]);
    expect(ledgerMismatches(s.depot)).toEqual([]);
  });
});
