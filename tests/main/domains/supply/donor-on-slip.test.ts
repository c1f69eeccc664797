import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call } from '../../../support/depot.ts';
import { staffedDepot } from '../../../support/fixtures.ts';
import { cleanupTemp, pdfPages, squeeze } from '../../documents/pdf-tools.ts';

afterAll(() => cleanupTemp());

/** A donation carries its donor through to the unit: the slip names who gave each donated lot. */
describe('the donor on the dispatch slip', () => {
  let d: Awaited<ReturnType<typeof staffedDepot>>;
  beforeEach(async () => {
    d = await staffedDepot();
  });
  afterEach(() => d.env.cleanup());

  it('names the donor under a donated line, and no one under a bought one', async () => {
    await d.receive(d.f.mask.id, 300, null, { lotNo: 'GIFT', expiresOn: '2027-01-31' });
    await d.receive(d.f.suit.id, 40, 5000, { lotNo: 'BUY' });
    const order = await call(d.depot, d.dispatcher, 'dispatch.create', { unitId: d.unitId, lines: [{ itemId: d.f.mask.id, qty: 100 }, { itemId: d.f.suit.id, qty: 20 }], requestId: 'donor-1-create' });
    const approved = await call(d.depot, d.approver, 'dispatch.approve', { id: order.id, version: order.version, requestId: 'donor-1-approve' });
    const slip = await call(d.depot, d.dispatcher, 'print.slip', { order: approved.id, output: 'preview', parts: [] });
    const text = squeeze(pdfPages(Buffer.from(slip.pdfBase64!, 'base64')).join(''));
    expect(text).toContain('捐赠方：爱心企业联合会');
    expect(text.match(/捐赠方：/g)).toHaveLength(1);
    expect(text).not.toContain('捐赠方：华康医疗用品有限公司');
  });
});
