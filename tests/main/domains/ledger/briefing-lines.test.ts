import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, rid } from '../../../support/depot.ts';
import { staffedDepot } from '../../../support/fixtures.ts';

/**
 * The command center's own sentences (the seeds' briefing):
 *   向驰援人员临时入住酒店拨付床上用品、洗漱用品、清洁用品类26种103021件
 *   市本级储备库已累计拨付保暖、安置类物资18种107196件
 * built from a subtype of hotel, two subcategories of 生活保障 and briefing lines.
 */
describe('briefing lines over groups the depot adds', () => {
  let d: Awaited<ReturnType<typeof staffedDepot>>;
  beforeEach(async () => {
    d = await staffedDepot();
  });
  afterEach(() => d.env.cleanup());

  async function shipTo(unitId: number, lines: { itemId: number; qty: number }[]) {
    const order = await call(d.depot, d.dispatcher, 'dispatch.create', { unitId, lines, requestId: rid() });
    const approved = await call(d.depot, d.approver, 'dispatch.approve', { id: order.id, version: order.version, requestId: rid() });
    return call(d.depot, d.dispatcher, 'dispatch.ship', { id: approved.id, version: approved.version, requestId: rid() });
  }

  it('states each line with its kinds and pieces, the subgroups rolling up into their parents everywhere else', async () => {
    const { depot, admin, keeper, dispatcher } = d;
    const group = (kind: 'category' | 'unit_type', code: string, parent: string, nameZh: string, nameEn: string) =>
      call(depot, admin, 'subgroups.save', { kind, code, parent, nameZh, nameEn, requestId: rid() });
    await group('category', 'toiletries', 'living', '洗漱用品', 'Toiletries');
    await group('category', 'cleaning', 'living', '清洁用品', 'Cleaning supplies');
    await group('unit_type', 'team_hotel', 'quarantine_hotel', '驰援医疗队驻地酒店', 'Hotel of a supporting medical team');

    const item = (code: string, name: string, category: string, subcategory: string | null = null) =>
      call(depot, keeper, 'items.create', { code, name, unit: '件', category, subcategory, lotTracked: false, requestId: rid() });
    const quilt = await item('CW-101', '棉被', 'bedding');
    const pillow = await item('CW-102', '枕头', 'bedding');
    const towel = await item('SH-201', '毛巾', 'living', 'toiletries');
    const soap = await item('SH-202', '香皂', 'living', 'toiletries');
    const mop = await item('SH-301', '拖把', 'living', 'cleaning');
    const noodles = await item('SH-401', '方便面', 'living');
    const coat = await item('BN-001', '棉大衣', 'warming');
    for (const i of [quilt, pillow, towel, soap, mop, noodles, coat]) await d.receive(i.id, 5000, 1000);

    const unit = (code: string, name: string, subtype: string | null) =>
      call(depot, dispatcher, 'units.create', { code, name, type: 'quarantine_hotel', subtype, staffCount: 50, requestId: rid() });
    const teamHotel = await unit('JD-11', '驰援医疗队驻地（某宾馆）', 'team_hotel');
    const quarantine = await unit('JD-12', '集中隔离点（某酒店）', null);

    await shipTo(teamHotel.id, [{ itemId: quilt.id, qty: 300 }, { itemId: towel.id, qty: 600 }, { itemId: mop.id, qty: 40 }, { itemId: noodles.id, qty: 900 }]);
    await shipTo(teamHotel.id, [{ itemId: pillow.id, qty: 300 }, { itemId: soap.id, qty: 600 }]);
    // A real quarantine hotel's towels and the hospital's quilts are not the team hotels' line.
    await shipTo(quarantine.id, [{ itemId: towel.id, qty: 1000 }, { itemId: coat.id, qty: 200 }]);
    await shipTo(d.unitId, [{ itemId: quilt.id, qty: 500 }, { itemId: coat.id, qty: 700 }]);

    const line1 = await call(depot, admin, 'briefing.saveLine', {
      scope: 'cumulative',
      wordingZh: '向驰援人员临时入住酒店拨付床上用品、洗漱用品、清洁用品类{种数}种{件数}件',
      wordingEn: 'to the hotels of the supporting medical teams: bedding, toiletries and cleaning supplies, {kinds} kinds, {pieces} pieces',
      recipients: { unitSubtypes: ['team_hotel'] },
      goods: { categories: ['bedding'], subcategories: ['toiletries', 'cleaning'] },
      requestId: rid(),
    });
    await call(depot, admin, 'briefing.saveLine', {
      position: 1,
      scope: 'cumulative',
      wordingZh: '{depot}已累计拨付保暖、安置类物资{种数}种{件数}件'.replace('{depot}', '市本级储备库'),
      wordingEn: 'the city reserve depot has dispatched {kinds} kinds, {pieces} pieces of warming and resettlement supplies',
      recipients: {},
      goods: { categories: ['warming', 'bedding'] },
      requestId: rid(),
    });
    expect(line1.recipients).toEqual({ unitTypes: [], unitSubtypes: ['team_hotel'], unitIds: [] });

    const b = await call(depot, keeper, 'stats.briefing', {});
    // Team hotels: quilt 300, pillow 300 (bedding), towel 600, soap 600 (toiletries), mop 40 (cleaning); the noodles are 生活保障 but no named subcategory.
    expect(b.lines.map((l) => l.zh)).toEqual(['向驰援人员临时入住酒店拨付床上用品、洗漱用品、清洁用品类5种1840件', '市本级储备库已累计拨付保暖、安置类物资3种2000件']);
    expect(b.lines[0]).toMatchObject({ kinds: 5, pieces: 1840, amount: 1840 * 1000 });
    expect(b.zh.endsWith('向驰援人员临时入住酒店拨付床上用品、洗漱用品、清洁用品类5种1840件；市本级储备库已累计拨付保暖、安置类物资3种2000件。')).toBe(true);
    expect(b.en).toContain('to the hotels of the supporting medical teams: bedding, toiletries and cleaning supplies, 5 kinds, 1840 pieces');
    // The same figures from SQL over the ledger.
    const sql = depot.store.first<{ kinds: number; pieces: number }>(
      `SELECT count(DISTINCT m.item_id) AS kinds, sum(-m.qty) AS pieces FROM movements m JOIN units u ON u.id = m.unit_id JOIN items i ON i.id = m.item_id
        WHERE m.doc_type = 'dispatch' AND u.subtype = 'team_hotel' AND (i.category = 'bedding' OR i.subcategory IN ('toiletries', 'cleaning'))`,
    )!;
    expect(sql).toEqual({ kinds: 5, pieces: 1840 });
    // Everywhere else the subgroups roll up: the hotels are 隔离酒店, the towels 生活保障.
    const byType = b.summary.cumulative.dispatched.byUnitType.find((x) => x.unitType === 'quarantine_hotel')!;
    expect(byType.pieces).toBe(300 + 600 + 40 + 900 + 300 + 600 + 1000 + 200);
    expect(b.summary.cumulative.dispatched.byCategory.find((x) => x.category === 'living')!.pieces).toBe(600 + 40 + 900 + 600 + 1000);
  });

  it('refuses in words what would count wrongly or nothing, and only an admin defines lines', async () => {
    const { depot, admin, keeper } = d;
    await call(depot, admin, 'subgroups.save', { kind: 'category', code: 'toiletries', parent: 'living', nameZh: '洗漱用品', nameEn: 'Toiletries', requestId: rid() });
    const wrongParent = await depot.invoke('items.create', { code: 'FH-900', name: '口罩', unit: '只', category: 'protective', subcategory: 'toiletries', requestId: rid() }, keeper);
    expect(wrongParent).toMatchObject({ ok: false, error: { code: 'bad_subgroup', field: 'subcategory', message: '“洗漱用品”属于“生活保障”：只能用于该类下的物资或单位' } });
    const unknown = await depot.invoke('items.create', { code: 'FH-901', name: '口罩', unit: '只', category: 'living', subcategory: 'nothing', requestId: rid() }, keeper);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found', field: 'subcategory' } });
    if (!unknown.ok) expect(unknown.error.message).toContain('物资子类');
    expect(depot.store.first<{ n: number }>("SELECT count(*) AS n FROM items WHERE code LIKE 'FH-90%'")!.n).toBe(0);

    const noFigures = await depot.invoke('briefing.saveLine', { scope: 'today', wordingZh: '向方舱医院拨付防护用品', wordingEn: 'PPE {pieces}', recipients: {}, goods: {}, requestId: rid() }, admin);
    expect(noFigures).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'wordingZh' } });
    if (!noFigures.ok) expect(noFigures.error.message).toContain('措辞中须写明件数的位置 {件数}');
    const badSubtype = await depot.invoke('briefing.saveLine', { scope: 'today', wordingZh: '{件数}件', wordingEn: '{pieces}', recipients: { unitSubtypes: ['nowhere'] }, goods: {}, requestId: rid() }, admin);
    expect(badSubtype).toMatchObject({ ok: false, error: { code: 'not_found', field: 'recipients.unitSubtypes.0' } });
    const byKeeper = await depot.invoke('briefing.saveLine', { scope: 'today', wordingZh: '{件数}件', wordingEn: '{pieces}', recipients: {}, goods: {}, requestId: rid() }, keeper);
    expect(byKeeper).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call(depot, keeper, 'briefing.lines', {})).toEqual([]);
  });
});
