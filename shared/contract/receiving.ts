import { z } from 'zod';
import { command, query, Id, IsoDate, Required, Text, Version } from './channel.ts';
import type { Pack } from '../packs.ts';

export const SOURCE_TYPES = ['purchase', 'donation', 'allocation', 'district', 'return', 'opening', 'other'] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

export const LOT_STATUSES = ['pending', 'accepted', 'rejected', 'quarantined'] as const;
export type LotStatus = (typeof LOT_STATUSES)[number];

export interface Inspection {
  documents: { kind: 'business_licence' | 'device_registration' | 'test_report' | 'other'; checked: boolean; expiresOn: string | null }[];
  standard: string;
  packaging: 'intact' | 'damaged' | 'partly_damaged';
  result: 'accepted' | 'partly_accepted' | 'rejected' | 'pending';
  inspector: string;
  note: string;
}

export interface ReceiptLine {
  id: number;
  lineNo: number;
  itemId: number;
  itemCode: string;
  itemName: string;
  spec: string;
  unit: string;
  lotNo: string;
  producedOn: string | null;
  expiresOn: string | null;
  counted: number;
  accepted: number;
  rejected: number;
  rejectReason: string;
  /** Why a lot-tracked line has no expiry (无有效期); empty when it has one. */
  noExpiryReason: string;
  /** Fen per base unit; null when unpriced. */
  unitCost: number | null;
  /** 计价依据 of unitCost; null when the line has no value. */
  valueBasis: ValueBasis | null;
  locationId: number;
  locationCode: string;
  inspection: 'accepted' | 'pending';
  lotId: number | null;
  /** The item's pack levels, for the receipt's 包装件数 ("24箱+3盒"). */
  packs: Pack[];
  /** 药品追溯码 and UDI serials scanned on the line; they travel with it. */
  codes: string[];
}

export interface Receipt {
  id: number;
  no: string | null;
  status: 'draft' | 'posted';
  sourceType: SourceType;
  supplierId: number | null;
  supplierName: string | null;
  unitId: number | null;
  unitName: string | null;
  reference: string;
  vehicle: string;
  receivedAt: string;
  note: string;
  inspection: Inspection | null;
  reversesId: number | null;
  reversesNo: string | null;
  purchaseOrderId: number | null;
  pledgeId: number | null;
  reversedById: number | null;
  reversedByNo: string | null;
  createdBy: string;
  postedBy: string | null;
  postedAt: string | null;
  version: number;
  lines: ReceiptLine[];
  /** Totals in base units and fen. */
  totals: { lines: number; counted: number; accepted: number; rejected: number; amount: number | null };
}

export type ReceiptSummary = Omit<Receipt, 'lines' | 'inspection'>;

/** A quantity as a whole number of base units, or as packs: "20箱 3盒". */
export const Quantity = z.union([z.int().min(0).max(1_000_000_000), Required(40)]);

const InspectionSchema = z.object({
  documents: z
    .array(z.object({ kind: z.enum(['business_licence', 'device_registration', 'test_report', 'other']), checked: z.boolean(), expiresOn: IsoDate.nullable() }))
    .max(10),
  standard: Text(100),
  packaging: z.enum(['intact', 'damaged', 'partly_damaged']),
  result: z.enum(['accepted', 'partly_accepted', 'rejected', 'pending']),
  inspector: Text(40),
  note: Text(500),
});

/** What a received line's value rests on (计价依据): the price paid, a declared value, an assessed value. */
export const VALUE_BASES = ['price', 'declared', 'assessed'] as const;
export type ValueBasis = (typeof VALUE_BASES)[number];

const LineInput = z.object({
  itemId: Id,
  lotNo: Text(40).default(''),
  producedOn: IsoDate.nullable().default(null),
  expiresOn: IsoDate.nullable().default(null),
  counted: Quantity,
  /** Rejected at the door; the accepted quantity is counted − rejected. */
  rejected: Quantity.default(0),
  rejectReason: Text(200).default(''),
  noExpiryReason: Text(200).default(''),
  unitCost: z.int().min(0).max(100_000_000).nullable().default(null),
  /** What the value rests on; without it: the price for a purchase, the declared value otherwise. Ignored without a unit cost. */
  valueBasis: z.enum(VALUE_BASES).nullable().default(null),
  locationId: Id,
  inspection: z.enum(['accepted', 'pending']).default('accepted'),
  /** 药品追溯码 (20 digits) and UDI serials scanned on the line. */
  codes: z.array(Required(60)).max(1000).default([]),
});

const Header = z.object({
  sourceType: z.enum(SOURCE_TYPES),
  supplierId: Id.nullable().default(null),
  unitId: Id.nullable().default(null),
  reference: Text(60).default(''),
  vehicle: Text(40).default(''),
  receivedAt: z.iso.datetime({ offset: true }).optional(),
  note: Text(500).default(''),
  inspection: InspectionSchema.nullable().default(null),
  /** The purchase order (采购单) or pledge (认捐) the goods come against: what they still have open is checked at posting. */
  purchaseOrderId: Id.nullable().default(null),
  pledgeId: Id.nullable().default(null),
  lines: z.array(LineInput).min(1).max(500),
});

const KEEPERS = ['storekeeper'] as const;
/** A posted receipt is kept in a request record as its id (a 20-line receipt written out is 8 KB): a repeated request reads it again. */
const REPLAY_RECEIPT = { channel: 'receipts.get', input: (receipt: Receipt) => ({ id: receipt.id }) };

export const receivingChannels = {
  'receipts.list': query<ReceiptSummary[]>()(
    z.object({ status: z.enum(['draft', 'posted']).optional(), from: IsoDate.optional(), to: IsoDate.optional(), limit: z.int().min(1).max(5000).default(500) }),
  ),
  /** How many receipts the same filter finds in all: the list stops at its limit, the page says how many there are. */
  'receipts.count': query<{ total: number }>()(z.object({ status: z.enum(['draft', 'posted']).optional(), from: IsoDate.optional(), to: IsoDate.optional() })),
  'receipts.get': query<Receipt>()(z.object({ id: Id })),
  /** Creates a draft (no id) or replaces a draft's header and lines. */
  'receipts.saveDraft': command<Receipt>()(Header.extend({ id: Id.optional(), version: Version.optional() }), KEEPERS),
  /** Posts a draft: lots, ledger rows and balances in one transaction. Its request record is the receipt's id (replayBy), not the receipt. */
  'receipts.post': command<Receipt>()(z.object({ id: Id, version: Version }), KEEPERS, REPLAY_RECEIPT),
  /** 红冲: a new posted document that reverses every ledger row of a posted receipt; an approver's act, never the poster's own. */
  'receipts.reverse': command<Receipt>()(z.object({ id: Id, reason: Required(200) }), ['approver'], REPLAY_RECEIPT),
  'receipts.discardDraft': command<{ id: number }>()(z.object({ id: Id, version: Version }), KEEPERS),
};
