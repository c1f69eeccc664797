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
 * A tier that cannot be fully served is rationed and every lower tier gets nothing. A minimum-tier
 * unit gets its minimum and no more, even when stock is left over: what the proportional tier
 * does not take stays in stock for the next round. A unit with zero weight (no staff for the
 * staff basis) never gets a proportional share.
 *
 * Whole packs: with packSize, every claim is rounded DOWN to whole packs (a unit never gets more
 * than it needs) and only whole packs are handed out. The part of the pool smaller than a pack is
 * never allocated; it stays in stock and is reported per item as packRemainder.
 *
 * Top-up (when asked): after every tier got its rule, what is left of the pool tops up the units
 * still short of their net need (in whole packs), tier by tier in the same order; a tier whose
 * gaps exceed what is left shares it in proportion to the gaps, by largest remainder. Without it
 * the minimum tier keeps its minimum and the rest stays in stock, as above.
 */
import { TIERS, type Tier } from '../../../shared/domain.ts';
import type { AllocationReason, ProportionalBasis } from '../../../shared/allocation-reasons.ts';
import { ceilMulDiv, largestRemainder, waterFill } from './rationing.ts';

export type { ProportionalBasis } from '../../../shared/allocation-reasons.ts';

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

/**
 * The demand rows as columns, row r at index r of each: how a round read from the store hands them
 * over, with no object per row (a city's day is 300,000 rows).
 */
export interface DemandColumns {
  length: number;
  unitId: Float64Array;
  itemId: Float64Array;
  onHand: Float64Array;
  dailyNeed: Float64Array;
  minimumNeed: Float64Array;
  inTransit: Float64Array;
}

export const isDemandColumns = (demands: AllocationInput['demands']): demands is DemandColumns => !Array.isArray(demands);

/** The demand rows as objects, whichever way they came. */
export function demandRows(demands: AllocationInput['demands']): readonly DemandInput[] {
  if (!isDemandColumns(demands)) return demands;
  const rows: DemandInput[] = [];
  for (let r = 0; r < demands.length; r++) {
    rows.push({
      unitId: demands.unitId[r]!, itemId: demands.itemId[r]!, onHand: demands.onHand[r]!, dailyNeed: demands.dailyNeed[r]!, minimumNeed: demands.minimumNeed[r]!, inTransit: demands.inTransit[r]!,
    });
  }
  return rows;
}

export interface AllocationInput {
  coverDays: number;
  items: readonly AllocationItemInput[];
  units: readonly AllocationUnitInput[];
  demands: readonly DemandInput[] | DemandColumns;
  /** What the proportional tier is weighted by; staff count unless said otherwise. */
  basis?: ProportionalBasis;
  /** Top up units short of their net need from what the tiers left (off unless asked). */
  topUp?: boolean;
}

export type { AllocationReason } from '../../../shared/allocation-reasons.ts';

export interface AllocationLine {
  unitId: number;
  itemId: number;
  tier: Tier;
  /** The demand report's figures, as the plan grid shows them. */
  onHand: number;
  dailyNeed: number;
  minimumNeed: number;
  inTransit: number;
  /** Net need: max(0, daily need × cover days − on hand − in transit). */
  need: number;
  /** What the tier asked for this unit, in whole packs when rounding. */
  claim: number;
  allocated: number;
  /** need − allocated. */
  shortfall: number;
  /** Part of `allocated` given by the top-up after the tiers. */
  topUp: number;
  /** Part of `allocated` from stock earmarked for this unit (定向捐赠); set by the supply side's earmark pass. */
  earmarked?: number;
  /** With packs: the part of the line's target (its claim, or its need when topping up) smaller than a pack. */
  packLeftOut: number;
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
  packUnit: string | null;
  need: number;
  shortfallTotal: number;
  /** The tier that had to be rationed, or null when every claim was met. */
  rationedTier: Tier | null;
  /** What the top-up gave. */
  topUp: number;
  /** Why `remainder` stays in stock. */
  leftReason: LeftReason;
}

/**
 * none: nothing left; needsMet: every line got its net need (to whole packs); partPack: less than
 * a pack is left; rules: units are still short but the rules give no more (top-up off).
 */
export type LeftReason = 'none' | 'needsMet' | 'partPack' | 'rules';

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

export interface AllocationResult<L = AllocationLine> {
  coverDays: number;
  basis: ProportionalBasis;
  topUp: boolean;
  /** Ordered by item id, then unit code. */
  lines: L[];
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

/** Unicode code-point order: the same on every machine, unlike localeCompare. */
const byCode = (a: AllocationUnitInput, b: AllocationUnitInput) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

function weightOf(unit: AllocationUnitInput, basis: ProportionalBasis): number {
  return basis === 'staff' ? unit.staffCount : basis === 'beds' ? unit.beds : 1;
}

function fail(message: string): never {
  throw new RangeError(`allocation input: ${message}`);
}

/**
 * The largest quantity the engine takes: about two billion base units, far beyond any one depot's
 * stock of one item. Holding every quantity in 32-bit integers keeps 300,000 plan lines small and
 * quick (V8 stores such numbers inline; larger ones each cost an object of their own).
 */
export const MAX_QUANTITY = 2 ** 31 - 1;

function count(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 0 || value > MAX_QUANTITY) {
    fail(`${what} must be a whole number from 0 to ${MAX_QUANTITY}, got ${value}`);
  }
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

// Reason kinds while computing; the objects are built once, with the lines.
const NO_NEED = 0;
const SERVED = 1;
const RATIONED = 2;
const SHARE = 3;
const CAPPED = 4;
const ZERO_WEIGHT = 5;
const HIGHER_SHORT = 6;

const FULL = 0;
const MINIMUM = 1;
const PROPORTIONAL = 2;
const TIER_CODE: Record<Tier, number> = { full: FULL, minimum: MINIMUM, proportional: PROPORTIONAL };

const REASON_NO_NEED: AllocationReason = Object.freeze({ kind: 'noNeed' });
const REASON_SERVED: AllocationReason = Object.freeze({ kind: 'served' });
const REASON_ZERO_WEIGHT: AllocationReason = Object.freeze({ kind: 'zeroWeight' });
const REASON_HIGHER_SHORT: Record<Tier, AllocationReason> = {
  full: Object.freeze({ kind: 'higherTierShort', shortTier: 'full' }),
  minimum: Object.freeze({ kind: 'higherTierShort', shortTier: 'minimum' }),
  proportional: Object.freeze({ kind: 'higherTierShort', shortTier: 'proportional' }),
};

/**
 * Working columns over all demand rows, indexed by the row's position in `demands`. Typed arrays
 * rather than an object per row: a round of 300,000 rows must be planned well under 100 ms.
 * Quantities fit in Int32Array because of MAX_QUANTITY.
 */
interface Columns {
  onHand: Int32Array;
  dailyNeed: Int32Array;
  minimumNeed: Int32Array;
  inTransit: Int32Array;
  need: Int32Array;
  /** Claim and allocation in allocation units (packs when rounding). */
  claim: Int32Array;
  allocated: Int32Array;
  kind: Uint8Array;
  /** Top-up in allocation units. */
  topUp: Int32Array;
  exact: Float64Array;
  tier: Uint8Array;
  weight: Int32Array;
}

/** What one item's rationed tier had to share, for the reasons of its lines. */
interface ItemTrace {
  short: Tier | null;
  /** Pool and claim total of a rationed full or minimum tier. */
  pool: number;
  claimTotal: number;
  /** A rationed proportional tier's final level (remaining / weightTotal), and how many were capped. */
  remaining: number;
  weightTotal: number;
  cappedUnits: number;
}

/**
 * A round's lines are the engine's own objects, or, with `lineOf`, whatever it makes of each line
 * as it is computed (the plan's lines, with their names): 300,000 objects are then built once, not
 * twice. `lineOf` is handed one object reused for every line; it must copy what it keeps.
 */
export function computeAllocation(input: AllocationInput): AllocationResult;
export function computeAllocation<L>(input: AllocationInput, lineOf: (line: Readonly<AllocationLine>) => L): AllocationResult<L>;
export function computeAllocation<L>(input: AllocationInput, lineOf?: (line: Readonly<AllocationLine>) => L): AllocationResult<L | AllocationLine> {
  validateItemsAndUnits(input);
  const basis = input.basis ?? 'staff';
  const topUp = input.topUp ?? false;
  const { coverDays, demands } = input;

  const units = [...input.units].sort(byCode);
  const rankOf = new Map<number, number>();
  units.forEach((u, i) => {
    if (i > 0 && units[i - 1]!.code === u.code) fail(`unit code ${u.code} appears twice`);
    if (rankOf.has(u.unitId)) fail(`unit ${u.unitId} appears twice`);
    rankOf.set(u.unitId, i);
  });
  const unitTier = Uint8Array.from(units, (u) => TIER_CODE[u.tier]);
  const unitWeight = Int32Array.from(units, (u) => weightOf(u, basis));
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
    onHand: new Int32Array(n),
    dailyNeed: new Int32Array(n),
    minimumNeed: new Int32Array(n),
    inTransit: new Int32Array(n),
    need: new Int32Array(n),
    claim: new Int32Array(n),
    allocated: new Int32Array(n),
    kind: new Uint8Array(n),
    topUp: new Int32Array(n),
    exact: new Float64Array(n),
    tier: new Uint8Array(n),
    weight: new Int32Array(n),
  };
  const columns = isDemandColumns(demands) ? demands : null;
  const rows = columns === null ? (demands as readonly DemandInput[]) : null;
  for (let k = 0; k < n; k++) {
    const d = rows === null ? null : rows[k]!;
    const unitId = d === null ? columns!.unitId[k]! : d.unitId;
    const itemId = d === null ? columns!.itemId[k]! : d.itemId;
    const r = rankOf.get(unitId);
    if (r === undefined) fail(`demand for unknown unit ${unitId}`);
    const ii = itemIndexOf.get(itemId);
    if (ii === undefined) fail(`demand for unknown item ${itemId}`);
    const onHand = d === null ? columns!.onHand[k]! : d.onHand;
    const dailyNeed = d === null ? columns!.dailyNeed[k]! : d.dailyNeed;
    const minimumNeed = d === null ? columns!.minimumNeed[k]! : d.minimumNeed;
    const inTransit = d === null ? columns!.inTransit[k]! : d.inTransit;
    count(onHand, 'onHand');
    count(dailyNeed, 'dailyNeed');
    count(minimumNeed, 'minimumNeed');
    count(inTransit, 'inTransit');
    count(dailyNeed * coverDays, 'dailyNeed × coverDays');
    rank[k] = r;
    itemIndex[k] = ii;
    col.onHand[k] = onHand;
    col.dailyNeed[k] = dailyNeed;
    col.minimumNeed[k] = minimumNeed;
    col.inTransit[k] = inTransit;
    col.need[k] = Math.max(0, dailyNeed * coverDays - onHand - inTransit);
    col.tier[k] = unitTier[r]!;
    col.weight[k] = unitWeight[r]!;
  }

  // Rows grouped by item, in unit-code order within each item, whatever order they came in:
  // two stable counting sorts (by unit rank, then by item), linear in the number of rows.
  const order = countingSort(itemIndex, items.length, countingSort(rank, units.length, null));
  const itemStart = new Int32Array(items.length + 1);
  for (let k = 0; k < n; k++) itemStart[itemIndex[k]! + 1]! += 1;
  for (let i = 0; i < items.length; i++) itemStart[i + 1]! += itemStart[i]!;

  const unitNeed = new Float64Array(units.length);
  const unitAllocated = new Float64Array(units.length);
  const unitShortItems = new Int32Array(units.length);
  const lines: (L | AllocationLine)[] = [];
  const summaries: AllocationItemSummary[] = [];
  const scratch: AllocationLine = {
    unitId: 0, itemId: 0, tier: 'full', onHand: 0, dailyNeed: 0, minimumNeed: 0, inTransit: 0, need: 0, claim: 0, allocated: 0, shortfall: 0, topUp: 0, packLeftOut: 0, reason: REASON_NO_NEED,
  };

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
    for (let p = 0; p < rows.length; p++) {
      const k = rows[p]!;
      const need = col.need[k]!;
      col.claim[k] = Math.floor((col.tier[k] === MINIMUM ? Math.min(col.minimumNeed[k]!, need) : need) / packSize);
    }
    const poolPacks = Math.floor(pool / packSize);
    const trace = allocateItem(rows, poolPacks, col);
    if (topUp) topUpItem(rows, poolPacks, packSize, col);

    let allocated = 0;
    let need = 0;
    let toppedUp = 0;
    let allMet = true;
    for (let p = 0; p < rows.length; p++) {
      const k = rows[p]!;
      const r = rank[k]!;
      const unit = units[r]!;
      const rowNeed = col.need[k]!;
      const got = col.allocated[k]! * packSize;
      const extra = col.topUp[k]! * packSize;
      const target = topUp ? rowNeed : col.tier[k] === MINIMUM ? Math.min(col.minimumNeed[k]!, rowNeed) : rowNeed;
      allocated += got;
      toppedUp += extra;
      need += rowNeed;
      if (got < rowNeed - (rowNeed % packSize)) allMet = false;
      unitNeed[r]! += rowNeed;
      unitAllocated[r]! += got;
      if (got < rowNeed) unitShortItems[r]! += 1;
      if (lineOf !== undefined) {
        scratch.unitId = unit.unitId;
        scratch.itemId = item.itemId;
        scratch.tier = unit.tier;
        scratch.onHand = col.onHand[k]!;
        scratch.dailyNeed = col.dailyNeed[k]!;
        scratch.minimumNeed = col.minimumNeed[k]!;
        scratch.inTransit = col.inTransit[k]!;
        scratch.need = rowNeed;
        scratch.claim = col.claim[k]! * packSize;
        scratch.allocated = got;
        scratch.shortfall = rowNeed - got;
        scratch.topUp = extra;
        scratch.packLeftOut = target % packSize;
        scratch.reason = reasonOf(k, col, trace);
        lines.push(lineOf(scratch));
        continue;
      }
      lines.push({
        unitId: unit.unitId,
        itemId: item.itemId,
        tier: unit.tier,
        onHand: col.onHand[k]!,
        dailyNeed: col.dailyNeed[k]!,
        minimumNeed: col.minimumNeed[k]!,
        inTransit: col.inTransit[k]!,
        need: rowNeed,
        claim: col.claim[k]! * packSize,
        allocated: got,
        shortfall: rowNeed - got,
        topUp: extra,
        packLeftOut: target % packSize,
        reason: reasonOf(k, col, trace),
      });
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
      packUnit: item.packSize === undefined ? null : (item.packUnit ?? null),
      need,
      shortfallTotal: need - allocated,
      rationedTier: trace.short,
      topUp: toppedUp,
      leftReason: pool === allocated ? 'none' : allMet ? 'needsMet' : pool - allocated < packSize ? 'partPack' : 'rules',
    });
  }

  return {
    coverDays,
    basis,
    topUp,
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

/** Row positions stably reordered by key (0 ≤ key < buckets); `within` null means 0…n−1. */
function countingSort(key: Int32Array, buckets: number, within: Int32Array | null): Int32Array {
  const n = key.length;
  const next = new Int32Array(buckets + 1);
  for (let k = 0; k < n; k++) next[key[k]! + 1]! += 1;
  for (let b = 0; b < buckets; b++) next[b + 1]! += next[b]!;
  const out = new Int32Array(n);
  for (let p = 0; p < n; p++) {
    const k = within === null ? p : within[p]!;
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
  const groups: [number[], number[], number[]] = [[], [], []];
  for (let p = 0; p < rows.length; p++) {
    const k = rows[p]!;
    allocated[k] = 0;
    if (need[k] === 0) kind[k] = NO_NEED;
    else if (tier[k] === PROPORTIONAL && weight[k] === 0) kind[k] = ZERO_WEIGHT;
    else groups[tier[k]!]!.push(k);
  }
  let remaining = pool;

  for (const code of [FULL, MINIMUM, PROPORTIONAL]) {
    const group = groups[code]!;
    if (trace.short !== null) {
      for (const k of group) kind[k] = HIGHER_SHORT;
      continue;
    }
    let claimTotal = 0;
    for (const k of group) claimTotal += claim[k]!;
    if (claimTotal <= remaining) {
      for (const k of group) {
        allocated[k] = claim[k]!;
        kind[k] = SERVED;
      }
      remaining -= claimTotal;
      continue;
    }
    const claims = group.map((k) => claim[k]!);
    if (code !== PROPORTIONAL) {
      const shares = largestRemainder(remaining, claims, claimTotal);
      for (let j = 0; j < group.length; j++) {
        const k = group[j]!;
        allocated[k] = shares[j]!;
        kind[k] = claim[k] === 0 ? SERVED : RATIONED;
        exact[k] = (remaining * claim[k]!) / claimTotal;
      }
      trace.short = code === FULL ? 'full' : 'minimum';
      trace.pool = remaining;
      trace.claimTotal = claimTotal;
      remaining = 0;
      continue;
    }
    const weights = group.map((k) => weight[k]!);
    const fill = waterFill(remaining, weights, claims);
    for (let j = 0; j < group.length; j++) {
      const k = group[j]!;
      allocated[k] = fill.shares[j]!;
      exact[k] = fill.weightTotal > 0 ? (fill.remaining * weights[j]!) / fill.weightTotal : 0;
      if (claim[k] === 0) kind[k] = SERVED;
      else if (fill.capped[j]) {
        kind[k] = CAPPED;
        trace.cappedUnits += 1;
      } else kind[k] = SHARE;
    }
    trace.short = 'proportional';
    trace.remaining = fill.remaining;
    trace.weightTotal = fill.weightTotal;
  }
  return trace;
}

/**
 * Tops up, tier by tier, the rows still short of their net need (in whole packs) from what the
 * tiers left of `pool`. Integers only: a tier that cannot be topped up in full shares what is left
 * in proportion to its gaps, by largest remainder, and the tiers below get no top-up.
 */
function topUpItem(rows: Int32Array, pool: number, packSize: number, col: Columns): void {
  const { need, allocated, tier, topUp } = col;
  let remaining = pool;
  for (let p = 0; p < rows.length; p++) remaining -= allocated[rows[p]!]!;
  for (const code of [FULL, MINIMUM, PROPORTIONAL]) {
    if (remaining <= 0) return;
    const group: number[] = [];
    const gaps: number[] = [];
    let gapTotal = 0;
    for (let p = 0; p < rows.length; p++) {
      const k = rows[p]!;
      if (tier[k] !== code) continue;
      const gap = Math.floor(need[k]! / packSize) - allocated[k]!;
      if (gap <= 0) continue;
      group.push(k);
      gaps.push(gap);
      gapTotal += gap;
    }
    if (gapTotal === 0) continue;
    const shares = gapTotal <= remaining ? gaps : largestRemainder(remaining, gaps, gapTotal);
    for (let j = 0; j < group.length; j++) {
      const k = group[j]!;
      topUp[k] = shares[j]!;
      allocated[k]! += shares[j]!;
      remaining -= shares[j]!;
    }
  }
}

function reasonOf(k: number, col: Columns, trace: ItemTrace): AllocationReason {
  switch (col.kind[k]) {
    case SERVED:
      return REASON_SERVED;
    case RATIONED:
      return { kind: 'rationed', pool: trace.pool, claimTotal: trace.claimTotal, exact: col.exact[k]! };
    case SHARE:
      return {
        kind: 'share',
        remaining: trace.remaining,
        weight: col.weight[k]!,
        weightTotal: trace.weightTotal,
        exact: col.exact[k]!,
        cappedUnits: trace.cappedUnits,
      };
    case CAPPED:
      return { kind: 'capped', exact: col.exact[k]! };
    case ZERO_WEIGHT:
      return REASON_ZERO_WEIGHT;
    case HIGHER_SHORT:
      return REASON_HIGHER_SHORT[trace.short!];
    default:
      return REASON_NO_NEED;
  }
}
