import { z } from 'zod';
import { CATEGORIES, type Category } from '../domain.ts';
import type { Pack } from '../packs.ts';
import { command, query, Id, Required, Text, Version } from './channel.ts';
import { LOT_STATUSES, Quantity, type LotStatus } from './receiving.ts';

export interface StockRow {
  itemId: number;
  itemCode: string;
  itemName: string;
  spec: string;
  unit: string;
  packs: Pack[];
  category: Category;
  lotId: number;
  lotNo: string;
  expiresOn: string | null;
  /** Days until expiry (negative when expired), null without expiry. */
  daysToExpiry: number | null;
  locationId: number;
  locationCode: string;
  onHand: number;
  reserved: number;
  /** What may be dispatched: 0 unless the lot is accepted and unexpired. */
  available: number;
  status: LotStatus;
  expired: boolean;
  /** Per item: average daily dispatch over the last 7 days, and how many days the item's on-hand stock lasts. */
  dailyOut: number;
  daysOfCover: number | null;
  belowSafety: boolean;
}

export interface StockList {
  rows: StockRow[];
  expiryWarnDays: number;
  totals: { onHand: number; reserved: number; available: number };
}

export interface CardRow {
  movementId: number;
  at: string;
  docType: string;
  docNo: string;
  lotNo: string;
  locationCode: string;
  qtyIn: number;
  qtyOut: number;
  balance: number;
  amount: number | null;
  counterparty: string | null;
  operator: string;
}

export interface StockCard {
  itemId: number;
  itemName: string;
  unit: string;
  lotId: number | null;
  rows: CardRow[];
  balance: number;
}

export interface Lot {
  id: number;
  itemId: number;
  itemCode: string;
  itemName: string;
  lotNo: string;
  producedOn: string | null;
  expiresOn: string | null;
  status: LotStatus;
  statusNote: string;
  unitCost: number | null;
  onHand: number;
  version: number;
}

export interface StocktakeLine {
  id: number;
  itemCode: string;
  itemName: string;
  spec: string;
  unit: string;
  lotId: number;
  lotNo: string;
  locationCode: string;
  /** The book when the sheet was made. */
  bookQty: number;
  /** Received, shipped or moved at this lot and location after the sheet was made, up to the count (or up to now while not yet counted). */
  movedSince: number;
  /** The book at the moment of the count: bookQty + movedSince. The difference is counted against it. */
  bookAtCount: number;
  countedQty: number | null;
  difference: number | null;
}

export interface Stocktake {
  id: number;
  no: string;
  status: 'counting' | 'posted' | 'cancelled';
  scope: { locationId?: number; category?: Category };
  createdAt: string;
  reason: string;
  version: number;
  lines: StocktakeLine[];
}


const KEEPERS = ['storekeeper'] as const;

/** The depot's costing method (计价方法): 移动加权平均 per item, 个别计价法 per lot, or 先进先出法 by receipt layer. */
export const COSTING_METHODS = ['moving_average', 'by_lot', 'fifo'] as const;
export type CostingMethod = (typeof COSTING_METHODS)[number];
export interface CostingMethodState {
  method: CostingMethod;
  /** Before the first posting, or right after a day close with nothing posted since. */
  changeable: boolean;
  /** The last day closed (扎账), if any. */
  closedDay: string | null;
}

export const stockChannels = {
  'stock.list': query<StockList>()(
    z.object({
      category: z.enum(CATEGORIES).optional(),
      locationId: Id.optional(),
      status: z.enum(LOT_STATUSES).optional(),
      itemId: Id.optional(),
      /** Only these items' rows: what a screen asks for after a change that named them. */
      itemIds: z.array(Id).min(1).max(500).optional(),
      /** Only lots expiring within this many days (expired included). */
      expiringWithinDays: z.int().min(0).max(3650).optional(),
      includeEmpty: z.boolean().default(false),
    }),
  ),
  'stock.card': query<StockCard>()(z.object({ itemId: Id, lotId: Id.optional() })),
  'stock.setExpiryWarnDays': command<{ expiryWarnDays: number }>()(z.object({ days: z.int().min(1).max(365) }), ['admin']),
  'stock.costingMethod': query<CostingMethodState>()(z.object({})),
  'stock.setCostingMethod': command<CostingMethodState>()(z.object({ method: z.enum(COSTING_METHODS) }), ['admin']),

  'lots.find': query<Lot[]>()(z.object({ itemId: Id.optional(), lotNo: Text(40).optional(), lotId: Id.optional() })),
  /** Inspection result (待检 → 合格/不合格), quarantine (冻结) and release. */
  'lots.setStatus': command<Lot>()(z.object({ id: Id, version: Version, status: z.enum(LOT_STATUSES), note: Text(200).default('') }), [...KEEPERS, 'approver']),

  'transfers.post': command<{ id: number; no: string }>()(
    z.object({
      note: Text(200).default(''),
      lines: z.array(z.object({ lotId: Id, fromLocationId: Id, toLocationId: Id, qty: Quantity })).min(1).max(200),
    }),
    KEEPERS,
  ),

  'stocktakes.create': command<Stocktake>()(z.object({ locationId: Id.optional(), category: z.enum(CATEGORIES).optional() }), KEEPERS),
  'stocktakes.get': query<Stocktake>()(z.object({ id: Id })),
  'stocktakes.list': query<Omit<Stocktake, 'lines'>[]>()(z.object({})),
  'stocktakes.count': command<Stocktake>()(
    z.object({ id: Id, version: Version, counts: z.array(z.object({ lineId: Id, countedQty: Quantity.nullable() })).min(1).max(20_000) }),
    KEEPERS,
  ),
  /** An approver posts the differences as adjustments, with a reason. */
  'stocktakes.post': command<Stocktake>()(z.object({ id: Id, version: Version, reason: Required(200) }), ['approver']),
  'stocktakes.cancel': command<Stocktake>()(z.object({ id: Id, version: Version }), KEEPERS),

};
