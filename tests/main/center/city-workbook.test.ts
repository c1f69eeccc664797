import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { pgUnavailable, startPg, type TempPg } from '../../support/pg.ts';
import { registeredDepot, tempCenter } from '../../support/center.ts';
import { applyBatch } from '../../../main/center/apply.ts';
import { signedBatch } from '../../../main/center/batch.ts';
import { writeCityWorkbook } from '../../../main/center/city-workbook.ts';
import { cityStock } from '../../../main/center/views.ts';
import { localDay } from '../../../main/domains/ledger/period.ts';
import type { CenterStore } from '../../../main/center/store.ts';

const why = pgUnavailable();
let pg: TempPg;
let center: CenterStore;
const cleanups: (() => void)[] = [];

beforeAll(async () => {
  if (!why) pg = await startPg();
});
afterAll(() => pg?.stop());
afterEach(async () => {
  for (const c of cleanups.splice(0)) c();
  await center?.close();
});

async function sheetRows(file: string, sheet: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const rows: unknown[][] = [];
  wb.getWorksheet(sheet)!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v && typeof v === 'object' && 'result' in v ? (v as { result: unknown }).result : v))));
  return rows;
}

describe.skipIf(why)(`the comprehensive ledger workbook at the center${why ? ` (skipped: ${why})` : ''}`, () => {
  it('for the city and for one depot: closing stock equals city stock, one detail row per ledger row, with progress', async () => {
    center = await tempCenter(pg.url);
    const a = await registeredDepot(center, 'SBJ');
    const b = await registeredDepot(center, 'QX02');
    cleanups.push(() => a.env.cleanup(), () => b.env.cleanup());
    await a.receive(a.f.mask.id, 1000, 120);
    await a.ship(a.f.mask.id, 300);
    await b.receive(b.f.mask.id, 200, 110);
    await b.receive(b.f.bed.id, 12, null);
    await b.ship(b.f.bed.id, 5);
    for (const d of [a, b]) await applyBatch(center, signedBatch(d.depot.store, d.code, d.key.privateKey, 0)!, 'push');

    const today = localDay(new Date().toISOString());
    const file = join(a.env.dir, 'city.xlsx');
    const progress: number[] = [];
    const written = await writeCityWorkbook(center, { file, from: today, to: today, locale: 'zh-CN', progress: (done) => progress.push(done) });
    expect(written).toEqual({ rows: 5, items: 2 });
    expect(progress.at(-1)).toBe(5);

    const summary = await sheetRows(file, '汇总');
    expect(summary[0]![0]).toBe('全市应急物资综合台账');
    expect(summary[2]!.slice(0, 5)).toEqual(['物资编码', '物资名称', '单位', '类别', '仓库']);
    const closing = summary.slice(3, -1).map((r) => ({ itemCode: r[0], depotCode: r[4], onHand: r[11] }));
    expect(closing).toEqual((await cityStock(center)).map(({ itemCode, depotCode, onHand }) => ({ itemCode, depotCode, onHand })));
    // Totals: in 1,000 + 200 masks + 12 beds (¥1,200 + ¥220, the beds unpriced), out 300 masks + 5 beds (¥360), 907 left.
    expect(summary.at(-1)!.slice(7, 12)).toEqual([1212, 1420, 305, 360, 907]);

    const detail = await sheetRows(file, '明细');
    expect(detail.slice(3).map((r) => [r[0], r[2], r[4], r[10], r[11]])).toEqual([
      ['QX02', '入库', 'FH-001', 200, 0],
      ['QX02', '入库', 'CW-001', 12, 0],
      ['QX02', '出库', 'CW-001', 0, 5],
      ['SBJ', '入库', 'FH-001', 1000, 0],
      ['SBJ', '出库', 'FH-001', 0, 300],
    ]);

    const one = join(a.env.dir, 'qx02.xlsx');
    expect(await writeCityWorkbook(center, { file: one, from: today, to: today, depot: 'QX02', locale: 'en' })).toEqual({ rows: 3, items: 2 });
    expect((await sheetRows(one, 'Summary'))[0]![0]).toBe('Depot QX02: comprehensive ledger (at the command center)');
  });
});
