import { z } from 'zod';
import { TIERS, type Tier, type UnitType } from '../domain.ts';
import { command, query, Id, IsoDate, Required, Text, Version } from './channel.ts';

export interface DemandRow {
  unitId: number;
  unitCode: string;
  unitName: string;
  unitType: UnitType;
  itemId: number;
  itemCode: string;
  itemName: string;
  unit: string;
  onHand: number;
  dailyNeed: number;
  minimumNeed: number;
  requested: number | null;
  /** Carried forward from this earlier day (shown with a mark), or null. */
  carriedFrom: string | null;
  source: 'desk' | 'excel' | 'carried';
}

export interface ReportStatus {
  unitId: number;
  unitCode: string;
  unitName: string;
  unitType: UnitType;
  reported: boolean;
  carried: boolean;
  /** The last day this unit reported anything, or null if never. */
  lastDay: string | null;
}

export const Basis = z.enum(['staff', 'beds', 'equal']);
const Reserve = z.object({ percent: z.number().min(0).max(100).optional(), quantity: z.int().min(0).optional() });

export const RoundParams = z.object({
  day: IsoDate,
  coverDays: z.int().min(1).max(60).default(3),
  basis: Basis.default('staff'),
  /** Held back from every item before allocating; per-item reserves override it. */
  reserve: Reserve.default({}),
  itemReserves: z.array(Reserve.extend({ itemId: Id })).max(2000).default([]),
  /** The items in scope; empty means every item with demand that day. */
  itemIds: z.array(Id).max(2000).default([]),
  /** What-if: a unit's tier for this round only. */
  tierOverrides: z.array(z.object({ unitId: Id, tier: z.enum(TIERS) })).max(5000).default([]),
  /** Allocate whole packs (the item's smallest pack) where the item has packs. */
  wholePacks: z.boolean().default(false),
});
export type RoundParams = z.output<typeof RoundParams>;

export interface PlanLine {
  unitId: number;
  unitCode: string;
  unitName: string;
  unitType: UnitType;
  itemId: number;
  itemCode: string;
  itemName: string;
  unit: string;
  tier: Tier;
  need: number;
  claim: number;
  /** What the rules gave. */
  computed: number;
  /** What the plan gives (the operator may override, with a reason). */
  allocated: number;
  shortfall: number;
  reason: string;
  overrideReason: string | null;
}

export interface PlanItem {
  itemId: number;
  itemCode: string;
  itemName: string;
  unit: string;
  available: number;
  reserve: number;
  allocated: number;
  need: number;
  shortfall: number;
  packSize: number | null;
  packRemainder: number;
  rationedTier: Tier | null;
  /** Σ allocated > available: the plan cannot be approved. */
  over: boolean;
}

export interface Plan {
  /** null for a computed preview that is not saved. */
  id: number | null;
  day: string;
  revision: number | null;
  status: 'preview' | 'draft' | 'approved';
  params: RoundParams;
  lines: PlanLine[];
  items: PlanItem[];
  units: { unitId: number; unitCode: string; unitName: string; tier: Tier; need: number; allocated: number; shortfall: number }[];
  createdBy: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  version: number | null;
  /** The draft dispatch orders approval created. */
  orders: { id: number; no: string; unitName: string; status: string }[];
}

export type PlanSummary = Omit<Plan, 'lines' | 'items' | 'units' | 'params'> & { coverDays: number; allocated: number; shortfall: number; over: boolean };

export interface PlanDiff {
  againstId: number | null;
  againstRevision: number | null;
  changes: { unitId: number; unitName: string; itemId: number; itemName: string; before: number; after: number }[];
}

const Override = z.object({ unitId: Id, itemId: Id, allocated: z.int().min(0).max(1_000_000_000), reason: Required(200) });

const DISPATCH = ['dispatcher'] as const;

export const allocationChannels = {
  'demand.list': query<DemandRow[]>()(z.object({ day: IsoDate, unitId: Id.optional(), itemId: Id.optional() })),
  'demand.save': command<{ saved: number }>()(
    z.object({
      day: IsoDate,
      rows: z
        .array(
          z.object({
            unitId: Id,
            itemId: Id,
            onHand: z.int().min(0),
            dailyNeed: z.int().min(0),
            minimumNeed: z.int().min(0),
            requested: z.int().min(0).nullable().default(null),
          }),
        )
        .min(1)
        .max(50_000),
      source: z.enum(['desk', 'excel']).default('desk'),
    }),
    DISPATCH,
  ),
  /** Who has reported for the day, who has not, and since when. */
  'demand.status': query<ReportStatus[]>()(z.object({ day: IsoDate })),
  /** Copies each unit's last report to the day, marked as carried forward. */
  'demand.carryForward': command<{ carried: number }>()(z.object({ day: IsoDate, unitIds: z.array(Id).min(1).max(5000) }), DISPATCH),

  /** Computes a plan without saving it (what-if). */
  'allocation.compute': query<Plan>()(RoundParams),
  /** Saves a new revision of the day's plan, with the operator's overrides. */
  'allocation.save': command<Plan>()(
    RoundParams.extend({ overrides: z.array(Override).max(50_000).default([]), note: Text(500).default('') }),
    DISPATCH,
  ),
  'allocation.get': query<Plan>()(z.object({ id: Id })),
  'allocation.list': query<PlanSummary[]>()(z.object({ day: IsoDate.optional() })),
  /** What changed against the last approved plan before it. */
  'allocation.diff': query<PlanDiff>()(z.object({ id: Id })),
  /** Approves a draft plan: one draft dispatch order per unit that gets anything. */
  'allocation.approve': command<Plan>()(z.object({ id: Id, version: Version }), ['approver']),
};
