import type ExcelJS from 'exceljs';
import { streamSheets } from '../../../main/excel/xlsx-stream.ts';

export type Value = string | number | Date | boolean | null;
/** A sheet as rows of cell values (index 0 is column A), read with exceljs's streaming reader. */
export type Sheet = Value[][];

function plain(v: ExcelJS.CellValue | undefined): Value {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if ('formula' in v || 'sharedFormula' in v) return plain((v as { result?: ExcelJS.CellValue }).result);
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  return String(v);
}

/**
 * Reads a workbook back with exceljs's streaming worksheet reader (through streamSheets, which
 * works around exceljs#3064: the stock WorkbookReader loses workbook.xml of exceljs-written files).
 */
export async function readWorkbook(path: string): Promise<Map<string, Sheet>> {
  const sheets = new Map<string, Sheet>();
  for await (const ws of streamSheets(path)) {
    const rows: Sheet = [];
    for await (const row of ws.rows) rows[row.number - 1] = Array.from((row.values as ExcelJS.CellValue[]).slice(1), plain);
    sheets.set(ws.name, Array.from(rows, (r) => r ?? []));
  }
  return sheets;
}

/** The rows under a header row, as objects keyed by the header's texts, up to (not including) the first row whose key column is `stop`. */
export function table(sheet: Sheet, headerRow: number, keyColumn: number, stop: string): { rows: Record<string, Value>[]; stopRow: Record<string, Value> | null } {
  const header = sheet[headerRow - 1]!.map((h) => String(h ?? ''));
  const rows: Record<string, Value>[] = [];
  for (let r = headerRow; r < sheet.length; r++) {
    const values = sheet[r] ?? [];
    const record = Object.fromEntries(header.map((h, i) => [h, values[i] ?? null]));
    if (values[keyColumn] === stop) return { rows, stopRow: record };
    rows.push(record);
  }
  return { rows, stopRow: null };
}

export const n = (v: Value | undefined): number => (typeof v === 'number' ? v : v === null || v === undefined ? 0 : Number.NaN);
