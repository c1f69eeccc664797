import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { call, rid } from '../../../support/depot.ts';
import { ledgerMismatches, staffedDepot } from '../../../support/fixtures.ts';
import { toChineseCapital } from '../../../../main/documents/capital.ts';
import { cleanupTemp, pdfPages, squeeze } from '../../documents/pdf-tools.ts';

let env: Awaited<ReturnType<typeof staffedDepot>>['env'];
afterEach(() => env?.cleanup());
afterAll(cleanupTemp);

async function pledged() {
  const s = await staffedDepot({ clock: () => new Date('2026-04-10T10:00:00+08:00') });
  env = s.env;
  const pledge = await call(s.depot, s.dispatcher, 'pledges.create', {
    donorId: s.f.donor.id, donorKind: 'association', pledgedOn: '2026-04-08', expectedOn: '2026-04-12',
    lines: [{ itemId: s.f.mask.id, qty: '5箱', declaredValue: 150 }, { itemId: s.f.suit.id, qty: 100, declaredValue: 2800 }],
    requestId: rid(),
  });
  /** One delivery against the pledge, started from what is outstanding. */
  async function deliver(counted: (itemId: number, open: number) => number | string) {
    const start = await call(s.depot, s.keeper, 'pledges.receiptStart', { id: pledge.id });
    const draft = await call(s.depot, s.keeper, 'receipts.saveDraft', {
      ...start,
      lines: start.lines.map((l) => ({ itemId: l.itemId, counted: counted(l.itemId, l.counted), unitCost: l.unitCost, valueBasis: l.valueBasis, lotNo: `D${l.itemId}`, expiresOn: '2029-06-30', locationId: s.f.a2.id })),
      requestId: rid(),
    });
    return call(s.depot, s.keeper, 'receipts.post', { id: draft.id, version: draft.version, requestId: rid() });
  }
  return { ...s, pledge, deliver };
}

const figures = (p: { lines: { itemCode: string; pledged: number; received: number; outstanding: number }[] }) => p.lines.map((l) => [l.itemCode, l.pledged, l.received, l.outstanding]);

describe('pledges (认捐) and donations', () => {
  it('a pledge received in two deliveries shows pledged / received / outstanding after each', async () => {
    const s = await pledged();
    expect(s.pledge.no).toBe('RJ20260410-0001');
    expect(figures(s.pledge)).toEqual([['FH-001', 5000, 0, 5000], ['FH-010', 100, 0, 100]]);

    await s.deliver((itemId, open) => (itemId === s.f.mask.id ? '3箱' : open));
    const after1 = await call(s.depot, s.keeper, 'pledges.get', { id: s.pledge.id });
    expect(after1.status).toBe('partly_received');
    expect(figures(after1)).toEqual([['FH-001', 5000, 3000, 2000], ['FH-010', 100, 100, 0]]);

    const start = await call(s.depot, s.keeper, 'pledges.receiptStart', { id: s.pledge.id });
    expect(start.lines.map((l) => [l.itemName, l.counted])).toEqual([['医用防护口罩', 2000]]);
    await s.deliver((_, open) => open);
    const after2 = await call(s.depot, s.keeper, 'pledges.get', { id: s.pledge.id });
    expect(after2.status).toBe('received');
    expect(after2.totals).toEqual({ pledged: 5100, received: 5100, outstanding: 0 });
    expect(after2.receipts).toHaveLength(2);
    // The declared value is the ledger's value of the donation.
    const value = s.depot.store.first<{ amount: number }>("SELECT sum(amount) AS amount FROM movements WHERE source_type = 'donation'")!.amount;
    expect(value).toBe(5000 * 150 + 100 * 2800);
    expect(ledgerMismatches(s.depot)).toEqual([]);
  });

  it('what a pledge will still bring comes off the procurement plan', async () => {
    const s = await pledged();
    await call(s.depot, s.admin, 'items.update', { id: s.f.mask.id, version: s.f.mask.version, changes: { safetyStock: 8000 }, requestId: rid() });
    const { lines } = await call(s.depot, s.dispatcher, 'procurement.compute', {});
    expect(lines.map((l) => [l.itemCode, l.topUp, l.pledged, l.suggested])).toEqual([['FH-001', 8000, 5000, 3000]]);
  });

  it('prints the donation certificate with the donation’s number, donor, items, quantities and declared value in 大写', async () => {
    const s = await pledged();
    const first = await s.deliver((itemId, open) => (itemId === s.f.mask.id ? '3箱' : open));
    const answer = await call(s.depot, s.keeper, 'donations.certificate', { receipt: first.no!, output: 'preview' });
    expect(answer.title).toBe(`捐赠接收凭证 ${first.no}`);
    const text = squeeze(pdfPages(Buffer.from(answer.pdfBase64!, 'base64')).join(''));
    const declared = 3000 * 150 + 100 * 2800;
    for (const words of ['捐赠接收凭证', first.no!, '爱心企业联合会', '社会团体', 'RJ20260410-0001', '医用防护口罩', '3,000', '医用一次性防护服', '1.50', '28.00', '合计：2种，3,100件', `¥${(declared / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`, toChineseCapital(declared), '特此证明']) {
      expect(text).toContain(squeeze(words));
    }

    const purchase = await s.receive(s.f.bed.id, 5, 10_000);
    const refused = await s.depot.invoke('donations.certificate', { receipt: purchase.id, output: 'preview' }, s.keeper);
    expect(refused).toMatchObject({ ok: false, error: { code: 'no_certificate', message: `入库单 ${purchase.no} 不是捐赠入库，不能出具捐赠接收凭证` } });
    await call(s.depot, s.approver, 'receipts.reverse', { id: first.id, reason: '数量录错', requestId: rid() });
    const reversed = await s.depot.invoke('donations.certificate', { receipt: first.id, output: 'preview' }, s.keeper);
    expect(reversed).toMatchObject({ ok: false, error: { code: 'no_certificate', message: `入库单 ${first.no} 已红冲，不能出具捐赠接收凭证` } });
  });

  it('a certificate’s prints are in the print history: the second is marked 补打（第1次） on the paper; a preview counts for nothing', async () => {
    const s = await pledged();
    const first = await s.deliver((itemId, open) => (itemId === s.f.mask.id ? '3箱' : open));
    const print = () => call(s.depot, s.keeper, 'donations.certificate', { receipt: first.no!, output: 'pdf' });
    const text = (r: { pdfBase64: string | null }) => squeeze(pdfPages(Buffer.from(r.pdfBase64!, 'base64')).join(''));
    const one = await print();
    expect([one.reprint, one.recorded]).toEqual([0, true]);
    expect(text(one)).not.toContain('补打');
    const preview = await call(s.depot, s.keeper, 'donations.certificate', { receipt: first.id, output: 'preview' });
    expect([preview.reprint, preview.recorded]).toEqual([1, false]);
    const two = await print();
    expect([two.reprint, two.recorded]).toEqual([1, true]);
    expect(text(two)).toContain(squeeze('补打（第1次）'));
    expect(text(two)).toContain(squeeze('捐赠接收凭证'));
    const history = await call(s.depot, s.keeper, 'print.history', { docType: 'certificate', docId: first.id });
    expect(history.map((h) => [h.kind, h.paper, h.output, h.reprint])).toEqual([['certificate', 'A4', 'pdf', 0], ['certificate', 'A4', 'pdf', 1]]);
    // The receipt's own voucher has a history of its own: the certificate's prints do not make it a 补打.
    expect(await call(s.depot, s.keeper, 'print.history', { docType: 'receipt', docId: first.id })).toEqual([]);
  });

  it('the pipeline per donor and item: pledged, arriving, received, outstanding, dispatched, in stock', async () => {
    const s = await pledged();
    await s.deliver((itemId, open) => (itemId === s.f.mask.id ? '3箱' : open));
    await s.ship(s.f.mask.id, 1200);
    // The rest of the masks are on the dock: a draft receipt not yet posted.
    const start = await call(s.depot, s.keeper, 'pledges.receiptStart', { id: s.pledge.id });
    await call(s.depot, s.keeper, 'receipts.saveDraft', { ...start, lines: start.lines.map((l) => ({ itemId: l.itemId, counted: l.counted, lotNo: 'D9', expiresOn: '2029-06-30', locationId: s.f.a2.id })), requestId: rid() });
    const pipeline = await call(s.depot, s.keeper, 'pledges.pipeline', {});
    expect(pipeline.map((r) => [r.donorName, r.itemCode, r.pledged, r.arriving, r.received, r.outstanding, r.dispatched, r.inStock])).toEqual([
      ['爱心企业联合会', 'FH-001', 5000, 2000, 3000, 2000, 1200, 1800],
      ['爱心企业联合会', 'FH-010', 100, 0, 100, 0, 0, 100],
    ]);
  });
});
