import { z } from 'zod';
import { command, query, Id, IsoDate, Required, Text, Version } from './channel.ts';
import { Quantity } from './receiving.ts';
import type { Pack } from '../packs.ts';
import { Delivery, PdfPath, delivering, type PrintResult } from './print.ts';
import { LOCALES, UNIT_TYPES, type UnitType } from '../domain.ts';
import { XlsxPath } from './ledger.ts';

/** As the desk shows it: open / partly received / received come from the receipts; closed and cancelled are decided. */
export const PO_STATUSES = ['open', 'partly_received', 'received', 'closed', 'cancelled'] as const;
export type PoStatus = (typeof PO_STATUSES)[number];

export interface PurchaseOrderLine {
  id: number;
  lineNo: number;
  itemId: number;
  itemCode: string;
  itemName: string;
  unit: string;
  packs: Pack[];
  /** Base units. */
  ordered: number;
  received: number;
  rejected: number;
  outstanding: number;
  /** Accepted beyond what was ordered (0 unless a receipt was posted before the order was cut). */
  over: number;
  /** Fen per base unit; null when the price is not agreed yet. */
  unitPrice: number | null;
  promisedOn: string | null;
  /** Promised before today and still outstanding on an open order. */
  late: boolean;
}

export interface PurchaseOrder {
  id: number;
  no: string;
  supplierId: number;
  supplierName: string;
  status: PoStatus;
  planId: number | null;
  note: string;
  createdBy: string;
  createdAt: string;
  endReason: string | null;
  version: number;
  lines: PurchaseOrderLine[];
  /** The posted receipts against it; a reversed one no longer counts. */
  receipts: { id: number; no: string; receivedAt: string; reversedByNo: string | null }[];
  totals: { ordered: number; received: number; rejected: number; outstanding: number; amount: number | null };
}

export type PurchaseOrderSummary = Omit<PurchaseOrder, 'lines' | 'receipts'>;

/** What receipts.saveDraft needs to start a receipt from what is still open: lot, expiry and location are the storekeeper's. */
export interface ReceiptStart {
  sourceType: 'purchase' | 'donation';
  supplierId: number;
  purchaseOrderId: number | null;
  pledgeId: number | null;
  reference: string;
  lines: { itemId: number; itemName: string; unit: string; counted: number; unitCost: number | null; valueBasis: 'price' | 'declared' | null }[];
}


/** How much of an item to buy, and how that was reached. */
export interface ProcurementFigures {
  itemId: number;
  itemCode: string;
  itemName: string;
  unit: string;
  packs: Pack[];
  /** The allocation plan's need left unserved. */
  unmet: number;
  /** Free stock once that plan is served (today's free stock for an item outside it). */
  stockAfter: number;
  safetyStock: number;
  /** Dispatched a day over the last 7 days, rounded up. */
  dailyRate: number;
  coverDays: number;
  /** Back to the larger of the safety stock and cover days at that rate. */
  topUp: number;
  /** Still outstanding on open purchase orders. */
  onOrder: number;
  /** Promised by donors and not yet received. */
  pledged: number;
  suggested: number;
  /** The sum in words: 未满足需求 … + 补足 … − 已订未到 … − 已认捐未到 … = 建议采购 … */
  how: string;
}

export interface SupplierOffer {
  supplierId: number;
  supplierName: string;
  capacityPerDay: string;
  leadTimeDays: number | null;
  qualification: string;
  qualificationExpiry: string | null;
  /** The qualification's expiry is before today. */
  expired: boolean;
}

export interface ProcurementProposal {
  allocationPlanId: number | null;
  /** "2026-04-10 第 1 版", or null without any allocation plan. */
  allocationPlanLabel: string | null;
  lines: (ProcurementFigures & { lastPrices: { supplierId: number; unitPrice: number }[] })[];
  suppliers: SupplierOffer[];
}

export interface ProcurementSplit extends SupplierOffer {
  id: number;
  qty: number;
  unitPrice: number | null;
  promisedOn: string | null;
  /** Expired and not released: the plan cannot be approved. */
  blocked: boolean;
  overrideReason: string | null;
  overrideBy: string | null;
}

/** A line changed by hand after it was computed: by whom, when, and what it planned before. */
export interface ProcurementEdit {
  by: string;
  at: string;
  /** The line's total before the last edit; 0 for a line added by hand. */
  before: number;
  added: boolean;
  /** "手工修改（王调度 2026-04-10 10:05）：原计划 1200只（华康 1000只、康宁 200只）" */
  words: string;
}

export interface ProcurementPlan {
  id: number;
  no: string;
  status: 'draft' | 'approved';
  allocationPlanId: number | null;
  note: string;
  createdBy: string;
  createdAt: string;
  approvedBy: string | null;
  approvedAt: string | null;
  version: number;
  lines: (ProcurementFigures & { id: number; planned: number; splits: ProcurementSplit[]; edited: ProcurementEdit | null })[];
  purchaseOrders: { id: number; no: string; supplierName: string }[];
}


export const DONOR_KINDS = ['company', 'association', 'person', 'overseas'] as const;
export type DonorKind = (typeof DONOR_KINDS)[number];

export interface PledgeLine {
  id: number;
  lineNo: number;
  itemId: number;
  itemCode: string;
  itemName: string;
  unit: string;
  packs: Pack[];
  pledged: number;
  received: number;
  rejected: number;
  outstanding: number;
  /** Received beyond the pledge: a donor may give more than promised. */
  over: number;
  /** Fen per base unit, as the donor declares it; null when not declared. */
  declaredValue: number | null;
}

/** 定向捐赠: the one unit, the type of unit, or the district the donor designated. */
export interface Earmark {
  unitId?: number | undefined;
  unitType?: UnitType | undefined;
  district?: string | undefined;
}

export interface Pledge {
  id: number;
  earmark: Earmark | null;
  /** The earmark in words: "定向：定点医院". */
  earmarkText: string | null;
  no: string;
  donorId: number;
  donorName: string;
  donorKind: DonorKind;
  pledgedOn: string;
  expectedOn: string | null;
  note: string;
  status: 'open' | 'partly_received' | 'received';
  createdBy: string;
  lines: PledgeLine[];
  receipts: { id: number; no: string; receivedAt: string; reversedByNo: string | null }[];
  totals: { pledged: number; received: number; outstanding: number };
}


/** One destination of a donation's goods: a dispatch that took them from the donation's lot. */
export interface DonationDestination {
  unitId: number;
  unitName: string;
  unitType: UnitType;
  district: string;
  orderNo: string;
  /** When it left the depot. */
  at: string;
  qty: number;
}

export interface DonationTraceLine {
  itemId: number;
  itemCode: string;
  itemName: string;
  spec: string;
  unit: string;
  lotNo: string;
  received: number;
  /** Fen per base unit, as declared; null when not declared. */
  declaredValue: number | null;
  dispatched: number;
  /** Still in the depot (or not yet traced out of it). */
  remaining: number;
  destinations: DonationDestination[];
}

/** Where one donation receipt's goods went: traced from the lots it brought in to the dispatches that took them. */
export interface DonationTrace {
  receiptId: number;
  no: string;
  receivedAt: string;
  donorName: string;
  pledgeNo: string | null;
  lines: DonationTraceLine[];
}


/** PAHO/SUMA classes of arriving donations: urgent (front-line need now), non-urgent, non-priority. */
export const SUMA_CLASSES = ['urgent', 'non_urgent', 'non_priority'] as const;
export type SumaClass = (typeof SUMA_CLASSES)[number];

/** A donation waiting to be inspected or shelved, with its class: the storekeeper's, or the desk's suggestion and why. */
export interface DonationArrival {
  receiptId: number;
  no: string | null;
  status: 'draft' | 'posted';
  donorName: string;
  receivedAt: string;
  items: string;
  suggested: SumaClass;
  /** Why the desk suggests it: "医用防护口罩 本轮分配缺口 2,000". */
  why: string;
  class: SumaClass | null;
  note: string;
}

/** A promise not kept on time: an order line past its promised date, or a pledge past its expected date, still outstanding. */
export interface LateDelivery {
  kind: 'purchase_order' | 'pledge';
  id: number;
  no: string;
  partyName: string;
  itemName: string;
  unit: string;
  dueOn: string;
  daysLate: number;
  outstanding: number;
}


/** The pledge pipeline of one donor and item: promised → on the dock → received → dispatched. */
export interface PledgePipelineRow {
  donorId: number;
  donorName: string;
  itemId: number;
  itemCode: string;
  itemName: string;
  unit: string;
  pledged: number;
  /** On draft receipts against the pledges: arrived, not yet posted. */
  arriving: number;
  received: number;
  /** Pledged and not yet received. */
  outstanding: number;
  /** Of what was received, gone out on dispatches (net of reversals). */
  dispatched: number;
  inStock: number;
}

const PoLine = z.object({
  itemId: Id,
  qty: Quantity,
  unitPrice: z.int().min(0).max(100_000_000).nullable().default(null),
  promisedOn: IsoDate.nullable().default(null),
});

const BUYERS = ['dispatcher', 'approver'] as const;

const DonationScope = z.object({ from: IsoDate.optional(), to: IsoDate.optional(), receipt: z.union([Id, Required(40)]).optional() });

const ProposalInput = z.object({
  /** The round whose unmet need to cover; the latest allocation plan when left out. */
  allocationPlanId: Id.nullable().default(null),
  coverDays: z.int().min(0).max(90).default(0),
});

const Split = z.object({
  supplierId: Id,
  qty: Quantity,
  unitPrice: z.int().min(0).max(100_000_000).nullable().default(null),
  promisedOn: IsoDate.nullable().default(null),
});

export const supplyChannels = {
  'purchaseOrders.list': query<PurchaseOrderSummary[]>()(z.object({ status: z.enum(PO_STATUSES).optional(), limit: z.int().min(1).max(5000).default(500) })),
  'purchaseOrders.get': query<PurchaseOrder>()(z.object({ id: Id })),
  /** An emergency purchase outside a plan; a plan's approval makes its orders itself. */
  'purchaseOrders.create': command<PurchaseOrder>()(
    z.object({
      supplierId: Id,
      note: Text(500).default(''),
      lines: z.array(PoLine).min(1).max(300),
      /** To a supplier whose qualification has expired: an approver's reason, or the order is refused. */
      overrideReason: Text(200).default(''),
    }),
    BUYERS,
  ),
  /** The receipt's lines as still outstanding, at the order's prices. */
  'purchaseOrders.receiptStart': query<ReceiptStart>()(z.object({ id: Id })),
  /** Ends an order: closed keeps what came and forgives the rest; cancelled only while nothing came. */
  /** Per item: unmet need + top-up to safety stock − on order − pledged, with the offers of the supplier directory. */
  'procurement.compute': query<ProcurementProposal>()(ProposalInput),
  /** Saves the plan as edited: each item's figures as computed now, and its split across suppliers. */
  'procurement.save': command<ProcurementPlan>()(
    ProposalInput.extend({ note: Text(500).default(''), lines: z.array(z.object({ itemId: Id, splits: z.array(Split).min(1).max(20) })).min(1).max(500) }),
    BUYERS,
  ),
  /**
   * Edits a draft plan before approval: the lines sent are the plan from now on — a quantity or a
   * split changed, a line left out is removed, a new item is added with its figures computed now.
   */
  'procurement.edit': command<ProcurementPlan>()(
    z.object({ id: Id, version: Version, lines: z.array(z.object({ itemId: Id, splits: z.array(Split).min(1).max(20) })).min(1).max(500) }),
    BUYERS,
  ),
  'procurement.get': query<ProcurementPlan>()(z.object({ id: Id })),
  'procurement.list': query<Omit<ProcurementPlan, 'lines'>[]>()(z.object({ limit: z.int().min(1).max(1000).default(200) })),
  /** An approver releases a split to a supplier whose qualification has expired, saying why. */
  'procurement.override': command<ProcurementPlan>()(z.object({ id: Id, splitId: Id, reason: Required(200) }), ['approver']),
  /** Approval makes one purchase order per supplier. */
  'procurement.approve': command<ProcurementPlan>()(z.object({ id: Id, version: Version }), ['approver']),
  'pledges.list': query<Omit<Pledge, 'lines' | 'receipts'>[]>()(z.object({ limit: z.int().min(1).max(5000).default(500) })),
  /** Per donor and item: pledged, arriving, received, outstanding, dispatched, still in stock. */
  'pledges.pipeline': query<PledgePipelineRow[]>()(z.object({})),
  'pledges.get': query<Pledge>()(z.object({ id: Id })),
  /** A donor's promise (认捐): what and when; receipts are matched against it as the goods arrive. */
  'pledges.create': command<Pledge>()(
    z.object({
      donorId: Id,
      donorKind: z.enum(DONOR_KINDS),
      pledgedOn: IsoDate,
      expectedOn: IsoDate.nullable().default(null),
      earmark: z
        .object({ unitId: Id.optional(), unitType: z.enum(UNIT_TYPES).optional(), district: Required(40).optional() })
        .refine((e) => [e.unitId, e.unitType, e.district].filter((v) => v !== undefined).length === 1, { message: 'earmark_one' })
        .nullable()
        .default(null),
      note: Text(500).default(''),
      lines: z.array(z.object({ itemId: Id, qty: Quantity, declaredValue: z.int().min(0).max(100_000_000).nullable().default(null) })).min(1).max(300),
    }),
    ['storekeeper', 'dispatcher'],
  ),
  /** A donation receipt's lines from what the pledge still has outstanding, at the declared values. */
  'pledges.receiptStart': query<ReceiptStart>()(z.object({ id: Id })),
  /** The donation certificate (捐赠接收凭证) of a posted donation receipt, for the donor; in the print history, a second print marked 补打. */
  'donations.certificate': query<PrintResult>()(
    delivering({ receipt: z.union([Id, Required(40)]), ...Delivery }),
  ),
  /** Per donation receipt posted in the period (or the one named): what came in and where it went. */
  'donations.trace': query<DonationTrace[]>()(DonationScope),
  /** The public disclosure (捐赠公示) of the same as an Excel workbook. */
  'donations.disclosure': query<{ path: string; donations: number; destinations: number }>()(DonationScope.extend({ path: XlsxPath })),
  /** Donations not yet inspected or shelved, most urgent first. */
  'donations.arrivals': query<DonationArrival[]>()(z.object({})),
  'donations.classify': command<DonationArrival>()(z.object({ receiptId: Id, class: z.enum(SUMA_CLASSES), note: Text(200).default('') }), ['storekeeper', 'approver']),
  /** For the dashboard: order lines and pledges past their date with goods still outstanding, the latest first. */
  'supply.late': query<LateDelivery[]>()(z.object({})),
  /** The order for the supplier (A4), on the receipt's printer settings; in the print history, a second print marked 补打. */
  'purchaseOrders.print': query<PrintResult>()(
    delivering({ id: Id, ...Delivery }),
  ),
  /** The same disclosure as a printable page (A4 PDF). */
  'donations.disclosurePrint': query<PrintResult>()(DonationScope.extend({ output: z.enum(['preview', 'pdf']), path: PdfPath.optional(), locale: z.enum(LOCALES).optional() })),
  'purchaseOrders.end': command<PurchaseOrder>()(z.object({ id: Id, version: Version, as: z.enum(['closed', 'cancelled']), reason: Required(200) }), ['approver']),
};
