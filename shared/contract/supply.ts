import { z } from 'zod';
import { command, query, Id, IsoDate, Required, Text, Version } from './channel.ts';
import { Quantity } from './receiving.ts';
import type { Pack } from '../packs.ts';

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

const PoLine = z.object({
  itemId: Id,
  qty: Quantity,
  unitPrice: z.int().min(0).max(100_000_000).nullable().default(null),
  promisedOn: IsoDate.nullable().default(null),
});

const BUYERS = ['dispatcher', 'approver'] as const;

export const supplyChannels = {
  'purchaseOrders.list': query<PurchaseOrderSummary[]>()(z.object({ status: z.enum(PO_STATUSES).optional(), limit: z.int().min(1).max(5000).default(500) })),
  'purchaseOrders.get': query<PurchaseOrder>()(z.object({ id: Id })),
  /** An emergency purchase outside a plan; a plan's approval makes its orders itself. */
  'purchaseOrders.create': command<PurchaseOrder>()(z.object({ supplierId: Id, note: Text(500).default(''), lines: z.array(PoLine).min(1).max(300) }), BUYERS),
  /** The receipt's lines as still outstanding, at the order's prices. */
  'purchaseOrders.receiptStart': query<ReceiptStart>()(z.object({ id: Id })),
  /** Ends an order: closed keeps what came and forgives the rest; cancelled only while nothing came. */
  'purchaseOrders.end': command<PurchaseOrder>()(z.object({ id: Id, version: Version, as: z.enum(['closed', 'cancelled']), reason: Required(200) }), ['approver']),
};
