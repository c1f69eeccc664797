import { join } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { seedDemo } from '../../main/cli/demo.ts';
import { serveDepot } from '../../main/server/serve.ts';
import { serverCertificate } from '../../main/server/certificate.ts';
import { ADMIN, RENDERER_DIR, cell, editCell, idOf } from '../support/ui.ts';
import { call, rid, tempDepot } from '../support/depot.ts';

/**
 * The app in plain browsers, no Electron and no injected bridge: two desks open the depot server
 * (`depot serve`), sign in through the form and share one depot over the WebSocket.
 */
test('two browsers on one depot server over HTTPS: an edit at one desk appears at the other without a reload; the server restarted, they carry on signed in', async ({ browser }) => {
  const env = tempDepot();
  await seedDemo(env.depot);
  await call(env.depot, env.depot.createSession(), 'auth.setupAdmin', { ...ADMIN, requestId: rid() });
  // The server's own self-signed certificate, as `depot serve` makes it on the LAN; the admin has let the browser accept it.
  const tls = await serverCertificate(env.dbPath);
  const sessionsFile = `${env.dbPath}.sessions.json`;
  let server = await serveDepot(env.depot, { rendererDir: RENDERER_DIR, tls, sessionsFile });
  const port = Number(new URL(server.url).port);
  expect(server.url).toMatch(/^https:/);
  const desks: Page[] = [];
  try {
    for (let i = 0; i < 2; i++) {
      const context = await browser.newContext({ ignoreHTTPSErrors: true });
      const page = await context.newPage();
      await page.goto(server.url);
      await page.getByLabel('操作员编号').fill(ADMIN.code);
      await page.getByLabel('密码').fill(ADMIN.password);
      await page.getByRole('button', { name: '登录' }).click();
      await expect(page.getByRole('heading', { name: '物资', level: 2 })).toBeVisible();
      desks.push(page);
    }
    const [a, b] = desks as [Page, Page];
    const id = idOf(env.depot, 'items', 'FH-005');
    await expect(cell(b, id, 'standard')).toHaveText('GB 19082-2009');
    await editCell(a, id, 'standard', 'GB 19082-2023');
    await expect(cell(a, id, 'standard')).toHaveText('GB 19082-2023');
    await expect(cell(b, id, 'standard')).toHaveText('GB 19082-2023');
    expect(env.depot.store.first('SELECT standard FROM items WHERE id = ?', [id])).toEqual({ standard: 'GB 19082-2023' });
    await a.screenshot({ path: join(test.info().outputDir, 'served-desk.png') });

    // The server goes away: every desk says so at once.
    await server.close();
    const linkDown = (page: Page) => page.getByRole('alert').filter({ hasText: '与仓库服务器的连接已断开，正在重连' });
    await expect(linkDown(a)).toBeVisible();
    await expect(linkDown(b)).toBeVisible();

    // Back on the same port: the desks reconnect by themselves, still signed in, and go on working.
    server = await serveDepot(env.depot, { rendererDir: RENDERER_DIR, tls, sessionsFile, port });
    await expect(linkDown(a)).toHaveCount(0, { timeout: 15_000 });
    await expect(linkDown(b)).toHaveCount(0, { timeout: 15_000 });
    await editCell(b, id, 'standard', 'GB 19082-2024');
    await expect(cell(a, id, 'standard')).toHaveText('GB 19082-2024');

    // A server that no longer knows the desks (their sessions lost): each shows its sign-in again.
    await server.close();
    await expect(linkDown(a)).toBeVisible();
    server = await serveDepot(env.depot, { rendererDir: RENDERER_DIR, tls, port });
    for (const page of desks) await expect(page.getByRole('button', { name: '登录' })).toBeVisible({ timeout: 15_000 });
  } finally {
    for (const page of desks) await page.context().close();
    await server.close().catch(() => {});
    env.cleanup();
  }
});

/**
 * A desk elsewhere on the LAN opens http://<server>:<port>/ — not a "secure context" for the browser
 * (only https and localhost are), so browser APIs reserved to secure pages are not there. Chromium
 * is told that depot.lan is 127.0.0.1: the page is at a LAN-like name, the traffic never leaves the machine.
 */
test('a receiving desk at http://depot.lan posts a receipt; the dispatch desk’s stock grid shows it without a reload', async ({ playwright }) => {
  const env = tempDepot();
  await seedDemo(env.depot);
  await call(env.depot, env.depot.createSession(), 'auth.setupAdmin', { ...ADMIN, requestId: rid() });
  const server = await serveDepot(env.depot, { rendererDir: RENDERER_DIR });
  const port = new URL(server.url).port;
  const launch = test.info().project.use.launchOptions ?? {};
  const browser = await playwright.chromium.launch({ ...launch, args: [...(launch.args ?? []), '--host-resolver-rules=MAP depot.lan 127.0.0.1'] });
  const signedIn = async (url: string) => {
    const page = await (await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1680, height: 945 } })).newPage();
    await page.goto(url);
    await page.getByLabel('操作员编号').fill(ADMIN.code);
    await page.getByLabel('密码').fill(ADMIN.password);
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByRole('heading', { name: '物资', level: 2 })).toBeVisible();
    return page;
  };
  const nav = (page: Page, name: string) => page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
  try {
    const dock = await signedIn(`http://depot.lan:${port}/`);
    expect(await dock.evaluate(() => window.isSecureContext)).toBe(false);
    const office = await signedIn(server.url);
    await nav(office, '库存');
    await expect(office.getByRole('heading', { name: '库存', level: 2 })).toBeVisible();

    await nav(dock, '入库');
    await dock.getByRole('button', { name: '新建入库单' }).click();
    await dock.getByLabel('供货方').selectOption({ label: '江川安护医疗用品有限公司' });
    const scan = dock.getByRole('textbox', { name: '扫码' });
    await scan.fill('LOT:FH-001:LAN2605');
    await scan.press('Enter');
    const countEditor = dock.locator('.lines-grid .ag-row[row-index="0"] .ag-cell[col-id="counted"] input');
    await expect(countEditor).toBeFocused();
    await countEditor.fill('2箱');
    await countEditor.press('Enter');
    const expiry = dock.locator('.lines-grid .ag-row[row-index="0"] .ag-cell[col-id="expiresOn"]');
    await expiry.dblclick();
    await expiry.locator('input').fill('2028-05-31');
    await expiry.locator('input').press('Enter');
    await dock.getByRole('button', { name: '保存草稿' }).click();
    const status = dock.getByRole('status', { name: '入库单状态' });
    await expect(status).toHaveText('草稿已保存');
    await dock.getByRole('button', { name: '过账', exact: true }).click();
    await dock.getByRole('dialog', { name: '确认过账' }).getByRole('button', { name: '过账' }).click();
    await expect(status).toHaveText(/^已过账：RK\d{8}-\d{4}，库存已更新$/);

    const row = env.depot.store.first<{ lot_id: number; location_id: number; on_hand: number }>(
      "SELECT s.lot_id, s.location_id, s.on_hand FROM stock s JOIN lots l ON l.id = s.lot_id WHERE l.lot_no = 'LAN2605'",
    )!;
    expect(row.on_hand).toBe(2000);
    const lotRow = office.locator(`.ag-row[row-id="${row.lot_id}@${row.location_id}"]`);
    await expect(lotRow).toContainText('LAN2605');
    await expect(lotRow).toContainText('2,000');
  } finally {
    await browser.close();
    await server.close();
    env.cleanup();
  }
});

test('while the link to the server is down, an edit is refused in words and not kept for later, and the page is marked stale until the link is back', async ({ browser }) => {
  const env = tempDepot();
  await seedDemo(env.depot);
  await call(env.depot, env.depot.createSession(), 'auth.setupAdmin', { ...ADMIN, requestId: rid() });
  const sessionsFile = `${env.dbPath}.sessions.json`;
  let server = await serveDepot(env.depot, { rendererDir: RENDERER_DIR, sessionsFile });
  const port = Number(new URL(server.url).port);
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByLabel('操作员编号').fill(ADMIN.code);
    await page.getByLabel('密码').fill(ADMIN.password);
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByRole('heading', { name: '物资', level: 2 })).toBeVisible();
    const id = idOf(env.depot, 'items', 'FH-005');
    await expect(cell(page, id, 'standard')).toHaveText('GB 19082-2009');
    const stale = page.getByText('以下为断线前的数据，可能已过期');
    await expect(stale).toHaveCount(0);

    await server.close();
    await expect(page.getByRole('alert').filter({ hasText: '与仓库服务器的连接已断开，正在重连' })).toBeVisible();
    // What the page shows is what it had: still there, marked stale.
    await expect(stale).toBeVisible();
    await expect(cell(page, id, 'standard')).toHaveText('GB 19082-2009');
    // A change now is refused at once, in words; nothing waits to be posted behind the operator's back.
    await editCell(page, id, 'standard', 'GB 19082-2023');
    await expect(page.getByRole('status')).toHaveText('未保存：与仓库服务器的连接已断开，本次修改没有提交；连接恢复后请重新操作');

    server = await serveDepot(env.depot, { rendererDir: RENDERER_DIR, sessionsFile, port });
    await expect(stale).toHaveCount(0, { timeout: 15_000 });
    await expect(cell(page, id, 'standard')).toHaveText('GB 19082-2009');
    expect(env.depot.store.first('SELECT standard FROM items WHERE id = ?', [id])).toEqual({ standard: 'GB 19082-2009' });
    // Back up: the same edit goes through.
    await editCell(page, id, 'standard', 'GB 19082-2023');
    await expect(cell(page, id, 'standard')).toHaveText('GB 19082-2023');
    await expect.poll(() => env.depot.store.first('SELECT standard FROM items WHERE id = ?', [id])).toEqual({ standard: 'GB 19082-2023' });
  } finally {
    await context.close();
    await server.close().catch(() => {});
    env.cleanup();
  }
});

test('a desk whose link to the server is down still locks itself when nobody uses it', async ({ browser }) => {
  const env = tempDepot();
  const admin = env.depot.createSession();
  await call(env.depot, admin, 'auth.setupAdmin', { ...ADMIN, requestId: rid() });
  await call(env.depot, admin, 'auth.setIdleLock', { minutes: 1, requestId: rid() });
  const server = await serveDepot(env.depot, { rendererDir: RENDERER_DIR });
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.clock.install();
    await page.goto(server.url);
    await page.getByLabel('操作员编号').fill(ADMIN.code);
    await page.getByLabel('密码').fill(ADMIN.password);
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByRole('heading', { name: '物资', level: 2 })).toBeVisible();
    await server.close();
    await expect(page.getByRole('alert').filter({ hasText: '与仓库服务器的连接已断开，正在重连' })).toBeVisible();
    // No server to answer the sign-out: the desk locks all the same.
    await page.clock.runFor(61_000);
    await expect(page.getByRole('heading', { name: '操作员登录' })).toBeVisible();
    await expect(page.getByText('本机长时间无人操作，已自动退出登录，请重新登录')).toBeVisible();
  } finally {
    await context.close();
    await server.close().catch(() => {});
    env.cleanup();
  }
});
