/**
 * The allocation engine: who gets how much of each item in one round, by the county bureau's
 * rules. Pure and deterministic — no database, no clock, no IPC — so plans, what-ifs, tests and
 * the benchmark all run the very same code. It imports only shared/, so it can move there when
 * the renderer wants it.
 *
 * All quantities are whole base units (只, 件…). Per item:
 *   net need  = max(0, daily need × cover days − on hand − in transit)
 *   reserve   = held back first (percent of available rounded up, or a quantity; the larger if both)
 *   tiers     = full (claim = net need), then minimum (claim = min(minimum need, net need)), then
 *               proportional (a share of what remains by staff / beds / equal, capped at net need).
 * A tier that cannot be fully served is rationed and every lower tier gets nothing.
 *
 * Whole packs: with packSize, every claim is rounded DOWN to whole packs (a unit never gets more
 * than it needs) and only whole packs are handed out. The part of the pool smaller than a pack is
 * never allocated; it stays in stock and is reported per item as packRemainder.
 */
import { TIERS, type Tier } from '../../../shared/domain.ts';
import { ceilMulDiv, largestRemainder, waterFill } from './rationing.ts';

export type ProportionalBasis = 'staff' | 'beds' | 'equal';

export interface AllocationItemInput {
  itemId: number;
  /** Stock that may be allocated this round (accepted, unexpired), in base units. */
  available: number;
  reserve?: { percent?: number; quantity?: number };
  /** Allocate in whole packs of this many base units (e.g. 50 masks a box). */
  packSize?: number;
  /** The pack's name for the reasons (箱, 盒); a generic word when absent. */
  packUnit?: string;
}

export interface AllocationUnitInput {
  unitId: number;
  /** Unit codes break ties and fix the order of everything; they must be unique. */
  code: string;
  tier: Tier;
  staffCount: number;
  beds: number;
}

export interface DemandInput {
  unitId: number;
  itemId: number;
  onHand: number;
  dailyNeed: number;
  /** What the unit must have this round at the least (the minimum tier's claim). */
  minimumNeed: number;
  /** Dispatched to the unit and not yet delivered. */
  inTransit: number;
}

export interface AllocationInput {
  coverDays: number;
  items: readonly AllocationItemInput[];
  units: readonly AllocationUnitInput[];
  demands: readonly DemandInput[];
  /** What the proportional tier is weighted by; staff count unless said otherwise. */
  basis?: ProportionalBasis;
}

/**
 * Why a line got what it got, as numbers (reasons.ts puts it into words): the need calculation,
 * then what happened to the claim, told by `kind`. Quantities of the outcome part are in
 * allocation units: packs when `pack` is set, base units otherwise.
 */
export type AllocationReason = ReasonBase & AllocationOutcome;

export interface ReasonBase {
  tier: Tier;
  basis: ProportionalBasis;
  coverDays: number;
  dailyNeed: number;
  onHand: number;
  inTransit: number;
  minimumNeed: number;
  need: number;
  pack: { size: number; unit: string | null } | null;
}

export type AllocationOutcome =
  /** Net need is zero: stock on hand and in transit cover the days. */
  | { kind: 'noNeed' }
  /** The whole claim was given. */
  | { kind: 'served'; claim: number }
  /** Full or minimum tier short: pool × claim / claimTotal, largest remainder. */
  | { kind: 'rationed'; pool: number; claim: number; claimTotal: number; exact: number; allocated: number }
  /** Proportional tier short: remaining × weight / weightTotal after the capped units took their need. */
  | { kind: 'share'; remaining: number; weight: number; weightTotal: number; exact: number; allocated: number; cappedUnits: number }
  /** Proportional tier short, but this unit's share reached its need: it gets the need, the rest goes on. */
  | { kind: 'capped'; claim: number; exact: number }
  /** Proportional tier with a zero weight (no staff, no beds): no share. */
  | { kind: 'zeroWeight' }
  /** A higher tier was rationed, so this tier gets nothing. */
  | { kind: 'higherTierShort'; shortTier: Tier };

export interface AllocationLine {
  unitId: number;
  itemId: number;
  tier: Tier;
  /** Net need, base units. */
  need: number;
  /** What the tier asked for this unit (whole packs when rounding). */
  claim: number;
  allocated: number;
  /** need − allocated. */
  shortfall: number;
  reason: AllocationReason;
}

export interface AllocationItemSummary {
  itemId: number;
  available: number;
  reserve: number;
  /** available − reserve: what the tiers shared. */
  pool: number;
  allocated: number;
  /** pool − allocated: stays in stock. */
  remainder: number;
  /** The part of the remainder smaller than one pack (0 without packs). */
  packRemainder: number;
  packSize: number | null;
  need: number;
  shortfallTotal: number;
  /** The tier that had to be rationed, or null when every claim was met. */
  rationedTier: Tier | null;
}

export interface AllocationUnitSummary {
  unitId: number;
  code: string;
  tier: Tier;
  need: number;
  allocated: number;
  shortfall: number;
  /** How many items this unit gets less of than its net need. */
  shortItems: number;
}

export interface AllocationResult {
  coverDays: number;
  basis: ProportionalBasis;
  /** Ordered by item id, then unit code. */
  lines: AllocationLine[];
  /** Ordered by item id. */
  items: AllocationItemSummary[];
  /** Ordered by unit code. */
  units: AllocationUnitSummary[];
}

/** Whole units held back: a percentage is rounded up (the reserve is a floor), never more than available. */
export function reserveOf(item: AllocationItemInput): number {
  const { percent, quantity } = item.reserve ?? {};
  let held = quantity ?? 0;
  if (percent !== undefined && percent > 0) {
    // Percent in hundredths (12.5 % → 1250) keeps the rounding up exact: 7.3 % of 1,000 is 73, not 74.
    held = Math.max(held, ceilMulDiv(item.available, Math.round(percent * 100), 10_000));
  }
  return Math.min(item.available, held);
}

export function netNeed(d: DemandInput, coverDays: number): number {
  return Math.max(0, d.dailyNeed * coverDays - d.onHand - d.inTransit);
}

/** Unicode code-point order: the same on every machine, unlike localeCompare. */
const byCode = (a: AllocationUnitInput, b: AllocationUnitInput) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

function weightOf(unit: AllocationUnitInput, basis: ProportionalBasis): number {
  return basis === 'staff' ? unit.staffCount : basis === 'beds' ? unit.beds : 1;
}

function fail(message: string): never {
  throw new RangeError(`allocation input: ${message}`);
}

function count(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) fail(`${what} must be a whole number ≥ 0, got ${value}`);
}

function validateItemsAndUnits(input: AllocationInput): void {
  count(input.coverDays, 'coverDays');
  for (const it of input.items) {
    count(it.available, `available of item ${it.itemId}`);
    if (it.reserve?.quantity !== undefined) count(it.reserve.quantity, `reserve of item ${it.itemId}`);
    const p = it.reserve?.percent;
    if (p !== undefined && !(p >= 0 && p <= 100)) fail(`reserve percent of item ${it.itemId} must be 0–100, got ${p}`);
    if (it.packSize !== undefined && (!Number.isSafeInteger(it.packSize) || it.packSize < 1)) {
      fail(`packSize of item ${it.itemId} must be a whole number ≥ 1, got ${it.packSize}`);
    }
  }
  for (const u of input.units) {
    count(u.staffCount, `staffCount of unit ${u.code}`);
    count(u.beds, `beds of unit ${u.code}`);
    if (!TIERS.includes(u.tier)) fail(`tier of unit ${u.code} is ${String(u.tier)}`);
  }
}

// Outcome kinds while computing; the objects are built once, with the lines.
const NO_NEED = 0;
const SERVED = 1;
const RATIONED = 2;
const SHARE = 3;
const CAPPED = 4;
const ZERO_WEIGHT = 5;
const HIGHER_SHORT = 6;

const TIER_CODE: Record<Tier, number> = { full: 0, minimum: 1, proportional: 2 };

/**
 * Working columns over all demand rows, indexed by demand position. Typed arrays rather than an
 * object per row: 300,000 rows must be planned in well under 100 ms.
 */
interface Columns {
  onHand: Float64Array;
  dailyNeed: Float64Array;
  minimumNeed: Float64Array;
  inTransit: Float64Array;
  need: Float64Array;
  /** Claim in allocation units (packs when rounding). */
  claim: Float64Array;
  allocated: Float64Array;
  kind: Uint8Array;
  exact: Float64Array;
  tier: Uint8Array;
  weight: Float64Array;
}

/** What one item's tiers had to share, for the reasons of rationed lines. */
interface ItemTrace {
  short: Tier | null;
  /** Pool and claim total of the rationed full or minimum tier. */
  pool: number;
  claimTotal: number;
  /** The proportional tier's final level: remaining / weightTotal, and how many were capped. */
  remaining: number;
  weightTotal: number;
  cappedUnits: number;
}

export function computeAllocation(input: AllocationInput): AllocationResult {
  validateItemsAndUnits(input);
  const basis = input.basis ?? 'staff';
  const { coverDays, demands } = input;

  const units = [...input.units].sort(byCode);
  const rankOf = new Map<number, number>();
  units.forEach((u, i) => {
    if (i > 0 && units[i - 1]!.code === u.code) fail(`unit code ${u.code} appears twice`);
    if (rankOf.has(u.unitId)) fail(`unit ${u.unitId} appears twice`);
    rankOf.set(u.unitId, i);
  });
  const items = [...input.items].sort((a, b) => a.itemId - b.itemId);
  const itemIndexOf = new Map<number, number>();
  items.forEach((it, i) => {
    if (itemIndexOf.has(it.itemId)) fail(`item ${it.itemId} appears twice`);
    itemIndexOf.set(it.itemId, i);
  });

  const n = demands.length;
  const rank = new Int32Array(n);
  const itemIndex = new Int32Array(n);
  const col: Columns = {
    onHand: new Float64Array(n),
    dailyNeed: new Float64Array(n),
    minimumNeed: new Float64Array(n),
    inTransit: new Float64Array(n),
    need: new Float64Array(n),
    claim: new Float64Array(n),
    allocated: new Float64Array(n),
    kind: new Uint8Array(n),
    exact: new Float64Array(n),
    tier: new Uint8Array(n),
    weight: new Float64Array(n),
  };
  for (let k = 0; k < n; k++) {
    const d = demands[k]!;
    const r = rankOf.get(d.unitId);
    if (r === undefined) fail(`demand for unknown unit ${d.unitId}`);
    const ii = itemIndexOf.get(d.itemId);
    if (ii === undefined) fail(`demand for unknown item ${d.itemId}`);
    count(d.onHand, 'onHand');
    count(d.dailyNeed, 'dailyNeed');
    count(d.minimumNeed, 'minimumNeed');
    count(d.inTransit, 'inTransit');
    count(d.dailyNeed * coverDays, 'dailyNeed × coverDays');
    rank[k] = r;
    itemIndex[k] = ii;
    const unit = units[r]!;
    col.onHand[k] = d.onHand;
    col.dailyNeed[k] = d.dailyNeed;
    col.minimumNeed[k] = d.minimumNeed;
    col.inTransit[k] = d.inTransit;
    col.need[k] = netNeed(d, coverDays);
    col.tier[k] = TIER_CODE[unit.tier];
    col.weight[k] = weightOf(unit, basis);
  }

  // Rows grouped by item, in unit-code order within each item, whatever order they came in:
  // two stable counting sorts (by unit rank, then by item), linear in the number of rows.
  const byRank = countingSort(rank, units.length, identity(n));
  const order = countingSort(itemIndex, items.length, byRank);
  const itemStart = new Int32Array(items.length + 1);
  for (let k = 0; k < n; k++) itemStart[itemIndex[k]! + 1]! += 1;
  for (let i = 0; i < items.length; i++) itemStart[i + 1]! += itemStart[i]!;

  const unitNeed = new Float64Array(units.length);
  const unitAllocated = new Float64Array(units.length);
  const unitShortItems = new Int32Array(units.length);
  const lines: AllocationLine[] = new Array(n);
  const summaries: AllocationItemSummary[] = [];

  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const start = itemStart[i]!;
    const end = itemStart[i + 1]!;
    for (let p = start + 1; p < end; p++) {
      if (rank[order[p]!] === rank[order[p - 1]!]) fail(`unit ${units[rank[order[p]!]!]!.code} reports item ${item.itemId} twice`);
    }
    const packSize = item.packSize ?? 1;
    const reserve = reserveOf(item);
    const pool = item.available - reserve;
    const rows = order.subarray(start, end);
    for (let p = start; p < end; p++) {
      const k = order[p]!;
      col.claim[k] = Math.floor((col.tier[k] === 1 ? Math.min(col.minimumNeed[k]!, col.need[k]!) : col.need[k]!) / packSize);
    }
    const trace = allocateItem(rows, Math.floor(pool / packSize), col);

    const pack = item.packSize === undefined ? null : { size: item.packSize, unit: item.packUnit ?? null };
    let allocated = 0;
    let need = 0;
    for (let p = start; p < end; p++) {
      const k = order[p]!;
      const r = rank[k]!;
      const unit = units[r]!;
      const rowNeed = col.need[k]!;
      const got = col.allocated[k]! * packSize;
      allocated += got;
      need += rowNeed;
      unitNeed[r]! += rowNeed;
      unitAllocated[r]! += got;
      if (got < rowNeed) unitShortItems[r]! += 1;
      lines[p] = {
        unitId: unit.unitId,
        itemId: item.itemId,
        tier: unit.tier,
        need: rowNeed,
        claim: col.claim[k]! * packSize,
        allocated: got,
        shortfall: rowNeed - got,
        reason: reasonOf(k, unit.tier, basis, coverDays, pack, col, trace),
      };
    }
    summaries.push({
      itemId: item.itemId,
      available: item.available,
      reserve,
      pool,
      allocated,
      remainder: pool - allocated,
      packRemainder: pool % packSize,
      packSize: item.packSize ?? null,
      need,
      shortfallTotal: need - allocated,
      rationedTier: trace.short,
    });
  }

  return {
    coverDays,
    basis,
    lines,
    items: summaries,
    units: units.map((u, r) => ({
      unitId: u.unitId,
      code: u.code,
      tier: u.tier,
      need: unitNeed[r]!,
      allocated: unitAllocated[r]!,
      shortfall: unitNeed[r]! - unitAllocated[r]!,
      shortItems: unitShortItems[r]!,
    })),
  };
}

function identity(n: number): Int32Array {
  const a = new Int32Array(n);
  for (let k = 0; k < n; k++) a[k] = k;
  return a;
}

/** The positions of `within`, stably reordered by key (0 ≤ key < buckets). */
function countingSort(key: Int32Array, buckets: number, within: Int32Array): Int32Array {
  const next = new Int32Array(buckets + 1);
  const n = within.length;
  for (let p = 0; p < n; p++) next[key[within[p]!]! + 1]! += 1;
  for (let b = 0; b < buckets; b++) next[b + 1]! += next[b]!;
  const out = new Int32Array(n);
  for (let p = 0; p < n; p++) {
    const k = within[p]!;
    out[next[key[k]!]!++] = k;
  }
  return out;
}

/**
 * Serves one item's rows (in unit-code order) tier by tier from `pool` allocation units, filling
 * in allocated, kind and exact.
 */
function allocateItem(rows: Int32Array, pool: number, col: Columns): ItemTrace {
  const trace: ItemTrace = { short: null, pool: 0, claimTotal: 0, remaining: 0, weightTotal: 0, cappedUnits: 0 };
  const { need, claim, allocated, kind, exact, tier, weight } = col;
  let remaining = pool;

  for (const t of ['full', 'minimum'] as const) {
    const code = TIER_CODE[t];
    let claimTotal = 0;
    let members = 0;
    for (let p = 0; p < rows.length; p++) {
      const k = rows[p]!;
      if (tier[k] !== code) continue;
      allocated[k] = 0;
      if (need[k] === 0) kind[k] = NO_NEED;
      else {
        members += 1;
        claimTotal += claim[k]!;
        kind[k] = trace.short === null ? SERVED : HIGHER_SHORT;
      }
    }
    if (trace.short !== null || members === 0) continue;
    if (claimTotal <= remaining) {
      for (let p = 0; p < rows.length; p++) {
        const k = rows[p]!;
        if (tier[k] === code && need[k]! > 0) allocated[k] = claim[k]!;
      }
      remaining -= claimTotal;
      continue;
    }
    const group: number[] = [];
    const claims: number[] = [];
    for (let p = 0; p < rows.length; p++) {
      const k = rows[p]!;
      if (tier[k] === code && need[k]! > 0) {
        group.push(k);
        claims.push(claim[k]!);
      }
    }
    const shares = largestRemainder(remaining, claims, claimTotal);
    group.forEach((k, j) => {
      allocated[k] = shares[j]!;
      if (claim[k]! > 0) {
        kind[k] = RATIONED;
        exact[k] = (remaining * claim[k]!) / claimTotal;
      }
    });
    trace.short = t;
    trace.pool = remaining;
    trace.claimTotal = claimTotal;
    remaining = 0;
  }

  // Proportional: zero-weight units never share, however much is left; the rest are served in
  // full if that fits, else water-filled.
  const group: number[] = [];
  let claimTotal = 0;
  for (let p = 0; p < rows.length; p++) {
    const k = rows[p]!;
    if (tier[k] !== 2) continue;
    allocated[k] = 0;
    if (need[k] === 0) kind[k] = NO_NEED;
    else if (trace.short !== null) kind[k] = HIGHER_SHORT;
    else if (weight[k] === 0) kind[k] = ZERO_WEIGHT;
    else {
      kind[k] = SERVED;
      group.push(k);
      claimTotal += claim[k]!;
    }
  }
  if (trace.short !== null || claimTotal <= remaining) {
    for (const k of group) allocated[k] = claim[k]!;
    return trace;
  }
  const weights = group.map((k) => weight[k]!);
  const fill = waterFill(
    remaining,
    weights,
    group.map((k) => claim[k]!),
  );
  let cappedUnits = 0;
  group.forEach((k, j) => {
    allocated[k] = fill.shares[j]!;
    exact[k] = fill.weightTotal > 0 ? (fill.remaining * weights[j]!) / fill.weightTotal : 0;
    if (claim[k] === 0) kind[k] = SERVED;
    else if (fill.capped[j]) {
      kind[k] = CAPPED;
      cappedUnits += 1;
    } else kind[k] = SHARE;
  });
  trace.short = 'proportional';
  trace.remaining = fill.remaining;
  trace.weightTotal = fill.weightTotal;
  trace.cappedUnits = cappedUnits;
  return trace;
}

function reasonOf(
  k: number,
  tier: Tier,
  basis: ProportionalBasis,
  coverDays: number,
  pack: AllocationReason['pack'],
  col: Columns,
  trace: ItemTrace,
): AllocationReason {
  // Written out field by field rather than spread from a base object: this runs 300,000 times.
  const dailyNeed = col.dailyNeed[k]!;
  const onHand = col.onHand[k]!;
  const inTransit = col.inTransit[k]!;
  const minimumNeed = col.minimumNeed[k]!;
  const need = col.need[k]!;
  const claim = col.claim[k]!;
  const allocated = col.allocated[k]!;
  const exact = col.exact[k]!;
  switch (col.kind[k]) {
    case SERVED:
      return { tier, basis, coverDays, dailyNeed, onHand, inTransit, minimumNeed, need, pack, kind: 'served', claim };
    case RATIONED:
      return {
        tier,
        basis,
        coverDays,
        dailyNeed,
        onHand,
        inTransit,
        minimumNeed,
        need,
        pack,
        kind: 'rationed',
        pool: trace.pool,
        claim,
        claimTotal: trace.claimTotal,
        exact,
        allocated,
      };
    case SHARE:
      return {
        tier,
        basis,
        coverDays,
        dailyNeed,
        onHand,
        inTransit,
        minimumNeed,
        need,
        pack,
        kind: 'share',
        remaining: trace.remaining,
        weight: col.weight[k]!,
        weightTotal: trace.weightTotal,
        exact,
        allocated,
        cappedUnits: trace.cappedUnits,
      };
    case CAPPED:
      return { tier, basis, coverDays, dailyNeed, onHand, inTransit, minimumNeed, need, pack, kind: 'capped', claim, exact };
    case ZERO_WEIGHT:
      return { tier, basis, coverDays, dailyNeed, onHand, inTransit, minimumNeed, need, pack, kind: 'zeroWeight' };
    case HIGHER_SHORT:
      return { tier, basis, coverDays, dailyNeed, onHand, inTransit, minimumNeed, need, pack, kind: 'higherTierShort', shortTier: trace.short! };
    default:
      return { tier, basis, coverDays, dailyNeed, onHand, inTransit, minimumNeed, need, pack, kind: 'noNeed' };
  }
}
