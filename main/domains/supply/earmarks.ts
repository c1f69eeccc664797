import type { AllocationInput, AllocationLine, AllocationResult } from '../allocation/engine.ts';
import type { Store } from '../../store/db.ts';
import { computeAllocation, demandRows } from '../allocation/engine.ts';
import { localDay } from '../../core/doc-numbers.ts';

export interface Rule {
  unit_id: number | null;
  unit_type: string | null;
  district: string | null;
}
export interface UnitFacts {
  id: number;
  type: string;
  district: string;
}

/** Whether a unit is one the donor designated. */
export const fits = (rule: Rule, unit: UnitFacts | undefined): boolean =>
  unit !== undefined && (rule.unit_id !== null ? unit.id === rule.unit_id : rule.unit_type !== null ? unit.type === rule.unit_type : unit.district === rule.district);

/**
 * The lots an earmarked pledge filled (through its receipts that still stand), with the earmark
 * and how much of the lot is the donor's: a lot may also hold general goods (the same batch
 * bought), and only the donated quantity is held to the earmark.
 * `held`: the donor's goods still in the lot and not yet reserved for an eligible unit — what
 * the received quantity leaves once eligible units' dispatches (net of reversals) and reserving
 * orders take theirs first, at most what the lot holds.
 */
export function earmarkedLots(store: Store, itemId: number | null): Map<number, Rule & { pledge_id: number; held: number }> {
  // From the pledges inward (CROSS JOIN keeps SQLite to that order): every pick asks, and most depots have few pledges.
  const rows = store.all<Rule & { lot_id: number; pledge_id: number; received: number }>(
    `SELECT rl.lot_id, p.id AS pledge_id, p.earmark_unit_id AS unit_id, p.earmark_unit_type AS unit_type, p.earmark_district AS district, sum(rl.accepted) AS received
       FROM pledges p CROSS JOIN receipts r ON r.pledge_id = p.id CROSS JOIN receipt_lines rl ON rl.receipt_id = r.id
      WHERE (p.earmark_unit_id IS NOT NULL OR p.earmark_unit_type IS NOT NULL OR p.earmark_district IS NOT NULL)
        AND r.status = 'posted' AND r.reverses_id IS NULL AND NOT EXISTS (SELECT 1 FROM receipts x WHERE x.reverses_id = r.id)
        AND rl.lot_id IS NOT NULL AND (:item IS NULL OR rl.item_id = :item)
      GROUP BY rl.lot_id, p.id ORDER BY p.id`,
    { item: itemId },
  );
  // A lot filled by two earmarked pledges is held to the first one's earmark, for both quantities.
  const lots = new Map<number, Rule & { pledge_id: number; received: number }>();
  for (const r of rows) {
    const had = lots.get(r.lot_id);
    if (had) had.received += r.received;
    else lots.set(r.lot_id, { ...r });
  }
  const out = new Map<number, Rule & { pledge_id: number; held: number }>();
  if (lots.size === 0) return out;
  const ids = JSON.stringify([...lots.keys()]);
  const taken = store.all<{ lot_id: number; unit_id: number; qty: number }>(
    `SELECT m.lot_id, m.unit_id, -sum(m.qty) - coalesce(sum((SELECT sum(x.qty) FROM movements x WHERE x.reverses_id = m.id)), 0) AS qty
       FROM movements m WHERE m.doc_type = 'dispatch' AND m.unit_id IS NOT NULL AND m.lot_id IN (SELECT value FROM json_each(?)) GROUP BY m.lot_id, m.unit_id
     UNION ALL
     SELECT p.lot_id, o.unit_id, sum(p.qty) FROM dispatch_picks p JOIN dispatch_orders o ON o.id = p.order_id
      WHERE o.status IN ('approved', 'picked') AND p.lot_id IN (SELECT value FROM json_each(?)) GROUP BY p.lot_id, o.unit_id`,
    [ids, ids],
  );
  const onHand = new Map(store.all<{ lot_id: number; n: number }>('SELECT lot_id, sum(on_hand) AS n FROM stock WHERE lot_id IN (SELECT value FROM json_each(?)) GROUP BY lot_id', [ids]).map((r) => [r.lot_id, r.n]));
  const units = unitFacts(store, [...new Set(taken.map((t) => t.unit_id))]);
  const byEligible = new Map<number, number>();
  for (const t of taken) if (fits(lots.get(t.lot_id)!, units.get(t.unit_id))) byEligible.set(t.lot_id, (byEligible.get(t.lot_id) ?? 0) + t.qty);
  for (const [lotId, l] of lots) {
    const held = Math.max(0, Math.min(l.received, onHand.get(lotId) ?? 0) - (byEligible.get(lotId) ?? 0));
    out.set(lotId, { unit_id: l.unit_id, unit_type: l.unit_type, district: l.district, pledge_id: l.pledge_id, held });
  }
  return out;
}

const unitFacts = (store: Store, ids: number[]) =>
  new Map(store.all<UnitFacts>('SELECT id, type, district FROM units WHERE id IN (SELECT value FROM json_each(?))', [JSON.stringify(ids)]).map((u) => [u.id, u]));

/**
 * FEFO candidates for one unit's order: lots earmarked for this unit come first, so the donor's
 * goods reach whom they were given for; from a lot earmarked for others it may take only the
 * general part (what is free beyond the donor's held goods), in FEFO order with general stock.
 */
export function forUnit<C extends { lotId: number; free: number }>(store: Store, itemId: number, unitId: number, candidates: C[]): C[] {
  const lots = earmarkedLots(store, itemId);
  if (lots.size === 0) return candidates;
  const unit = unitFacts(store, [unitId]).get(unitId);
  const mine = candidates.filter((c) => lots.has(c.lotId) && fits(lots.get(c.lotId)!, unit));
  // What the unit may still take from each lot earmarked for others: its free stock less the donor's.
  const allowance = new Map<number, number>();
  for (const c of candidates) {
    const l = lots.get(c.lotId);
    if (l && !fits(l, unit)) allowance.set(c.lotId, (allowance.get(c.lotId) ?? 0) + c.free);
  }
  for (const [lotId, free] of allowance) allowance.set(lotId, free - Math.min(free, lots.get(lotId)!.held));
  const others: C[] = [];
  for (const c of candidates) {
    if (!lots.has(c.lotId)) others.push(c);
    else if (allowance.has(c.lotId)) {
      const free = Math.min(c.free, allowance.get(c.lotId)!);
      allowance.set(c.lotId, allowance.get(c.lotId)! - free);
      if (free > 0) others.push({ ...c, free });
    }
  }
  return [...mine, ...others];
}

/**
 * An allocation round that honours earmarks (定向捐赠): each earmark's free stock is first shared
 * among its eligible units by the same rules; what they still need then comes from general stock,
 * which is what is left once every earmarked lot is set aside — so no one else gets the donor's goods.
 */
export function allocateWithEarmarks(store: Store, now: string, input: AllocationInput): AllocationResult;
export function allocateWithEarmarks<L>(store: Store, now: string, input: AllocationInput, lineOf: (line: Readonly<AllocationLine>) => L): AllocationResult<L>;
export function allocateWithEarmarks<L>(store: Store, now: string, input: AllocationInput, lineOf?: (line: Readonly<AllocationLine>) => L): AllocationResult<L | AllocationLine> {
  const merged = withEarmarks(store, now, input);
  // Without earmarked stock the engine makes each line into lineOf's as it goes; merged lines are made into it at the end.
  if (merged === null) return lineOf === undefined ? computeAllocation(input) : computeAllocation(input, lineOf);
  return lineOf === undefined ? merged : { ...merged, lines: merged.lines.map(lineOf) };
}

/** The round with earmarked shares merged in, or null when no earmarked stock is in it. */
function withEarmarks(store: Store, now: string, input: AllocationInput): AllocationResult | null {
  const items = new Set(input.items.map((i) => i.itemId));
  const lots = earmarkedLots(store, null);
  if (lots.size === 0) return null;
  const free = store.all<{ lot_id: number; item_id: number; free: number }>(
    `SELECT s.lot_id, s.item_id, sum(s.on_hand - s.reserved) AS free FROM stock s JOIN lots l ON l.id = s.lot_id
      WHERE l.status = 'accepted' AND (l.expires_on IS NULL OR l.expires_on >= ?) AND s.lot_id IN (SELECT value FROM json_each(?)) GROUP BY s.lot_id, s.item_id`,
    [localDay(now), JSON.stringify([...lots.keys()])],
  );
  // One pool per pledge and item, oldest pledge first.
  const pools = new Map<string, { pledgeId: number; itemId: number; rule: Rule; free: number }>();
  const setAside = new Map<number, number>();
  for (const f of free) {
    const rule = lots.get(f.lot_id)!;
    // Only the donor's part of the lot is set aside; the rest of it is general stock.
    const held = Math.min(f.free, rule.held);
    if (!items.has(f.item_id) || held <= 0) continue;
    const key = `${rule.pledge_id}:${f.item_id}`;
    const pool = pools.get(key) ?? { pledgeId: rule.pledge_id, itemId: f.item_id, rule, free: 0 };
    pool.free += held;
    pools.set(key, pool);
    setAside.set(f.item_id, (setAside.get(f.item_id) ?? 0) + held);
  }
  if (pools.size === 0) return null;
  const rows = demandRows(input.demands);

  const units = unitFacts(store, input.units.map((u) => u.unitId));
  const given = new Map<string, number>();
  const key = (unitId: number, itemId: number) => `${unitId}:${itemId}`;
  for (const pool of [...pools.values()].sort((a, b) => a.pledgeId - b.pledgeId || a.itemId - b.itemId)) {
    const eligible = input.units.filter((u) => fits(pool.rule, units.get(u.unitId)));
    const ids = new Set(eligible.map((u) => u.unitId));
    const demands = rows
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
    demands: rows.map((d) => ({ ...d, inTransit: d.inTransit + (given.get(key(d.unitId, d.itemId)) ?? 0) })),
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
