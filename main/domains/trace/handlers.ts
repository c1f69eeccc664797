import type { traceChannels } from '../../../shared/contract/trace.ts';
import type { DomainHandlers } from '../../core/handlers.ts';
import { depotName } from '../print/settings.ts';
import { recallWorkbook } from '../../excel/recall-workbook.ts';
import { findGtin, forgetGtin, learnGtin, listGtins } from './gtins.ts';
import { closeRecall, getRecall, listRecalls, openRecall, respondToRecall } from './recalls.ts';
import { traceItem, traceLot } from './trace.ts';
import { dispatchCodes, scanDispatchCode } from './dispatch-codes.ts';
import { expiringLots, setExpiryBands } from './expiring.ts';
import { discardWriteOff, getWriteOff, listWriteOffs, postWriteOff, saveWriteOff } from './write-offs.ts';

export const traceHandlers: DomainHandlers<typeof traceChannels> = {
  'gtins.find': ({ gtin }, ctx) => findGtin(ctx.store, gtin),
  'gtins.list': ({ itemId }, ctx) => listGtins(ctx.store, itemId),
  'gtins.learn': ({ gtin, itemId, pack }, ctx) => learnGtin(ctx, gtin, itemId, pack),
  'gtins.forget': ({ gtin }, ctx) => forgetGtin(ctx, gtin),
  'trace.lot': ({ lotId }, ctx) => traceLot(ctx.store, lotId),
  'trace.item': ({ itemId, from, to }, ctx) => traceItem(ctx.store, itemId, from, to),
  'trace.expiring': (_input, ctx) => expiringLots(ctx.store, ctx.now),
  'trace.setExpiryBands': ({ bands }, ctx) => setExpiryBands(ctx, bands),
  'dispatch.codes': ({ id }, ctx) => dispatchCodes(ctx.store, id),
  'dispatch.scanCode': ({ id, code }, ctx) => scanDispatchCode(ctx, id, code),
  'recalls.list': ({ status }, ctx) => listRecalls(ctx.store, status),
  'recalls.get': ({ id }, ctx) => getRecall(ctx.store, id),
  'recalls.open': ({ lotId, reason }, ctx) => openRecall(ctx, lotId, reason),
  'recalls.respond': (input, ctx) => respondToRecall(ctx, input),
  'recalls.close': ({ id }, ctx) => closeRecall(ctx, id),
  'recalls.export': async ({ id }, ctx) => {
    const recall = getRecall(ctx.store, id);
    const buffer = await recallWorkbook(recall, depotName(ctx.store), ctx.t);
    return { fileName: `${ctx.t('trace.sheet.file', { no: recall.no })}.xlsx`, base64: buffer.toString('base64') };
  },
  'writeOffs.list': ({ status }, ctx) => listWriteOffs(ctx.store, status),
  'writeOffs.get': ({ id }, ctx) => getWriteOff(ctx.store, id),
  'writeOffs.saveDraft': (input, ctx) => saveWriteOff(ctx, input),
  'writeOffs.post': ({ id, version }, ctx) => postWriteOff(ctx, id, version),
  'writeOffs.discardDraft': ({ id, version }, ctx) => discardWriteOff(ctx, id, version),
};
