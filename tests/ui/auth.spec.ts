import { test, expect, ADMIN } from '../support/ui.ts';
import { call } from '../support/depot.ts';

test('first run: the admin is set up through the form, signs out and signs in again', async ({ page, desk }) => {
  await desk.open();
  await expect(page.getByRole('heading', { name: '首次使用：设置管理员' })).toBeVisible();

  await page.getByLabel('操作员编号').fill(ADMIN.code);
  await page.getByLabel('姓名').fill(ADMIN.name);
  await page.getByLabel('密码', { exact: true }).fill(ADMIN.password);
  await page.getByLabel('确认密码').fill('something-else');
  await page.getByRole('button', { name: '创建' }).click();
  await expect(page.getByRole('alert')).toHaveText('两次输入的密码不一致');

  // Too short a password: the core refuses it, in Chinese.
  await page.getByLabel('密码', { exact: true }).fill('short');
  await page.getByLabel('确认密码').fill('short');
  await page.getByRole('button', { name: '创建' }).click();
  await expect(page.getByRole('alert')).toContainText('密码');
  expect(desk.depot.store.first<{ n: number }>("SELECT count(*) n FROM operators WHERE code <> 'system'")!.n).toBe(0);

  await page.getByLabel('密码', { exact: true }).fill(ADMIN.password);
  await page.getByLabel('确认密码').fill(ADMIN.password);
  await page.getByRole('button', { name: '创建' }).click();

  const topbar = page.locator('header.topbar');
  await expect(topbar).toContainText('应急物资保障台');
  await expect(topbar).toContainText(`${ADMIN.name}（管理员）`);
  await expect(page.getByRole('navigation')).toHaveText(/物资.*库位.*供货渠道.*受领单位.*操作员/);
  expect(desk.depot.store.first<{ name: string; role: string }>('SELECT name, role FROM operators WHERE code = ?', [ADMIN.code])).toEqual({
    name: ADMIN.name,
    role: 'admin',
  });

  await page.getByRole('button', { name: '退出' }).click();
  await expect(page.getByRole('heading', { name: '操作员登录' })).toBeVisible();

  await page.getByLabel('操作员编号').fill(ADMIN.code);
  await page.getByLabel('密码').fill('wrong-password');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('alert')).toHaveText('操作员编号或密码不正确');

  await page.getByLabel('密码').fill(ADMIN.password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(topbar).toContainText(`${ADMIN.name}（管理员）`);

  // The session outlives a reload of the window, as it does in Electron.
  await page.reload();
  await expect(topbar).toContainText(`${ADMIN.name}（管理员）`);

  // window.depot is the preload's bridge: a name outside the contract never reaches the core.
  const unknown = page.evaluate(() => (globalThis as unknown as { depot: { invoke(c: string, i: object): Promise<unknown> } }).depot.invoke('items.drop', {}));
  await expect(unknown).rejects.toThrow('Unknown channel: items.drop');
});

test('an idle desk locks itself after the depot’s idle time (set on 设置), also on the core’s side; input keeps it open', async ({ page, desk }) => {
  // The page's clock is the test's: minutes pass in an instant.
  await page.clock.install();
  await desk.signInAsAdmin();
  await desk.open();
  const topbar = page.locator('header.topbar');
  await expect(topbar).toContainText(`${ADMIN.name}（管理员）`);

  // The admin sets it to 2 minutes on 设置 (15 by default).
  await page.getByRole('link', { name: '设置' }).click();
  const section = page.locator('section', { has: page.getByRole('heading', { name: '空闲锁定' }) });
  const minutes = section.getByLabel('无人操作多少分钟后自动退出登录');
  await expect(minutes).toHaveValue('15');
  await minutes.fill('2');
  await section.getByRole('button', { name: '保存' }).click();
  await expect(section.getByRole('status')).toContainText('已保存');
  expect(await call(desk.depot, desk.session, 'auth.idleLock', {})).toEqual({ minutes: 2 });

  // Someone at the desk: a key now and then keeps it signed in.
  await page.clock.runFor(90_000);
  await page.keyboard.press('Shift');
  await page.clock.runFor(90_000);
  await expect(topbar).toContainText(`${ADMIN.name}（管理员）`);

  // Nobody for 2 minutes: the sign-in again, saying why, and the session is signed out in the core too.
  await page.clock.runFor(31_000);
  await expect(page.getByRole('heading', { name: '操作员登录' })).toBeVisible();
  await expect(page.getByText('本机长时间无人操作，已自动退出登录，请重新登录')).toBeVisible();
  await expect.poll(() => desk.session.operatorId).toBeNull();
  expect((await desk.depot.invoke('stock.list', {}, desk.session)).ok).toBe(false);

  // Signed in again, the notice is gone.
  await page.getByLabel('操作员编号').fill(ADMIN.code);
  await page.getByLabel('密码').fill(ADMIN.password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(topbar).toContainText(`${ADMIN.name}（管理员）`);
  await page.getByRole('button', { name: '退出' }).click();
  await expect(page.getByRole('heading', { name: '操作员登录' })).toBeVisible();
  await expect(page.getByText('本机长时间无人操作')).toHaveCount(0);
});
