import type { Page } from '@playwright/test';
import { test, expect, type Desk } from '../support/ui.ts';
import { call, rid } from '../support/depot.ts';

const dayOffset = (days: number) => {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** The demo depot with one order of a lot-tracked item, promised yesterday, received in part. */
async function partlyReceived(desk: Desk) {
  await desk.seed();
  await desk.signInAsAdmin();
  const { depot, session } = desk;
  const supplier = depot.store.first<{ id: number; name: string }>("SELECT id, name FROM suppliers WHERE kind = 'manufacturer' AND active = 1 ORDER BY code LIMIT 1")!;
  const item = depot.store.first<{ id: number; code: string; name: string }>("SELECT id, code, name FROM items WHERE lot_tracked = 1 AND active = 1 ORDER BY code LIMIT 1")!;
  const location = depot.store.first<{ id: number }>('SELECT id FROM locations WHERE active = 1 ORDER BY code LIMIT 1')!;
  const po = await call(depot, session, 'purchaseOrders.create', { supplierId: supplier.id, lines: [{ itemId: item.id, qty: 1000, unitPrice: 150, promisedOn: dayOffset(-1) }], requestId: rid() });
  const start = await call(depot, session, 'purchaseOrders.receiptStart', { id: po.id });
  const draft = await call(depot, session, 'receipts.saveDraft', {
    ...start, lines: start.lines.map((l) => ({ itemId: l.itemId, counted: 600, unitCost: l.unitCost, lotNo: 'PO-UI-1', expiresOn: dayOffset(700), locationId: location.id })), requestId: rid(),
  });
  await call(depot, session, 'receipts.post', { id: draft.id, version: draft.version, requestId: rid() });
  return { po, supplier, item };
}

const gridRow = (page: Page, grid: string, id: string) => page.locator(`.${grid} .ag-row[row-id="${id}"]`);

test('the purchasing page shows an order partly received, its lines outstanding and late, and what to buy next', async ({ page, desk }) => {
  const { po, supplier, item } = await partlyReceived(desk);
  await desk.open();
  await page.getByRole('navigation').getByRole('link', { name: '采购', exact: true }).click();
  await expect(page.getByRole('heading', { name: '采购', level: 2 })).toBeVisible();

  const order = gridRow(page, 'orders-grid', String(po.id));
  await expect(order.locator('[col-id="no"]')).toHaveText(po.no);
  await expect(order.locator('[col-id="supplier"]')).toHaveText(supplier.name);
  await expect(order.locator('[col-id="status"]')).toHaveText('部分到货');
  await expect(order.locator('[col-id="received"]')).toHaveText('600');
  await expect(order.locator('[col-id="outstanding"]')).toHaveText('400');

  await order.click();
  await expect(page.getByRole('heading', { name: `采购单 ${po.no} · ${supplier.name}` })).toBeVisible();
  const line = page.locator('.po-lines-grid .ag-row').first();
  await expect(line.locator('[col-id="item"]')).toHaveText(`${item.code} ${item.name}`);
  await expect(line.locator('[col-id="outstanding"]')).toContainText('400');
  await expect(line.locator('[col-id="promisedOn"]')).toHaveText(`${dayOffset(-1)} 逾期`);

  const late = page.locator('.late-grid .ag-row').filter({ hasText: po.no });
  await expect(late.locator('[col-id="daysLate"]')).toHaveText('1');
  await expect(late.locator('[col-id="outstanding"]')).toHaveText('400');
  // Every proposal line says how it was computed.
  const how = page.locator('.plan-grid .ag-row [col-id="how"]');
  await expect(how.first()).toContainText('= 建议采购');
  const count = await how.count();
  for (let i = 0; i < count; i++) await expect(how.nth(i)).toContainText('= 建议采购');
  await page.screenshot({ path: test.info().outputPath('purchasing-zh.png') });

  // The dashboard names the late delivery and leads back here.
  await page.getByRole('navigation').getByRole('link', { name: '看板', exact: true }).click();
  const strip = page.locator('.late-strip');
  await expect(strip).toContainText('逾期未到 1 项');
  await expect(strip).toContainText(`${po.no} ${supplier.name} ${item.name} 未到 400`);
  await expect(strip).toContainText('逾期 1 天');
  await strip.getByRole('link', { name: '查看采购' }).click();
  await expect(page.getByRole('heading', { name: '采购', level: 2 })).toBeVisible();
});
