import type { TFunction } from 'i18next';
import type { DonationTrace } from '../../shared/contract/supply.ts';
import { localDateTime } from '../domains/ledger/period.ts';
import { abandon, columnStyle, FMT, sheetOptions, STYLE, styleRow, sum, workbookWriter, writeHeader, writeTitle, type ColumnSpec } from './sheet.ts';

export interface DisclosureOptions {
  file: string;
  depot: string;
  period: { from?: string | undefined; to?: string | undefined };
  generatedAt: string;
  t: TFunction;
}

/**
 * The public disclosure (捐赠公示): one sheet of what each donation brought in and how much of it
 * has gone out, and one of where it went — unit, dispatch order, date, quantity — each with its total.
 */
export async function writeDisclosure(donations: DonationTrace[], o: DisclosureOptions): Promise<{ destinations: number }> {
  const { t } = o;
  const period = o.period.from || o.period.to ? t('ledger.workbook.period', { from: o.period.from ?? '…', to: o.period.to ?? '…' }) : t('ledger.workbook.periodAll');
  const subtitle = `${period}\u3000\u3000${t('ledger.workbook.generated', { at: localDateTime(o.generatedAt) })}`;
  const c = (key: string, width: number, numFmt?: string): ColumnSpec => ({ header: t(`supply.disclosure.col.${key}`), width, ...(numFmt ? { numFmt } : {}) });
  const inColumns = [c('no', 6), c('donation', 18), c('receivedOn', 12, FMT.date), c('donor', 26), c('item', 22), c('spec', 16), c('unit', 6), c('received', 12, FMT.qty), c('value', 14, FMT.money), c('dispatched', 12, FMT.qty), c('remaining', 12, FMT.qty)];
  const outColumns = [c('no', 6), c('donation', 18), c('donor', 26), c('item', 22), c('unit', 6), c('recipient', 28), c('unitType', 14), c('district', 12), c('order', 18), c('dispatchedOn', 12, FMT.date), c('qty', 12, FMT.qty)];
  const day = (iso: string) => new Date(`${localDateTime(iso).slice(0, 10)}T00:00:00Z`);

  const wb = workbookWriter(o.file, o.depot);
  let destinations = 0;
  try {
    const inSheet = wb.addWorksheet(t('supply.disclosure.sheetIn'), sheetOptions([3, 3], 0, t('ledger.workbook.footer')));
    inSheet.columns = inColumns.map((col) => ({ width: col.width, style: columnStyle(col) }));
    writeTitle(inSheet, inColumns.length, t('supply.disclosure.title', { depot: o.depot }), subtitle);
    writeHeader(inSheet, inColumns.map((col) => col.header));
    const firstIn = 4;
    let n = 0;
    const totals = { received: 0, value: 0, dispatched: 0, remaining: 0 };
    for (const d of donations) {
      for (const l of d.lines) {
        const value = l.declaredValue === null ? null : (l.declaredValue * l.received) / 100;
        inSheet.addRow([++n, d.no, day(d.receivedAt), d.donorName, l.itemName, l.spec, l.unit, l.received, value, l.dispatched, l.remaining]).commit();
        totals.received += l.received;
        totals.value += value ?? 0;
        totals.dispatched += l.dispatched;
        totals.remaining += l.remaining;
      }
    }
    const lastIn = firstIn + n - 1;
    const inTotal = inSheet.addRow([t('supply.disclosure.total'), null, null, null, null, null, null, sum(8, firstIn, lastIn, totals.received), sum(9, firstIn, lastIn, Math.round(totals.value * 100) / 100), sum(10, firstIn, lastIn, totals.dispatched), sum(11, firstIn, lastIn, totals.remaining)]);
    styleRow(inTotal, inColumns, STYLE.total);
    inTotal.commit();
    inSheet.commit();

    const outSheet = wb.addWorksheet(t('supply.disclosure.sheetOut'), sheetOptions([3, 3], 0, t('ledger.workbook.footer')));
    outSheet.columns = outColumns.map((col) => ({ width: col.width, style: columnStyle(col) }));
    writeTitle(outSheet, outColumns.length, t('supply.disclosure.titleOut', { depot: o.depot }), subtitle);
    writeHeader(outSheet, outColumns.map((col) => col.header));
    let qty = 0;
    for (const d of donations) {
      for (const l of d.lines) {
        for (const to of l.destinations) {
          outSheet.addRow([++destinations, d.no, d.donorName, l.itemName, l.unit, to.unitName, t(`unitType.${to.unitType}`), to.district, to.orderNo, day(to.at), to.qty]).commit();
          qty += to.qty;
        }
      }
    }
    const outTotal = outSheet.addRow([t('supply.disclosure.total'), null, null, null, null, null, null, null, null, null, sum(11, 4, 3 + destinations, qty)]);
    styleRow(outTotal, outColumns, STYLE.total);
    outTotal.commit();
    outSheet.commit();
    await wb.commit();
  } catch (e) {
    await abandon(wb);
    throw e;
  }
  return { destinations };
}
