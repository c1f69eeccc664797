import type { Parsed, PrintDocType, PrintResult } from '../../../shared/contract/index.ts';
import type { Ctx } from '../../core/context.ts';
import { i18nFor } from '../../../shared/i18n/index.ts';
import { DepotError } from '../../core/errors.ts';
import { certificateHtml, certificateTitle } from '../../documents/donation-certificate.ts';
import { pdfOptionsFor } from '../../documents/pdf-options.ts';
import { checkDelivery, deliveryOf, inHistory, pageCount, render } from '../print/deliver.ts';
import type { PrintEntry } from '../print/history.ts';
import { readPrintSettings } from '../print/settings.ts';
import { depotName } from '../print/settings.ts';
import { getReceipt } from '../receiving/receipts.ts';
import { purchaseOrderHtml, purchaseOrderTitle } from '../../documents/purchase-order.ts';
import { getPurchaseOrder } from './orders.ts';
import { disclosureHtml, disclosureTitle } from '../../documents/disclosure.ts';
import { traceDonations } from './disclosure.ts';

/** Only a posted donation that still stands is certified: a draft is not received, and a reversed one was taken back. */
export async function printCertificate(ctx: Ctx, input: Parsed<'donations.certificate'>): Promise<PrintResult> {
  checkDelivery(ctx, input);
  const id = typeof input.receipt === 'number' ? input.receipt : ctx.store.first<{ id: number }>('SELECT id FROM receipts WHERE no = ?', [input.receipt])?.id;
  if (id === undefined) throw new DepotError('not_found', { entity: 'receipt', id: input.receipt }, 'receipt');
  const receipt = getReceipt(ctx.store, id);
  const why =
    receipt.status !== 'posted' ? 'draft'
    : receipt.sourceType !== 'donation' ? 'notDonation'
    : receipt.reversesId !== null || receipt.reversedById !== null ? 'reversed'
    : null;
  if (why) throw new DepotError('no_certificate', { no: receipt.no ?? String(receipt.id), why: ctx.t(`supply.certificate.why.${why}`) }, 'receipt');
  const pledge = receipt.pledgeId === null ? null : ctx.store.first<{ no: string; donorKind: string }>('SELECT no, donor_kind AS donorKind FROM pledges WHERE id = ?', [receipt.pledgeId])!;
  const locale = input.locale ?? ctx.session.locale;
  const data = { depotName: depotName(ctx.store), receipt, pledge };
  return deliverPdf(ctx, input, { docType: 'certificate', docId: receipt.id }, (reprint) => certificateHtml({ ...data, reprint }, locale), certificateTitle(data, locale));
}

/** A purchase order as a PDF, for the supplier. */
export async function printPurchaseOrder(ctx: Ctx, input: Parsed<'purchaseOrders.print'>): Promise<PrintResult> {
  checkDelivery(ctx, input);
  const order = getPurchaseOrder(ctx.store, input.id, ctx.now);
  const locale = input.locale ?? ctx.session.locale;
  return deliverPdf(ctx, input, { docType: 'purchase_order', docId: order.id }, (reprint) => purchaseOrderHtml({ depotName: depotName(ctx.store), order, reprint }, locale), purchaseOrderTitle(order, locale));
}

/** The disclosure as a page to post up or hand out: the same figures as the workbook. */
export async function printDisclosure(ctx: Ctx, input: Parsed<'donations.disclosurePrint'>): Promise<PrintResult> {
  checkDelivery(ctx, input);
  const donations = traceDonations(ctx.store, input);
  const locale = input.locale ?? ctx.session.locale;
  const t = i18nFor(locale).t;
  const period = input.from || input.to ? t('ledger.workbook.period', { from: input.from ?? '…', to: input.to ?? '…' }) : t('ledger.workbook.periodAll');
  const depot = depotName(ctx.store);
  return deliverPdf(ctx, input, null, () => disclosureHtml({ depotName: depot, donations, period }, locale), disclosureTitle(depot, locale));
}

/**
 * A supply document on A4: a preview, a PDF or the printer (the receipt's printer settings).
 * A certificate or an order has a print history like a slip: every print but a preview is
 * entered, and a second one is marked 补打（第n次） on the paper. The disclosure is a working
 * paper, printed as often as posted up, and has none.
 */
async function deliverPdf(
  ctx: Ctx,
  input: { output: 'preview' | 'pdf' | 'printer'; path?: string | undefined; printer?: string | null | undefined; silent?: boolean | undefined; copies?: number | undefined },
  doc: { docType: PrintDocType; docId: number } | null,
  html: (reprint: number) => string,
  title: string,
): Promise<PrintResult> {
  const settings = readPrintSettings(ctx.store).receipt;
  const d = deliveryOf(input, settings);
  const options = pdfOptionsFor('receipt', 'A4');
  const entry: PrintEntry | null =
    doc === null || d.output === 'preview'
      ? null
      : { docType: doc.docType, docId: doc.docId, kind: doc.docType, paper: 'A4', copies: d.output === 'printer' ? d.copies : 1, output: d.output, printer: d.output === 'printer' ? d.printer : null };
  const { value: pdf, reprint } =
    doc === null ? { value: await render(ctx, d, html(0), options), reprint: 0 } : await inHistory(ctx, doc.docType, doc.docId, entry, (n) => render(ctx, d, html(n), options));
  return {
    pdfBase64: pdf && (d.output === 'preview' || d.path === undefined) ? pdf.toString('base64') : null,
    path: d.output === 'pdf' && d.path !== undefined ? d.path : null,
    pages: pdf ? pageCount(pdf) : null,
    reprint,
    recorded: entry !== null,
    title,
  };
}
