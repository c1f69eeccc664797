/**
 * The print port: how a document's HTML becomes a PDF or paper. The desktop app gives the core
 * one over a hidden BrowserWindow (main/shell/print.ts); under plain Node (CLI, tests, bench) the
 * default renders through main/documents' PdfRenderer and cannot reach an OS printer.
 */
import type { PdfOptions } from '../../documents/pdf-options.ts';
import type { PdfRenderer } from '../../documents/pdf.ts';
import type { LinesLayout } from '../../documents/page-subtotals.ts';
import type { PrinterInfo } from '../../../shared/contract/print.ts';

export interface PrintJob {
  /** The OS printer's name; null: the default printer. */
  printer: string | null;
  /** Without the OS print dialog. */
  silent: boolean;
  copies: number;
}

export interface PrintPort {
  toPdf(html: string, options: PdfOptions): Promise<Buffer>;
  /** Absent where there is no OS printing (plain Node): output 'printer' is then refused. */
  print?(html: string, options: PdfOptions, job: PrintJob): Promise<void>;
  listPrinters?(): Promise<PrinterInfo[]>;
  /** A slip laid out on screen at the paper's width, its lines measured for 本页小计; absent: no page subtotals. */
  measureLines?(html: string, options: PdfOptions): Promise<LinesLayout | null>;
  /** Called by depot.close(). */
  close?(): Promise<void>;
}

/**
 * Chromium under Node, started on the first document (a CLI run that is refused, or a test of
 * something else, never pays for it) and shared by every later one until close().
 */
export function nodePrintPort(): PrintPort & { close(): Promise<void> } {
  let renderer: Promise<PdfRenderer> | null = null;
  const open = () => (renderer ??= import('../../documents/pdf.ts').then(({ PdfRenderer }) => PdfRenderer.open()));
  const drop = async (failed: Promise<PdfRenderer>) => {
    if (renderer === failed) renderer = null;
    await (await failed.catch(() => null))?.close().catch(() => {});
  };
  // A browser that failed to start or crashed is not kept: the next document starts a fresh one.
  const withRenderer = async <T>(work: (r: PdfRenderer) => Promise<T>): Promise<T> => {
    const current = open();
    try {
      return await work(await current);
    } catch (e) {
      void drop(current);
      throw e;
    }
  };
  return {
    toPdf: (html, options) => withRenderer((r) => r.render(html, options)),
    measureLines: (html, options) => withRenderer((r) => r.measureLines(html, options)),
    async close() {
      if (renderer) await drop(renderer);
    },
  };
}
