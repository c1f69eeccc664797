import type { Page } from '@playwright/test';
import { test, expect, ADMIN, type Desk } from '../support/ui.ts';
import { call, rid, sessionWithRole } from '../support/depot.ts';
import { readWorkbook, table } from '../main/excel/read-back.ts';

const dayOffset = (days: number) => {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** The demo depot with one order of a lot-tracked item, promised yesterday, received in part. */
async function partlyReceived(desk: Desk) {
  await desk.seed();
  await desk.signInAsAdmin();
  const { depot, session } = desk;
  const supplier = depot.store.first<{ id: number; name: string }>("SELECT id, name FROM suppliers WHERE kind = 'manufacturer' AND active = 1 AND (qualification_expiry IS NULL OR qualification_expiry > date('now', '+1 day')) ORDER BY code LIMIT 1")!;
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
  // The order prints for the supplier from its preview; printed twice through the core (a PDF each), the second is a 补打,
  // and the preview's 打印记录 lists both.
  for (let i = 0; i < 2; i++) await call(desk.depot, desk.session, 'purchaseOrders.print', { id: po.id, output: 'pdf' });
  expect((await call(desk.depot, desk.session, 'print.history', { docType: 'purchase_order', docId: po.id })).map((h) => h.reprint)).toEqual([0, 1]);
  await page.getByRole('button', { name: '打印采购单' }).click();
  const preview = page.getByRole('dialog', { name: `采购单 ${po.no}` });
  await expect(preview).toContainText('共 1 页');
  await preview.getByText('打印记录（已打印 2 次）').click();
  const printed = preview.getByRole('table', { name: '打印记录' }).locator('tbody tr');
  await expect(printed).toHaveCount(2);
  await expect(printed.nth(0)).toContainText('首次打印');
  await expect(printed.nth(1)).toContainText('补打（第1次）');
  await expect(printed.nth(1)).toContainText('PDF 文件');
  await page.screenshot({ path: test.info().outputPath('purchase-order-print-history-zh.png') });
  await preview.getByRole('button', { name: '打印', exact: true }).click();
  await expect(preview.getByRole('alert')).toContainText('不能直接打印到打印机');
  await preview.getByRole('button', { name: '关闭' }).click();

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

test('a procurement plan from the round: one line split across two suppliers, the expired one released by an approver, approval makes two orders, one received in part', async ({ page, desk }) => {
  await desk.seed();
  await desk.signInAsAdmin();
  const { depot, session } = desk;
  await call(depot, session, 'operators.create', { code: 'buyer', name: '孙采购', role: 'dispatcher', password: 'buyer-pass-1', requestId: rid() });
  await call(depot, session, 'operators.create', { code: 'checker', name: '钱审核', role: 'approver', password: 'checker-pass-1', requestId: rid() });
  await call(depot, session, 'operators.create', { code: 'chief', name: '周科长', role: 'approver', password: 'chief-pass-1', requestId: rid() });
  const expired = await call(depot, session, 'suppliers.create', {
    code: 'S-EXP', name: '康宁防护用品厂', kind: 'manufacturer', qualification: '医疗器械注册证', qualificationExpiry: dayOffset(-30), requestId: rid(),
  });
  await call(depot, session, 'auth.signIn', { code: 'buyer', password: 'buyer-pass-1' });
  const proposal = await call(depot, session, 'procurement.compute', {});
  const line = proposal.lines[0]!;
  expect(line.suggested).toBeGreaterThan(1);
  await desk.open();
  await page.getByRole('navigation').getByRole('link', { name: '采购', exact: true }).click();

  // The first line: part to the first supplier, the rest to the one whose licence has expired.
  const first = Math.floor(line.suggested / 2);
  await page.getByLabel(`${line.itemName} 第 1 个数量`).fill(String(first));
  await page.getByRole('row').filter({ hasText: `${line.itemCode} ${line.itemName}` }).getByRole('button', { name: '加一个供应商' }).click();
  await page.getByLabel(`${line.itemName} 第 2 个供应商`).selectOption(String(expired.id));
  await page.getByLabel(`${line.itemName} 第 2 个数量`).fill(String(line.suggested - first));
  await page.getByLabel(`${line.itemName} 第 2 个单价`).fill('1.25');
  await page.getByRole('button', { name: '保存采购计划' }).click();
  await expect(page.locator('.procurement-plan .status-line')).toContainText('已保存，待审核批准');
  const plan = depot.store.first<{ id: number; no: string }>('SELECT id, no FROM procurement_plans ORDER BY id DESC LIMIT 1')!;

  // An approver opens it.
  await call(depot, session, 'auth.signIn', { code: 'checker', password: 'checker-pass-1' });
  await page.reload();
  await page.getByRole('navigation').getByRole('link', { name: '采购', exact: true }).click();
  await page.getByRole('button', { name: `打开待批准的采购计划 ${plan.no}` }).click();
  await expect(page.getByText(`资质已过期（至 ${dayOffset(-30)}）`)).toBeVisible();
  // Before approving, the approver changes the first supplier's share by hand: the line keeps its sum and says who changed it from what.
  await expect(page.locator('.plan-how').first()).toContainText(`= 建议采购 ${line.suggested}`);
  await page.getByRole('button', { name: '修改计划' }).click();
  await page.getByLabel(`${line.itemCode} ${line.itemName} 第 1 个数量`).fill(String(first + 10));
  await page.getByRole('button', { name: '保存修改' }).click();
  await expect(page.locator('.procurement-plan .status-line.saved')).toContainText(`采购计划 ${plan.no} 已修改`);
  await expect(page.locator('.plan-edited').first()).toHaveText(new RegExp(`^手工修改（钱审核 .+）：原计划 ${line.suggested}${line.unit}（.+ ${first}${line.unit}、康宁防护用品厂 ${line.suggested - first}${line.unit}）$`));
  await expect(page.getByRole('row').filter({ hasText: `${first + 10}${line.unit}` })).toBeVisible();
  // No one approves a plan they edited: the approver who changed the share is refused in words.
  await page.getByRole('button', { name: '批准并生成采购单' }).click();
  await expect(page.locator('.procurement-plan .status-line.refused')).toContainText(`不得审核本人的单据：${plan.no} 由您本人经手`);
  expect(depot.store.first<{ n: number }>('SELECT count(*) AS n FROM purchase_orders WHERE plan_id = ?', [plan.id])!.n).toBe(0);

  // Another approver: the expired supplier blocks approval until released with a reason.
  await call(depot, session, 'auth.signIn', { code: 'chief', password: 'chief-pass-1' });
  await page.reload();
  await page.getByRole('navigation').getByRole('link', { name: '采购', exact: true }).click();
  await page.getByRole('button', { name: `打开待批准的采购计划 ${plan.no}` }).click();
  await page.getByRole('button', { name: '批准并生成采购单' }).click();
  await expect(page.locator('.procurement-plan .status-line.refused')).toContainText('该供应商资质有效期至');
  await page.getByLabel('放行 康宁防护用品厂 的原因').fill('新注册证已受理，电话核实');
  await page.getByRole('button', { name: '放行', exact: true }).click();
  await expect(page.getByText('已放行：新注册证已受理，电话核实（周科长）')).toBeVisible();
  await page.getByRole('button', { name: '批准并生成采购单' }).click();
  await expect(page.locator('.procurement-plan .status-line.saved')).toContainText('已批准，生成采购单');
  const orders = depot.store.all<{ id: number; no: string; supplier_id: number }>('SELECT id, no, supplier_id FROM purchase_orders WHERE plan_id = ? ORDER BY id', [plan.id]);
  expect(orders).toHaveLength(2);
  // The orders are the plan as edited.
  expect(depot.store.all<{ qty: number }>('SELECT l.qty FROM purchase_order_lines l JOIN purchase_orders o ON o.id = l.po_id WHERE o.plan_id = ? AND l.item_id = ? ORDER BY o.id', [plan.id, line.itemId]).map((r) => r.qty)).toEqual([first + 10, line.suggested - first]);
  const toExpired = orders.find((o) => o.supplier_id === expired.id)!;

  // The expired supplier delivers part of it (received at the desk by the admin); the order shows the rest outstanding.
  await call(depot, session, 'auth.signIn', { code: ADMIN.code, password: ADMIN.password });
  const start = await call(depot, session, 'purchaseOrders.receiptStart', { id: toExpired.id });
  const location = depot.store.first<{ id: number }>('SELECT id FROM locations WHERE active = 1 ORDER BY code LIMIT 1')!;
  const draft = await call(depot, session, 'receipts.saveDraft', {
    ...start, lines: start.lines.map((l) => ({ itemId: l.itemId, counted: 1, unitCost: l.unitCost, lotNo: 'PO-UI-2', expiresOn: dayOffset(700), locationId: location.id })), requestId: rid(),
  });
  await call(depot, session, 'receipts.post', { id: draft.id, version: draft.version, requestId: rid() });
  await page.reload();
  await page.getByRole('navigation').getByRole('link', { name: '采购', exact: true }).click();
  const row = gridRow(page, 'orders-grid', String(toExpired.id));
  await expect(row.locator('[col-id="supplier"]')).toHaveText('康宁防护用品厂');
  await expect(row.locator('[col-id="received"]')).toHaveText('1');
  await expect(row.locator('[col-id="outstanding"]')).toHaveText(fmt(line.suggested - first - 1));
});

const fmt = (n: number) => n.toLocaleString('en-US');

test('a pledge received in two deliveries, dispatched to a designated hospital: the 捐赠 page shows it, prints the certificate and exports a disclosure equal to the ledger', async ({ page, desk }) => {
  await desk.seed();
  await desk.signInAsAdmin();
  const { depot, session } = desk;
  const donor = await call(depot, session, 'suppliers.create', { code: 'D-UI', name: '江川商会', kind: 'donor', requestId: rid() });
  const item = depot.store.first<{ id: number; name: string }>("SELECT id, name FROM items WHERE lot_tracked = 1 AND active = 1 ORDER BY code LIMIT 1")!;
  const location = depot.store.first<{ id: number }>('SELECT id FROM locations WHERE active = 1 ORDER BY code LIMIT 1')!;
  const hospital = depot.store.first<{ id: number; name: string }>("SELECT id, name FROM units WHERE type = 'designated_hospital' AND active = 1 ORDER BY code LIMIT 1")!;
  const pledge = await call(depot, session, 'pledges.create', {
    donorId: donor.id, donorKind: 'association', pledgedOn: dayOffset(0), earmark: { unitType: 'designated_hospital' }, lines: [{ itemId: item.id, qty: 300, declaredValue: 200 }], requestId: rid(),
  });
  const receipts = [];
  for (const [qty, lot] of [[200, 'DON-UI-1'], [100, 'DON-UI-2']] as const) {
    const start = await call(depot, session, 'pledges.receiptStart', { id: pledge.id });
    const draft = await call(depot, session, 'receipts.saveDraft', { ...start, lines: [{ itemId: item.id, counted: qty, unitCost: 200, lotNo: lot, expiresOn: dayOffset(900), locationId: location.id }], requestId: rid() });
    receipts.push(await call(depot, session, 'receipts.post', { id: draft.id, version: draft.version, requestId: rid() }));
  }
  const approver = await sessionWithRole(depot, session, 'approver', 'checker');
  const order = await call(depot, session, 'dispatch.create', { unitId: hospital.id, lines: [{ itemId: item.id, qty: 150 }], requestId: rid() });
  const approved = await call(depot, approver, 'dispatch.approve', { id: order.id, version: order.version, requestId: rid() });
  await call(depot, session, 'dispatch.ship', { id: approved.id, version: approved.version, requestId: rid() });

  await desk.open();
  await page.getByRole('navigation').getByRole('link', { name: '捐赠', exact: true }).click();
  await expect(page.getByRole('heading', { name: '捐赠', level: 2 })).toBeVisible();
  const pledgeRow = page.locator(`.pledges-grid .ag-row[row-id="${pledge.id}"]`);
  await expect(pledgeRow.locator('[col-id="earmark"]')).toHaveText('定向：定点医院');
  await expect(pledgeRow.locator('[col-id="received"]')).toHaveText('300');
  await expect(pledgeRow.locator('[col-id="status"]')).toHaveText('已到齐');
  // The earmarked lot went to the designated hospital, first in first out: all 150 from the first delivery.
  const firstRow = page.locator('.trace-grid .ag-row').filter({ hasText: receipts[0]!.no! });
  await expect(firstRow.locator('[col-id="destinations"]')).toHaveText(`${hospital.name} 150`);

  await firstRow.getByRole('button', { name: '接收凭证' }).click();
  await expect(page.getByRole('heading', { name: `捐赠接收凭证 ${receipts[0]!.no}` })).toBeVisible();
  // Printed from the preview it goes into the print history; with no OS printer under the test's core, the refusal is said and nothing is recorded.
  const certificate = page.getByRole('dialog', { name: `捐赠接收凭证 ${receipts[0]!.no}` });
  await expect(certificate).toContainText('共 1 页');
  await expect(certificate).toContainText('尚未打印');
  await certificate.getByRole('button', { name: '打印', exact: true }).click();
  await expect(certificate.getByRole('alert')).toContainText('不能直接打印到打印机');
  expect(depot.store.first("SELECT count(*) AS n FROM print_log WHERE doc_type = 'certificate'")).toEqual({ n: 0 });
  await expect(certificate).toContainText('尚未打印');
  // Saved as a PDF through the core meanwhile (another desk), the open preview's 打印记录 says so at once.
  await call(depot, session, 'donations.certificate', { receipt: receipts[0]!.no!, output: 'pdf' });
  await certificate.getByText('打印记录（已打印 1 次）').click();
  await expect(certificate.getByRole('table', { name: '打印记录' }).locator('tbody tr')).toHaveText([/首次打印.*PDF 文件.*A4/]);
  await page.getByRole('button', { name: '关闭' }).click();
  await page.screenshot({ path: test.info().outputPath('donations-zh.png') });
  await page.getByRole('button', { name: '打印公示' }).click();
  await expect(page.getByRole('heading', { name: /捐赠物资接收和使用情况公示$/ })).toBeVisible();
  await page.getByRole('button', { name: '关闭' }).click();

  const path = test.info().outputPath('捐赠公示.xlsx');
  await page.getByLabel('公示文件').fill(path);
  await page.getByRole('button', { name: '导出捐赠公示' }).click();
  await expect(page.locator('.supply-page .status-line.saved')).toContainText('2 笔捐赠，1 条去向');
  const book = await readWorkbook(path);
  const out = table(book.get('物资去向')!, 3, 0, '合计');
  const ledger = depot.store.first<{ n: number }>(
    `SELECT -sum(m.qty) AS n FROM movements m JOIN lots l ON l.id = m.lot_id WHERE l.lot_no IN ('DON-UI-1', 'DON-UI-2') AND m.doc_type IN ('dispatch', 'dispatch_reversal')`,
  )!.n;
  expect(out.rows.map((r) => [r['受领单位'], r['发放数量']])).toEqual([[hospital.name, ledger]]);
});
