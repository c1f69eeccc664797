import { z } from 'zod';
import { CATEGORIES, UNIT_TYPES, type Category, type UnitType } from '../domain.ts';
import { command, query, Id, IsoDate, Required, Text } from './channel.ts';
import type { SourceType } from './receiving.ts';

/**
 * The ledger as finance and the command center read it: the comprehensive ledger workbook
 * (综合台账), the stock card workbook (明细账), statistics and the daily briefing (通报), the
 * midnight close (扎账), the shift handover (交接班), and master data / opening stock from Excel.
 */

/** A path the desk writes to or reads from: absolute, an .xlsx file (the shell asks with a save / open dialog). */
export const XlsxPath = z
  .string()
  .trim()
  .max(1000)
  .refine((p) => /^([A-Za-z]:[\\/]|\\\\|\/)/.test(p), { message: 'path_absolute' })
  .refine((p) => /\.xlsx$/i.test(p), { message: 'path_xlsx' });

/** A moment: an ISO date-time with its offset (the renderer sends new Date().toISOString()). */
const Moment = z.iso.datetime({ offset: true });

/** The caller's id for a long job, so that it can follow its progress and cancel it while it runs. */
export const JobId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

export const LedgerFilters = z.object({
  category: z.enum(CATEGORIES).optional(),
  itemId: Id.optional(),
});
export type LedgerFilters = z.infer<typeof LedgerFilters>;

export type JobPhase = 'reading' | 'summary' | 'detail' | 'byUnit' | 'bySource' | 'card' | 'validating' | 'writing';

export interface ExportResult {
  jobId: string;
  /** cancelled: the operator stopped it; nothing was left at the path. */
  status: 'done' | 'cancelled';
  path: string;
  /** Ledger rows written to the detail sheet (or the stock card). */
  rows: number;
  /** Items in the summary sheet. */
  items: number;
  bytes: number;
  ms: number;
}

/** kinds (种) = distinct items, pieces (件) = base units, amount in fen (unpriced rows count 0). */
export interface Tally {
  kinds: number;
  pieces: number;
  amount: number;
}

export interface StatsWindow {
  /** Inclusive start (null: since the first ledger row) and exclusive end, ISO instants. */
  from: string | null;
  to: string;
  /** Supplies received: receipts net of their reversals, without opening stock (期初) and returns (退库). */
  received: {
    total: Tally;
    bySource: (Tally & { sourceType: SourceType })[];
    byCategory: (Tally & { category: Category })[];
  };
  /**
   * Supplies dispatched: dispatches net of their reversals and delivery adjustments. What a unit
   * signed for as short or damaged counts for no unit type (unitType null: lost in transit).
   */
  dispatched: {
    total: Tally;
    byUnitType: (Tally & { unitType: UnitType | null })[];
    byCategory: (Tally & { category: Category })[];
    byUnitTypeCategory: (Tally & { unitType: UnitType | null; category: Category })[];
  };
  /** Goods returned by units (退库), net of reversals. */
  returned: Tally;
  /** Goods written off (报损 / 销毁): damaged, expired, recalled — counted apart from dispatches. */
  writtenOff: Tally;
  /** Documents that moved stock: posted receipts (opening stock excluded) and shipped dispatches; an original reversed within the window is not counted. */
  documents: { inbound: number; outbound: number };
  /** Reversals (红冲) in the window of postings made before it: reported apart instead of making the window's counts negative. */
  reversedEarlier: { inbound: Tally & { documents: number }; outbound: Tally & { documents: number } };
}

export interface StatsSummary {
  at: string;
  /** The depot's local day of `at`. */
  day: string;
  depotName: string;
  /** From the depot's local midnight to `at`. */
  today: StatsWindow;
  /** Everything up to `at`. */
  cumulative: StatsWindow;
  /** Stock on hand at `at`, in pieces. */
  onHand: Tally;
}

/** One local day of the statistics: what was received and dispatched, and the documents (as StatsWindow counts them). */
export interface DailyFigures {
  day: string;
  received: Tally;
  dispatched: Tally;
  documents: { inbound: number; outbound: number };
  /** 红冲 posted that day of postings of earlier days. */
  reversedEarlier: StatsWindow['reversedEarlier'];
}

/**
 * A line of the briefing as the command center words it: what was dispatched to a set of
 * recipients (unit types, subtypes, named units; none = every recipient) of a set of goods
 * (categories, subcategories; none = all goods), since the first posting or on the day, stated in
 * its wording with {种数} / {kinds} and {件数} / {pieces} where the figures go.
 */
export interface BriefingLine {
  id: number;
  position: number;
  scope: 'cumulative' | 'today';
  wordingZh: string;
  wordingEn: string;
  recipients: { unitTypes: string[]; unitSubtypes: string[]; unitIds: number[] };
  goods: { categories: string[]; subcategories: string[] };
}

/** A wording's places for the figures: {件数} or {pieces}, and {种数} or {kinds}. */
export const FIGURE_MARKS = { pieces: ['{件数}', '{pieces}'], kinds: ['{种数}', '{kinds}'] } as const;
const hasPieces = (w: string) => FIGURE_MARKS.pieces.some((m) => w.includes(m));

export interface Briefing {
  at: string;
  /** In the session's language. */
  text: string;
  zh: string;
  en: string;
  summary: StatsSummary;
  /** The command center's own lines, with their figures and sentences. */
  lines: { id: number; kinds: number; pieces: number; amount: number; zh: string; en: string }[];
}

export interface DayCloseItem {
  itemId: number;
  itemCode: string;
  itemName: string;
  unit: string;
  openingQty: number;
  inQty: number;
  outQty: number;
  closingQty: number;
  openingAmount: number;
  inAmount: number;
  outAmount: number;
  closingAmount: number;
}

export interface DayClose {
  day: string;
  startsAt: string;
  endsAt: string;
  /** The last ledger row when the day was closed. */
  throughMovementId: number;
  closedAt: string;
  closedBy: string;
  figures: StatsWindow;
  items: DayCloseItem[];
}

export type DayCloseSummary = Omit<DayClose, 'items'>;

export interface ShiftDocument {
  docType: string;
  docId: number;
  docNo: string;
  at: string;
  operator: string;
  lines: number;
  qtyIn: number;
  qtyOut: number;
  counterparty: string | null;
}

export interface ShiftReport {
  from: string;
  to: string;
  depotName: string;
  documents: ShiftDocument[];
  /** Per item, without moves between locations (they change no item's total). */
  byItem: { itemId: number; itemCode: string; itemName: string; unit: string; qtyIn: number; qtyOut: number; net: number }[];
  lotStatusChanges: { lotId: number; itemName: string; lotNo: string; from: string | null; to: string; note: string; at: string; operator: string }[];
  /** What the next shift takes over. */
  open: {
    draftReceipts: { id: number; sourceType: string; supplierName: string | null; createdAt: string; lines: number }[];
    pendingLots: { lotId: number; itemName: string; lotNo: string; onHand: number }[];
    quarantinedLots: { lotId: number; itemName: string; lotNo: string; onHand: number }[];
    openStocktakes: { id: number; no: string; createdAt: string }[];
    /** Dispatch orders not yet shipped, and shipped ones still waiting for the unit's signature (签收). */
    openDispatches: { id: number; no: string; status: string; unitName: string; createdAt: string }[];
  };
}

export const IMPORT_KINDS = ['items', 'suppliers', 'units', 'stock'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface ImportRowError {
  /** The row number in the sheet, as Excel shows it. */
  row: number;
  field: string;
  message: string;
}

export interface ImportPreview {
  /** Empty when the reading was cancelled (cancelled: true). */
  previewId: string;
  cancelled: boolean;
  kind: ImportKind;
  file: string;
  sheet: string;
  headerRow: number;
  /** Which header of the file feeds which field. */
  columns: { header: string; field: string; column: number }[];
  /** Data rows in the file (blank rows skipped). */
  total: number;
  /** The first rows as they will be imported (field → value), with their sheet row number. */
  rows: { row: number; values: Record<string, string | number | boolean | null> }[];
  errors: ImportRowError[];
  /** Rows with at least one error; the import goes ahead only when this is 0. */
  errorRows: number;
}

export interface ImportResult {
  kind: ImportKind;
  imported: number;
  /** Opening stock: the receipt posted. */
  receiptId: number | null;
  receiptNo: string | null;
}

export const ledgerChannels = {
  /** The comprehensive ledger workbook; writes only the file, so it is a query. Resolves when the file is complete or cancelled. */
  'ledger.export': query<ExportResult>()(
    z
      .object({ jobId: JobId.optional(), from: IsoDate, to: IsoDate, filters: LedgerFilters.default({}), path: XlsxPath })
      .refine((x) => x.from <= x.to, { message: 'period_order', path: ['to'] }),
  ),
  /** The stock card (明细账) of an item, or of one lot, as a workbook. */
  'ledger.exportCard': query<ExportResult>()(
    z
      .object({ jobId: JobId.optional(), itemId: Id, lotId: Id.optional(), from: IsoDate.optional(), to: IsoDate.optional(), path: XlsxPath })
      .refine((x) => !x.from || !x.to || x.from <= x.to, { message: 'period_order', path: ['to'] }),
  ),
  /** Stops a running export or import reading; the answer says whether there was one to stop. */
  'jobs.cancel': query<{ cancelled: boolean }>()(z.object({ jobId: JobId })),

  'stats.summary': query<StatsSummary>()(z.object({ at: Moment.optional() })),
  'stats.briefing': query<Briefing>()(z.object({ at: Moment.optional() })),
  /** The last `days` local days up to the day of `at` (today), oldest first: the dashboard's daily in and out. */
  'briefing.lines': query<BriefingLine[]>()(z.object({})),
  'briefing.saveLine': command<BriefingLine>()(
    z.object({
      id: Id.optional(),
      position: z.int().min(0).max(999).default(0),
      scope: z.enum(['cumulative', 'today']),
      wordingZh: Required(200).refine(hasPieces, { message: 'wording_figures' }),
      wordingEn: Required(300).refine(hasPieces, { message: 'wording_figures' }),
      recipients: z.object({ unitTypes: z.array(z.enum(UNIT_TYPES)).max(20).default([]), unitSubtypes: z.array(Text(32)).max(50).default([]), unitIds: z.array(Id).max(500).default([]) }),
      goods: z.object({ categories: z.array(z.enum(CATEGORIES)).max(20).default([]), subcategories: z.array(Text(32)).max(50).default([]) }),
    }),
    ['admin'],
  ),
  'briefing.deleteLine': command<{ id: number }>()(z.object({ id: Id }), ['admin']),
  'stats.daily': query<DailyFigures[]>()(z.object({ days: z.int().min(1).max(366).default(28), at: Moment.optional() })),

  /** 扎账: freezes the figures of every ended day up to `day` not yet closed. */
  'ledger.closeDay': command<DayCloseSummary[]>()(z.object({ day: IsoDate }), ['storekeeper', 'dispatcher', 'approver']),
  'ledger.dayCloses': query<DayCloseSummary[]>()(z.object({ limit: z.int().min(1).max(1000).default(60) })),
  'ledger.dayClose': query<DayClose>()(z.object({ day: IsoDate })),
  /** 交接班: what happened between two moments, and what is left open. */
  'ledger.shiftReport': query<ShiftReport>()(
    z.object({ from: Moment, to: Moment }).refine((x) => Date.parse(x.from) < Date.parse(x.to), { message: 'period_order', path: ['to'] }),
  ),

  /** Reads an .xlsx, maps its columns, checks every row; changes nothing. */
  'import.preview': query<ImportPreview>()(
    z.object({ jobId: JobId.optional(), kind: z.enum(IMPORT_KINDS), path: XlsxPath }),
    ['storekeeper', 'dispatcher'],
  ),
  /** Imports a preview without errors: every row or none. */
  'import.commit': command<ImportResult>()(z.object({ previewId: Required(64) }), ['storekeeper', 'dispatcher']),
};
