import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import type { z } from 'zod';
import type { TFunction } from 'i18next';
import type { ImportKind, ImportPreview, ImportResult, ImportRowError } from '../../../shared/contract/ledger.ts';
import { masterChannels } from '../../../shared/contract/master.ts';
import { receivingChannels } from '../../../shared/contract/receiving.ts';
import { CATEGORIES, SUPPLIER_KINDS, TIERS, UNIT_TYPES } from '../../../shared/domain.ts';
import type { Access } from '../../../shared/contract/channel.ts';
import type { Ctx } from '../../core/context.ts';
import { DepotError } from '../../core/errors.ts';
import { audit } from '../../core/audit.ts';
import { BadFile, cellText, normalizeHeader, readTable, type Cell, type TableSpec } from '../../excel/read-table.ts';
import { Cancelled } from '../../excel/task.ts';
import { items, suppliers, units } from '../master/handlers.ts';
import { receivingHandlers } from '../receiving/handlers.ts';
import { toBaseUnits } from '../stock/quantity.ts';
import { registerJob } from './jobs.ts';
import { refuseIfCenterOwned } from '../../center/catalogue-lock.ts';

/**
 * Master data and opening stock from Excel. The preview reads and checks every row and keeps
 * the result in memory; the commit imports exactly what was previewed, all rows or none, through
 * the same validation as the grids (the zod schemas of shared/contract/master.ts) and, for
 * opening stock, the receiving code path (one posted receipt with source 'opening').
 */

const SPECS: Record<ImportKind, TableSpec> = {
  items: {
    sheetNames: ['物资', '物资目录', '物资清单', '物资信息', 'items'],
    fields: [
      { field: 'code', headers: ['物资编码', '编码', '物资代码', '代码', '编号', 'code'], required: true },
      { field: 'name', headers: ['物资名称', '品名', '名称', 'name'], required: true },
      { field: 'spec', headers: ['规格型号', '规格', '型号', 'spec'] },
      { field: 'unit', headers: ['计量单位', '单位', 'unit'], required: true },
      { field: 'category', headers: ['物资类别', '类别', '分类', 'category'], required: true },
      { field: 'packs', headers: ['包装', '包装规格', '包装单位', 'packs'] },
      { field: 'lotTracked', headers: ['批次/效期管理', '批次管理', '是否批次管理', 'lotTracked'] },
      { field: 'standard', headers: ['执行标准', '标准', 'standard'] },
      { field: 'safetyStock', headers: ['安全库存', 'safetyStock'] },
      { field: 'barcode', headers: ['条码', '条形码', 'barcode'] },
    ],
  },
  suppliers: {
    sheetNames: ['供货渠道', '供应商', '供货方', 'suppliers'],
    fields: [
      { field: 'code', headers: ['渠道编码', '编码', '供应商编码', '代码', '编号', 'code'], required: true },
      { field: 'name', headers: ['供货方', '供应商', '供应商名称', '企业名称', '单位名称', '名称', 'name'], required: true },
      { field: 'kind', headers: ['渠道类型', '类型', '供应商类型', 'kind'], required: true },
      { field: 'contact', headers: ['联系人', 'contact'] },
      { field: 'phone', headers: ['联系电话', '电话', '手机', '手机号', 'phone'] },
      { field: 'address', headers: ['地址', '联系地址', 'address'] },
      { field: 'products', headers: ['可供物资', '主要产品', '产品', 'products'] },
      { field: 'capacityPerDay', headers: ['日供应能力', '供应能力', '日产能', '产能', 'capacityPerDay'] },
      { field: 'leadTimeDays', headers: ['供货周期', '交货周期', 'leadTimeDays'] },
      { field: 'qualification', headers: ['资质证件', '资质', 'qualification'] },
      { field: 'qualificationExpiry', headers: ['资质有效期至', '资质有效期', 'qualificationExpiry'] },
    ],
  },
  units: {
    sheetNames: ['受领单位', '单位', 'units'],
    fields: [
      { field: 'code', headers: ['单位编码', '编码', '代码', '编号', 'code'], required: true },
      { field: 'name', headers: ['受领单位', '单位名称', '名称', 'name'], required: true },
      { field: 'type', headers: ['单位类型', '类型', 'type'], required: true },
      { field: 'district', headers: ['所属区县', '区县', '所属区域', 'district'] },
      { field: 'staffCount', headers: ['职工数', '职工人数', '人数', '在岗人数', 'staffCount'] },
      { field: 'beds', headers: ['床位数', '床位', 'beds'] },
      { field: 'tier', headers: ['分配档次', '供给方式', '档次', 'tier'] },
      { field: 'contact', headers: ['联系人', 'contact'] },
      { field: 'phone', headers: ['联系电话', '电话', '手机', 'phone'] },
      { field: 'address', headers: ['地址', '联系地址', 'address'] },
    ],
  },
  stock: {
    sheetNames: ['期初库存', '期初', '库存', 'stock'],
    fields: [
      { field: 'itemCode', headers: ['物资编码', '编码', '物资代码', 'itemCode'] },
      { field: 'itemName', headers: ['物资名称', '品名', '名称', 'itemName'] },
      { field: 'spec', headers: ['规格型号', '规格', '型号', 'spec'] },
      { field: 'lotNo', headers: ['生产批号', '批号', '批次号', '批次', 'lotNo'] },
      { field: 'producedOn', headers: ['生产日期', 'producedOn'] },
      { field: 'expiresOn', headers: ['有效期至', '有效期', '失效日期', '到期日期', 'expiresOn'] },
      { field: 'quantity', headers: ['期初数量', '库存数量', '结存数量', '实存数量', '数量', 'quantity'], required: true },
      { field: 'unitCost', headers: ['单价', '单位成本', '成本单价', 'unitCost'] },
      { field: 'location', headers: ['库位', '库位编码', '货位', '存放位置', 'location'], required: true },
    ],
  },
};

/** Words people write for the coded values, besides the names the app itself shows. */
const ALIASES: Record<string, Record<string, readonly string[]>> = {
  category: {
    protective: ['防护', '防护物资'],
    disinfection: ['消杀', '消毒', '消毒用品'],
    medical: ['医疗器械', '医疗设备', '医疗'],
    living: ['生活保障', '生活用品', '生活物资'],
    warming: ['保暖安置', '保暖', '安置'],
    bedding: ['床及床上用品', '床上用品', '被服'],
  },
  kind: {
    manufacturer: ['厂家', '生产企业', '制造商'],
    distributor: ['供应商', '代理商'],
    donor: ['捐赠', '捐赠单位', '爱心企业'],
    higher_level: ['上级', '省级调拨'],
    district: ['区县', '旗县区支援'],
  },
  type: {
    designated_hospital: ['定点'],
    other_hospital: ['医院'],
    makeshift_hospital: ['方舱'],
    quarantine_hotel: ['隔离点', '酒店', '驰援人员入住酒店'],
    checkpoint: ['卡口'],
    control_point: ['管控点', '封控点'],
    township_health_centre: ['卫生院'],
    ambulance_team: ['急救车', '救护车'],
    frontline_staff: ['一线人员'],
  },
  tier: { full: ['足量'], minimum: ['最低需求', '最低'], proportional: ['按比例', '按职工比例'] },
};
const CHOICES: Record<string, { prefix: string; values: readonly string[] }> = {
  category: { prefix: 'category', values: CATEGORIES },
  kind: { prefix: 'supplierKind', values: SUPPLIER_KINDS },
  type: { prefix: 'unitType', values: UNIT_TYPES },
  tier: { prefix: 'tier', values: TIERS },
};

const INT_FIELDS = new Set(['safetyStock', 'leadTimeDays', 'staffCount', 'beds']);
const DATE_FIELDS = new Set(['qualificationExpiry', 'producedOn', 'expiresOn']);

type RowValues = Record<string, unknown>;
interface CheckedRow {
  row: number;
  values: RowValues;
  errors: { field: string; message: string }[];
}

interface Held {
  kind: ImportKind;
  file: string;
  operatorId: number;
  at: number;
  rows: CheckedRow[];
}
const held = new Map<string, Held>();
const HOLD_MS = 60 * 60 * 1000;
const MAX_HELD = 8;

const bad = (t: TFunction, key: string, params: Record<string, unknown>) => t(`import.row.${key}`, params);

function choice(field: string, v: Cell, t: TFunction, tEn: TFunction): { value?: string; error?: string } {
  const text = cellText(v);
  const { prefix, values } = CHOICES[field]!;
  const wanted = normalizeHeader(text).replace(/类$/, '');
  for (const value of values) {
    const names = [value, t(`${prefix}.${value}`), tEn(`${prefix}.${value}`), ...(ALIASES[field]?.[value] ?? [])];
    if (names.some((n) => normalizeHeader(n).replace(/类$/, '') === wanted)) return { value };
  }
  return { error: bad(t, 'badChoice', { value: text, choices: values.map((x) => t(`${prefix}.${x}`)).join('、') }) };
}

function isoDate(v: Cell): string | null | undefined {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  const text = cellText(v).trim();
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!m) return undefined;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? undefined : iso;
}

function integer(v: Cell): number | undefined {
  const n = typeof v === 'number' ? v : Number(cellText(v).replace(/[,，\s]/g, ''));
  return Number.isInteger(n) ? n : undefined;
}

/** Yuan as written ("12.5", "￥12.50", "12.5元") → fen. */
function fen(v: Cell): number | undefined {
  const n = typeof v === 'number' ? v : Number(cellText(v).replace(/[,，\s￥¥元]/g, ''));
  if (!Number.isFinite(n) || n < 0) return undefined;
  const f = Math.round(n * 100);
  return Math.abs(f - n * 100) < 1e-6 ? f : undefined;
}

function booleanOf(v: Cell): boolean | undefined {
  if (typeof v === 'boolean') return v;
  const s = normalizeHeader(cellText(v));
  if (['是', 'y', 'yes', 'true', '1', '√', '有'].includes(s)) return true;
  if (['否', 'n', 'no', 'false', '0', '×', 'x', '无'].includes(s)) return false;
  return undefined;
}

/** The first problem zod found with a field, in the words the grid uses ("名称不能为空"). */
function zodErrors(error: z.ZodError, t: TFunction): { field: string; message: string }[] {
  const seen = new Set<string>();
  const out: { field: string; message: string }[] = [];
  for (const issue of error.issues) {
    const field = String(issue.path.find((p) => typeof p === 'string') ?? '');
    if (seen.has(field)) continue;
    seen.add(field);
    const fieldName = field ? t(`field.${field}`, { defaultValue: field }) : '';
    const reason =
      issue.code === 'custom' ? issue.message
      : issue.code === 'invalid_type' && issue.expected === 'int' ? 'not_integer'
      : issue.code === 'invalid_type' && /received undefined/.test(issue.message) ? 'required'
      : issue.code === 'too_small' && issue.origin === 'string' && issue.minimum === 1 ? 'required'
      : issue.code === 'invalid_union' ? 'invalid_format'
      : issue.code;
    out.push({ field, message: t(`issue.${reason}`, { field: fieldName, defaultValue: t('issue.other', { field: fieldName }) }) });
  }
  return out;
}

const TABLES = { items, suppliers, units } as const;
const CREATE = { items: 'items.create', suppliers: 'suppliers.create', units: 'units.create' } as const;

/** Master rows: cells converted by field, then the create schema of the grid; duplicates in the file and in the database. */
function checkMaster(ctx: Ctx, kind: 'items' | 'suppliers' | 'units', rows: { row: number; cells: Record<string, Cell> }[], tEn: TFunction): CheckedRow[] {
  const { t } = ctx;
  const schema = masterChannels[CREATE[kind]].input.omit({ requestId: true });
  const firstSeen = new Map<string, number>();
  return rows.map(({ row, cells }) => {
    const errors: CheckedRow['errors'] = [];
    const values: RowValues = {};
    for (const [field, v] of Object.entries(cells)) {
      if (v === null) continue;
      if (field in CHOICES) {
        const c = choice(field, v, t, tEn);
        if (c.error) errors.push({ field, message: c.error });
        else values[field] = c.value;
      } else if (INT_FIELDS.has(field)) {
        const n = integer(v);
        if (n === undefined) errors.push({ field, message: bad(t, 'badNumber', { value: cellText(v) }) });
        else values[field] = n;
      } else if (DATE_FIELDS.has(field)) {
        const d = isoDate(v);
        if (d === undefined) errors.push({ field, message: bad(t, 'badDate', { value: cellText(v) }) });
        else values[field] = d;
      } else if (field === 'lotTracked') {
        const b = booleanOf(v);
        if (b === undefined) errors.push({ field, message: bad(t, 'badBoolean', { value: cellText(v) }) });
        else values[field] = b;
      } else {
        values[field] = cellText(v);
      }
    }
    const parsed = schema.safeParse(values);
    if (!parsed.success) {
      for (const e of zodErrors(parsed.error, t)) if (!errors.some((x) => x.field === e.field)) errors.push(e);
    } else {
      Object.assign(values, parsed.data);
    }
    for (const field of kind === 'items' ? ['code', 'barcode'] : ['code']) {
      const value = values[field];
      if (typeof value !== 'string' || value === '') continue;
      const key = `${field}:${value}`;
      const first = firstSeen.get(key);
      if (first !== undefined) errors.push({ field, message: bad(t, 'duplicateInFile', { row: first }) });
      else firstSeen.set(key, row);
      if (ctx.store.first(`SELECT 1 FROM ${kind} WHERE ${field} = ?`, [value])) errors.push({ field, message: bad(t, 'exists', { value }) });
    }
    return { row, values, errors };
  });
}

/** Opening stock rows: the item (by code, or by name and spec), the location, the quantity in base units or packs, lot and dates, cost in yuan. */
function checkStock(ctx: Ctx, rows: { row: number; cells: Record<string, Cell> }[]): CheckedRow[] {
  const { t } = ctx;
  return rows.map(({ row, cells }) => {
    const errors: CheckedRow['errors'] = [];
    const fail = (field: string, message: string) => errors.push({ field, message });
    const text = (f: string) => cellText(cells[f] ?? null).trim();

    let item: { id: number; code: string; unit: string; packs: string; lot_tracked: number } | undefined;
    const byCode = text('itemCode');
    if (byCode) {
      item = ctx.store.first('SELECT id, code, unit, packs, lot_tracked FROM items WHERE code = ? AND active = 1', [byCode]);
      if (!item) fail('itemCode', bad(t, 'unknownItem', { value: byCode }));
    } else if (text('itemName')) {
      const found = ctx.store.all<NonNullable<typeof item>>(
        `SELECT id, code, unit, packs, lot_tracked FROM items WHERE name = ? AND (? = '' OR spec = ?) AND active = 1`,
        [text('itemName'), text('spec'), text('spec')],
      );
      if (found.length === 1) item = found[0];
      else fail('itemName', bad(t, found.length === 0 ? 'unknownItem' : 'ambiguousItem', { value: text('itemName') }));
    } else {
      fail('itemCode', t('issue.required', { field: t('field.itemCode') }));
    }

    const locationCode = text('location');
    const location = ctx.store.first<{ id: number }>('SELECT id FROM locations WHERE code = ? AND active = 1', [locationCode]);
    if (!location) fail('location', locationCode ? bad(t, 'unknownLocation', { value: locationCode }) : t('issue.required', { field: t('field.location') }));

    let quantity: number | undefined;
    const q = cells.quantity ?? null;
    if (q === null) fail('quantity', t('issue.required', { field: t('field.quantity') }));
    else if (typeof q === 'number' && (!Number.isInteger(q) || q <= 0)) fail('quantity', bad(t, 'badNumber', { value: cellText(q) }));
    else if (item) {
      try {
        // A number cell passes the same bound as text (1e20 is an integer to JavaScript, not a count).
        quantity = toBaseUnits(typeof q === 'number' ? q : cellText(q), item, 'quantity');
        if (quantity <= 0) {
          fail('quantity', bad(t, 'badNumber', { value: cellText(q) }));
          quantity = undefined;
        }
      } catch (e) {
        if (!(e instanceof DepotError)) throw e;
        fail('quantity', t(`errors.${e.code}`, e.params as Record<string, string>));
      }
    }

    const dates: Record<string, string | null> = { producedOn: null, expiresOn: null };
    for (const f of ['producedOn', 'expiresOn'] as const) {
      const v = cells[f] ?? null;
      if (v === null) continue;
      const d = isoDate(v);
      if (d === undefined) fail(f, bad(t, 'badDate', { value: cellText(v) }));
      else dates[f] = d;
    }
    if (dates.producedOn && dates.expiresOn && dates.expiresOn <= dates.producedOn) fail('expiresOn', t('issue.expiry_before_production'));

    let unitCost: number | null = null;
    if ((cells.unitCost ?? null) !== null) {
      const f = fen(cells.unitCost!);
      if (f === undefined) fail('unitCost', bad(t, 'badMoney', { value: text('unitCost') }));
      else unitCost = f;
    }
    const lotNo = text('lotNo');
    if (item?.lot_tracked === 1 && lotNo === '') fail('lotNo', t('issue.required', { field: t('field.lotNo') }));

    return {
      row,
      errors,
      values: {
        itemId: item?.id ?? null,
        itemCode: item?.code ?? byCode,
        lotNo,
        producedOn: dates.producedOn,
        expiresOn: dates.expiresOn,
        counted: quantity ?? null,
        unitCost,
        locationId: location?.id ?? null,
        location: locationCode,
      },
    };
  });
}

/** The draft of the opening receipt: one line per row, everything accepted. */
function openingDraft(ctx: Ctx, file: string, rows: CheckedRow[]) {
  return {
    sourceType: 'opening' as const,
    supplierId: null,
    unitId: null,
    reference: file.slice(0, 60),
    vehicle: '',
    receivedAt: ctx.now,
    note: ctx.t('import.openingNote', { file }).slice(0, 500),
    inspection: null,
    purchaseOrderId: null,
    pledgeId: null,
    lines: rows.map((r) => ({
      itemId: r.values.itemId as number,
      lotNo: r.values.lotNo as string,
      producedOn: r.values.producedOn as string | null,
      expiresOn: r.values.expiresOn as string | null,
      counted: r.values.counted as number,
      rejected: 0,
      rejectReason: '',
      noExpiryReason: '',
      unitCost: r.values.unitCost as number | null,
      // Opening stock carries the cost it was booked at before the desk.
      valueBasis: r.values.unitCost === null ? null : ('price' as const),
      locationId: r.values.locationId as number,
      inspection: 'accepted' as const,
      codes: [],
    })),
    requestId: ctx.requestId ?? randomUUID(),
  };
}

/** Posts the opening receipt through the receiving code; a refusal on a line is reported at its sheet row. */
function postOpening(ctx: Ctx, file: string, rows: CheckedRow[]) {
  try {
    const draft = receivingHandlers['receipts.saveDraft'](openingDraft(ctx, file, rows), ctx);
    return receivingHandlers['receipts.post']({ id: draft.id, version: draft.version, requestId: ctx.requestId ?? randomUUID() }, ctx);
  } catch (e) {
    const line = e instanceof DepotError ? /^lines\.(\d+)\.(\w+)/.exec(e.field ?? '') : null;
    if (!line) throw e;
    const r = rows[Number(line[1])]!;
    throw new RowError(r.row, line[2]!, ctx.t(`errors.${(e as DepotError).code}`, (e as DepotError).params as Record<string, string>));
  }
}

class RowError extends Error {
  readonly row: number;
  readonly field: string;
  constructor(row: number, field: string, message: string) {
    super(message);
    this.row = row;
    this.field = field;
  }
}

const ROLLBACK = Symbol('rollback');

function mayImport(ctx: Ctx, kind: ImportKind): void {
  if (kind === 'items' || kind === 'units') refuseIfCenterOwned(ctx, kind);
  const access: Access = kind === 'stock' ? receivingChannels['receipts.post'].access : masterChannels[CREATE[kind]].access;
  const role = ctx.operator.role;
  if (role === 'admin' || (Array.isArray(access) && access.includes(role as never))) return;
  throw new DepotError('forbidden', { role: ctx.t(`role.${role}`) });
}

function fileError(ctx: Ctx, e: BadFile): DepotError {
  return new DepotError('invalid_input', { detail: ctx.t(`import.${e.key}`, e.params) }, 'path');
}

export async function previewImport(ctx: Ctx, input: { kind: ImportKind; path: string; jobId?: string }, tEn: TFunction): Promise<ImportPreview> {
  mayImport(ctx, input.kind);
  const jobId = input.jobId ?? randomUUID();
  let cancelled = false;
  const unregister = registerJob(ctx, jobId, () => void (cancelled = true));
  const file = basename(input.path);
  const empty = { previewId: '', cancelled: true, kind: input.kind, file, sheet: '', headerRow: 0, columns: [], total: 0, rows: [], errors: [], errorRows: 0 };
  try {
    let table;
    try {
      table = await readTable(input.path, SPECS[input.kind], ctx.t(`import.kind.${input.kind}`), {
        progress: (done) => ctx.emit('job.progress', { jobId, done, total: 0, phase: 'reading' }),
        cancelled: () => cancelled,
      });
    } catch (e) {
      if (e instanceof Cancelled) return empty;
      if (e instanceof BadFile) throw fileError(ctx, e);
      throw e;
    }
    if (input.kind === 'stock' && !table.columns.some((c) => c.field === 'itemCode' || c.field === 'itemName')) {
      throw fileError(ctx, new BadFile('missingColumns', { sheet: table.sheet, columns: ctx.t('field.itemCode') }));
    }
    ctx.emit('job.progress', { jobId, done: 0, total: table.rows.length, phase: 'validating' });
    const rows = input.kind === 'stock' ? checkStock(ctx, table.rows) : checkMaster(ctx, input.kind, table.rows, tEn);
    if (cancelled) return empty;
    if (input.kind === 'stock' && rows.every((r) => r.errors.length === 0)) dryRunOpening(ctx, file, rows);
    ctx.emit('job.progress', { jobId, done: table.rows.length, total: table.rows.length, phase: 'validating' });

    const previewId = randomUUID();
    hold(previewId, { kind: input.kind, file, operatorId: ctx.operator.id, at: Date.now(), rows });
    const errors: ImportRowError[] = rows.flatMap((r) => r.errors.map((e) => ({ row: r.row, field: fieldLabel(ctx, e.field), message: e.message })));
    return {
      previewId,
      cancelled: false,
      kind: input.kind,
      file,
      sheet: table.sheet,
      headerRow: table.headerRow,
      columns: table.columns,
      total: rows.length,
      rows: rows.slice(0, 200).map((r) => ({ row: r.row, values: r.values as Record<string, string | number | boolean | null> })),
      errors: errors.slice(0, 1000),
      errorRows: rows.filter((r) => r.errors.length > 0).length,
    };
  } finally {
    unregister();
  }
}

const fieldLabel = (ctx: Ctx, field: string) => ctx.t(`field.${field}`, { defaultValue: field });

/** Posts the opening receipt in a transaction that is rolled back: what the commit would refuse shows at its row now. */
function dryRunOpening(ctx: Ctx, file: string, rows: CheckedRow[]): void {
  const quiet: Ctx = { ...ctx, emit: () => {} };
  try {
    ctx.store.tx(() => {
      postOpening(quiet, file, rows);
      throw ROLLBACK;
    });
  } catch (e) {
    if (e === ROLLBACK) return;
    if (e instanceof RowError) {
      rows.find((r) => r.row === e.row)!.errors.push({ field: e.field, message: e.message });
      return;
    }
    throw e;
  }
}

function hold(id: string, h: Held): void {
  const now = Date.now();
  for (const [k, v] of held) if (now - v.at > HOLD_MS) held.delete(k);
  while (held.size >= MAX_HELD) held.delete(held.keys().next().value!);
  held.set(id, h);
}

/** Imports a held preview: every row or none. The rows are checked again against the database as it is now. */
export function commitImport(ctx: Ctx, previewId: string, tEn: TFunction): ImportResult {
  const h = held.get(previewId);
  if (!h || h.operatorId !== ctx.operator.id) throw new DepotError('invalid_input', { detail: ctx.t('import.previewExpired') }, 'previewId');
  mayImport(ctx, h.kind);
  const refuse = (rows: { row: number; errors: { field: string; message: string }[] }[]) => {
    const failed = rows.filter((r) => r.errors.length > 0);
    if (failed.length === 0) return;
    const first = failed[0]!;
    throw new DepotError('invalid_input', {
      detail: ctx.t('import.hasErrors', { count: failed.length, row: first.row, field: fieldLabel(ctx, first.errors[0]!.field), message: first.errors[0]!.message }),
    });
  };
  refuse(h.rows);

  // One data.changed per table, not one per imported row.
  const emitted = new Set<string>();
  const once: Ctx = { ...ctx, emit: (event, payload) => {
    const key = `${event}:${JSON.stringify(payload)}`;
    if (!emitted.has(key)) {
      emitted.add(key);
      ctx.emit(event, payload);
    }
  } };

  let result: ImportResult;
  if (h.kind === 'stock') {
    const again = checkStock(ctx, h.rows.map((r) => ({ row: r.row, cells: stockCells(r.values) })));
    refuse(again);
    let receipt;
    try {
      receipt = postOpening(once, h.file, again);
    } catch (e) {
      if (e instanceof RowError) refuse([{ row: e.row, errors: [{ field: e.field, message: e.message }] }]);
      throw e;
    }
    result = { kind: 'stock', imported: h.rows.length, receiptId: receipt.id, receiptNo: receipt.no };
  } else {
    const kind = h.kind;
    const again = checkMaster(ctx, kind, h.rows.map((r) => ({ row: r.row, cells: masterCells(r.values) })), tEn);
    refuse(again);
    const table = TABLES[kind] as { create(ctx: Ctx, input: RowValues): unknown };
    for (const r of again) table.create(once, r.values);
    result = { kind, imported: again.length, receiptId: null, receiptNo: null };
  }
  audit(ctx, 'import', h.kind, null, null, { file: h.file, rows: h.rows.length, receiptNo: result.receiptNo });
  held.delete(previewId);
  return result;
}

/** Checked values back into cells, to check them again at commit time. */
function masterCells(values: RowValues): Record<string, Cell> {
  const cells: Record<string, Cell> = {};
  for (const [k, v] of Object.entries(values)) {
    cells[k] = v === null || v === undefined ? null : k === 'packs' && Array.isArray(v) ? (v as { unit: string; per: number }[]).map((p) => `${p.unit}=${p.per}`).join(', ') : (v as Cell);
  }
  return cells;
}

function stockCells(v: RowValues): Record<string, Cell> {
  return {
    itemCode: v.itemCode as string,
    lotNo: v.lotNo as string,
    producedOn: v.producedOn as string | null,
    expiresOn: v.expiresOn as string | null,
    quantity: v.counted as number,
    unitCost: v.unitCost === null ? null : (v.unitCost as number) / 100,
    location: v.location as string,
  };
}
