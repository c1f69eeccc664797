/**
 * How every ledger row counts in the ledger's in and out columns (收入 / 发出), the one rule
 * the workbook, the statistics and the day close share:
 *   receipt, receipt_reversal                          → in  (a reversal is a red, negative in: 红冲)
 *   dispatch, dispatch_reversal, delivery_adjustment   → out (quantity −qty; a reversal is a negative out)
 *   stocktake, move                                    → in when it adds stock, out when it takes it
 * So for every item, opening + in − out = closing, and moves (which net to zero per item)
 * appear only in the detail.
 */
export const RECEIPT_DOCS = ['receipt', 'receipt_reversal'] as const;
export const DISPATCH_DOCS = ['dispatch', 'dispatch_reversal', 'delivery_adjustment'] as const;

export const RECEIPT_DOCS_SQL = `('receipt', 'receipt_reversal')`;
export const DISPATCH_DOCS_SQL = `('dispatch', 'dispatch_reversal', 'delivery_adjustment')`;

/** The in-side quantity of a row (0 when it is an out row). */
export const IN_QTY_SQL = `CASE WHEN m.doc_type IN ${RECEIPT_DOCS_SQL} THEN m.qty
  WHEN m.doc_type IN ${DISPATCH_DOCS_SQL} THEN 0 WHEN m.qty > 0 THEN m.qty ELSE 0 END`;
/** The out-side quantity of a row (0 when it is an in row). */
export const OUT_QTY_SQL = `CASE WHEN m.doc_type IN ${DISPATCH_DOCS_SQL} THEN -m.qty
  WHEN m.doc_type IN ${RECEIPT_DOCS_SQL} THEN 0 WHEN m.qty < 0 THEN -m.qty ELSE 0 END`;
export const IN_AMOUNT_SQL = `CASE WHEN m.doc_type IN ${RECEIPT_DOCS_SQL} THEN coalesce(m.amount, 0)
  WHEN m.doc_type IN ${DISPATCH_DOCS_SQL} THEN 0 WHEN m.qty > 0 THEN coalesce(m.amount, 0) ELSE 0 END`;
export const OUT_AMOUNT_SQL = `CASE WHEN m.doc_type IN ${DISPATCH_DOCS_SQL} THEN -coalesce(m.amount, 0)
  WHEN m.doc_type IN ${RECEIPT_DOCS_SQL} THEN 0 WHEN m.qty < 0 THEN -coalesce(m.amount, 0) ELSE 0 END`;

const receiptDocs = new Set<string>(RECEIPT_DOCS);
const dispatchDocs = new Set<string>(DISPATCH_DOCS);

/** The side of one row: 'in' or 'out', and the quantity and amount as that column shows them. */
export function sideOf(docType: string, qty: number, amount: number | null): { side: 'in' | 'out'; qty: number; amount: number | null } {
  if (receiptDocs.has(docType)) return { side: 'in', qty, amount };
  if (dispatchDocs.has(docType)) return { side: 'out', qty: -qty, amount: amount === null ? null : -amount };
  return qty > 0 ? { side: 'in', qty, amount } : { side: 'out', qty: -qty, amount: amount === null ? null : -amount };
}
