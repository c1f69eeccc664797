import type { Page } from '@playwright/test';
import { test, expect, idOf } from '../support/ui.ts';
import { call, rid } from '../support/depot.ts';
import { pgUnavailable, startPg } from '../support/pg.ts';
import { tempCenter } from '../support/center.ts';
import { registerDepot } from '../../main/center/depots.ts';
import { depotKey } from '../../main/center/depot-key.ts';
import { serveCenter } from '../../main/center/serve.ts';
import { startAutoPush } from '../../main/center/auto-push.ts';

const nav = (page: Page, name: string) => page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
const why = pgUnavailable();

test(`指挥中心 shows what the city's command center holds: this depot's sync, the city briefing, stock by depot; the center's staff see that page alone${why ? ` (skipped: ${why})` : ''}`, async ({ page, desk }) => {
  test.skip(why !== undefined, why ?? '');
  await desk.seed();
  await desk.signInAsAdmin();
  const system = desk.depot.systemSession();
  const mask = idOf(desk.depot, 'items', 'FH-001');
  const draft = await call(desk.depot, system, 'receipts.saveDraft', {
    sourceType: 'purchase', supplierId: idOf(desk.depot, 'suppliers', 'SC-001'),
    lines: [{ itemId: mask, lotNo: 'KN2612C', expiresOn: '2028-06-30', counted: '3箱', unitCost: 250, locationId: idOf(desk.depot, 'locations', 'SB-A-01') }], requestId: rid(),
  });
  await call(desk.depot, system, 'receipts.post', { id: draft.id, version: draft.version, requestId: rid() });

  const pg = await startPg();
  const center = await tempCenter(pg.url);
  const server = await serveCenter(center, {});
  const key = depotKey(desk.dbPath);
  await registerDepot(center, { code: 'SBJ', name: '市本级储备库', publicKey: key.publicKeyPem });
  const push = startAutoPush(desk.depot.store, 'SBJ', key.privateKey, { url: server.url });
  try {
    expect(await push.nudge()).toMatchObject({ ok: true, pending: 0 });
    await desk.open();
    await nav(page, '指挥中心');
    await expect(page.getByRole('region', { name: '全市通报' })).toContainText('全市各储备库累计接收物资3,000件');
    await expect(page.getByRole('region', { name: '各仓库同步情况' })).toContainText('市本级储备库（SBJ）最后同步 刚刚');
    const stock = page.getByRole('region', { name: '全市库存（按仓库）' });
    await expect(stock.locator('tbody tr').filter({ hasText: 'FH-001' })).toContainText('3,000');
    await page.screenshot({ path: 'test-results/center-page.png', fullPage: true });

    // The command center's staff at this desk: the 指挥中心 page and nothing of the depot's.
    await call(desk.depot, desk.session, 'operators.create', { code: 'city01', name: '市指挥部王', role: 'center', password: 'city01-pass-1', requestId: rid() });
    await call(desk.depot, desk.session, 'auth.signIn', { code: 'city01', password: 'city01-pass-1' });
    await desk.open();
    await expect(page.getByRole('navigation').getByRole('link', { name: '指挥中心', exact: true })).toBeVisible();
    await expect(page.getByRole('navigation').getByRole('link')).toHaveCount(1);
    await expect(page.getByText('市指挥部王（指挥中心人员）')).toBeVisible();
    await expect(page.getByRole('region', { name: '全市通报' })).toContainText('全市各储备库累计接收物资3,000件');
    await expect(page.getByRole('region', { name: '全市库存（按仓库）' }).locator('tbody tr').filter({ hasText: 'FH-001' })).toContainText('3,000');
    const refused = await desk.depot.invoke('receipts.list', {}, desk.session);
    expect(refused.ok ? 'ok' : refused.error.message).toMatch(/^指挥中心人员只能查看“指挥中心”页上的全市数据/);
    await page.screenshot({ path: 'test-results/center-page-staff.png', fullPage: true });
  } finally {
    await push.stop();
    await server.close();
    await center.close();
    await pg.stop();
  }
});
