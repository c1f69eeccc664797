import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Locator, Page } from '@playwright/test';
import { test, expect, idOf, type Desk } from '../support/ui.ts';
import { call, rid } from '../support/depot.ts';

const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'docs', 'screenshots');
const DAY = '2026-04-10';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Rows = (string | number | null)[][];
/** A workbook as a unit sends it, written here with exceljs: title rows (merged), a header, the figures. */
async function workbook(rows: Rows, merges: string[] = []): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  rows.forEach((r) => ws.addRow(r));
  merges.forEach((m) => ws.mergeCells(m));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * The scene, set through the core: the demo depot, 10,000 KN95 masks and 600 protective suits
 * in stock, and the day's reports of the units that did not send a workbook — a hospital of the
 * minimum tier and a second township health centre (proportional).
 */
async function scene(desk: Desk) {
  await desk.seed();
  await desk.signInAsAdmin();
  const s = desk.session;
  const d = desk.depot;
  const mask = idOf(d, 'items', 'FH-001');
  const suit = idOf(d, 'items', 'FH-005');
  const location = d.store.first<{ id: number }>("SELECT id FROM locations WHERE code LIKE 'SB-%' ORDER BY code LIMIT 1")!.id;
  const supplier = idOf(d, 'suppliers', 'SJ-002');
  const draft = await call(d, s, 'receipts.saveDraft', {
    sourceType: 'allocation',
    supplierId: supplier,
    lines: [
      { itemId: mask, lotNo: 'KN20260401', expiresOn: '2029-03-31', counted: 10_000, locationId: location },
      { itemId: suit, lotNo: 'FHF260402', expiresOn: '2029-03-31', counted: 600, locationId: location },
    ],
    requestId: rid(),
  });
  await call(d, s, 'receipts.post', { id: draft.id, version: draft.version, requestId: rid() });
  await call(d, s, 'demand.save', {
    day: DAY,
    rows: [
      { unitId: idOf(d, 'units', 'QT-01'), itemId: mask, onHand: 0, dailyNeed: 1500, minimumNeed: 1000 },
      { unitId: idOf(d, 'units', 'QT-01'), itemId: suit, onHand: 0, dailyNeed: 60, minimumNeed: 40 },
      { unitId: idOf(d, 'units', 'WSY-03'), itemId: mask, onHand: 0, dailyNeed: 1000, minimumNeed: 100 },
    ],
    requestId: rid(),
  });
  return { mask, suit };
}

/** Every header and cell shows its whole text, and no grid hides columns to the right. */
async function clipped(page: Page) {
  const cells = await page.locator('.ag-header-cell-text, .ag-header-group-text, .ag-cell-value').evaluateAll((els) =>
    els.filter((el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 2).map((el) => el.textContent),
  );
  const scrolled = await page.locator('.ag-body-horizontal-scroll-viewport').evaluateAll((els) =>
    els.filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => `${el.closest('.ag-root-wrapper')?.parentElement?.parentElement?.className} scrolls sideways: ${el.scrollWidth} > ${el.clientWidth}`),
  );
  return [...cells, ...scrolled];
}

/** A cell of a grid whose rows are keyed "unitId:itemId". */
const at = (grid: Locator, unitId: number, itemId: number, col: string) => grid.locator(`.ag-row[row-id="${unitId}:${itemId}"] [col-id="${col}"]`);

test('the desk imports two units\' Excel demand, computes a three-tier round under a shortage, overrides a cell with a reason, approves and sees the draft dispatch orders', async ({ page, desk }) => {
  const { mask } = await scene(desk);
  const unit = (code: string) => idOf(desk.depot, 'units', code);
  const [infectious, other, shimen, liulin] = ['DD-02', 'QT-01', 'WSY-02', 'WSY-03'].map(unit) as [number, number, number, number];
  await desk.open();
  await page.getByRole('navigation').getByRole('link', { name: '需求申报' }).click();
  await expect(page.getByRole('heading', { name: '需求申报', level: 2 })).toBeVisible();
  await page.getByLabel('申报日期').fill(DAY);

  // A township health centre's own sheet: the unit is in its merged title.
  const shimenSheet = await workbook(
    [
      ['青山县石门镇卫生院 防疫物资需求申报表'],
      ['填报日期：2026年4月10日', null, null, null, '填报人：丁玲'],
      ['序号', '品名', '规格型号', '计量单位', '库存量', '日消耗', '最低需求量', '申领数量'],
      [1, '医用防护口罩', 'KN95', '只', 0, 1000, 200, 3000],
      [2, '医用一次性防护服', 'L(170)', '套', 5, 20, 10, null],
      ['合计', null, null, null, 5, 1020, 210, 3000],
    ],
    ['A1:H1'],
  );
  await page.getByRole('button', { name: '导入 Excel…' }).click();
  const dialog = page.getByRole('dialog', { name: `导入需求申报（${DAY}）` });
  await dialog.getByLabel('Excel 文件（.xlsx）').setInputFiles({ name: '石门镇卫生院0410.xlsx', mimeType: XLSX, buffer: shimenSheet });
  await expect(dialog.getByText('申报单位：青山县石门镇卫生院（从表头、工作表名或文件名认出）')).toBeVisible();
  await expect(dialog.getByText('数据 3 行：可导入 2 行，有误 0 行，跳过 1 行')).toBeVisible();
  await expect(dialog.getByText('日消耗 → 日需求量')).toBeVisible();
  await dialog.getByRole('button', { name: '全部导入（2 行）' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: '已从“石门镇卫生院0410.xlsx”导入 2 行（1 个单位）' })).toBeVisible();

  // The designated hospital's sheet has a row the desk cannot read: the operator imports the valid rows only.
  const infectiousSheet = await workbook(
    [
      ['江川市传染病医院 防疫物资需求表'],
      ['物资编码', '物资名称', '规格', '单位', '现有库存', '日需求量', '最低需求', '申请数量'],
      ['FH-001', '医用防护口罩', null, '箱', 0.3, 2, 1, null],
      ['FH-005', '医用一次性防护服', null, '套', 20, 100, 60, 300],
      ['XX-999', '正压防护头罩', null, '个', 0, 10, 5, null],
    ],
    ['A1:H1'],
  );
  await page.getByRole('button', { name: '导入 Excel…' }).click();
  await dialog.getByLabel('Excel 文件（.xlsx）').setInputFiles({ name: '传染病医院.xlsx', mimeType: XLSX, buffer: infectiousSheet });
  await expect(dialog.getByText('申报单位：江川市传染病医院（从表头、工作表名或文件名认出）')).toBeVisible();
  const badRows = dialog.locator('.ag-row.import-bad');
  await expect(badRows).toHaveCount(2);
  await expect(dialog.locator('.ag-row[row-id="3"] [col-id="problems"]')).toHaveText('“0.3”不是非负整数');
  await expect(dialog.locator('.ag-row[row-id="5"] [col-id="problems"]')).toHaveText('找不到物资“正压防护头罩”');
  await expect(dialog.getByRole('button', { name: '全部导入（1 行）' })).toBeDisabled();
  expect(await clipped(page)).toEqual([]);
  await page.screenshot({ path: test.info().outputPath('demand-import-zh.png') });
  // Corrected in Excel (the stock counted in whole boxes) and chosen again: all rows but the unknown item.
  const corrected = await workbook(
    [
      ['江川市传染病医院 防疫物资需求表'],
      ['物资编码', '物资名称', '规格', '单位', '现有库存', '日需求量', '最低需求', '申请数量'],
      ['FH-001', '医用防护口罩', null, '只', 300, 2000, 1000, null],
      ['FH-005', '医用一次性防护服', null, '套', 20, 100, 60, 300],
      ['XX-999', '正压防护头罩', null, '个', 0, 10, 5, null],
    ],
    ['A1:H1'],
  );
  await dialog.getByLabel('Excel 文件（.xlsx）').setInputFiles({ name: '传染病医院.xlsx', mimeType: XLSX, buffer: corrected });
  await expect(badRows).toHaveCount(1);
  await dialog.getByRole('button', { name: '只导入无误的 2 行' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: '导入 2 行（1 个单位）' })).toBeVisible();

  const reported = desk.depot.store.all<{ code: string; item: string; daily: number; source: string }>(
    `SELECT u.code, i.code AS item, d.daily_need AS daily, d.source FROM demand_reports d JOIN units u ON u.id = d.unit_id JOIN items i ON i.id = d.item_id
      WHERE d.day = ? AND d.source = 'excel' ORDER BY u.code, i.code`,
    [DAY],
  );
  expect(reported).toEqual([
    { code: 'DD-02', item: 'FH-001', daily: 2000, source: 'excel' },
    { code: 'DD-02', item: 'FH-005', daily: 100, source: 'excel' },
    { code: 'WSY-02', item: 'FH-001', daily: 1000, source: 'excel' },
    { code: 'WSY-02', item: 'FH-005', daily: 20, source: 'excel' },
  ]);
  // Who has reported: the imported units now count among them.
  const status = page.getByRole('complementary', { name: '申报情况' });
  await expect(status.locator('li', { hasText: '江川市传染病医院' }).locator('.badge')).toHaveText('已申报');
  await expect(status.locator('li', { hasText: '青山县石门镇卫生院' }).locator('.badge')).toHaveText('已申报');
  await status.getByRole('button', { name: '江川市传染病医院' }).click();
  await expect(at(page.locator('.demand-body .grid'), infectious, mask, 'source')).toHaveText('Excel 导入');
  await expect(at(page.locator('.demand-body .grid'), infectious, mask, 'dailyNeed')).toHaveText('2,000');
  expect(await clipped(page)).toEqual([]);
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, 'demand-zh.png') });

  // The round: 3 days of cover, 10 % held back.
  await page.getByRole('navigation').getByRole('link', { name: '分配方案' }).click();
  await expect(page.getByRole('heading', { name: '分配方案', level: 2 })).toBeVisible();
  await page.getByLabel('日期', { exact: true }).fill(DAY);
  await page.getByLabel('按比例（%）').fill('10');
  await page.getByRole('button', { name: '计算' }).click();
  await expect(page.getByText('试算结果（未保存）')).toBeVisible();

  const lines = page.locator('.alloc-main .grid');
  const maskLine = (unitId: number, col: string) => at(lines, unitId, mask, col);
  // 10,000 masks, 1,000 held back: full supply 3 × 2,000 − 300 = 5,700 to the designated hospital,
  // the minimum 1,000 to the other hospital, 2,300 left for the township centres by staff, 42 : 26.
  await expect(maskLine(infectious, 'allocated')).toHaveText('5,700');
  await expect(maskLine(other, 'allocated')).toHaveText('1,000');
  await expect(maskLine(shimen, 'allocated')).toHaveText('1,421');
  await expect(maskLine(liulin, 'allocated')).toHaveText('879');
  await expect(maskLine(infectious, 'reason')).toContainText('足量供给');
  await expect(maskLine(other, 'reason')).toContainText('最低需求');
  await expect(maskLine(shimen, 'reason')).toContainText('按职工比例：剩余 2,300 × 42/68');
  // The reasons are on screen in full, not scrolled away to the right.
  await expect(maskLine(shimen, 'reason')).toBeInViewport({ ratio: 1 });
  // Every tier is served, and the township centres still go short.
  await expect(maskLine(liulin, 'shortfall')).toHaveText('2,121');

  const totals = page.getByRole('region', { name: '按物资合计' });
  const maskTotal = totals.locator(`.ag-row[row-id="${mask}"]`);
  await expect(maskTotal.locator('[col-id="allocated"]')).toHaveText('9,000');

  // An override beyond what is available turns the total red and blocks approval…
  await maskLine(infectious, 'allocated').dblclick();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('8000');
  await page.keyboard.press('Enter');
  const override = page.getByRole('dialog', { name: '调整分配：江川市传染病医院 · 医用防护口罩' });
  await expect(override.getByLabel('分配数量（只）')).toHaveValue('8000');
  await override.getByRole('button', { name: '确认调整' }).click();
  await expect(override.getByRole('alert')).toHaveText('请写明调整原因');
  await override.getByLabel('调整原因（必填）').fill('上级电话要求增加');
  await override.getByRole('button', { name: '确认调整' }).click();
  await expect(maskTotal).toHaveClass(/alloc-over-row/);
  await expect(maskTotal.locator('[col-id="allocated"]')).toHaveText('11,300');
  await expect(page.getByRole('alert').filter({ hasText: '医用防护口罩：分配合计 11,300只 超过可用 10,000只' })).toBeVisible();
  await expect(page.getByRole('button', { name: '批准并生成调拨单' })).toBeDisabled();

  // …back to the rules (no reason needed for that), then the override the desk means: the 柳林乡 centre opened an isolation point.
  await maskLine(infectious, 'allocated').dblclick();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('5700');
  await page.keyboard.press('Enter');
  await expect(maskLine(infectious, 'allocated')).toHaveText('5,700');
  await expect(maskTotal).not.toHaveClass(/alloc-over-row/);
  await maskLine(liulin, 'allocated').dblclick();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('1200');
  await page.keyboard.press('Enter');
  const liulinDialog = page.getByRole('dialog', { name: '调整分配：青山县柳林乡卫生院 · 医用防护口罩' });
  await liulinDialog.getByLabel('调整原因（必填）').fill('柳林乡新设集中隔离点，乡长电话确认');
  await liulinDialog.getByRole('button', { name: '确认调整' }).click();
  // The changed figure, with what the rules gave under it.
  await expect(maskLine(liulin, 'allocated')).toHaveText(/^1,200\s*规则 879$/);
  await expect(maskLine(liulin, 'overrideReason')).toHaveText('柳林乡新设集中隔离点，乡长电话确认');
  await expect(maskLine(liulin, 'overrideReason')).toBeInViewport({ ratio: 1 });
  await expect(maskTotal.locator('[col-id="allocated"]')).toHaveText('9,321');
  await expect(page.getByText('有 1 处调整尚未保存')).toBeVisible();

  await page.getByRole('button', { name: '保存为新版本' }).click();
  await expect(page.getByText('已保存为第 1 版（草稿），可提交批准')).toBeVisible();
  expect(await clipped(page)).toEqual([]);
  await page.screenshot({ path: join(SCREENSHOTS, 'allocation-zh.png') });

  // The matrix view: units × items, totals against what is available at the bottom.
  await page.getByRole('tab', { name: '单位 × 物资' }).click();
  await expect(page.locator(`.alloc-main [col-id="allocated:${mask}"]`, { hasText: '/' })).toHaveText('9,321 / 10,000');
  expect(await clipped(page)).toEqual([]);
  await page.getByRole('tab', { name: '按单位缺口' }).click();
  await expect(page.getByRole('button', { name: '导出单位缺口 CSV' })).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出单位缺口 CSV' }).click();
  expect((await download).suggestedFilename()).toBe(`${DAY} 分配缺口（受领单位）.csv`);

  // 9,321 against 10,000 − 1,000 held back: the override eats into the reserve, which the approver must confirm.
  await expect(page.getByRole('note')).toContainText('医用防护口罩 的分配合计动用了预留');
  await page.getByRole('button', { name: '批准并生成调拨单' }).click();
  await expect(page.getByText(/动用了预留：请确认动用预留后再批准/)).toBeVisible();
  await page.getByLabel('我确认动用预留').check();
  await page.getByRole('button', { name: '批准并生成调拨单' }).click();
  const orders = page.getByRole('region', { name: /^已批准第 1 版，生成调拨单草稿 4 张/ });
  await expect(orders).toBeVisible();
  for (const unit of ['江川市传染病医院', '江川市中医院', '青山县石门镇卫生院', '青山县柳林乡卫生院']) await expect(orders.getByRole('link', { name: new RegExp(unit) })).toBeVisible();
  const made = desk.depot.store.all<{ unit: string; status: string; qty: number }>(
    `SELECT u.code AS unit, o.status, l.qty FROM dispatch_orders o JOIN units u ON u.id = o.unit_id JOIN dispatch_lines l ON l.order_id = o.id
      WHERE o.plan_id IS NOT NULL AND l.item_id = ? ORDER BY u.code`,
    [mask],
  );
  expect(made).toEqual([
    { unit: 'DD-02', status: 'draft', qty: 5700 },
    { unit: 'QT-01', status: 'draft', qty: 1000 },
    { unit: 'WSY-02', status: 'draft', qty: 1421 },
    { unit: 'WSY-03', status: 'draft', qty: 1200 },
  ]);
  await page.screenshot({ path: test.info().outputPath('allocation-approved-zh.png') });
  await orders.getByRole('link', { name: /青山县柳林乡卫生院/ }).click();
  await expect(page).toHaveURL(/#\/dispatch$/);

  // Back at the plans: the approved revision reopened, 20 % held back as a what-if, saved as revision 2 and compared.
  await page.getByRole('navigation').getByRole('link', { name: '分配方案' }).click();
  await page.getByLabel('日期', { exact: true }).fill(DAY);
  await page.getByLabel('方案版本').selectOption({ label: '第 1 版 · 已批准 · 王建国' });
  await expect(page.getByText('2026-04-10 第 1 版 · 已批准')).toBeVisible();
  await page.getByLabel('按比例（%）').fill('20');
  await expect(page.getByText('参数已改动，点“计算”后才生效')).toBeVisible();
  await page.getByRole('button', { name: '计算' }).click();
  // 8,000 to give: 1,300 left for the township centres; the 柳林乡 change is kept.
  await expect(maskLine(shimen, 'allocated')).toHaveText('803');
  await expect(maskLine(liulin, 'allocated')).toHaveText(/^1,200\s*规则 497$/);
  await page.getByRole('button', { name: '保存为新版本' }).click();
  await expect(page.getByText('已保存为第 2 版（草稿），可提交批准')).toBeVisible();
  await page.getByRole('tab', { name: '与上次批准对比' }).click();
  // Two changes: the masks by staff, and the suits the 中医院 was topped up with (180 of its need before, 145 now the reserve is larger).
  await expect(page.getByText('与第 1 版（已批准）相比：2 处变化')).toBeVisible();
  await expect(at(page.locator('.alloc-main .grid'), shimen, mask, 'change')).toHaveText('-618');
  // Revision 1's drafts are still standing: approving revision 2 cancels them, and the approver reads so first.
  await expect(page.getByRole('note')).toContainText('批准本版后，第 1 版尚未审批的 4 张调拨单草稿');
  await expect(page.getByRole('list', { name: '被本版取代的调拨单草稿' }).getByRole('listitem')).toHaveCount(4);
});

test('the desk types a report into the grid, sees who has not reported since when, and carries a last report forward (沿用)', async ({ page, desk }) => {
  await desk.seed();
  await desk.signInAsAdmin();
  const d = desk.depot;
  const mask = idOf(d, 'items', 'FH-001');
  const bed = idOf(d, 'items', 'CP-001');
  const baishi = idOf(d, 'units', 'WSY-05');
  const hotel = idOf(d, 'units', 'GL-01');
  await call(d, desk.session, 'demand.save', { day: '2026-04-08', rows: [{ unitId: baishi, itemId: bed, onHand: 2, dailyNeed: 4, minimumNeed: 2 }], requestId: rid() });
  await desk.open();
  await page.getByRole('navigation').getByRole('link', { name: '需求申报' }).click();
  await page.getByLabel('申报日期').fill(DAY);

  const status = page.getByRole('complementary', { name: '申报情况' });
  await expect(status.getByText('已申报 0 / 63 个单位')).toBeVisible();
  const silent = status.locator('li', { hasText: '白石县白石镇中心卫生院' });
  await expect(silent).toContainText('未申报');
  await expect(silent).toContainText('上次申报 2026-04-08');
  await expect(status.locator('li', { hasText: '江川饭店' })).toContainText('从未申报');
  await silent.getByRole('checkbox').check();
  await status.getByRole('button', { name: '沿用上次申报（1）' }).click();
  await expect(status.getByText('已为 1 个单位沿用上次申报，共 1 行')).toBeVisible();
  await expect(silent.locator('.badge')).toHaveText('沿用 2026-04-08');
  await silent.getByRole('button', { name: '白石县白石镇中心卫生院' }).click();
  const grid = page.locator('.demand-body .grid');
  await expect(at(grid, baishi, bed, 'source')).toHaveText('沿用 2026-04-08 申报');
  await expect(grid.locator(`.ag-row.demand-carried[row-id="${baishi}:${bed}"]`).first()).toBeVisible();
  expect(d.store.first('SELECT daily_need, carried_from, source FROM demand_reports WHERE day = ? AND unit_id = ?', [DAY, baishi])).toEqual({ daily_need: 4, carried_from: '2026-04-08', source: 'carried' });

  // A hotel that phoned its figures in: typed into the grid, each cell saved at once.
  await page.getByLabel('受领单位').selectOption(String(hotel));
  await at(grid, hotel, mask, 'dailyNeed').dblclick();
  await page.keyboard.type('300');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: '已保存：江川饭店 · 医用防护口罩' })).toBeVisible();
  await expect(at(grid, hotel, mask, 'dailyNeed')).toHaveText('300');
  await expect(at(grid, hotel, mask, 'onHand')).toHaveText('0');
  await at(grid, hotel, mask, 'onHand').dblclick();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('半箱');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: '未保存：请填写不小于 0 的整数' })).toBeVisible();
  await expect(at(grid, hotel, mask, 'onHand')).toHaveClass(/cell-refused/);
  await at(grid, hotel, mask, 'onHand').dblclick();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('120');
  await page.keyboard.press('Enter');
  await expect(at(grid, hotel, mask, 'onHand')).toHaveText('120');
  await expect(at(grid, hotel, mask, 'onHand')).not.toHaveClass(/cell-refused/);
  await expect
    .poll(() => d.store.first('SELECT on_hand, daily_need, minimum_need, requested, source FROM demand_reports WHERE day = ? AND unit_id = ? AND item_id = ?', [DAY, hotel, mask]))
    .toEqual({ on_hand: 120, daily_need: 300, minimum_need: 0, requested: null, source: 'desk' });

  // One item across the units.
  await page.getByRole('radio', { name: '按物资' }).click();
  await page.getByLabel('物资', { exact: true }).selectOption(String(mask));
  await expect(at(grid, hotel, mask, 'dailyNeed')).toHaveText('300');
  await expect(status.getByText('已申报 2 / 63 个单位')).toBeVisible();
  expect(await clipped(page)).toEqual([]);
});

test('需求申报 stays on the unit and row being typed: four figures of one item land in that unit and item, the row does not move, and a wrong report is withdrawn', async ({ page, desk }) => {
  await desk.seed();
  await desk.signInAsAdmin();
  const d = desk.depot;
  await desk.open();
  await page.getByRole('navigation').getByRole('link', { name: '需求申报' }).click();
  await page.getByLabel('申报日期').fill(DAY);
  const grid = page.locator('.demand-body .grid');
  // The page opens on the first unit not yet reported; that is the unit being typed for.
  const unitSelect = page.getByLabel('受领单位');
  const first = Number(await unitSelect.inputValue());
  const secondRow = grid.locator('.ag-row[row-index="1"]').first();
  const rowId = (await secondRow.getAttribute('row-id'))!;
  const itemId = Number(rowId.split(':')[1]);
  expect(Number(rowId.split(':')[0])).toBe(first);

  // Typed as a storekeeper on the phone types: a figure, Tab, the next figure of the same item.
  // Each figure goes into the editor Tab opened (a loaded machine opens it a moment later than the keys come).
  const editor = grid.locator('.ag-cell-inline-editing input');
  await at(grid, first, itemId, 'onHand').dblclick();
  await expect(editor).toBeFocused();
  await page.keyboard.type('3000');
  for (const figure of ['500', '300', '1200']) {
    await page.keyboard.press('Tab');
    await expect(editor).toBeFocused();
    await page.keyboard.type(figure);
  }
  await page.keyboard.press('Enter');
  await expect
    .poll(() => d.store.all('SELECT unit_id, item_id, on_hand, daily_need, minimum_need, requested FROM demand_reports WHERE day = ?', [DAY]))
    .toEqual([{ unit_id: first, item_id: itemId, on_hand: 3000, daily_need: 500, minimum_need: 300, requested: 1200 }]);
  // Still the same unit, and the reported row is still the second.
  await expect(unitSelect).toHaveValue(String(first));
  await expect(secondRow).toHaveAttribute('row-id', rowId);

  // A wrong report is taken back, not overwritten with zeros.
  await page.getByRole('button', { name: '撤回该单位申报' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('共 1 行将被撤回');
  await dialog.getByRole('button', { name: '撤回该单位申报' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已撤回：' })).toBeVisible();
  expect(d.store.all('SELECT * FROM demand_reports WHERE day = ?', [DAY])).toEqual([]);
  await expect(page.getByRole('complementary', { name: '申报情况' }).getByText('已申报 0 / 63 个单位')).toBeVisible();
  const audit = d.store.first<{ before: string }>("SELECT before FROM audit_log WHERE action = 'withdraw' AND entity = 'demand'");
  expect(JSON.parse(audit!.before).rows[0]).toMatchObject({ on_hand: 3000, daily_need: 500 });
});
