import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { supplyChannels } from '../../../shared/contract/supply.ts';
import type { DomainHandlers } from '../../core/handlers.ts';
import { DepotError } from '../../core/errors.ts';
import { approveProcurement, editProcurement, getProcurement, listProcurement, overrideSplit, proposal, saveProcurement } from './procurement.ts';
import { arrivals, classify, lateDeliveries } from './arrivals.ts';
import { printCertificate, printDisclosure, printPurchaseOrder } from './documents.ts';
import { traceDonations } from './disclosure.ts';
import { pledgePipeline } from './pipeline.ts';
import { writeDisclosure } from '../../excel/disclosure-workbook.ts';
import { depotName } from '../print/settings.ts';
import { createPledge, getPledge, listPledges, pledgeReceiptStart } from './pledges.ts';
import { refuseExpiredSupplier } from './qualification.ts';
import { createPurchaseOrder, endPurchaseOrder, getPurchaseOrder, listPurchaseOrders } from './orders.ts';

export const supplyHandlers: DomainHandlers<typeof supplyChannels> = {
  'purchaseOrders.list': (input, ctx) => listPurchaseOrders(ctx.store, ctx.now, input),
  'purchaseOrders.get': (input, ctx) => getPurchaseOrder(ctx.store, input.id, ctx.now),
  'purchaseOrders.create': (input, ctx) => {
    refuseExpiredSupplier(ctx, input.supplierId, input.overrideReason);
    return createPurchaseOrder(ctx, { ...input, planId: null });
  },
  'purchaseOrders.receiptStart': (input, ctx) => {
    const po = getPurchaseOrder(ctx.store, input.id, ctx.now);
    if (po.status === 'closed' || po.status === 'cancelled') throw new DepotError('order_ended', { no: po.no, status: ctx.t(`supply.poStatus.${po.status}`) });
    return {
      sourceType: 'purchase',
      supplierId: po.supplierId,
      purchaseOrderId: po.id,
      pledgeId: null,
      reference: po.no,
      lines: po.lines
        .filter((l) => l.outstanding > 0)
        .map((l) => ({ itemId: l.itemId, itemName: l.itemName, unit: l.unit, counted: l.outstanding, unitCost: l.unitPrice, valueBasis: l.unitPrice === null ? null : 'price' })),
    };
  },
  'purchaseOrders.end': (input, ctx) => endPurchaseOrder(ctx, input),
  'purchaseOrders.print': (input, ctx) => printPurchaseOrder(ctx, input),
  'donations.arrivals': (_input, ctx) => arrivals(ctx),
  'donations.classify': (input, ctx) => classify(ctx, input),
  'supply.late': (_input, ctx) => lateDeliveries(ctx),
  'pledges.list': (input, ctx) => listPledges(ctx.store, input.limit, ctx.t),
  'pledges.pipeline': (_input, ctx) => pledgePipeline(ctx),
  'pledges.get': (input, ctx) => getPledge(ctx.store, input.id, ctx.t),
  'pledges.create': (input, ctx) => createPledge(ctx, input),
  'pledges.receiptStart': (input, ctx) => pledgeReceiptStart(ctx.store, input.id, ctx.t),
  'donations.certificate': (input, ctx) => printCertificate(ctx, input),
  'donations.trace': (input, ctx) => traceDonations(ctx.store, input),
  'donations.disclosurePrint': (input, ctx) => printDisclosure(ctx, input),
  'donations.disclosure': async (input, ctx) => {
    const dir = dirname(input.path);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new DepotError('invalid_input', { detail: ctx.t('print.error.folderMissing', { dir }) }, 'path');
    const donations = traceDonations(ctx.store, input);
    try {
      const { destinations } = await writeDisclosure(donations, { file: input.path, depot: depotName(ctx.store), period: input, generatedAt: ctx.now, t: ctx.t });
      return { path: input.path, donations: donations.length, destinations };
    } catch (e) {
      // A file open in Excel, a read-only share: say which file and why, not "internal".
      const detail = (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e));
      throw new DepotError('print_failed', { detail: ctx.t('print.error.cannotWrite', { path: input.path, detail }) }, 'path');
    }
  },
  'procurement.compute': (input, ctx) => proposal(ctx, input),
  'procurement.save': (input, ctx) => saveProcurement(ctx, input),
  'procurement.edit': (input, ctx) => editProcurement(ctx, input),
  'procurement.get': (input, ctx) => getProcurement(ctx.store, input.id, ctx.now, ctx.t),
  'procurement.list': (input, ctx) => listProcurement(ctx.store, input.limit),
  'procurement.override': (input, ctx) => overrideSplit(ctx, input),
  'procurement.approve': (input, ctx) => approveProcurement(ctx, input),
};
