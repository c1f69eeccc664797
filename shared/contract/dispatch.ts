import { z } from 'zod';
import type { UnitType } from '../domain.ts';
import type { Pack } from '../packs.ts';
import { command, query, Id, IsoDate, Required, Text, Version } from './channel.ts';
import { Quantity } from './receiving.ts';

export const DISPATCH_STATUSES = ['draft', 'approved', 'picked', 'shipped', 'delivered', 'cancelled'] as const;
export type DispatchStatus = (typeof DISPATCH_STATUSES)[number];

export interface DispatchPick {
  id: number;
  lineId: number;
  lotId: number;
  lotNo: string;
  expiresOn: string | null;
  locationId: number;
  locationCode: string;
  qty: number;
}

export interface DispatchLine {
  id: number;
  lineNo: number;
  itemId: number;
  itemCode: string;
  itemName: string;
  spec: string;
  unit: string;
  packs: Pack[];
  /** Requested, in base units. */
  qty: number;
  /** Reserved (approved, picked) or shipped. */
  picked: number;
  /** Requested but not covered by picks: the line is short. */
  short: number;
  unitCost: number | null;
  note: string;
  picks: DispatchPick[];
}

export interface DispatchOrder {
  id: number;
  no: string;
  status: DispatchStatus;
  unitId: number;
  unitCode: string;
  unitName: string;
  unitType: UnitType;
  unitAddress: string;
  unitContact: string;
  unitPhone: string;
  priority: 'normal' | 'urgent';
  requestedAt: string | null;
  vehicle: string;
  driver: string;
  driverPhone: string;
  remarks: string;
  planId: number | null;
  backorderOf: string | null;
  reversesNo: string | null;
  reversedByNo: string | null;
  createdBy: string;
  createdAt: string;
  approvedBy: string | null;
  approvedAt: string | null;
  shippedAt: string | null;
  deliveredAt: string | null;
  receiver: string | null;
  deliveryNote: string;
  cancelReason: string;
  version: number;
  lines: DispatchLine[];
  discrepancies: { lineId: number; lotId: number; lotNo: string; kind: 'short' | 'damaged'; qty: number; reason: string }[];
  /** amount: fen, of the picks that have a price (null when none has); unpricedPieces: picked pieces without one. */
  totals: { kinds: number; pieces: number; picked: number; short: number; amount: number | null; unpricedPieces: number };
  prints: number;
}

export type DispatchSummary = Omit<DispatchOrder, 'lines' | 'discrepancies'>;

const Header = z.object({
  unitId: Id,
  priority: z.enum(['normal', 'urgent']).default('normal'),
  requestedAt: z.iso.datetime({ offset: true }).nullable().default(null),
  vehicle: Text(40).default(''),
  driver: Text(40).default(''),
  driverPhone: Text(40).regex(/^[0-9+\-() ]*$/).default(''),
  remarks: Text(500).default(''),
  lines: z.array(z.object({ itemId: Id, qty: Quantity, note: Text(200).default('') })).min(1).max(300),
});

const PickInput = z.object({ lineId: Id, lotId: Id, locationId: Id, qty: z.int().positive() });

const DISPATCHERS = ['dispatcher'] as const;
const APPROVERS = ['approver'] as const;
const FLOOR = ['dispatcher', 'storekeeper'] as const;

export const dispatchChannels = {
  'dispatch.list': query<DispatchSummary[]>()(
    z.object({
      day: IsoDate.optional(),
      status: z.enum(DISPATCH_STATUSES).optional(),
      open: z.boolean().optional(),
      /** With a day: that day's orders and every order still open, whatever day it began (the desk's default across midnight). */
      andOpen: z.boolean().optional(),
      limit: z.int().min(1).max(5000).default(500),
    }),
  ),
  /** How many orders the same filter finds in all: a list stops at its limit, the page says how many there are. */
  'dispatch.count': query<{ total: number }>()(
    z.object({ day: IsoDate.optional(), status: z.enum(DISPATCH_STATUSES).optional(), open: z.boolean().optional(), andOpen: z.boolean().optional() }),
  ),
  /** By id, or by the order number a scanner types from the slip's QR code. */
  'dispatch.get': query<DispatchOrder>()(z.union([z.object({ id: Id }), z.object({ no: Required(40) })])),
  'dispatch.create': command<DispatchOrder>()(Header, DISPATCHERS),
  'dispatch.update': command<DispatchOrder>()(Header.extend({ id: Id, version: Version }), DISPATCHERS),
  /** First-expired-first-out picks for an order's lines from dispatchable lots (accepted, unexpired). */
  'dispatch.proposePicks': query<DispatchPick[]>()(z.object({ id: Id })),
  /** Reserves stock; picks default to the FEFO proposal. A short order is refused unless allowShort. */
  'dispatch.approve': command<DispatchOrder>()(
    z.object({ id: Id, version: Version, picks: z.array(PickInput).max(2000).optional(), allowShort: z.boolean().default(false) }),
    APPROVERS,
  ),
  'dispatch.approveMany': command<{ approved: string[]; refused: { no: string; message: string }[] }>()(
    z.object({ ids: z.array(Id).min(1).max(500), allowShort: z.boolean().default(false) }),
    APPROVERS,
  ),
  'dispatch.pick': command<DispatchOrder>()(z.object({ id: Id, version: Version }), FLOOR),
  /** Writes the ledger rows. The short rest is kept open as a new draft order, or dropped. */
  'dispatch.ship': command<DispatchOrder>()(
    z.object({ id: Id, version: Version, rest: z.enum(['keep', 'cancel']).default('keep'), vehicle: Text(40).optional(), driver: Text(40).optional(), driverPhone: Text(40).optional() }),
    FLOOR,
    // Its request record is the order's id, not the order (a posted document, read again if the request comes again).
    { channel: 'dispatch.get', input: (order: DispatchOrder) => ({ id: order.id }) },
  ),
  /** 签收: receiver, time, and what arrived short or damaged (posted as ledger adjustments with reasons; writing goods off is an approver's act). */
  'dispatch.deliver': command<DispatchOrder>()(
    z.object({
      id: Id,
      version: Version,
      receiver: Required(40),
      deliveredAt: z.iso.datetime({ offset: true }).optional(),
      note: Text(500).default(''),
      discrepancies: z
        .array(z.object({ lineId: Id, lotId: Id, kind: z.enum(['short', 'damaged']), qty: z.int().positive(), reason: Required(200) }))
        .max(300)
        .default([]),
    }),
    [...FLOOR, ...APPROVERS],
  ),
  'dispatch.cancel': command<DispatchOrder>()(z.object({ id: Id, version: Version, reason: Required(200) }), [...DISPATCHERS, ...APPROVERS]),
  /** 撤回审核: back to draft with its reservations released (a picked lot expired or was quarantined), to be approved again. */
  'dispatch.unapprove': command<DispatchOrder>()(z.object({ id: Id, version: Version, reason: Required(200) }), APPROVERS),
  /** 红冲 of a shipped order: a new order that puts every shipped unit back where it came from. */
  'dispatch.reverse': command<DispatchOrder>()(z.object({ id: Id, reason: Required(200) }), APPROVERS),
};
