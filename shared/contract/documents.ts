/**
 * What the printed documents show: plain data, filled by the domains (dispatch, receiving,
 * stock) and turned into HTML by main/documents. No channels here yet.
 */
import type { Pack } from '../packs.ts';
import type { Receipt } from './receiving.ts';

/** Paper for slips and receipts: A4 portrait, A5 landscape, 241 mm continuous form (5.5" high). */
export const DOC_PAPERS = ['A4', 'A5', 'continuous-241'] as const;
export type DocPaper = (typeof DOC_PAPERS)[number];

/** Label stock, width × height in mm. */
export const LABEL_SIZES = ['100x70', '60x40'] as const;
export type LabelSize = (typeof LABEL_SIZES)[number];

/** The copies of a slip, always in this order: 存根 stays at the depot, 随货 travels with the goods, 回执 comes back signed. */
export const SLIP_COPIES = ['stub', 'goods', 'receipt'] as const;
export type SlipCopy = (typeof SLIP_COPIES)[number];

export interface SlipLine {
  itemCode: string;
  itemName: string;
  spec: string;
  /** Base unit (只, 件…); quantity is counted in it. */
  unit: string;
  lotNo: string;
  expiresOn: string | null;
  /** Base units. */
  quantity: number;
  /** The item's pack levels, for the "12箱+30只" breakdown; [] when it has none. */
  packs: Pack[];
  /** Fen per base unit; null when unpriced (donations, allocations from above). */
  unitPrice: number | null;
  /** Fen; null when unpriced. */
  amount: number | null;
  /** The order line's note ("放车厢前部"), printed under the item. */
  note?: string;
  /** The donor whose gift this lot is (a donation carries its donor through to the unit). */
  donor?: string | null;
  /** 药品追溯码 / UDI serials scanned at picking for this lot. */
  codes?: string[];
  /** After sign-off: what the unit found short and damaged of this line (the 回执's columns). */
  short?: number;
  damaged?: number;
}

export interface SlipData {
  depotName: string;
  /** 出库单 (dispatch to a recipient unit) or 调拨单 (transfer order). */
  docType: 'dispatch' | 'transfer' | 'dispatchReversal';
  orderNo: string;
  /** ISO date or date-time. */
  createdAt: string;
  shippedAt: string | null;
  recipient: { name: string; address: string; contact: string; phone: string };
  vehicle: string;
  driver: string;
  driverPhone: string;
  approver: string;
  remarks: string;
  lines: SlipLine[];
  /** 0 on the first print; n marks the slip 补打（第n次）. */
  reprint: number;
  /** This slip is a 红冲 voucher: what it reverses and why; its figures print negative. */
  reverses?: { no: string; reason: string } | null;
  /** Signed for (签收): who and when, printed on every reprint. */
  signedOff?: { receiver: string; at: string } | null;
  /** This order was reversed: printed marked 已红冲 with the reversal's number and date, so it cannot release goods again. */
  reversedBy?: { no: string; at: string } | null;
  /** 加急: stamped on every part. */
  urgent?: boolean;
  /** The copies to print, each a page set of its own; [] prints one copy without a copy label. */
  copies: SlipCopy[];
  /** On multi-part paper: one set, whose plies are these parts (named in the footer). */
  plies?: SlipCopy[];
}

/** One line of a pick list 拣货单: what to take from one lot at one location, for one or more orders. */
export interface PickListRow {
  locationCode: string;
  itemCode: string;
  itemName: string;
  spec: string;
  unit: string;
  lotNo: string;
  expiresOn: string | null;
  /** Base units, all orders together. */
  quantity: number;
  packs: Pack[];
  /** For a wave of orders: how much of the row each order takes. */
  orders: { no: string; quantity: number }[];
}

/** The pick list of one order or a wave of orders, its rows in walking order (库位 → 物资 → 批号). */
export interface PickListData {
  depotName: string;
  orders: { no: string; unitName: string; urgent: boolean }[];
  rows: PickListRow[];
  /** ISO date-time. */
  printedAt: string;
}

/** The inbound receipt 入库单, printed straight from the receiving domain's Receipt. */
export interface ReceiptDocData {
  depotName: string;
  receipt: Receipt;
  reprint: number;
}

export const LABEL_KINDS = ['lot', 'carton', 'pallet'] as const;
export type LabelKind = (typeof LABEL_KINDS)[number];

export interface LabelData {
  kind: LabelKind;
  depotName: string;
  itemCode: string;
  itemName: string;
  spec: string;
  lotNo: string;
  expiresOn: string | null;
  /** 生产日期, when the lot has one. */
  producedOn?: string | null;
  /** The lot's inspection status: anything but accepted is printed as a black tag (待检, 冻结, 不合格). */
  status?: 'pending' | 'accepted' | 'rejected' | 'quarantined';
  /** Where the lot lies, when it lies in one place (the shelf the label goes on). */
  location?: string | null;
  /** In `unit`: base units on a lot label, or whatever the carton or pallet holds. */
  quantity: number;
  unit: string;
  /** Code 128 content: printable ASCII only. */
  barcode: string;
  /** QR content (any text). */
  qr: string;
  /** A carton or pallet label's place among the lot's: 第 3/16 箱. */
  serial?: { n: number; of: number };
}
