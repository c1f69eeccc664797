import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Depot, Session } from '../../../../main/core/depot.ts';
import { adminSession, call, rid, sessionWithRole, tempDepot } from '../../../support/depot.ts';
import { smallDepot } from '../../../support/fixtures.ts';

let env: ReturnType<typeof tempDepot>;
afterEach(() => env?.cleanup());

const DAY = '2026-04-10';

async function setup() {
  env = tempDepot({ clock: () => new Date('2026-04-10T08:00:00+08:00') });
  const admin = await adminSession(env.depot);
  const dispatcher = await sessionWithRole(env.depot, admin, 'dispatcher', 'ddy01');
  const keeper = await sessionWithRole(env.depot, admin, 'storekeeper', 'bgy01');
  const d = await smallDepot(env.depot, admin);
  // Two items share a name and differ by spec, as protective suits do by size.
  const suitXL = await call(env.depot, admin, 'items.create', {
    code: 'FH-011', name: '医用一次性防护服', spec: '连体式 XL', unit: '套', category: 'protective', packs: '箱=20', requestId: rid(),
  });
  const unit = (code: string, name: string, type: string, staffCount: number) =>
    call(env.depot, admin, 'units.create', { code, name, type, staffCount, requestId: rid() });
  const hospital = await unit('U1', '市第一人民医院（定点）', 'designated_hospital', 900);
  const other = await unit('U2', '市中医院', 'other_hospital', 400);
  const townA = await unit('U3', '红旗镇卫生院', 'township_health_centre', 86);
  const townB = await unit('U4', '新华镇卫生院', 'township_health_centre', 40);
  return { admin, dispatcher, keeper, suitXL, hospital, other, townA, townB, ...d };
}

type Rows = (string | number | null)[][];
/** A workbook as units make them: title rows, a header, data; merges as given. */
async function workbook(sheets: { name: string; rows: Rows; merges?: string[] }[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    s.rows.forEach((r) => ws.addRow(r));
    for (const m of s.merges ?? []) ws.mergeCells(m);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const file = (bytes: Buffer, fileName: string) => ({ fileBase64: bytes.toString('base64'), fileName, day: DAY });

const reports = (depot: Depot) =>
  depot.store.all<{ unit: string; item: string; on_hand: number; daily_need: number; minimum_need: number; requested: number | null; source: string }>(
    `SELECT u.code AS unit, i.code AS item, d.on_hand, d.daily_need, d.minimum_need, d.requested, d.source
       FROM demand_reports d JOIN units u ON u.id = d.unit_id JOIN items i ON i.id = d.item_id ORDER BY u.code, i.code`,
  );
const count = (depot: Depot, table: string) => depot.store.first<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)!.n;

async function refusal(depot: Depot, session: Session, channel: 'demand.importPreview' | 'demand.importCommit', input: object) {
  const before = [count(depot, 'demand_reports'), count(depot, 'audit_log')];
  const r = await depot.invoke(channel, channel === 'demand.importCommit' ? { mode: 'all', ...input, requestId: rid() } : input, session);
  expect(r.ok).toBe(false);
  expect([count(depot, 'demand_reports'), count(depot, 'audit_log')]).toEqual(before);
  return r.ok ? '' : r.error.message;
}

/** A township health centre's own sheet: two title rows (the first merged), a grouped header, a template row and a total. */
const ONE_UNIT: Rows = [
  ['红旗镇卫生院 防疫物资需求申报表'],
  ['填报日期：2026年4月10日', null, null, null, '填报人：李四'],
  [null, null, null, null, '数量', null, null, null],
  ['序号', '品名', '规格 / 型号', '计量单位', '库存量', '日消耗', '最低需求量', '申领数量'],
  [1, '医用防护口罩', 'KN95', '只', 300, 1000, 200, 3000],
  [2, '医用一次性防护服', 'XL', '套', 12, '40', 10, null],
  [3, '医用防护口罩', 'KN95 耳挂式', '箱', null, null, null, null],
  [4, '折叠床', null, '张', '0', 5, '2', 10],
  ['合计', null, null, null, 312, 1045, 212, 3010],
];

describe('demand reports from Excel', () => {
  it('reads a unit\'s own sheet: the unit from its title, header variants under title rows, a grouped header, template and total rows skipped', async () => {
    const { dispatcher, townA } = await setup();
    const bytes = await workbook([{ name: 'Sheet1', rows: ONE_UNIT, merges: ['A1:H1', 'E3:H3'] }]);
    const preview = await call(env.depot, dispatcher, 'demand.importPreview', file(bytes, '红旗镇4月10日.xlsx'));
    expect(preview).toMatchObject({
      file: '红旗镇4月10日.xlsx', sheet: 'Sheet1', headerRow: 4, unitFrom: 'title', unit: { id: townA.id, name: '红旗镇卫生院' },
      total: 5, valid: 3, skipped: 2, errorRows: 0, errors: [], warnings: [],
    });
    expect(preview.columns.map((c) => [c.header, c.field])).toEqual([
      ['品名', 'itemName'],
      ['规格 / 型号', 'spec'],
      ['计量单位', 'measure'],
      ['库存量', 'onHand'],
      ['日消耗', 'dailyNeed'],
      ['最低需求量', 'minimumNeed'],
      ['申领数量', 'requested'],
    ]);
    // The suit is told from its namesake by the spec; "40" written as text is a number.
    expect(preview.rows.map((r) => [r.row, r.itemCode, r.onHand, r.dailyNeed, r.minimumNeed, r.requested])).toEqual([
      [5, 'FH-001', 300, 1000, 200, 3000],
      [6, 'FH-011', 12, 40, 10, null],
      [8, 'CW-001', 0, 5, 2, 10],
    ]);
    expect(count(env.depot, 'demand_reports')).toBe(0);

    const done = await call(env.depot, dispatcher, 'demand.importCommit', { ...file(bytes, '红旗镇4月10日.xlsx'), mode: 'all', requestId: rid() });
    expect(done).toEqual({ imported: 3, units: 1, leftOut: 2 });
    expect(reports(env.depot)).toEqual([
      { unit: 'U3', item: 'CW-001', on_hand: 0, daily_need: 5, minimum_need: 2, requested: 10, source: 'excel' },
      { unit: 'U3', item: 'FH-001', on_hand: 300, daily_need: 1000, minimum_need: 200, requested: 3000, source: 'excel' },
      { unit: 'U3', item: 'FH-011', on_hand: 12, daily_need: 40, minimum_need: 10, requested: null, source: 'excel' },
    ]);
    const status = await call(env.depot, dispatcher, 'demand.status', { day: DAY });
    expect(status.find((s) => s.unitId === townA.id)).toMatchObject({ reported: true, lastDay: DAY });
  });

  it('reads a combined sheet: the unit column merged over its rows, item codes, quantities in packs', async () => {
    const { dispatcher } = await setup();
    const rows: Rows = [
      ['各单位防疫物资需求汇总表（4月10日）'],
      ['申报单位', '物资编码', '物资名称', '规格', '单位', '现有库存', '日需求量', '最低需求', '申请数量'],
      ['市第一人民医院（定点）', 'FH-001', '医用防护口罩', 'KN95', '只', 300, 2000, 1500, null],
      [null, 'FH-010', '医用一次性防护服', '连体式 L', '箱', 2, 5, 3, 10],
      ['市中医院', 'FH-001', null, null, '盒', 10, 30, 20, null],
      ['新华镇卫生院', null, '医用防护口罩', null, '只', '1,200', '1000', 200, '2箱 3盒'],
    ];
    const bytes = await workbook([{ name: '需求汇总', rows, merges: ['A1:I1', 'A3:A4'] }]);
    const preview = await call(env.depot, dispatcher, 'demand.importPreview', file(bytes, '汇总.xlsx'));
    expect(preview).toMatchObject({ unitFrom: 'column', unit: null, headerRow: 2, valid: 4, errorRows: 0 });
    expect(preview.columns.find((c) => c.header === '单位')!.field).toBe('measure');
    await call(env.depot, dispatcher, 'demand.importCommit', { ...file(bytes, '汇总.xlsx'), mode: 'all', requestId: rid() });
    // 2 boxes of 20 suits; 10 boxes of 50 masks; "2箱 3盒" of masks = 2,150.
    expect(reports(env.depot).map((r) => [r.unit, r.item, r.on_hand, r.daily_need, r.minimum_need, r.requested])).toEqual([
      ['U1', 'FH-001', 300, 2000, 1500, null],
      ['U1', 'FH-010', 40, 100, 60, 200],
      ['U2', 'FH-001', 500, 1500, 1000, null],
      ['U4', 'FH-001', 1200, 1000, 200, 2150],
    ]);
  });

  it('takes "单位" for the reporting unit when the sheet names units in it, and says when a sheet has no minimum need', async () => {
    const { dispatcher } = await setup();
    const withMeasure = await workbook([{ name: '需求', rows: [['单位', '品名', '计量单位', '现有量', '日均消耗'], ['U2', '折叠床', '张', 1, 4]] }]);
    const a = await call(env.depot, dispatcher, 'demand.importPreview', file(withMeasure, 'a.xlsx'));
    expect(a.columns.map((c) => c.field)).toEqual(['unitName', 'itemName', 'measure', 'onHand', 'dailyNeed']);
    expect(a.rows[0]).toMatchObject({ unitName: '市中医院', itemCode: 'CW-001', minimumNeed: 0, errors: [] });
    expect(a.warnings).toEqual(['表中没有“最低需求量”列，最低需求量按 0 导入']);

    const byContent = await workbook([{ name: '需求', rows: [['单位', '品名', '库存', '日需求', '最低需求'], ['红旗镇卫生院', '折叠床', 1, 4, 2], ['新华镇卫生院', '折叠床', 0, 2, 1]] }]);
    const b = await call(env.depot, dispatcher, 'demand.importPreview', file(byContent, 'b.xlsx'));
    expect(b).toMatchObject({ unitFrom: 'column', valid: 2 });
    expect(b.rows.map((r) => r.unitName)).toEqual(['红旗镇卫生院', '新华镇卫生院']);
  });

  it('lists row errors with their sheet rows; imports all or nothing, or only the valid rows when asked', async () => {
    const { dispatcher } = await setup();
    const rows: Rows = [
      ['需求汇总'],
      ['申报单位', '品名', '规格型号', '计量单位', '现有库存', '日需求量', '最低需求量', '申请数量'],
      ['市中医院', '医用防护口罩', null, '只', 0, 1500, 1000, null], // row 3: fine
      ['城南医院', '医用防护口罩', null, '只', 0, 100, 50, null], // row 4: no such unit
      ['市中医院', '一次性手套', null, '副', 0, 100, 50, null], // row 5: no such item
      ['市中医院', '折叠床', null, '张', 0, 2.5, 1, null], // row 6: not whole
      ['红旗镇卫生院', '医用防护口罩', null, '袋', 0, 100, 50, null], // row 7: not a unit of masks
      ['市中医院', '医用防护口罩', null, '只', 10, 10, 10, null], // row 8: repeats row 3
      ['新华镇卫生院', '医用一次性防护服', null, '套', 0, null, 5, null], // row 9: two suits; daily need blank
      ['新华镇卫生院', '折叠床', null, '张', 3, 6, 2, null], // row 10: fine
    ];
    const bytes = await workbook([{ name: '需求', rows, merges: ['A1:H1'] }]);
    const input = file(bytes, '汇总.xlsx');
    const preview = await call(env.depot, dispatcher, 'demand.importPreview', input);
    expect(preview).toMatchObject({ total: 8, valid: 2, errorRows: 6 });
    expect(preview.errors).toEqual([
      { row: 4, field: '申报单位', message: '找不到受领单位“城南医院”' },
      { row: 5, field: '物资名称', message: '找不到物资“一次性手套”' },
      { row: 6, field: '日需求量', message: '“2.5”不是非负整数' },
      { row: 7, field: '计量单位', message: '计量单位“袋”不是该物资的单位（可用：只、盒、箱）' },
      { row: 8, field: '物资名称', message: '与第 3 行重复' },
      { row: 9, field: '物资名称', message: '有多个物资名为“医用一次性防护服”，请填写物资编码' },
      { row: 9, field: '日需求量', message: '日需求量不能为空' },
    ]);

    const all = await refusal(env.depot, dispatcher, 'demand.importCommit', input);
    expect(all).toBe('输入有误：有 6 行数据有误，未导入任何数据；第一处：第 4 行“申报单位”找不到受领单位“城南医院”');

    const some = await call(env.depot, dispatcher, 'demand.importCommit', { ...input, mode: 'validOnly', requestId: rid() });
    expect(some).toEqual({ imported: 2, units: 2, leftOut: 6 });
    expect(reports(env.depot).map((r) => [r.unit, r.item, r.daily_need])).toEqual([
      ['U2', 'FH-001', 1500],
      ['U4', 'CW-001', 6],
    ]);
    const audit = env.depot.store.first<{ after: string }>("SELECT after FROM audit_log WHERE action = 'import' AND entity = 'demand'")!;
    expect(JSON.parse(audit.after)).toEqual({ file: '汇总.xlsx', rows: 2, leftOut: 6, mode: 'validOnly' });
  });

  it('refuses malformed files with a clear message and writes nothing', async () => {
    const { dispatcher, keeper, townB } = await setup();
    const text = Buffer.from('单位,品名,库存\n市中医院,口罩,1\n');
    expect(await refusal(env.depot, dispatcher, 'demand.importPreview', file(text, '需求.csv'))).toBe(
      '输入有误：“需求.csv”不是有效的 Excel 工作簿（.xlsx），请在 Excel 中另存为 .xlsx 后再导入',
    );
    const blank = await workbook([{ name: 'Sheet1', rows: [] }]);
    expect(await refusal(env.depot, dispatcher, 'demand.importPreview', file(blank, '空.xlsx'))).toContain('找不到需求申报工作表');
    const noHeader = await workbook([{ name: 'Sheet1', rows: [['红旗镇卫生院'], ['口罩', 300, 1000]] }]);
    expect(await refusal(env.depot, dispatcher, 'demand.importPreview', file(noHeader, 'x.xlsx'))).toContain('找不到需求申报工作表');
    const noNeed = await workbook([{ name: '需求', rows: [['品名', '现有库存'], ['折叠床', 1]] }]);
    expect(await refusal(env.depot, dispatcher, 'demand.importPreview', file(noNeed, 'x.xlsx'))).toBe('输入有误：工作表“需求”缺少必需的列：日需求量');
    const noData = await workbook([{ name: '需求', rows: [['品名', '现有库存', '日需求量']] }]);
    expect(await refusal(env.depot, dispatcher, 'demand.importPreview', file(noData, 'x.xlsx'))).toBe('输入有误：工作表“需求”在表头下没有数据行');

    // A one-unit sheet that names no unit: the operator chooses it.
    const anonymous = await workbook([{ name: 'Sheet1', rows: [['防疫物资需求申报表'], ['品名', '库存量', '日需求量', '最低需求量'], ['折叠床', 1, 4, 2]] }]);
    expect(await refusal(env.depot, dispatcher, 'demand.importPreview', file(anonymous, '申报表.xlsx'))).toContain('认不出是哪个单位的申报');
    // Committing a file that was not previewed (or changed since) is refused.
    const unseen = await workbook([{ name: 'Sheet1', rows: [['品名', '库存量', '日需求量'], ['折叠床', 1, 5]] }]);
    expect(await refusal(env.depot, dispatcher, 'demand.importCommit', { ...file(unseen, '申报表.xlsx'), unitId: townB.id })).toBe(
      '输入有误：请先预览此文件（文件在预览后有改动，或预览已失效）',
    );
    const chosen = await call(env.depot, dispatcher, 'demand.importPreview', { ...file(anonymous, '申报表.xlsx'), unitId: townB.id });
    expect(chosen).toMatchObject({ unitFrom: 'chosen', unit: { name: '新华镇卫生院' }, valid: 1 });
    // Only those who enter demand may import it.
    expect(await refusal(env.depot, keeper, 'demand.importPreview', { ...file(anonymous, '申报表.xlsx'), unitId: townB.id })).toContain('无权');
    expect(await refusal(env.depot, dispatcher, 'demand.importPreview', { day: DAY })).toBe('输入有误：请选择一个要导入的 Excel 文件');
    await call(env.depot, dispatcher, 'demand.importCommit', { ...file(anonymous, '申报表.xlsx'), unitId: townB.id, mode: 'all', requestId: rid() });
    expect(reports(env.depot)).toEqual([{ unit: 'U4', item: 'CW-001', on_hand: 1, daily_need: 4, minimum_need: 2, requested: null, source: 'excel' }]);
  });

  it('refuses a path that is no regular file (/dev/zero, a folder) before reading a byte, in words', async () => {
    const { dispatcher } = await setup();
    // /dev/zero reports a size of 0 and never ends: it froze the main process.
    expect(await refusal(env.depot, dispatcher, 'demand.importPreview', { path: '/dev/zero', day: DAY })).toBe('输入有误：“/dev/zero”不是一个普通文件（文件夹或设备不能导入）：请选择 Excel 文件');
    expect(await refusal(env.depot, dispatcher, 'demand.importPreview', { path: env.dir, day: DAY })).toMatch(/不是一个普通文件/);
  });

  it('says in English what is wrong in an English session', async () => {
    const { dispatcher } = await setup();
    const en = env.depot.createSession('en');
    await call(env.depot, en, 'auth.signIn', { code: 'ddy01', password: 'ddy01-pass-1' });
    const bytes = await workbook([{ name: '需求', rows: [['申报单位', '品名', '现有库存', '日需求量'], ['城南医院', '折叠床', 0, 3]] }]);
    const preview = await call(env.depot, en, 'demand.importPreview', file(bytes, 'x.xlsx'));
    expect(preview.errors).toEqual([{ row: 2, field: 'Reporting unit', message: 'No recipient unit “城南医院”' }]);
    void dispatcher;
  });

  it('imports from the command line: depot import demand FILE --day DATE', async () => {
    const { townA } = await setup();
    const bytes = await workbook([{ name: 'Sheet1', rows: ONE_UNIT, merges: ['A1:H1'] }]);
    const path = join(env.dir, '红旗镇.xlsx');
    writeFileSync(path, bytes);
    const depot = (...args: string[]) => {
      const r = spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', fileURLToPath(new URL('../../../../main/cli/depot.ts', import.meta.url)), ...args], {
        cwd: env.dir, encoding: 'utf8',
      });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    };
    const done = depot('import', 'demand', '红旗镇.xlsx', '--day', DAY, '--db', env.dbPath);
    expect(done).toMatchObject({ code: 0, stderr: '' });
    expect(done.stdout).toContain('已读取 红旗镇.xlsx：工作表“Sheet1”，表头在第 4 行，数据 5 行');
    expect(done.stdout).toContain('申报单位：红旗镇卫生院（取自表头）');
    expect(done.stdout).toContain('已导入需求申报 3 行（1 个单位）');
    expect(reports(env.depot).map((r) => r.unit)).toEqual(['U3', 'U3', 'U3']);
    void townA;
    expect(depot('import', 'demand', '红旗镇.xlsx', '--db', env.dbPath)).toMatchObject({ code: 2, stderr: expect.stringContaining('--day') });
  });
});
