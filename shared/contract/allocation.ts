import { z } from 'zod';
import { TIERS, type Tier, type UnitType } from '../domain.ts';
import { command, query, Id, IsoDate, Required, Text, Version } from './channel.ts';
import type { ImportRowError } from './ledger.ts';
import type { AllocationReason } from '../allocation-reasons.ts';

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

/**
 * The largest figure one unit may report for one item and day: ten million base units. The
 * biggest consignments in the bureaus' reports are about 100,000 pieces for a whole city, so this
 * leaves a hundredfold margin and still refuses a phone number typed into the on-hand column
 * (13,800,138,000) or a need of 10^9; and with at most 60 days of cover every net need stays
 * below the engine's 32-bit limit.
 */
export const DEMAND_MAX = 10_000_000;
const demandFigure = (message: string) =>
  z
    .int()
    .min(0)
    .refine((v) => v <= DEMAND_MAX, { message });
const DemandFigure = demandFigure('demand_too_big');
// "On hand" is the stock grid's 账面 under field.onHand; the report's own word is in the message.
const OnHandFigure = demandFigure('demand_on_hand_too_big');

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
  /**
   * After every tier is served by its rule, what remains above the reserve tops up units still
   * short of their net need, tier by tier. On by default: the minimum rule is a rule for shortage.
   */
  topUp: z.boolean().default(true),
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
  /** On orders not yet delivered: shipped, approved, picked, or drafted from another day's plan (在途/待发). */
  pending: number;
  /** Part of `computed` given by the top-up after the tiers (补足至全额需求). */
  topUp: number;
  /** Part of `computed` from stock a donor earmarked for this unit (定向捐赠), used before general stock. */
  earmarked: number;
  /** With whole packs: the part of this line's claim smaller than one pack, left out. */
  packLeftOut: number;
  /** The demand report's figures the reason is told from. */
  onHand: number;
  dailyNeed: number;
  minimumNeed: number;
  /** Why the rules gave what they gave, as data: put into words by planLineReason where it is shown. */
  why: AllocationReason;
  /** Something the operator should fix (a township centre with no staff count), or null. */
  warning: string | null;
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
  packUnit: string | null;
  packRemainder: number;
  rationedTier: Tier | null;
  /** Σ allocated > available: the plan cannot be approved. */
  over: boolean;
  /** Σ allocated > available − reserve: overrides eat into the reserve; approval needs the approver's confirmation. */
  overReserve: boolean;
  /** What the top-up gave after the tiers. */
  topUp: number;
  /** available − reserve − allocated: stays in stock, and why (in words). */
  unallocated: number;
  unallocatedReason: string;
}

/** A draft dispatch order of another revision of the same day. */
export interface SupersededOrder {
  id: number;
  no: string;
  unitName: string;
  status: string;
  revision: number;
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
  units: { unitId: number; unitCode: string; unitName: string; tier: Tier; need: number; allocated: number; shortfall: number; warning: string | null }[];
  /** Units left out of the round because of figures no unit can mean; the others are planned. */
  leftOut: { unitId: number; unitCode: string; unitName: string; reason: string }[];
  /**
   * A draft: the drafts of older revisions of the day its approval will cancel. Approved: those it
   * cancelled.
   */
  supersedes: SupersededOrder[];
  /** What the approver should know before approving, in words. */
  notices: string[];
  createdBy: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  version: number | null;
  /** The draft dispatch orders approval created. */
  orders: { id: number; no: string; unitName: string; status: string }[];
}

export type PlanSummary = Omit<Plan, 'lines' | 'items' | 'units' | 'params' | 'leftOut' | 'supersedes' | 'notices'> & {
  coverDays: number;
  allocated: number;
  shortfall: number;
  over: boolean;
  overReserve: boolean;
};

export interface PlanDiff {
  againstId: number | null;
  againstRevision: number | null;
  changes: { unitId: number; unitName: string; itemId: number; itemName: string; before: number; after: number }[];
  /** Draft orders of older revisions this plan cancels (draft) or cancelled (approved). */
  superseded: SupersededOrder[];
}

/** One data row of a demand workbook, as it would be saved (null where the sheet could not be read). */
export interface DemandImportRow {
  /** The row number in the sheet, as Excel shows it. */
  row: number;
  unitId: number | null;
  /** The matched unit's name, or what the sheet says. */
  unitName: string;
  itemId: number | null;
  itemCode: string;
  itemName: string;
  spec: string;
  /** The item's base unit (quantities written in its packs are converted). */
  unit: string;
  onHand: number | null;
  dailyNeed: number | null;
  minimumNeed: number | null;
  requested: number | null;
  /** Translated problems of this row; it is imported only when there are none. */
  errors: { field: string; message: string }[];
}

export interface DemandImportPreview {
  file: string;
  sheet: string;
  headerRow: number;
  /** Which header of the sheet feeds which field (onHand, dailyNeed, unitName, measure…). */
  columns: { header: string; field: string; column: number }[];
  /** Where the reporting unit comes from: a column of the sheet, its title (or sheet / file name), or the operator's choice. */
  unitFrom: 'column' | 'title' | 'chosen';
  /** The one unit of the file when it does not come from a column. */
  unit: { id: number; code: string; name: string } | null;
  /** Data rows read; rows without any figure (templates, footers, 合计) are skipped. */
  total: number;
  valid: number;
  skipped: number;
  errorRows: number;
  rows: DemandImportRow[];
  errors: ImportRowError[];
  /** Things the operator should know that do not stop the import (translated). */
  warnings: string[];
}

export interface DemandImportResult {
  imported: number;
  units: number;
  /** Rows left out because they had errors (validOnly) or no figures. */
  leftOut: number;
}

/**
 * A demand workbook: its bytes (the desk's file picker) or an absolute path (the CLI); the day
 * reported; the unit for a one-unit file whose sheet names none.
 */
const DemandFile = {
  fileBase64: z.string().min(1).max(28_000_000).optional(),
  fileName: Text(255).optional(),
  path: z.string().trim().max(1000).refine((p) => /^([A-Za-z]:[\\/]|\\\\|\/)/.test(p), { message: 'path_absolute' }).optional(),
  day: IsoDate,
  unitId: Id.optional(),
};

const Override = z.object({ unitId: Id, itemId: Id, allocated: z.int().min(0).max(1_000_000_000), reason: Required(200) });

const DISPATCH = ['dispatcher'] as const;
/** A plan of a city's round is 100 MB of JSON: a repeated save or approval answers with the plan as it stands. */
const REPLAY_PLAN = { channel: 'allocation.get', input: (plan: Plan) => ({ id: plan.id }) };

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
            onHand: OnHandFigure,
            dailyNeed: DemandFigure,
            minimumNeed: DemandFigure,
            requested: DemandFigure.nullable().default(null),
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
  /** Withdraws a unit's report of the day (all its items, or the ones named): a wrong report is taken back, not overwritten with 0. */
  'demand.withdraw': command<{ withdrawn: number }>()(z.object({ day: IsoDate, unitId: Id, itemIds: z.array(Id).min(1).max(5000).optional() }), DISPATCH),

  /** Reads a unit's (or a combined) demand workbook, maps its columns and checks every row; changes nothing. */
  'demand.importPreview': query<DemandImportPreview>()(z.object(DemandFile), DISPATCH),
  /** Saves the rows of a previewed workbook as the day's reports (source excel): all or none, or only the valid ones. */
  'demand.importCommit': command<DemandImportResult>()(z.object({ ...DemandFile, mode: z.enum(['all', 'validOnly']).default('all') }), DISPATCH),

  /** Computes a plan without saving it (what-if). */
  'allocation.compute': query<Plan>()(RoundParams),
  /** Saves a new revision of the day's plan, with the operator's overrides. */
  'allocation.save': command<Plan>()(
    RoundParams.extend({ overrides: z.array(Override).max(50_000).default([]), note: Text(500).default('') }),
    DISPATCH,
    REPLAY_PLAN,
  ),
  'allocation.get': query<Plan>()(z.object({ id: Id })),
  'allocation.list': query<PlanSummary[]>()(z.object({ day: IsoDate.optional() })),
  /** What changed against the last approved plan before it. */
  'allocation.diff': query<PlanDiff>()(z.object({ id: Id })),
  /**
   * Approves a draft plan: one draft dispatch order per unit that gets anything; the drafts of
   * older revisions of the day are cancelled. A plan that gives away part of the reserve needs
   * `confirmReserve`.
   */
  'allocation.approve': command<Plan>()(z.object({ id: Id, version: Version, confirmReserve: z.boolean().default(false) }), ['approver'], REPLAY_PLAN),
};
