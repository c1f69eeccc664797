import type Database from 'better-sqlite3';
import type { TFunction } from 'i18next';
import { dayStart, excelSerial, localDateTime, periodBounds } from '../domains/ledger/period.ts';
import { sideOf } from '../domains/ledger/sides.ts';
import { abandon, drain, FMT, sheetOptions, STYLE, styleRow, workbookWriter, writeHeader, writeTitle, type ColumnSpec, columnStyle } from './sheet.ts';
import { Cancelled, type TaskHooks } from './task.ts';

export interface StockCardOptions {
  file: string;
  itemId: number;
  lotId: number | null;
  from: string | null;
  to: string | null;
  generatedAt: string;
  t: TFunction;
}

const BATCH = 2_000;
const yuan = (fen: number) => fen / 100;

type CardRow = [string, string, string, number, number | null, string, string, string | null, string];

/**
 * The stock card (明细账) of one item or one lot: the opening balance, every ledger row of the
 * period with the running balance in quantity and amount, the period's totals and the closing
 * balance.
 */
export async function writeStockCard(db: Database.Database, o: StockCardOptions, hooks: TaskHooks): Promise<{ rows: number; items: number }> {
  const { t } = o;
  const item = db.prepare('SELECT code, name, spec, unit, category FROM items WHERE id = ?').get(o.itemId) as
    | { code: string; name: string; spec: string; unit: string; category: string }
    | undefined;
  if (!item) throw new Error(`item ${o.itemId} not found`);
  const lotNo = o.lotId === null ? null : ((db.prepare('SELECT lot_no FROM lots WHERE id = ?').get(o.lotId) as { lot_no: string } | undefined)?.lot_no ?? null);
  const depot = (db.prepare(`SELECT value FROM settings WHERE key = 'depot.name'`).get() as { value: string } | undefined)?.value ?? '';

  // Without a period the card runs from the first row to now.
  const start = o.from ? dayStart(o.from) : '';
  const end = o.to ? periodBounds(o.to, o.to).end : '9999';
  const params = { itemId: o.itemId, lotId: o.lotId, start, end };
  const filter = 'm.item_id = :itemId AND (:lotId IS NULL OR m.lot_id = :lotId)';
  const opening = db.prepare(`SELECT coalesce(sum(m.qty), 0) AS qty, coalesce(sum(m.amount), 0) AS amount FROM movements m WHERE ${filter} AND m.at < :start`).get(params) as {
    qty: number;
    amount: number;
  };
  const total = (db.prepare(`SELECT count(*) AS n FROM movements m WHERE ${filter} AND m.at >= :start AND m.at < :end`).get(params) as { n: number }).n;
  hooks.progress(0, total, 'card');

  const columns: ColumnSpec[] = [
    { header: t('ledger.col.at'), width: 17, numFmt: FMT.dateTime },
    { header: t('ledger.col.docType'), width: 11 },
    { header: t('ledger.col.docNo'), width: 17 },
    { header: t('ledger.col.lotNo'), width: 14 },
    { header: t('ledger.col.location'), width: 11 },
    { header: t('ledger.col.counterparty'), width: 24 },
    { header: t('ledger.col.qtyIn'), width: 11, numFmt: FMT.qty },
    { header: t('ledger.col.qtyOut'), width: 11, numFmt: FMT.qty },
    { header: t('ledger.col.balance'), width: 12, numFmt: FMT.qty },
    { header: t('ledger.col.unitPrice'), width: 10, numFmt: FMT.money },
    { header: t('ledger.col.amountIn'), width: 14, numFmt: FMT.money },
    { header: t('ledger.col.amountOut'), width: 14, numFmt: FMT.money },
    { header: t('ledger.col.balanceAmount'), width: 15, numFmt: FMT.money },
    { header: t('ledger.col.operator'), width: 10 },
  ];
  const period = o.from || o.to ? t('ledger.workbook.period', { from: o.from ?? '…', to: o.to ?? '…' }) : t('ledger.workbook.periodAll');
  const scope = lotNo === null ? '' : `\u3000${t('ledger.workbook.lot', { lot: lotNo || '—' })}`;

  const wb = workbookWriter(o.file, depot);
  try {
    const ws = wb.addWorksheet(t('ledger.sheet.card'), sheetOptions([4, 4], 0, t('ledger.workbook.footer')));
    ws.columns = columns.map((c) => ({ width: c.width, style: columnStyle(c) }));
    writeTitle(ws, columns.length, t('ledger.workbook.cardTitle', { depot }), `${period}\u3000\u3000${t('ledger.workbook.generated', { at: localDateTime(o.generatedAt) })}`);
    const itemLine = ws.addRow([
      t('ledger.workbook.itemLine', { code: item.code, name: item.name, spec: item.spec || '—', unit: item.unit, category: t(`category.${item.category}`) }) + scope,
    ]);
    itemLine.getCell(1).style = STYLE.subtitle;
    ws.mergeCells(3, 1, 3, columns.length);
    itemLine.commit();
    writeHeader(ws, columns.map((c) => c.header));

    let balance = opening.qty;
    let balanceAmount = opening.amount;
    const openingRow = ws.addRow([null, t('ledger.row.opening'), null, null, null, null, null, null, balance, null, null, null, yuan(balanceAmount), null]);
    styleRow(openingRow, columns, STYLE.subtotal);
    openingRow.commit();

    const sums = { qtyIn: 0, qtyOut: 0, amountIn: 0, amountOut: 0 };
    let done = 0;
    const cursor = db
      .prepare(
        `SELECT m.at, m.doc_type, m.doc_no, m.qty, m.amount, l.lot_no, loc.code, coalesce(u.name, s.name), o.name
           FROM movements m
           JOIN lots l ON l.id = m.lot_id JOIN locations loc ON loc.id = m.location_id JOIN operators o ON o.id = m.operator_id
           LEFT JOIN units u ON u.id = m.unit_id LEFT JOIN suppliers s ON s.id = m.supplier_id
          WHERE ${filter} AND m.at >= :start AND m.at < :end
          ORDER BY m.at, m.id`,
      )
      .raw(true)
      .iterate(params) as IterableIterator<CardRow>;
    for (const [at, docType, docNo, qty, amount, lot, location, counterparty, operator] of cursor) {
      const s = sideOf(docType, qty, amount);
      balance += qty;
      balanceAmount += amount ?? 0;
      const amountYuan = s.amount === null ? null : yuan(s.amount);
      ws.addRow([
        excelSerial(Date.parse(at)),
        t(`docType.${docType}`),
        docNo,
        lot || null,
        location,
        counterparty,
        s.side === 'in' ? s.qty : null,
        s.side === 'out' ? s.qty : null,
        balance,
        amount === null ? null : Math.abs(amount / qty) / 100,
        s.side === 'in' ? amountYuan : null,
        s.side === 'out' ? amountYuan : null,
        yuan(balanceAmount),
        operator,
      ]).commit();
      if (s.side === 'in') {
        sums.qtyIn += s.qty;
        sums.amountIn += s.amount ?? 0;
      } else {
        sums.qtyOut += s.qty;
        sums.amountOut += s.amount ?? 0;
      }
      if (++done % BATCH === 0) {
        hooks.progress(done, total, 'card');
        if (hooks.cancelled()) throw new Cancelled();
        await drain(ws);
      }
    }
    const periodRow = ws.addRow([null, t('ledger.row.periodTotal'), null, null, null, null, sums.qtyIn, sums.qtyOut, null, null, yuan(sums.amountIn), yuan(sums.amountOut), null, null]);
    styleRow(periodRow, columns, STYLE.subtotal);
    periodRow.commit();
    const closingRow = ws.addRow([null, t('ledger.row.closing'), null, null, null, null, null, null, balance, null, null, null, yuan(balanceAmount), null]);
    styleRow(closingRow, columns, STYLE.total);
    closingRow.commit();
    ws.commit();
    hooks.progress(total, total, 'writing');
    await wb.commit();
    return { rows: done, items: 1 };
  } catch (e) {
    await abandon(wb);
    throw e;
  }
}
