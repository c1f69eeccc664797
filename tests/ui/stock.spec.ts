import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, idOf, wireBridge, type Desk } from '../support/ui.ts';
import { barcodeCamera } from '../support/camera.ts';
import { call, rid } from '../support/depot.ts';
import type { Session } from '../../main/core/depot.ts';

const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'docs', 'screenshots');

/** A calendar day (local time) n days from today. */
function day(n: number): string {
  const d = new Date();
  d.setDate(d.getDate() + n);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

async function operator(desk: Desk, code: string, name: string, role: 'storekeeper' | 'approver') {
  await call(desk.depot, desk.session, 'operators.create', { code, name, role, password: `${code}-pass-1`, requestId: rid() });
}
async function signIn(desk: Desk, session: Session, code: string) {
  await call(desk.depot, session, 'auth.signIn', { code, password: `${code}-pass-1` });
}

interface Line {
  item: string;
  lot: string;
  qty: number;
  at: string;
  expires?: string;
  pending?: boolean;
  cost?: number;
}

/** Posts one receipt through the core, as the receiving desk would have. */
async function receive(desk: Desk, session: Session, lines: Line[]) {
  const supplierId = idOf(desk.depot, 'suppliers', 'SJ-001');
  const draft = await call(desk.depot, session, 'receipts.saveDraft', {
    requestId: rid(),
    sourceType: 'allocation',
    supplierId,
    lines: lines.map((l) => ({
      itemId: idOf(desk.depot, 'items', l.item),
      lotNo: l.lot,
      expiresOn: l.expires ?? null,
      counted: l.qty,
      unitCost: l.cost ?? null,
      locationId: idOf(desk.depot, 'locations', l.at),
      inspection: l.pending ? 'pending' : 'accepted',
    })),
  });
  await call(desk.depot, session, 'receipts.post', { requestId: rid(), id: draft.id, version: draft.version });
}

const lotOf = (desk: Desk, item: string, lot: string) =>
  desk.depot.store.first<{ id: number; status: string; status_note: string }>('SELECT l.id, l.status, l.status_note FROM lots l JOIN items i ON i.id = l.item_id WHERE i.code = ? AND l.lot_no = ?', [item, lot])!;
const onHand = (desk: Desk, item: string, lot: string, at: string) =>
  desk.depot.store.first<{ on_hand: number }>(
    'SELECT s.on_hand FROM stock s JOIN lots l ON l.id = s.lot_id JOIN items i ON i.id = s.item_id JOIN locations loc ON loc.id = s.location_id WHERE i.code = ? AND l.lot_no = ? AND loc.code = ?',
    [item, lot, at],
  )?.on_hand ?? null;
const cellOf = (page: Page, desk: Desk, item: string, lot: string, at: string, col: string) =>
  page.locator(`.ag-row[row-id="${lotOf(desk, item, lot).id}@${idOf(desk.depot, 'locations', at)}"] .ag-cell[col-id="${col}"]`);
const nav = (page: Page, name: string) => page.getByRole('navigation').getByRole('link', { name, exact: true }).click();

/** The demo depot with a morning's stock, the page signed in as a storekeeper. */
async function stockedDepot(page: Page, desk: Desk) {
  await desk.seed();
  await desk.signInAsAdmin();
  await operator(desk, 'keeper', '赵保管', 'storekeeper');
  await operator(desk, 'approver', '钱审核', 'approver');
  await signIn(desk, desk.session, 'keeper');
  await receive(desk, desk.session, [
    { item: 'FH-001', lot: 'KN2601', qty: 10_000, at: 'SB-A-01', expires: day(400), cost: 235 },
    { item: 'FH-001', lot: 'KN2512', qty: 2_350, at: 'SB-A-01', expires: day(20), cost: 235 },
    { item: 'FH-002', lot: 'WK2603', qty: 4_000, at: 'SB-A-03', expires: day(700), pending: true, cost: 48 },
    { item: 'FH-005', lot: 'FS2602', qty: 300, at: 'SB-A-02', expires: day(600), cost: 2850 },
    { item: 'XS-001', lot: 'XD2401', qty: 120, at: 'SB-A-05', expires: day(-1), cost: 650 },
    { item: 'XS-003', lot: 'JJ2602', qty: 480, at: 'SB-A-06', expires: day(300) },
    { item: 'YL-001', lot: 'TW2601', qty: 60, at: 'SB-B-01', expires: day(1000), cost: 12800 },
    { item: 'SH-001', lot: 'SW2603', qty: 2_400, at: 'SB-C-01', expires: day(330) },
    { item: 'BN-005', lot: 'NT2511', qty: 800, at: 'SB-C-03', expires: day(200) },
    { item: 'CP-003', lot: '', qty: 200, at: 'SB-C-05' },
  ]);
  const warmer = lotOf(desk, 'BN-005', 'NT2511');
  const [lot] = await call(desk.depot, desk.session, 'lots.find', { lotId: warmer.id });
  await call(desk.depot, desk.session, 'lots.setStatus', { requestId: rid(), id: warmer.id, version: lot!.version, status: 'quarantined', note: '外观抽检发热不均，待复检' });
  await desk.open();
  await expect(page.getByText('赵保管（保管员）')).toBeVisible();
}

test('the stock grid: a pending lot shows 待检 with nothing available until accepted; expired red, expiring amber; card and move', async ({ page, desk }) => {
  await stockedDepot(page, desk);
  await nav(page, '库存');
  await expect(page.getByRole('heading', { name: '库存', level: 2 })).toBeVisible();
  await expect(page.locator('.row-count')).toHaveText('共 10 行');

  // Pending inspection: on hand, but nothing may be dispatched.
  await expect(cellOf(page, desk, 'FH-002', 'WK2603', 'SB-A-03', 'status')).toHaveText('待检');
  await expect(cellOf(page, desk, 'FH-002', 'WK2603', 'SB-A-03', 'onHand')).toHaveText('4,000只2箱');
  await expect(cellOf(page, desk, 'FH-002', 'WK2603', 'SB-A-03', 'available')).toHaveText('0');
  await expect(cellOf(page, desk, 'BN-005', 'NT2511', 'SB-C-03', 'status')).toHaveText('冻结');
  await expect(cellOf(page, desk, 'BN-005', 'NT2511', 'SB-C-03', 'available')).toHaveText('0');

  // Expired: red, and nothing available; expiring within the warning window: amber.
  const expired = cellOf(page, desk, 'XS-001', 'XD2401', 'SB-A-05', 'expiresOn');
  await expect(expired).toHaveClass(/cell-expired/);
  await expect(expired).toHaveText(`${day(-1)}过期 1 天`);
  expect(await expired.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(179, 38, 30)');
  await expect(cellOf(page, desk, 'XS-001', 'XD2401', 'SB-A-05', 'available')).toHaveText('0');
  const expiring = cellOf(page, desk, 'FH-001', 'KN2512', 'SB-A-01', 'expiresOn');
  await expect(expiring).toHaveClass(/cell-expiring/);
  await expect(expiring).toHaveText(`${day(20)}剩 20 天`);
  await expect(cellOf(page, desk, 'FH-001', 'KN2601', 'SB-A-01', 'expiresOn')).not.toHaveClass(/cell-expiring|cell-expired/);
  // Below safety stock (20,000 masks): flagged on the item's rows.
  await expect(cellOf(page, desk, 'FH-001', 'KN2601', 'SB-A-01', 'daysOfCover')).toContainText('低于安全');

  // Nothing clipped that a storekeeper needs to read (spec shows in full on hover).
  const clipped = await page.locator('.ag-header-cell-text, .ag-cell-value').evaluateAll((els) =>
    els.filter((el) => el.scrollWidth > el.clientWidth + 1 && !el.closest('[col-id="spec"]')).map((el) => el.textContent),
  );
  expect(clipped).toEqual([]);
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, 'stock-zh.png') });

  // 验收: accepted with a note; the lot becomes available at once.
  await cellOf(page, desk, 'FH-002', 'WK2603', 'SB-A-03', 'actions').getByRole('button', { name: '验收…' }).click();
  const inspect = page.getByRole('dialog', { name: '批次验收' });
  await expect(inspect.getByRole('radio', { name: '验收合格' })).toBeChecked();
  await inspect.getByLabel('说明（记入批次记录）').fill('抽检 20 只，外观、标识合格');
  await inspect.getByRole('button', { name: '确认验收合格' }).click();
  await expect(inspect).toHaveCount(0);
  await expect(page.locator('.status-line')).toHaveText('医用外科口罩 批号 WK2603 已改为“合格”');
  await expect(cellOf(page, desk, 'FH-002', 'WK2603', 'SB-A-03', 'status')).toHaveText('合格');
  await expect(cellOf(page, desk, 'FH-002', 'WK2603', 'SB-A-03', 'available')).toHaveText('4,000只2箱');
  expect(lotOf(desk, 'FH-002', 'WK2603')).toMatchObject({ status: 'accepted', status_note: '抽检 20 只，外观、标识合格' });

  // The status filter asks the core for that status only.
  await page.getByLabel('状态').selectOption({ label: '冻结' });
  await expect(page.locator('.row-count')).toHaveText('共 1 行');
  await page.getByLabel('状态').selectOption({ label: '全部' });
  await page.getByLabel('效期').selectOption({ label: '30 天内到期（含已过期）' });
  await expect(page.locator('.row-count')).toHaveText('共 2 行');
  await page.getByLabel('效期').selectOption({ label: '全部' });

  // 移库: part of a lot to another bin, typed in packs; the core posts both sides.
  await cellOf(page, desk, 'FH-001', 'KN2601', 'SB-A-01', 'actions').getByRole('button', { name: '移库' }).click();
  const move = page.getByRole('dialog', { name: '移库' });
  await move.getByLabel('移入库位').selectOption({ label: 'SB-A-04 · A区 04' });
  await move.getByLabel('数量').fill('3箱 20盒');
  await expect(move.getByText('= 4,000只（4箱）')).toBeVisible();
  await move.getByRole('button', { name: '移库' }).click();
  await expect(move).toHaveCount(0);
  await expect(page.locator('.status-line')).toHaveText(/^已移库 YK\d{8}-\d{4}：4,000只（4箱），SB-A-01 → SB-A-04$/);
  expect(onHand(desk, 'FH-001', 'KN2601', 'SB-A-01')).toBe(6_000);
  expect(onHand(desk, 'FH-001', 'KN2601', 'SB-A-04')).toBe(4_000);
  await expect(cellOf(page, desk, 'FH-001', 'KN2601', 'SB-A-04', 'onHand')).toHaveText('4,000只4箱');

  // More than is there: refused, said in the dialog, nothing moved.
  await cellOf(page, desk, 'FH-001', 'KN2601', 'SB-A-04', 'actions').getByRole('button', { name: '移库' }).click();
  await move.getByLabel('移入库位').selectOption({ label: 'SB-A-01 · A区 01' });
  await move.getByLabel('数量').fill('5箱');
  await move.getByRole('button', { name: '移库' }).click();
  await expect(move.getByRole('alert')).toContainText('库存不足');
  await move.getByRole('button', { name: '取消' }).click();
  expect(onHand(desk, 'FH-001', 'KN2601', 'SB-A-04')).toBe(4_000);

  // 明细账: the lot's rows with the running balance, then every lot of the item.
  await cellOf(page, desk, 'FH-001', 'KN2601', 'SB-A-01', 'itemName').getByRole('button', { name: '医用防护口罩' }).click();
  const card = page.getByRole('dialog', { name: '明细账 · 医用防护口罩' });
  // In row order (rows kept from the lot's view stay where they were in the DOM).
  const balances = () =>
    card.locator('.ag-row').evaluateAll((rows) =>
      rows
        .map((r) => [Number(r.getAttribute('row-index')), r.querySelector('[col-id="balance"]')?.textContent ?? ''] as const)
        .sort((a, b) => a[0] - b[0])
        .map(([, text]) => text),
    );
  await expect(card.getByText('结存 10,000 只 · 3 笔')).toBeVisible();
  expect(await balances()).toEqual(['10,000', '6,000', '10,000']);
  await card.getByRole('button', { name: '全部批次' }).click();
  await expect(card.getByText('结存 12,350 只 · 4 笔')).toBeVisible();
  expect(await balances()).toEqual(['10,000', '12,350', '8,350', '12,350']);
  await page.screenshot({ path: test.info().outputPath('stock-card-zh.png') });
  await card.getByRole('button', { name: '关闭' }).click();
  await expect(card).toHaveCount(0);
});

test('上架 by scanning: a carton’s GS1 code opens the move of its lot, each carton scanned counts, the shelf is scanned; another lot is refused in words', async ({ page, desk }) => {
  await stockedDepot(page, desk);
  // The masks' carton GTIN, learned at receiving: a carton (箱) is 1,000 只.
  await call(desk.depot, desk.session, 'gtins.learn', { gtin: '09501101530003', itemId: idOf(desk.depot, 'items', 'FH-001'), pack: '箱', requestId: rid() });
  await nav(page, '库存');
  await expect(page.locator('.row-count')).toHaveText('共 10 行');
  const carton = (lot: string) => `]C1010950110153000317280630` + `10${lot}`;
  const scanOn = async (where: Page | ReturnType<Page['getByRole']>, code: string) => {
    const field = where.getByRole('textbox', { name: '扫码' });
    await field.fill(code);
    await field.press('Enter');
  };

  await scanOn(page, carton('KN2512'));
  const move = page.getByRole('dialog', { name: '移库' });
  await expect(move).toBeVisible();
  await expect(move.getByLabel('数量')).toHaveValue('1000');
  // The scanner types into the dialog's scan field, not into the quantity.
  await expect(move.getByRole('textbox', { name: '扫码' })).toBeFocused();
  await scanOn(move, carton('KN2512'));
  await expect(move.locator('.scan-answer')).toHaveText('加一箱 1,000只（1箱）：共 2,000只（2箱）');
  await expect(move.getByLabel('数量')).toHaveValue('2000');
  await scanOn(move, carton('KN2601'));
  await expect(move.locator('.scan-answer')).toHaveText('FH-001 医用防护口罩 · KN2601 不是本批次，不能一起移库');
  await expect(move.getByLabel('数量')).toHaveValue('2000');
  await scanOn(move, 'sb-a-04');
  await expect(move.locator('.scan-answer')).toHaveText('目标库位 SB-A-04');
  await expect(move.getByLabel('移入库位')).toHaveValue(String(idOf(desk.depot, 'locations', 'SB-A-04')));
  // Ctrl+Enter confirms the dialog, from the scan field the focus is in.
  await move.getByRole('textbox', { name: '扫码' }).press('Control+Enter');
  await expect(move).toHaveCount(0);
  await expect(page.locator('.status-line')).toHaveText(/^已移库 YK\d{8}-\d{4}：2,000只（2箱），SB-A-01 → SB-A-04$/);
  expect(onHand(desk, 'FH-001', 'KN2512', 'SB-A-01')).toBe(350);
  expect(onHand(desk, 'FH-001', 'KN2512', 'SB-A-04')).toBe(2_000);

  // Now the lot lies in two places: the grid narrows to it and asks which.
  await scanOn(page, carton('KN2512'));
  await expect(page.locator('.scan-answer').first()).toHaveText('批号 KN2512 在 2 个库位：请在表中选择从哪个库位上架');
  await expect(page.locator('.row-count')).toHaveText('共 2 行');
  await expect(move).toHaveCount(0);
  // The pinned total adds up the two rows shown, not the whole list.
  await expect(page.getByRole('row', { name: /^合计（/ })).toHaveAccessibleName('合计（2 行） 2,350 0 2,350');
  await page.getByPlaceholder('快速筛选…').fill('');
  await expect(page.getByRole('row', { name: /^合计（/ })).toHaveAccessibleName(/^合计（11 行） 20,710 /);
  await page.screenshot({ path: join(SCREENSHOTS, '..', '..', 'test-results', 'put-away.png') });
});

test('上架 with the camera where there is no scanner: the carton’s GS1 DataMatrix in front of the camera opens the move of its lot', async ({ page, desk, playwright, rendererUrl }) => {
  await stockedDepot(page, desk);
  await call(desk.depot, desk.session, 'gtins.learn', { gtin: '09501101530003', itemId: idOf(desk.depot, 'items', 'FH-001'), pack: '箱', requestId: rid() });
  // A handheld's camera that sees the carton's code (Linux Chromium has no BarcodeDetector: the shipped zxing-wasm reads it).
  // (In a folder of ASCII names: the test's own output folder is named in Chinese, which Chromium may not open without a UTF-8 locale.)
  const folder = mkdtempSync(join(tmpdir(), 'camera-'));
  const args = barcodeCamera(join(folder, 'carton.y4m'), 'gs1datamatrix', '(01)09501101530003(17)280630(10)KN2512');
  const browser = await playwright.chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', ...args],
    env: { ...process.env, LANG: process.env.LANG || 'C.UTF-8' },
  });
  try {
    const handheld = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const wired = await wireBridge(handheld, desk.depot);
    await signIn(desk, wired.session, 'keeper');
    await handheld.goto(rendererUrl);
    await handheld.getByRole('navigation').getByRole('link', { name: '库存', exact: true }).click();
    await expect(handheld.locator('.row-count')).toHaveText('共 10 行');
    expect(await handheld.evaluate(() => 'BarcodeDetector' in globalThis)).toBe(false);
    await handheld.getByRole('button', { name: '摄像头扫码' }).click();
    // The camera's picture shows (the reader, 1.3 MB with its WebAssembly, loads on first use: slow on a loaded machine).
    await expect(handheld.getByRole('button', { name: '关闭摄像头' })).toBeVisible();
    // (The black picture once seen here in CI was the app's own: a renderer built under the test
    // runner's NODE_ENV=test was React's development build, whose StrictMode opened the camera twice
    // and let the first opening blank the second's picture. Both are mended; a black picture fails.)
    const move = handheld.getByRole('dialog', { name: '移库' });
    // (What the handheld showed, kept if it is not read: Playwright's own failure picture is of the test's other page.)
    await expect(move.or(handheld.locator('.scan-answer.bad')))
      .toBeVisible({ timeout: 60_000 })
      .catch(async (e: unknown) => {
        await handheld.screenshot({ path: test.info().outputPath('camera-not-read.png') });
        throw e;
      });
    // Not refused (no camera, not allowed): the answer beside the field would say so.
    await expect(handheld.locator('.scan-answer.bad')).toHaveCount(0);
    await expect(move).toBeVisible();
    await expect(move.getByLabel('数量')).toHaveValue('1000');
    await expect(move).toContainText('KN2512');
    // Read once, the camera is let go.
    await expect(handheld.getByRole('button', { name: '关闭摄像头' })).toHaveCount(0);
    await handheld.screenshot({ path: test.info().outputPath('camera-put-away.png') });
    wired.unwire();
  } finally {
    await browser.close();
    rmSync(folder, { recursive: true, force: true });
  }
});

test('a posting elsewhere refreshes only the rows of the items it touched, not the whole list', async ({ page, desk }) => {
  await stockedDepot(page, desk);
  await nav(page, '库存');
  await expect(page.locator('.row-count')).toHaveText('共 10 行');
  // What the page asks of the core from now on (its own session's calls).
  const asked: { channel: string; input: Record<string, unknown> }[] = [];
  const invoke = desk.depot.invoke;
  desk.depot.invoke = ((channel: string, input: unknown, session: unknown) => {
    if (session === desk.session) asked.push({ channel, input: input as Record<string, unknown> });
    return invoke(channel as never, input, session as never);
  }) as typeof invoke;
  try {
    // Another desk receives 500 more masks of a new lot.
    const other = desk.depot.createSession();
    await signIn(desk, other, 'keeper');
    await receive(desk, other, [{ item: 'FH-001', lot: 'KN2604', qty: 500, at: 'SB-A-02', expires: day(500), cost: 235 }]);
    await expect(cellOf(page, desk, 'FH-001', 'KN2604', 'SB-A-02', 'onHand')).toHaveText(/^500只/);
    await expect(page.locator('.row-count')).toHaveText('共 11 行');
    const lists = asked.filter((a) => a.channel === 'stock.list');
    expect(lists.map((a) => a.input.itemIds)).toEqual([[idOf(desk.depot, 'items', 'FH-001')]]);
    // The other rows are still there, untouched, and the totals follow.
    await expect(cellOf(page, desk, 'FH-002', 'WK2603', 'SB-A-03', 'onHand')).toHaveText('4,000只2箱');
  } finally {
    desk.depot.invoke = invoke;
  }
});

test('a stocktake: the storekeeper counts (typed and scanned), the approver posts the differences with a reason', async ({ page, desk }) => {
  await stockedDepot(page, desk);
  await nav(page, '盘点');
  await page.getByRole('group', { name: '新建盘点单' }).getByLabel('库位').selectOption({ label: 'SB-A-01' });
  await page.getByRole('button', { name: '新建盘点单' }).click();
  const sheet = desk.depot.store.first<{ id: number; no: string }>('SELECT id, no FROM stocktakes')!;
  await expect(page.getByRole('heading', { name: `盘点单 ${sheet.no}` })).toBeVisible();
  await expect(page.getByText('已盘 0 / 2 行，差异 0 行')).toBeVisible();
  // Counting is the storekeeper's; posting is not.
  await expect(page.getByRole('button', { name: '审核过账' })).toHaveCount(0);

  const line = (lot: string) => desk.depot.store.first<{ id: number; counted_qty: number | null }>(
    'SELECT sl.id, sl.counted_qty FROM stocktake_lines sl JOIN lots l ON l.id = sl.lot_id WHERE sl.stocktake_id = ? AND l.lot_no = ?',
    [sheet.id, lot],
  )!;
  const cell = (lot: string, col: string) => page.locator(`.ag-row[row-id="${line(lot).id}"] .ag-cell[col-id="${col}"]`);

  // Typed in packs: 9 cartons 19 boxes = 9,950 (50 short).
  await cell('KN2601', 'countedQty').dblclick();
  await cell('KN2601', 'countedQty').locator('input').fill('9箱 19盒');
  await cell('KN2601', 'countedQty').locator('input').press('Enter');
  await expect(cell('KN2601', 'countedQty')).toHaveText('9,950只9箱 19盒');
  await expect(cell('KN2601', 'difference')).toHaveText('-50只');
  expect(line('KN2601').counted_qty).toBe(9_950);

  // A count that does not read is refused at its cell; the sheet keeps what it had.
  await cell('KN2512', 'countedQty').dblclick();
  await cell('KN2512', 'countedQty').locator('input').fill('2箱 7包');
  await cell('KN2512', 'countedQty').locator('input').press('Enter');
  await expect(cell('KN2512', 'countedQty')).toHaveClass(/cell-refused/);
  await expect(page.getByRole('status', { name: '盘点单状态' })).toHaveText('未保存：FH-001 医用防护口罩：数量“2箱 7包”无法识别，可用单位：只、盒、箱');
  expect(line('KN2512').counted_qty).toBeNull();

  // The lot label's barcode (its lot number) finds the line; the count is typed there.
  const scan = page.getByRole('textbox', { name: '扫码' });
  await scan.fill('KN2512');
  await scan.press('Enter');
  await expect(page.getByText('FH-001 医用防护口罩 批号 KN2512 在库位 SB-A-01，请录入实盘数')).toBeVisible();
  await cell('KN2512', 'countedQty').dblclick();
  await cell('KN2512', 'countedQty').locator('input').fill('2360');
  await cell('KN2512', 'countedQty').locator('input').press('Enter');
  await expect(cell('KN2512', 'difference')).toHaveText('+10只');
  await expect(cell('KN2512', 'countedQty')).not.toHaveClass(/cell-refused/);
  await expect(page.getByText('已盘 2 / 2 行，差异 2 行')).toBeVisible();

  // A count typed over by mistake: Ctrl+Z (the focus on the sheet, not in a field) puts back what the line held.
  await cell('KN2512', 'countedQty').dblclick();
  await cell('KN2512', 'countedQty').locator('input').fill('2300');
  await cell('KN2512', 'countedQty').locator('input').press('Enter');
  await expect(cell('KN2512', 'difference')).toHaveText('-50只');
  await page.keyboard.press('Control+z');
  await expect(cell('KN2512', 'difference')).toHaveText('+10只');
  await expect.poll(() => line('KN2512').counted_qty).toBe(2_360);
  expect(onHand(desk, 'FH-001', 'KN2601', 'SB-A-01')).toBe(10_000);
  await page.screenshot({ path: test.info().outputPath('stocktake-zh.png') });

  // The approver opens the sheet and posts with a reason.
  // The sheet says how it counts: against the book at the moment of the count, the depot not frozen.
  await expect(page.getByText(/^盘点规则：盘点期间照常收发，不冻结库位。差异 = 实盘数 − 盘点时账面/)).toBeVisible();
  await page.screenshot({ path: join(SCREENSHOTS, 'stocktake-zh.png') });
  await signIn(desk, desk.session, 'approver');
  await page.reload();
  await expect(page.getByText('钱审核（审核）')).toBeVisible();
  await nav(page, '盘点');
  await page.locator(`.ag-row[row-id="${sheet.id}"]`).click();
  await expect(page.getByRole('textbox', { name: '扫码' })).toHaveCount(0);
  await page.getByRole('button', { name: '审核过账' }).click();
  const dialog = page.getByRole('dialog', { name: `审核过账盘点单 ${sheet.no}` });
  await expect(dialog).toContainText('有差异的 2 行将按实盘数调整库存');
  await dialog.getByLabel('原因').fill('月末盘点：KN2601 破损报损 50 只，KN2512 上次出库少记 10 只');
  await dialog.getByRole('button', { name: '审核过账' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('status', { name: '盘点单状态' })).toHaveText(`已过账 ${sheet.no}，差异已调整入账`);
  await expect(page.locator('.toolbar .badge')).toHaveText('已过账');

  expect(onHand(desk, 'FH-001', 'KN2601', 'SB-A-01')).toBe(9_950);
  expect(onHand(desk, 'FH-001', 'KN2512', 'SB-A-01')).toBe(2_360);
  const adjustments = desk.depot.store.all<{ qty: number }>("SELECT qty FROM movements WHERE doc_type = 'stocktake' AND doc_no = ? ORDER BY qty", [sheet.no]);
  expect(adjustments).toEqual([{ qty: -50 }, { qty: 10 }]);

  await nav(page, '库存');
  await expect(cellOf(page, desk, 'FH-001', 'KN2601', 'SB-A-01', 'onHand')).toHaveText('9,950只9箱 19盒');
});

test('supplier contacts: a call is logged and the list shows who contacted the supplier last', async ({ page, desk }) => {
  await desk.seed();
  await desk.signInAsAdmin();
  await operator(desk, 'keeper', '赵保管', 'storekeeper');
  await signIn(desk, desk.session, 'keeper');
  await desk.open();
  await nav(page, '供货联系');
  const supplier = idOf(desk.depot, 'suppliers', 'SC-002');
  const row = (col: string) => page.locator(`.ag-row[row-id="${supplier}"] .ag-cell[col-id="${col}"]`);
  await expect(row('lastAt')).toHaveText('未联系');
  await row('name').click();
  const panel = page.getByRole('complementary', { name: '联系记录' });
  await expect(panel.getByRole('heading', { name: '临江卫材股份有限公司' })).toBeVisible();
  // Its qualifications expire soon (the demo sets 18 days): said beside the date.
  await expect(panel.getByText('18 天后到期')).toBeVisible();

  const form = panel.getByRole('form', { name: '登记联系' });
  await form.getByRole('button', { name: '登记' }).click();
  await expect(form.getByRole('alert')).toHaveText('输入有误：联系结果不能为空');
  await form.getByLabel('联系结果').fill('可供防护服 2000 套，后天上午到货');
  await form.getByLabel('承诺物资').selectOption({ label: 'FH-005 医用一次性防护服 连体带帽 L(170) 灭菌' });
  await form.getByLabel('承诺数量（套）').fill('2000');
  await form.getByLabel('承诺日期').fill(day(2));
  await form.getByRole('button', { name: '登记' }).click();
  await expect(form.getByText('已登记')).toBeVisible();
  await expect(panel.locator('table.contact-log tbody tr')).toHaveCount(1);
  await expect(panel.locator('table.contact-log tbody tr')).toContainText('可供防护服 2000 套，后天上午到货');
  await expect(row('lastBy')).toHaveText('赵保管');
  await expect(row('lastOutcome')).toHaveText('可供防护服 2000 套，后天上午到货');
  await page.screenshot({ path: test.info().outputPath('supplier-contacts-zh.png') });
  expect(desk.depot.store.first('SELECT method, promised_qty, promised_date FROM supplier_contacts WHERE supplier_id = ?', [supplier])).toEqual({
    method: 'phone',
    promised_qty: 2000,
    promised_date: day(2),
  });
});

test('in English, every page of receiving and stock shows English texts and no missing keys', async ({ page, desk }) => {
  await stockedDepot(page, desk);
  await page.getByRole('combobox', { name: '语言' }).selectOption('en');
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  const missing = /\b(receiving|stockPage|stockCard|stocktake|contacts|widgets|lotStatus|receiptStatus|sourceType)\.[a-zA-Z]/;
  const pages = [
    { link: 'Receiving', heading: 'Receiving', open: 'New receipt', then: 'New receipt' },
    { link: 'Stock', heading: 'Stock' },
    { link: 'Stocktakes', heading: 'Stocktakes' },
    { link: 'Supplier contacts', heading: 'Supplier contacts' },
  ];
  for (const p of pages) {
    await nav(page, p.link);
    await expect(page.getByRole('heading', { name: p.heading, level: 2 })).toBeVisible();
    if (p.open) {
      await page.getByRole('button', { name: p.open }).click();
      await expect(page.getByRole('heading', { name: p.then, level: 2 })).toBeVisible();
      await expect(page.getByText('Inspection record')).toBeVisible();
    }
    const text = await page.locator('main').innerText();
    expect(text).not.toMatch(missing);
    // The data stays Chinese (item and supplier names); the screen's own words do not.
    expect(text).not.toMatch(/入库|盘点|清点|批号|验收|过账|扫码|合计|联系/);
  }
  await nav(page, 'Stock');
  await expect(cellOf(page, desk, 'FH-002', 'WK2603', 'SB-A-03', 'status')).toHaveText('Pending inspection');
  await page.screenshot({ path: test.info().outputPath('stock-en.png') });
});
