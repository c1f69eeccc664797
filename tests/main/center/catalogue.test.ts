import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { pgUnavailable, startPg, type TempPg } from '../../support/pg.ts';
import { registeredDepot, tempCenter } from '../../support/center.ts';
import { call, rid } from '../../support/depot.ts';
import { serveCenter, type CenterServer } from '../../../main/center/serve.ts';
import { catalogueOfDepotFile, saveCatalogue } from '../../../main/center/catalogue.ts';
import { catalogueVersion, pullCatalogue } from '../../../main/center/catalogue-pull.ts';
import type { CenterStore } from '../../../main/center/store.ts';

const why = pgUnavailable();
let pg: TempPg;
let center: CenterStore;
let server: CenterServer | undefined;
const cleanups: (() => void)[] = [];

beforeAll(async () => {
  if (!why) pg = await startPg();
});
afterAll(() => pg?.stop());
afterEach(async () => {
  await server?.close();
  server = undefined;
  for (const c of cleanups.splice(0)) c();
  await center?.close();
});

describe.skipIf(why)(`the catalogue the center owns${why ? ` (skipped: ${why})` : ''}`, () => {
  it('reaches a depot by version, after which the depot cannot edit items or units but keeps working on the last version', async () => {
    center = await tempCenter(pg.url);
    const reserve = await registeredDepot(center, 'SBJ');
    const district = await registeredDepot(center, 'QX02');
    cleanups.push(() => reserve.env.cleanup(), () => district.env.cleanup());
    await district.receive(district.f.bed.id, 10, null);

    // The center's catalogue starts from the city reserve's items and units, then the center adds and renames.
    const catalogue = catalogueOfDepotFile(join(reserve.env.dir, 'depot.db'));
    expect(await saveCatalogue(center, catalogue)).toEqual({ changed: catalogue.items.length + catalogue.units.length });
    expect(await saveCatalogue(center, catalogue)).toEqual({ changed: 0 });
    const masks = catalogue.items.find((i) => i.code === 'FH-001')!;
    const beds = catalogue.items.find((i) => i.code === 'CW-001')!;
    await saveCatalogue(center, {
      items: [
        { ...masks, name: '医用防护口罩（KN95）' },
        { code: 'XD-001', name: '84消毒液', spec: '500ml/瓶', unit: '瓶', category: 'disinfection', packs: '[]', lotTracked: true, standard: '', active: true, subcategory: null },
        { ...beds, unit: '套' },
      ],
      units: [],
    });

    server = await serveCenter(center, {});
    const link = { url: server.url };
    const pulled = await pullCatalogue(district.depot.store, district.code, district.key.privateKey, link);
    expect(pulled).toMatchObject({ ok: true, applied: { kept: ['CW-001 折叠床'] } });
    const items = await call(district.depot, district.admin, 'items.list', {});
    expect(items.map((i) => [i.code, i.name, i.unit])).toEqual([
      ['CW-001', '折叠床', '张'],
      ['FH-001', '医用防护口罩（KN95）', '只'],
      ['FH-010', '医用一次性防护服', '套'],
      ['XD-001', '84消毒液', '瓶'],
    ]);
    const version = catalogueVersion(district.depot.store);
    expect(await pullCatalogue(district.depot.store, district.code, district.key.privateKey, link)).toMatchObject({ ok: true, applied: { items: 0, units: 0, version } });

    // Joined: items and units are the center's.
    const refused = await district.depot.invoke('items.create', { code: 'X-1', name: '自建物资', unit: '个', category: 'living', requestId: rid() }, district.admin);
    expect(refused).toMatchObject({ ok: false, error: { code: 'catalogue_owned' } });
    expect(!refused.ok && refused.error.message).toMatch(/已加入指挥中心：物资由指挥中心统一维护/);
    const mask = items.find((i) => i.code === 'FH-001')!;
    expect(await district.depot.invoke('items.update', { id: mask.id, version: mask.version, changes: { name: '改名' }, requestId: rid() }, district.admin)).toMatchObject({ ok: false, error: { code: 'catalogue_owned' } });
    expect(await district.depot.invoke('units.create', { code: 'U-09', name: '新单位', type: 'checkpoint', requestId: rid() }, district.admin)).toMatchObject({ ok: false, error: { code: 'catalogue_owned' } });

    // Nor through an Excel import: refused before the file is even read.
    const imported = await district.depot.invoke('import.preview', { kind: 'items', path: join(district.env.dir, 'none.xlsx') }, district.admin);
    expect(imported).toMatchObject({ ok: false, error: { code: 'catalogue_owned' } });

    // The center out of reach: the depot keeps its version and goes on receiving the new item.
    await server.close();
    server = undefined;
    expect(await pullCatalogue(district.depot.store, district.code, district.key.privateKey, link)).toMatchObject({ ok: false });
    expect(catalogueVersion(district.depot.store)).toBe(version);
    await district.receive(items.find((i) => i.code === 'XD-001')!.id, 24, 800);
  });

  it('also holds the subcategories, unit subtypes and briefing lines: versioned, pulled, refused locally in words, kept while the center is away', async () => {
    center = await tempCenter(pg.url);
    const reserve = await registeredDepot(center, 'SBJ');
    const district = await registeredDepot(center, 'QX02');
    cleanups.push(() => reserve.env.cleanup(), () => district.env.cleanup());

    // The city reserve's groups, a towel under 洗漱用品, a team hotel under 驰援医疗队驻地酒店, and the line that counts them.
    const r = reserve;
    await call(r.depot, r.admin, 'subgroups.save', { kind: 'category', code: 'toiletries', parent: 'living', nameZh: '洗漱用品', nameEn: 'toiletries', requestId: rid() });
    await call(r.depot, r.admin, 'subgroups.save', { kind: 'unit_type', code: 'team_hotel', parent: 'quarantine_hotel', nameZh: '驰援医疗队驻地酒店', nameEn: 'medical team hotel', requestId: rid() });
    await call(r.depot, r.admin, 'items.create', { code: 'SH-001', name: '毛巾', unit: '条', category: 'living', subcategory: 'toiletries', lotTracked: true, requestId: rid() });
    const hotel = await call(r.depot, r.admin, 'units.create', { code: 'H-01', name: '某酒店', type: 'quarantine_hotel', subtype: 'team_hotel', requestId: rid() });
    await call(r.depot, r.admin, 'briefing.saveLine', {
      position: 1, scope: 'cumulative', wordingZh: '向驰援人员临时入住酒店拨付洗漱用品类{种数}种{件数}件', wordingEn: 'to the team hotels: toiletries, {kinds} kinds, {pieces} pieces',
      recipients: { unitSubtypes: ['team_hotel'], unitIds: [hotel.id] }, goods: { subcategories: ['toiletries'] }, requestId: rid(),
    });
    // The district depot had worded a line of its own before joining.
    await call(district.depot, district.admin, 'briefing.saveLine', { position: 0, scope: 'today', wordingZh: '今日拨付{件数}件', wordingEn: '{pieces} pieces today', recipients: {}, goods: {}, requestId: rid() });

    const catalogue = catalogueOfDepotFile(join(reserve.env.dir, 'depot.db'));
    await saveCatalogue(center, catalogue);
    // In PostgreSQL: one row per group and line, each with its own version after the items' groups.
    const { rows } = await center.pool.query<{ kind: string; code: string; version: string; data: Record<string, unknown> }>(
      `SELECT kind, code, version, data FROM catalogue WHERE kind IN ('category', 'unit_type', 'briefing_line') OR code IN ('SH-001', 'H-01') ORDER BY version`,
    );
    expect(rows.map((x) => [x.kind, x.code])).toEqual([['category', 'toiletries'], ['unit_type', 'team_hotel'], ['item', 'SH-001'], ['unit', 'H-01'], ['briefing_line', 'BL-1']]);
    expect(rows[2]!.data).toMatchObject({ subcategory: 'toiletries' });
    expect(rows[4]!.data).toMatchObject({ recipients: { unitTypes: [], unitSubtypes: ['team_hotel'], unitCodes: ['H-01'] }, goods: { categories: [], subcategories: ['toiletries'] } });

    server = await serveCenter(center, {});
    const link = { url: server.url };
    const d = district;
    expect(await pullCatalogue(d.depot.store, d.code, d.key.privateKey, link)).toMatchObject({ ok: true, applied: { groups: 2, lines: 1 } });
    expect(await call(d.depot, d.admin, 'subgroups.list', {})).toEqual([
      { kind: 'category', code: 'toiletries', parent: 'living', nameZh: '洗漱用品', nameEn: 'toiletries' },
      { kind: 'unit_type', code: 'team_hotel', parent: 'quarantine_hotel', nameZh: '驰援医疗队驻地酒店', nameEn: 'medical team hotel' },
    ]);
    const dHotel = (await call(d.depot, d.admin, 'units.list', {})).find((u) => u.code === 'H-01')!;
    const towel = (await call(d.depot, d.admin, 'items.list', {})).find((i) => i.code === 'SH-001')!;
    expect([towel.subcategory, dHotel.subtype]).toEqual(['toiletries', 'team_hotel']);
    // The center's line replaced the district's own; named units by the district's own numbers.
    const lines = await call(d.depot, d.admin, 'briefing.lines', {});
    expect(lines).toMatchObject([{ wordingZh: '向驰援人员临时入住酒店拨付洗漱用品类{种数}种{件数}件', recipients: { unitIds: [dHotel.id] } }]);

    // The district's briefing states the center's line over its own dispatches.
    await d.receive(towel.id, 100, 500);
    const order = await call(d.depot, d.dispatcher, 'dispatch.create', { unitId: dHotel.id, lines: [{ itemId: towel.id, qty: 60 }], requestId: rid() });
    const approved = await call(d.depot, d.approver, 'dispatch.approve', { id: order.id, version: order.version, requestId: rid() });
    await call(d.depot, d.dispatcher, 'dispatch.ship', { id: approved.id, version: approved.version, requestId: rid() });
    expect((await call(d.depot, d.keeper, 'stats.briefing', {})).lines.map((l) => l.zh)).toEqual(['向驰援人员临时入住酒店拨付洗漱用品类1种60件']);

    // Joined: groups and lines are the center's, refused in words.
    const refusals = [
      await d.depot.invoke('subgroups.save', { kind: 'category', code: 'cleaning', parent: 'living', nameZh: '清洁用品', nameEn: 'cleaning', requestId: rid() }, d.admin),
      await d.depot.invoke('subgroups.save', { kind: 'unit_type', code: 'team_hotel', parent: 'quarantine_hotel', nameZh: '改名', nameEn: 'renamed', requestId: rid() }, d.admin),
      await d.depot.invoke('briefing.saveLine', { position: 2, scope: 'today', wordingZh: '{件数}件', wordingEn: '{pieces}', recipients: {}, goods: {}, requestId: rid() }, d.admin),
      await d.depot.invoke('briefing.deleteLine', { id: lines[0]!.id, requestId: rid() }, d.admin),
    ];
    expect(refusals.map((x) => (x.ok ? 'ok' : x.error.message))).toEqual([
      '本库已加入指挥中心：物资子类由指挥中心统一维护，本库不能新增或修改。请联系指挥中心；在连接恢复前，本库按已收到的最新版本继续使用',
      '本库已加入指挥中心：单位子类型由指挥中心统一维护，本库不能新增或修改。请联系指挥中心；在连接恢复前，本库按已收到的最新版本继续使用',
      '本库已加入指挥中心：通报条目由指挥中心统一维护，本库不能新增或修改。请联系指挥中心；在连接恢复前，本库按已收到的最新版本继续使用',
      '本库已加入指挥中心：通报条目由指挥中心统一维护，本库不能新增或修改。请联系指挥中心；在连接恢复前，本库按已收到的最新版本继续使用',
    ]);
    expect(await call(d.depot, d.admin, 'subgroups.list', {})).toHaveLength(2);

    // The center rewords the line and renames the subtype: new versions, replacing rather than adding at the depot.
    const line = catalogue.briefingLines[0]!;
    await saveCatalogue(center, { items: [], units: [], unitTypes: [{ ...catalogue.unitTypes[0]!, nameZh: '医疗队驻地酒店' }], briefingLines: [{ ...line, wordingZh: '向医疗队驻地酒店拨付洗漱用品{种数}种{件数}件' }] });
    expect(await pullCatalogue(d.depot.store, d.code, d.key.privateKey, link)).toMatchObject({ ok: true, applied: { items: 0, units: 0, groups: 1, lines: 1 } });
    expect((await call(d.depot, d.keeper, 'stats.briefing', {})).lines.map((l) => l.zh)).toEqual(['向医疗队驻地酒店拨付洗漱用品1种60件']);
    expect((await call(d.depot, d.admin, 'subgroups.list', {})).map((g) => g.nameZh)).toEqual(['洗漱用品', '医疗队驻地酒店']);

    // The center out of reach: the depot keeps the last version and its briefing goes on.
    const version = catalogueVersion(d.depot.store);
    await saveCatalogue(center, { items: [], units: [], briefingLines: [{ ...line, active: false }] });
    await server.close();
    server = undefined;
    expect(await pullCatalogue(d.depot.store, d.code, d.key.privateKey, link)).toMatchObject({ ok: false });
    expect(catalogueVersion(d.depot.store)).toBe(version);
    expect((await call(d.depot, d.keeper, 'stats.briefing', {})).lines.map((l) => l.zh)).toEqual(['向医疗队驻地酒店拨付洗漱用品1种60件']);
    // Back: the line the center withdrew goes.
    server = await serveCenter(center, {});
    expect(await pullCatalogue(d.depot.store, d.code, d.key.privateKey, { url: server.url })).toMatchObject({ ok: true, applied: { lines: 1 } });
    expect(await call(d.depot, d.admin, 'briefing.lines', {})).toEqual([]);
  });
});
