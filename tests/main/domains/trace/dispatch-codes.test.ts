import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Depot } from '../../../../main/core/depot.ts';
import { call, rid } from '../../../support/depot.ts';
import { staffedDepot } from '../../../support/fixtures.ts';
import { cleanupTemp, pdfPages, squeeze } from '../../documents/pdf-tools.ts';

afterAll(() => cleanupTemp());

/** 药品追溯码 scanned at receiving travel on: scanned again at picking, they go with the order and print on its slip. */
describe('trace codes that travel with a dispatch', () => {
  let d: Awaited<ReturnType<typeof staffedDepot>>;
  let depot: Depot;
  const CODES = ['81000000000000000011', '81000000000000000012', '81000000000000000013'] as const;
  const OTHER = '81000000000000000099';

  beforeEach(async () => {
    d = await staffedDepot({ clock: () => new Date('2026-06-10T09:00:00+08:00') });
    depot = d.depot;
    await d.receive(d.f.mask.id, 300, 250, { lotNo: 'DRUG-1', expiresOn: '2027-01-31', codes: CODES });
    await d.receive(d.f.mask.id, 300, 250, { lotNo: 'DRUG-2', expiresOn: '2028-01-31', locationId: d.f.a2.id, codes: [OTHER] });
  });
  afterEach(() => d.env.cleanup());

  it('records a code on the lot it came in with, prints it on the slip, and never lets it leave twice', async () => {
    const order = await d.approve(d.f.mask.id, 100);
    expect(order.lines[0]!.picks.map((p) => p.lotNo)).toEqual(['DRUG-1']);
    const first = await call(depot, d.keeper, 'dispatch.scanCode', { id: order.id, code: CODES[0], requestId: rid() });
    expect(first).toMatchObject({ code: { code: CODES[0], lotNo: 'DRUG-1' }, onLot: 1 });
    expect((await call(depot, d.keeper, 'dispatch.scanCode', { id: order.id, code: CODES[1], requestId: rid() })).onLot).toBe(2);
    // The same code again: once.
    expect((await call(depot, d.keeper, 'dispatch.scanCode', { id: order.id, code: CODES[1], requestId: rid() })).onLot).toBe(2);

    const refused = async (code: string) => {
      const r = await depot.invoke('dispatch.scanCode', { id: order.id, code, requestId: rid() }, d.keeper);
      return r.ok ? 'ok' : r.error.message;
    };
    expect(await refused(OTHER)).toBe(`追溯码 ${OTHER} 属于批号 DRUG-2，不是调拨单 ${order.no} 拣选的批次：请核对所拣货物`);
    expect(await refused('81999999999999999999')).toBe('追溯码 81999999999999999999 没有随任何入库单登记：请核对，或在入库时扫描登记');
    expect(depot.store.first<{ n: number }>('SELECT count(*) AS n FROM dispatch_codes')!.n).toBe(2);

    const shipped = await call(depot, d.dispatcher, 'dispatch.ship', { id: order.id, version: order.version, requestId: rid() });
    const slip = squeeze(pdfPages(Buffer.from((await call(depot, d.dispatcher, 'print.slip', { order: shipped.id, output: 'preview', parts: [] })).pdfBase64!, 'base64')).join(''));
    // Under the item (pdftotext sets the long digits apart from the label).
    expect(slip).toContain('追溯码：');
    expect(slip).toContain(`${CODES[0]}；${CODES[1]}`);
    expect(slip).not.toContain(CODES[2]);
    expect(await refused(CODES[2])).toBe(`调拨单 ${order.no} 当前为“已发运”：追溯码在审核后、发出前拣货时扫描`);

    // Gone with the first order: a second order cannot take it.
    const second = await d.approve(d.f.mask.id, 100);
    const again = await depot.invoke('dispatch.scanCode', { id: second.id, code: CODES[0], requestId: rid() }, d.keeper);
    expect(again.ok ? 'ok' : again.error.message).toBe(`追溯码 ${CODES[0]} 已随调拨单 ${order.no} 发出，不能再发`);
  });
});
