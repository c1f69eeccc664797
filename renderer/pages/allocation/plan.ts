import type { Plan, PlanItem, PlanLine, RoundParams } from '../../../shared/contract/allocation.ts';
import { TIERS, type Tier } from '../../../shared/domain.ts';

/** The operator's change of one line: the quantity and why. */
export interface Edit {
  allocated: number;
  reason: string;
}
export type Edits = ReadonlyMap<string, Edit>;

export const lineKey = (l: { unitId: number; itemId: number }) => `${l.unitId}:${l.itemId}`;

/** The changes a saved plan carries (its overridden lines). */
export function editsOf(plan: Plan): Map<string, Edit> {
  return new Map(plan.lines.filter((l) => l.overrideReason !== null).map((l) => [lineKey(l), { allocated: l.allocated, reason: l.overrideReason! }]));
}

export type PlanView = Pick<Plan, 'lines' | 'items' | 'units'>;

/**
 * The plan with the operator's changes applied and its totals counted again, as the core does
 * when it saves them (main/domains/allocation/plans.ts toPlan): an item whose lines give away
 * more than is available is over, and blocks approval; one that gives away part of the reserve
 * needs the approver's confirmation.
 */
export function viewOf(plan: Plan, edits: Edits): PlanView {
  const tierRank = (t: Tier) => TIERS.indexOf(t);
  const lines: PlanLine[] = plan.lines
    .map((l) => {
      const e = edits.get(lineKey(l));
      const allocated = e ? e.allocated : l.computed;
      return { ...l, allocated, shortfall: Math.max(0, l.need - allocated), overrideReason: e ? e.reason : null };
    })
    .sort((a, b) => a.itemCode.localeCompare(b.itemCode) || tierRank(a.tier) - tierRank(b.tier) || a.unitCode.localeCompare(b.unitCode));
  const items: PlanItem[] = plan.items.map((it) => {
    const mine = lines.filter((l) => l.itemId === it.itemId);
    const allocated = mine.reduce((n, l) => n + l.allocated, 0);
    const pool = it.available - it.reserve;
    return {
      ...it,
      allocated,
      shortfall: mine.reduce((n, l) => n + l.shortfall, 0),
      over: allocated > it.available,
      overReserve: allocated > pool,
      unallocated: Math.max(0, pool - allocated),
    };
  });
  const units = plan.units
    .map((u) => {
      const mine = lines.filter((l) => l.unitId === u.unitId);
      return { ...u, allocated: mine.reduce((n, l) => n + l.allocated, 0), shortfall: mine.reduce((n, l) => n + l.shortfall, 0) };
    })
    .sort((a, b) => tierRank(a.tier) - tierRank(b.tier) || a.unitCode.localeCompare(b.unitCode));
  return { lines, items, units };
}

/** The round's parameters as the form holds them. */
export interface RoundForm {
  day: string;
  coverDays: number;
  reserveKind: 'percent' | 'quantity';
  reserve: number;
  basis: RoundParams['basis'];
  wholePacks: boolean;
  topUp: boolean;
  itemIds: number[];
  tierOverrides: { unitId: number; tier: Tier }[];
  /** Kept from a loaded plan: the form does not edit per-item reserves. */
  itemReserves: RoundParams['itemReserves'];
}

export function formOf(day: string, p?: RoundParams): RoundForm {
  return {
    day: p?.day ?? day,
    coverDays: p?.coverDays ?? 3,
    reserveKind: p?.reserve.quantity !== undefined ? 'quantity' : 'percent',
    reserve: p?.reserve.quantity ?? p?.reserve.percent ?? 0,
    basis: p?.basis ?? 'staff',
    wholePacks: p?.wholePacks ?? false,
    topUp: p?.topUp ?? true,
    itemIds: p?.itemIds ?? [],
    tierOverrides: p?.tierOverrides ?? [],
    itemReserves: p?.itemReserves ?? [],
  };
}

export function paramsOf(f: RoundForm): RoundParams {
  return {
    day: f.day,
    coverDays: f.coverDays,
    basis: f.basis,
    reserve: f.reserveKind === 'percent' ? { percent: f.reserve } : { quantity: f.reserve },
    itemReserves: f.itemReserves,
    itemIds: [...f.itemIds].sort((a, b) => a - b),
    tierOverrides: [...f.tierOverrides].sort((a, b) => a.unitId - b.unitId),
    wholePacks: f.wholePacks,
    topUp: f.topUp,
  };
}

/** Whether the shown plan was computed from what the form says now. */
export const sameParams = (f: RoundForm, p: RoundParams) => JSON.stringify(paramsOf(f)) === JSON.stringify(paramsOf(formOf(p.day, p)));
