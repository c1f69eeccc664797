import type { Pack } from '../../../shared/packs.ts';
import type { Receipt, ReceiptLine, ReceiptSummary, Inspection, SourceType, ValueBasis } from '../../../shared/contract/index.ts';
import type { Ctx } from '../../core/context.ts';
import type { Store } from '../../store/db.ts';
import { DepotError } from '../../core/errors.ts';

interface ReceiptRow {
  id: number;
  no: string | null;
  status: 'draft' | 'posted';
  source_type: SourceType;
  supplier_id: number | null;
  supplier_name: string | null;
  unit_id: number | null;
  unit_name: string | null;
  reference: string;
  vehicle: string;
  received_at: string;
  note: string;
  inspection: string;
  reverses_id: number | null;
  reverses_no: string | null;
  purchase_order_id: number | null;
  pledge_id: number | null;
  reversed_by_id: number | null;
  reversed_by_no: string | null;
  created_by: string;
  posted_by: string | null;
  posted_at: string | null;
  version: number;
  lines: number;
  counted: number;
  accepted: number;
  rejected: number;
  amount: number | null;
}

const FROM = `
    FROM receipts r
    LEFT JOIN suppliers s ON s.id = r.supplier_id
    LEFT JOIN units u ON u.id = r.unit_id
    LEFT JOIN receipts rv ON rv.id = r.reverses_id
    LEFT JOIN receipts rb ON rb.reverses_id = r.id
    JOIN operators c ON c.id = r.created_by
    LEFT JOIN operators p ON p.id = r.posted_by`;

const HEAD = `
  SELECT r.*, s.name AS supplier_name, u.name AS unit_name, rv.no AS reverses_no,
         rb.id AS reversed_by_id, rb.no AS reversed_by_no, c.name AS created_by, p.name AS posted_by`;

const SELECT = `${HEAD},
         (SELECT count(*) FROM receipt_lines WHERE receipt_id = r.id) AS lines,
         (SELECT coalesce(sum(counted), 0) FROM receipt_lines WHERE receipt_id = r.id) AS counted,
         (SELECT coalesce(sum(accepted), 0) FROM receipt_lines WHERE receipt_id = r.id) AS accepted,
         (SELECT coalesce(sum(rejected), 0) FROM receipt_lines WHERE receipt_id = r.id) AS rejected,
         (SELECT sum(accepted * unit_cost) FROM receipt_lines WHERE receipt_id = r.id) AS amount
  ${FROM}`;

const summary = (r: ReceiptRow): ReceiptSummary => ({
  id: r.id,
  no: r.no,
  status: r.status,
  sourceType: r.source_type,
  supplierId: r.supplier_id,
  supplierName: r.supplier_name,
  unitId: r.unit_id,
  unitName: r.unit_name,
  reference: r.reference,
  vehicle: r.vehicle,
  receivedAt: r.received_at,
  note: r.note,
  reversesId: r.reverses_id,
  reversesNo: r.reverses_no,
  purchaseOrderId: r.purchase_order_id,
  pledgeId: r.pledge_id,
  reversedById: r.reversed_by_id,
  reversedByNo: r.reversed_by_no,
  createdBy: r.created_by,
  postedBy: r.posted_by,
  postedAt: r.posted_at,
  version: r.version,
  totals: { lines: r.lines, counted: r.counted, accepted: r.accepted, rejected: r.rejected, amount: r.amount },
});

export function listReceipts(store: Store, f: { status?: string; from?: string; to?: string; limit: number }): ReceiptSummary[] {
  return store
    .all<ReceiptRow>(
      `${SELECT}
       WHERE (:status IS NULL OR r.status = :status)
         AND (:from IS NULL OR r.received_at >= :from)
         AND (:to IS NULL OR r.received_at < date(:to, '+1 day'))
       ORDER BY r.id DESC LIMIT :limit`,
      { status: f.status ?? null, from: f.from ?? null, to: f.to ?? null, limit: f.limit },
    )
    .map(summary);
}

export function countReceipts(store: Store, f: { status?: string; from?: string; to?: string }): { total: number } {
  return store.first<{ total: number }>(
    `SELECT count(*) AS total FROM receipts r
      WHERE (:status IS NULL OR r.status = :status)
        AND (:from IS NULL OR r.received_at >= :from)
        AND (:to IS NULL OR r.received_at < date(:to, '+1 day'))`,
    { status: f.status ?? null, from: f.from ?? null, to: f.to ?? null },
  )!;
}

/** A receipt's lines as its answer reads them (posting reads them so too, with each line's lot: see post in handlers.ts). */
export const LINE_COLUMNS = 'SELECT rl.*, i.code AS item_code, i.name AS item_name, i.spec, i.unit, i.packs, loc.code AS location_code';
export const LINE_TABLES = 'FROM receipt_lines rl JOIN items i ON i.id = rl.item_id JOIN locations loc ON loc.id = rl.location_id';

/** (`= +?`: see getOrder in main/domains/dispatch/orders.ts.) */
export function getReceipt(store: Store, id: number): Receipt {
  return receiptOf(store, id, store.all<Record<string, unknown>>(`${LINE_COLUMNS} ${LINE_TABLES} WHERE rl.receipt_id = +? ORDER BY rl.line_no`, [id]));
}

/** The receipt with its header read now and `lines` as LINE_COLUMNS reads them (in line order). */
export function receiptOf(store: Store, id: number, lines: Record<string, unknown>[]): Receipt {
  // One receipt: its totals are summed from its lines, not by five subqueries over them.
  const head = store.first<Omit<ReceiptRow, 'lines' | 'counted' | 'accepted' | 'rejected' | 'amount'>>(`${HEAD} ${FROM} WHERE r.id = +?`, [id]);
  if (!head) throw new DepotError('not_found', { entity: 'receipt', id });
  const row: ReceiptRow = { ...head, lines: lines.length, counted: 0, accepted: 0, rejected: 0, amount: null };
  for (const l of lines) {
    row.counted += l.counted as number;
    row.accepted += l.accepted as number;
    row.rejected += l.rejected as number;
    if (l.unit_cost !== null) row.amount = (row.amount ?? 0) + (l.accepted as number) * (l.unit_cost as number);
  }
  const inspection = JSON.parse(row.inspection) as Partial<Inspection>;
  return {
    ...summary(row),
    inspection: inspection.result === undefined ? null : (inspection as Inspection),
    lines: lines.map(
      (l): ReceiptLine => ({
        id: l.id as number,
        lineNo: l.line_no as number,
        itemId: l.item_id as number,
        itemCode: l.item_code as string,
        itemName: l.item_name as string,
        spec: l.spec as string,
        unit: l.unit as string,
        lotNo: l.lot_no as string,
        producedOn: l.produced_on as string | null,
        expiresOn: l.expires_on as string | null,
        counted: l.counted as number,
        accepted: l.accepted as number,
        rejected: l.rejected as number,
        rejectReason: l.reject_reason as string,
        noExpiryReason: l.no_expiry_reason as string,
        unitCost: l.unit_cost as number | null,
        valueBasis: (l.value_basis as ValueBasis | null) ?? null,
        locationId: l.location_id as number,
        locationCode: l.location_code as string,
        inspection: l.inspection as 'accepted' | 'pending',
        lotId: l.lot_id as number | null,
        packs: JSON.parse(l.packs as string) as Pack[],
        codes: JSON.parse(l.codes as string) as string[],
      }),
    ),
  };
}

export function mustBeDraft(ctx: Ctx, id: number, version: number): void {
  const row = ctx.store.first<{ status: string; version: number }>('SELECT status, version FROM receipts WHERE id = ?', [id]);
  if (!row) throw new DepotError('not_found', { entity: 'receipt', id });
  if (row.status !== 'draft') throw new DepotError('not_draft');
  if (row.version !== version) throw new DepotError('stale', { version: row.version });
}
