import type { printChannels } from '../../../shared/contract/print.ts';
import type { LabelPrintResult, PrintResult, RawLabelPrinter, RawLanguage } from '../../../shared/contract/print.ts';
import type { DomainHandlers } from '../../core/handlers.ts';
import type { Ctx } from '../../core/context.ts';
import { DepotError } from '../../core/errors.ts';
import { audit } from '../../core/audit.ts';
import { slipHtml, slipLayout, slipTitle } from '../../documents/slip.ts';
import type { SlipCopy } from '../../../shared/contract/documents.ts';
import { receiptHtml, receiptTitle } from '../../documents/receipt.ts';
import { pickListHtml, pickListTitle } from '../../documents/pick-list.ts';
import { labelsHtml, labelsTitle } from '../../documents/label.ts';
import { pdfOptionsFor } from '../../documents/pdf-options.ts';
import { contentBoxPx, planPages } from '../../documents/page-subtotals.ts';
import { tsplLabels } from '../../documents/labels/tspl.ts';
import { zplLabels } from '../../documents/labels/zpl.ts';
import { PrinterError, sendRaw } from '../../documents/labels/send.ts';
import { getOrder } from '../dispatch/orders.ts';
import { getReceipt } from '../receiving/receipts.ts';
import { recallNoticeHtml, recallNoticeTitle } from '../../documents/recall-notice.ts';
import { writeOffHtml, writeOffTitle } from '../../documents/write-off.ts';
import { getRecall } from '../trace/recalls.ts';
import { getWriteOff } from '../trace/write-offs.ts';
import { checkDelivery, deliveryOf, inHistory, measureParts, pageCount, portOf, render, withMargins, type Delivery } from './deliver.ts';
import { printHistory } from './history.ts';
import { depotName, readPrintSettings, writePrintSettings } from './settings.ts';
import { findLotForLabels, labelData, pickListData, slipData } from './sources.ts';

const base64 = (pdf: Buffer | null, d: Delivery) => (pdf && (d.output === 'preview' || d.path === undefined) ? pdf.toString('base64') : null);

function receiptIdByNo(ctx: Ctx, no: string): number {
  const row = ctx.store.first<{ id: number }>('SELECT id FROM receipts WHERE no = ?', [no]);
  if (!row) throw new DepotError('not_found', { entity: 'receipt', id: no }, 'receipt');
  return row.id;
}

export const printHandlers: DomainHandlers<typeof printChannels> = {
  'print.slip': async (input, ctx) => {
    const settings = readPrintSettings(ctx.store).slip;
    const d = deliveryOf(input, settings);
    checkDelivery(ctx, d);
    const order = getOrder(ctx.store, typeof input.order === 'number' ? { id: input.order } : { no: input.order });
    const paper = input.paper ?? settings.paper;
    const chosen = input.parts ?? settings.parts;
    // Three-ply carbonless paper on the 241 mm form: one set makes the three parts (not nine plies).
    const multiPart = settings.multiPart ?? paper === 'continuous-241';
    const parts = multiPart ? [] : chosen;
    const locale = input.locale ?? ctx.session.locale;
    const data = { ...slipData(ctx, order, parts, 0), ...(multiPart ? { plies: chosen } : {}) };
    const entry =
      d.output === 'preview'
        ? null
        : { docType: 'dispatch' as const, docId: order.id, kind: 'slip', paper, copies: Math.max(1, parts.length) * (d.output === 'printer' ? d.copies : 1), output: d.output, printer: d.output === 'printer' ? d.printer : null };
    type Starts = Partial<Record<string, number[] | null>>;
    const slip = (reprint: number, copies: SlipCopy[], partPages: number[] | null, pageStarts: Starts = {}) =>
      withMargins(slipHtml({ ...data, reprint, copies }, locale, { paper, partPages, pageStarts }), pdfOptionsFor('slip', paper), input.margins ?? settings.margins);
    const { value: pdf, reprint } = await inHistory(ctx, 'dispatch', order.id, entry, async (n) => {
      // 本页小计: each layout's lines dealt into pages first (page-subtotals.ts).
      const layouts = parts.length > 0 ? [...new Set(parts.map(slipLayout))] : ['whole'];
      const pageStarts: Starts = {};
      for (const layout of layouts) {
        const copy = parts.find((p) => slipLayout(p) === layout);
        const doc = slip(n, copy ? [copy] : [], null, { [layout]: [] });
        const measured = await portOf(ctx).measureLines?.(doc.html, doc.options);
        pageStarts[layout] = measured ? planPages(measured, contentBoxPx(doc.options).height) : null;
      }
      // Each part numbered on its own (第 1 页 / 共 4 页 · 随货联): the parts measured first.
      // One set (no parts, or multi-part paper) is measured whole: its pages still say 续下页.
      const measure = (starts: Starts) =>
        parts.length > 0 ? measureParts(ctx, parts, slipLayout, (copy) => slip(n, [copy], null, starts)) : measureParts(ctx, ['whole'], () => 'whole', () => slip(n, [], null, starts));
      let starts = pageStarts;
      let partPages = await measure(starts);
      // Printed as planned or without subtotals: a 本页小计 must never stand on a page that Chromium
      // broke elsewhere, so a plan the printed page counts disagree with is dropped.
      const planned = (parts.length > 0 ? parts.map(slipLayout) : ['whole']).map((layout) => pageStarts[layout]?.length);
      const asPlanned = partPages !== null && planned.every((pages, i) => pages === undefined || pages + 1 === partPages![i]);
      if (planned.some((pages) => pages !== undefined) && !asPlanned) {
        starts = {};
        partPages = await measure(starts);
      }
      const doc = slip(n, parts, partPages, starts);
      return render(ctx, d, doc.html, doc.options);
    });
    return result(pdf, d, reprint, entry !== null, slipTitle(data, locale));
  },

  'print.pickList': async (input, ctx) => {
    const settings = readPrintSettings(ctx.store).slip;
    const d = deliveryOf(input, settings);
    checkDelivery(ctx, d);
    const orders = input.orders.map((o) => getOrder(ctx.store, typeof o === 'number' ? { id: o } : { no: o }));
    const paper = input.paper ?? settings.paper;
    const locale = input.locale ?? ctx.session.locale;
    const data = pickListData(ctx, orders, ctx.now);
    const doc = withMargins(pickListHtml(data, locale, { paper }), pdfOptionsFor('slip', paper), input.margins ?? settings.margins);
    const pdf = await render(ctx, d, doc.html, doc.options);
    return result(pdf, d, 0, false, pickListTitle(data, locale));
  },

  'print.receipt': async (input, ctx) => {
    const settings = readPrintSettings(ctx.store).receipt;
    const d = deliveryOf(input, settings);
    checkDelivery(ctx, d);
    const receipt = getReceipt(ctx.store, typeof input.receipt === 'number' ? input.receipt : receiptIdByNo(ctx, input.receipt));
    const paper = input.paper ?? settings.paper;
    const locale = input.locale ?? ctx.session.locale;
    // A draft is no voucher (it prints marked so): its prints do not count towards the posted receipt's 补打.
    const entry =
      d.output === 'preview' || receipt.status === 'draft'
        ? null
        : { docType: 'receipt' as const, docId: receipt.id, kind: 'receipt', paper, copies: d.output === 'printer' ? d.copies : 1, output: d.output, printer: d.output === 'printer' ? d.printer : null };
    const { value: pdf, reprint } = await inHistory(ctx, 'receipt', receipt.id, entry, (n) => {
      const doc = withMargins(receiptHtml({ depotName: depotName(ctx.store), receipt, reprint: n }, locale, { paper }), pdfOptionsFor('receipt', paper), input.margins ?? settings.margins);
      return render(ctx, d, doc.html, doc.options);
    });
    return result(pdf, d, reprint, entry !== null, receiptTitle(receipt, locale));
  },

  'print.recallNotice': async (input, ctx) => {
    const settings = readPrintSettings(ctx.store).receipt;
    const d = deliveryOf(input, settings);
    checkDelivery(ctx, d);
    const recall = getRecall(ctx.store, input.recall);
    if (input.unitId !== undefined && !recall.units.some((u) => u.unitId === input.unitId)) {
      throw new DepotError('recall_unit', { unit: ctx.store.first<{ name: string }>('SELECT name FROM units WHERE id = ?', [input.unitId])?.name ?? String(input.unitId), no: recall.no }, 'unitId');
    }
    const unitIds = input.unitId !== undefined ? [input.unitId] : recall.units.map((u) => u.unitId);
    if (unitIds.length === 0) throw new DepotError('recall_no_units', { no: recall.no });
    const paper = input.paper ?? settings.paper;
    const locale = input.locale ?? ctx.session.locale;
    const doc = withMargins(recallNoticeHtml({ depotName: depotName(ctx.store), recall, unitIds, printedAt: ctx.now }, locale, { paper }), pdfOptionsFor('receipt', paper), input.margins ?? settings.margins);
    const pdf = await render(ctx, d, doc.html, doc.options);
    return result(pdf, d, 0, false, recallNoticeTitle(recall, locale));
  },

  'print.writeOff': async (input, ctx) => {
    const settings = readPrintSettings(ctx.store).receipt;
    const d = deliveryOf(input, settings);
    checkDelivery(ctx, d);
    const id = typeof input.writeOff === 'number' ? input.writeOff : ctx.store.first<{ id: number }>('SELECT id FROM write_offs WHERE no = ?', [input.writeOff])?.id;
    if (id === undefined) throw new DepotError('not_found', { entity: 'write_off', id: input.writeOff }, 'writeOff');
    const writeOff = getWriteOff(ctx.store, id);
    const paper = input.paper ?? settings.paper;
    const locale = input.locale ?? ctx.session.locale;
    const doc = withMargins(writeOffHtml({ depotName: depotName(ctx.store), writeOff }, locale, { paper }), pdfOptionsFor('receipt', paper), input.margins ?? settings.margins);
    const pdf = await render(ctx, d, doc.html, doc.options);
    return result(pdf, d, 0, false, writeOffTitle(writeOff, locale));
  },

  'print.labels': async (input, ctx) => {
    const settings = readPrintSettings(ctx.store).label;
    const raw = input.output === 'raw' ? rawTarget(ctx, input, settings.raw) : null;
    const d = deliveryOf({ ...input, output: input.output === 'raw' ? 'printer' : input.output }, settings);
    if (!raw) checkDelivery(ctx, d);
    const lot = findLotForLabels(ctx, input.lot, input.itemCode);
    const labels = labelData(ctx, lot, { kind: input.labelKind, count: input.count, cartonsPerPallet: input.cartonsPerPallet });
    const size = input.size ?? settings.size;
    const locale = input.locale ?? ctx.session.locale;
    const copies = input.output === 'raw' || input.output === 'printer' ? d.copies : 1;
    const entry =
      input.output === 'preview'
        ? null
        : {
            docType: 'lot' as const,
            docId: lot.id,
            kind: input.labelKind,
            paper: size,
            copies: labels.length * copies,
            output: input.output,
            printer: raw ? `${raw.host}:${raw.port}` : input.output === 'printer' ? d.printer : null,
          };
    const title = labelsTitle(labels, locale);
    if (raw) {
      const options = { size, dpi: raw.dpi, locale, copies, ...(raw.font ? { font: raw.font } : {}) };
      const bytes = raw.language === 'zpl' ? zplLabels(labels, options) : tsplLabels(labels, options);
      await inHistory(ctx, 'lot', lot.id, entry, async () => {
        try {
          await sendRaw(raw.host, raw.port, bytes, { locale });
        } catch (e) {
          if (e instanceof PrinterError) throw new DepotError('print_failed', { detail: e.message }, 'host');
          throw e;
        }
      });
      return { pdfBase64: null, path: null, pages: null, labels: labels.length, bytes: bytes.length, recorded: true, title } satisfies LabelPrintResult;
    }
    const { value: pdf } = await inHistory(ctx, 'lot', lot.id, entry, () => render(ctx, d, labelsHtml(labels, locale, { size }), pdfOptionsFor('label', size)));
    const { reprint: _, ...rest } = result(pdf, d, 0, entry !== null, title);
    return { ...rest, labels: labels.length, bytes: null };
  },

  'print.history': ({ docType, docId }, ctx) => printHistory(ctx.store, docType, docId),

  'print.settings.get': (_input, ctx) => readPrintSettings(ctx.store),

  'print.settings.set': ({ requestId: _, ...changes }, ctx) => {
    const before = readPrintSettings(ctx.store);
    writePrintSettings(ctx.store, changes);
    const after = readPrintSettings(ctx.store);
    audit(ctx, 'update', 'settings', 'print', before, after);
    ctx.emit('data.changed', { entity: 'print' });
    return after;
  },

  'print.printers': async (_input, ctx) => (await portOf(ctx).listPrinters?.()) ?? [],
};

function result(pdf: Buffer | null, d: Delivery, reprint: number, recorded: boolean, title: string): PrintResult {
  return {
    pdfBase64: base64(pdf, d),
    path: d.output === 'pdf' && d.path !== undefined ? d.path : null,
    pages: pdf ? pageCount(pdf) : null,
    reprint,
    recorded,
    title,
  };
}

/** The label printer the call names (port 9100, TSPL, 203 dpi unless it says otherwise), or else the one in the settings. */
function rawTarget(
  ctx: Ctx,
  input: { host?: string | undefined; port?: number | undefined; language?: RawLanguage | undefined; dpi?: 203 | 300 | undefined },
  saved: RawLabelPrinter | null,
): RawLabelPrinter {
  // Raw bytes go only to the label printer an administrator configured: a desk (or anything that
  // speaks to the core) cannot make the depot send data to another host or port.
  if (!saved) throw new DepotError('invalid_input', { detail: ctx.t('print.error.rawNotConfigured') }, 'host');
  if ((input.host !== undefined && input.host !== saved.host) || (input.port !== undefined && input.port !== saved.port)) {
    throw new DepotError('invalid_input', { detail: ctx.t('print.error.rawNotSaved', { host: `${input.host ?? saved.host}:${input.port ?? saved.port}`, saved: `${saved.host}:${saved.port}` }) }, 'host');
  }
  return { ...saved, ...(input.port !== undefined ? { port: input.port } : {}), ...(input.language ? { language: input.language } : {}), ...(input.dpi ? { dpi: input.dpi } : {}) };
}
