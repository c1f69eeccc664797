import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Depot, Session } from '../../../../main/core/depot.ts';
import type { ChannelName } from '../../../../shared/contract/index.ts';
import { DEFAULT_TIER, UNIT_TYPES } from '../../../../shared/domain.ts';
import { adminSession, call, rid, tempDepot } from '../../../support/depot.ts';

let env: ReturnType<typeof tempDepot>;
let depot: Depot;
let admin: Session;
beforeEach(async () => {
  env = tempDepot({ clock: () => new Date('2024-03-01T08:30:00.000Z') });
  depot = env.depot;
  admin = await adminSession(depot);
});
afterEach(() => env.cleanup());

async function refusal(channel: ChannelName, input: unknown, session: Session = admin) {
  const result = await depot.invoke(channel, input, session);
  if (result.ok) throw new Error(`${channel} was accepted: ${JSON.stringify(result.data)}`);
  return result.error;
}

/** Each master table: a new row with only its required fields, a second one, and an edit. */
const tables = [
  {
    table: 'items',
    first: { code: 'FH-001', name: '医用防护口罩', unit: '只', category: 'protective' },
    second: { code: 'XS-001', name: '84消毒液', unit: '瓶', category: 'disinfection' },
    third: { code: 'ZZ-9', name: '额温枪', unit: '台', category: 'medical' },
    defaults: { spec: '', packs: [], lotTracked: true, standard: '', safetyStock: 0, barcode: null, active: true },
    edit: { spec: 'KN95 耳挂式', safetyStock: 2000 },
  },
  {
    table: 'locations',
    first: { code: 'A-01-01', depot: '市本级储备库', zone: 'A区', bin: '01' },
    second: { code: 'B-02-03', depot: '城东分库', zone: 'B区', bin: '03' },
    third: { code: 'ZZ-9', depot: '城东分库', zone: 'C区', bin: '09' },
    defaults: { note: '', active: true },
    edit: { note: '靠近装卸口' },
  },
  {
    table: 'suppliers',
    first: { code: 'S-001', name: '华康医疗用品有限公司', kind: 'manufacturer' },
    second: { code: 'S-002', name: '省应急管理厅', kind: 'higher_level' },
    third: { code: 'ZZ-9', name: '爱心企业联合会', kind: 'donor' },
    defaults: { contact: '', phone: '', leadTimeDays: null, qualificationExpiry: null, active: true },
    edit: { contact: '张经理', phone: '0471-5550123', leadTimeDays: 3, qualificationExpiry: '2025-12-31' },
  },
  {
    table: 'units',
    first: { code: 'U-001', name: '市第一人民医院', type: 'designated_hospital' },
    second: { code: 'U-002', name: '京藏高速收费站卡口', type: 'checkpoint' },
    third: { code: 'ZZ-9', name: '急救中心一组', type: 'ambulance_team' },
    defaults: { district: '', staffCount: 0, beds: 0, tier: 'full', active: true },
    edit: { staffCount: 1250, beds: 800, district: '新城区' },
  },
] as const;

describe.each(tables)('$table', ({ table, first, second, third, defaults, edit }) => {
  const ch = (verb: 'list' | 'create' | 'update') => `${table}.${verb}` as ChannelName;
  const rows = () => depot.store.all(`SELECT * FROM ${table} ORDER BY id`);

  it('creates rows with defaults, lists them by code, and records who wrote them', async () => {
    const b = (await call(depot, admin, ch('create'), { ...second, requestId: rid() })) as { id: number };
    const a = (await call(depot, admin, ch('create'), { ...first, requestId: rid() })) as { id: number };
    expect(a).toMatchObject({ ...first, ...defaults, version: 1, updatedAt: '2024-03-01T08:30:00.000Z' });
    const list = (await call(depot, admin, ch('list'), {})) as { id: number; code: string }[];
    expect(list.map((r) => r.code)).toEqual([first.code, second.code]);
    expect(list[0]).toEqual(a);
    expect(list[1]!.id).toBe(b.id);
    expect(depot.store.first<{ updated_by: number }>(`SELECT updated_by FROM ${table} WHERE id = ?`, [a.id])!.updated_by).toBe(admin.operatorId);
  });

  it('updates the fields sent, bumps the version, and tells the grids', async () => {
    const row = (await call(depot, admin, ch('create'), { ...first, requestId: rid() })) as { id: number; version: number };
    const changed: string[] = [];
    depot.on('data.changed', ({ entity }) => changed.push(entity));
    const updated = await call(depot, admin, ch('update'), { id: row.id, version: row.version, changes: edit, requestId: rid() });
    expect(updated).toEqual({ ...row, ...edit, version: 2 });
    expect(await call(depot, admin, ch('list'), {})).toEqual([updated]);
    expect(changed).toEqual([table]);
    const audit = depot.store.all<{ action: string; before: string; after: string }>('SELECT action, before, after FROM audit_log WHERE entity = ? ORDER BY id', [table]);
    expect(audit.map((r) => r.action)).toEqual(['create', 'update']);
    expect(JSON.parse(audit[1]!.before)).toEqual(row);
    expect(JSON.parse(audit[1]!.after)).toEqual(updated);
  });

  it('refuses an update against a stale version and changes nothing', async () => {
    const row = (await call(depot, admin, ch('create'), { ...first, requestId: rid() })) as { id: number; version: number };
    await call(depot, admin, ch('update'), { id: row.id, version: row.version, changes: edit, requestId: rid() });
    const before = rows();
    const audit = depot.store.all('SELECT * FROM audit_log');
    const error = await refusal(ch('update'), { id: row.id, version: row.version, changes: { active: false }, requestId: rid() });
    expect(error.code).toBe('stale');
    expect(error.message).toBe('该行已被他人修改（现为第 2 版），请刷新后重试');
    expect(rows()).toEqual(before);
    expect(depot.store.all('SELECT * FROM audit_log')).toEqual(audit);
  });

  it('refuses a duplicate code, naming the field, on create and on update', async () => {
    await call(depot, admin, ch('create'), { ...first, requestId: rid() });
    const other = (await call(depot, admin, ch('create'), { ...second, requestId: rid() })) as { id: number; version: number };
    const before = rows();
    // third differs from both rows in everything but the code.
    const created = await refusal(ch('create'), { ...third, code: first.code, requestId: rid() });
    expect(created).toEqual({ code: 'duplicate', field: 'code', message: `编码“${first.code}”已存在` });
    const updated = await refusal(ch('update'), { id: other.id, version: other.version, changes: { code: first.code }, requestId: rid() });
    expect(updated).toMatchObject({ code: 'duplicate', field: 'code' });
    admin.locale = 'en';
    expect((await refusal(ch('create'), { ...third, code: first.code, requestId: rid() })).message).toBe(`Code "${first.code}" already exists`);
    expect(rows()).toEqual(before);
  });

  it('deactivates instead of deleting: the row leaves the list but stays on file', async () => {
    const row = (await call(depot, admin, ch('create'), { ...first, requestId: rid() })) as { id: number; version: number };
    await call(depot, admin, ch('update'), { id: row.id, version: row.version, changes: { active: false }, requestId: rid() });
    expect(await call(depot, admin, ch('list'), {})).toEqual([]);
    expect(await call(depot, admin, ch('list'), { includeInactive: true })).toMatchObject([{ id: row.id, active: false, version: 2 }]);
  });

  it('refuses an update of a row that does not exist, and an empty change', async () => {
    expect((await refusal(ch('update'), { id: 999, version: 1, changes: edit, requestId: rid() })).code).toBe('not_found');
    const row = (await call(depot, admin, ch('create'), { ...first, requestId: rid() })) as { id: number; version: number };
    const empty = await refusal(ch('update'), { id: row.id, version: row.version, changes: {}, requestId: rid() });
    expect(empty.code).toBe('invalid_input');
    expect(empty.message).toContain('没有要修改的内容');
  });
});

describe('item packs', () => {
  it('parses the grid text "盒=50, 箱=1000" into pack levels and shows them back', async () => {
    const item = await call(depot, admin, 'items.create', {
      code: 'FH-001', name: '医用防护口罩', unit: '只', category: 'protective', packs: '盒=50, 箱=1000', requestId: rid(),
    });
    expect(item.packs).toEqual([{ unit: '盒', per: 50 }, { unit: '箱', per: 1000 }]);
    expect(JSON.parse(depot.store.first<{ packs: string }>('SELECT packs FROM items')!.packs)).toEqual(item.packs);
    // Full-width punctuation, as a Chinese input method types it.
    const edited = await call(depot, admin, 'items.update', { id: item.id, version: item.version, changes: { packs: '盒＝20，箱＝400' }, requestId: rid() });
    expect(edited.packs).toEqual([{ unit: '盒', per: 20 }, { unit: '箱', per: 400 }]);
    const cleared = await call(depot, admin, 'items.update', { id: item.id, version: edited.version, changes: { packs: '' }, requestId: rid() });
    expect(cleared.packs).toEqual([]);
  });

  it.each([
    ['盒50', '包装格式应为“盒=50, 箱=1000”'],
    ['盒=abc', '包装格式应为“盒=50, 箱=1000”'],
    ['箱=1000, 盒=50', '包装须由小到大，且每级大于上一级'],
    ['盒=1', '包装'],
  ])('refuses the packs %j and keeps the row as it was', async (packs, reason) => {
    const item = await call(depot, admin, 'items.create', { code: 'FH-001', name: '口罩', unit: '只', category: 'protective', packs: '盒=50', requestId: rid() });
    const before = depot.store.all('SELECT * FROM items');
    const error = await refusal('items.update', { id: item.id, version: item.version, changes: { packs }, requestId: rid() });
    expect(error.code).toBe('invalid_input');
    expect(error.field).toBe('packs');
    expect(error.message).toContain(reason);
    expect(depot.store.all('SELECT * FROM items')).toEqual(before);
    expect((await refusal('items.create', { code: 'FH-002', name: '口罩', unit: '只', category: 'protective', packs, requestId: rid() })).field).toBe('packs');
    expect(depot.store.all('SELECT * FROM items')).toEqual(before);
  });
});

describe('recipient units', () => {
  it('start with the allocation tier of their type, which can be changed per unit', async () => {
    for (const [i, type] of UNIT_TYPES.entries()) {
      const unit = await call(depot, admin, 'units.create', { code: `U-${i}`, name: `单位${i}`, type, requestId: rid() });
      expect(unit.tier, type).toBe(DEFAULT_TIER[type]);
    }
    expect(DEFAULT_TIER.designated_hospital).toBe('full');
    expect(DEFAULT_TIER.other_hospital).toBe('minimum');
    expect(DEFAULT_TIER.township_health_centre).toBe('proportional');
    const chosen = await call(depot, admin, 'units.create', { code: 'U-X', name: '乡卫生院', type: 'township_health_centre', tier: 'full', requestId: rid() });
    expect(chosen.tier).toBe('full');
    const moved = await call(depot, admin, 'units.update', { id: chosen.id, version: chosen.version, changes: { tier: 'minimum' }, requestId: rid() });
    expect(moved.tier).toBe('minimum');
  });

  it('refuses a negative staff count and an unknown type, naming the field', async () => {
    const negative = await refusal('units.create', { code: 'U-1', name: '卡口', type: 'checkpoint', staffCount: -3, requestId: rid() });
    expect(negative).toMatchObject({ code: 'invalid_input', field: 'staffCount' });
    expect(negative.message).toContain('职工数');
    const unknown = await refusal('units.create', { code: 'U-1', name: '卡口', type: 'spaceport', requestId: rid() });
    expect(unknown).toMatchObject({ code: 'invalid_input', field: 'type' });
    expect(unknown.message).toBe('输入有误：单位类型不是可选的值');
    expect(depot.store.all('SELECT * FROM units')).toEqual([]);
  });
});

describe('required fields', () => {
  it('a blank name is refused in the operator language', async () => {
    const zh = await refusal('items.create', { code: 'FH-001', name: '   ', unit: '只', category: 'protective', requestId: rid() });
    expect(zh).toEqual({ code: 'invalid_input', field: 'name', message: '输入有误：名称不能为空' });
    admin.locale = 'en';
    const en = await refusal('items.create', { code: 'FH-001', unit: '只', category: 'protective', requestId: rid() });
    expect(en).toEqual({ code: 'invalid_input', field: 'name', message: 'Invalid input: Name is required' });
    expect(depot.store.all('SELECT * FROM items')).toEqual([]);
  });
});
