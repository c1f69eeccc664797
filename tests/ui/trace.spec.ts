import { dirname, join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, idOf, type Desk } from '../support/ui.ts';
import { call, rid } from '../support/depot.ts';
import { readWorkbook } from '../main/excel/read-back.ts';

const GS = '\u001d';

async function openAsStorekeeper(page: Page, desk: Desk) {
  await desk.seed();
  await desk.signInAsAdmin();
  await call(desk.depot, desk.session, 'operators.create', { code: 'keeper', name: '赵保管', role: 'storekeeper', password: 'keeper-pass-1', requestId: rid() });
  await call(desk.depot, desk.session, 'auth.signIn', { code: 'keeper', password: 'keeper-pass-1' });
  await desk.open();
  await expect(page.getByText('赵保管（保管员）')).toBeVisible();
}

const nav = (page: Page, name: string) => page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
const lineCell = (page: Page, row: number, col: string) => page.locator(`.lines-grid .ag-row[row-index="${row}"] .ag-cell[col-id="${col}"]`);

test('GS1 codes from the goods fill the receiving line: an unknown GTIN is learned once, a second carton adds up, a disagreeing date and a bad check digit are said', async ({ page, desk }) => {
  await openAsStorekeeper(page, desk);
  await nav(page, '入库');
  await page.getByRole('button', { name: '新建入库单' }).click();
  const scan = page.getByRole('textbox', { name: '扫码' });
  const answer = page.locator('.scan-answer');
  const send = async (code: string) => {
    await scan.fill(code);
    await scan.press('Enter');
  };

  // A GS1 DataMatrix with its AIM prefix: GTIN, expiry with day 00, lot, then a serial after FNC1 (GS).
  await send(`]d2010950110153000317280200` + `10KN2701A${GS}21SN0001`);
  const dialog = page.getByRole('dialog', { name: '未登记的商品条码' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('商品条码 09501101530003 还没有登记');
  // Typed and chosen with Enter, as at the dock (the matches list re-renders while the items load).
  const itemBox = dialog.getByRole('combobox', { name: '物资' });
  await itemBox.fill('FH-001');
  await expect(dialog.locator('li[role="option"]').first()).toContainText('FH-001');
  await itemBox.press('Enter');
  await expect(itemBox).toHaveValue(/^FH-001 /);
  await dialog.getByLabel('包装').selectOption('箱');
  await dialog.getByRole('button', { name: '记住并继续' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(answer).toHaveText('已记住：09501101530003 是 FH-001 医用防护口罩（箱）；第 1 行：FH-001 医用防护口罩 批号 KN2701A 有效期 2028-02-29，1,000只');
  await expect(lineCell(page, 0, 'itemId')).toContainText('医用防护口罩');
  await expect(lineCell(page, 0, 'lotNo')).toHaveText('KN2701A');
  await expect(lineCell(page, 0, 'expiresOn')).toHaveText('2028-02-29');
  await expect(lineCell(page, 0, 'counted')).toContainText('1,000');

  // The next carton, its label read in the bracketed form a person might type: known now, one more 箱.
  await send('(01)09501101530003(17)280200(10)KN2701A');
  await expect(answer).toHaveText('第 1 行加 1 箱：现为 2,000只');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // A carton of the same lot whose expiry disagrees: said, nothing changed.
  await send(']C1010950110153000317280331' + '10KN2701A');
  await expect(answer).toHaveText('第 1 行已录入的有效期至为 2028-02-29，扫到的是 2028-03-31：未改动，请核对');
  await expect(answer).toHaveClass(/bad/);
  await expect(lineCell(page, 0, 'counted')).toContainText('2,000');

  // A misread check digit.
  await send(']C10109501101530004' + '10KN2701A');
  await expect(answer).toHaveText('条码校验位不对（01）：请重新扫描');

  // A 药品追溯码 goes with the line just scanned.
  await send('81234567890123456789');
  await expect(answer).toHaveText('追溯码 81234567890123456789 已记在第 1 行');

  await page.getByLabel('供货方').selectOption({ label: '江川安护医疗用品有限公司' });
  await page.getByRole('button', { name: '保存草稿' }).click();
  await expect(page.getByRole('status', { name: '入库单状态' })).toHaveText('草稿已保存');
  const line = desk.depot.store.first<{ lot_no: string; expires_on: string; counted: number; codes: string }>('SELECT lot_no, expires_on, counted, codes FROM receipt_lines')!;
  expect({ ...line, codes: JSON.parse(line.codes) }).toEqual({ lot_no: 'KN2701A', expires_on: '2028-02-29', counted: 2000, codes: ['SN0001', '81234567890123456789'] });
  expect(desk.depot.store.all('SELECT gtin, pack, per FROM item_gtins')).toEqual([{ gtin: '09501101530003', pack: '箱', per: 1000 }]);
  await page.screenshot({ path: 'test-results/gs1-receiving.png' });
});

test('a lot sent to three units is traced from its carton’s GS1 code, recalled with a reason, its notices previewed and its unit list downloaded; a write-off of it is started', async ({ page, desk }) => {
  await openAsStorekeeper(page, desk);
  const system = desk.depot.systemSession();
  const mask = idOf(desk.depot, 'items', 'FH-001');
  const supplierId = desk.depot.store.first<{ id: number }>("SELECT id FROM suppliers ORDER BY code LIMIT 1")!.id;
  const locationId = desk.depot.store.first<{ id: number }>('SELECT id FROM locations ORDER BY code LIMIT 1')!.id;
  const draft = await call(desk.depot, system, 'receipts.saveDraft', {
    sourceType: 'purchase', supplierId, lines: [{ itemId: mask, lotNo: 'KN2612R', expiresOn: '2028-06-30', counted: '1箱', unitCost: 250, locationId }], requestId: rid(),
  });
  await call(desk.depot, system, 'receipts.post', { id: draft.id, version: draft.version, requestId: rid() });
  const shipped: { lotNo: string; lotId: number }[] = [];
  for (const unit of ['DD-01', 'DD-02', 'DD-03']) {
    const order = await call(desk.depot, system, 'dispatch.create', { unitId: idOf(desk.depot, 'units', unit), lines: [{ itemId: mask, qty: '2盒' }], requestId: rid() });
    const approved = await call(desk.depot, system, 'dispatch.approve', { id: order.id, version: order.version, requestId: rid() });
    const out = await call(desk.depot, system, 'dispatch.ship', { id: approved.id, version: approved.version, requestId: rid() });
    const pick = out.lines[0]!.picks[0]!;
    shipped.push({ lotNo: pick.lotNo, lotId: pick.lotId });
  }
  // FEFO sent the same (earliest-expiring) lot to all three.
  expect(new Set(shipped.map((s) => s.lotId)).size).toBe(1);
  const lotNo = shipped[0]!.lotNo;

  // The carton's GS1 code (its GTIN learned at receiving) finds the lot, as its own label would.
  await call(desk.depot, system, 'gtins.learn', { gtin: '09501101530003', itemId: mask, pack: '箱', requestId: rid() });
  await nav(page, '追溯召回');
  const scan = page.getByRole('textbox', { name: '扫码' });
  await scan.fill(`]C101095011015300031728063010${lotNo}`);
  await scan.press('Enter');
  const story = page.getByRole('region', { name: '批次去向' });
  const sentTo = story.getByRole('table', { name: '发往单位' });
  await expect(sentTo.locator('tbody tr')).toHaveCount(3);
  await expect(sentTo).toContainText('江川市第一人民医院（定点救治院区）');
  await expect(sentTo).toContainText('刘芳（设备物资科） 0739-6230 5502');
  await expect(sentTo.locator('tbody tr').first()).toContainText('100只');

  // Without a lot chosen, the item over the last 30 days: per lot, and what each unit received.
  await page.getByRole('combobox', { name: '批号' }).selectOption('');
  const item = page.getByRole('region', { name: '物资去向（按期间）' });
  await expect(item.getByRole('table', { name: '发往单位' }).locator('tbody tr')).toHaveCount(3);
  await expect(item.getByRole('table', { name: '各批次' })).toContainText('KN2612R');
  await item.getByRole('button', { name: 'KN2612R' }).click();

  await story.getByRole('button', { name: '召回…' }).click();
  const ask = page.getByRole('dialog', { name: `召回批次 ${lotNo}（医用防护口罩）` });
  await expect(ask).toContainText('已发往 3 个单位共 300只');
  await ask.getByRole('textbox').fill('厂家通知：该批次过滤效率不达标');
  await ask.getByRole('button', { name: '发起召回' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已发起召回' })).toContainText('批次已冻结，3 个单位待通知');
  await expect(story.locator('.badge')).toHaveText('冻结');
  const recall = desk.depot.store.first<{ id: number; no: string }>('SELECT id, no FROM recalls')!;
  const panel = page.getByRole('region', { name: `召回单 ${recall.no}` });
  await expect(panel.getByRole('table', { name: '召回单位清单' }).locator('tbody tr')).toHaveCount(3);

  await panel.getByRole('button', { name: '打印召回通知（3 份）' }).click();
  await expect(page.getByRole('dialog', { name: `召回通知 ${recall.no}` })).toBeVisible();
  await expect(page.getByText('共 3 页')).toBeVisible();
  await page.screenshot({ path: 'test-results/recall-notice-preview.png' });
  await page.getByRole('dialog', { name: `召回通知 ${recall.no}` }).getByRole('button', { name: '关闭' }).click();

  const download = page.waitForEvent('download');
  await panel.getByRole('button', { name: '导出单位清单' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`召回单位清单_${recall.no}.xlsx`);
  const saved = join(dirname(desk.dbPath), file.suggestedFilename());
  await file.saveAs(saved);
  const sheet = (await readWorkbook(saved)).get('召回单位清单')!;
  expect(sheet.slice(3, 6).map((r) => [r[0], r[7]])).toEqual([['DD-01', 100], ['DD-02', 100], ['DD-03', 100]]);
  await page.screenshot({ path: 'test-results/recall-page.png', fullPage: true });

  // The storekeeper writes off what is left of the lot at its first location.
  await story.getByRole('button', { name: '报损…' }).click();
  const wo = page.getByRole('dialog', { name: `报损：批次 ${lotNo}（医用防护口罩）` });
  await wo.getByRole('textbox').first().fill('1盒');
  await wo.getByRole('button', { name: '保存报损单草稿' }).click();
  await expect(page.getByRole('status').filter({ hasText: '报损单' })).toContainText('已保存');
  expect(desk.depot.store.first('SELECT reason, recall_id FROM write_offs')).toEqual({ reason: 'recalled', recall_id: recall.id });
  expect(desk.depot.store.first('SELECT qty FROM write_off_lines')).toEqual({ qty: 50 });
});

test('the dashboard warns of lots expiring within 30/60/90 days, the nearest in red', async ({ page, desk }) => {
  await openAsStorekeeper(page, desk);
  const system = desk.depot.systemSession();
  const supplierId = desk.depot.store.first<{ id: number }>('SELECT id FROM suppliers ORDER BY code LIMIT 1')!.id;
  const locationId = desk.depot.store.first<{ id: number }>('SELECT id FROM locations ORDER BY code LIMIT 1')!.id;
  const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
  const draft = await call(desk.depot, system, 'receipts.saveDraft', {
    sourceType: 'purchase', supplierId,
    lines: [
      { itemId: idOf(desk.depot, 'items', 'FH-001'), lotNo: 'NEAR-20', expiresOn: inDays(20), counted: '2盒', locationId },
      { itemId: idOf(desk.depot, 'items', 'FH-001'), lotNo: 'MID-50', expiresOn: inDays(50), counted: '3盒', locationId },
    ],
    requestId: rid(),
  });
  await call(desk.depot, system, 'receipts.post', { id: draft.id, version: draft.version, requestId: rid() });
  await nav(page, '看板');
  const panel = page.getByRole('region', { name: '近效期预警' });
  await expect(panel.getByRole('heading')).toHaveText('近效期预警（30/60/90 天）');
  const rows = panel.locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('NEAR-20');
  await expect(rows.nth(0)).toContainText('20 天');
  await expect(rows.nth(0).locator('td').nth(2)).toHaveCSS('color', 'rgb(176, 0, 0)');
  await expect(rows.nth(1)).toContainText('150只');
  await page.screenshot({ path: 'test-results/dashboard-expiry.png', fullPage: true });
});

test('at picking, a 药品追溯码 scanned on the order goes with it; a code that came in on no receipt is refused in words', async ({ page, desk }) => {
  await openAsStorekeeper(page, desk);
  const system = desk.depot.systemSession();
  const mask = idOf(desk.depot, 'items', 'FH-001');
  const draft = await call(desk.depot, system, 'receipts.saveDraft', {
    sourceType: 'purchase', supplierId: idOf(desk.depot, 'suppliers', 'SC-001'),
    lines: [{ itemId: mask, lotNo: 'TR2601', expiresOn: '2027-06-30', counted: '2盒', locationId: idOf(desk.depot, 'locations', 'SB-A-01'), codes: ['81000000000000000021', '81000000000000000022'] }],
    requestId: rid(),
  });
  await call(desk.depot, system, 'receipts.post', { id: draft.id, version: draft.version, requestId: rid() });
  const order = await call(desk.depot, system, 'dispatch.create', { unitId: idOf(desk.depot, 'units', 'DD-01'), lines: [{ itemId: mask, qty: 50 }], requestId: rid() });
  await call(desk.depot, system, 'dispatch.approve', { id: order.id, version: order.version, requestId: rid() });

  await nav(page, '出库调拨');
  await page.locator(`.dispatch-grid .ag-row[row-id="${order.id}"] .ag-cell[col-id="no"]`).click();
  const panel = page.getByRole('region', { name: '调拨单详情' });
  const scan = panel.getByRole('textbox', { name: '扫码' });
  await scan.fill('81000000000000000021');
  await scan.press('Enter');
  await expect(panel.locator('.scan-answer')).toHaveText('追溯码 81000000000000000021 随批号 TR2601 发出（本批次已扫 1 个）');
  await expect(panel.getByText('已扫追溯码 1 个：81000000000000000021')).toBeVisible();
  await scan.fill('81999999999999999999');
  await scan.press('Enter');
  await expect(panel.locator('.scan-answer')).toHaveText('追溯码 81999999999999999999 没有随任何入库单登记：请核对，或在入库时扫描登记');
  expect(desk.depot.store.all('SELECT code FROM dispatch_codes')).toEqual([{ code: '81000000000000000021' }]);
});
