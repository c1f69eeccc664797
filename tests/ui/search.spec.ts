import { test, expect, idOf } from '../support/ui.ts';
import { call, rid } from '../support/depot.ts';

test('单号搜索: Ctrl+K, part of a number, Enter opens the document on its page; with nothing typed the recent documents are listed', async ({ page, desk }) => {
  await desk.seed();
  await desk.signInAsAdmin();
  const draft = await call(desk.depot, desk.session, 'receipts.saveDraft', {
    sourceType: 'purchase',
    supplierId: idOf(desk.depot, 'suppliers', 'SJ-001'),
    lines: [{ itemId: idOf(desk.depot, 'items', 'FH-001'), lotNo: 'SR2601', expiresOn: '2028-06-30', counted: 5000, unitCost: 250, locationId: idOf(desk.depot, 'locations', 'SB-A-01') }],
    requestId: rid(),
  });
  const receipt = await call(desk.depot, desk.session, 'receipts.post', { id: draft.id, version: draft.version, requestId: rid() });
  const order = await call(desk.depot, desk.session, 'dispatch.create', { unitId: desk.depot.store.first<{ id: number }>('SELECT id FROM units LIMIT 1')!.id, lines: [{ itemId: idOf(desk.depot, 'items', 'FH-001'), qty: 200 }], requestId: rid() });
  await desk.open();

  const search = page.getByRole('combobox', { name: '单号搜索' });
  await expect(search).toBeVisible();
  await page.keyboard.press('Control+K');
  await expect(search).toBeFocused();
  // Nothing typed: this operator's recent documents, the latest first.
  const list = page.getByRole('listbox');
  await expect(page.locator('.doc-search-head')).toHaveText('最近单据');
  await expect(list.getByRole('option')).toHaveCount(2);
  await expect(list.getByRole('option').first()).toContainText(`出库单${order.no}草稿`);
  await expect(list.getByRole('option').nth(1)).toContainText(`入库单${receipt.no}已过账`);
  await page.screenshot({ path: test.info().outputPath('doc-search-zh.png') });

  // The order by part of its number, typed in lower case.
  await search.fill(order.no.slice(0, 10).toLowerCase());
  await expect(page.locator('.doc-search-head')).toHaveText('找到 1 张单据');
  await search.press('Enter');
  await expect(page).toHaveURL(/#\/dispatch$/);
  await expect(page.getByRole('region', { name: '调拨单详情' }).locator('.dispatch-no')).toHaveText(order.no);

  // The receipt by its whole number, from the dispatch page: the receiving page opens it.
  await page.keyboard.press('Control+K');
  await search.fill(receipt.no!);
  await expect(list.getByRole('option')).toHaveCount(1);
  await list.getByRole('option').click();
  await expect(page).toHaveURL(/#\/receipts$/);
  await expect(page.getByRole('heading', { name: `入库单 ${receipt.no}` })).toBeVisible();

  await page.keyboard.press('Control+K');
  await search.fill('XX9999');
  await expect(page.locator('.doc-search-head')).toHaveText('没有单号含“XX9999”的单据');
  await search.press('Escape');
  await expect(list).toHaveCount(0);
});
