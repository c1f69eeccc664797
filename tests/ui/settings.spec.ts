import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { test, expect, type Desk } from '../support/ui.ts';
import { call, rid } from '../support/depot.ts';
import type { EventName, Events } from '../../shared/contract/index.ts';
import { createUpdateController, type UpdateController } from '../../main/update/controller.ts';
import { setUpdateController } from '../../main/update/registry.ts';
import { readUpdateSettings } from '../../main/update/settings.ts';
import { feedServer, nodeUpdater, writeFeed } from '../main/update/support.ts';

const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'docs', 'screenshots');

const nav = (page: Page, name: string) => page.getByRole('navigation').getByRole('link', { name, exact: true });
const section = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
const banner = (page: Page) => page.getByRole('region', { name: '软件更新提示' });

function setting(desk: Desk, key: string): string | undefined {
  return desk.depot.store.first<{ value: string }>('SELECT value FROM settings WHERE key = ?', [key])?.value;
}

/** What the preload does with a core event: the page's bridge hands it to its listeners. */
async function emit<E extends EventName>(page: Page, event: E, payload: Events[E]) {
  await page.evaluate(([e, p]) => (globalThis as { __depotEmit?: (e: string, p: unknown) => void }).__depotEmit?.(e, p), [event, payload] as const);
}

async function openSettings(page: Page, desk: Desk) {
  await desk.signInAsAdmin();
  await desk.open();
  await nav(page, '设置').click();
  await expect(page).toHaveURL(/#\/settings$/);
  await expect(page.getByRole('heading', { name: '设置', level: 2 })).toBeVisible();
}

test('an admin sets the update server, the check interval, the expiry warning and a receipt printer; all kept after a reload', async ({ page, desk }) => {
  await desk.seed();
  await openSettings(page, desk);

  const update = section(page, '软件更新');
  // Outside the installed app there is no updater: the page says so rather than pretend.
  await expect(update.getByText(/^当前版本 \d+\.\d+\.\d+ · 未启用自动更新$/)).toBeVisible();
  await expect(update.getByLabel('更新服务器地址')).toHaveValue('');
  await update.getByLabel('更新服务器地址').fill('  http://10.20.0.5/depot-desk/ ');
  await update.getByLabel('检查间隔（小时）').fill('6');
  await update.getByRole('button', { name: '保存' }).click();
  await expect(update.getByRole('status')).toHaveText('已保存');
  // The core keeps the URL trimmed, and the field shows what was kept.
  await expect(update.getByLabel('更新服务器地址')).toHaveValue('http://10.20.0.5/depot-desk/');

  const stock = section(page, '库存');
  await expect(stock.getByLabel('临期预警天数')).toHaveValue('30');
  await stock.getByLabel('临期预警天数').fill('45');
  await stock.getByRole('button', { name: '保存' }).click();
  await expect(stock.getByRole('status')).toHaveText('已保存');

  // The costing method: the seeded depot has posted nothing yet, so it can still be chosen.
  const costing = section(page, '计价方法');
  await expect(costing.getByLabel('本库采用')).toHaveValue('moving_average');
  await expect(costing.getByText('可以更改：尚无过账，或最近一次扎账之后尚无过账')).toBeVisible();
  await expect(costing.getByLabel('本库采用').locator('option')).toHaveText(['移动加权平均（按物资）', '个别计价法（按批次）', '先进先出法（按入库批次）']);
  await costing.getByLabel('本库采用').selectOption({ label: '先进先出法（按入库批次）' });
  await costing.getByRole('button', { name: '保存' }).click();
  await expect(costing.getByRole('status')).toHaveText('已保存');
  expect(setting(desk, 'valuation.method')).toBe('fifo');
  await costing.getByLabel('本库采用').selectOption({ label: '个别计价法（按批次）' });
  await costing.getByRole('button', { name: '保存' }).click();
  await expect(costing.getByRole('status')).toHaveText('已保存');
  expect(setting(desk, 'valuation.method')).toBe('by_lot');

  // No OS printers outside the app: the printer is typed by name.
  const receipt = section(page, '打印').getByRole('form', { name: '入库单' });
  await receipt.getByLabel('纸张').selectOption({ label: 'A5 横向' });
  await expect(receipt.getByLabel('打印机')).toHaveAttribute('placeholder', '系统默认打印机');
  await receipt.getByLabel('打印机').fill('库房激光打印机');
  await receipt.getByLabel('份数').fill('2');
  await receipt.getByLabel('自定义页边距（毫米）').check();
  await receipt.getByLabel('上', { exact: true }).fill('15');
  await receipt.getByRole('button', { name: '保存' }).click();
  await expect(receipt.getByRole('status')).toHaveText('已保存');

  // The network label printer: ZPL at 300 dpi, its Chinese font named (empty, the placeholder says the default).
  const label = section(page, '打印').getByRole('form', { name: '标签' });
  await label.getByLabel('打印机地址').fill('192.168.1.50');
  await label.getByLabel('指令').selectOption('zpl');
  await expect(label.getByLabel('中文字体')).toHaveAttribute('placeholder', '留空：E:SIMSUN.TTF');
  await label.getByLabel('精度').selectOption('300');
  await label.getByLabel('中文字体').fill('E:MSYH.TTF');
  await label.getByRole('button', { name: '保存' }).click();
  await expect(label.getByRole('status')).toHaveText('已保存');
  expect((await call(desk.depot, desk.session, 'print.settings.get', {})).label.raw).toEqual({ host: '192.168.1.50', port: 9100, language: 'zpl', dpi: 300, font: 'E:MSYH.TTF' });

  expect(setting(desk, 'update.url')).toBe('http://10.20.0.5/depot-desk/');
  expect(setting(desk, 'update.checkEveryHours')).toBe('6');
  expect(setting(desk, 'stock.expiryWarnDays')).toBe('45');
  const printSettings = await call(desk.depot, desk.session, 'print.settings.get', {});
  expect(printSettings.receipt).toEqual({ paper: 'A5', margins: { top: 15, right: 10, bottom: 10, left: 10 }, printer: '库房激光打印机', silent: false, copies: 2 });
  // The other kinds were not touched.
  expect(printSettings.slip).toMatchObject({ paper: 'A4', margins: null, printer: null, copies: 1 });

  await page.reload();
  await expect(page.getByRole('heading', { name: '设置', level: 2 })).toBeVisible();
  await expect(section(page, '软件更新').getByLabel('更新服务器地址')).toHaveValue('http://10.20.0.5/depot-desk/');
  await expect(section(page, '软件更新').getByLabel('检查间隔（小时）')).toHaveValue('6');
  await expect(section(page, '库存').getByLabel('临期预警天数')).toHaveValue('45');
  const again = section(page, '打印').getByRole('form', { name: '入库单' });
  await expect(again.getByLabel('纸张')).toHaveValue('A5');
  await expect(again.getByLabel('打印机')).toHaveValue('库房激光打印机');
  await expect(again.getByLabel('份数')).toHaveValue('2');
  await expect(again.getByLabel('上', { exact: true })).toHaveValue('15');
  await expect(section(page, '打印').getByRole('form', { name: '标签' }).getByLabel('中文字体')).toHaveValue('E:MSYH.TTF');

  // The stock page reads the new warning from the same setting.
  expect((await call(desk.depot, desk.session, 'stock.list', {})).expiryWarnDays).toBe(45);

  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, 'settings-zh.png') });
});

test('refused settings show the core\'s message at their section and change nothing', async ({ page, desk }) => {
  await desk.signInAsAdmin();
  await call(desk.depot, desk.session, 'update.setSettings', { url: 'http://10.20.0.5/depot-desk/', checkEveryHours: 4, requestId: rid() });
  await desk.open();
  await nav(page, '设置').click();
  const update = section(page, '软件更新');
  await expect(update.getByLabel('更新服务器地址')).toHaveValue('http://10.20.0.5/depot-desk/');
  const before = desk.depot.store.all('SELECT key, value FROM settings ORDER BY key');

  // A shared folder typed as ftp: electron-updater fetches over HTTP only.
  await update.getByLabel('更新服务器地址').fill('ftp://10.20.0.5/depot-desk/');
  await update.getByRole('button', { name: '保存' }).click();
  await expect(update.getByRole('alert')).toHaveText('输入有误：更新服务器地址须以 http:// 或 https:// 开头，例如 http://10.1.2.3/depot-desk/');
  await expect(update.getByLabel('更新服务器地址')).toHaveAttribute('aria-invalid', 'true');
  await expect(update.getByRole('status')).toHaveCount(0);

  // Hours outside 1–168, and a warning of 0 days: refused in words too.
  await update.getByLabel('更新服务器地址').fill('http://10.20.0.9/depot-desk/');
  await update.getByLabel('检查间隔（小时）').fill('0');
  await update.getByRole('button', { name: '保存' }).click();
  await expect(update.getByRole('alert')).toHaveText(/^输入有误：检查间隔（小时）/);
  await expect(update.getByLabel('检查间隔（小时）')).toHaveAttribute('aria-invalid', 'true');
  await expect(update.getByLabel('更新服务器地址')).not.toHaveAttribute('aria-invalid', 'true');
  const stock = section(page, '库存');
  await stock.getByLabel('临期预警天数').fill('0');
  await stock.getByRole('button', { name: '保存' }).click();
  await expect(stock.getByRole('alert')).toHaveText(/^输入有误：天数/);

  // A 50 mm margin (at most 40) on the slip.
  const slip = section(page, '打印').getByRole('form', { name: '出库单' });
  await slip.getByLabel('自定义页边距（毫米）').check();
  await slip.getByLabel('左', { exact: true }).fill('50');
  await slip.getByRole('button', { name: '保存' }).click();
  await expect(slip.getByRole('alert')).toHaveText(/^输入有误：/);
  await expect(slip).toHaveClass(/refused/);
  await page.screenshot({ path: test.info().outputPath('settings-refused-zh.png') });

  expect(desk.depot.store.all('SELECT key, value FROM settings ORDER BY key')).toEqual(before);
  await page.reload();
  await expect(section(page, '软件更新').getByLabel('更新服务器地址')).toHaveValue('http://10.20.0.5/depot-desk/');
  await expect(section(page, '软件更新').getByLabel('检查间隔（小时）')).toHaveValue('4');
  await expect(section(page, '库存').getByLabel('临期预警天数')).toHaveValue('30');
  await expect(section(page, '打印').getByRole('form', { name: '出库单' }).getByLabel('自定义页边距（毫米）')).not.toBeChecked();
});

test('a storekeeper has no 设置 page, not even by its address', async ({ page, desk }) => {
  await desk.seed();
  await desk.signInAsAdmin();
  await call(desk.depot, desk.session, 'operators.create', { code: 'keeper', name: '赵保管', role: 'storekeeper', password: 'keeper-pass-1', requestId: rid() });
  await call(desk.depot, desk.session, 'auth.signIn', { code: 'keeper', password: 'keeper-pass-1' });
  await desk.open();
  await expect(page.getByText('赵保管（保管员）')).toBeVisible();
  await expect(nav(page, '库存')).toBeVisible();
  await expect(nav(page, '设置')).toHaveCount(0);

  await page.goto(page.url().replace(/#.*$/, '') + '#/settings');
  await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
  await expect(page.getByRole('heading', { name: '设置', level: 2 })).toHaveCount(0);
  await expect(page.getByLabel('更新服务器地址')).toHaveCount(0);
  // And the core would refuse it anyway.
  const refused = await desk.depot.invoke('update.getSettings', {}, desk.session);
  expect(refused.ok).toBe(false);
});

test('the update banner follows the core\'s events: found with its notes, downloading with progress, downloaded; 稍后 and 立即重启安装', async ({ page, desk }) => {
  await desk.signInAsAdmin();
  await desk.open();
  await expect(page.getByText('王建国（管理员）')).toBeVisible();
  // Up to date / updates off: nothing in the top bar.
  await expect(banner(page)).toHaveCount(0);

  await emit(page, 'update.available', { version: '1.4.0', releaseNotes: '修复 241 连续纸出库单换页\n盘点差异可导出 Excel', releaseDate: '2025-03-01T08:00:00.000Z' });
  await expect(banner(page).getByText('发现新版本 1.4.0')).toBeVisible();
  await expect(banner(page).getByText('修复 241 连续纸出库单换页')).toBeVisible();
  await banner(page).getByRole('button', { name: '更新说明' }).click();
  await expect(banner(page).getByRole('note')).toHaveText('修复 241 连续纸出库单换页\n盘点差异可导出 Excel');

  // This desk has no updater (not the installed app): the core answers "off", and the banner says so.
  await banner(page).getByRole('button', { name: '下载', exact: true }).click();
  await expect(banner(page).getByRole('status')).toHaveText('本机未启用自动更新，不能下载新版本');

  await emit(page, 'update.progress', { percent: 42.5, transferred: 13_369_344, total: 31_457_280, bytesPerSecond: 1_572_864 });
  await expect(banner(page).getByText('正在下载新版本 1.4.0')).toBeVisible();
  await expect(banner(page).getByRole('progressbar', { name: '下载进度' })).toHaveAttribute('value', '42.5');
  await expect(banner(page).getByText('42% · 12.8 MB / 30.0 MB · 1.5 MB/s')).toBeVisible();
  await emit(page, 'update.progress', { percent: 87, transferred: 27_367_834, total: 31_457_280, bytesPerSecond: 2_097_152 });
  await expect(banner(page).getByText('87% · 26.1 MB / 30.0 MB · 2.0 MB/s')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('update-progress-zh.png'), clip: { x: 0, y: 0, width: 1680, height: 160 } });

  await emit(page, 'update.downloaded', { version: '1.4.0' });
  await expect(banner(page).getByText('新版本已下载，重启后安装（1.4.0）')).toBeVisible();
  await expect(banner(page).getByRole('progressbar')).toHaveCount(0);

  // 稍后: only a small chip stays, which brings the notice back.
  await banner(page).getByRole('button', { name: '稍后' }).click();
  await expect(banner(page).getByText('新版本已下载，重启后安装（1.4.0）')).toHaveCount(0);
  await banner(page).getByRole('button', { name: '新版本待安装' }).click();

  await banner(page).getByRole('button', { name: '立即重启安装' }).click();
  await expect(banner(page).getByRole('status')).toHaveText('本机未启用自动更新，不能重启安装');
  await page.screenshot({ path: test.info().outputPath('update-banner-zh.png'), clip: { x: 0, y: 0, width: 1680, height: 160 } });
});

/** The desk's own updater logic over electron-updater's Linux updater, against a feed served on 127.0.0.1. */
async function realUpdater(page: Page, desk: Desk, options: { tamper?: boolean } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'depot-ui-update-'));
  const feedDir = join(dir, 'server', 'depot-desk');
  const artifact = randomBytes(3 * 1024 * 1024 + 17);
  writeFeed(feedDir, 'latest-linux.yml', '0.2.0', 'DepotDesk-0.2.0-amd64.deb', artifact);
  appendFileSync(join(feedDir, 'latest-linux.yml'), 'releaseNotes: |-\n  出库单支持 241 连续纸\n  标签可直接发送到网络打印机\n');
  if (options.tamper) {
    // The file on the server is not the one the feed was written for.
    const tampered = Buffer.from(artifact);
    tampered[1000] = tampered[1000]! ^ 0xff;
    writeFileSync(join(feedDir, 'DepotDesk-0.2.0-amd64.deb'), tampered);
  }
  const server = await feedServer(join(dir, 'server'));
  const made = nodeUpdater({ version: '0.1.0', dir: join(dir, 'app') });
  const controller: UpdateController = createUpdateController({
    engine: made.updater,
    currentVersion: '0.1.0',
    // What the admin saved, read fresh as the desktop app does.
    readSettings: () => readUpdateSettings(desk.depot.store),
    bakedUrl: null,
    postingInProgress: () => false,
    emit: (event, payload) => void emit(page, event, payload).catch(() => {}),
    installRetryMs: 20,
  });
  setUpdateController(controller);
  return {
    server,
    installs: made.installs,
    controller,
    async close() {
      controller.stop();
      setUpdateController(null);
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

test('with the real updater: the saved URL is checked, the new version shows on opening, downloads from 127.0.0.1 and installs on 立即重启安装', async ({ page, desk }) => {
  await desk.signInAsAdmin();
  const updater = await realUpdater(page, desk);
  try {
    await call(desk.depot, desk.session, 'update.setSettings', { url: updater.server.url, checkEveryHours: 4, requestId: rid() });
    // The check that the app makes shortly after it starts.
    await updater.controller.tick();
    expect(updater.server.requests).toEqual(['/depot-desk/latest-linux.yml']);

    await desk.open();
    // The banner asks the core on opening: the check happened before this window existed.
    await expect(banner(page).getByText('发现新版本 0.2.0')).toBeVisible();
    await expect(banner(page).getByText('出库单支持 241 连续纸')).toBeVisible();
    await expect(page.getByRole('navigation')).toBeVisible();
    await banner(page).getByRole('button', { name: '更新说明' }).click();
    await page.screenshot({ path: test.info().outputPath('update-available-zh.png'), clip: { x: 0, y: 0, width: 1680, height: 240 } });
    await banner(page).getByRole('button', { name: '更新说明' }).click();

    await banner(page).getByRole('button', { name: '下载', exact: true }).click();
    await expect(banner(page).getByText('新版本已下载，重启后安装（0.2.0）')).toBeVisible();
    expect(updater.server.requests).toContain('/depot-desk/DepotDesk-0.2.0-amd64.deb');
    expect(updater.installs).toEqual([]);

    await banner(page).getByRole('button', { name: '立即重启安装' }).click();
    await expect(banner(page).getByText('将在当前业务保存完成后重启安装')).toBeVisible();
    // Silent, and the new version starts: the operator already agreed in the banner.
    await expect.poll(() => updater.installs).toEqual([[true, true]]);
  } finally {
    await updater.close();
  }
});

test('with the real updater: a download whose sha512 does not match the feed shows the core\'s error, and a retry is offered', async ({ page, desk }) => {
  await desk.signInAsAdmin();
  const updater = await realUpdater(page, desk, { tamper: true });
  try {
    await call(desk.depot, desk.session, 'update.setSettings', { url: updater.server.url, checkEveryHours: 4, requestId: rid() });
    await updater.controller.tick();
    await desk.open();
    await banner(page).getByRole('button', { name: '下载', exact: true }).click();
    await expect(banner(page).getByText(/^更新失败：.*sha512/)).toBeVisible();
    await expect(banner(page).getByRole('button', { name: '重试下载' })).toBeVisible();
    await expect(banner(page).getByText(/新版本已下载/)).toHaveCount(0);
    expect(updater.installs).toEqual([]);
  } finally {
    await updater.close();
  }
});

test('备份与恢复: the backups are listed newest first; a restore is confirmed, the data as it is backed up first, and the backup is what the depot holds when it opens again', async ({ page, desk }) => {
  const { backupNow } = await import('../../main/store/backups.ts');
  const { openDepot } = await import('../../main/core/depot.ts');
  const folder = join(desk.dbPath, '..', 'backups');
  await desk.signInAsAdmin();
  await backupNow(desk.depot.store, { folder, keep: 14 }, new Date('2026-04-10T00:30:00Z'));
  // Work done after the backup: gone once the backup is put back.
  await call(desk.depot, desk.session, 'locations.create', { code: 'HF-01', depot: '市本级储备库', zone: 'HF区', bin: '01', requestId: rid() });
  await backupNow(desk.depot.store, { folder, keep: 14 }, new Date('2026-04-11T00:30:00Z'));
  await desk.open();
  await nav(page, '设置').click();
  const backups = section(page, '备份与恢复');
  await expect(backups.getByRole('row')).toHaveCount(3);
  await expect(backups.getByRole('row').nth(1)).toContainText('2026-04-11 08:30');
  await expect(backups.getByRole('row').nth(2)).toContainText('depot-20260410-003000.db');
  await backups.screenshot({ path: test.info().outputPath('backups-zh.png') });

  await backups.getByRole('row').nth(2).getByRole('button', { name: '恢复…' }).click();
  const dialog = page.getByRole('dialog', { name: '从备份恢复' });
  await expect(dialog).toContainText('将把数据恢复到 2026-04-10 08:30 的备份（depot-20260410-003000.db）');
  await dialog.getByRole('button', { name: '备份当前数据并恢复' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(backups.getByRole('status')).toContainText('已准备从 depot-20260410-003000.db 恢复，当前数据已备份为 depot-');

  // What the app does as it starts again: the depot opens on the backup.
  desk.depot.close();
  const reopened = openDepot({ dbPath: desk.dbPath });
  try {
    expect(reopened.store.all("SELECT code FROM locations WHERE code = 'HF-01'")).toEqual([]);
    expect(reopened.store.first('PRAGMA integrity_check')).toEqual({ integrity_check: 'ok' });
  } finally {
    reopened.close();
  }
});
