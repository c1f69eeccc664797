/**
 * The print history (print_log): one row per print that left the desk. A reprint's number is
 * the count of earlier rows, so the row is taken BEFORE rendering, in one transaction with that
 * count: two desks printing the same slip at once get 补打1 and 补打2, never two unmarked
 * originals. A print that then fails gives its row back; one cut short by a crash keeps it, so
 * the slip printed next is marked a reprint too — the safe way round for a document that
 * releases goods.
 */
import type { PrintDocType, PrintRecord, RecordedOutput } from '../../../shared/contract/print.ts';
import type { Ctx } from '../../core/context.ts';
import type { Store } from '../../store/db.ts';

export interface PrintEntry {
  docType: PrintDocType;
  docId: number;
  kind: string;
  paper: string;
  copies: number;
  output: RecordedOutput;
  printer: string | null;
}

export const printsOf = (store: Store, docType: PrintDocType, docId: number): number =>
  store.first<{ n: number }>('SELECT count(*) AS n FROM print_log WHERE doc_type = ? AND doc_id = ?', [docType, docId])!.n;

/** Takes the next place in the document's history; `reprint` is 0 for the first print. */
export function takePrint(ctx: Ctx, e: PrintEntry): { id: number; reprint: number } {
  return ctx.store.tx(() => {
    const reprint = printsOf(ctx.store, e.docType, e.docId);
    const { lastInsertRowid } = ctx.store.run(
      `INSERT INTO print_log (doc_type, doc_id, kind, paper, copies, output, printer, at, operator_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [e.docType, e.docId, e.kind, e.paper, e.copies, e.output, e.printer, ctx.now, ctx.operator.id],
    );
    return { id: Number(lastInsertRowid), reprint };
  });
}

/** The print did not happen after all. */
export function givePrintBack(ctx: Ctx, id: number): void {
  ctx.store.tx(() => ctx.store.run('DELETE FROM print_log WHERE id = ?', [id]));
}

export function printHistory(store: Store, docType: PrintDocType, docId: number): PrintRecord[] {
  return store
    .all<Record<string, unknown>>(
      `SELECT p.*, o.name AS operator_name FROM print_log p JOIN operators o ON o.id = p.operator_id
        WHERE p.doc_type = ? AND p.doc_id = ? ORDER BY p.id`,
      [docType, docId],
    )
    .map((r, i) => ({
      id: r.id as number,
      docType: r.doc_type as PrintDocType,
      docId: r.doc_id as number,
      kind: r.kind as string,
      paper: r.paper as string,
      copies: r.copies as number,
      output: r.output as RecordedOutput,
      printer: r.printer as string | null,
      at: r.at as string,
      operator: r.operator_name as string,
      reprint: i,
    }));
}
