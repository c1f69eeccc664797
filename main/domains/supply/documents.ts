import type { Parsed, PrintResult } from '../../../shared/contract/index.ts';
import type { Ctx } from '../../core/context.ts';
import { DepotError } from '../../core/errors.ts';
import { certificateHtml, certificateTitle } from '../../documents/donation-certificate.ts';
import { pdfOptionsFor } from '../../documents/pdf-options.ts';
import { checkDelivery, pageCount, render, type Delivery } from '../print/deliver.ts';
import { depotName } from '../print/settings.ts';
import { getReceipt } from '../receiving/receipts.ts';
import { purchaseOrderHtml, purchaseOrderTitle } from '../../documents/purchase-order.ts';
import { getPurchaseOrder } from './orders.ts';

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
  return deliverPdf(ctx, input, certificateHtml(data, locale), certificateTitle(data, locale));
}

/** A purchase order as a PDF, for the supplier. */
export async function printPurchaseOrder(ctx: Ctx, input: Parsed<'purchaseOrders.print'>): Promise<PrintResult> {
  checkDelivery(ctx, input);
  const order = getPurchaseOrder(ctx.store, input.id, ctx.now);
  const locale = input.locale ?? ctx.session.locale;
  return deliverPdf(ctx, input, purchaseOrderHtml({ depotName: depotName(ctx.store), order }, locale), purchaseOrderTitle(order, locale));
}

/** A supply document on A4, as a preview or a file; neither is a voucher counted in the print history. */
async function deliverPdf(ctx: Ctx, input: { output: 'preview' | 'pdf'; path?: string | undefined }, html: string, title: string): Promise<PrintResult> {
  const d: Delivery = { output: input.output, path: input.path, printer: null, silent: false, copies: 1 };
  const pdf = await render(ctx, d, html, pdfOptionsFor('receipt', 'A4'));
  return {
    pdfBase64: pdf && (d.output === 'preview' || d.path === undefined) ? pdf.toString('base64') : null,
    path: d.output === 'pdf' && d.path !== undefined ? d.path : null,
    pages: pdf ? pageCount(pdf) : null,
    reprint: 0,
    recorded: false,
    title,
  };
}
