import type { Depot, Session } from '../../../../main/core/depot.ts';
import { adminSession, call, rid, sessionWithRole, tempDepot } from '../../../support/depot.ts';
import { smallDepot } from '../../../support/fixtures.ts';

/** The depot's time zone: days, the close and the briefing's "截至…时" are Beijing time. */
process.env.TZ = 'Asia/Shanghai';

/** A depot whose clock the test moves: every posting happens at the moment it says. */
export function clockedDepot(start: string) {
  let now = new Date(start);
  const env = tempDepot({ clock: () => now });
  return { env, at: (iso: string) => void (now = new Date(iso)), now: () => now };
}

export type Scenario = Awaited<ReturnType<typeof threeDays>>;

/**
 * Three days of a depot through the real channels only:
 *   4月8日: purchase (priced), two donations (unpriced; the second stays untouched), higher-level allocation;
 *   4月9日: the allocation reversed (红冲), a move, dispatches to a makeshift hospital and a quarantine hotel;
 *   4月10日: the hotel dispatch reversed, the hospital signs with 20 masks short, a stocktake (2 beds missing,
 *            5 masks found), a return from the hospital, a receipt wholly rejected, a quarantined lot.
 */
export async function threeDays() {
  const clock = clockedDepot('2026-04-08T09:00:00+08:00');
  const { env } = clock;
  const depot = env.depot;
  const admin = await adminSession(depot);
  const keeper = await sessionWithRole(depot, admin, 'storekeeper', 'bgy01');
  const dispatcher = await sessionWithRole(depot, admin, 'dispatcher', 'ddy01');
  const approver = await sessionWithRole(depot, admin, 'approver', 'sh01');
  const d = await smallDepot(depot, admin);
  const province = await call(depot, admin, 'suppliers.create', { code: 'S-003', name: '自治区应急管理厅', kind: 'higher_level', requestId: rid() });
  const hospital = await call(depot, admin, 'units.create', { code: 'FC-01', name: '会展中心方舱医院', type: 'makeshift_hospital', district: '新城区', requestId: rid() });
  const hotel = await call(depot, admin, 'units.create', { code: 'JD-01', name: '驰援医疗队入住酒店', type: 'quarantine_hotel', district: '赛罕区', requestId: rid() });

  const receive = async (s: Session, body: Record<string, unknown>) => {
    const draft = await call(depot, s, 'receipts.saveDraft', { ...body, requestId: rid() });
    return call(depot, s, 'receipts.post', { id: draft.id, version: draft.version, requestId: rid() });
  };
  const ship = async (unitId: number, lines: { itemId: number; qty: number | string }[]) => {
    const order = await call(depot, dispatcher, 'dispatch.create', { unitId, lines, requestId: rid() });
    const approved = await call(depot, approver, 'dispatch.approve', { id: order.id, version: order.version, requestId: rid() });
    const picked = await call(depot, keeper, 'dispatch.pick', { id: order.id, version: approved.version, requestId: rid() });
    return call(depot, dispatcher, 'dispatch.ship', { id: order.id, version: picked.version, requestId: rid() });
  };

  // 4月8日
  const purchase = await receive(keeper, {
    sourceType: 'purchase', supplierId: d.maker.id, reference: 'PO-0408',
    lines: [
      { itemId: d.mask.id, lotNo: 'M1', expiresOn: '2028-02-28', counted: '2箱', unitCost: 120, locationId: d.a1.id },
      { itemId: d.suit.id, lotNo: 'S1', expiresOn: '2028-03-31', counted: 200, unitCost: 2500, locationId: d.a1.id },
    ],
  });
  clock.at('2026-04-08T10:30:00+08:00');
  const donation = await receive(keeper, {
    sourceType: 'donation', supplierId: d.donor.id,
    lines: [
      { itemId: d.bed.id, counted: 300, locationId: d.a2.id },
      { itemId: d.mask.id, lotNo: 'D1', expiresOn: '2027-12-31', counted: 1000, locationId: d.a2.id },
    ],
  });
  clock.at('2026-04-08T10:45:00+08:00');
  const suitsDonation = await receive(keeper, {
    sourceType: 'donation', supplierId: d.donor.id,
    lines: [{ itemId: d.suit.id, lotNo: 'S3', expiresOn: '2029-01-31', counted: 30, locationId: d.a1.id }],
  });
  clock.at('2026-04-08T11:00:00+08:00');
  const allocation = await receive(keeper, {
    sourceType: 'allocation', supplierId: province.id,
    lines: [{ itemId: d.suit.id, lotNo: 'S2', expiresOn: '2028-06-30', counted: 100, unitCost: 2400, locationId: d.a2.id }],
  });

  // 4月9日
  clock.at('2026-04-09T09:00:00+08:00');
  await call(depot, approver, 'receipts.reverse', { id: allocation.id, reason: '调拨单重复录入', requestId: rid() });
  clock.at('2026-04-09T10:00:00+08:00');
  const [m1] = await call(depot, keeper, 'lots.find', { lotNo: 'M1' });
  await call(depot, keeper, 'transfers.post', { lines: [{ lotId: m1!.id, fromLocationId: d.a1.id, toLocationId: d.a2.id, qty: 500 }], requestId: rid() });
  clock.at('2026-04-09T11:00:00+08:00');
  const toHospital = await ship(hospital.id, [{ itemId: d.mask.id, qty: 1200 }, { itemId: d.bed.id, qty: 100 }]);
  clock.at('2026-04-09T12:00:00+08:00');
  const toHotel = await ship(hotel.id, [{ itemId: d.suit.id, qty: 50 }]);

  // 4月10日
  clock.at('2026-04-10T09:00:00+08:00');
  await call(depot, approver, 'dispatch.reverse', { id: toHotel.id, reason: '单位重复申领', requestId: rid() });
  clock.at('2026-04-10T10:00:00+08:00');
  const maskLine = toHospital.lines.find((l) => l.itemId === d.mask.id)!;
  // The shortfall is written off by the approver, not by the floor that shipped it.
  await call(depot, approver, 'dispatch.deliver', {
    id: toHospital.id, version: toHospital.version, receiver: '李护士长',
    discrepancies: [{ lineId: maskLine.id, lotId: maskLine.picks[0]!.lotId, kind: 'short', qty: 20, reason: '少一盒以下零头' }],
    requestId: rid(),
  });
  clock.at('2026-04-10T11:00:00+08:00');
  const sheet = await call(depot, keeper, 'stocktakes.create', { locationId: d.a2.id, requestId: rid() });
  const counts = sheet.lines.map((l) => ({
    lineId: l.id,
    countedQty: l.itemCode === 'CW-001' ? l.bookQty - 2 : l.lotNo === 'M1' ? l.bookQty + 5 : l.bookQty,
  }));
  const counted = await call(depot, keeper, 'stocktakes.count', { id: sheet.id, version: sheet.version, counts, requestId: rid() });
  await call(depot, approver, 'stocktakes.post', { id: sheet.id, version: counted.version, reason: '月中盘点', requestId: rid() });
  clock.at('2026-04-10T12:00:00+08:00');
  await receive(keeper, { sourceType: 'return', unitId: hospital.id, lines: [{ itemId: d.bed.id, counted: 10, locationId: d.a2.id }] });
  clock.at('2026-04-10T13:00:00+08:00');
  await receive(keeper, {
    sourceType: 'purchase', supplierId: d.maker.id,
    lines: [{ itemId: d.suit.id, lotNo: 'S9', expiresOn: '2028-01-31', counted: 40, rejected: 40, rejectReason: '无检验报告', unitCost: 2600, locationId: d.a1.id }],
  });
  clock.at('2026-04-10T14:00:00+08:00');
  const [s1] = await call(depot, keeper, 'lots.find', { lotNo: 'S1' });
  await call(depot, keeper, 'lots.setStatus', { id: s1!.id, version: s1!.version, status: 'quarantined', note: '抽检复核', requestId: rid() });
  clock.at('2026-04-10T18:00:00+08:00');

  return { ...clock, depot, admin, keeper, dispatcher, approver, province, hospital, hotel, purchase, donation, suitsDonation, allocation, toHospital, toHotel, ...d };
}

/** Every table's rows, to show that a refused import changed nothing at all. */
export function snapshot(depot: Depot): Record<string, unknown[]> {
  const tables = depot.store.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
  return Object.fromEntries(tables.map(({ name }) => [name, depot.store.all(`SELECT * FROM "${name}"`)]));
}
