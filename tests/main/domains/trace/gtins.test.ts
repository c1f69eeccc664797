import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, rid } from '../../../support/depot.ts';
import { staffedDepot } from '../../../support/fixtures.ts';

/** A GTIN names an item at one pack level; unknown at its first scan, it is learned once and then remembered. */
describe('GTINs learned at the dock', () => {
  let d: Awaited<ReturnType<typeof staffedDepot>>;
  beforeEach(async () => {
    d = await staffedDepot();
  });
  afterEach(() => d.env.cleanup());

  it('is unknown, is learned with its pack, then names the item and the pieces in that pack', async () => {
    expect(await call(d.depot, d.keeper, 'gtins.find', { gtin: '09501101530003' })).toBeNull();
    const learned = await call(d.depot, d.keeper, 'gtins.learn', { gtin: '09501101530003', itemId: d.f.mask.id, pack: '箱', requestId: rid() });
    expect(learned).toMatchObject({ itemCode: 'FH-001', pack: '箱', per: 1000, from: 'learned' });
    expect(await call(d.depot, d.keeper, 'gtins.find', { gtin: '09501101530003' })).toMatchObject({ itemId: d.f.mask.id, pack: '箱', per: 1000 });
  });

  it('refuses a wrong check digit, a pack the item does not have, and one GTIN for two items — in words, changing nothing', async () => {
    const bad = await d.depot.invoke('gtins.learn', { gtin: '09501101530004', itemId: d.f.mask.id, pack: null, requestId: rid() }, d.keeper);
    expect(bad.ok ? 'ok' : bad.error.message).toBe('商品条码 09501101530004 的校验位不对：请重新扫描，或核对手工录入的数字');
    const pack = await d.depot.invoke('gtins.learn', { gtin: '09501101530003', itemId: d.f.suit.id, pack: '盒', requestId: rid() }, d.keeper);
    expect(pack.ok ? 'ok' : pack.error.message).toBe('“盒”不是这种物资的包装单位，应为：套、箱');
    await call(d.depot, d.keeper, 'gtins.learn', { gtin: '09501101530003', itemId: d.f.mask.id, pack: '盒', requestId: rid() });
    const taken = await d.depot.invoke('gtins.learn', { gtin: '09501101530003', itemId: d.f.suit.id, pack: null, requestId: rid() }, d.keeper);
    expect(taken.ok ? 'ok' : taken.error.message).toBe('商品条码 09501101530003 已登记为 FH-001 医用防护口罩（盒）：同一条码不能代表两种物资或两级包装');
    expect(d.depot.store.all('SELECT gtin, pack, per FROM item_gtins')).toEqual([{ gtin: '09501101530003', pack: '盒', per: 50 }]);
  });

  it('knows an item by its own EAN-13 written as a GTIN-14', async () => {
    await call(d.depot, d.admin, 'items.update', { id: d.f.bed.id, version: d.f.bed.version, changes: { barcode: '6901234567892' }, requestId: rid() });
    expect(await call(d.depot, d.keeper, 'gtins.find', { gtin: '06901234567892' })).toMatchObject({ itemId: d.f.bed.id, pack: null, per: 1, from: 'barcode' });
  });
});
