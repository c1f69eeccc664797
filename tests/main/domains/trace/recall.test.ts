import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Depot, Session } from '../../../../main/core/depot.ts';
import { call, rid } from '../../../support/depot.ts';
import { ledgerMismatches, staffedDepot } from '../../../support/fixtures.ts';
import { cleanupTemp, pdfPages, squeeze } from '../../documents/pdf-tools.ts';
import { readWorkbook } from '../../excel/read-back.ts';

afterAll(() => cleanupTemp());

/**
 * A lot turns out bad after it went to three units: the depot freezes it everywhere, knows within
 * a minute who got how much and how to reach them, prints a notice per unit, hands the list over
 * as a workbook, and records each unit's answer — returns posted back into stock, still frozen.
 */
describe('recalling a lot that went to three units', () => {
  let now = new Date('2026-06-10T09:00:00+08:00');
  let d: Awaited<ReturnType<typeof staffedDepot>>;
  let depot: Depot;
  let keeper: Session;
  let units: number[];

  beforeEach(async () => {
    now = new Date('2026-06-10T09:00:00+08:00');
    d = await staffedDepot({ clock: () => now });
    ({ depot, keeper } = d);
    await d.receive(d.f.mask.id, 3000, 250, { lotNo: 'BAD-01', expiresOn: '2028-01-31' });
    await d.receive(d.f.mask.id, 2000, 250, { lotNo: 'GOOD-02', expiresOn: '2029-01-31', locationId: d.f.a2.id });
    const more = [
      await call(depot, d.admin, 'units.create', { code: 'U-02', name: '方舱医院一号', type: 'makeshift_hospital', contact: '王医生', phone: '13900000002', address: '会展中心', requestId: rid() }),
      await call(depot, d.admin, 'units.create', { code: 'U-03', name: '隔离酒店甲', type: 'quarantine_hotel', contact: '李经理', phone: '13900000003', requestId: rid() }),
    ];
    units = [d.unitId, ...more.map((u) => u.id)];
    // FEFO sends BAD-01 (it expires first) to each of the three.
    for (const [i, unitId] of units.entries()) {
      const order = await call(depot, d.dispatcher, 'dispatch.create', { unitId, lines: [{ itemId: d.f.mask.id, qty: [500, 300, 200][i] }], requestId: rid() });
      const approved = await call(depot, d.approver, 'dispatch.approve', { id: order.id, version: order.version, requestId: rid() });
      await call(depot, d.dispatcher, 'dispatch.ship', { id: approved.id, version: approved.version, requestId: rid() });
    }
  });
  afterEach(() => d.env.cleanup());

  const badLot = () => depot.store.first<{ id: number }>("SELECT id FROM lots WHERE lot_no = 'BAD-01'")!.id;

  it('the trace shows where the lot came from, where it lies and every unit it went to', async () => {
    const trace = await call(depot, keeper, 'trace.lot', { lotId: badLot() });
    expect(trace.receipts.map((r) => [r.sourceType, r.supplierName, r.qty])).toEqual([['purchase', '华康医疗用品有限公司', 3000]]);
    expect(trace.dispatches.map((x) => [x.unitName, x.qty])).toEqual([['市第一医院', 500], ['方舱医院一号', 300], ['隔离酒店甲', 200]]);
    expect(trace.stock.map((s) => [s.locationCode, s.onHand])).toEqual([['A-01-01', 2000]]);
    expect(trace.totals).toEqual({ received: 3000, dispatched: 1000, writtenOff: 0, onHand: 2000 });
  });

  it('traces an item over a period: per lot in, out and left, and what each unit received', async () => {
    const trace = await call(depot, keeper, 'trace.item', { itemId: d.f.mask.id, from: '2026-06-10', to: '2026-06-10' });
    expect(trace.lots.map((l) => [l.lotNo, l.received, l.dispatched, l.writtenOff, l.onHand])).toEqual([
      ['BAD-01', 3000, 1000, 0, 2000],
      ['GOOD-02', 2000, 0, 0, 2000],
    ]);
    expect(trace.units.map((u) => [u.unitName, u.qty, u.lots])).toEqual([['市第一医院', 500, 1], ['方舱医院一号', 300, 1], ['隔离酒店甲', 200, 1]]);
    // A period before anything happened: nothing moved, nothing on hand.
    const before = await call(depot, keeper, 'trace.item', { itemId: d.f.mask.id, from: '2026-06-01', to: '2026-06-09' });
    expect([before.lots, before.units]).toEqual([[], []]);
    const bad = await depot.invoke('trace.item', { itemId: d.f.mask.id, from: '2026-06-10', to: '2026-06-01' }, keeper);
    expect(bad.ok ? 'ok' : bad.error.message).toMatch(/^输入有误/);
  });

  it('freezes the lot, lists the three units with contacts, prints three notices and exports the list', async () => {
    const recall = await call(depot, keeper, 'recalls.open', { lotId: badLot(), reason: '抽检不合格：过滤效率不达标', requestId: rid() });
    expect(recall.no).toMatch(/^ZH20260610-\d{4}$/);
    expect(recall.units.map((u) => [u.unitName, u.contact, u.phone, u.received, u.outstanding])).toEqual([
      ['市第一医院', '', '', 500, 500],
      ['方舱医院一号', '王医生', '13900000002', 300, 300],
      ['隔离酒店甲', '李经理', '13900000003', 200, 200],
    ]);
    expect(recall.atDepot).toBe(2000);
    expect(depot.store.first<{ status: string }>('SELECT status FROM lots WHERE id = ?', [badLot()])!.status).toBe('quarantined');

    // It can no longer be picked: a new order for 2,500 gets only the good lot's 2,000.
    const order = await call(depot, d.dispatcher, 'dispatch.create', { unitId: units[0], lines: [{ itemId: d.f.mask.id, qty: 1500 }], requestId: rid() });
    const approved = await call(depot, d.approver, 'dispatch.approve', { id: order.id, version: order.version, requestId: rid() });
    expect(approved.lines[0]!.picks.map((p) => p.lotNo)).toEqual(['GOOD-02']);

    const again = await depot.invoke('recalls.open', { lotId: badLot(), reason: '再次', requestId: rid() }, keeper);
    expect(again.ok ? 'opened' : again.error.message).toBe(`批次 BAD-01 已在召回中（${recall.no}）：请在该召回单上继续办理`);

    const pdf = Buffer.from((await call(depot, keeper, 'print.recallNotice', { recall: recall.id, output: 'preview' })).pdfBase64!, 'base64');
    const pages = pdfPages(pdf).map(squeeze);
    expect(pages).toHaveLength(3);
    for (const [i, name] of ['市第一医院', '方舱医院一号', '隔离酒店甲'].entries()) {
      expect(pages[i]).toContain('召回通知');
      expect(pages[i]).toContain(name);
      expect(pages[i]).toContain('BAD-01');
      expect(pages[i]).toContain(`${[500, 300, 200][i]}只`);
      expect(pages[i]).toContain('抽检不合格：过滤效率不达标');
    }

    const file = await call(depot, keeper, 'recalls.export', { id: recall.id });
    expect(file.fileName).toBe(`召回单位清单_${recall.no}.xlsx`);
    const path = join(d.env.dir, file.fileName);
    writeFileSync(path, Buffer.from(file.base64, 'base64'));
    const sheet = (await readWorkbook(path)).get('召回单位清单')!;
    expect(sheet[2]).toEqual(['单位编码', '受领单位', '单位类型', '联系人', '电话', '地址', '最近发放', '领用数量', '已退回', '已使用', '已销毁', '待说明']);
    expect(sheet.slice(3, 6).map((r) => [r[1], r[4], r[7]])).toEqual([['市第一医院', null, 500], ['方舱医院一号', '13900000002', 300], ['隔离酒店甲', '13900000003', 200]]);
    expect(sheet[6]![0]).toBe('合计');
    expect(sheet[6]![7]).toBe(1000);
  });

  it('stops an approved order that holds the lot from shipping, in words, until it is re-picked', async () => {
    const order = await call(depot, d.dispatcher, 'dispatch.create', { unitId: units[0], lines: [{ itemId: d.f.mask.id, qty: 400 }], requestId: rid() });
    const approved = await call(depot, d.approver, 'dispatch.approve', { id: order.id, version: order.version, requestId: rid() });
    expect(approved.lines[0]!.picks.map((p) => p.lotNo)).toEqual(['BAD-01']);
    await call(depot, keeper, 'recalls.open', { lotId: badLot(), reason: '厂家召回', requestId: rid() });
    const before = depot.store.all('SELECT * FROM movements');
    const shipped = await depot.invoke('dispatch.ship', { id: approved.id, version: approved.version, requestId: rid() }, d.dispatcher);
    expect(shipped.ok ? 'shipped' : shipped.error.code).toBe('lot_not_shippable');
    expect(shipped.ok ? '' : shipped.error.message).toContain('BAD-01');
    expect(depot.store.all('SELECT * FROM movements')).toEqual(before);
    // Withdrawn and approved again, it takes the good lot.
    const draft = await call(depot, d.approver, 'dispatch.unapprove', { id: approved.id, version: approved.version, reason: '批次召回', requestId: rid() });
    const again = await call(depot, d.approver, 'dispatch.approve', { id: draft.id, version: draft.version, requestId: rid() });
    expect(again.lines[0]!.picks.map((p) => p.lotNo)).toEqual(['GOOD-02']);
  });

  it('records each unit’s answer; what comes back is posted as a return into stock, still frozen', async () => {
    const recall = await call(depot, keeper, 'recalls.open', { lotId: badLot(), reason: '厂家召回', requestId: rid() });
    const before = depot.store.all('SELECT * FROM movements');
    const over = await depot.invoke('recalls.respond', { recallId: recall.id, unitId: units[1], returned: 250, used: 100, locationId: d.f.a1.id, requestId: rid() }, keeper);
    expect(over.ok ? 'ok' : over.error.message).toBe('方舱医院一号 尚未说明的只有 300 只，本次登记了 350：请核对');
    expect(depot.store.all('SELECT * FROM movements')).toEqual(before);

    const answered = await call(depot, keeper, 'recalls.respond', { recallId: recall.id, unitId: units[1], returned: 250, used: 50, locationId: d.f.a1.id, requestId: rid() });
    const unit = answered.units.find((u) => u.unitId === units[1])!;
    expect([unit.returned, unit.used, unit.outstanding]).toEqual([250, 50, 0]);
    expect(answered.responses[0]!.receiptNo).toMatch(/^RK/);
    expect(answered.atDepot).toBe(2250);
    const lot = depot.store.first<{ status: string; on_hand: number }>('SELECT l.status, sum(s.on_hand) AS on_hand FROM lots l JOIN stock s ON s.lot_id = l.id WHERE l.id = ?', [badLot()])!;
    expect(lot).toEqual({ status: 'quarantined', on_hand: 2250 });
    const trace = await call(depot, keeper, 'trace.lot', { lotId: badLot() });
    expect(trace.receipts.map((r) => [r.sourceType, r.unitName, r.qty])).toContainEqual(['return', '方舱医院一号', 250]);
    expect(ledgerMismatches(depot)).toEqual([]);
  });
});
