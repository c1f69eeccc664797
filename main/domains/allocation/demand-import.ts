import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { DemandImportPreview, DemandImportRow } from '../../../shared/contract/allocation.ts';
import { DEMAND_MAX } from '../../../shared/contract/allocation.ts';
import type { ImportRowError } from '../../../shared/contract/ledger.ts';
import { parseQuantity, type Pack } from '../../../shared/packs.ts';
import type { Ctx } from '../../core/context.ts';
import { DepotError } from '../../core/errors.ts';
import { BadFile, cellText, cellValue, MAX_IMPORT_MB, readTable, type Cell, type Table, type TableSpec } from '../../excel/read-table.ts';
import { streamSheets } from '../../excel/xlsx-stream.ts';

/**
 * Demand reports from the workbooks units send: one per unit (the unit named in the title, the
 * sheet or the file name, or chosen by the operator) or one combined sheet with a unit column.
 * The sheet is read with the ledger's Excel reader (header under title rows, Chinese header
 * variants, merged cells); this file maps its rows onto units and items and checks them.
 *
 * A command answers synchronously inside the core's transaction, but reading a workbook is
 * asynchronous: the preview reads it and keeps what it read under the hash of the file's bytes,
 * and the commit — sent the same file — finds it there. A file changed since its preview is not
 * found, so what is imported is always what was previewed; the rows are checked again against
 * the database as it is at commit.
 */

const SPEC: TableSpec = {
  sheetNames: ['需求申报', '需求申报表', '物资需求申报表', '物资需求', '需求清单', '需求', '申报表', 'demand'],
  fields: [
    // Only to recognise total rows: "合计" is often written in the number column.
    { field: 'seq', headers: ['序号', 'no'] },
    { field: 'unitCode', headers: ['单位编码', '单位代码', '受领单位编码', 'unitCode'] },
    { field: 'unitName', headers: ['申报单位', '受领单位', '需求单位', '申领单位', '用物单位', '单位名称', 'unitName'] },
    // "单位" alone is the reporting unit in some sheets and the unit of measure in others: decided below.
    { field: 'unitOrMeasure', headers: ['单位'] },
    { field: 'itemCode', headers: ['物资编码', '物资代码', '编码', '代码', 'itemCode'] },
    { field: 'itemName', headers: ['物资名称', '品名', '名称', '物资', 'itemName'] },
    { field: 'spec', headers: ['规格型号', '规格', '型号', 'spec'] },
    { field: 'measure', headers: ['计量单位', 'measure'] },
    { field: 'onHand', headers: ['现有库存', '库存量', '现有量', '现有库存量', '现库存', '库存', '库存数量', 'onHand'], required: true },
    { field: 'dailyNeed', headers: ['日需求量', '日需求', '每日需求', '日消耗', '日消耗量', '日均消耗', '日均消耗量', 'dailyNeed'], required: true },
    { field: 'minimumNeed', headers: ['最低需求', '最低需求量', '最低日需求', 'minimumNeed'] },
    { field: 'requested', headers: ['申请数量', '申领数量', '申请量', '申领量', '本次申请', 'requested'] },
  ],
};

const FIGURES = ['onHand', 'dailyNeed', 'minimumNeed', 'requested'] as const;
type Figure = (typeof FIGURES)[number];

/** What a preview read, kept for its commit. */
interface Read {
  file: string;
  table: Table;
  /** The text of the rows above the header (titles like "红旗镇卫生院 防疫物资需求申报表"). */
  titles: string[];
  at: number;
}
const held = new Map<string, Read>();
const HOLD_MS = 60 * 60 * 1000;
const MAX_HELD = 16;

export interface DemandFileInput {
  fileBase64?: string | undefined;
  fileName?: string | undefined;
  path?: string | undefined;
  day: string;
  unitId?: number | undefined;
}

/** A row ready for demand.save. */
export interface DemandSaveRow {
  unitId: number;
  itemId: number;
  onHand: number;
  dailyNeed: number;
  minimumNeed: number;
  requested: number | null;
}

const fileError = (ctx: Ctx, key: string, params: Record<string, unknown> = {}, field = 'path') =>
  new DepotError('invalid_input', { detail: ctx.t(key, params) }, field);

/** The file's bytes and the name to speak of it by. */
function fileBytes(ctx: Ctx, input: DemandFileInput): { bytes: Buffer; file: string } {
  if ((input.fileBase64 === undefined) === (input.path === undefined)) throw fileError(ctx, 'demandImport.oneFile');
  if (input.path !== undefined) {
    const file = basename(input.path);
    let size: number;
    let regular: boolean;
    try {
      const st = statSync(input.path);
      size = st.size;
      regular = st.isFile();
    } catch {
      throw fileError(ctx, 'import.missingFile', { file: input.path });
    }
    // A device (/dev/zero reports size 0 and never ends) or a folder is refused before any byte is read.
    if (!regular) throw fileError(ctx, 'import.notAFile', { file: input.path });
    if (size > MAX_IMPORT_MB * 1024 * 1024) throw fileError(ctx, 'import.tooBig', { mb: (size / 1024 / 1024).toFixed(1), max: MAX_IMPORT_MB });
    return { bytes: readFileSync(input.path), file };
  }
  const file = input.fileName ? basename(input.fileName.replace(/\\/g, '/')) : ctx.t('demandImport.uploaded');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(input.fileBase64!)) throw fileError(ctx, 'import.notXlsx', { file }, 'fileBase64');
  return { bytes: Buffer.from(input.fileBase64!, 'base64'), file };
}

const hashOf = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Reads the workbook with the ledger's reader (it takes a path: the bytes go through a temp file). */
async function readWorkbook(ctx: Ctx, bytes: Buffer, file: string): Promise<Read> {
  const dir = mkdtempSync(join(tmpdir(), 'depot-demand-'));
  const path = join(dir, 'demand.xlsx');
  try {
    writeFileSync(path, bytes);
    let table: Table;
    try {
      table = await readTable(path, SPEC, ctx.t('demandImport.kind'), { progress: () => {}, cancelled: () => false });
    } catch (e) {
      // The reader names the file it was given: the temp copy's name means nothing to the operator.
      if (e instanceof BadFile) throw fileError(ctx, `import.${e.key}`, { ...e.params, file });
      throw e;
    }
    return { file, table, titles: await titleRows(path, table.sheet, table.headerRow), at: Date.now() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The texts of the rows above the header of the sheet (every row is read: streams left half-read keep the file open). */
async function titleRows(path: string, sheet: string, headerRow: number): Promise<string[]> {
  const titles: string[] = [];
  for await (const s of streamSheets(path)) {
    for await (const row of s.rows) {
      if (s.name !== sheet || row.number >= headerRow) continue;
      const values = (Array.isArray(row.values) ? row.values : []) as Parameters<typeof cellValue>[0][];
      const text = values.map((v) => cellText(cellValue(v))).filter(Boolean).join(' ');
      if (text) titles.push(text);
    }
  }
  return titles;
}

function hold(key: string, read: Read): void {
  const now = Date.now();
  for (const [k, v] of held) if (now - v.at > HOLD_MS) held.delete(k);
  held.delete(key);
  while (held.size >= MAX_HELD) held.delete(held.keys().next().value!);
  held.set(key, read);
}

/** Names compare without spaces, in half-width forms, case-insensitively: "红旗镇卫生院（西院）" = "红旗镇卫生院 (西院)". */
const norm = (s: string) => s.normalize('NFKC').replace(/[\s\u3000]/g, '').toLowerCase();

interface UnitRow {
  id: number;
  code: string;
  name: string;
}
interface ItemRow {
  id: number;
  code: string;
  name: string;
  spec: string;
  unit: string;
  packs: Pack[];
}

function lookups(ctx: Ctx) {
  const units = ctx.store.all<UnitRow>('SELECT id, code, name FROM units WHERE active = 1 ORDER BY code');
  const items = ctx.store
    .all<Omit<ItemRow, 'packs'> & { packs: string }>('SELECT id, code, name, spec, unit, packs FROM items WHERE active = 1 ORDER BY code')
    .map((it) => ({ ...it, packs: JSON.parse(it.packs) as Pack[] }));
  const unitByCode = new Map(units.map((u) => [norm(u.code), u]));
  const unitByName = new Map(units.map((u) => [norm(u.name), u]));
  const itemByCode = new Map(items.map((it) => [norm(it.code), it]));
  const itemsByName = new Map<string, ItemRow[]>();
  for (const it of items) itemsByName.set(norm(it.name), [...(itemsByName.get(norm(it.name)) ?? []), it]);
  return {
    units,
    unit: (text: string) => unitByCode.get(norm(text)) ?? unitByName.get(norm(text)),
    itemByCode: (text: string) => itemByCode.get(norm(text)),
    itemsByName: (text: string) => itemsByName.get(norm(text)) ?? [],
  };
}
type Lookups = ReturnType<typeof lookups>;

/**
 * "单位" alone: the reporting unit when the sheet has a separate unit of measure, the unit of
 * measure when it has a unit column; otherwise what its cells say — a registered unit, or a
 * name longer than any unit of measure (个, 只, 千克…).
 */
function resolveColumns(table: Table, look: Lookups): { columns: Table['columns']; rename: string | null } {
  const has = (f: string) => table.columns.some((c) => c.field === f);
  if (!has('unitOrMeasure')) return { columns: table.columns, rename: null };
  const recipient = has('unitCode') || has('unitName');
  let as: string | null;
  if (has('measure')) as = recipient ? null : 'unitName';
  else if (recipient) as = 'measure';
  else {
    const texts = table.rows.map((r) => cellText(r.cells.unitOrMeasure ?? null).trim()).filter(Boolean);
    as = texts.some((x) => look.unit(x) !== undefined || [...x].length >= 4) ? 'unitName' : 'measure';
  }
  const columns = table.columns.filter((c) => c.field !== 'unitOrMeasure' || as !== null).map((c) => (c.field === 'unitOrMeasure' ? { ...c, field: as! } : c));
  return { columns, rename: as };
}

/**
 * The one unit of a file without a unit column: the operator's choice, else the registered unit
 * named in the title rows, the sheet name or the file name (the longest name found; two
 * different units named there is no answer).
 */
function fileUnit(ctx: Ctx, read: Read, look: Lookups, chosen: number | undefined): { unit: UnitRow; from: 'title' | 'chosen'; named: UnitRow | null } {
  let named: UnitRow | null = null;
  for (const text of [read.titles.join(' '), read.table.sheet, read.file.replace(/\.xlsx$/i, '')]) {
    const t = norm(text);
    const found = look.units.filter((u) => t.includes(norm(u.name)) || new RegExp(`单位(编码|代码)?[:：]?${escape(norm(u.code))}(?![0-9a-z-])`).test(t));
    // A name inside a longer one found too ("第一人民医院" in "第一人民医院（定点）") is that one.
    const outer = found.filter((u) => !found.some((o) => o !== u && norm(o.name).includes(norm(u.name))));
    if (outer.length > 1) {
      if (chosen === undefined) throw fileError(ctx, 'demandImport.manyUnits', { names: outer.map((u) => u.name).join('、') }, 'unitId');
      break;
    }
    if (outer.length === 1) {
      named = outer[0]!;
      break;
    }
  }
  if (chosen !== undefined) {
    const unit = look.units.find((u) => u.id === chosen);
    if (!unit) throw new DepotError('not_found', { entity: ctx.t('field.unitId'), id: chosen }, 'unitId');
    return { unit, from: 'chosen', named };
  }
  if (!named) throw fileError(ctx, 'demandImport.noUnit', {}, 'unitId');
  return { unit: named, from: 'title', named };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The item of a row: by code, else by name — and by spec when several items share the name. */
function findItem(look: Lookups, code: string, name: string, spec: string): { item?: ItemRow; error?: { key: string; value: string } } {
  if (code) {
    const item = look.itemByCode(code);
    if (item) return { item };
    if (!name) return { error: { key: 'import.row.unknownItem', value: code } };
  }
  const candidates = look.itemsByName(name);
  if (candidates.length === 1) return { item: candidates[0]! };
  if (candidates.length === 0) return { error: { key: 'import.row.unknownItem', value: [name, spec].filter(Boolean).join(' ') } };
  const s = norm(spec);
  const exact = candidates.filter((c) => norm(c.spec) === s);
  if (s && exact.length === 1) return { item: exact[0]! };
  const loose = candidates.filter((c) => s && (norm(c.spec).includes(s) || s.includes(norm(c.spec))));
  if (loose.length === 1) return { item: loose[0]! };
  return { error: { key: s ? 'demandImport.row.ambiguousSpec' : 'import.row.ambiguousItem', value: name } };
}

/** A figure in base units: a number (× the pack when the row counts in packs), or text like "1,200" or "20箱 3盒". */
function figure(v: Cell, item: ItemRow | undefined, per: number): { value?: number; error?: { key: string; params: Record<string, unknown> } } {
  const bad = (value: string) => ({ error: { key: 'demandImport.row.notWhole', params: { value } } });
  if (typeof v === 'number') return Number.isInteger(v) && v >= 0 ? { value: v * per } : bad(cellText(v));
  if (typeof v !== 'string') return bad(cellText(v));
  const plain = v.replace(/[,，\s]/g, '');
  if (/^\d+$/.test(plain)) return { value: Number(plain) * per };
  if (!item) return bad(v);
  const qty = parseQuantity(v, item.unit, item.packs);
  if (qty === null) return { error: { key: 'errors.bad_quantity', params: { value: v, units: [item.unit, ...item.packs.map((p) => p.unit)].join('、') } } };
  return { value: qty };
}

const TOTAL_ROW = /^(合计|小计|总计|共计|total)/i;

interface Checked {
  preview: DemandImportPreview;
  valid: DemandSaveRow[];
}

/** Maps and checks every row of what was read, against the database as it is now. */
function check(ctx: Ctx, read: Read, input: DemandFileInput): Checked {
  const { t } = ctx;
  const look = lookups(ctx);
  const { table } = read;
  const { columns: all, rename } = resolveColumns(table, look);
  const columns = all.filter((c) => c.field !== 'seq');
  const has = (f: string) => columns.some((c) => c.field === f);
  if (!has('itemCode') && !has('itemName')) {
    throw fileError(ctx, 'import.missingColumns', { sheet: table.sheet, columns: t('demandImport.field.itemName') });
  }
  const byColumn = has('unitCode') || has('unitName');
  const single = byColumn ? null : fileUnit(ctx, read, look, input.unitId);
  const warnings: string[] = [];
  if (!has('minimumNeed')) warnings.push(t('demandImport.warn.noMinimum'));
  if (single?.from === 'chosen' && single.named && single.named.id !== single.unit.id) {
    warnings.push(t('demandImport.warn.otherUnit', { named: single.named.name, chosen: single.unit.name }));
  }

  const rows: DemandImportRow[] = [];
  const valid: DemandSaveRow[] = [];
  const firstSeen = new Map<string, number>();
  let skipped = 0;
  for (const { row, cells: raw } of table.rows) {
    const cells = rename && 'unitOrMeasure' in raw ? { ...raw, [rename]: raw.unitOrMeasure ?? null } : raw;
    const text = (f: string) => cellText(cells[f] ?? null).trim();
    // Template rows nobody filled in, footers and 合计 rows are not reports.
    if (FIGURES.every((f) => (cells[f] ?? null) === null) || ['seq', 'itemCode', 'itemName', 'unitName', 'unitCode'].some((f) => TOTAL_ROW.test(text(f)))) {
      skipped++;
      continue;
    }
    const errors: DemandImportRow['errors'] = [];
    const fail = (field: string, key: string, params: Record<string, unknown> = {}) => errors.push({ field, message: t(key, params) });

    let unit: UnitRow | undefined = single?.unit;
    if (byColumn) {
      const written = text('unitCode') || text('unitName');
      unit = written ? (look.unit(text('unitCode')) ?? look.unit(text('unitName'))) : undefined;
      if (!written) fail('unitName', 'issue.required', { field: t('demandImport.field.unitName') });
      else if (!unit) fail(text('unitCode') ? 'unitCode' : 'unitName', 'demandImport.row.unknownUnit', { value: written });
    }

    const named = Boolean(text('itemCode') || text('itemName'));
    const found: ReturnType<typeof findItem> = named ? findItem(look, text('itemCode'), text('itemName'), text('spec')) : {};
    const item = found.item;
    if (!named) fail('itemName', 'issue.required', { field: t('demandImport.field.itemName') });
    else if (found.error) fail(text('itemCode') && !text('itemName') ? 'itemCode' : 'itemName', found.error.key, { value: found.error.value });

    // Quantities counted in one of the item's packs ("箱") are turned into base units.
    let per = 1;
    const measure = text('measure');
    if (item && measure && norm(measure) !== norm(item.unit)) {
      const pack = item.packs.find((p) => norm(p.unit) === norm(measure));
      if (pack) per = pack.per;
      else fail('measure', 'demandImport.row.measure', { value: measure, units: [item.unit, ...item.packs.map((p) => p.unit)].join('、') });
    }

    const values: Record<Figure, number | null> = { onHand: null, dailyNeed: null, minimumNeed: null, requested: null };
    for (const f of FIGURES) {
      const v = cells[f] ?? null;
      if (v === null) continue;
      const r = figure(v, item, per);
      if (r.error) fail(f, r.error.key, r.error.params);
      // A phone number in the wrong column must stop at its row, not at tomorrow's round.
      else if (r.value! > DEMAND_MAX) fail(f, 'demandImport.row.tooBig', { value: cellText(v) });
      else values[f] = r.value!;
    }
    if ((cells.dailyNeed ?? null) === null) fail('dailyNeed', 'issue.required', { field: t('demandImport.field.dailyNeed') });
    // A blank stock or minimum is nothing; a blank request is no request.
    values.onHand ??= (cells.onHand ?? null) === null ? 0 : null;
    values.minimumNeed ??= (cells.minimumNeed ?? null) === null ? 0 : null;

    if (unit && item) {
      const key = `${unit.id}:${item.id}`;
      const first = firstSeen.get(key);
      if (first !== undefined) fail(text('itemCode') ? 'itemCode' : 'itemName', 'import.row.duplicateInFile', { row: first });
      else firstSeen.set(key, row);
    }

    rows.push({
      row,
      unitId: unit?.id ?? null,
      unitName: unit?.name ?? (text('unitName') || text('unitCode')),
      itemId: item?.id ?? null,
      itemCode: item?.code ?? text('itemCode'),
      itemName: item?.name ?? text('itemName'),
      spec: item?.spec ?? text('spec'),
      unit: item?.unit ?? measure,
      ...values,
      errors,
    });
    if (errors.length === 0) {
      valid.push({ unitId: unit!.id, itemId: item!.id, onHand: values.onHand!, dailyNeed: values.dailyNeed!, minimumNeed: values.minimumNeed!, requested: values.requested });
    }
  }

  const label = (field: string) => t(`demandImport.field.${field}`, { defaultValue: field });
  const errors: ImportRowError[] = rows.flatMap((r) => r.errors.map((e) => ({ row: r.row, field: label(e.field), message: e.message })));
  return {
    valid,
    preview: {
      file: read.file,
      sheet: table.sheet,
      headerRow: table.headerRow,
      columns,
      unitFrom: byColumn ? 'column' : single!.from,
      unit: single ? { id: single.unit.id, code: single.unit.code, name: single.unit.name } : null,
      total: table.rows.length,
      valid: valid.length,
      skipped,
      errorRows: rows.length - valid.length,
      rows,
      errors,
      warnings,
    },
  };
}

/** Reads a workbook and checks it; nothing is written. */
export async function previewDemandImport(ctx: Ctx, input: DemandFileInput): Promise<DemandImportPreview> {
  const { bytes, file } = fileBytes(ctx, input);
  const read = await readWorkbook(ctx, bytes, file);
  hold(hashOf(bytes), read);
  return check(ctx, read, input).preview;
}

/**
 * The rows to save from a previewed workbook: all of them (refused if any row is wrong) or, when
 * the operator says so, only the valid ones.
 */
export function demandImportRows(ctx: Ctx, input: DemandFileInput & { mode: 'all' | 'validOnly' }): { file: string; rows: DemandSaveRow[]; leftOut: number } {
  const { bytes } = fileBytes(ctx, input);
  const read = held.get(hashOf(bytes));
  if (!read) throw fileError(ctx, 'demandImport.previewFirst', {}, input.path === undefined ? 'fileBase64' : 'path');
  const { preview, valid } = check(ctx, read, input);
  if (input.mode === 'all' && preview.errors.length > 0) {
    const first = preview.errors[0]!;
    throw new DepotError('invalid_input', { detail: ctx.t('import.hasErrors', { count: preview.errorRows, row: first.row, field: first.field, message: first.message }) });
  }
  if (valid.length === 0) throw fileError(ctx, 'demandImport.nothing', { file: read.file });
  return { file: read.file, rows: valid, leftOut: preview.total - valid.length };
}
