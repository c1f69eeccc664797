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
