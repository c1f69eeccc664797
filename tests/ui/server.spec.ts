import { join } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { seedDemo } from '../../main/cli/demo.ts';
import { serveDepot } from '../../main/server/serve.ts';
import { ADMIN, RENDERER_DIR, cell, editCell, idOf } from '../support/ui.ts';
import { call, rid, tempDepot } from '../support/depot.ts';

/**
 * The app in plain browsers, no Electron and no injected bridge: two desks open the depot server
 * (`depot serve`), sign in through the form and share one depot over the WebSocket.
 */
test('two browsers on one depot server: an edit at one desk appears at the other without a reload', async ({ browser }) => {
  const env = tempDepot();
  await seedDemo(env.depot);
  await call(env.depot, env.depot.createSession(), 'auth.setupAdmin', { ...ADMIN, requestId: rid() });
  const server = await serveDepot(env.depot, { rendererDir: RENDERER_DIR });
  const desks: Page[] = [];
  try {
    for (let i = 0; i < 2; i++) {
      const context = await browser.newContext();
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
    await expect(a.getByRole('alert').filter({ hasText: '与仓库服务器的连接已断开，正在重连' })).toBeVisible();
  } finally {
    for (const page of desks) await page.context().close();
    await server.close().catch(() => {});
    env.cleanup();
  }
});
