import { z } from 'zod';
import { query } from './channel.ts';

/**
 * What a depot sends its command center, over the network or on a USB stick: a signed envelope
 * around the exact JSON text of a batch of outbox entries. The signature covers that text byte for
 * byte, so nothing has to be re-serialised the same way on both sides.
 */
export const DepotCode = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/);

const Recipient = z.object({ code: z.string().max(64), name: z.string().max(200), type: z.string().max(64) }).nullable();
const Instant = z.iso.datetime({ offset: true });
const Int = z.number().int().min(-1e15).max(1e15);

export const MovementPayload = z.object({
  id: z.number().int().positive(),
  at: Instant,
  qty: Int.refine((n) => n !== 0),
  amount: Int.nullable(),
  docType: z.string().min(1).max(40),
  docNo: z.string().min(1).max(64),
  lineId: z.number().int().nullable(),
  reversesId: z.number().int().nullable(),
  sourceType: z.string().max(40).nullable(),
  item: z.object({ code: z.string().min(1).max(64), name: z.string().max(200), spec: z.string().max(200), unit: z.string().max(20), category: z.string().max(40), safetyStock: z.number().int().min(0).max(1e12) }),
  lotNo: z.string().max(64),
  expiresOn: z.iso.date().nullable(),
  location: z.string().max(64),
  supplier: z.string().max(64).nullable(),
  recipient: Recipient,
});

export const ReceiptPayload = z.looseObject({ no: z.string().min(1).max(64), postedAt: Instant.nullable() });
export const DispatchPayload = z.looseObject({
  no: z.string().min(1).max(64),
  status: z.enum(['shipped', 'delivered', 'cancelled']),
  recipient: Recipient,
});
export const DayClosePayload = z.object({
  day: z.iso.date(),
  startsAt: Instant,
  endsAt: Instant,
  throughId: z.number().int().min(0),
  figures: z.unknown(),
  closedAt: Instant,
});

const Seq = z.number().int().positive();
export const OutboxEntry = z.discriminatedUnion('kind', [
  z.object({ seq: Seq, kind: z.literal('movement'), payload: MovementPayload, createdAt: Instant }),
  z.object({ seq: Seq, kind: z.literal('receipt'), payload: ReceiptPayload, createdAt: Instant }),
  z.object({ seq: Seq, kind: z.literal('dispatch'), payload: DispatchPayload, createdAt: Instant }),
  z.object({ seq: Seq, kind: z.literal('day_close'), payload: DayClosePayload, createdAt: Instant }),
]);
export type OutboxEntry = z.infer<typeof OutboxEntry>;

/** Entries fromSeq..toSeq without a hole, and the depot's last sequence when it was made (its lag). */
export const BatchBody = z
  .object({
    depot: DepotCode,
    fromSeq: Seq,
    toSeq: Seq,
    tail: z.number().int().min(0),
    madeAt: Instant,
    entries: z.array(OutboxEntry).min(1).max(100_000),
  })
  .refine((b) => b.entries.every((e, i) => e.seq === b.fromSeq + i) && b.entries.at(-1)!.seq === b.toSeq && b.tail >= b.toSeq, {
    message: 'entries must run from fromSeq to toSeq without a hole',
  });
export type BatchBody = z.infer<typeof BatchBody>;

/** A batch as it travels: the depot, the batch's JSON text, and its Ed25519 signature (base64). */
export const SignedBatch = z.object({
  depot: DepotCode,
  body: z.string().min(2).max(256 * 1024 * 1024),
  signature: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/).max(200),
});
export type SignedBatch = z.infer<typeof SignedBatch>;

/** A file for a USB stick: a marker, and the batches in order. */
export const OutboxFile = z.object({ format: z.literal('depot-desk-outbox/1'), batches: z.array(SignedBatch).min(1) });
export type OutboxFile = z.infer<typeof OutboxFile>;

/** The center's answer to a batch: applied (or already had), or refused with a translated reason. */
export type BatchAnswer =
  | { ok: true; applied: number; skipped: number; highWater: number }
  | { ok: false; code: CenterRefusal; message: string; highWater?: number };

export const CENTER_REFUSALS = ['unknown_depot', 'bad_signature', 'foreign_batch', 'bad_batch', 'gap', 'bad_file', 'depot_exists', 'bad_key', 'center_too_new', 'depot_rewound', 'center_unavailable'] as const;
export type CenterRefusal = (typeof CENTER_REFUSALS)[number];

/** The city's figures as the command center holds them, for a depot's 指挥中心 page. */
export interface CityViews {
  /** When the center answered. */
  at: string;
  /** Each depot's sync: "最后同步 3 分钟前 · 12 条待同步"; gap: entries the center lacks that the depot can no longer send (the text says what to do). */
  depots: { code: string; name: string; lastSyncAt: string | null; pending: number; text: string; gap: { from: number; to: number } | null }[];
  /** The city's briefing in the command center's sentences. */
  briefing: string;
  /** Stock by item × depot, with safety stock, shortfall and days of cover. */
  stock: { itemCode: string; itemName: string; unit: string; category: string; depotCode: string; onHand: number; safetyStock: number; shortfall: number; dailyOut: number; daysOfCover: number | null }[];
  /**
   * Transfers between depots and their state. conflict: the sender reversed (红冲) the shipment and
   * the receiver posted its receipt too, so both count the goods (reversalNo and receiptNo say which).
   */
  transfers: {
    fromDepot: string;
    toDepot: string;
    dispatchNo: string;
    status: 'in_transit' | 'received' | 'cancelled';
    receiptNo: string | null;
    shipped: number;
    received: number;
    short: number;
    conflict: 'received_after_cancel' | 'reversed_after_receipt' | null;
    reversalNo: string | null;
  }[];
}

export const centerChannels = {
  /** 指挥中心: the city's figures, asked of the command center this depot pushes to (signed with the depot's key). */
  'center.views': query<CityViews>()(z.object({}), 'session'),
  /**
   * Whether this depot has taken its command center's catalogue: then its items, units, subgroups
   * and briefing lines are the center's, and the screens that edit them say so before anyone types.
   */
  'center.catalogue': query<{ ownedByCenter: boolean }>()(z.object({})),
};
