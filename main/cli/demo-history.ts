import { randomUUID } from 'node:crypto';
import { openDepot } from '../core/depot.ts';
import type { ChannelName, Input, Output } from '../../shared/contract/index.ts';
import { localDay } from '../domains/ledger/period.ts';
import { seededRandom } from './seeded-random.ts';

export interface HistoryCounts {
  days: number;
  receipts: number;
  plans: number;
  orders: number;
  delivered: number;
  closedDays: number;
}

/**
 * Two weeks of a depot's life on top of the demo's master data, so that every page, the dashboard
 * and the ledger show something real on first look: opening stock, then each day trucks received
 * (purchases priced, donations not, allocations from above), the units' demand reports, the day's
 * plan computed and approved, its orders approved, picked, shipped and signed for, the day closed
 * (扎账) the next morning; a stocktake, a reversal, a lot near its expiry; and yesterday's orders left in
 * every status, still open this morning. Everything goes through the door at the moment it happened (a clock the
 * seeder moves), as the system operator.
 */
export async function seedHistory(dbPath: string, { today = new Date(), days = 14 }: { today?: Date; days?: number } = {}): Promise<HistoryCounts> {
  let now = new Date(today);
  const depot = openDepot({ dbPath, clock: () => now });
  const session = depot.systemSession();
  const call = async <C extends ChannelName>(channel: C, input: Partial<Input<C>> & Record<string, unknown>): Promise<Output<C>> => {
    const result = await depot.invoke(channel, { ...input, requestId: randomUUID() }, session);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.data;
  };
  const rnd = seededRandom(20_260_405);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(list: readonly T[]) => list[int(0, list.length - 1)]!;
  const counts: HistoryCounts = { days, receipts: 0, plans: 0, orders: 0, delivered: 0, closedDays: 0 };

  try {
    const items = await call('items.list', { includeInactive: false });
    const units = (await call('units.list', { includeInactive: false })).filter((u) => u.staffCount > 0);
    const suppliers = await call('suppliers.list', { includeInactive: false });
    const locations = await call('locations.list', { includeInactive: false });
    const of = (kinds: string[]) => suppliers.filter((s) => kinds.includes(s.kind));
    const makers = of(['manufacturer', 'distributor']);
    const donors = of(['donor']);
    const above = of(['higher_level', 'district']);
    const at = (day: Date, hour: number, minute = 0) => {
      const d = new Date(day);
      d.setHours(hour, minute, 0, 0);
      now = d;
    };
    const dayOf = (offset: number) => {
      const d = new Date(today);
      d.setDate(d.getDate() + offset);
      return d;
    };
    const year = today.getFullYear();
    let lotNo = 0;
    const line = (item: (typeof items)[number], qty: number, cost: number | null, expiresOn?: string) => ({
      itemId: item.id,
      lotNo: item.lotTracked ? `D${String(++lotNo).padStart(4, '0')}` : '',
      expiresOn: item.lotTracked ? (expiresOn ?? `${year + 1 + (lotNo % 2)}-${String((lotNo % 12) + 1).padStart(2, '0')}-28`) : null,
      counted: qty,
      unitCost: cost,
      locationId: pick(locations).id,
    });
    const receive = async (sourceType: 'opening' | 'purchase' | 'donation' | 'allocation', supplierId: number | null, lines: ReturnType<typeof line>[], reference = '') => {
      const draft = await call('receipts.saveDraft', { sourceType, supplierId, reference, lines });
      counts.receipts++;
      return call('receipts.post', { id: draft.id, version: draft.version });
    };

    // The first morning: what was on the shelves when the desk started (期初).
    at(dayOf(-days), 8, 0);
    await receive('opening', null, items.map((i) => line(i, int(20, 60) * Math.max(1, i.packs[0]?.per ?? 10), 100 * int(1, 40))), '期初盘点表');

    for (let d = -days; d <= -1; d++) {
      const day = dayOf(d);
      const dayText = localDay(day.toISOString());
      // 扎账 of the day before, first thing in the morning.
      if (d > -days) {
        at(day, 0, 10);
        await call('ledger.closeDay', { day: localDay(dayOf(d - 1).toISOString()) });
        counts.closedDays++;
      }
      // Trucks: a purchase, every other day a donation, twice a week an allocation from above.
      at(day, 8, 30);
      const bought = Array.from({ length: int(3, 6) }, () => pick(items));
      await receive('purchase', pick(makers).id, [...new Set(bought)].map((i) => line(i, int(10, 40) * Math.max(1, i.packs[0]?.per ?? 10), 100 * int(2, 60))), `CG${dayText.replaceAll('-', '')}-${int(10, 99)}`);
      if (d % 2 === 0 && donors.length > 0) {
        at(day, 9, 15);
        const given = [...new Set(Array.from({ length: int(2, 4) }, () => pick(items)))];
        // One donated lot runs out soon: the dashboard's expiry alert has something to say.
        const soon = localDay(dayOf(d + 25).toISOString());
        const first = given.find((i) => i.lotTracked);
        await receive('donation', pick(donors).id, given.map((i) => line(i, int(5, 20) * Math.max(1, i.packs[0]?.per ?? 10), null, i === first && d === -days + 2 ? soon : undefined)));
      }
      if (d % 3 === 0 && above.length > 0) {
        at(day, 10, 0);
        await receive('allocation', pick(above).id, [...new Set([pick(items), pick(items)])].map((i) => line(i, int(20, 50) * Math.max(1, i.packs[0]?.per ?? 10), 100 * int(2, 30))), `DB${dayText.replaceAll('-', '')}`);
      }

      // The units' reports, the plan computed, saved and approved.
      at(day, 11, 0);
      const reporting = [...new Set(Array.from({ length: 8 }, () => pick(units)))];
      const asked = [...new Set(Array.from({ length: 6 }, () => pick(items)))];
      const rows = reporting.flatMap((u) =>
        asked.filter(() => rnd() < 0.7).map((i) => {
          const daily = int(1, 8) * Math.max(1, Math.round((i.packs[0]?.per ?? 10) / 2));
          return { unitId: u.id, itemId: i.id, onHand: int(0, daily), dailyNeed: daily, minimumNeed: Math.ceil(daily / 2), requested: null };
        }),
      );
      if (rows.length === 0) continue;
      await call('demand.save', { day: dayText, rows });
      at(day, 11, 40);
      const plan = await call('allocation.save', { day: dayText });
      at(day, 12, 10);
      await call('allocation.approve', { id: plan.id!, version: plan.version!, confirmReserve: true });
      counts.plans++;

      // Its orders: approved, picked, shipped and signed for — yesterday's partly still open.
      at(day, 13, 0);
      const drafts = (await call('dispatch.list', { status: 'draft', limit: 500 })).filter((o) => o.planId === plan.id);
      if (drafts.length === 0) continue;
      const approved = await call('dispatch.approveMany', { ids: drafts.map((o) => o.id), allowShort: true });
      counts.orders += approved.approved.length;
      const open = await call('dispatch.list', { status: 'approved', limit: 500 });
      for (const [k, summary] of open.entries()) {
        if (d === -1 && k % 3 === 0) continue; // approved, waiting to be picked
        at(day, 14, 10 + k);
        const order = await call('dispatch.get', { id: summary.id });
        const picked = await call('dispatch.pick', { id: order.id, version: order.version });
        if (d === -1 && k % 3 === 1) continue; // picked, waiting for its truck
        at(day, 15, 10 + k);
        const shipped = await call('dispatch.ship', { id: picked.id, version: picked.version, vehicle: `蒙A·${int(10000, 99999)}`, driver: pick(['王师傅', '李师傅', '赵师傅']), driverPhone: `139${int(10000000, 99999999)}` });
        if (d === -1) continue; // on the road
        at(day, 17, 0 + (k % 50));
        await call('dispatch.deliver', { id: shipped.id, version: shipped.version, receiver: pick(['刘护士长', '陈主任', '驻点负责人']) });
        counts.delivered++;
      }

      // A week in: a stocktake of one location finds a carton short; a dispatch sent to the wrong unit is reversed.
      if (d === -Math.floor(days / 2)) {
        at(day, 18, 0);
        const sheet = await call('stocktakes.create', { locationId: locations[0]!.id });
        if (sheet.lines.length > 0) {
          const counted = await call('stocktakes.count', {
            id: sheet.id,
            version: sheet.version,
            counts: sheet.lines.map((l, k) => ({ lineId: l.id, countedQty: k === 0 ? Math.max(0, l.bookAtCount - 10) : l.bookAtCount })),
          });
          await call('stocktakes.post', { id: counted.id, version: counted.version, reason: '月中盘点：一箱外包装破损，已报损' });
        }
        const shipped = (await call('dispatch.list', { status: 'delivered', limit: 5 }))[0];
        if (shipped) {
          const order = await call('dispatch.get', { id: shipped.id });
          if (order.discrepancies.length === 0) await call('dispatch.reverse', { id: order.id, reason: '错发受领单位，已收回' }).catch(() => undefined);
        }
      }
    }
  } finally {
    await depot.close();
  }
  return counts;
}
