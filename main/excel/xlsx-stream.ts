import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import ExcelJS from 'exceljs';

/**
 * Row by row through the sheets of an .xlsx, with exceljs's streaming worksheet reader.
 *
 * exceljs 4.4.0's WorkbookReader walks the zip in one streaming pass and, on Node ≥ 18, often
 * loses the last entries (exceljs#3064): a workbook written by exceljs itself — whose
 * workbook.xml comes last — then reads without sheet names or dates, or throws. Here the zip is
 * opened through its central directory instead, the workbook parts are read first, and each
 * sheet is inflated and handed to exceljs's own parsers (pinned version; private methods).
 */
export interface StreamedSheet {
  name: string;
  rows: AsyncIterable<ExcelJS.Row>;
}

interface Entry {
  method: number;
  compressedSize: number;
  localOffset: number;
}

export class NotAZip extends Error {}

function readAt(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  const n = readSync(fd, buf, 0, length, position);
  return buf.subarray(0, n);
}

/** The central directory of a zip: every entry's name, compression and where its data starts. */
function centralDirectory(path: string): Map<string, Entry> {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const tailLength = Math.min(size, 65_557);
    const tail = readAt(fd, size - tailLength, tailLength);
    let eocd = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new NotAZip('no end of central directory');
    const count = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (cdOffset + cdSize > size) throw new NotAZip('central directory out of range');
    const cd = readAt(fd, cdOffset, cdSize);
    const entries = new Map<string, Entry>();
    for (let p = 0, i = 0; i < count; i++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== 0x02014b50) throw new NotAZip('bad central directory entry');
      const nameLength = cd.readUInt16LE(p + 28);
      const name = cd.subarray(p + 46, p + 46 + nameLength).toString('utf8').replace(/^\//, '');
      entries.set(name, { method: cd.readUInt16LE(p + 10), compressedSize: cd.readUInt32LE(p + 20), localOffset: cd.readUInt32LE(p + 42) });
      p += 46 + nameLength + cd.readUInt16LE(p + 30) + cd.readUInt16LE(p + 32);
    }
    return entries;
  } finally {
    closeSync(fd);
  }
}

function entryStream(path: string, e: Entry): Readable {
  const fd = openSync(path, 'r');
  let header: Buffer;
  try {
    header = readAt(fd, e.localOffset, 30);
  } finally {
    closeSync(fd);
  }
  if (header.length < 30 || header.readUInt32LE(0) !== 0x04034b50) throw new NotAZip('bad local header');
  const start = e.localOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  if (e.compressedSize === 0) return Readable.from([]);
  const raw = createReadStream(path, { start, end: start + e.compressedSize - 1 });
  if (e.method === 0) return raw;
  if (e.method !== 8) throw new NotAZip(`compression method ${e.method}`);
  const inflate = createInflateRaw();
  raw.on('error', (err) => inflate.destroy(err));
  return raw.pipe(inflate);
}

interface ReaderInternals {
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(iterator: AsyncIterable<unknown>, sheetNo: string): Generator<{ eventType: string; value: AsyncIterable<ExcelJS.Row> }>;
  workbookRels?: { Id: string; Target: string }[];
  model?: { sheets?: { rId: string; name: string }[] };
}

/**
 * The sheets of a workbook in the workbook's order, each read lazily row by row. Values come
 * as exceljs gives them (dates for date-formatted cells, formula results, rich text). Throws
 * NotAZip when the file is not a zip with a workbook in it (not an .xlsx).
 */
export async function* streamSheets(path: string): AsyncGenerator<StreamedSheet> {
  const entries = centralDirectory(path);
  const part = (name: string) => {
    const e = entries.get(name);
    return e ? entryStream(path, e) : null;
  };
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' }) as unknown as ReaderInternals;
  const book = part('xl/workbook.xml');
  const rels = part('xl/_rels/workbook.xml.rels');
  if (!book || !rels) throw new NotAZip('no workbook in the zip');
  await reader._parseRels(rels);
  await reader._parseWorkbook(book);
  const strings = part('xl/sharedStrings.xml');
  if (strings) for await (const _ of reader._parseSharedStrings(strings));
  const styles = part('xl/styles.xml');
  if (styles) await reader._parseStyles(styles);

  const targets = new Map((reader.workbookRels ?? []).map((r) => [r.Id, r.Target]));
  for (const sheet of reader.model?.sheets ?? []) {
    const target = targets.get(sheet.rId) ?? '';
    const file = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
    const no = /sheet(\d+)\.xml$/.exec(file)?.[1];
    const stream = no ? part(file) : null;
    if (!stream) continue;
    for (const ev of reader._parseWorksheet(stream, no!)) yield { name: sheet.name, rows: ev.value };
  }
}
