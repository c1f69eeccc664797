import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Events } from '../../../shared/contract/index.ts';
import { startExport } from '../../../main/excel/run-export.ts';
import { call } from '../../support/depot.ts';
import { ledgerMismatches } from '../../support/fixtures.ts';
import { threeDays, type Scenario } from '../domains/ledger/scenario.ts';
import { n, readWorkbook, table, type Sheet, type Value } from './read-back.ts';

let s: Scenario;
beforeAll(async () => {
  s = await threeDays();
});
afterAll(() => s?.env.cleanup());

const START = '2026-04-08T16:00:00.000Z'; // 2026-04-09 00:00 in Beijing
const END = '2026-04-10T16:00:00.000Z'; // 2026-04-11 00:00

/** The summary's two header rows as one: the group row where the sub-header is empty. */
function summaryRows(sheet: Sheet) {
  const width = Math.max(sheet[2]!.length, sheet[3]!.length);
  const header = Array.from({ length: width }, (_, i) => String(sheet[3]![i] ?? sheet[2]![i] ?? ''));
  const rows: Record<string, Value>[] = [];
  let total: Record<string, Value> | null = null;
  for (const values of sheet.slice(4)) {
    const record = Object.fromEntries(header.map((h, i) => [h, values[i] ?? null]));
    if (values[1] === '合计') {
      total = record;
      break;
    }
    rows.push(record);
  }
  return { header, rows, total: total! };
}

async function exportLedger(from: string, to: string, extra: Record<string, unknown> = {}) {
  const path = join(s.env.dir, `台账-${from}-${to}-${Math.random().toString(36).slice(2)}.xlsx`);
  const result = await call(s.depot, s.admin, 'ledger.export', { from, to, path, ...extra });
  return { path, result, wb: await readWorkbook(path) };
}

describe('the comprehensive ledger workbook (综合台账)', () => {
  it('reconciles per item: opening + in − out = closing, each equal to independent SQL over the ledger and to the balances', async () => {
    const { wb, result } = await exportLedger('2026-04-09', '2026-04-10');
    expect(result.status).toBe('done');
    expect([...wb.keys()]).toEqual(['汇总', '明细', '按受领单位', '按来源']);
    const { rows, total, header } = summaryRows(wb.get('汇总')!);
    expect(header).toEqual(expect.arrayContaining(['期初数量', '期初金额(元)', '入库合计', '出库合计', '期末数量', '期末金额(元)', '方舱医院', '上级调拨', '退库', '盘盈', '盘亏']));
    expect(rows.map((r) => r['物资编码'])).toEqual(['CW-001', 'FH-001', 'FH-010']);
    // Below the totals: how mixed units add up, and the signatures finance asks for.
    const tail = wb.get('汇总')!.slice(-4).map((r) => String(r[0] ?? ''));
    expect(tail.some((c) => c.startsWith('注：数量合计为各物资按各自计量单位'))).toBe(true);
    expect(tail.some((c) => c.startsWith('制表：') && c.includes('审核：') && c.includes('负责人：'))).toBe(true);

    for (const r of rows) {
      const item = s.depot.store.first<{ id: number }>('SELECT id FROM items WHERE code = ?', [r['物资编码']])!.id;
      const sql = s.depot.store.first<{ opening: number; openingAmount: number; inQty: number; outQty: number; inAmount: number; outAmount: number; closing: number; closingAmount: number }>(
        `SELECT sum(CASE WHEN at < :start THEN qty ELSE 0 END) AS opening,
                sum(CASE WHEN at < :start THEN coalesce(amount, 0) ELSE 0 END) AS openingAmount,
                sum(CASE WHEN at >= :start AND at < :end AND (doc_type IN ('receipt', 'receipt_reversal') OR (doc_type = 'stocktake' AND qty > 0)) THEN qty ELSE 0 END) AS inQty,
                sum(CASE WHEN at >= :start AND at < :end AND (doc_type IN ('dispatch', 'dispatch_reversal', 'delivery_adjustment') OR (doc_type = 'stocktake' AND qty < 0)) THEN -qty ELSE 0 END) AS outQty,
                sum(CASE WHEN at >= :start AND at < :end AND (doc_type IN ('receipt', 'receipt_reversal') OR (doc_type = 'stocktake' AND qty > 0)) THEN coalesce(amount, 0) ELSE 0 END) AS inAmount,
                sum(CASE WHEN at >= :start AND at < :end AND (doc_type IN ('dispatch', 'dispatch_reversal', 'delivery_adjustment') OR (doc_type = 'stocktake' AND qty < 0)) THEN -coalesce(amount, 0) ELSE 0 END) AS outAmount,
                sum(CASE WHEN at < :end THEN qty ELSE 0 END) AS closing,
                sum(CASE WHEN at < :end THEN coalesce(amount, 0) ELSE 0 END) AS closingAmount
           FROM movements WHERE item_id = :item`,
        { start: START, end: END, item },
      )!;
      expect(n(r['期初数量']) + n(r['入库合计']) - n(r['出库合计'])).toBe(n(r['期末数量']));
      expect([n(r['期初数量']), n(r['入库合计']), n(r['出库合计']), n(r['期末数量'])]).toEqual([sql.opening, sql.inQty, sql.outQty, sql.closing]);
      expect([r['期初金额(元)'], r['入库金额(元)'], r['出库金额(元)'], r['期末金额(元)']]).toEqual([sql.openingAmount / 100, sql.inAmount / 100, sql.outAmount / 100, sql.closingAmount / 100]);
      // The period ends after the last posting: the closing balance is what is on hand now.
      const onHand = s.depot.store.first<{ q: number }>('SELECT coalesce(sum(on_hand), 0) AS q FROM stock WHERE item_id = ?', [item])!.q;
      expect(n(r['期末数量'])).toBe(onHand);
    }
    expect(ledgerMismatches(s.depot)).toEqual([]);

    // The in columns by source type and the out columns by recipient type add up to their totals, in every row and the totals row.
    const inCols = ['上级调拨', '退库', '盘盈'];
    const outCols = ['方舱医院', '隔离酒店', '途中短少/损坏', '盘亏'];
    for (const r of [...rows, total]) {
      expect(inCols.reduce((a, c) => a + n(r[c]), 0)).toBe(n(r['入库合计']));
      expect(outCols.reduce((a, c) => a + n(r[c]), 0)).toBe(n(r['出库合计']));
    }
    for (const c of ['期初数量', '入库合计', '出库合计', '期末数量', ...inCols, ...outCols]) {
      expect(n(total[c])).toBe(rows.reduce((a, r) => a + n(r[c]), 0));
    }
    // The reversal of the higher-level allocation is a red (negative) in; the hotel's reversed dispatch nets to 0.
    expect(rows.find((r) => r['物资编码'] === 'FH-010')!['上级调拨']).toBe(-100);
    expect(rows.find((r) => r['物资编码'] === 'FH-010')!['隔离酒店']).toBe(0);
    const bySourceType = s.depot.store.all<{ source_type: string; q: number }>(
      `SELECT source_type, sum(qty) AS q FROM movements WHERE doc_type IN ('receipt', 'receipt_reversal') AND at >= ? AND at < ? GROUP BY source_type`,
      [START, END],
    );
    expect(Object.fromEntries(bySourceType.map((x) => [x.source_type, x.q]))).toEqual({ allocation: n(total['上级调拨']), return: n(total['退库']) });
    const byUnitType = s.depot.store.all<{ type: string | null; q: number }>(
      `SELECT u.type, sum(-m.qty) AS q FROM movements m LEFT JOIN units u ON u.id = m.unit_id
        WHERE m.doc_type IN ('dispatch', 'dispatch_reversal', 'delivery_adjustment') AND m.at >= ? AND m.at < ? GROUP BY u.type`,
      [START, END],
    );
    expect(Object.fromEntries(byUnitType.map((x) => [x.type ?? 'transit', x.q]))).toEqual({
      makeshift_hospital: n(total['方舱医院']),
      quarantine_hotel: n(total['隔离酒店']),
      transit: n(total['途中短少/损坏']),
    });
  });

  it('lists every ledger row of the period in 明细, in Chinese, with dates, red reversals and totals', async () => {
    const { wb } = await exportLedger('2026-04-09', '2026-04-10');
    const sheet = wb.get('明细')!;
    expect(sheet[0]![0]).toBe('市本级应急物资储备库综合台账');
    expect(String(sheet[1]![0])).toMatch(/^期间：2026-04-09 至 2026-04-10\u3000\u3000范围：全部物资\u3000\u3000计价方法：移动加权平均（按物资）\u3000\u3000生成时间：2026-04-10 18:00$/);
    const { rows, stopRow } = table(sheet, 3, 1, '合计');
    const ledger = s.depot.store.all<{ qty: number; doc_no: string; doc_type: string }>('SELECT qty, doc_no, doc_type FROM movements WHERE at >= ? AND at < ? ORDER BY at, id', [START, END]);
    expect(rows.map((r) => r['单据号'])).toEqual(ledger.map((m) => m.doc_no));
    expect(rows.reduce((a, r) => a + n(r['收入数量']) - n(r['发出数量']), 0)).toBe(ledger.reduce((a, m) => a + m.qty, 0));
    // Moves (移库) are listed but not totalled, as in 汇总: the two sheets' totals tie.
    expect(rows.some((r) => r['业务类型'] === '移库')).toBe(true);
    const counted = rows.filter((r) => r['业务类型'] !== '移库');
    expect(stopRow!['收入数量']).toBe(counted.reduce((a, r) => a + n(r['收入数量']), 0));
    expect(stopRow!['发出数量']).toBe(counted.reduce((a, r) => a + n(r['发出数量']), 0));
    const summary = summaryRows(wb.get('汇总')!);
    expect([stopRow!['收入数量'], stopRow!['发出数量']]).toEqual([summary.total['入库合计'], summary.total['出库合计']]);

    const reversal = rows.find((r) => r['业务类型'] === '入库红冲')!;
    expect(reversal).toMatchObject({ 物资名称: '医用一次性防护服', 批号: 'S2', 来源类型: '上级调拨' });
    expect(reversal['收入数量']).toBe(-100);
    expect(reversal['收入金额(元)']).toBe(-2400);
    expect(reversal['供货方/捐赠方']).toBe('自治区应急管理厅');
    // Excel dates carry the depot's wall clock (09:00 in Beijing), not UTC.
    expect(reversal['日期时间']).toEqual(new Date('2026-04-09T09:00:00Z'));
    expect(reversal['有效期至']).toEqual(new Date('2028-06-30T00:00:00Z'));
    const shipped = rows.filter((r) => r['业务类型'] === '出库' && r['受领单位'] === '会展中心方舱医院');
    expect(shipped.reduce((a, r) => a + n(r['发出数量']), 0)).toBe(1300);
    expect(rows.find((r) => r['业务类型'] === '出库红冲')!['发出数量']).toBe(-50);

    // 摘要: a reversal names what it reverses and why; a receipt its PO or waybill; a stocktake its reason.
    const receiptReversal = s.depot.store.first<{ no: string; note: string; original: string }>(
      `SELECT r.no, r.note, o.no AS original FROM receipts r JOIN receipts o ON o.id = r.reverses_id WHERE r.no = ?`,
      [reversal['单据号']],
    )!;
    expect(receiptReversal.note).not.toBe('');
    expect(reversal['摘要']).toBe(`红冲 ${receiptReversal.original}：${receiptReversal.note}`);
    const dispatchReversal = rows.find((r) => r['业务类型'] === '出库红冲')!;
    const order = s.depot.store.first<{ remarks: string; original: string }>(
      `SELECT d.remarks, o.no AS original FROM dispatch_orders d JOIN dispatch_orders o ON o.id = d.reverses_id WHERE d.no = ?`,
      [dispatchReversal['单据号']],
    )!;
    expect(dispatchReversal['摘要']).toBe(`红冲 ${order.original}：${order.remarks}`);
    for (const r of rows.filter((x) => x['业务类型'] === '入库')) {
      const receipt = s.depot.store.first<{ reference: string; note: string }>('SELECT reference, note FROM receipts WHERE no = ?', [r['单据号']])!;
      expect(r['摘要'] ?? null).toBe([receipt.reference, receipt.note].filter((x) => x).join('；') || null);
    }
    const stocktakes = rows.filter((r) => r['业务类型'] === '盘点调整');
    expect(stocktakes.length).toBeGreaterThan(0);
    for (const r of stocktakes) expect(r['摘要']).toBe(s.depot.store.first<{ reason: string }>('SELECT reason FROM stocktakes WHERE no = ?', [r['单据号']])!.reason || null);
  });

  it('shows dispatches per recipient unit and receipts per source and supplier, adding up to the summary', async () => {
    const { wb } = await exportLedger('2026-04-08', '2026-04-10');
    const summary = summaryRows(wb.get('汇总')!);
    const byUnit = table(wb.get('按受领单位')!, 3, 0, '合计');
    const units = byUnit.rows.filter((r) => r['物资编码'] !== '小计');
    expect(units.filter((r) => r['受领单位'] === '会展中心方舱医院').map((r) => [r['物资编码'], r['数量']])).toEqual([
      ['CW-001', 100],
      ['FH-001', 1180],
    ]);
    expect(byUnit.stopRow!['数量']).toBe(units.reduce((a, r) => a + n(r['数量']), 0));
    // A subtotal per unit type equals 汇总's column of that type; every line names its category.
    const typeTotals = byUnit.rows.filter((r) => r['物资编码'] === '小计' && !r['单位编码']);
    for (const type of ['方舱医院', '隔离酒店', '盘亏']) {
      expect([type, typeTotals.find((r) => r['单位类型'] === type)?.['数量']]).toEqual([type, summary.total[type]]);
    }
    expect(units.filter((r) => r['物资编码'] === 'CW-001').every((r) => r['类别'] === '床及床上用品')).toBe(true);
    // Stocktake losses are their own lines (盘亏), so the sheet's total is 汇总's 出库合计, in quantity and in money.
    const losses = units.filter((r) => r['单位类型'] === '盘亏');
    expect(losses.length).toBeGreaterThan(0);
    expect(losses.reduce((a, r) => a + n(r['数量']), 0)).toBe(n(summary.total['盘亏']));
    expect(byUnit.stopRow!['数量']).toBe(n(summary.total['方舱医院']) + n(summary.total['隔离酒店']) + n(summary.total['途中短少/损坏']) + n(summary.total['盘亏']));
    expect([byUnit.stopRow!['数量'], byUnit.stopRow!['金额(元)']]).toEqual([summary.total['出库合计'], summary.total['出库金额(元)']]);

    const bySource = table(wb.get('按来源')!, 3, 0, '合计');
    const lines = bySource.rows.filter((r) => r['物资编码'] !== '小计');
    expect(lines.filter((r) => r['来源类型'] === '捐赠').map((r) => [r['供货方/捐赠方'], r['物资编码'], r['数量'], r['金额(元)']])).toEqual([
      ['爱心企业联合会', 'CW-001', 300, 0],
      ['爱心企业联合会', 'FH-001', 1000, 0],
      ['爱心企业联合会', 'FH-010', 30, 0],
    ]);
    expect(lines.filter((r) => r['来源类型'] === '上级调拨').map((r) => r['数量'])).toEqual([0]);
    const receipts = s.depot.store.first<{ q: number; a: number }>(
      `SELECT sum(qty) AS q, sum(coalesce(amount, 0)) AS a FROM movements WHERE doc_type IN ('receipt', 'receipt_reversal') AND at < ?`,
      [END],
    )!;
    // Stocktake gains are their own lines (盘盈) after the receipts, so the sheet's total is 汇总's 入库合计.
    const gains = lines.filter((r) => r['来源类型'] === '盘盈');
    expect(gains.length).toBeGreaterThan(0);
    const gained = s.depot.store.first<{ q: number; a: number }>(
      `SELECT sum(qty) AS q, sum(coalesce(amount, 0)) AS a FROM movements WHERE doc_type = 'stocktake' AND qty > 0 AND at < ?`,
      [END],
    )!;
    expect(gains.reduce((a, r) => a + n(r['数量']), 0)).toBe(gained.q);
    expect([bySource.stopRow!['数量'], bySource.stopRow!['金额(元)']]).toEqual([receipts.q + gained.q, (receipts.a + gained.a) / 100]);
    expect([bySource.stopRow!['数量'], bySource.stopRow!['金额(元)']]).toEqual([summary.total['入库合计'], summary.total['入库金额(元)']]);
    const sourceColumns = ['采购', '捐赠', '上级调拨', '退库'];
    expect(sourceColumns.reduce((a, c) => a + n(summary.total[c]), 0)).toBe(receipts.q);
  });

  it('filters by category or item, and lays the sheets out for A4 landscape with frozen headers', async () => {
    const { wb, path } = await exportLedger('2026-04-08', '2026-04-10', { filters: { category: 'bedding' } });
    const summary = summaryRows(wb.get('汇总')!);
    expect(summary.rows.map((r) => r['物资编码'])).toEqual(['CW-001']);
    expect(String(wb.get('汇总')![1]![0])).toContain('范围：类别 床及床上用品');
    expect(table(wb.get('明细')!, 3, 1, '合计').rows.every((r) => r['物资编码'] === 'CW-001')).toBe(true);

    // Layout, read with the full reader (the streaming one skips sheet properties).
    const full = new ExcelJS.Workbook();
    await full.xlsx.readFile(path);
    for (const ws of full.worksheets) {
      expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
      expect(ws.views[0]).toMatchObject({ state: 'frozen' });
      expect(ws.headerFooter.oddFooter).toContain('第 &P 页，共 &N 页');
      // Every cell with something in it names its font (Excel, WPS and LibreOffice draw the same
      // face), and every cell of the table from the header to the total row is bordered.
      const width = ws.columnCount;
      let inTable = false;
      ws.eachRow({ includeEmpty: false }, (row) => {
        row.eachCell({ includeEmpty: false }, (c) => expect([ws.name, row.number, c.address, c.font?.name]).toEqual([ws.name, row.number, c.address, '宋体']));
        const first = String(row.getCell(1).value ?? '');
        if (row.number >= 3 && row.getCell(1).border?.top) inTable = true;
        if (inTable) for (let c = 1; c <= width; c++) expect([ws.name, row.number, c, !!row.getCell(c).border?.left]).toEqual([ws.name, row.number, c, true]);
        if (first === '合计' || String(row.getCell(2).value ?? '') === '合计') inTable = false;
      });
    }
    const summarySheet = full.getWorksheet('汇总')!;
    expect(summarySheet.views[0]).toMatchObject({ xSplit: 3, ySplit: 4 });
    const width = summarySheet.getRow(4).cellCount;
    expect((summarySheet.model as { merges: string[] }).merges).toEqual(expect.arrayContaining([`A1:${String.fromCharCode(64 + width)}1`, 'A3:A4']));
    expect(summarySheet.getColumn(3).width).toBeGreaterThanOrEqual(12);
    expect(summarySheet.getCell('G5').numFmt).toBe('#,##0;[Red]-#,##0');
    expect(summarySheet.getCell('H5').numFmt).toBe('#,##0.00;[Red]-#,##0.00');
    expect(full.getWorksheet('明细')!.getCell('A4').numFmt).toBe('yyyy-mm-dd hh:mm');

    const item = await exportLedger('2026-04-08', '2026-04-10', { filters: { itemId: s.suit.id } });
    expect(summaryRows(item.wb.get('汇总')!).rows.map((r) => r['物资编码'])).toEqual(['FH-010']);
  });

  it('writes a period without any ledger row: every sheet, zero totals', async () => {
    const { wb, result } = await exportLedger('2026-01-01', '2026-01-31');
    expect(result).toMatchObject({ status: 'done', rows: 0, items: 0 });
    expect([...wb.keys()]).toEqual(['汇总', '明细', '按受领单位', '按来源']);
    expect(summaryRows(wb.get('汇总')!).total['期末数量']).toBe(0);
    expect(table(wb.get('明细')!, 3, 1, '合计').rows).toEqual([]);
  });

  it('speaks English when the session does', async () => {
    const en = s.depot.createSession('en');
    await call(s.depot, en, 'auth.signIn', { code: 'bgy01', password: 'bgy01-pass-1' });
    const path = join(s.env.dir, 'ledger-en.xlsx');
    await call(s.depot, en, 'ledger.export', { from: '2026-04-09', to: '2026-04-10', path });
    const wb = await readWorkbook(path);
    expect([...wb.keys()]).toEqual(['Summary', 'Detail', 'By recipient', 'By source']);
    expect(wb.get('Detail')![2]).toContain('Qty in');
  });

  it('refuses a bad path or period with a translated message and writes nothing', async () => {
    const bad = async (input: Record<string, unknown>) => {
      const r = await s.depot.invoke('ledger.export', { from: '2026-04-09', to: '2026-04-10', ...input }, s.admin);
      expect(r.ok).toBe(false);
      return r.ok ? '' : r.error.message;
    };
    expect(await bad({ path: 'relative.xlsx' })).toContain('文件路径必须是完整路径');
    expect(await bad({ path: join(s.env.dir, 'ledger.csv') })).toContain('文件路径必须是 .xlsx 文件');
    expect(await bad({ path: join(s.env.dir, 'no-such-dir', 'a.xlsx') })).toContain('文件夹不存在');
    expect(await bad({ path: join(s.env.dir, 'a.xlsx'), from: '2026-04-11' })).toContain('结束不能早于开始');
    expect(existsSync(join(s.env.dir, 'a.xlsx'))).toBe(false);
  });

  it('writes the stock card (明细账) of an item or a lot with opening, running balance and closing', async () => {
    const path = join(s.env.dir, '明细账.xlsx');
    await call(s.depot, s.admin, 'ledger.exportCard', { itemId: s.mask.id, from: '2026-04-09', to: '2026-04-10', path });
    const sheet = (await readWorkbook(path)).get('明细账')!;
    expect(sheet[0]![0]).toBe('市本级应急物资储备库物资明细账');
    expect(String(sheet[2]![0])).toContain('物资：FH-001 医用防护口罩');
    const { rows } = table(sheet, 4, 1, '期末结存');
    const opening = rows[0]!;
    expect(opening['业务类型']).toBe('期初结存');
    const before = s.depot.store.first<{ q: number }>('SELECT sum(qty) AS q FROM movements WHERE item_id = ? AND at < ?', [s.mask.id, START])!.q;
    expect(opening['结存数量']).toBe(before);
    const body = rows.slice(1, -1);
    let balance = before;
    for (const r of body) {
      balance += n(r['收入数量']) - n(r['发出数量']);
      expect(r['结存数量']).toBe(balance);
    }
    const closing = table(sheet, 4, 1, '期末结存').stopRow!;
    const now = s.depot.store.first<{ q: number }>('SELECT sum(on_hand) AS q FROM stock WHERE item_id = ?', [s.mask.id])!.q;
    expect(closing['结存数量']).toBe(now);

    const [m1] = await call(s.depot, s.admin, 'lots.find', { lotNo: 'M1' });
    const lotPath = join(s.env.dir, '明细账-M1.xlsx');
    await call(s.depot, s.admin, 'ledger.exportCard', { itemId: s.mask.id, lotId: m1!.id, path: lotPath });
    const lotSheet = (await readWorkbook(lotPath)).get('明细账')!;
    expect(String(lotSheet[2]![0])).toContain('批号 M1');
    const lotRows = table(lotSheet, 4, 1, '期末结存');
    expect(lotRows.rows.slice(1, -1).every((r) => r['批号'] === 'M1')).toBe(true);
    expect(lotRows.stopRow!['结存数量']).toBe(s.depot.store.first<{ q: number }>('SELECT sum(on_hand) AS q FROM stock WHERE lot_id = ?', [m1!.id])!.q);
  });
});

describe('a long export', () => {
  /** Adds ledger rows in bulk (raw inserts, as the benchmark does) so that an export takes a while. */
  function bulk(rows: number) {
    const db = s.depot.store.db;
    const lot = s.depot.store.first<{ id: number; location_id: number }>('SELECT lot_id AS id, location_id FROM stock WHERE on_hand > 0 LIMIT 1')!;
    const item = s.depot.store.first<{ item_id: number }>('SELECT item_id FROM lots WHERE id = ?', [lot.id])!.item_id;
    const insert = db.prepare(
      `INSERT INTO movements (at, item_id, lot_id, location_id, qty, amount, doc_type, doc_id, doc_no, source_type, supplier_id, operator_id)
       VALUES (?, ?, ?, ?, ?, ?, 'receipt', ?, ?, 'purchase', ?, 1)`,
    );
    db.transaction(() => {
      for (let i = 0; i < rows; i++) insert.run(`2026-04-10T09:${String(i % 60).padStart(2, '0')}:00.000Z`, item, lot.id, lot.location_id, 1, 100, 100_000 + i, `BULK-${i}`, s.maker.id);
      db.prepare('UPDATE stock SET on_hand = on_hand + ? WHERE lot_id = ? AND location_id = ?').run(rows, lot.id, lot.location_id);
    })();
  }

  it('runs off the main thread, reports progress, and can be cancelled leaving no file behind', async () => {
    bulk(60_000);
    const events: Events['job.progress'][] = [];
    const done: Events['job.done'][] = [];
    const off = [s.depot.on('job.progress', (e) => events.push(e)), s.depot.on('job.done', (e) => done.push(e))];

    // The main thread stays free while the workbook is written: timers keep firing.
    const path = join(s.env.dir, 'big.xlsx');
    let ticks = 0;
    let longest = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
      ticks++;
    }, 10);
    const result = await call(s.depot, s.admin, 'ledger.export', { jobId: 'job-full-1', from: '2026-04-08', to: '2026-04-10', path });
    clearInterval(timer);
    expect(result).toMatchObject({ jobId: 'job-full-1', status: 'done' });
    expect(result.rows).toBeGreaterThan(60_000);
    expect(ticks).toBeGreaterThan(20);
    expect(longest).toBeLessThan(500);
    const mine = events.filter((e) => e.jobId === 'job-full-1');
    expect(mine.length).toBeGreaterThan(2);
    expect(mine.at(-1)!.done).toBe(mine.at(-1)!.total);
    expect(done).toContainEqual({ jobId: 'job-full-1', status: 'done' });

    // Cancelled while writing: the answer says so, and neither the file nor a partial one is left.
    const target = join(s.env.dir, 'cancelled.xlsx');
    writeFileSync(join(s.env.dir, 'keep.txt'), 'x');
    const running = s.depot.invoke('ledger.export', { jobId: 'job-cancel-1', from: '2026-04-08', to: '2026-04-10', path: target }, s.admin);
    await until(() => readdirSync(s.env.dir).some((f) => f.startsWith('cancelled.xlsx.partial')));
    // Only the operator who started it (or an admin) may stop it.
    const other = await s.depot.invoke('jobs.cancel', { jobId: 'job-cancel-1' }, s.keeper);
    expect(other).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call(s.depot, s.admin, 'jobs.cancel', { jobId: 'job-cancel-1' })).toEqual({ cancelled: true });
    const answer = await running;
    expect(answer).toMatchObject({ ok: true, data: { status: 'cancelled', rows: 0 } });
    expect(readdirSync(s.env.dir).filter((f) => f.startsWith('cancelled.xlsx'))).toEqual([]);
    expect(await call(s.depot, s.admin, 'jobs.cancel', { jobId: 'job-cancel-1' })).toEqual({ cancelled: false });
    off.forEach((f) => f());
  });
});

describe('the export worker', () => {
  it('reports progress while it writes, batch by batch, before the result', async () => {
    const seen: { done: number; at: number }[] = [];
    const run = startExport(
      s.env.dbPath,
      { kind: 'ledger', path: join(s.env.dir, 'progress.xlsx'), from: '2026-04-08', to: '2026-04-10', filters: {}, locale: 'zh-CN', generatedAt: new Date().toISOString() },
      (done) => seen.push({ done, at: performance.now() }),
    );
    const result = (await run.result)!;
    const finished = performance.now();
    const partway = seen.filter((e) => e.done > 0 && e.done < result.rows);
    expect(partway.length).toBeGreaterThan(10);
    // Spread over the run, not all at the end.
    expect(finished - partway[0]!.at).toBeGreaterThan(500);
    expect(seen.at(-1)!.done).toBe(result.rows);
  });
});

async function until(check: () => boolean, ms = 30_000) {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('opening stock inside the period (期初)', () => {
  it('is the opening balance of 汇总, not a receipt; 明细 and 按来源 leave it out, so every sheet ties', async () => {
    const { tempDepot, adminSession, rid } = await import('../../support/depot.ts');
    const { smallDepot } = await import('../../support/fixtures.ts');
    const env = tempDepot({ clock: () => new Date('2026-04-10T09:00:00+08:00') });
    try {
      const admin = await adminSession(env.depot);
      const f = await smallDepot(env.depot, admin);
      const post = async (sourceType: string, counted: number, unitCost: number, lotNo: string) => {
        const d = await call(env.depot, admin, 'receipts.saveDraft', {
          sourceType, supplierId: sourceType === 'opening' ? null : f.maker.id, lines: [{ itemId: f.mask.id, lotNo, expiresOn: '2029-01-31', counted, unitCost, locationId: f.a1.id }], requestId: rid(),
        });
        await call(env.depot, admin, 'receipts.post', { id: d.id, version: d.version, requestId: rid() });
      };
      await post('opening', 1000, 200, 'OPEN');
      await post('purchase', 500, 300, 'BUY');
      const path = join(env.dir, '台账.xlsx');
      await call(env.depot, admin, 'ledger.export', { from: '2026-04-10', to: '2026-04-10', path });
      const wb = await readWorkbook(path);
      const { rows } = summaryRows(wb.get('汇总')!);
      // Was: 期初数量 0 and 1,500 received.
      expect(rows[0]).toMatchObject({ 物资编码: 'FH-001', 期初数量: 1000, 入库合计: 500, 期末数量: 1500 });
      expect(n(rows[0]!['期初金额(元)'])).toBe(2000);
      const detail = wb.get('明细')!.flat().filter((v) => v === '期初');
      expect(detail).toEqual([]);
    } finally {
      env.cleanup();
    }
  });
});

describe('unpriced goods in the workbook', () => {
  it('a donation without a value reads 未计价 in 明细, and a dispatch partly of it shows the price of its priced part and how much is unpriced', async () => {
    const { tempDepot, adminSession, sessionWithRole, rid } = await import('../../support/depot.ts');
    const { smallDepot } = await import('../../support/fixtures.ts');
    const env = tempDepot({ clock: () => new Date('2026-04-10T09:00:00+08:00') });
    try {
      const admin = await adminSession(env.depot);
      const f = await smallDepot(env.depot, admin);
      const approver = await sessionWithRole(env.depot, admin, 'approver', 'sh');
      const receive = async (sourceType: string, unitCost: number | null) => {
        const d = await call(env.depot, admin, 'receipts.saveDraft', {
          sourceType, supplierId: sourceType === 'donation' ? f.donor.id : f.maker.id, lines: [{ itemId: f.bed.id, counted: 100, unitCost, locationId: f.a1.id }], requestId: rid(),
        });
        await call(env.depot, admin, 'receipts.post', { id: d.id, version: d.version, requestId: rid() });
      };
      await receive('purchase', 1000);
      await receive('donation', null);
      const unit = await call(env.depot, admin, 'units.create', { code: 'U1', name: '方舱医院', type: 'makeshift_hospital', requestId: rid() });
      const order = await call(env.depot, admin, 'dispatch.create', { unitId: unit.id, lines: [{ itemId: f.bed.id, qty: 150 }], requestId: rid() });
      const approved = await call(env.depot, approver, 'dispatch.approve', { id: order.id, version: order.version, requestId: rid() });
      await call(env.depot, admin, 'dispatch.ship', { id: approved.id, version: approved.version, requestId: rid() });
      const path = join(env.dir, '台账.xlsx');
      await call(env.depot, admin, 'ledger.export', { from: '2026-04-10', to: '2026-04-10', path });
      const detail = (await readWorkbook(path)).get('明细')!;
      const rows = detail.filter((r) => r[2] && String(r[2]).match(/^(RK|CK)/));
      const priceOf = (docType: string) => rows.find((r) => r[1] === docType && (docType !== '入库' || r.includes('捐赠')))?.[16];
      expect(priceOf('入库')).toBe('未计价');
      // 150 out of 100 priced @ ¥10 and 100 unpriced: 75 priced at ¥10.00, 75 unpriced.
      expect(String(rows.find((r) => r[1] === '出库')?.[16])).toBe('10.00（含未计价 75）');
    } finally {
      env.cleanup();
    }
  });
});

describe('what a value rests on (计价依据)', () => {
  it('a purchase at its price, a donation at its declared value, an allocation at an assessed value, an undeclared donation at none: each said in 明细, and the book carries the values', async () => {
    const { tempDepot, adminSession, rid } = await import('../../support/depot.ts');
    const { smallDepot } = await import('../../support/fixtures.ts');
    const env = tempDepot({ clock: () => new Date('2026-04-10T09:00:00+08:00') });
    try {
      const admin = await adminSession(env.depot);
      const f = await smallDepot(env.depot, admin);
      const receive = async (sourceType: string, unitCost: number | null, valueBasis?: string) => {
        const d = await call(env.depot, admin, 'receipts.saveDraft', {
          sourceType, supplierId: sourceType === 'purchase' ? f.maker.id : f.donor.id, lines: [{ itemId: f.bed.id, counted: 10, unitCost, ...(valueBasis ? { valueBasis } : {}), locationId: f.a1.id }], requestId: rid(),
        });
        expect(d.lines[0]!.valueBasis).toBe(unitCost === null ? null : (valueBasis ?? (sourceType === 'purchase' ? 'price' : 'declared')));
        await call(env.depot, admin, 'receipts.post', { id: d.id, version: d.version, requestId: rid() });
      };
      await receive('purchase', 1000);
      await receive('donation', 1200);
      await receive('allocation', 900, 'assessed');
      await receive('donation', null);
      const path = join(env.dir, '台账.xlsx');
      await call(env.depot, admin, 'ledger.export', { from: '2026-04-10', to: '2026-04-10', path });
      const { rows } = table((await readWorkbook(path)).get('明细')!, 3, 1, '合计');
      expect(rows.map((r) => [r['来源类型'], r['单价(元)'], r['计价依据'] ?? null])).toEqual([
        ['采购', 10, '购入价'],
        ['捐赠', 12, '申报价值'],
        ['上级调拨', 9, '评估价值'],
        ['捐赠', '未计价', null],
      ]);
      // The declared and assessed values are book value like the price paid: ¥310.00 on 30 of the 40.
      expect(env.depot.store.first('SELECT priced_qty, priced_amount, unpriced_qty FROM item_valuation WHERE item_id = ?', [f.bed.id])).toEqual({ priced_qty: 30, priced_amount: 31_000, unpriced_qty: 10 });
    } finally {
      env.cleanup();
    }
  });
});
