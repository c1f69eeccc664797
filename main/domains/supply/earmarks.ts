import type { AllocationInput, AllocationLine, AllocationResult } from '../allocation/engine.ts';
import type { Store } from '../../store/db.ts';
import { computeAllocation } from '../allocation/engine.ts';
import { localDay } from '../../core/doc-numbers.ts';

interface Rule {
  unit_id: number | null;
  unit_type: string | null;
  district: string | null;
}
interface UnitFacts {
  id: number;
  type: string;
  district: string;
}

/** Whether a unit is one the donor designated. */
const fits = (rule: Rule, unit: UnitFacts | undefined): boolean =>
  unit !== undefined && (rule.unit_id !== null ? unit.id === rule.unit_id : rule.unit_type !== null ? unit.type === rule.unit_type : unit.district === rule.district);

/**
 * The lots an earmarked pledge filled (through its receipts that still stand), with the earmark.
 * A lot shared with general stock is held to the earmark whole: the safe side for the donor.
 */
function earmarkedLots(store: Store, itemId: number | null): Map<number, Rule & { pledge_id: number }> {
  // From the pledges inward (CROSS JOIN keeps SQLite to that order): every pick asks, and most depots have few pledges.
  const rows = store.all<Rule & { lot_id: number; pledge_id: number }>(
    `SELECT rl.lot_id, p.id AS pledge_id, p.earmark_unit_id AS unit_id, p.earmark_unit_type AS unit_type, p.earmark_district AS district
       FROM pledges p CROSS JOIN receipts r ON r.pledge_id = p.id CROSS JOIN receipt_lines rl ON rl.receipt_id = r.id
      WHERE (p.earmark_unit_id IS NOT NULL OR p.earmark_unit_type IS NOT NULL OR p.earmark_district IS NOT NULL)
        AND r.status = 'posted' AND r.reverses_id IS NULL AND NOT EXISTS (SELECT 1 FROM receipts x WHERE x.reverses_id = r.id)
        AND rl.lot_id IS NOT NULL AND (:item IS NULL OR rl.item_id = :item)
      ORDER BY p.id`,
    { item: itemId },
  );
  const lots = new Map<number, Rule & { pledge_id: number }>();
  for (const r of rows) if (!lots.has(r.lot_id)) lots.set(r.lot_id, r);
  return lots;
}

const unitFacts = (store: Store, ids: number[]) =>
  new Map(store.all<UnitFacts>('SELECT id, type, district FROM units WHERE id IN (SELECT value FROM json_each(?))', [JSON.stringify(ids)]).map((u) => [u.id, u]));

/**
 * FEFO candidates for one unit's order: lots earmarked for others are left out, and lots
 * earmarked for this unit come first, so the donor's goods reach whom they were given for.
 */
export function forUnit<C extends { lotId: number }>(store: Store, itemId: number, unitId: number, candidates: C[]): C[] {
  const lots = earmarkedLots(store, itemId);
  if (lots.size === 0) return candidates;
  const unit = unitFacts(store, [unitId]).get(unitId);
  const mine = candidates.filter((c) => lots.has(c.lotId) && fits(lots.get(c.lotId)!, unit));
  return [...mine, ...candidates.filter((c) => !lots.has(c.lotId))];
}

/**
 * An allocation round that honours earmarks (定向捐赠): each earmark's free stock is first shared
 * among its eligible units by the same rules; what they still need then comes from general stock,
 * which is what is left once every earmarked lot is set aside — so no one else gets the donor's goods.
 */
export function allocateWithEarmarks(store: Store, now: string, input: AllocationInput): AllocationResult {
  const items = new Set(input.items.map((i) => i.itemId));
  const lots = earmarkedLots(store, null);
  if (lots.size === 0) return computeAllocation(input);
  const free = store.all<{ lot_id: number; item_id: number; free: number }>(
    `SELECT s.lot_id, s.item_id, sum(s.on_hand - s.reserved) AS free FROM stock s JOIN lots l ON l.id = s.lot_id
      WHERE l.status = 'accepted' AND (l.expires_on IS NULL OR l.expires_on >= ?) AND s.lot_id IN (SELECT value FROM json_each(?)) GROUP BY s.lot_id, s.item_id`,
    [localDay(now), JSON.stringify([...lots.keys()])],
  );
  // One pool per pledge and item, oldest pledge first.
  const pools = new Map<string, { pledgeId: number; itemId: number; rule: Rule; free: number }>();
  const setAside = new Map<number, number>();
  for (const f of free) {
    if (!items.has(f.item_id) || f.free <= 0) continue;
    const rule = lots.get(f.lot_id)!;
    const key = `${rule.pledge_id}:${f.item_id}`;
    const pool = pools.get(key) ?? { pledgeId: rule.pledge_id, itemId: f.item_id, rule, free: 0 };
    pool.free += f.free;
    pools.set(key, pool);
    setAside.set(f.item_id, (setAside.get(f.item_id) ?? 0) + f.free);
  }
  if (pools.size === 0) return computeAllocation(input);

  const units = unitFacts(store, input.units.map((u) => u.unitId));
  const given = new Map<string, number>();
  const key = (unitId: number, itemId: number) => `${unitId}:${itemId}`;
  for (const pool of [...pools.values()].sort((a, b) => a.pledgeId - b.pledgeId || a.itemId - b.itemId)) {
    const eligible = input.units.filter((u) => fits(pool.rule, units.get(u.unitId)));
    const ids = new Set(eligible.map((u) => u.unitId));
    const demands = input.demands
      .filter((d) => d.itemId === pool.itemId && ids.has(d.unitId))
      .map((d) => ({ ...d, inTransit: d.inTransit + (given.get(key(d.unitId, d.itemId)) ?? 0) }));
    if (demands.length === 0) continue;
    const item = input.items.find((i) => i.itemId === pool.itemId)!;
    // Earmarked goods are the eligible units' to the last piece: no reserve, topped up to need.
    const round = computeAllocation({ ...input, topUp: true, units: eligible, items: [{ ...item, available: pool.free, reserve: {} }], demands });
    for (const l of round.lines) if (l.allocated > 0) given.set(key(l.unitId, l.itemId), (given.get(key(l.unitId, l.itemId)) ?? 0) + l.allocated);
  }

  const general = computeAllocation({
    ...input,
    items: input.items.map((i) => ({ ...i, available: Math.max(0, i.available - (setAside.get(i.itemId) ?? 0)) })),
    demands: input.demands.map((d) => ({ ...d, inTransit: d.inTransit + (given.get(key(d.unitId, d.itemId)) ?? 0) })),
  });
  // Put the two together as one round: every figure as if the earmarked share were part of the line.
  const lines: AllocationLine[] = general.lines.map((l) => {
    const e = given.get(key(l.unitId, l.itemId)) ?? 0;
    return e === 0 ? { ...l, earmarked: 0 } : { ...l, inTransit: l.inTransit - e, need: l.need + e, claim: l.claim + e, allocated: l.allocated + e, earmarked: e };
  });
  const sumBy = (pick: (l: AllocationLine) => number, match: (l: AllocationLine) => boolean) => lines.reduce((a, l) => (match(l) ? a + pick(l) : a), 0);
  return {
    ...general,
    lines,
    items: general.items.map((s) => {
      const e = sumBy((l) => l.earmarked ?? 0, (l) => l.itemId === s.itemId);
      const aside = setAside.get(s.itemId) ?? 0;
      const available = s.available + aside;
      const allocated = s.allocated + e;
      return { ...s, available, pool: available - s.reserve, allocated, remainder: available - s.reserve - allocated, need: s.need + e };
    }),
    units: general.units.map((u) => {
      const e = sumBy((l) => l.earmarked ?? 0, (l) => l.unitId === u.unitId);
      return { ...u, need: u.need + e, allocated: u.allocated + e };
    }),
  };
}
