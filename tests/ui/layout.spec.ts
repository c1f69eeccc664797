import type { Locator } from '@playwright/test';
import { test, expect, idOf } from '../support/ui.ts';
import { call, rid } from '../support/depot.ts';

/**
 * The figures a storekeeper needs are on screen on the laptops depots have (1400×900, 1366×768),
 * not behind the pinned columns or off the right edge where nobody scrolls.
 */
const SCREENS = [
  { width: 1400, height: 900 },
  { width: 1366, height: 768 },
];

/** The header cell is wholly inside the grid, left of the column pinned to the right (when there is one). */
async function inView(grid: Locator, colId: string, pinnedRight?: string) {
  const cell = grid.locator(`.ag-header-cell[col-id="${colId}"]`).first();
  await expect(cell).toBeVisible();
  const box = (await cell.boundingBox())!;
  const outer = (await grid.boundingBox())!;
  const right = pinnedRight ? (await grid.locator(`.ag-header-cell[col-id="${pinnedRight}"]`).first().boundingBox())!.x : outer.x + outer.width;
  expect(box.x, `${colId} starts inside the grid`).toBeGreaterThanOrEqual(outer.x - 1);
  expect(box.x + box.width, `${colId} ends before ${right}`).toBeLessThanOrEqual(right + 1);
}

for (const screen of SCREENS) {
  test(`at ${screen.width}×${screen.height}: 库存 shows 账面, 已预留, 可用 and 可供天数; 入库 shows 库位 and 验收 of each line`, async ({ page, desk }) => {
    await page.setViewportSize(screen);
    await desk.seed();
    await desk.signInAsAdmin();
    const system = desk.depot.systemSession();
    const draft = await call(desk.depot, system, 'receipts.saveDraft', {
      requestId: rid(),
      sourceType: 'allocation',
      supplierId: idOf(desk.depot, 'suppliers', 'SJ-001'),
      lines: [{ itemId: idOf(desk.depot, 'items', 'FH-001'), lotNo: 'KN2612', expiresOn: '2029-12-31', counted: 2350, locationId: idOf(desk.depot, 'locations', 'SB-A-01') }],
    });
    await call(desk.depot, system, 'receipts.post', { requestId: rid(), id: draft.id, version: draft.version });
    await desk.open();

    await page.getByRole('navigation').getByRole('link', { name: '库存', exact: true }).click();
    const stock = page.locator('.ag-root-wrapper').first();
    await expect(stock.locator('.ag-row').first()).toBeVisible();
    for (const col of ['lotNo', 'expiresOn', 'locationCode', 'onHand', 'reserved', 'available', 'daysOfCover']) await inView(stock, col, 'actions');
    if (process.env.LAYOUT_SHOTS) await page.screenshot({ path: `${process.env.LAYOUT_SHOTS}/stock-${screen.width}.png` });

    await page.getByRole('navigation').getByRole('link', { name: '入库', exact: true }).click();
    await page.getByRole('button', { name: '新建入库单' }).click();
    const lines = page.locator('.lines-grid');
    for (const col of ['itemId', 'lotNo', 'expiresOn', 'locationId', 'inspection', 'counted', 'rejected']) await inView(lines, col);
  });
}

/** A handheld's browser at the dock (390×844): the menu one row that scrolls, the page the width, the scanner types into the scan field. */
test('at 390×844 (a handheld at the dock): the menu is one scrolling row, nothing wider than the screen but the grid, and a scanned lot label fills a line', async ({ page, desk }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await desk.seed();
  await desk.signInAsAdmin();
  await desk.open();
  const nav = page.getByRole('navigation');
  const navBox = (await nav.boundingBox())!;
  expect(navBox.width).toBeLessThanOrEqual(390);
  expect(navBox.height).toBeLessThan(80);
  await nav.getByRole('link', { name: '入库', exact: true }).click();
  await page.getByRole('button', { name: '新建入库单' }).click();
  const scan = page.getByRole('textbox', { name: '扫码' });
  await expect(scan).toBeVisible();
  // The page itself never scrolls sideways: only the grid does, inside its own box.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await scan.fill('LOT:FH-001:KN2612');
  await scan.press('Enter');
  const answer = page.getByText(/已添加 FH-001 医用防护口罩 批号 KN2612/);
  await expect(answer).toBeVisible();
  // The answer under the field, as wide as the screen allows, not squeezed beside it.
  expect((await answer.boundingBox())!.width).toBeGreaterThan(250);
  expect((await scan.boundingBox())!.width).toBeGreaterThan(250);
  await page.screenshot({ path: test.info().outputPath('handheld-receiving.png') });
});

/** The rest of the dock on the handheld: put away, count a sheet and sign off a delivery, each by scans typed by its scanner. */
test('at 390×844 the handheld puts a carton away, counts a stocktake line and signs off a delivery, all by scans, nothing wider than the screen', async ({ page, desk }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await desk.seed();
  await desk.signInAsAdmin();
  const system = desk.depot.systemSession();
  const mask = idOf(desk.depot, 'items', 'FH-001');
  const draft = await call(desk.depot, system, 'receipts.saveDraft', {
    sourceType: 'purchase', supplierId: idOf(desk.depot, 'suppliers', 'SJ-001'),
    lines: [{ itemId: mask, lotNo: 'HH2701', expiresOn: '2028-06-30', counted: 5000, unitCost: 250, locationId: idOf(desk.depot, 'locations', 'SB-A-01') }], requestId: rid(),
  });
  await call(desk.depot, system, 'receipts.post', { id: draft.id, version: draft.version, requestId: rid() });
  await call(desk.depot, system, 'gtins.learn', { gtin: '09501101530003', itemId: mask, pack: '箱', requestId: rid() });
  const unitId = desk.depot.store.first<{ id: number }>('SELECT id FROM units LIMIT 1')!.id;
  const order = await call(desk.depot, system, 'dispatch.create', { unitId, lines: [{ itemId: mask, qty: 1000 }], requestId: rid() });
  let o = await call(desk.depot, system, 'dispatch.approve', { id: order.id, version: order.version, requestId: rid() });
  o = await call(desk.depot, system, 'dispatch.pick', { id: o.id, version: o.version, requestId: rid() });
  o = await call(desk.depot, system, 'dispatch.ship', { id: o.id, version: o.version, requestId: rid() });
  await desk.open();
  const nav = page.getByRole('navigation');
  const narrow = async () => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const scanIn = async (where: Locator, code: string) => {
    const field = where.getByRole('textbox', { name: '扫码' });
    await field.fill(code);
    await field.press('Enter');
  };

  // 上架: the carton's code opens the move; two cartons counted, the shelf scanned, confirmed.
  await nav.getByRole('link', { name: '库存', exact: true }).click();
  await scanIn(page.locator('main'), '01095011015300031728063010HH2701');
  const move = page.getByRole('dialog', { name: '移库' });
  await expect(move).toBeVisible();
  await scanIn(move, '01095011015300031728063010HH2701');
  await scanIn(move, 'SB-A-02');
  await expect(move.locator('.scan-answer')).toHaveText('目标库位 SB-A-02');
  const box = (await move.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  await page.screenshot({ path: test.info().outputPath('handheld-put-away.png') });
  await move.getByRole('button', { name: '移库' }).click();
  await expect(move).toHaveCount(0);
  await expect(page.locator('.status-line')).toContainText('2,000只（2箱），SB-A-01 → SB-A-02');
  await narrow();

  // 盘点: a sheet for SB-A-02, the carton's code finds its line, the count typed there.
  await nav.getByRole('link', { name: '盘点', exact: true }).click();
  await page.getByRole('group', { name: '新建盘点单' }).getByLabel('库位').selectOption({ label: 'SB-A-02' });
  await page.getByRole('button', { name: '新建盘点单' }).click();
  await scanIn(page.locator('main'), '01095011015300031728063010HH2701');
  await expect(page.getByText('FH-001 医用防护口罩 批号 HH2701 在库位 SB-A-02，请录入实盘数')).toBeVisible();
  // The count is typed under the scan field (the sheet's count column is off the narrow screen);
  // a carton's code scanned into it is refused, not counted.
  const count = page.getByRole('form', { name: '实盘数：FH-001 医用防护口罩 批号 HH2701' });
  await count.getByRole('textbox').fill('69012345');
  await count.getByRole('textbox').press('Enter');
  await expect(count.getByRole('alert')).toHaveText('“69012345”是条码，不是数量：实盘数未改，请在扫码框扫描');
  await count.getByRole('textbox').fill('1箱 990只');
  await page.screenshot({ path: test.info().outputPath('handheld-count.png') });
  await count.getByRole('textbox').press('Enter');
  await expect(count).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: '扫码' })).toBeFocused();
  await expect.poll(() => desk.depot.store.first<{ counted_qty: number }>('SELECT counted_qty FROM stocktake_lines')?.counted_qty).toBe(1_990);
  await expect(page.getByText('已盘 1 / 1 行，差异 1 行')).toBeVisible();
  await narrow();

  // 签收: the slip's QR scanned, the form fills the screen's width.
  await nav.getByRole('link', { name: '出库调拨', exact: true }).click();
  const slip = page.getByLabel('扫描回执二维码');
  await slip.fill(o.no);
  await slip.press('Enter');
  const signOff = page.getByRole('form', { name: `签收 ${o.no}` });
  await expect(signOff.getByLabel('签收人')).toBeFocused();
  const form = (await signOff.boundingBox())!;
  expect(form.x + form.width).toBeLessThanOrEqual(390);
  await signOff.getByLabel('签收人').fill('李护士长');
  await page.screenshot({ path: test.info().outputPath('handheld-sign-off.png') });
  await signOff.getByRole('button', { name: '确认签收' }).click();
  await expect(page.getByText(`${o.no} 已签收（签收人 李护士长）`)).toBeVisible();
  await narrow();
});
