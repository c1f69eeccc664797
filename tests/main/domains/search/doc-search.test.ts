import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call } from '../../../support/depot.ts';
import { staffedDepot } from '../../../support/fixtures.ts';

describe('单号搜索 and 最近单据', () => {
  let d: Awaited<ReturnType<typeof staffedDepot>>;
  beforeEach(async () => {
    d = await staffedDepot({ clock: () => new Date('2026-06-10T09:00:00+08:00') });
  });
  afterEach(() => d.env.cleanup());

  it('finds a document by any part of its number, case ignored, the exact number first; the operator’s recent documents come latest first', async () => {
    const receipt = await d.receive(d.f.mask.id, 5000, 250, { lotNo: 'S-1', expiresOn: '2028-01-31' });
    const second = await d.receive(d.f.mask.id, 100, 250, { lotNo: 'S-2', expiresOn: '2028-01-31' });
    const order = await d.approve(d.f.mask.id, 300);
    expect(receipt.no).toMatch(/^RK\d{8}-0001$/);

    const found = await call(d.depot, d.keeper, 'docs.find', { text: receipt.no!.toLowerCase() });
    expect(found[0]).toMatchObject({ kind: 'receipt', id: receipt.id, no: receipt.no, status: 'posted' });
    // "-000" is in every number of the day: receipts and the order, the exact one nowhere, the newest first.
    const part = await call(d.depot, d.keeper, 'docs.find', { text: '-000' });
    expect(part.map((h) => h.no).sort()).toEqual([receipt.no, second.no, order.no].sort());
    const exactOrder = await call(d.depot, d.dispatcher, 'docs.find', { text: ` ${order.no} ` });
    expect(exactOrder[0]).toMatchObject({ kind: 'dispatch', id: order.id, status: 'approved', party: '市第一医院' });
    // A LIKE wildcard typed is a character, not "anything".
    expect(await call(d.depot, d.keeper, 'docs.find', { text: '%' })).toEqual([]);
    expect(await call(d.depot, d.keeper, 'docs.find', { text: 'RK2099' })).toEqual([]);

    // Recent: what this operator touched, latest first; the dispatcher made the order, the keeper the receipts.
    expect((await call(d.depot, d.keeper, 'docs.recent', {})).map((h) => h.no)).toEqual([second.no, receipt.no]);
    expect((await call(d.depot, d.dispatcher, 'docs.recent', {})).map((h) => [h.kind, h.no])).toEqual([['dispatch', order.no]]);
    expect((await call(d.depot, d.approver, 'docs.recent', {})).map((h) => h.no)).toEqual([order.no]);
  });

  it('refuses an empty search in words and changes nothing', async () => {
    const answer = await d.depot.invoke('docs.find', { text: '   ' }, d.keeper);
    expect(answer.ok).toBe(false);
    if (!answer.ok) expect(answer.error.message).toMatch(/[\u4e00-\u9fff]/);
    const signedOut = await d.depot.invoke('docs.recent', {}, d.depot.createSession());
    expect(signedOut.ok).toBe(false);
  });
});
