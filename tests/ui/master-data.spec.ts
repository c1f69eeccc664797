import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, cell, editCell, idOf, type Desk } from '../support/ui.ts';

const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'docs', 'screenshots');

type ItemRow = { spec: string; name: string; safety_stock: number; version: number; packs: string; active: number };
const item = (desk: Desk, id: number) => desk.depot.store.first<ItemRow>('SELECT spec, name, safety_stock, version, packs, active FROM items WHERE id = ?', [id])!;

/** Signed in as the admin on the items page with the demo depot loaded. */
async function openItems(page: Page, desk: Desk) {
  await desk.seed();
  await desk.signInAsAdmin();
  await desk.open();
  await expect(page.getByRole('heading', { name: '物资', level: 2 })).toBeVisible();
  await expect(cell(page, idOf(desk.depot, 'items', 'FH-001'), 'name')).toHaveText('医用防护口罩');
}

test.describe('master-data grids', () => {
  test('the item grid shows the demo depot in Chinese (screenshot for the README)', async ({ page, desk }) => {
    await openItems(page, desk);
    const total = desk.depot.store.first<{ n: number }>('SELECT count(*) n FROM items WHERE active = 1')!.n;
    await expect(page.locator('.row-count')).toHaveText(`共 ${total} 行`);
    const id = idOf(desk.depot, 'items', 'FH-001');
    await expect(cell(page, id, 'category')).toHaveText('防护用品');
    await expect(cell(page, id, 'packs')).toHaveText('盒=50, 箱=1000');
    await expect(cell(page, id, 'unit')).toHaveText('只');
    await expect(page.locator('.ag-header-cell[col-id="unit"]')).toHaveText('单位');
    await expect(page.locator('.ag-header-cell[col-id="lotTracked"]')).toHaveText('批次/效期管理');

    // No Chinese header or cell may be cut off: every visible cell's text fits its width.
    const clipped = await page.locator('.ag-header-cell-text, .ag-cell-value').evaluateAll((els) =>
      els.filter((el) => el.scrollWidth > el.clientWidth + 1 && !el.closest('[col-id="spec"], [col-id="standard"]')).map((el) => el.textContent),
    );
    expect(clipped).toEqual([]);

    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'items-zh.png') });
  });

  test("an item's spec edited in the grid is saved, and is still there after a reload", async ({ page, desk }) => {
    await openItems(page, desk);
    const id = idOf(desk.depot, 'items', 'FH-002');
    const before = item(desk, id);

    await editCell(page, id, 'spec', '17.5×9.5cm 三层 耳挂 灭菌级 蓝色');
    await expect(page.getByRole('status')).toHaveText('已保存');
    await expect(cell(page, id, 'spec')).toHaveText('17.5×9.5cm 三层 耳挂 灭菌级 蓝色');
    expect(item(desk, id)).toMatchObject({ spec: '17.5×9.5cm 三层 耳挂 灭菌级 蓝色', version: before.version + 1 });

    // Keyboard only: Enter opens the editor, Enter saves; then the next edit carries the new version.
    await cell(page, id, 'safetyStock').click();
    await page.keyboard.press('Enter');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('60000');
    await page.keyboard.press('Enter');
    await expect(cell(page, id, 'safetyStock')).toHaveText('60000');
    await expect.poll(() => item(desk, id)).toMatchObject({ safety_stock: 60000, version: before.version + 2 });

    // The packs column takes the text form.
    await editCell(page, id, 'packs', '盒=50，箱=1000');
    await expect(cell(page, id, 'packs')).toHaveText('盒=50, 箱=1000');
    expect(JSON.parse(item(desk, id).packs)).toEqual([{ unit: '盒', per: 50 }, { unit: '箱', per: 1000 }]);

    await page.reload();
    await expect(cell(page, id, 'spec')).toHaveText('17.5×9.5cm 三层 耳挂 灭菌级 蓝色');
    await expect(cell(page, id, 'safetyStock')).toHaveText('60000');
  });

  test('a refused edit shows the reason at the cell and reverts; the database is unchanged', async ({ page, desk }) => {
    await openItems(page, desk);
    const id = idOf(desk.depot, 'items', 'FH-001');
    const before = item(desk, id);

    await editCell(page, id, 'name', '');
    await expect(page.getByRole('status')).toHaveText('未保存：输入有误：名称不能为空');
    await expect(cell(page, id, 'name')).toHaveText('医用防护口罩');
    await expect(cell(page, id, 'name')).toHaveClass(/cell-refused/);
    await page.mouse.move(0, 0);
    await cell(page, id, 'name').hover();
    await expect(page.locator('.ag-tooltip')).toHaveText('输入有误：名称不能为空');

    await editCell(page, id, 'safetyStock', 'abc');
    await expect(page.getByRole('status')).toContainText('未保存：输入有误：安全库存');
    await expect(cell(page, id, 'safetyStock')).toHaveText(String(before.safety_stock));

    await editCell(page, id, 'safetyStock', '-5');
    await expect(page.getByRole('status')).toContainText('安全库存太小');
    await expect(cell(page, id, 'safetyStock')).toHaveText(String(before.safety_stock));

    await editCell(page, id, 'packs', '一箱五十');
    await expect(page.getByRole('status')).toContainText('包装格式应为');
    await expect(cell(page, id, 'packs')).toHaveText('盒=50, 箱=1000');

    expect(item(desk, id)).toEqual(before);

    // Fixing the cell clears its mark.
    await editCell(page, id, 'name', '医用防护口罩（KN95）');
    await expect(page.getByRole('status')).toHaveText('已保存');
    await expect(cell(page, id, 'name')).not.toHaveClass(/cell-refused/);
  });

  test('an edit of a row someone else changed meanwhile is refused as stale, then succeeds on the fresh row', async ({ page, desk }) => {
    await openItems(page, desk);
    const id = idOf(desk.depot, 'items', 'FH-003');
    // Another desk's write, with no event reaching this window (as if it arrived late).
    desk.depot.store.run("UPDATE items SET standard = 'YY/T 0969-2023', version = version + 1 WHERE id = ?", [id]);

    await editCell(page, id, 'spec', '蓝色 三层');
    await expect(page.getByRole('status')).toContainText('该行已被他人修改');
    // The grid fetched the row as it is now.
    await expect(cell(page, id, 'standard')).toHaveText('YY/T 0969-2023');
    expect(item(desk, id).spec).not.toBe('蓝色 三层');

    await editCell(page, id, 'spec', '蓝色 三层');
    await expect(page.getByRole('status')).toHaveText('已保存');
    expect(item(desk, id).spec).toBe('蓝色 三层');
  });

  test("another desk's edit appears in this grid without a reload", async ({ page, desk }) => {
    await openItems(page, desk);
    const id = idOf(desk.depot, 'items', 'FH-005');
    const other = await desk.anotherDesk();
    await expect(cell(other, id, 'name')).toHaveText('医用一次性防护服');

    await editCell(other, id, 'standard', 'GB 19082-2023');
    await expect(cell(other, id, 'standard')).toHaveText('GB 19082-2023');
    await expect(cell(page, id, 'standard')).toHaveText('GB 19082-2023');
    // This desk holds the new version too: its next edit is not refused as stale.
    await editCell(page, id, 'safetyStock', '3500');
    await expect(page.getByRole('status')).toHaveText('已保存');
    await expect(cell(other, id, 'safetyStock')).toHaveText('3500');
  });

  test('switching to English changes every text, errors included, and back', async ({ page, desk }) => {
    await openItems(page, desk);
    const id = idOf(desk.depot, 'items', 'FH-001');

    await page.getByLabel('语言').selectOption('en');
    await expect(page.getByRole('heading', { name: 'Items', level: 2 })).toBeVisible();
    await expect(page.getByRole('navigation')).toContainText('Recipient units');
    await expect(page.locator('.ag-header-cell[col-id="spec"]')).toContainText('Spec / model');
    await expect(cell(page, id, 'category')).toHaveText('Protective');
    await expect(page.locator('header.topbar')).toContainText('王建国 (Administrator)');
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();

    // The core answers in the session's language too.
    await editCell(page, id, 'name', '');
    await expect(page.getByRole('status')).toHaveText('Not saved: Invalid input: Name is required');

    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'items-en.png') });

    await page.getByLabel('Language').selectOption('zh-CN');
    await expect(page.getByRole('heading', { name: '物资', level: 2 })).toBeVisible();
    await expect(cell(page, id, 'category')).toHaveText('防护用品');
    await expect(page.locator('.ag-header-cell[col-id="spec"]')).toContainText('规格型号');
  });

  test('a new item is added through the form; a duplicate code is refused with the reason', async ({ page, desk }) => {
    await openItems(page, desk);
    const count = desk.depot.store.first<{ n: number }>('SELECT count(*) n FROM items WHERE active = 1')!.n;

    await page.getByRole('button', { name: '新增' }).click();
    const form = page.getByRole('form', { name: '新增物资' });
    await form.getByLabel('编码').fill('FH-001');
    await form.getByLabel('名称').fill('医用防护口罩');
    await form.getByLabel('单位').fill('只');
    await form.getByRole('button', { name: '创建' }).click();
    await expect(form.getByRole('alert')).toHaveText('编码“FH-001”已存在');
    await expect(form.getByLabel('编码')).toHaveAttribute('aria-invalid', 'true');

    await form.getByLabel('编码').fill('XS-901');
    await form.getByLabel('名称').fill('过氧化氢消毒湿巾');
    await form.getByLabel('规格型号').fill('80片/包');
    await form.getByLabel('单位').fill('包');
    await form.getByLabel('类别').selectOption({ label: '消杀用品' });
    await form.getByLabel('包装').fill('箱=24');
    await form.getByLabel('安全库存').fill('500');
    await form.getByRole('button', { name: '创建' }).click();
    await expect(form).toHaveCount(0);

    const id = idOf(desk.depot, 'items', 'XS-901');
    await expect(cell(page, id, 'name')).toHaveText('过氧化氢消毒湿巾');
    await expect(cell(page, id, 'category')).toHaveText('消杀用品');
    await expect(page.locator('.row-count')).toHaveText(`共 ${count + 1} 行`);
    expect(desk.depot.store.first('SELECT name, unit, category, packs, safety_stock FROM items WHERE id = ?', [id])).toEqual({
      name: '过氧化氢消毒湿巾',
      unit: '包',
      category: 'disinfection',
      packs: '[{"unit":"箱","per":24}]',
      safety_stock: 500,
    });
  });

  test('quick filter, deactivating a row, and showing inactive rows', async ({ page, desk }) => {
    await openItems(page, desk);
    await page.getByPlaceholder('快速筛选…').fill('口罩');
    const masks = desk.depot.store.first<{ n: number }>("SELECT count(*) n FROM items WHERE active = 1 AND (name LIKE '%口罩%' OR spec LIKE '%口罩%')")!.n;
    await expect(page.locator('.row-count')).toHaveText(`共 ${masks} 行`);

    // A name is found by its pinyin initials, as a Chinese depot types it.
    await page.getByPlaceholder('快速筛选…').fill('yyfhkz');
    await expect(page.locator('.row-count')).toHaveText('共 1 行');
    await expect(page.getByRole('gridcell', { name: 'FH-001', exact: true })).toBeVisible();

    // A category is found by its Chinese name, not its code.
    await page.getByPlaceholder('快速筛选…').fill('消杀用品');
    const disinfection = desk.depot.store.first<{ n: number }>("SELECT count(*) n FROM items WHERE active = 1 AND category = 'disinfection'")!.n;
    await expect(page.locator('.row-count')).toHaveText(`共 ${disinfection} 行`);
    await page.getByPlaceholder('快速筛选…').fill('');

    const id = idOf(desk.depot, 'items', 'FH-004');
    // The filter cleared, the rows it had hidden come back: wait until the grid shows this row once.
    await expect(page.locator('.row-count')).toHaveText(`共 ${desk.depot.store.first<{ n: number }>('SELECT count(*) n FROM items WHERE active = 1')!.n} 行`);
    await expect(cell(page, id, 'active').locator('input[type="checkbox"]')).toHaveCount(1);
    await cell(page, id, 'active').locator('input[type="checkbox"]').click();
    await expect.poll(() => item(desk, id).active).toBe(0);
    await expect(page.locator(`.ag-row[row-id="${id}"]`)).toHaveCount(0);

    await page.getByLabel('显示停用').check();
    await expect(page.locator(`.ag-row[row-id="${id}"]`).first()).toHaveClass(/row-inactive/);
    await expect(cell(page, id, 'active').locator('input[type="checkbox"]')).not.toBeChecked();
  });

  test('CSV export: UTF-8 with a BOM, Chinese headers and values as shown', async ({ page, desk }) => {
    await openItems(page, desk);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出 CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^物资-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = await streamBytes(await file.createReadStream());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    const [header, ...lines] = text.trim().split(/\r?\n/);
    expect(header).toContain('"编码","名称","规格型号","单位","类别","包装"');
    expect(lines.find((l) => l.startsWith('"FH-001"'))).toContain('"防护用品","盒=50, 箱=1000"');
    expect(lines).toHaveLength(desk.depot.store.first<{ n: number }>('SELECT count(*) n FROM items WHERE active = 1')!.n);
  });
});

async function streamBytes(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}
