import ExcelJS from 'exceljs';

/** Number and date formats of the workbooks (negative quantities are red: a reversal, 红冲). */
export const FMT = {
  qty: '#,##0;[Red]-#,##0',
  money: '#,##0.00;[Red]-#,##0.00',
  dateTime: 'yyyy-mm-dd hh:mm',
  date: 'yyyy-mm-dd',
} as const;

const thin = { style: 'thin' as const, color: { argb: 'FF9E9E9E' } };
const border = { top: thin, left: thin, bottom: thin, right: thin };

/**
 * The font of every cell, named so the sheet looks the same in Excel, WPS and LibreOffice (none
 * falls back to Calibri for the figures while drawing the Chinese in another face).
 */
export const FONT = { name: '宋体', size: 10 } as const;

export const STYLE = {
  title: { font: { ...FONT, size: 16, bold: true }, alignment: { horizontal: 'center' as const, vertical: 'middle' as const } },
  subtitle: { font: { ...FONT, color: { argb: 'FF555555' } }, alignment: { horizontal: 'left' as const, vertical: 'middle' as const } },
  /** A line of text under a table (a note, the signatures): no border. */
  note: { font: { ...FONT } },
  header: {
    font: { ...FONT, bold: true },
    fill: { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFE8EEF5' } },
    alignment: { horizontal: 'center' as const, vertical: 'middle' as const, wrapText: true },
    border,
  },
  total: { font: { ...FONT, bold: true }, border: { ...border, top: { style: 'double' as const } } },
  subtotal: { font: { ...FONT, bold: true }, border, fill: { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFF5F5F5' } } },
};

/** A column's style, given to every data cell: the font, a thin border, its number format. */
export function columnStyle(c: ColumnSpec): Partial<ExcelJS.Style> {
  return { font: { ...FONT }, border, ...(c.numFmt ? { numFmt: c.numFmt } : {}) };
}

/** A line of text below a table (a note, the signatures), without the data cells' border. */
export function writeNote(ws: ExcelJS.Worksheet, text: string | null): void {
  const row = ws.addRow(text === null ? [] : [text]);
  if (text !== null) row.getCell(1).style = STYLE.note;
  row.commit();
}

/** Display width of a text in Excel's column units: a Chinese character takes about two. */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/.test(ch) ? 2.1 : 1.1;
  return w;
}

/** A column wide enough for its header and the widest of some sample values, within sane bounds. */
export function fitWidth(header: string, samples: readonly string[] = [], min = 8, max = 48): number {
  const widest = Math.max(textWidth(header), ...samples.map(textWidth));
  return Math.min(max, Math.max(min, Math.ceil(widest + 2)));
}

export interface ColumnSpec {
  header: string;
  width: number;
  numFmt?: string;
}

/** A4 landscape, all columns on one page wide, header rows repeated on every page, page numbers in the footer. */
export function sheetOptions(headerRows: [number, number], frozenColumns: number, footer: string): Partial<ExcelJS.AddWorksheetOptions> {
  return {
    views: [{ state: 'frozen', xSplit: frozenColumns, ySplit: headerRows[1], topLeftCell: `${colLetter(frozenColumns + 1)}${headerRows[1] + 1}`, activeCell: 'A1' }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: `${headerRows[0]}:${headerRows[1]}`,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: `&C${footer}`, evenFooter: `&C${footer}` },
  };
}

export function colLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** Title and subtitle lines across the sheet's width (merged), before the header. */
export function writeTitle(ws: ExcelJS.Worksheet, width: number, title: string, subtitle: string): void {
  const t = ws.addRow([title]);
  t.height = 28;
  t.getCell(1).style = STYLE.title;
  const s = ws.addRow([subtitle]);
  s.height = 18;
  s.getCell(1).style = STYLE.subtitle;
  // The streaming writer merges only rows not yet committed.
  if (width > 1) {
    ws.mergeCells(t.number, 1, t.number, width);
    ws.mergeCells(s.number, 1, s.number, width);
  }
  s.commit();
}

/** A header row (not committed, so that it can still be merged): bold, shaded, bordered, centred, wrapped. */
export function addHeader(ws: ExcelJS.Worksheet, values: readonly (string | null)[], height = 32): ExcelJS.Row {
  const row = ws.addRow([...values]);
  row.height = height;
  for (let c = 1; c <= values.length; c++) row.getCell(c).style = { ...STYLE.header, numFmt: '@' };
  return row;
}

/** A one-row header, committed. */
export function writeHeader(ws: ExcelJS.Worksheet, values: readonly (string | null)[]): void {
  addHeader(ws, values).commit();
}

/** A totals (or subtotal) row: bold, with the column formats kept. */
export function styleRow(row: ExcelJS.Row, columns: readonly ColumnSpec[], style: Partial<ExcelJS.Style>): void {
  columns.forEach((c, i) => {
    row.getCell(i + 1).style = { ...style, ...(c.numFmt ? { numFmt: c.numFmt } : {}) };
  });
}

/**
 * A SUM over a column's data rows, with its value computed here so that readers need not
 * recalculate. exceljs 4.4.0 drops a formula's result when it is 0, so a zero total is written as 0.
 */
export const sum = (column: number, firstRow: number, lastRow: number, result: number): ExcelJS.CellFormulaValue | number =>
  lastRow < firstRow || result === 0 ? 0 : { formula: `SUM(${colLetter(column)}${firstRow}:${colLetter(column)}${lastRow})`, result, date1904: false };

/** The same, leaving out the rows whose `byColumn` reads `except` (a 明细 total without the moves). */
export const sumExcept = (column: number, firstRow: number, lastRow: number, result: number, byColumn: number, except: string): ExcelJS.CellFormulaValue | number => {
  if (lastRow < firstRow || result === 0) return 0;
  const range = (c: number) => `${colLetter(c)}${firstRow}:${colLetter(c)}${lastRow}`;
  return { formula: `SUMIF(${range(byColumn)},"<>${except}",${range(column)})`, result, date1904: false };
};

interface Internals {
  stream?: { buffers?: { length: number }[]; pipes?: { _writableState?: { length: number } }[] };
}

/** How many bytes of a sheet's XML wait to be compressed (exceljs 4.4.0 internals, pinned). */
function backlog(ws: ExcelJS.Worksheet): number {
  const s = (ws as unknown as Internals).stream;
  if (!s) return 0;
  let n = 0;
  for (const b of s.buffers ?? []) n += b.length;
  for (const p of s.pipes ?? []) n += p._writableState?.length ?? 0;
  return n;
}

const LIMIT = 1 << 20;
const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * exceljs's streaming writer ignores backpressure: rows are turned into XML faster than zlib
 * compresses them, and the XML piles up in memory (the whole sheet, for a big ledger). Waiting
 * here until the backlog is under 1 MB keeps memory flat, and gives the event loop (a cancel,
 * progress messages) a turn.
 */
export async function drain(ws: ExcelJS.Worksheet): Promise<void> {
  if (backlog(ws) <= LIMIT) return new Promise((resolve) => setImmediate(resolve));
  while (backlog(ws) > LIMIT / 4) await wait(1);
}

/**
 * Stops a workbook being written (cancelled or failed) and closes its file, so that the
 * partial file can be removed (Windows refuses to delete an open file).
 */
export async function abandon(wb: ExcelJS.stream.xlsx.WorkbookWriter): Promise<void> {
  const internals = wb as unknown as { zip?: { abort?: () => void }; stream?: NodeJS.WritableStream & { destroy?: () => void; closed?: boolean } };
  internals.zip?.abort?.();
  const stream = internals.stream;
  if (stream?.destroy && !stream.closed) {
    await new Promise<void>((resolve) => {
      stream.once('close', resolve);
      stream.destroy!();
    });
  }
}

/** The streaming writer: styles for formats, inline strings (shared strings would be held in memory). */
export function workbookWriter(filename: string, creator: string): ExcelJS.stream.xlsx.WorkbookWriter {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename, useStyles: true, useSharedStrings: false });
  wb.creator = creator;
  wb.created = new Date();
  return wb;
}
