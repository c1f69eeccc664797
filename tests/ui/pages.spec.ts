import type { Page } from '@playwright/test';
import { test, expect, cell, editCell, idOf, ADMIN, type Desk } from '../support/ui.ts';
import { call, rid } from '../support/depot.ts';

async function openAsAdmin(page: Page, desk: Desk, hash = '') {
  await desk.seed();
  await desk.signInAsAdmin();
  await desk.open();
  if (hash) await page.getByRole('navigation').getByRole('link', { name: hash }).click();
}

async function signInThroughForm(page: Page, code: string, password: string) {
  await page.getByLabel('操作员编号').fill(code);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

/** Every cell and header shows its whole text (long free-text columns excepted: they show it on hover). */
async function clippedTexts(page: Page, long: string[]) {
  const skip = long.map((f) => `[col-id="${f}"]`).join(', ') || '.none';
  return page.locator('.ag-header-cell-text, .ag-cell-value').evaluateAll(
    (els, skip) => els.filter((el) => el.scrollWidth > el.clientWidth + 1 && !el.closest(skip)).map((el) => el.textContent),
    skip,
  );
}

test('each master-data page shows its rows with translated values and nothing clipped', async ({ page, desk }) => {
  await openAsAdmin(page, desk);
  const pages = [
    { link: '库位', table: 'locations', long: ['note'] },
    { link: '供货渠道', table: 'suppliers', long: ['products', 'capacityPerDay', 'qualification', 'address'] },
    { link: '受领单位', table: 'units', long: ['address'] },
  ] as const;
  for (const p of pages) {
    await page.getByRole('navigation').getByRole('link', { name: p.link }).click();
    await expect(page.getByRole('heading', { name: p.link, level: 2 })).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`#/${p.table}$`));
    const n = desk.depot.store.first<{ n: number }>(`SELECT count(*) n FROM ${p.table} WHERE active = 1`)!.n;
    await expect(page.locator('.row-count')).toHaveText(`共 ${n} 行`);
    expect(await clippedTexts(page, [...p.long])).toEqual([]);
    // Kept with the test's results, for a person to look at.
    await page.screenshot({ path: test.info().outputPath(`${p.table}-zh.png`) });
  }

  const unit = desk.depot.store.first<{ id: number; type: string; tier: string }>("SELECT id, type, tier FROM units WHERE type = 'makeshift_hospital' LIMIT 1")!;
  await expect(cell(page, unit.id, 'type')).toHaveText('方舱医院');
  await expect(cell(page, unit.id, 'tier')).toHaveText('足量供给');

  // The quick filter finds units by their translated type.
  await page.getByPlaceholder('快速筛选…').fill('方舱医院');
  const makeshift = desk.depot.store.first<{ n: number }>("SELECT count(*) n FROM units WHERE active = 1 AND (type = 'makeshift_hospital' OR name LIKE '%方舱医院%')")!.n;
  await expect(page.locator('.row-count')).toHaveText(`共 ${makeshift} 行`);
});

test('a unit\'s tier is chosen from the translated list; Tab saves and moves on', async ({ page, desk }) => {
  await openAsAdmin(page, desk, '受领单位');
  const unit = desk.depot.store.first<{ id: number; staff_count: number }>("SELECT id, staff_count FROM units WHERE tier = 'full' LIMIT 1")!;

  // Enter opens the list of tiers (a double-click opens the editor, a click on it the list).
  await cell(page, unit.id, 'tier').click();
  await page.keyboard.press('Enter');
  await page.locator('.ag-select-list').getByText('按职工比例供给', { exact: true }).click();
  await expect(cell(page, unit.id, 'tier')).toHaveText('按职工比例供给');
  await expect.poll(() => desk.depot.store.first<{ tier: string }>('SELECT tier FROM units WHERE id = ?', [unit.id])!.tier).toBe('proportional');

  // Enter opens the staff count, Tab saves it and opens the next cell (beds), Tab saves that too.
  await cell(page, unit.id, 'staffCount').click();
  await page.keyboard.press('Enter');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('321');
  await page.keyboard.press('Tab');
  await expect(cell(page, unit.id, 'beds').locator('input')).toBeFocused();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('45');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Escape');
  await expect(cell(page, unit.id, 'staffCount')).toHaveText('321');
  await expect(cell(page, unit.id, 'beds')).toHaveText('45');
  await expect
    .poll(() => desk.depot.store.first('SELECT staff_count, beds FROM units WHERE id = ?', [unit.id]))
    .toEqual({ staff_count: 321, beds: 45 });
});

test("a supplier's qualification date and an empty lead time are saved as a date and as nothing", async ({ page, desk }) => {
  await openAsAdmin(page, desk, '供货渠道');
  const supplier = desk.depot.store.first<{ id: number }>('SELECT id FROM suppliers WHERE lead_time_days IS NOT NULL LIMIT 1')!;

  await editCell(page, supplier.id, 'leadTimeDays', '');
  await expect(page.getByRole('status')).toHaveText('已保存');
  await cell(page, supplier.id, 'qualificationExpiry').dblclick();
  const date = cell(page, supplier.id, 'qualificationExpiry').locator('input');
  await date.fill('2031-06-30');
  await date.press('Enter');
  await expect(cell(page, supplier.id, 'qualificationExpiry')).toHaveText('2031-06-30');
  await expect
    .poll(() => desk.depot.store.first('SELECT lead_time_days, qualification_expiry FROM suppliers WHERE id = ?', [supplier.id]))
    .toEqual({ lead_time_days: null, qualification_expiry: '2031-06-30' });

  await editCell(page, supplier.id, 'phone', 'call me');
  await expect(page.getByRole('status')).toHaveText('未保存：输入有误：电话格式不对');
});

test('the admin adds a storekeeper, who then sees the pages a storekeeper may use', async ({ page, desk }) => {
  await openAsAdmin(page, desk, '操作员');
  await expect(page.getByRole('heading', { name: '操作员', level: 2 })).toBeVisible();
  await page.getByRole('button', { name: '新增' }).click();
  const form = page.getByRole('form', { name: '新增操作员' });
  await form.getByLabel('编码').fill('bgy01');
  await form.getByLabel('名称').fill('李春梅');
  await form.getByLabel('角色').selectOption({ label: '保管员' });
  await form.getByLabel('密码').fill('short');
  await form.getByRole('button', { name: '创建' }).click();
  await expect(form.getByRole('alert')).toContainText('密码');
  await form.getByLabel('密码').fill('storekeeper-1');
  await form.getByRole('button', { name: '创建' }).click();
  await expect(form).toHaveCount(0);
  await expect(page.locator('.ag-row', { hasText: '李春梅' }).first()).toContainText('保管员');

  await page.getByRole('button', { name: '退出' }).click();
  await signInThroughForm(page, 'bgy01', 'storekeeper-1');
  await expect(page.locator('header.topbar')).toContainText('李春梅（保管员）');
  // The storekeeper's pages, no operators or settings page, and a read-only units page (only dispatchers change recipient units).
  const nav = page.getByRole('navigation').getByRole('link');
  await expect(nav).toContainText(['物资', '库位', '供货渠道', '受领单位', '入库', '库存', '盘点']);
  await expect(nav.filter({ hasText: '操作员' })).toHaveCount(0);
  await expect(nav.filter({ hasText: '设置' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: '新增' })).toBeVisible();
  await page.getByRole('navigation').getByRole('link', { name: '受领单位' }).click();
  await expect(page.getByRole('status')).toHaveText('当前角色只能查看本页');
  await expect(page.getByRole('button', { name: '新增' })).toHaveCount(0);
  const unitId = idOf(desk.depot, 'units', desk.depot.store.first<{ code: string }>('SELECT code FROM units LIMIT 1')!.code);
  await cell(page, unitId, 'name').dblclick();
  await expect(cell(page, unitId, 'name').locator('input')).toHaveCount(0);
});

test('a deactivated operator can no longer sign in; the admin cannot lock themself out', async ({ page, desk }) => {
  await desk.signInAsAdmin();
  const admin = desk.session;
  const op = await call(desk.depot, admin, 'operators.create', { code: 'ddy01', name: '赵敏', role: 'dispatcher', password: 'dispatcher-1', requestId: rid() });
  await desk.open();
  await page.getByRole('navigation').getByRole('link', { name: '操作员' }).click();

  await cell(page, op.id, 'active').locator('input[type="checkbox"]').click();
  await expect(page.getByRole('status')).toHaveText('已保存');
  await expect(cell(page, op.id, 'active').locator('input[type="checkbox"]')).not.toBeChecked();

  const self = desk.depot.store.first<{ id: number }>('SELECT id FROM operators WHERE code = ?', [ADMIN.code])!;
  await cell(page, self.id, 'active').locator('input[type="checkbox"]').click();
  await expect(page.getByRole('status')).toContainText('未保存');
  await expect(cell(page, self.id, 'active').locator('input[type="checkbox"]')).toBeChecked();

  // A new password is typed into a password field.
  await cell(page, op.id, 'password').dblclick();
  await expect(cell(page, op.id, 'password').locator('input[type="password"]')).toBeFocused();
  await page.keyboard.type('dispatcher-2');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toHaveText('已保存');

  await page.getByRole('button', { name: '退出' }).click();
  await signInThroughForm(page, 'ddy01', 'dispatcher-2');
  await expect(page.getByRole('alert')).toHaveText('操作员编号或密码不正确');
});
