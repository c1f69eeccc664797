import type Database from 'better-sqlite3';
import type ExcelJS from 'exceljs';
import type { TFunction } from 'i18next';
import type { LedgerFilters } from '../../shared/contract/ledger.ts';
import { SOURCE_TYPES } from '../../shared/contract/receiving.ts';
import { UNIT_TYPES } from '../../shared/domain.ts';
import { excelDate, excelSerial, localDateTime, periodBounds } from '../domains/ledger/period.ts';
import { COSTING_SETTING_SQL, costingMethodOf } from '../domains/stock/costing.ts';
import { DISPATCH_DOCS_SQL, RECEIPT_DOCS, RECEIPT_DOCS_SQL, sideOf } from '../domains/ledger/sides.ts';
import { abandon, addHeader, drain, FMT, fitWidth, sheetOptions, STYLE, styleRow, sum, sumExcept, workbookWriter, writeHeader, writeTitle, type ColumnSpec, columnStyle, writeNote } from './sheet.ts';
import { Cancelled, type TaskHooks } from './task.ts';

export interface LedgerWorkbookOptions {
  file: string;
  from: string;
  to: string;
  filters: LedgerFilters;
  generatedAt: string;
  t: TFunction;
}

/** Excel's limit is 1,048,576 rows a sheet; the detail continues on 明细 (2), (3)… */
export const DETAIL_ROWS_PER_SHEET = 1_000_000;
const BATCH = 2_000;

interface ItemInfo {
  id: number;
  code: string;
  name: string;
  spec: string;
  unit: string;
  category: string;
}

interface Flows {
  openingQty: number;
  openingAmount: number;
  in: Map<string, number>;
  out: Map<string, number>;
  inQty: number;
  inAmount: number;
  outQty: number;
  outAmount: number;
}

const yuan = (fen: number) => fen / 100;
const receiptDocs = new Set<string>(RECEIPT_DOCS);
const FILTER = `(:category IS NULL OR i.category = :category) AND (:itemId IS NULL OR m.item_id = :itemId)`;
/**
 * Opening stock (期初) was on hand before the desk kept its books: inside the period it is part of
 * the opening balance, never a receipt (入库) — in every sheet alike, so they all tie.
 */
const OPENING = `(coalesce(m.source_type, '') = 'opening' AND m.doc_type IN ('receipt', 'receipt_reversal'))`;

/**
 * The comprehensive ledger (综合台账): 汇总 by item, 明细 every ledger row of the period,
 * 按受领单位 and 按来源. Written with exceljs's streaming writer row by row while the detail
 * is read with a cursor, so memory stays flat however long the ledger is.
 */
export async function writeLedgerWorkbook(db: Database.Database, o: LedgerWorkbookOptions, hooks: TaskHooks): Promise<{ rows: number; items: number }> {
  const { t } = o;
  const { start, end } = periodBounds(o.from, o.to);
  const params = { start, end, category: o.filters.category ?? null, itemId: o.filters.itemId ?? null };
  const depot = (db.prepare(`SELECT value FROM settings WHERE key = 'depot.name'`).get() as { value: string } | undefined)?.value ?? '';
  const items = new Map((db.prepare('SELECT id, code, name, spec, unit, category FROM items').all() as ItemInfo[]).map((i) => [i.id, i]));

  const total = (db.prepare(`SELECT count(*) AS n FROM movements m JOIN items i ON i.id = m.item_id WHERE m.at >= :start AND m.at < :end AND NOT ${OPENING} AND ${FILTER}`).get(params) as { n: number }).n;
  hooks.progress(0, total, 'summary');

  const scope = [
    o.filters.category ? t('ledger.workbook.category', { name: t(`category.${o.filters.category}`) }) : null,
    o.filters.itemId ? t('ledger.workbook.item', { name: items.get(o.filters.itemId)?.name ?? `#${o.filters.itemId}` }) : null,
  ].filter(Boolean);
  const subtitle = [
    t('ledger.workbook.period', { from: o.from, to: o.to }),
    t('ledger.workbook.filters', { filters: scope.length ? scope.join('，') : t('ledger.workbook.allItems') }),
    t('ledger.workbook.costing', { method: t(`settings.stock.method.${costingMethodOf((db.prepare(COSTING_SETTING_SQL).get() as { value: string } | undefined)?.value)}`) }),
    t('ledger.workbook.generated', { at: localDateTime(o.generatedAt) }),
  ].join('\u3000\u3000');
  const title = t('ledger.workbook.title', { depot });
  const footer = t('ledger.workbook.footer');

  const wb = workbookWriter(o.file, depot);
  try {
    const flows = readFlows(db, params);
    const summaryItems = writeSummary(wb, flows, items, { t, title, subtitle, footer });
    if (hooks.cancelled()) throw new Cancelled();

    const rows = await writeDetail(db, wb, params, total, { t, title, subtitle, footer }, hooks);
    hooks.progress(total, total, 'byUnit');
    await writeByUnit(db, wb, params, { t, title, subtitle, footer }, hooks);
    hooks.progress(total, total, 'bySource');
    await writeBySource(db, wb, params, { t, title, subtitle, footer }, hooks);
    if (hooks.cancelled()) throw new Cancelled();
    hooks.progress(total, total, 'writing');
    await wb.commit();
    return { rows, items: summaryItems };
  } catch (e) {
    await abandon(wb);
    throw e;
  }
}

type Params = { start: string; end: string; category: string | null; itemId: number | null };
interface Texts {
  t: TFunction;
  title: string;
  subtitle: string;
  footer: string;
}

/** Opening balances before the period and the period's in and out per item, by source type and recipient type. */
function readFlows(db: Database.Database, params: Params): Map<number, Flows> {
  const flows = new Map<number, Flows>();
  const of = (itemId: number) => {
    let f = flows.get(itemId);
    if (!f) {
      f = { openingQty: 0, openingAmount: 0, in: new Map(), out: new Map(), inQty: 0, inAmount: 0, outQty: 0, outAmount: 0 };
      flows.set(itemId, f);
    }
    return f;
  };
  const opening = db
    .prepare(
      `SELECT m.item_id AS item, sum(m.qty) AS qty, sum(coalesce(m.amount, 0)) AS amount
         FROM movements m JOIN items i ON i.id = m.item_id
        WHERE (m.at < :start OR (m.at < :end AND ${OPENING})) AND ${FILTER} GROUP BY m.item_id`,
    )
    .all(params) as { item: number; qty: number; amount: number }[];
  for (const r of opening) {
    const f = of(r.item);
    f.openingQty = r.qty;
    f.openingAmount = r.amount;
  }
  const period = db
    .prepare(
      `SELECT m.item_id AS item, m.doc_type AS docType, m.source_type AS sourceType, u.type AS unitType,
              sum(m.qty) AS qty, sum(coalesce(m.amount, 0)) AS amount
         FROM movements m JOIN items i ON i.id = m.item_id LEFT JOIN units u ON u.id = m.unit_id
        WHERE m.at >= :start AND m.at < :end AND m.doc_type <> 'move' AND NOT ${OPENING} AND ${FILTER}
        GROUP BY m.item_id, m.doc_type, m.source_type, u.type, m.qty > 0`,
    )
    .all(params) as { item: number; docType: string; sourceType: string | null; unitType: string | null; qty: number; amount: number }[];
  for (const r of period) {
    const f = of(r.item);
    const s = sideOf(r.docType, r.qty, r.amount);
    const key =
      r.docType === 'stocktake' ? (s.side === 'in' ? 'gain' : 'loss')
      : r.docType === 'write_off' ? 'writeOff'
      : s.side === 'in' ? `src:${r.sourceType ?? 'other'}`
      : r.unitType ? `unit:${r.unitType}`
      // A unit's dispatch row always names the unit; without one it is the write-off of goods short or damaged in transit.
      : 'transit';
    const bucket = s.side === 'in' ? f.in : f.out;
    bucket.set(key, (bucket.get(key) ?? 0) + s.qty);
    if (s.side === 'in') {
      f.inQty += s.qty;
      f.inAmount += s.amount ?? 0;
    } else {
      f.outQty += s.qty;
      f.outAmount += s.amount ?? 0;
    }
  }
  return flows;
}

function writeSummary(wb: ExcelJS.stream.xlsx.WorkbookWriter, flows: Map<number, Flows>, items: Map<number, ItemInfo>, x: Texts): number {
  const { t } = x;
  const rows = [...flows.entries()]
    .map(([id, f]) => ({ item: items.get(id)!, f }))
    .filter(({ f }) => f.openingQty !== 0 || f.openingAmount !== 0 || f.in.size > 0 || f.out.size > 0)
    .sort((a, b) => a.item.code.localeCompare(b.item.code));

  // Only the source and recipient types that occur in the period get a column, in a fixed order.
  const present = (side: 'in' | 'out') => new Set(rows.flatMap(({ f }) => [...(side === 'in' ? f.in : f.out).keys()]));
  const inPresent = present('in');
  const outPresent = present('out');
  const inKeys = [...SOURCE_TYPES.map((s) => `src:${s}`), 'gain'].filter((k) => inPresent.has(k));
  const outKeys = [...UNIT_TYPES.map((u) => `unit:${u}`), 'transit', 'loss', 'writeOff'].filter((k) => outPresent.has(k));
  const label = (key: string) =>
    key === 'gain' ? t('ledger.col.stocktakeGain')
    : key === 'loss' ? t('ledger.col.stocktakeLoss')
    : key === 'writeOff' ? t('docType.write_off')
    : key === 'transit' ? t('ledger.col.transitLoss')
    : key.startsWith('src:') ? t(`sourceType.${key.slice(4)}`)
    : t(`unitType.${key.slice(5)}`);

  const qty = (header: string): ColumnSpec => ({ header, width: fitWidth(header, [], 10, 16), numFmt: FMT.qty });
  const money = (header: string): ColumnSpec => ({ header, width: fitWidth(header, [], 12, 18), numFmt: FMT.money });
  const fixed: ColumnSpec[] = [
    { header: t('ledger.col.no'), width: 6 },
    { header: t('ledger.col.itemCode'), width: fitWidth(t('ledger.col.itemCode'), rows.map((r) => r.item.code), 10, 20) },
    { header: t('ledger.col.itemName'), width: fitWidth(t('ledger.col.itemName'), rows.map((r) => r.item.name), 14, 32) },
    { header: t('ledger.col.spec'), width: fitWidth(t('ledger.col.spec'), rows.map((r) => r.item.spec), 10, 28) },
    { header: t('ledger.col.unit'), width: 6 },
    { header: t('ledger.col.category'), width: 12 },
    qty(t('ledger.col.openingQty')),
    money(t('ledger.col.openingAmount')),
  ];
  const inCols = [...inKeys.map((k) => qty(label(k))), qty(t('ledger.col.inTotal')), money(t('ledger.col.inAmount'))];
  const outCols = [...outKeys.map((k) => qty(label(k))), qty(t('ledger.col.outTotal')), money(t('ledger.col.outAmount'))];
  const closing = [qty(t('ledger.col.closingQty')), money(t('ledger.col.closingAmount'))];
  const columns = [...fixed, ...inCols, ...outCols, ...closing];

  const ws = wb.addWorksheet(t('ledger.sheet.summary'), sheetOptions([3, 4], 3, x.footer));
  ws.columns = columns.map((c) => ({ width: c.width, style: columnStyle(c) }));
  writeTitle(ws, columns.length, x.title, x.subtitle);

  // Two header rows: the groups (本期入库 / 本期出库) over their columns, the rest spanning both rows.
  const inFrom = fixed.length + 1;
  const outFrom = inFrom + inCols.length;
  const group: (string | null)[] = columns.map((c, i) => (i + 1 >= inFrom && i + 1 < outFrom ? null : i + 1 >= outFrom && i + 1 < outFrom + outCols.length ? null : c.header));
  group[inFrom - 1] = t('ledger.col.inGroup');
  group[outFrom - 1] = t('ledger.col.outGroup');
  addHeader(ws, group, 22);
  const sub = addHeader(ws, columns.map((c) => c.header));
  columns.forEach((_, i) => {
    const c = i + 1;
    if (c < inFrom || c >= outFrom + outCols.length) ws.mergeCells(3, c, 4, c);
  });
  ws.mergeCells(3, inFrom, 3, outFrom - 1);
  ws.mergeCells(3, outFrom, 3, outFrom + outCols.length - 1);
  sub.commit();

  const first = 5;
  const totals = new Array<number>(columns.length).fill(0);
  rows.forEach(({ item, f }, n) => {
    const closingQty = f.openingQty + f.inQty - f.outQty;
    const closingAmount = f.openingAmount + f.inAmount - f.outAmount;
    const values: (string | number)[] = [
      n + 1,
      item.code,
      item.name,
      item.spec,
      item.unit,
      t(`category.${item.category}`),
      f.openingQty,
      yuan(f.openingAmount),
      ...inKeys.map((k) => f.in.get(k) ?? 0),
      f.inQty,
      yuan(f.inAmount),
      ...outKeys.map((k) => f.out.get(k) ?? 0),
      f.outQty,
      yuan(f.outAmount),
      closingQty,
      yuan(closingAmount),
    ];
    // Amounts are summed in fen and shown in yuan, so the totals row has no rounding drift.
    const fen = [f.openingAmount, f.inAmount, f.outAmount, closingAmount];
    let k = 0;
    values.forEach((v, i) => {
      if (i < 6) return;
      totals[i]! += columns[i]!.numFmt === FMT.money ? fen[k++]! : (v as number);
    });
    ws.addRow(values).commit();
  });
  const last = first + rows.length - 1;
  const totalRow = ws.addRow(
    columns.map((c, i) => (i === 1 ? t('ledger.row.total') : i < 6 ? null : sum(i + 1, first, last, c.numFmt === FMT.money ? yuan(totals[i]!) : totals[i]!))),
  );
  styleRow(totalRow, columns, STYLE.total);
  totalRow.commit();
  // Quantities of items in different units (只, 套, 瓶 …) add up as pieces (件), as the command
  // center's briefings count them; the sheet says so rather than pass a sum of mixed units silently.
  writeNote(ws, t('ledger.row.mixedUnits'));
  writeNote(ws, null);
  writeNote(ws, t('ledger.row.signatures'));
  ws.commit();
  return rows.length;
}

const DETAIL_SQL = `
  SELECT m.at, m.doc_type, m.doc_no, m.qty, m.amount, i.code, i.name, i.spec, i.unit, i.category,
         l.lot_no, l.expires_on, loc.code AS location, m.source_type, s.name AS supplier, u.name AS recipient, o.name AS operator,
         m.valued_qty, m.doc_id, rl.value_basis
    FROM movements m
    JOIN items i ON i.id = m.item_id
    JOIN lots l ON l.id = m.lot_id
    JOIN locations loc ON loc.id = m.location_id
    JOIN operators o ON o.id = m.operator_id
    LEFT JOIN suppliers s ON s.id = m.supplier_id
    LEFT JOIN units u ON u.id = m.unit_id
    LEFT JOIN receipt_lines rl ON rl.id = m.line_id AND m.doc_type IN ('receipt', 'receipt_reversal')
   WHERE m.at >= :start AND m.at < :end AND NOT ${OPENING} AND ${FILTER}
   ORDER BY m.at, m.id`;

/** The columns of the detail sheet (明细); the benchmark's bare writer uses the same. */
export function detailColumns(t: TFunction): ColumnSpec[] {
  return [
    { header: t('ledger.col.at'), width: 17, numFmt: FMT.dateTime },
    { header: t('ledger.col.docType'), width: 11 },
    { header: t('ledger.col.docNo'), width: 17 },
    { header: t('ledger.col.itemCode'), width: 12 },
    { header: t('ledger.col.itemName'), width: 22 },
    { header: t('ledger.col.spec'), width: 16 },
    { header: t('ledger.col.unit'), width: 6 },
    { header: t('ledger.col.category'), width: 12 },
    { header: t('ledger.col.lotNo'), width: 14 },
    { header: t('ledger.col.expiresOn'), width: 11, numFmt: FMT.date },
    { header: t('ledger.col.location'), width: 11 },
    { header: t('ledger.col.sourceType'), width: 10 },
    { header: t('ledger.col.supplier'), width: 24 },
    { header: t('ledger.col.recipient'), width: 24 },
    { header: t('ledger.col.qtyIn'), width: 11, numFmt: FMT.qty },
    { header: t('ledger.col.qtyOut'), width: 11, numFmt: FMT.qty },
    { header: t('ledger.col.unitPrice'), width: 10, numFmt: FMT.money },
    { header: t('ledger.col.amountIn'), width: 14, numFmt: FMT.money },
    { header: t('ledger.col.amountOut'), width: 14, numFmt: FMT.money },
    { header: t('ledger.col.operator'), width: 10 },
    { header: t('ledger.col.memo'), width: 30 },
    { header: t('ledger.col.valueBasis'), width: 10 },
  ];
}

/**
 * A document's 摘要 in the detail: the PO or waybill of a receipt, the remarks of an order, the
 * reason of a stocktake, a reversal's original and reason, what the receiver found short or
 * damaged. Read once per document (its rows come together), not once per row.
 */
function memoReader(db: Database.Database, t: TFunction): (docType: string, docId: number) => string | null {
  const receipt = db.prepare(`SELECT r.reference, r.note, o.no AS original FROM receipts r LEFT JOIN receipts o ON o.id = r.reverses_id WHERE r.id = ?`);
  const order = db.prepare(`SELECT d.remarks, o.no AS original FROM dispatch_orders d LEFT JOIN dispatch_orders o ON o.id = d.reverses_id WHERE d.id = ?`);
  const discrepancies = db.prepare(`SELECT group_concat(reason, '；') AS reasons FROM (SELECT DISTINCT reason FROM delivery_discrepancies WHERE order_id = ?)`);
  const stocktake = db.prepare(`SELECT reason FROM stocktakes WHERE id = ?`);
  const writeOff = db.prepare(`SELECT reason, note, disposal FROM write_offs WHERE id = ?`);
  let last: { key: string; memo: string | null } = { key: '', memo: null };
  const join = (...parts: (string | null | undefined)[]) => parts.filter((p) => p).join('；') || null;
  const reversal = (no: string, reason: string) => t('ledger.memo.reversal', { no, reason });
  return (docType, docId) => {
    const key = `${docType}:${docId}`;
    if (key === last.key) return last.memo;
    let memo: string | null = null;
    if (docType === 'receipt' || docType === 'receipt_reversal') {
      const r = receipt.get(docId) as { reference: string; note: string; original: string | null } | undefined;
      if (r) memo = r.original ? reversal(r.original, r.note) : join(r.reference, r.note);
    } else if (docType === 'dispatch' || docType === 'dispatch_reversal') {
      const o = order.get(docId) as { remarks: string; original: string | null } | undefined;
      if (o) memo = o.original ? reversal(o.original, o.remarks) : join(o.remarks);
    } else if (docType === 'delivery_adjustment') {
      const d = discrepancies.get(docId) as { reasons: string | null } | undefined;
      memo = t('ledger.memo.discrepancy', { reasons: d?.reasons ?? '' });
    } else if (docType === 'stocktake') {
      memo = join((stocktake.get(docId) as { reason: string } | undefined)?.reason);
    } else if (docType === 'write_off') {
      const w = writeOff.get(docId) as { reason: string; note: string; disposal: string } | undefined;
      if (w) memo = join(t(`trace.reason.${w.reason}`), w.note, w.disposal);
    }
    last = { key, memo };
    return memo;
  };
}

type DetailRow = [string, string, string, number, number | null, string, string, string, string, string, string, string | null, string, string | null, string | null, string | null, string, number | null, number, string | null];

async function writeDetail(db: Database.Database, wb: ExcelJS.stream.xlsx.WorkbookWriter, params: Params, total: number, x: Texts, hooks: TaskHooks): Promise<number> {
  const { t } = x;
  const columns = detailColumns(t);
  const unpriced = t('ledger.unpriced');
  const moveLabel = t('docType.move');
  const docTypes = new Map<string, string>();
  const label = (map: Map<string, string>, key: string, prefix: string) => {
    let v = map.get(key);
    if (v === undefined) map.set(key, (v = t(`${prefix}.${key}`)));
    return v;
  };
  const categories = new Map<string, string>();
  const sources = new Map<string, string>();
  const memoOf = memoReader(db, t);
  const bases = new Map<string, string>();

  let ws: ExcelJS.Worksheet | null = null;
  let sheetRows = 0;
  let sheetNo = 0;
  const first = 4;
  const sums = { qtyIn: 0, qtyOut: 0, amountIn: 0, amountOut: 0 };
  const closeSheet = () => {
    if (!ws) return;
    const last = first + sheetRows - 1;
    const row = ws.addRow([
      null, t('ledger.row.total'), null, null, null, null, null, null, null, null, null, null, null, null,
      // Moves (移库) are listed but leave the totals, as in 汇总 and the day close: they change where goods lie, not how many.
      sumExcept(15, first, last, sums.qtyIn, 2, moveLabel), sumExcept(16, first, last, sums.qtyOut, 2, moveLabel), null,
      sumExcept(18, first, last, yuan(sums.amountIn), 2, moveLabel), sumExcept(19, first, last, yuan(sums.amountOut), 2, moveLabel), null, null, null,
    ]);
    styleRow(row, columns, STYLE.total);
    row.commit();
    ws.commit();
    sums.qtyIn = sums.qtyOut = sums.amountIn = sums.amountOut = 0;
  };
  const openSheet = () => {
    sheetNo++;
    const name = sheetNo === 1 ? t('ledger.sheet.detail') : `${t('ledger.sheet.detail')} (${sheetNo})`;
    ws = wb.addWorksheet(name, sheetOptions([3, 3], 0, x.footer));
    ws.columns = columns.map((c) => ({ width: c.width, style: columnStyle(c) }));
    writeTitle(ws, columns.length, x.title, x.subtitle);
    writeHeader(ws, columns.map((c) => c.header));
    sheetRows = 0;
  };

  openSheet();
  let done = 0;
  // Leaving the loop (a cancel) ends the cursor, so the connection can be closed.
  const cursor = db.prepare(DETAIL_SQL).raw(true).iterate(params) as IterableIterator<DetailRow>;
  for (const r of cursor) {
    if (sheetRows === DETAIL_ROWS_PER_SHEET) {
      closeSheet();
      openSheet();
    }
    const [at, docType, docNo, qty, amount, code, name, spec, unit, category, lotNo, expiresOn, location, sourceType, supplier, recipient, operator, valued, docId, valueBasis] = r;
    // Goods without a value are said to be so (未计价), never a silent blank; a row partly priced
    // shows the price of its priced part.
    const pricedQty = valued === null ? (amount === null ? 0 : Math.abs(qty)) : Math.abs(valued);
    const unitPrice = amount === null || pricedQty === 0 ? unpriced : Math.abs(amount / pricedQty) / 100;
    const s = sideOf(docType, qty, amount);
    const amountYuan = s.amount === null ? null : yuan(s.amount);
    ws!.addRow([
      excelSerial(Date.parse(at)),
      label(docTypes, docType, 'docType'),
      docNo,
      code,
      name,
      spec || null,
      unit,
      label(categories, category, 'category'),
      lotNo || null,
      expiresOn ? excelDate(expiresOn) : null,
      location,
      sourceType && receiptDocs.has(docType) ? label(sources, sourceType, 'sourceType') : null,
      supplier,
      recipient,
      s.side === 'in' ? s.qty : null,
      s.side === 'out' ? s.qty : null,
      pricedQty > 0 && pricedQty < Math.abs(qty) ? `${(Math.abs(amount ?? 0) / pricedQty / 100).toFixed(2)}（${t('ledger.partlyUnpriced', { n: Math.abs(qty) - pricedQty })}）` : unitPrice,
      s.side === 'in' ? amountYuan : null,
      s.side === 'out' ? amountYuan : null,
      operator,
      memoOf(docType, docId),
      // What an inflow's value rests on (购入价, 申报价值, 评估价值); an outflow's follows the costing method.
      valueBasis ? label(bases, valueBasis, 'ledger.basis') : null,
    ]).commit();
    if (docType === 'move') {
      // listed, not totalled
    } else if (s.side === 'in') {
      sums.qtyIn += s.qty;
      sums.amountIn += s.amount ?? 0;
    } else {
      sums.qtyOut += s.qty;
      sums.amountOut += s.amount ?? 0;
    }
    sheetRows++;
    if (++done % BATCH === 0) {
      hooks.progress(done, total, 'detail');
      if (hooks.cancelled()) throw new Cancelled();
      await drain(ws!);
    }
  }
  closeSheet();
  hooks.progress(done, total, 'detail');
  return done;
}

interface GroupRow {
  groupKey: string;
  cells: (string | null)[];
  itemCode: string;
  itemName: string;
  spec: string;
  unit: string;
  category: string;
  qty: number;
  amount: number;
}

/** `CASE expr WHEN 'a' THEN 0 WHEN 'b' THEN 1 … ELSE n END`: a fixed order of coded values (NULL last). */
const orderOf = (expr: string, values: readonly string[]) => `CASE ${expr} ${values.map((v, i) => `WHEN '${v}' THEN ${i}`).join(' ')} ELSE ${values.length} END`;

/**
 * A sheet of quantities and amounts per group (a recipient unit, a source party) and item, read
 * in order from a cursor, with a subtotal per group (and per outer group when given) and a total.
 */
async function writeGrouped(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  groupHeaders: { header: string; width: number }[],
  rows: Iterable<GroupRow>,
  x: Texts,
  hooks: TaskHooks,
  outer?: (r: GroupRow) => string,
): Promise<void> {
  const { t } = x;
  const columns: ColumnSpec[] = [
    ...groupHeaders,
    { header: t('ledger.col.itemCode'), width: 12 },
    { header: t('ledger.col.itemName'), width: 22 },
    { header: t('ledger.col.spec'), width: 16 },
    { header: t('ledger.col.unit'), width: 6 },
    { header: t('ledger.col.category'), width: 12 },
    { header: t('ledger.col.qty'), width: 12, numFmt: FMT.qty },
    { header: t('ledger.col.amount'), width: 15, numFmt: FMT.money },
  ];
  const ws = wb.addWorksheet(name, sheetOptions([3, 3], groupHeaders.length, x.footer));
  ws.columns = columns.map((c) => ({ width: c.width, style: columnStyle(c) }));
  writeTitle(ws, columns.length, x.title, x.subtitle);
  writeHeader(ws, columns.map((c) => c.header));

  const categories = new Map<string, string>();
  const label = (category: string) => {
    let v = categories.get(category);
    if (v === undefined) categories.set(category, (v = t(`category.${category}`)));
    return v;
  };
  const width = groupHeaders.length;
  const pad = (cells: (string | null)[]) => [...cells, ...new Array<null>(width - cells.length).fill(null)];
  const subtotal = (cells: (string | null)[], qty: number, amount: number, style: Partial<ExcelJS.Style>) => {
    const row = ws.addRow([...pad(cells), t('ledger.row.subtotal'), null, null, null, null, qty, yuan(amount)]);
    styleRow(row, columns, style);
    row.commit();
  };
  let grand = { qty: 0, amount: 0 };
  let group: { key: string; cells: (string | null)[]; qty: number; amount: number } | null = null;
  let outerGroup: { key: string; qty: number; amount: number } | null = null;
  const flushGroup = () => {
    if (group) subtotal(group.cells, group.qty, group.amount, STYLE.subtotal);
    group = null;
  };
  const flushOuter = () => {
    if (outerGroup) subtotal([outerGroup.key], outerGroup.qty, outerGroup.amount, STYLE.total);
    outerGroup = null;
  };
  let n = 0;
  for (const r of rows) {
    const outerKey = outer?.(r);
    if (group && group.key !== r.groupKey) flushGroup();
    if (outer && outerGroup && outerGroup.key !== outerKey) flushOuter();
    group ??= { key: r.groupKey, cells: r.cells, qty: 0, amount: 0 };
    if (outer) outerGroup ??= { key: outerKey!, qty: 0, amount: 0 };
    ws.addRow([...pad(r.cells), r.itemCode, r.itemName, r.spec || null, r.unit, label(r.category), r.qty, yuan(r.amount)]).commit();
    group.qty += r.qty;
    group.amount += r.amount;
    if (outerGroup) {
      outerGroup.qty += r.qty;
      outerGroup.amount += r.amount;
    }
    grand = { qty: grand.qty + r.qty, amount: grand.amount + r.amount };
    if (++n % BATCH === 0) {
      if (hooks.cancelled()) throw new Cancelled();
      await drain(ws);
    }
  }
  flushGroup();
  flushOuter();
  const totalRow = ws.addRow([t('ledger.row.total'), ...new Array<null>(width + 4).fill(null), grand.qty, yuan(grand.amount)]);
  styleRow(totalRow, columns, STYLE.total);
  totalRow.commit();
  ws.commit();
}

type GroupedSql = [string | null, string | null, string | null, string | null, string | null, string, string, string, string, string, number, number];

function* groupRows(cursor: IterableIterator<GroupedSql>, cells: (r: GroupedSql) => (string | null)[]): Generator<GroupRow> {
  for (const r of cursor) {
    const [key, , , , , itemCode, itemName, spec, unit, category, qty, amount] = r;
    yield { groupKey: String(key), cells: cells(r), itemCode, itemName, spec, unit, category, qty, amount };
  }
}

function* chain<T>(...parts: Iterable<T>[]): Generator<T> {
  for (const part of parts) yield* part;
}

/**
 * Stocktake gains (盘盈, in) or losses (盘亏, out) per item, and write-offs (报损, out): their own
 * groups at the end of 按来源 and 按受领单位, so each sheet's total is 汇总's 入库合计 or 出库合计 —
 * nothing left out.
 */
function stocktakeRows(db: Database.Database, params: Params, kind: 'gain' | 'loss', docType: 'stocktake' | 'write_off' = 'stocktake'): IterableIterator<GroupedSql> {
  const sign = kind === 'gain' ? '' : '-';
  return db
    .prepare(
      `SELECT '${docType}:${kind}', NULL, NULL, NULL, NULL, i.code, i.name, i.spec, i.unit, i.category, sum(${sign}m.qty), sum(${sign}coalesce(m.amount, 0))
         FROM movements m JOIN items i ON i.id = m.item_id
        WHERE m.doc_type = '${docType}' AND m.qty ${kind === 'gain' ? '>' : '<'} 0 AND m.at >= :start AND m.at < :end AND ${FILTER}
        GROUP BY m.item_id ORDER BY i.code`,
    )
    .raw(true)
    .iterate(params) as IterableIterator<GroupedSql>;
}

async function writeByUnit(db: Database.Database, wb: ExcelJS.stream.xlsx.WorkbookWriter, params: Params, x: Texts, hooks: TaskHooks): Promise<void> {
  const { t } = x;
  const cursor = db
    .prepare(
      `SELECT m.unit_id, u.type, u.code, u.name, u.district, i.code, i.name, i.spec, i.unit, i.category,
              sum(-m.qty), sum(-coalesce(m.amount, 0))
         FROM movements m JOIN items i ON i.id = m.item_id LEFT JOIN units u ON u.id = m.unit_id
        WHERE m.doc_type IN ${DISPATCH_DOCS_SQL} AND m.at >= :start AND m.at < :end AND ${FILTER}
        GROUP BY m.unit_id, m.item_id
        ORDER BY ${orderOf('u.type', UNIT_TYPES)}, u.code, i.code`,
    )
    .raw(true)
    .iterate(params) as IterableIterator<GroupedSql>;
  const losses = stocktakeRows(db, params, 'loss');
  const writeOffs = stocktakeRows(db, params, 'loss', 'write_off');
  await writeGrouped(
    wb,
    t('ledger.sheet.byUnit'),
    [
      { header: t('ledger.col.unitType'), width: 14 },
      { header: t('ledger.col.unitCode'), width: 10 },
      { header: t('ledger.col.recipient'), width: 26 },
      { header: t('ledger.col.district'), width: 10 },
    ],
    chain(
      groupRows(cursor, ([, type, code, name, district]) => [type ? t(`unitType.${type}`) : t('ledger.col.transitLoss'), code, name, district || null]),
      groupRows(losses, () => [t('ledger.col.stocktakeLoss'), null, null, null]),
      groupRows(writeOffs, () => [t('docType.write_off'), null, null, null]),
    ),
    x,
    hooks,
    // A subtotal per unit type (方舱医院, 隔离酒店 …) as the briefings count them.
    (r) => r.cells[0]!,
  );
}

async function writeBySource(db: Database.Database, wb: ExcelJS.stream.xlsx.WorkbookWriter, params: Params, x: Texts, hooks: TaskHooks): Promise<void> {
  const { t } = x;
  // A return (退库) names the unit that sent the goods back, in the supplier's place.
  const cursor = db
    .prepare(
      `SELECT coalesce(m.source_type, 'other') || '|' || coalesce(m.supplier_id, '') || '|' || coalesce(m.unit_id, ''),
              coalesce(m.source_type, 'other'), coalesce(s.code, u.code), coalesce(s.name, u.name), s.kind,
              i.code, i.name, i.spec, i.unit, i.category, sum(m.qty), sum(coalesce(m.amount, 0))
         FROM movements m JOIN items i ON i.id = m.item_id
         LEFT JOIN suppliers s ON s.id = m.supplier_id LEFT JOIN units u ON u.id = m.unit_id
        WHERE m.doc_type IN ${RECEIPT_DOCS_SQL} AND m.at >= :start AND m.at < :end AND NOT ${OPENING} AND ${FILTER}
        GROUP BY m.source_type, m.supplier_id, m.unit_id, m.item_id
        ORDER BY ${orderOf("coalesce(m.source_type, 'other')", SOURCE_TYPES)}, coalesce(s.code, u.code), i.code`,
    )
    .raw(true)
    .iterate(params) as IterableIterator<GroupedSql>;
  const gains = stocktakeRows(db, params, 'gain');
  await writeGrouped(
    wb,
    t('ledger.sheet.bySource'),
    [
      { header: t('ledger.col.sourceType'), width: 10 },
      { header: t('ledger.col.supplierCode'), width: 10 },
      { header: t('ledger.col.supplier'), width: 26 },
      { header: t('ledger.col.supplierKind'), width: 10 },
    ],
    chain(
      groupRows(cursor, ([, source, code, name, kind]) => [t(`sourceType.${source}`), code, name ?? t('ledger.noCounterparty'), kind ? t(`supplierKind.${kind}`) : null]),
      groupRows(gains, () => [t('ledger.col.stocktakeGain'), null, null, null]),
    ),
    x,
    hooks,
    (r) => r.cells[0]!,
  );
}
