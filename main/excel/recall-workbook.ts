import ExcelJS from 'exceljs';
import type { TFunction } from 'i18next';
import type { Recall } from '../../shared/contract/trace.ts';
import { FMT, STYLE, columnStyle, fitWidth, type ColumnSpec } from './sheet.ts';

/**
 * A recall's list of units (召回单位清单): who received the lot, how much, how to reach them, and
 * what each has answered for — the sheet the phone calls are made from.
 */
export async function recallWorkbook(recall: Recall, depotName: string, t: TFunction): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(t('trace.sheet.units'), { views: [{ state: 'frozen', ySplit: 3 }] });
  const columns: (Omit<ColumnSpec, 'width'> & { value(u: Recall['units'][number]): string | number })[] = [
    { header: t('trace.col.unitCode'), value: (u) => u.unitCode },
    { header: t('trace.col.unitName'), value: (u) => u.unitName },
    { header: t('trace.col.unitType'), value: (u) => t(`unitType.${u.unitType}`) },
    { header: t('trace.col.contact'), value: (u) => u.contact },
    { header: t('trace.col.phone'), value: (u) => u.phone },
    { header: t('trace.col.address'), value: (u) => u.address },
    { header: t('trace.col.lastDispatch'), value: (u) => u.lastDispatchAt.slice(0, 10) },
    { header: t('trace.col.received'), numFmt: FMT.qty, value: (u) => u.received },
    { header: t('trace.col.returned'), numFmt: FMT.qty, value: (u) => u.returned },
    { header: t('trace.col.used'), numFmt: FMT.qty, value: (u) => u.used },
    { header: t('trace.col.destroyed'), numFmt: FMT.qty, value: (u) => u.destroyed },
    { header: t('trace.col.outstanding'), numFmt: FMT.qty, value: (u) => u.outstanding },
  ];
  ws.columns = columns.map((c) => ({ width: fitWidth(c.header, recall.units.map((u) => String(c.value(u))), 8, 40) }));
  const title = ws.addRow([t('trace.sheet.title', { depot: depotName, no: recall.no })]);
  ws.mergeCells(1, 1, 1, columns.length);
  title.getCell(1).style = STYLE.title;
  const sub = ws.addRow([
    t('trace.sheet.subtitle', { item: `${recall.itemCode} ${recall.itemName} ${recall.spec}`.trim(), lot: recall.lotNo, expiry: recall.expiresOn ?? '—', reason: recall.reason, unit: recall.unit }),
  ]);
  ws.mergeCells(2, 1, 2, columns.length);
  sub.getCell(1).style = STYLE.subtitle;
  const head = ws.addRow(columns.map((c) => c.header));
  head.eachCell((cell) => (cell.style = STYLE.header));
  for (const u of recall.units) {
    const row = ws.addRow(columns.map((c) => c.value(u)));
    columns.forEach((c, i) => (row.getCell(i + 1).style = columnStyle({ ...c, width: 0 })));
  }
  const sum = (k: 'received' | 'returned' | 'used' | 'destroyed' | 'outstanding') => recall.units.reduce((n, u) => n + u[k], 0);
  const total = ws.addRow([t('trace.col.total'), '', '', '', '', '', '', sum('received'), sum('returned'), sum('used'), sum('destroyed'), sum('outstanding')]);
  columns.forEach((c, i) => (total.getCell(i + 1).style = { ...STYLE.total, ...(c.numFmt ? { numFmt: c.numFmt } : {}) }));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
