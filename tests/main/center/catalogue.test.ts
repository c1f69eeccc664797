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
        { code: 'XD-001', name: '84消毒液', spec: '500ml/瓶', unit: '瓶', category: 'disinfection', packs: '[]', lotTracked: true, standard: '', active: true },
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
});
