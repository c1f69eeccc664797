import type { ledgerChannels } from '../../../shared/contract/ledger.ts';
import { i18nFor } from '../../../shared/i18n/index.ts';
import type { DomainHandlers } from '../../core/handlers.ts';
import { DepotError } from '../../core/errors.ts';
import { briefing } from './briefing.ts';
import { refuseIfCenterOwned } from '../../center/catalogue-lock.ts';
import { briefingLineFigures, deleteBriefingLine, listBriefingLines, saveBriefingLine } from './briefing-lines.ts';
import { dailyFigures } from './daily.ts';
import { closeDays, getDayClose, listDayCloses } from './close.ts';
import { commitImport, previewImport } from './imports.ts';
import { cancelJob, checkTarget, runExportJob } from './jobs.ts';
import { shiftReport } from './shift.ts';
import { momentFlows, statsSummary } from './stats.ts';

/** Choices people type in Chinese are also recognised in English ("Protective"), whatever the session's language. */
const en = i18nFor('en').t;

export const ledgerHandlers: DomainHandlers<typeof ledgerChannels> = {
  'ledger.export': async ({ jobId, from, to, filters, path }, ctx) => {
    checkTarget(ctx, path);
    if (filters.itemId !== undefined && !ctx.store.first('SELECT 1 FROM items WHERE id = ?', [filters.itemId])) {
      throw new DepotError('not_found', { entity: 'item', id: filters.itemId }, 'filters.itemId');
    }
    return runExportJob(ctx, jobId, { kind: 'ledger', path, from, to, filters, locale: ctx.session.locale, generatedAt: ctx.now });
  },
  'ledger.exportCard': async ({ jobId, itemId, lotId, from, to, path }, ctx) => {
    checkTarget(ctx, path);
    if (!ctx.store.first('SELECT 1 FROM items WHERE id = ?', [itemId])) throw new DepotError('not_found', { entity: 'item', id: itemId }, 'itemId');
    if (lotId !== undefined && !ctx.store.first('SELECT 1 FROM lots WHERE id = ? AND item_id = ?', [lotId, itemId])) {
      throw new DepotError('not_found', { entity: 'lot', id: lotId }, 'lotId');
    }
    return runExportJob(ctx, jobId, {
      kind: 'card',
      path,
      itemId,
      lotId: lotId ?? null,
      from: from ?? null,
      to: to ?? null,
      locale: ctx.session.locale,
      generatedAt: ctx.now,
    });
  },
  'jobs.cancel': ({ jobId }, ctx) => cancelJob(ctx, jobId),

  'stats.summary': ({ at }, ctx) => statsSummary(ctx.store, at ?? ctx.now),
  'stats.briefing': ({ at }, ctx) => {
    // The statistics and the command center's lines read the same two windows: once.
    const flows = momentFlows(ctx.store, at ?? ctx.now);
    return briefing(statsSummary(ctx.store, at ?? ctx.now, flows), ctx.session.locale, briefingLineFigures(ctx.store, at ?? ctx.now, flows));
  },
  'briefing.lines': (_input, ctx) => listBriefingLines(ctx.store),
  'briefing.saveLine': ({ requestId: _, ...line }, ctx) => {
    refuseIfCenterOwned(ctx, 'briefing_line');
    return saveBriefingLine(ctx, line);
  },
  'briefing.deleteLine': ({ id }, ctx) => {
    refuseIfCenterOwned(ctx, 'briefing_line');
    return deleteBriefingLine(ctx, id);
  },
  'stats.daily': ({ days, at }, ctx) => dailyFigures(ctx.store, at ?? ctx.now, days),

  'ledger.closeDay': ({ day }, ctx) => closeDays(ctx, day),
  'ledger.dayCloses': ({ limit }, ctx) => listDayCloses(ctx.store, limit),
  'ledger.dayClose': ({ day }, ctx) => getDayClose(ctx.store, day),
  'ledger.shiftReport': ({ from, to }, ctx) => shiftReport(ctx.store, from, to),

  'import.preview': (input, ctx) => previewImport(ctx, input, en),
  'import.commit': ({ previewId }, ctx) => commitImport(ctx, previewId, en),
};
