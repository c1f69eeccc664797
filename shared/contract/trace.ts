import { z } from 'zod';
import { command, query, Id, IsoDate, Required, Text, Version } from './channel.ts';
import type { LotStatus, SourceType } from './receiving.ts';
import { Quantity } from './receiving.ts';

/** A GTIN-14 (an EAN-13 is sent with a zero in front); its check digit is checked at the door too. */
const Gtin = z.string().trim().regex(/^\d{14}$/, { message: 'gtin' });

/** What a GTIN names: an item, at its base unit (pack null) or one of its packs. */
export interface GtinEntry {
  gtin: string;
  itemId: number;
  itemCode: string;
  itemName: string;
  pack: string | null;
  /** Base units in one piece of that pack. */
  per: number;
  /** 'learned' at a scan; 'barcode' when it is the item's own EAN-13 written as a GTIN-14. */
  from: 'learned' | 'barcode';
}

export interface LotTrace {
  lot: { id: number; itemId: number; itemCode: string; itemName: string; spec: string; unit: string; lotNo: string; producedOn: string | null; expiresOn: string | null; status: LotStatus; statusNote: string };
  /** Where it came from: receipts (and their reversals) with their inspection. */
  receipts: { receiptId: number; no: string; at: string; sourceType: SourceType; supplierName: string | null; unitName: string | null; qty: number; inspection: string; codes: string[] }[];
  /** Where it lies now. */
  stock: { locationId: number; locationCode: string; onHand: number; reserved: number }[];
  /** Every dispatch of it, net of reversals, with the receiving unit and its sign-off. */
  dispatches: { orderId: number; orderNo: string; at: string; unitId: number; unitCode: string; unitName: string; unitType: string; contact: string; phone: string; address: string; qty: number; deliveredAt: string | null; receiver: string | null }[];
  /** Written off (报损 / 销毁). */
  writeOffs: { writeOffId: number; no: string; at: string; reason: WriteOffReason; qty: number }[];
  totals: { received: number; dispatched: number; writtenOff: number; onHand: number };
  recallId: number | null;
}

/** An item over a period: per lot and per receiving unit. */
export interface ItemTrace {
  item: { id: number; code: string; name: string; spec: string; unit: string };
  from: string;
  to: string;
  lots: { lotId: number; lotNo: string; expiresOn: string | null; status: LotStatus; received: number; dispatched: number; writtenOff: number; onHand: number }[];
  /** What each unit received of the item in the period, net of reversals, from how many lots. */
  units: { unitId: number; unitName: string; contact: string; phone: string; qty: number; lots: number }[];
}

export interface RecallUnit {
  unitId: number;
  unitCode: string;
  unitName: string;
  unitType: string;
  contact: string;
  phone: string;
  address: string;
  /** Shipped to the unit, net of reversals. */
  received: number;
  returned: number;
  used: number;
  destroyed: number;
  /** What the unit has not yet accounted for. */
  outstanding: number;
  lastDispatchAt: string;
}

export interface Recall {
  id: number;
  no: string;
  lotId: number;
  itemCode: string;
  itemName: string;
  spec: string;
  unit: string;
  lotNo: string;
  expiresOn: string | null;
  reason: string;
  status: 'open' | 'closed';
  openedAt: string;
  openedBy: string;
  /** Frozen at the depot when the recall opened, and now. */
  atDepot: number;
  units: RecallUnit[];
  responses: { id: number; unitId: number; unitName: string; returned: number; used: number; destroyed: number; note: string; receiptNo: string | null; at: string; by: string }[];
}

/** A lot that can still go out and expires within the dashboard's widest band. */
export interface ExpiringLot {
  lotId: number;
  itemId: number;
  itemCode: string;
  itemName: string;
  unit: string;
  lotNo: string;
  expiresOn: string;
  /** Days from today; 0 = expires today (its last good day). */
  days: number;
  /** The smallest band (30, 60, 90…) it falls within. */
  band: number;
  /** Free to dispatch (on hand − reserved). */
  available: number;
  /** The unit the latest allocation round left shortest of this item: it could use this lot first. */
  suggestion: { unitId: number; unitName: string; short: number; planDay: string } | null;
}

/** A 药品追溯码 or UDI serial that travels with a dispatch, on the lot it came in with. */
export interface DispatchCode {
  code: string;
  lotId: number;
  lotNo: string;
  itemCode: string;
  itemName: string;
}

export const WRITE_OFF_REASONS = ['damaged', 'expired', 'recalled', 'other'] as const;
export type WriteOffReason = (typeof WRITE_OFF_REASONS)[number];

export interface WriteOffLine {
  id: number;
  lineNo: number;
  lotId: number;
  itemId: number;
  itemCode: string;
  itemName: string;
  spec: string;
  unit: string;
  lotNo: string;
  expiresOn: string | null;
  locationId: number;
  locationCode: string;
  qty: number;
  /** Book value that left with the line (fen), once posted; null while a draft or unpriced. */
  amount: number | null;
}

export interface WriteOff {
  id: number;
  no: string | null;
  status: 'draft' | 'posted';
  reason: WriteOffReason;
  note: string;
  recallId: number | null;
  disposal: string;
  disposedBy: string;
  witness: string;
  createdBy: string;
  createdAt: string;
  postedBy: string | null;
  postedAt: string | null;
  version: number;
  lines: WriteOffLine[];
  totals: { qty: number; amount: number | null };
}

const WriteOffHeader = {
  reason: z.enum(WRITE_OFF_REASONS),
  note: Text(500).default(''),
  recallId: Id.nullable().default(null),
  /** How it was disposed of (销毁方式), by whom and before which witness. */
  disposal: Text(200).default(''),
  disposedBy: Text(40).default(''),
  witness: Text(40).default(''),
  lines: z.array(z.object({ lotId: Id, locationId: Id, qty: Quantity })).min(1).max(200),
};

const KEEPERS = ['storekeeper'] as const;

export const traceChannels = {
  /** The item and pack a GTIN names: learned, or the item's own barcode; null when unknown. */
  'gtins.find': query<GtinEntry | null>()(z.object({ gtin: Gtin })),
  'gtins.list': query<GtinEntry[]>()(z.object({ itemId: Id.optional() })),
  /** Remembers which item and pack an unknown GTIN is (asked once, at its first scan). */
  'gtins.learn': command<GtinEntry>()(z.object({ gtin: Gtin, itemId: Id, pack: Text(10).nullable().default(null) }), [...KEEPERS, 'approver']),
  'gtins.forget': command<{ gtin: string }>()(z.object({ gtin: Gtin }), [...KEEPERS, 'approver']),

  /** A lot's whole story: received from whom, where it lies, every unit it went to, what was written off. */
  'trace.lot': query<LotTrace>()(z.object({ lotId: Id })),

  /** An item's trace over a period (days inclusive): per lot and per receiving unit. */
  'trace.item': query<ItemTrace>()(z.object({ itemId: Id, from: IsoDate, to: IsoDate }).refine((v) => v.from <= v.to, { path: ['to'], message: 'period' })),
  /** Expiry alerts (近效期): lots expiring within 30/60/90 days (the depot's bands), with who could use each first. */
  'trace.expiring': query<{ bands: number[]; lots: ExpiringLot[] }>()(z.object({})),
  'trace.setExpiryBands': command<{ bands: number[] }>()(z.object({ bands: z.array(z.int().min(1).max(730)).min(1).max(5) }), ['admin']),

  /** Codes scanned at picking travel with the order to the unit (printed on its slip). */
  'dispatch.codes': query<DispatchCode[]>()(z.object({ id: Id })),
  'dispatch.scanCode': command<{ code: DispatchCode; onLot: number }>()(z.object({ id: Id, code: Required(60) }), ['dispatcher', 'storekeeper']),

  'recalls.list': query<Omit<Recall, 'units' | 'responses'>[]>()(z.object({ status: z.enum(['open', 'closed']).optional() })),
  'recalls.get': query<Recall>()(z.object({ id: Id })),
  /** 召回: freezes the lot everywhere (never picked again) and lists every unit that received it. */
  'recalls.open': command<Recall>()(z.object({ lotId: Id, reason: Required(200) }), [...KEEPERS, 'approver']),
  /** A unit's answer; what it returned is posted as a return receipt (退库) of the frozen lot into the location given. */
  'recalls.respond': command<Recall>()(
    z.object({
      recallId: Id,
      unitId: Id,
      returned: Quantity.default(0),
      used: Quantity.default(0),
      destroyed: Quantity.default(0),
      note: Text(200).default(''),
      locationId: Id.optional(),
    }),
    [...KEEPERS, 'approver'],
  ),
  'recalls.close': command<Recall>()(z.object({ id: Id }), ['approver']),
  /** The recall's list of units as a workbook (base64). */
  'recalls.export': query<{ fileName: string; base64: string }>()(z.object({ id: Id })),

  'writeOffs.list': query<Omit<WriteOff, 'lines'>[]>()(z.object({ status: z.enum(['draft', 'posted']).optional() })),
  'writeOffs.get': query<WriteOff>()(z.object({ id: Id })),
  'writeOffs.saveDraft': command<WriteOff>()(z.object({ id: Id.optional(), version: Version.optional(), ...WriteOffHeader }), KEEPERS),
  /** 报损过账: an approver's act, never on a write-off of one's own; the goods leave the books as 报损. */
  'writeOffs.post': command<WriteOff>()(z.object({ id: Id, version: Version }), ['approver']),
  'writeOffs.discardDraft': command<{ id: number }>()(z.object({ id: Id, version: Version }), KEEPERS),
};
