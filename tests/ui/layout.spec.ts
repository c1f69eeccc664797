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
