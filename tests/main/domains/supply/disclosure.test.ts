import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { call, rid } from '../../../support/depot.ts';
import { staffedDepot } from '../../../support/fixtures.ts';
import { readWorkbook, table } from '../../excel/read-back.ts';

let env: Awaited<ReturnType<typeof staffedDepot>>['env'];
afterEach(() => env?.cleanup());

/**
 * Two donations into the same lot (3,000 then 1,000 masks, the lot that expires first, so FEFO
 * takes it), a purchase into another; 1,200 to the hospital, 2,300 to a quarantine hotel, and a
 * third order of 100 to the hotel that is shipped and then reversed (红冲).
 */
async function donatedAndDispatched() {
  const s = await staffedDepot({ clock: () => new Date('2026-04-10T10:00:00+08:00') });
  env = s.env;
  const first = await s.receive(s.f.mask.id, '3箱', null, { lotNo: 'D1', expiresOn: '2027-01-01' });
  const second = await s.receive(s.f.mask.id, '1箱', null, { lotNo: 'D1', expiresOn: '2027-01-01' });
  await s.receive(s.f.mask.id, '5箱', 120, { lotNo: 'P1', expiresOn: '2030-01-01' });
  const hotel = await call(s.depot, s.admin, 'units.create', { code: 'U-02', name: '江川宾馆隔离点', type: 'quarantine_hotel', district: '东城区', requestId: rid() });
  await s.ship(s.f.mask.id, 1200);
  async function shipTo(unitId: number, qty: number) {
    const order = await call(s.depot, s.dispatcher, 'dispatch.create', { unitId, lines: [{ itemId: s.f.mask.id, qty }], requestId: rid() });
    const approved = await call(s.depot, s.approver, 'dispatch.approve', { id: order.id, version: order.version, requestId: rid() });
    return call(s.depot, s.dispatcher, 'dispatch.ship', { id: approved.id, version: approved.version, requestId: rid() });
  }
  await shipTo(hotel.id, 2300);
  const wrong = await shipTo(hotel.id, 100);
  await call(s.depot, s.approver, 'dispatch.reverse', { id: wrong.id, reason: '发错单位', requestId: rid() });
  return { ...s, first, second, hotel };
}

describe('public disclosure of donations (捐赠公示)', () => {
  it('traces each donation through its lot to the dispatches that took it, first in first out, net of reversals', async () => {
    const s = await donatedAndDispatched();
    const traces = await call(s.depot, s.keeper, 'donations.trace', {});
    expect(traces.map((d) => d.no)).toEqual([s.first.no, s.second.no]);
    const where = (i: number) => traces[i]!.lines[0]!.destinations.map((d) => [d.unitName, d.qty]);
    // The first 3,000 of the lot are the first donation's: 1,200 to the hospital, 1,800 of the hotel's 2,300.
    expect(where(0)).toEqual([['市第一医院', 1200], ['江川宾馆隔离点', 1800]]);
    expect(where(1)).toEqual([['江川宾馆隔离点', 500]]);
    expect(traces.map((d) => [d.lines[0]!.received, d.lines[0]!.dispatched, d.lines[0]!.remaining])).toEqual([[3000, 3000, 0], [1000, 500, 500]]);
  });

  it('the workbook read back lists each donation’s destinations, and its quantities equal the ledger', async () => {
    const s = await donatedAndDispatched();
    const path = join(s.env.dir, '捐赠公示.xlsx');
    const answer = await call(s.depot, s.keeper, 'donations.disclosure', { path });
    expect(answer).toEqual({ path, donations: 2, destinations: 3 });
    const book = await readWorkbook(path);
    expect([...book.keys()]).toEqual(['捐赠接收', '物资去向']);

    const lotId = s.depot.store.first<{ id: number }>("SELECT id FROM lots WHERE lot_no = 'D1'")!.id;
    const ledger = (sql: string) => s.depot.store.all<{ k: string; n: number }>(sql, [lotId]);
    // Out of the donated lot, per unit, as the ledger has it (the reversed order nets to nothing).
    const outByUnit = ledger(
      `SELECT u.name AS k, -sum(m.qty) AS n FROM movements m JOIN units u ON u.id = m.unit_id
        WHERE m.lot_id = ? AND m.doc_type IN ('dispatch', 'dispatch_reversal') GROUP BY u.name HAVING n <> 0 ORDER BY u.name`,
    );
    const out = table(book.get('物资去向')!, 3, 0, '合计');
    const byUnit = new Map<string, number>();
    for (const r of out.rows) byUnit.set(String(r['受领单位']), (byUnit.get(String(r['受领单位'])) ?? 0) + Number(r['发放数量']));
    expect([...byUnit].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => ({ k, n }))).toEqual(outByUnit);
    expect(out.rows.map((r) => [r['捐赠编号'], r['受领单位'], r['单位类型'], r['所属区县'], r['发放数量']])).toEqual([
      [s.first.no, '市第一医院', '定点医院', '', 1200],
      [s.first.no, '江川宾馆隔离点', '隔离酒店', '东城区', 1800],
      [s.second.no, '江川宾馆隔离点', '隔离酒店', '东城区', 500],
    ]);
    expect(out.stopRow!['发放数量']).toBe(outByUnit.reduce((a, r) => a + r.n, 0));

    const received = table(book.get('捐赠接收')!, 3, 0, '合计');
    const inByReceipt = ledger(`SELECT doc_no AS k, sum(qty) AS n FROM movements WHERE lot_id = ? AND doc_type = 'receipt' GROUP BY doc_no ORDER BY doc_no`);
    expect(received.rows.map((r) => ({ k: r['捐赠编号'], n: r['接收数量'] }))).toEqual(inByReceipt);
    // What is still in stock of the donated lot is its ledger balance.
    const balance = ledger('SELECT lot_id AS k, sum(qty) AS n FROM movements WHERE lot_id = ? GROUP BY lot_id')[0]!.n;
    expect(received.stopRow!['结存']).toBe(balance);
    expect(received.rows.map((r) => [r['捐赠方'], r['物资名称'], r['已发放']])).toEqual([['爱心企业联合会', '医用防护口罩', 3000], ['爱心企业联合会', '医用防护口罩', 500]]);
  });

  it('refuses a folder that does not exist, in words, and writes nothing', async () => {
    const s = await donatedAndDispatched();
    const path = join(s.env.dir, 'no-such-folder', '捐赠公示.xlsx');
    const refused = await s.depot.invoke('donations.disclosure', { path }, s.keeper);
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'path', message: `输入有误：文件夹不存在：${join(s.env.dir, 'no-such-folder')}` } });
  });
});
