/** Where a rendered document goes — the screen, a PDF file, a printer — and its place in the print history. */
import { existsSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { PrintDocType, PrintMargins, PrintOutput } from '../../../shared/contract/print.ts';
import type { PdfOptions } from '../../documents/pdf-options.ts';
import type { Ctx } from '../../core/context.ts';
import { DepotError } from '../../core/errors.ts';
import { givePrintBack, printsOf, takePrint, type PrintEntry } from './history.ts';
import type { PrintPort } from './port.ts';

export interface Delivery {
  output: PrintOutput;
  path?: string | undefined;
  printer: string | null;
  silent: boolean;
  copies: number;
}

/** What the caller asked for, the kind's saved settings filling what it left out (a null printer: the default one). */
export function deliveryOf(
  input: { output: PrintOutput; path?: string | undefined; printer?: string | null | undefined; silent?: boolean | undefined; copies?: number | undefined },
  settings: { printer: string | null; silent: boolean; copies: number },
): Delivery {
  return {
    output: input.output,
    path: input.path,
    printer: input.printer !== undefined ? input.printer : settings.printer,
    silent: input.silent ?? settings.silent,
    copies: input.copies ?? settings.copies,
  };
}

export function portOf(ctx: Ctx): PrintPort {
  if (!ctx.printer) throw new DepotError('internal', { detail: 'no print port' });
  return ctx.printer;
}

/** Refuses what cannot work before anything is rendered or entered in the history. */
export function checkDelivery(ctx: Ctx, d: { output: string; path?: string | undefined }): void {
  if (d.output === 'printer' && !portOf(ctx).print) throw new DepotError('invalid_input', { detail: ctx.t('print.error.noPrinting') }, 'output');
  if (d.output === 'pdf' && d.path !== undefined) {
    const dir = dirname(d.path);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new DepotError('invalid_input', { detail: ctx.t('print.error.folderMissing', { dir }) }, 'path');
  }
}

/**
 * Runs the print in its place in the history: `work` gets the reprint number to show. Without an
 * entry (a preview, a draft) nothing is recorded and the number is the one the next print gets.
 */
export async function inHistory<T>(ctx: Ctx, docType: PrintDocType, docId: number, entry: PrintEntry | null, work: (reprint: number) => Promise<T>): Promise<{ value: T; reprint: number }> {
  if (!entry) {
    const reprint = printsOf(ctx.store, docType, docId);
    return { value: await work(reprint), reprint };
  }
  const slot = takePrint(ctx, entry);
  try {
    const value = await work(slot.reprint);
    // Grids showing print counts and history panels refresh.
    ctx.emit('data.changed', { entity: 'print' });
    if (docType === 'dispatch') ctx.emit('data.changed', { entity: 'dispatch' });
    return { value, reprint: slot.reprint };
  } catch (e) {
    givePrintBack(ctx, slot.id);
    throw e;
  }
}

/**
 * Margins set by the administrator. The HTML's @page rule decides the page box in Chromium (the
 * PDF options' margins alone change nothing), so a later @page rule overrides the document's
 * own, and the options follow for whoever reads them.
 */
export function withMargins(html: string, options: PdfOptions, margins: PrintMargins | null | undefined): { html: string; options: PdfOptions } {
  if (!margins) return { html, options };
  const rule = `<style>@page { margin: ${margins.top}mm ${margins.right}mm ${margins.bottom}mm ${margins.left}mm; }</style>`;
  return { html: html.replace('</head>', `${rule}\n</head>`), options: { ...options, marginMm: { ...margins } } };
}

/** To the printer (nothing comes back), or a PDF: written to `path` when given, returned otherwise. */
export async function render(ctx: Ctx, d: Delivery, html: string, options: PdfOptions): Promise<Buffer | null> {
  const port = portOf(ctx);
  if (d.output === 'printer') {
    try {
      await port.print!(html, options, { printer: d.printer, silent: d.silent, copies: d.copies });
    } catch (e) {
      const detail = e instanceof Error ? e.message : String(e);
      throw new DepotError('print_failed', { detail: ctx.t('print.error.printFailed', { printer: d.printer ?? ctx.t('print.defaultPrinter'), detail }) }, 'printer');
    }
    return null;
  }
  const pdf = await port.toPdf(html, options);
  if (d.output === 'pdf' && d.path !== undefined) writeWhole(ctx, d.path, pdf);
  return pdf;
}

/** Through a side file and a rename: the path never holds half a PDF, and a failed write leaves what was there. */
function writeWhole(ctx: Ctx, path: string, pdf: Buffer): void {
  const partial = `${path}.partial-${process.pid}`;
  try {
    writeFileSync(partial, pdf);
    renameSync(partial, path);
  } catch (e) {
    rmSync(partial, { force: true });
    const detail = (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e));
    throw new DepotError('print_failed', { detail: ctx.t('print.error.cannotWrite', { path, detail }) }, 'path');
  }
}

/**
 * Pages each part of a document (存根, 随货, 回执) takes, so each can be numbered on its own: each
 * part rendered alone (every part starts on a new page, so alone it takes what it takes in the
 * whole), once per layout — parts of the same `layout` differ only in their copy label's words.
 * null when a count cannot be read: the parts then share one numbering and no page says 续下页.
 */
export async function measureParts<P>(ctx: Ctx, parts: P[], layout: (part: P) => string, docOf: (part: P) => { html: string; options: PdfOptions }): Promise<number[] | null> {
  const pages = new Map<string, number | null>();
  for (const part of parts) {
    if (pages.has(layout(part))) continue;
    const doc = docOf(part);
    pages.set(layout(part), pageCount(await portOf(ctx).toPdf(doc.html, doc.options)));
  }
  const counts = parts.map((p) => pages.get(layout(p)) ?? null);
  return counts.every((n) => n !== null) ? (counts as number[]) : null;
}

/** Pages of a PDF from Chromium: the root of its page tree counts them all (inner nodes count their own). */
export function pageCount(pdf: Buffer): number | null {
  const counts = [...pdf.toString('latin1').matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)/g)].map((m) => Number(m[1]));
  return counts.length === 0 ? null : Math.max(...counts);
}
