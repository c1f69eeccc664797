import type { ShiftDocument, ShiftReport } from '../../../shared/contract/ledger.ts';
import type { Store } from '../../store/db.ts';
import { IN_QTY_SQL, OUT_QTY_SQL } from './sides.ts';
import { depotName } from './stats.ts';

/**
 * 交接班: the documents posted in a shift (from the ledger, plus receipts posted without any
 * accepted goods, which leave no ledger row), in and out per item, lots whose inspection or
 * quarantine status changed (from the audit log), and what stays open for the next shift.
 */
export function shiftReport(store: Store, fromAt: string, toAt: string): ShiftReport {
  const from = new Date(fromAt).toISOString();
  const to = new Date(toAt).toISOString();
  const params = { from, to };

  const posted = store.all<ShiftDocument & { firstId: number }>(
    `SELECT m.doc_type AS docType, m.doc_id AS docId, m.doc_no AS docNo, min(m.at) AS at, min(m.id) AS firstId, o.name AS operator,
            count(DISTINCT coalesce(m.line_id, m.id)) AS lines, sum(${IN_QTY_SQL}) AS qtyIn, sum(${OUT_QTY_SQL}) AS qtyOut,
            coalesce(max(u.name), max(s.name)) AS counterparty
       FROM movements m JOIN operators o ON o.id = m.operator_id
       LEFT JOIN units u ON u.id = m.unit_id LEFT JOIN suppliers s ON s.id = m.supplier_id
      WHERE m.at >= :from AND m.at < :to
      GROUP BY m.doc_type, m.doc_id
      ORDER BY firstId`,
    params,
  );
  const emptyReceipts = store.all<ShiftDocument>(
    `SELECT CASE WHEN r.reverses_id IS NULL THEN 'receipt' ELSE 'receipt_reversal' END AS docType, r.id AS docId, r.no AS docNo,
            r.posted_at AS at, o.name AS operator, (SELECT count(*) FROM receipt_lines WHERE receipt_id = r.id) AS lines,
            0 AS qtyIn, 0 AS qtyOut, coalesce(s.name, u.name) AS counterparty
       FROM receipts r JOIN operators o ON o.id = r.posted_by
       LEFT JOIN suppliers s ON s.id = r.supplier_id LEFT JOIN units u ON u.id = r.unit_id
      WHERE r.status = 'posted' AND r.posted_at >= :from AND r.posted_at < :to
        AND NOT EXISTS (SELECT 1 FROM movements m WHERE m.doc_type IN ('receipt', 'receipt_reversal') AND m.doc_id = r.id)`,
    params,
  );
  const documents = [...posted.map(({ firstId: _, ...d }) => d), ...emptyReceipts].sort((a, b) => a.at.localeCompare(b.at));

  const byItem = store
    .all<{ itemId: number; itemCode: string; itemName: string; unit: string; qtyIn: number; qtyOut: number }>(
      `SELECT m.item_id AS itemId, i.code AS itemCode, i.name AS itemName, i.unit, sum(${IN_QTY_SQL}) AS qtyIn, sum(${OUT_QTY_SQL}) AS qtyOut
         FROM movements m JOIN items i ON i.id = m.item_id
        WHERE m.at >= :from AND m.at < :to AND m.doc_type <> 'move'
        GROUP BY m.item_id ORDER BY i.code`,
      params,
    )
    .map((r) => ({ ...r, net: r.qtyIn - r.qtyOut }));

  const lotStatusChanges = store
    .all<{ lotId: string; before: string | null; after: string | null; at: string; operator: string; itemName: string | null; lotNo: string | null }>(
      `SELECT a.entity_id AS lotId, a.before, a.after, a.at, o.name AS operator, i.name AS itemName, l.lot_no AS lotNo
         FROM audit_log a JOIN operators o ON o.id = a.operator_id
         LEFT JOIN lots l ON l.id = CAST(a.entity_id AS INTEGER) LEFT JOIN items i ON i.id = l.item_id
        WHERE a.entity = 'lot' AND a.action = 'status' AND a.at >= :from AND a.at < :to
        ORDER BY a.id`,
      params,
    )
    .map((r) => {
      const before = r.before ? (JSON.parse(r.before) as { status?: string }) : {};
      const after = r.after ? (JSON.parse(r.after) as { status?: string; note?: string }) : {};
      return {
        lotId: Number(r.lotId),
        itemName: r.itemName ?? '',
        lotNo: r.lotNo ?? '',
        from: before.status ?? null,
        to: after.status ?? '',
        note: after.note ?? '',
        at: r.at,
        operator: r.operator,
      };
    });

  const lotsWith = (status: string) =>
    store.all<{ lotId: number; itemName: string; lotNo: string; onHand: number }>(
      `SELECT l.id AS lotId, i.name AS itemName, l.lot_no AS lotNo, sum(s.on_hand) AS onHand
         FROM lots l JOIN items i ON i.id = l.item_id JOIN stock s ON s.lot_id = l.id
        WHERE l.status = ? GROUP BY l.id HAVING sum(s.on_hand) > 0 ORDER BY i.code, l.lot_no`,
      [status],
    );

  return {
    from,
    to,
    depotName: depotName(store),
    documents,
    byItem,
    lotStatusChanges,
    open: {
      draftReceipts: store.all(
        `SELECT r.id, r.source_type AS sourceType, s.name AS supplierName, r.received_at AS createdAt,
                (SELECT count(*) FROM receipt_lines WHERE receipt_id = r.id) AS lines
           FROM receipts r LEFT JOIN suppliers s ON s.id = r.supplier_id WHERE r.status = 'draft' ORDER BY r.id`,
      ),
      pendingLots: lotsWith('pending'),
      quarantinedLots: lotsWith('quarantined'),
      openStocktakes: store.all(`SELECT id, no, created_at AS createdAt FROM stocktakes WHERE status = 'counting' ORDER BY id`),
      openDispatches: store.all(
        `SELECT d.id, d.no, d.status, u.name AS unitName, d.created_at AS createdAt
           FROM dispatch_orders d JOIN units u ON u.id = d.unit_id
          WHERE d.status IN ('draft', 'approved', 'picked', 'shipped') AND d.reverses_id IS NULL
            AND NOT EXISTS (SELECT 1 FROM dispatch_orders r WHERE r.reverses_id = d.id)
          ORDER BY d.id`,
      ),
    },
  };
}
