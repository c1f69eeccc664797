import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Depot, Session } from '../../../../main/core/depot.ts';
import { MAX_IMPORT_ROWS } from '../../../../main/excel/read-table.ts';
import { adminSession, call, rid, sessionWithRole, tempDepot } from '../../../support/depot.ts';
import { ledgerMismatches, smallDepot } from '../../../support/fixtures.ts';
import { snapshot } from './scenario.ts';

let env: ReturnType<typeof tempDepot>;
afterEach(() => env?.cleanup());

async function setup() {
  env = tempDepot({ clock: () => new Date('2026-04-10T10:00:00+08:00') });
  const admin = await adminSession(env.depot);
  const keeper = await sessionWithRole(env.depot, admin, 'storekeeper', 'bgy01');
  const dispatcher = await sessionWithRole(env.depot, admin, 'dispatcher', 'ddy01');
  const data = await smallDepot(env.depot, admin);
  return { admin, keeper, dispatcher, depot: env.depot, ...data };
}

type Rows = (string | number | Date | null)[][];
/** A workbook as people make them: title rows, a header, data; merges as given. */
async function xlsx(name: string, sheets: { name: string; rows: Rows; merges?: string[] }[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    s.rows.forEach((r) => ws.addRow(r));
    for (const m of s.merges ?? []) ws.mergeCells(m);
  }
  const path = join(env.dir, name);
  await wb.xlsx.writeFile(path);
  return path;
}

async function refused(depot: Depot, session: Session, kind: string, path: string): Promise<string> {
  const before = snapshot(depot);
  const r = await depot.invoke('import.preview', { kind, path }, session);
  expect(r.ok).toBe(false);
  expect(snapshot(depot)).toEqual(before);
  return r.ok ? '' : r.error.message;
}

const ITEMS: Rows = [
  ['2026年应急物资目录'],
  ['填报单位：市应急指挥部物资保障组', null, null, null, null, null, null, null],
  ['物资代码', '品名', '规格 / 型号', '计量单位', '类别', '包装', '批次管理', '安全库存'],
  ['XS-001', '84消毒液', '500ml/瓶', '瓶', '消杀类', '箱=24', '是', 200],
  ['XS-002', '75%酒精', '500ml/瓶', '瓶', null, '箱=20', '是', 200],
  ['CW-010', '棉被', '200×230cm', '床', '床上用品', '', '否', 50],
  ['BN-001', '军大衣', 'XL', '件', 'Warming & resettlement', null, 'N', null],
];

describe('importing master data from Excel', () => {
  it('finds the header under title rows, maps Chinese header variants, previews, then imports every row', async () => {
    const { depot, keeper } = await setup();
    // 类别 written once over two rows (a merged cell), as people do.
    const path = await xlsx('物资目录.xlsx', [{ name: '物资', rows: ITEMS, merges: ['A1:H1', 'E4:E5'] }]);
    const preview = await call(depot, keeper, 'import.preview', { kind: 'items', path });
    expect(preview).toMatchObject({ kind: 'items', sheet: '物资', headerRow: 3, total: 4, errors: [], errorRows: 0, cancelled: false });
    expect(preview.columns.map((c) => [c.header, c.field])).toEqual([
      ['物资代码', 'code'],
      ['品名', 'name'],
      ['规格 / 型号', 'spec'],
      ['计量单位', 'unit'],
      ['类别', 'category'],
      ['包装', 'packs'],
      ['批次管理', 'lotTracked'],
      ['安全库存', 'safetyStock'],
    ]);
    expect(preview.rows[1]).toMatchObject({ row: 5, values: { code: 'XS-002', category: 'disinfection' } });
    expect(snapshot(depot).items).toHaveLength(3);

    const result = await call(depot, keeper, 'import.commit', { previewId: preview.previewId, requestId: rid() });
    expect(result).toMatchObject({ kind: 'items', imported: 4 });
    const items = await call(depot, keeper, 'items.list', {});
    const byCode = Object.fromEntries(items.map((i) => [i.code, i]));
    expect(byCode['XS-001']).toMatchObject({ name: '84消毒液', spec: '500ml/瓶', unit: '瓶', category: 'disinfection', packs: [{ unit: '箱', per: 24 }], lotTracked: true, safetyStock: 200 });
    expect(byCode['CW-010']).toMatchObject({ category: 'bedding', lotTracked: false, packs: [] });
    expect(byCode['BN-001']).toMatchObject({ category: 'warming', lotTracked: false, safetyStock: 0 });
    // The same preview cannot be imported twice.
    const twice = await depot.invoke('import.commit', { previewId: preview.previewId, requestId: rid() }, keeper);
    expect(twice).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!twice.ok) expect(twice.error.message).toContain('导入预览已失效');
  });

  it('shows every bad row with its sheet row number, and imports nothing while one is left', async () => {
    const { depot, keeper } = await setup();
    const path = await xlsx('有错.xlsx', [
      {
        name: 'Sheet1',
        rows: [
          ['编码', '物资名称', '单位', '类别'],
          ['XS-001', '84消毒液', '瓶', '食品'],
          ['XS-002', null, '瓶', '消杀用品'],
          ['XS-003', '手套', '双', '防护用品'],
          ['XS-003', '手套（大）', '双', '防护用品'],
          ['FH-001', '口罩', '只', '防护用品'],
          ['坏 编码', '体温计', '支', '医疗器械'],
        ],
      },
    ]);
    const before = snapshot(depot);
    const preview = await call(depot, keeper, 'import.preview', { kind: 'items', path });
    expect(preview.errorRows).toBe(5);
    expect(preview.errors.map((e) => [e.row, e.field, e.message])).toEqual([
      [2, '类别', expect.stringContaining('“食品”不是可选的值（防护用品、消杀用品、医疗器械、生活保障、保暖安置、床及床上用品）')],
      [3, '名称', '名称不能为空'],
      [5, '编码', '与第 4 行重复'],
      [6, '编码', '“FH-001”已存在'],
      [7, '编码', '编码格式不对'],
    ]);
    const commit = await depot.invoke('import.commit', { previewId: preview.previewId, requestId: rid() }, keeper);
    expect(commit).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!commit.ok) expect(commit.error.message).toContain('有 5 行数据有误，未导入任何数据；第一处：第 2 行“类别”');
    expect(snapshot(depot)).toEqual(before);
  });

  it('imports suppliers and recipient units with their types in Chinese; each kind only by the roles that keep it', async () => {
    const { depot, keeper, dispatcher } = await setup();
    const suppliers = await xlsx('供货渠道.xlsx', [
      {
        name: '供货渠道',
        rows: [
          ['渠道编码', '供应商名称', '渠道类型', '联系人', '联系电话', '供货周期(天)', '资质有效期至'],
          ['S-101', '康泰医疗器械有限公司', '生产厂家', '王经理', 13800000000, 3, new Date(Date.UTC(2027, 5, 30))],
          ['S-102', '市红十字会', '捐赠', '', '0471-1234567', null, '2026/12/31'],
        ],
      },
    ]);
    const p = await call(depot, keeper, 'import.preview', { kind: 'suppliers', path: suppliers });
    expect(p.errors).toEqual([]);
    await call(depot, keeper, 'import.commit', { previewId: p.previewId, requestId: rid() });
    const list = await call(depot, keeper, 'suppliers.list', {});
    expect(list.find((x) => x.code === 'S-101')).toMatchObject({ kind: 'manufacturer', phone: '13800000000', leadTimeDays: 3, qualificationExpiry: '2027-06-30' });
    expect(list.find((x) => x.code === 'S-102')).toMatchObject({ kind: 'donor', qualificationExpiry: '2026-12-31' });

    const units = await xlsx('受领单位.xlsx', [
      {
        name: '受领单位',
        rows: [
          ['单位编码', '单位名称', '单位类型', '所属区县', '职工人数', '床位数', '供给方式'],
          ['FC-01', '会展中心方舱医院', '方舱', '新城区', 320, 1200, null],
          ['WS-01', '金河镇卫生院', '乡镇卫生院', '土左旗', 45, 20, '按比例'],
        ],
      },
    ]);
    expect(await refused(depot, keeper, 'units', units)).toContain('当前角色（保管员）无权执行此操作');
    const u = await call(depot, dispatcher, 'import.preview', { kind: 'units', path: units });
    await call(depot, dispatcher, 'import.commit', { previewId: u.previewId, requestId: rid() });
    const unitList = await call(depot, dispatcher, 'units.list', {});
    expect(unitList.map((x) => [x.code, x.type, x.tier, x.staffCount])).toEqual([
      ['FC-01', 'makeshift_hospital', 'full', 320],
      ['WS-01', 'township_health_centre', 'proportional', 45],
    ]);
    const items = await xlsx('items.xlsx', [{ name: '物资', rows: ITEMS }]);
    expect(await refused(depot, dispatcher, 'items', items)).toContain('当前角色（调度员）无权执行此操作');
  });
});

describe('a file that cannot be imported', () => {
  it('is refused as a whole with a clear message, and nothing changes', async () => {
    const { depot, keeper } = await setup();
    const text = join(env.dir, '不是表格.xlsx');
    writeFileSync(text, '物资编码,物资名称\nXS-001,84消毒液\n');
    expect(await refused(depot, keeper, 'items', text)).toBe('输入有误：“不是表格.xlsx”不是有效的 Excel 工作簿（.xlsx），请在 Excel 中另存为 .xlsx 后再导入');
    expect(await refused(depot, keeper, 'items', join(env.dir, '没有这个文件.xlsx'))).toContain('文件不存在');

    const empty = await xlsx('空白.xlsx', [{ name: 'Sheet1', rows: [] }]);
    expect(await refused(depot, keeper, 'items', empty)).toContain('找不到物资工作表：需要一个表头含“物资编码、物资名称、计量单位、物资类别”的工作表');
    const headerOnly = await xlsx('只有表头.xlsx', [{ name: '物资', rows: [['编码', '名称', '单位', '类别']] }]);
    expect(await refused(depot, keeper, 'items', headerOnly)).toContain('工作表“物资”在表头下没有数据行');
    const missing = await xlsx('缺列.xlsx', [{ name: '物资', rows: [['编码', '名称', '单位'], ['XS-001', '84消毒液', '瓶']] }]);
    expect(await refused(depot, keeper, 'items', missing)).toContain('工作表“物资”缺少必需的列：物资类别');
    const twoHeaders = await xlsx('双行表头.xlsx', [
      {
        name: '物资',
        rows: [
          ['编码', '名称', '单位', '类别', '库存', null],
          [null, null, null, null, '箱', '个'],
          ['XS-001', '84消毒液', '瓶', '消杀用品', 1, 2],
        ],
        merges: ['A1:A2', 'B1:B2', 'C1:C2', 'D1:D2', 'E1:F1'],
      },
    ]);
    expect(await refused(depot, keeper, 'items', twoHeaders)).toContain('工作表“物资”的表头（第 1 行）有合并单元格 A1:A2');
    const other = await xlsx('别的表.xlsx', [{ name: '考勤', rows: [['姓名', '日期'], ['张三', '2026-04-10']] }]);
    expect(await refused(depot, keeper, 'suppliers', other)).toContain('找不到供货渠道工作表');
    const sameField = await xlsx('重复列.xlsx', [{ name: '物资', rows: [['编码', '名称', '品名', '单位', '类别'], ['A', 'b', 'c', '瓶', '消杀用品']] }]);
    expect(await refused(depot, keeper, 'items', sameField)).toContain('“名称”和“品名”两列都表示“物资名称”');
  });

  it('refuses a huge file before loading it', async () => {
    const { depot, keeper } = await setup();
    const path = join(env.dir, '太大.xlsx');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path });
    const ws = wb.addWorksheet('物资');
    ws.addRow(['编码', '名称', '单位', '类别']).commit();
    for (let i = 0; i < MAX_IMPORT_ROWS + 100; i++) ws.addRow([`X-${i}`, `物资${i}`, '个', '防护用品']).commit();
    ws.commit();
    await wb.commit();
    expect(await refused(depot, keeper, 'items', path)).toContain(`工作表“物资”超过 ${MAX_IMPORT_ROWS} 行`);
  });
});

describe('importing opening stock (期初)', () => {
  it('posts one receipt with source 期初 through receiving: packs, lots, expiry, cost in yuan', async () => {
    const { depot, keeper, mask, suit, bed } = await setup();
    const path = await xlsx('期初库存.xlsx', [
      {
        name: '期初库存',
        rows: [
          ['市本级储备库期初库存表（2026年4月10日）'],
          ['物资编码', '物资名称', '生产批号', '生产日期', '有效期至', '期初数量', '单价（元）', '库位'],
          ['FH-001', '医用防护口罩', '20260301', new Date(Date.UTC(2026, 2, 1)), new Date(Date.UTC(2028, 1, 28)), '20箱 3盒', 1.2, 'A-01-01'],
          ['FH-010', '医用一次性防护服', 'FS2603', '2026-03-15', '2028.3.31', 185, '25.00', 'A-01-02'],
          [null, '折叠床', null, null, null, 300, null, 'A-01-02'],
        ],
        merges: ['A1:H1'],
      },
    ]);
    const preview = await call(depot, keeper, 'import.preview', { kind: 'stock', path });
    expect(preview.errors).toEqual([]);
    expect(preview.rows.map((r) => r.values.counted)).toEqual([20_150, 185, 300]);
    expect(snapshot(depot).receipts).toEqual([]);
    const result = await call(depot, keeper, 'import.commit', { previewId: preview.previewId, requestId: rid() });
    expect(result).toMatchObject({ kind: 'stock', imported: 3, receiptNo: 'RK20260410-0001' });

    const receipt = await call(depot, keeper, 'receipts.get', { id: result.receiptId! });
    expect(receipt).toMatchObject({ status: 'posted', sourceType: 'opening', reference: '期初库存.xlsx' });
    expect(receipt.lines.map((l) => [l.itemId, l.lotNo, l.producedOn, l.expiresOn, l.accepted, l.unitCost, l.locationCode])).toEqual([
      [mask.id, '20260301', '2026-03-01', '2028-02-28', 20_150, 120, 'A-01-01'],
      [suit.id, 'FS2603', '2026-03-15', '2028-03-31', 185, 2500, 'A-01-02'],
      [bed.id, '', null, null, 300, null, 'A-01-02'],
    ]);
    const stock = await call(depot, keeper, 'stock.list', {});
    expect(stock.totals.onHand).toBe(20_150 + 185 + 300);
    expect(ledgerMismatches(depot)).toEqual([]);
    // Opening stock was on hand before: it is not "received" in the statistics, nor an inbound transaction.
    const stats = await call(depot, keeper, 'stats.summary', {});
    expect(stats.cumulative.received.total.pieces).toBe(0);
    expect(stats.cumulative.documents.inbound).toBe(0);
    expect(stats.onHand.pieces).toBe(20_150 + 185 + 300);
  });

  it('reports the rows it cannot post — unknown item or location, a lot without number, a lot known with another expiry — and posts nothing', async () => {
    const { depot, keeper, mask, a1 } = await setup();
    // An earlier opening sheet (a depot still setting up: opening stock may come in several files).
    const d = await call(depot, keeper, 'receipts.saveDraft', {
      sourceType: 'opening', lines: [{ itemId: mask.id, lotNo: 'L1', expiresOn: '2028-01-31', counted: 10, locationId: a1.id }], requestId: rid(),
    });
    await call(depot, keeper, 'receipts.post', { id: d.id, version: d.version, requestId: rid() });
    const path = await xlsx('期初.xlsx', [
      {
        name: '期初',
        rows: [
          ['编码', '批号', '有效期', '数量', '库位'],
          ['NO-SUCH', 'X', null, 1, 'A-01-01'],
          ['FH-001', 'L2', null, 5, 'Z-99'],
          ['FH-001', null, null, 5, 'A-01-01'],
          ['FH-001', 'L3', null, '3吨', 'A-01-01'],
          // Beyond 10^9 base units, as text and as a number Excel keeps as a float.
          ['FH-001', 'L4', null, '999999999箱', 'A-01-01'],
          ['FH-001', 'L5', null, 1e20, 'A-01-01'],
        ],
      },
    ]);
    const before = snapshot(depot);
    const preview = await call(depot, keeper, 'import.preview', { kind: 'stock', path });
    expect(preview.errors.map((e) => [e.row, e.field, e.message])).toEqual([
      [2, '物资编码', '找不到物资“NO-SUCH”'],
      [3, '库位', '找不到库位“Z-99”'],
      [4, '生产批号', '生产批号不能为空'],
      [5, '数量', '数量“3吨”无法识别，可用单位：只、盒、箱'],
      [6, '数量', '数量“999999999箱”超出范围：应为 0 到 1,000,000,000 之间的整数（按最小单位计）'],
      [7, '数量', '数量“100000000000000000000”超出范围：应为 0 到 1,000,000,000 之间的整数（按最小单位计）'],
    ]);
    expect(snapshot(depot)).toEqual(before);

    // Rows that pass their own checks but clash with the database are found by posting in a transaction that is rolled back.
    const clash = await xlsx('期初2.xlsx', [{ name: '期初', rows: [['编码', '批号', '有效期', '数量', '库位'], ['FH-001', 'L1', '2029-01-31', 5, 'A-01-01']] }]);
    const p2 = await call(depot, keeper, 'import.preview', { kind: 'stock', path: clash });
    expect(p2.errors.map((e) => [e.row, e.message])).toEqual([[2, '批号 L1 已登记有效期 2028-01-31，与本次填写的 2029-01-31 不一致']]);
    expect(snapshot(depot)).toEqual(before);
  });
});
