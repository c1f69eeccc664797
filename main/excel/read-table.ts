import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import ExcelJS from 'exceljs';
import { Cancelled } from './task.ts';
import { streamSheets } from './xlsx-stream.ts';

/** A field of an import and the headers people write for it ("物资名称", "品名", "名称"…). */
export interface FieldSpec {
  field: string;
  headers: readonly string[];
  required?: boolean;
}

export interface TableSpec {
  /** Sheet names that hold this kind of data; other sheets are looked at only when none has such a name. */
  sheetNames: readonly string[];
  fields: readonly FieldSpec[];
}

export type Cell = string | number | boolean | Date | null;

export interface Table {
  sheet: string;
  headerRow: number;
  columns: { header: string; field: string; column: number }[];
  /** Data rows with their sheet row number; blank rows are skipped. */
  rows: { row: number; cells: Record<string, Cell> }[];
}

/** A file refused as a whole: an i18n key under import.* and its values. Nothing is imported. */
export class BadFile extends Error {
  readonly key: string;
  readonly params: Record<string, unknown>;
  constructor(key: string, params: Record<string, unknown> = {}) {
    super(key);
    this.name = 'BadFile';
    this.key = key;
    this.params = params;
  }
}

export const MAX_IMPORT_ROWS = 20_000;
export const MAX_IMPORT_MB = 20;
/** How far down a header may sit under title rows. */
const HEADER_SCAN_ROWS = 15;

/** "规格 / 型号*", "单价（元）" → "规格型号", "单价": headers compare without spaces, marks, slashes, units in brackets or case. */
export function normalizeHeader(text: string): string {
  return text
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/[\s\u3000*＊:：/、]/g, '')
    .toLowerCase();
}

/** The value of a cell as data: rich text joined, formulas as their result, errors as blank. */
export function cellValue(v: ExcelJS.CellValue | undefined): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  if (typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if ('richText' in v) return cellValue(v.richText.map((r) => r.text).join(''));
  if ('formula' in v || 'sharedFormula' in v) return cellValue((v as { result?: ExcelJS.CellValue }).result);
  if ('text' in v && typeof v.text === 'string') return cellValue(v.text);
  return null;
}

export const cellText = (v: Cell): string => (v === null ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v));

/**
 * Reads the table of one kind from an .xlsx: finds the sheet and its header row (past title
 * rows and merged title cells), maps the columns by their Chinese (or English) names, and
 * returns the data rows. A file that cannot be imported as a whole throws BadFile.
 *
 * Two passes: a streaming pass counts rows (a huge file is refused before it is loaded, and
 * progress moves while a big file is read), then the sheet is loaded to see merged cells.
 */
export async function readTable(path: string, spec: TableSpec, kindName: string, hooks: { progress(done: number): void; cancelled(): boolean }): Promise<Table> {
  const file = basename(path);
  if (!existsSync(path) || !statSync(path).isFile()) throw new BadFile('missingFile', { file: path });
  const bytes = statSync(path).size;
  if (bytes > MAX_IMPORT_MB * 1024 * 1024) throw new BadFile('tooBig', { mb: (bytes / 1024 / 1024).toFixed(1), max: MAX_IMPORT_MB });
  if (!isZip(path)) throw new BadFile('notXlsx', { file });

  let rowsRead = 0;
  try {
    for await (const sheet of streamSheets(path)) {
      let n = 0;
      for await (const _row of sheet.rows) {
        if (++n > MAX_IMPORT_ROWS + HEADER_SCAN_ROWS) throw new BadFile('tooManyRows', { sheet: sheet.name, max: MAX_IMPORT_ROWS });
        if (++rowsRead % 1000 === 0) {
          hooks.progress(rowsRead);
          if (hooks.cancelled()) throw new Cancelled();
        }
      }
    }
  } catch (e) {
    if (e instanceof BadFile || e instanceof Cancelled) throw e;
    throw new BadFile('notXlsx', { file });
  }
  hooks.progress(rowsRead);

  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(path);
  } catch {
    throw new BadFile('notXlsx', { file });
  }
  return pickTable(wb, spec, kindName);
}

function isZip(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(4);
    return readSync(fd, head, 0, 4, 0) === 4 && head.readUInt32LE(0) === 0x04034b50;
  } finally {
    closeSync(fd);
  }
}

interface Candidate {
  ws: ExcelJS.Worksheet;
  headerRow: number;
  matches: Map<string, { header: string; column: number }[]>;
}

function pickTable(wb: ExcelJS.Workbook, spec: TableSpec, kindName: string): Table {
  const lookup = new Map<string, string>();
  for (const f of spec.fields) for (const h of f.headers) lookup.set(normalizeHeader(h), f.field);
  const named = new Set(spec.sheetNames.map(normalizeHeader));
  const sheets = wb.worksheets.filter((ws) => named.has(normalizeHeader(ws.name)));
  const candidates = (sheets.length > 0 ? sheets : wb.worksheets).map((ws) => bestHeader(ws, lookup));
  const best = candidates.sort((a, b) => b.matches.size - a.matches.size)[0];
  const required = spec.fields.filter((f) => f.required);
  if (!best || best.matches.size === 0) {
    throw new BadFile('noSheet', { kind: kindName, columns: required.map((f) => f.headers[0]).join('、') });
  }
  const { ws, headerRow, matches } = best;

  for (const [field, found] of matches) {
    if (found.length > 1) throw new BadFile('duplicateColumn', { sheet: ws.name, header: found[0]!.header, other: found[1]!.header, field: spec.fields.find((f) => f.field === field)!.headers[0] });
  }
  const missing = required.filter((f) => !matches.has(f.field));
  if (missing.length > 0) throw new BadFile('missingColumns', { sheet: ws.name, columns: missing.map((f) => f.headers[0]).join('、') });

  // A merged header (two header rows, or one title over several columns) cannot be mapped column by column.
  const merges = ((ws.model as { merges?: string[] }).merges ?? []).map(parseRange).sort((a, b) => a.top - b.top || a.left - b.left);
  const merged = merges.find((m) => m.top <= headerRow && m.bottom >= headerRow && (m.right > m.left || m.bottom > m.top));
  if (merged) throw new BadFile('mergedHeader', { sheet: ws.name, row: headerRow, range: merged.text });

  const columns = [...matches].map(([field, [c]]) => ({ field, header: c!.header, column: c!.column })).sort((a, b) => a.column - b.column);
  const rows: Table['rows'] = [];
  // Merged data cells (a category written once over several rows) read as their top-left value.
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: Record<string, Cell> = {};
    let blank = true;
    for (const c of columns) {
      const v = cellValue(row.getCell(c.column).value);
      cells[c.field] = v;
      if (v !== null) blank = false;
    }
    if (!blank) rows.push({ row: r, cells });
  }
  if (rows.length === 0) throw new BadFile('empty', { sheet: ws.name });
  if (rows.length > MAX_IMPORT_ROWS) throw new BadFile('tooManyRows', { sheet: ws.name, max: MAX_IMPORT_ROWS });
  return { sheet: ws.name, headerRow, columns, rows };
}

/** The row among the first few that names the most fields. */
function bestHeader(ws: ExcelJS.Worksheet, lookup: Map<string, string>): Candidate {
  let best: Candidate = { ws, headerRow: 0, matches: new Map() };
  for (let r = 1; r <= Math.min(ws.rowCount, HEADER_SCAN_ROWS); r++) {
    const matches = new Map<string, { header: string; column: number }[]>();
    ws.getRow(r).eachCell((cell, column) => {
      // A merged title's other cells repeat its value: only the top-left one counts.
      if (cell.isMerged && cell.master !== cell) return;
      const header = cellText(cellValue(cell.value));
      const field = lookup.get(normalizeHeader(header));
      if (field) matches.set(field, [...(matches.get(field) ?? []), { header, column }]);
    });
    if (matches.size > best.matches.size) best = { ws, headerRow: r, matches };
  }
  return best;
}

function parseRange(text: string) {
  const [a, b = a] = text.split(':') as [string, string?];
  const at = (ref: string) => {
    const m = /^([A-Z]+)(\d+)$/.exec(ref.replace(/\$/g, ''))!;
    let col = 0;
    for (const ch of m[1]!) col = col * 26 + ch.charCodeAt(0) - 64;
    return { col, row: Number(m[2]) };
  };
  const p = at(a);
  const q = at(b!);
  return { text, top: Math.min(p.row, q.row), bottom: Math.max(p.row, q.row), left: Math.min(p.col, q.col), right: Math.max(p.col, q.col) };
}
