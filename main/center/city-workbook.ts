import type ExcelJS from 'exceljs';
import type { Locale } from '../../shared/domain.ts';
import { excelDate, excelSerial, localDateTime, periodBounds } from '../domains/ledger/period.ts';
import { IN_AMOUNT_SQL, IN_QTY_SQL, OUT_AMOUNT_SQL, OUT_QTY_SQL } from '../domains/ledger/sides.ts';
import { abandon, columnStyle, drain, fitWidth, FMT, sheetOptions, STYLE, styleRow, sum, workbookWriter, writeHeader, writeTitle, type ColumnSpec } from '../excel/sheet.ts';
import { translator } from '../documents/html.ts';
import type { CenterStore } from './store.ts';

/** Rows read from PostgreSQL at a time: the detail is paged by its key, so memory stays flat however long the ledger. */
const PAGE = 2_000;

export interface CityWorkbookOptions {
  file: string;
  from: string;
  to: string;
  /** One depot's ledger, or the city's (every depot) without. */
  depot?: string;
  locale: Locale;
  progress?: (done: number, total: number) => void;
}

/**
 * The comprehensive ledger (综合台账) at the center, for the city or one depot: 汇总 by item ×
 * depot (opening, in, out, closing, quantities and amounts) and 明细, every ledger row of the
 * period, by the depots' own in/out rules (main/domains/ledger/sides.ts; moves between locations
 * net to nothing per item and show only in the detail, as at a depot), streamed from
 * PostgreSQL into exceljs's streaming writer with progress.
 */
export async function writeCityWorkbook(center: CenterStore, o: CityWorkbookOptions): Promise<{ rows: number; items: number }> {
  const t = translator(o.locale);
  const { start, end } = periodBounds(o.from, o.to);
  const depot = o.depot ?? null;
  const { rows: counted } = await center.pool.query<{ n: number }>('SELECT count(*) AS n FROM movements WHERE at >= $1 AND at < $2 AND ($3::text IS NULL OR depot_code = $3)', [start, end, depot]);
  const total = counted[0]!.n;
  o.progress?.(0, total);
  const title = depot ? t('center.workbook.depotTitle', { depot }) : t('center.workbook.title');
  const subtitle = `${t('ledger.workbook.period', { from: o.from, to: o.to })}\u3000\u3000${t('ledger.workbook.generated', { at: localDateTime(new Date().toISOString()) })}`;
  const footer = t('ledger.workbook.footer');
  const wb = workbookWriter(o.file, t('center.page.title'));
  try {
    const items = await writeSummary(center, wb, { start, end, depot }, { t, title, subtitle, footer });
    const rows = await writeDetail(center, wb, { start, end, depot }, total, { t, title, subtitle, footer }, o.progress);
    await wb.commit();
    return { rows, items };
  } catch (e) {
    await abandon(wb);
    throw e;
  }
}

type Period = { start: string; end: string; depot: string | null };
type Texts = { t: ReturnType<typeof translator>; title: string; subtitle: string; footer: string };

async function writeSummary(center: CenterStore, wb: ExcelJS.stream.xlsx.WorkbookWriter, p: Period, x: Texts): Promise<number> {
  const { t } = x;
  const { rows } = await center.pool.query<{ depot: string; code: string; name: string; unit: string; category: string; oq: number; oa: number; iq: number; ia: number; uq: number; ua: number }>(
    `SELECT m.depot_code AS depot, m.item_code AS code, max(m.item_name) AS name, max(m.item_unit) AS unit, max(m.category) AS category,
            coalesce(sum(m.qty) FILTER (WHERE m.at < $1), 0) AS oq, coalesce(sum(coalesce(m.amount, 0)) FILTER (WHERE m.at < $1), 0) AS oa,
            coalesce(sum(${IN_QTY_SQL}) FILTER (WHERE m.at >= $1 AND m.doc_type <> 'move'), 0) AS iq, coalesce(sum(${IN_AMOUNT_SQL}) FILTER (WHERE m.at >= $1 AND m.doc_type <> 'move'), 0) AS ia,
            coalesce(sum(${OUT_QTY_SQL}) FILTER (WHERE m.at >= $1 AND m.doc_type <> 'move'), 0) AS uq, coalesce(sum(${OUT_AMOUNT_SQL}) FILTER (WHERE m.at >= $1 AND m.doc_type <> 'move'), 0) AS ua
       FROM movements m WHERE m.at < $2 AND ($3::text IS NULL OR m.depot_code = $3)
      GROUP BY m.depot_code, m.item_code ORDER BY m.item_code, m.depot_code`,
    [p.start, p.end, p.depot],
  );
  const yuan = (fen: number) => fen / 100;
  const columns: ColumnSpec[] = [
    { header: t('ledger.col.itemCode'), width: 12 },
    { header: t('ledger.col.itemName'), width: fitWidth(t('ledger.col.itemName'), rows.slice(0, 200).map((r) => r.name)) },
    { header: t('ledger.col.unit'), width: 6 },
    { header: t('ledger.col.category'), width: 12 },
    { header: t('center.workbook.depot'), width: 10 },
    ...(['openingQty', 'openingAmount', 'inTotal', 'inAmount', 'outTotal', 'outAmount', 'closingQty', 'closingAmount'] as const).map((k) => ({
      header: t(`ledger.col.${k}`),
      width: 14,
      numFmt: k.endsWith('Amount') ? FMT.money : FMT.qty,
    })),
  ];
  const ws = wb.addWorksheet(t('ledger.sheet.summary'), sheetOptions([3, 3], 2, x.footer));
  ws.columns = columns.map((c) => ({ width: c.width, style: columnStyle(c) }));
  writeTitle(ws, columns.length, x.title, x.subtitle);
  writeHeader(ws, columns.map((c) => c.header));
  const totals = new Array<number>(8).fill(0);
  for (const r of rows) {
    const figures = [r.oq, yuan(r.oa), r.iq, yuan(r.ia), r.uq, yuan(r.ua), r.oq + r.iq - r.uq, yuan(r.oa + r.ia - r.ua)];
    figures.forEach((v, i) => (totals[i]! += v));
    ws.addRow([r.code, r.name, r.unit, t(`category.${r.category}`), r.depot, ...figures]).commit();
  }
  const first = 4;
  const last = first + rows.length - 1;
  const row = ws.addRow([null, t('ledger.row.total'), null, null, null, ...totals.map((v, i) => sum(6 + i, first, last, Math.round(v * 100) / 100))]);
  styleRow(row, columns, STYLE.total);
  row.commit();
  ws.commit();
  return new Set(rows.map((r) => r.code)).size;
}

async function writeDetail(center: CenterStore, wb: ExcelJS.stream.xlsx.WorkbookWriter, p: Period, total: number, x: Texts, progress?: (done: number, total: number) => void): Promise<number> {
  const { t } = x;
  const columns: ColumnSpec[] = [
    { header: t('center.workbook.depot'), width: 10 },
    { header: t('ledger.col.at'), width: 17, numFmt: FMT.dateTime },
    { header: t('ledger.col.docType'), width: 11 },
    { header: t('ledger.col.docNo'), width: 18 },
    { header: t('ledger.col.itemCode'), width: 12 },
    { header: t('ledger.col.itemName'), width: 20 },
    { header: t('ledger.col.unit'), width: 6 },
    { header: t('ledger.col.lotNo'), width: 12 },
    { header: t('ledger.col.expiresOn'), width: 11, numFmt: FMT.date },
    { header: t('ledger.col.recipient'), width: 16 },
    { header: t('ledger.col.qtyIn'), width: 11, numFmt: FMT.qty },
    { header: t('ledger.col.qtyOut'), width: 11, numFmt: FMT.qty },
    { header: t('ledger.col.amount'), width: 13, numFmt: FMT.money },
  ];
  const ws = wb.addWorksheet(t('ledger.sheet.detail'), sheetOptions([3, 3], 0, x.footer));
  ws.columns = columns.map((c) => ({ width: c.width, style: columnStyle(c) }));
  writeTitle(ws, columns.length, x.title, x.subtitle);
  writeHeader(ws, columns.map((c) => c.header));
  let done = 0;
  // Keyset paging in the order of the primary key: each page starts after the last row written.
  let after: [string, number] = ['', 0];
  for (;;) {
    const { rows } = await center.pool.query<{ depot: string; id: number; at: Date; doc_type: string; doc_no: string; item_code: string; item_name: string; item_unit: string; lot_no: string; expires_on: string | null; recipient: string | null; qi: number; qo: number; amount: number | null }>(
      `SELECT m.depot_code AS depot, m.depot_row_id AS id, m.at, m.doc_type, m.doc_no, m.item_code, m.item_name, m.item_unit, m.lot_no,
              to_char(m.expires_on, 'YYYY-MM-DD') AS expires_on, m.recipient_code AS recipient, ${IN_QTY_SQL} AS qi, ${OUT_QTY_SQL} AS qo, m.amount
         FROM movements m
        WHERE m.at >= $1 AND m.at < $2 AND ($3::text IS NULL OR m.depot_code = $3) AND (m.depot_code, m.depot_row_id) > ($4, $5)
        ORDER BY m.depot_code, m.depot_row_id LIMIT ${PAGE}`,
      [p.start, p.end, p.depot, after[0], after[1]],
    );
    for (const r of rows) {
      ws.addRow([
        r.depot, excelSerial(r.at.getTime()), t(`docType.${r.doc_type}`), r.doc_no, r.item_code, r.item_name, r.item_unit, r.lot_no,
        r.expires_on === null ? null : excelDate(r.expires_on), r.recipient, r.qi, r.qo, r.amount === null ? t('ledger.unpriced') : r.amount / 100,
      ]).commit();
    }
    done += rows.length;
    progress?.(done, total);
    await drain(ws);
    if (rows.length < PAGE) break;
    after = [rows.at(-1)!.depot, rows.at(-1)!.id];
  }
  ws.commit();
  return done;
}
