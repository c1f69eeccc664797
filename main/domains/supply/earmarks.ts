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

/** One earmarked pledge's part of a lot. */
export interface Portion extends Rule {
  pledge_id: number;
  /** The donor's goods still in the lot and not yet reserved for a unit the donor named. */
  held: number;
}

/**
 * The lots earmarked pledges filled (through their receipts that still stand), each with its
 * donors' portions, oldest pledge first. A lot may also hold general goods (the same batch bought)
 * and the goods of several donors: each portion holds only that donor's quantity for that donor's
 * units. What a named unit took from the lot (dispatches net of reversals, and reserving orders)
 * counts against the oldest portion it fits; what no portion's units took came out of the general
 * part. `held` is what the portion's received quantity leaves, and never more than the lot still
 * holds beyond those reservations (a loss found at a stocktake falls on the newest portions first).
 */
export function earmarkedLots(store: Store, itemId: number | null): Map<number, Portion[]> {
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
  const out = new Map<number, Portion[]>();
  for (const r of rows) {
    const portions = out.get(r.lot_id) ?? [];
    portions.push({ unit_id: r.unit_id, unit_type: r.unit_type, district: r.district, pledge_id: r.pledge_id, held: r.received });
    out.set(r.lot_id, portions);
  }
  if (out.size === 0) return out;
  const ids = JSON.stringify([...out.keys()]);
  const taken = store.all<{ lot_id: number; unit_id: number; qty: number; reserved: number }>(
    `SELECT m.lot_id, m.unit_id, -sum(m.qty) - coalesce(sum((SELECT sum(x.qty) FROM movements x WHERE x.reverses_id = m.id)), 0) AS qty, 0 AS reserved
       FROM movements m WHERE m.doc_type = 'dispatch' AND m.unit_id IS NOT NULL AND m.lot_id IN (SELECT value FROM json_each(?)) GROUP BY m.lot_id, m.unit_id
     UNION ALL
     SELECT p.lot_id, o.unit_id, sum(p.qty), 1 FROM dispatch_picks p JOIN dispatch_orders o ON o.id = p.order_id
      WHERE o.status IN ('approved', 'picked') AND p.lot_id IN (SELECT value FROM json_each(?)) GROUP BY p.lot_id, o.unit_id`,
    [ids, ids],
  );
  const onHand = new Map(store.all<{ lot_id: number; n: number }>('SELECT lot_id, sum(on_hand) AS n FROM stock WHERE lot_id IN (SELECT value FROM json_each(?)) GROUP BY lot_id', [ids]).map((r) => [r.lot_id, r.n]));
  const units = unitFacts(store, [...new Set(taken.map((t) => t.unit_id))]);
  const reservedForDonors = new Map<number, number>();
  for (const t of taken) {
    let qty = t.qty;
    for (const p of out.get(t.lot_id)!) {
      if (qty <= 0) break;
      if (!fits(p, units.get(t.unit_id))) continue;
      const take = Math.min(qty, p.held);
      p.held -= take;
      qty -= take;
      if (t.reserved) reservedForDonors.set(t.lot_id, (reservedForDonors.get(t.lot_id) ?? 0) + take);
    }
  }
  for (const [lotId, portions] of out) {
    let excess = portions.reduce((a, p) => a + p.held, 0) - Math.max(0, (onHand.get(lotId) ?? 0) - (reservedForDonors.get(lotId) ?? 0));
    for (const p of [...portions].reverse()) {
      if (excess <= 0) break;
      const cut = Math.min(excess, p.held);
      p.held -= cut;
      excess -= cut;
    }
  }
  return out;
}

const unitFacts = (store: Store, ids: number[]) =>
  new Map(store.all<UnitFacts>('SELECT id, type, district FROM units WHERE id IN (SELECT value FROM json_each(?))', [JSON.stringify(ids)]).map((u) => [u.id, u]));

/**
 * FEFO candidates for one unit's order: lots earmarked for this unit come first, so the donor's
 * goods reach whom they were given for; from any earmarked lot it may take only what other units'
 * donors do not hold there (its own donors' goods and the general part), in FEFO order.
 */
export function forUnit<C extends { lotId: number; free: number }>(store: Store, itemId: number, unitId: number, candidates: C[]): C[] {
  const lots = earmarkedLots(store, itemId);
  if (lots.size === 0) return candidates;
  const unit = unitFacts(store, [unitId]).get(unitId);
  // What the unit may take from each earmarked lot: its free stock less what other units' donors hold in it.
  const allowance = new Map<number, number>();
  for (const c of candidates) if (lots.has(c.lotId)) allowance.set(c.lotId, (allowance.get(c.lotId) ?? 0) + c.free);
  for (const [lotId, free] of allowance) {
    const others = lots.get(lotId)!.reduce((a, p) => (fits(p, unit) ? a : a + p.held), 0);
    allowance.set(lotId, free - Math.min(free, others));
  }
  const mine: C[] = [];
  const rest: C[] = [];
  for (const c of candidates) {
    const portions = lots.get(c.lotId);
    if (!portions) {
      rest.push(c);
      continue;
    }
    const free = Math.min(c.free, allowance.get(c.lotId)!);
    allowance.set(c.lotId, allowance.get(c.lotId)! - free);
    if (free <= 0) continue;
    (portions.some((p) => fits(p, unit)) ? mine : rest).push(free === c.free ? c : { ...c, free });
  }
  return [...mine, ...rest];
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
    if (!items.has(f.item_id)) continue;
    // Only the donors' parts of the lot are set aside, oldest pledge first; the rest of it is general stock.
    let left = f.free;
    for (const rule of lots.get(f.lot_id)!) {
      const held = Math.min(left, rule.held);
      if (held <= 0) continue;
      left -= held;
      const key = `${rule.pledge_id}:${f.item_id}`;
      const pool = pools.get(key) ?? { pledgeId: rule.pledge_id, itemId: f.item_id, rule, free: 0 };
      pool.free += held;
      pools.set(key, pool);
      setAside.set(f.item_id, (setAside.get(f.item_id) ?? 0) + held);
    }
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
