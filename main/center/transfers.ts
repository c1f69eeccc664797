import type { PoolClient } from 'pg';
import type { CityViews, OutboxEntry } from '../../shared/contract/center.ts';
import type { Locale } from '../../shared/domain.ts';
import { i18nFor } from '../../shared/i18n/index.ts';
import type { CenterStore } from './store.ts';

/** How a receipt names the transfer it receives: the sending depot and its dispatch number. */
export const transferReference = (fromDepot: string, dispatchNo: string) => `${fromDepot}/${dispatchNo}`;

/**
 * Within a batch's transaction: a shipment to a unit that is a registered depot starts a transfer;
 * a receipt at the receiving depot that names it ends it; the sending depot's reversal (红冲) of the
 * shipment cancels it while it is still on its way. A reversal is itself a shipped order to the same
 * unit, but no transfer: nothing goes out with it.
 */
export async function recordTransfers(c: PoolClient, depot: string, entries: OutboxEntry[]): Promise<void> {
  if (!entries.some((e) => e.kind === 'dispatch' || e.kind === 'receipt')) return;
  const depots = new Set((await c.query<{ code: string }>('SELECT code FROM depots')).rows.map((r) => r.code));
  for (const e of entries) {
    if (e.kind === 'dispatch' && e.payload.status === 'shipped' && typeof e.payload.reverses === 'string') {
      const args = [depot, e.payload.reverses, e.payload.no, typeof e.payload.shippedAt === 'string' ? e.payload.shippedAt : null];
      await c.query(
        `UPDATE transfers SET status = 'cancelled', reversal_no = $3, cancelled_at = $4
          WHERE from_depot = $1 AND dispatch_no = $2 AND status = 'in_transit'`,
        args,
      );
      // Reversed after the receiving depot took the goods in: both depots now count them. Kept
      // received, and flagged for the two depots to settle, never netted out in silence.
      await c.query(
        `UPDATE transfers SET conflict = 'reversed_after_receipt', reversal_no = $3, cancelled_at = $4
          WHERE from_depot = $1 AND dispatch_no = $2 AND status = 'received' AND conflict IS NULL`,
        args,
      );
      continue;
    }
    if (e.kind === 'dispatch' && e.payload.status === 'shipped' && e.payload.recipient && e.payload.recipient.code !== depot && depots.has(e.payload.recipient.code)) {
      await c.query(
        `INSERT INTO transfers (from_depot, dispatch_no, to_depot, status, shipped_at)
         SELECT $1, $2, code, 'in_transit', $3 FROM depots WHERE code = $4
         ON CONFLICT DO NOTHING`,
        [depot, e.payload.no, typeof e.payload.shippedAt === 'string' ? e.payload.shippedAt : null, e.payload.recipient.code],
      );
    }
    if (e.kind === 'receipt' && typeof e.payload.reference === 'string' && depots.has(e.payload.reference.split('/')[0]!)) {
      const [from, no] = [e.payload.reference.slice(0, e.payload.reference.indexOf('/')), e.payload.reference.slice(e.payload.reference.indexOf('/') + 1)];
      if (typeof e.payload.reverses === 'string') {
        // The receiving depot reversed (红冲) its receipt of a transfer in conflict: the goods are
        // counted at the sending depot alone again, the transfer cancelled as its sender said.
        await c.query(
          `UPDATE transfers SET status = 'cancelled', conflict = NULL, receipt_no = NULL, received_at = NULL
            WHERE from_depot = $1 AND dispatch_no = $2 AND to_depot = $3 AND receipt_no = $4 AND conflict IS NOT NULL AND reversal_no IS NOT NULL`,
          [from, no, depot, e.payload.reverses],
        );
        continue;
      }
      await c.query(
        `UPDATE transfers SET status = 'received', receipt_no = $4, received_at = $5
          WHERE from_depot = $1 AND dispatch_no = $2 AND to_depot = $3 AND status = 'in_transit'`,
        [from, no, depot, e.payload.no, e.payload.postedAt],
      );
      // Posted at the receiving depot before it heard the sender had reversed the shipment: the
      // goods are back on the sender's books and on this depot's too. Flagged, not counted twice in silence.
      await c.query(
        `UPDATE transfers SET conflict = 'received_after_cancel', receipt_no = $4, received_at = $5
          WHERE from_depot = $1 AND dispatch_no = $2 AND to_depot = $3 AND status = 'cancelled' AND conflict IS NULL`,
        [from, no, depot, e.payload.no, e.payload.postedAt],
      );
    }
  }
}

export interface TransferLine {
  itemCode: string;
  itemName: string;
  unit: string;
  lotNo: string;
  expiresOn: string | null;
  qty: number;
  /** Fen per base unit as it left the sending depot's books; null when unpriced. */
  unitCost: number | null;
}

export interface PendingTransfer {
  fromDepot: string;
  fromName: string;
  dispatchNo: string;
  reference: string;
  shippedAt: string | null;
  lines: TransferLine[];
}

/** A transfer to this depot that its sender reversed: the receipt drafted for it must not be posted. */
export interface CancelledTransfer {
  reference: string;
  reversalNo: string;
  cancelledAt: string | null;
}

/** Every transfer to a depot that was cancelled, oldest first: the depot keeps them to refuse posting their drafts. */
export async function cancelledTransfers(center: CenterStore, toDepot: string): Promise<CancelledTransfer[]> {
  const { rows } = await center.pool.query<{ from_depot: string; dispatch_no: string; reversal_no: string; cancelled_at: Date | null }>(
    `SELECT from_depot, dispatch_no, reversal_no, cancelled_at FROM transfers WHERE to_depot = $1 AND status = 'cancelled' ORDER BY cancelled_at, from_depot, dispatch_no`,
    [toDepot],
  );
  return rows.map((r) => ({ reference: transferReference(r.from_depot, r.dispatch_no), reversalNo: r.reversal_no, cancelledAt: r.cancelled_at?.toISOString() ?? null }));
}

/** What is on its way to a depot: each transfer with the lines, lots and expiry the sender shipped. */
export async function pendingTransfers(center: CenterStore, toDepot: string): Promise<PendingTransfer[]> {
  const { rows } = await center.pool.query<{ from_depot: string; from_name: string; dispatch_no: string; shipped_at: Date | null; lines: TransferLine[] }>(
    `SELECT t.from_depot, d.name AS from_name, t.dispatch_no, t.shipped_at,
            (SELECT json_agg(l ORDER BY l."itemCode", l."lotNo") FROM (
               SELECT m.item_code AS "itemCode", max(m.item_name) AS "itemName", max(m.item_unit) AS unit, m.lot_no AS "lotNo",
                      to_char(m.expires_on, 'YYYY-MM-DD') AS "expiresOn", -sum(m.qty) AS qty,
                      CASE WHEN bool_and(m.amount IS NOT NULL) THEN round(sum(m.amount)::numeric / sum(m.qty))::bigint END AS "unitCost"
                 FROM movements m WHERE m.depot_code = t.from_depot AND m.doc_no = t.dispatch_no AND m.doc_type = 'dispatch'
                GROUP BY m.item_code, m.lot_no, m.expires_on) l) AS lines
       FROM transfers t JOIN depots d ON d.code = t.from_depot
      WHERE t.to_depot = $1 AND t.status = 'in_transit'
      ORDER BY t.shipped_at, t.from_depot, t.dispatch_no`,
    [toDepot],
  );
  return rows.map((r) => ({
    fromDepot: r.from_depot,
    fromName: r.from_name,
    dispatchNo: r.dispatch_no,
    reference: transferReference(r.from_depot, r.dispatch_no),
    shippedAt: r.shipped_at?.toISOString() ?? null,
    lines: r.lines ?? [],
  }));
}

/** A transfer and its state as the center's views answer it (shared/contract/center.ts, CityViews). */
export type TransferState = CityViews['transfers'][number];

export type TransferConflict = NonNullable<TransferState['conflict']>;

/** Every transfer and its state, with pieces shipped and received: what the center shows as in transit. */
export async function transferStates(center: CenterStore): Promise<TransferState[]> {
  const { rows } = await center.pool.query<TransferState>(
    `SELECT t.from_depot AS "fromDepot", t.to_depot AS "toDepot", t.dispatch_no AS "dispatchNo", t.status, t.receipt_no AS "receiptNo", t.conflict, t.reversal_no AS "reversalNo",
            coalesce((SELECT -sum(qty) FROM movements WHERE depot_code = t.from_depot AND doc_no = t.dispatch_no AND doc_type = 'dispatch'), 0) AS shipped,
            coalesce((SELECT sum(qty) FROM movements WHERE depot_code = t.to_depot AND doc_no = t.receipt_no AND doc_type = 'receipt'), 0) AS received
       FROM transfers t ORDER BY t.shipped_at, t.from_depot, t.dispatch_no`,
  );
  return rows.map((r) => ({ ...r, short: r.status === 'received' && r.conflict === null ? r.shipped - r.received : 0 }));
}

/** A transfer in conflict in words: what happened, and how the two depots settle it. */
export function conflictText(x: Pick<TransferState, 'fromDepot' | 'toDepot' | 'receiptNo' | 'reversalNo' | 'conflict'>, locale: Locale): string {
  if (!x.conflict) return '';
  const t = i18nFor(locale).t;
  const params = { from: x.fromDepot, to: x.toDepot, receipt: x.receiptNo ?? '', reversal: x.reversalNo ?? '' };
  return `${t(`center.conflict.${x.conflict}`, params)}${t('center.conflict.resolve', params)}`;
}
