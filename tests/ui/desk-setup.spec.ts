import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { seedDemo } from '../../main/cli/demo.ts';
import { createDeskSetup } from '../../main/desk/setup.ts';
import { deskStart } from '../../main/desk/start.ts';
import { hostOnLan } from '../../main/desk/host.ts';
import { readDeskSettings } from '../../main/server/join.ts';
import type { DepotDesk } from '../../shared/desk.ts';
import { ADMIN, RENDERER_DIR, cell, expect, idOf, test } from '../support/ui.ts';
import { call, rid, tempDepot } from '../support/depot.ts';

/**
 * The desktop app's first run (renderer/shell/DeskSetup.tsx), with window.depotDesk wired to
 * main/desk/setup.ts as the preload wires it to the shell, and a real depot held and shared on the
 * LAN by another app (hostOnLan: the depot server over HTTPS, here on 127.0.0.1 without multicast;
 * what DNS-SD would have heard is handed to the screen as its list).
 */
async function wireDeskSetup(page: Page, setup: DepotDesk): Promise<void> {
  await page.exposeBinding('__depotDesk', (_source, method: keyof DepotDesk, args: unknown[]) => (setup[method] as (...a: unknown[]) => Promise<unknown>)(...args));
  await page.addInitScript(() => {
    const call = (method: string, ...args: unknown[]) => (globalThis as unknown as { __depotDesk(m: string, a: unknown[]): Promise<unknown> }).__depotDesk(method, args);
    (globalThis as unknown as { depotDesk: unknown }).depotDesk = Object.freeze({
      state: () => call('state'),
      discover: () => call('discover'),
      inspect: (address: string) => call('inspect', address),
      join: (address: string, fingerprint: string) => call('join', address, fingerprint),
      host: (shareOnLan: boolean) => call('host', shareOnLan),
    });
  });
}

test('a new desk joins the depot shared on the LAN: picks it from the list, the admin compares the code, and the desk then works on the holder’s data', async ({ page, desk, browser }) => {
  const holder = tempDepot();
  await seedDemo(holder.depot);
  await call(holder.depot, holder.depot.createSession(), 'auth.setupAdmin', { ...ADMIN, requestId: rid() });
  const hosting = await hostOnLan(holder.depot, { dbPath: holder.dbPath, rendererDir: RENDERER_DIR, host: '127.0.0.1', port: 0, advertise: false });
  const address = new URL(hosting.url).host;
  const folder = mkdtempSync(join(tmpdir(), 'desk-setup-'));
  const settings = join(folder, 'desk.json');
  try {
    await wireDeskSetup(page, createDeskSetup(settings, { localDepotFile: join(folder, 'depot.db'), browse: () => Promise.resolve([{ name: '市本级储备库', host: 'depot-server', address }]) }));
    await desk.open();
    await expect(page.getByRole('heading', { name: '这台电脑如何使用仓库数据' })).toBeVisible();
    const heard = page.getByRole('list', { name: '局域网内找到的仓库服务器' });
    await expect(heard.getByRole('listitem')).toHaveText([new RegExp(`市本级储备库.*${address.replace('.', '\\.')}`)]);
    await heard.getByRole('button', { name: '选择' }).click();
    // The code the desk shows is the one the holding app shows its administrator.
    const code = page.getByRole('group', { name: '请管理员核对证书校验码' });
    await expect(code.getByLabel('请管理员核对证书校验码')).toHaveText(hosting.code);
    await page.screenshot({ path: test.info().outputPath('desk-setup-code-zh.png') });
    await code.getByRole('button', { name: '校验码一致，加入该仓库' }).click();
    await expect(page.getByRole('status')).toHaveText(`已加入 ${address}（校验码 ${hosting.code}）。应用将重新启动并连接该服务器。`);
    expect(readDeskSettings(settings)).toMatchObject({ mode: 'remote', server: { url: `wss://${address}/depot` } });

    // Restarted, the desk opens the server's pages (the shell trusts the pinned certificate; here the browser is told to).
    const start = deskStart(settings, join(folder, 'depot.db'));
    expect(start).toMatchObject({ kind: 'remote', origin: `https://${address}/` });
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    const joined = await context.newPage();
    await joined.goto(start.kind === 'remote' ? start.origin : 'about:blank');
    await joined.getByLabel('操作员编号').fill(ADMIN.code);
    await joined.getByLabel('密码').fill(ADMIN.password);
    await joined.getByRole('button', { name: '登录' }).click();
    await expect(joined.getByRole('heading', { name: '物资', level: 2 })).toBeVisible();
    await expect(cell(joined, idOf(holder.depot, 'items', 'FH-005'), 'standard')).toHaveText('GB 19082-2009');
    await context.close();
  } finally {
    await hosting.stop();
    holder.cleanup();
    rmSync(folder, { recursive: true, force: true });
  }
});

test('a typed address that is no depot server is refused in words; keeping the depot here, shared on the LAN, is remembered', async ({ page, desk }) => {
  const folder = mkdtempSync(join(tmpdir(), 'desk-setup-'));
  const settings = join(folder, 'desk.json');
  try {
    await wireDeskSetup(page, createDeskSetup(settings, { browse: () => Promise.resolve([]), timeoutMs: 2000 }));
    await desk.open();
    await expect(page.getByText('没有找到仓库服务器（网络可能不允许组播）：请输入服务器地址')).toBeVisible();
    await page.getByLabel('服务器地址').fill('http://[bad');
    await page.getByRole('button', { name: '连接' }).click();
    await expect(page.getByRole('alert')).toHaveText('服务器地址“http://[bad”无法识别：请输入如 192.168.1.10:8080 的地址');
    expect(readDeskSettings(settings)).toEqual({});

    await page.getByLabel('允许局域网内其他电脑和手持终端加入本机的仓库').check();
    await page.screenshot({ path: test.info().outputPath('desk-setup-zh.png') });
    await page.getByRole('button', { name: '使用本机数据' }).click();
    await expect(page.getByRole('status')).toHaveText('本机将保存仓库数据，并允许局域网内其他电脑加入。应用将重新启动。');
    expect(deskStart(settings, join(folder, 'depot.db'))).toEqual({ kind: 'local', shareOnLan: true });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('a desk that holds the depot and shares it shows, in 设置, the addresses desks type and the code their admin compares; sharing is turned off there', async ({ page, desk }) => {
  await desk.seed();
  await desk.signInAsAdmin();
  const hosting = await hostOnLan(desk.depot, { dbPath: desk.dbPath, rendererDir: RENDERER_DIR, host: '127.0.0.1', port: 0, advertise: false });
  const folder = mkdtempSync(join(tmpdir(), 'desk-setup-'));
  const settings = join(folder, 'desk.json');
  try {
    await createDeskSetup(settings).host(true);
    await wireDeskSetup(page, createDeskSetup(settings, { localDepotFile: desk.dbPath, hosting: () => ({ urls: hosting.urls, code: hosting.code }) }));
    await desk.open();
    await page.getByRole('navigation').getByRole('link', { name: '设置', exact: true }).click();
    const lan = page.getByRole('region', { name: '本机与局域网' });
    await expect(lan).toContainText('本机正在局域网内提供仓库服务');
    await expect(lan.getByRole('listitem')).toHaveText([hosting.url]);
    // Beside it its QR code, drawn (a joining desk's scanner types it into the address field).
    const qr = lan.getByRole('img', { name: `${hosting.url} 的二维码：加入的电脑可用扫码枪扫入地址栏，手持终端可用相机打开` });
    await expect(qr).toBeVisible();
    expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await expect(lan).toContainText(`请核对其显示的证书校验码与本机一致：${hosting.code}`);
    await lan.scrollIntoViewIfNeeded();
    await page.screenshot({ path: test.info().outputPath('settings-lan-zh.png') });
    const save = lan.getByRole('button', { name: '保存并重新启动' });
    await expect(save).toBeDisabled();
    await lan.getByLabel('允许局域网内其他电脑和手持终端加入本机的仓库').uncheck();
    await save.click();
    await expect(lan.getByRole('status')).toHaveText('本机将保存仓库数据。应用将重新启动。');
    expect(deskStart(settings, desk.dbPath)).toEqual({ kind: 'local', shareOnLan: false });
  } finally {
    await hosting.stop();
    rmSync(folder, { recursive: true, force: true });
  }
});
