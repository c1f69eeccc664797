import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { call, rid } from '../../../support/depot.ts';
import { ledgerMismatches, staffedDepot } from '../../../support/fixtures.ts';
import { toChineseCapital } from '../../../../main/documents/capital.ts';
import { cleanupTemp, pdfPages, squeeze } from '../../documents/pdf-tools.ts';

let env: Awaited<ReturnType<typeof staffedDepot>>['env'];
afterEach(() => env?.cleanup());
afterAll(cleanupTemp);

async function setup() {
  const s = await staffedDepot({ clock: () => new Date('2026-04-10T10:00:00+08:00') });
  env = s.env;
  const po = await call(s.depot, s.dispatcher, 'purchaseOrders.create', {
    supplierId: s.f.maker.id,
    lines: [
      { itemId: s.f.mask.id, qty: '10箱', unitPrice: 150, promisedOn: '2026-04-09' },
      { itemId: s.f.suit.id, qty: 200, unitPrice: 3000, promisedOn: '2026-04-12' },
    ],
    requestId: rid(),
  });
  return { ...s, po };
}

/** A receipt started from what is still open on the order, with the storekeeper's lots and quantities. */
async function receiveAgainst(s: Awaited<ReturnType<typeof setup>>, counted: (itemId: number, open: number) => number | string, rejected: (itemId: number) => number = () => 0) {
  const start = await call(s.depot, s.keeper, 'purchaseOrders.receiptStart', { id: s.po.id });
  const draft = await call(s.depot, s.keeper, 'receipts.saveDraft', {
    ...start,
    lines: start.lines.map((l) => ({
      itemId: l.itemId, counted: counted(l.itemId, l.counted), rejected: rejected(l.itemId), rejectReason: rejected(l.itemId) ? '包装破损' : '',
      unitCost: l.unitCost, valueBasis: l.valueBasis, lotNo: `P${l.itemId}`, expiresOn: '2029-01-31', locationId: s.f.a1.id,
    })),
    requestId: rid(),
  });
  return s.depot.invoke('receipts.post', { id: draft.id, version: draft.version, requestId: rid() }, s.keeper);
}

const figures = (po: { lines: { itemCode: string; ordered: number; received: number; rejected: number; outstanding: number }[] }) =>
  po.lines.map((l) => [l.itemCode, l.ordered, l.received, l.rejected, l.outstanding]);

describe('purchase orders', () => {
  it('a receipt against an order starts from what is open; partly received leaves the rest outstanding and late', async () => {
    const s = await setup();
    expect(s.po.no).toBe('CG20260410-0001');
    expect(s.po.status).toBe('open');
    const start = await call(s.depot, s.keeper, 'purchaseOrders.receiptStart', { id: s.po.id });
    expect(start.lines.map((l) => [l.itemName, l.counted, l.unitCost])).toEqual([['医用防护口罩', 10_000, 150], ['医用一次性防护服', 200, 3000]]);

    // Six cartons of masks (20 masks rejected at the door), 150 suits.
    const posted = await receiveAgainst(s, (itemId) => (itemId === s.f.mask.id ? '6箱' : 150), (itemId) => (itemId === s.f.mask.id ? 20 : 0));
    expect(posted.ok).toBe(true);
    const po = await call(s.depot, s.keeper, 'purchaseOrders.get', { id: s.po.id });
    expect(po.status).toBe('partly_received');
    expect(figures(po)).toEqual([['FH-001', 10_000, 5_980, 20, 4_020], ['FH-010', 200, 150, 0, 50]]);
    // The masks were promised yesterday and 4,020 are still missing: late. The suits are not due yet.
    expect(po.lines.map((l) => l.late)).toEqual([true, false]);
    // The price on the order is the price in the ledger.
    const ledger = s.depot.store.first<{ amount: number }>("SELECT sum(amount) AS amount FROM movements WHERE doc_type = 'receipt'")!;
    expect(ledger.amount).toBe(5_980 * 150 + 150 * 3000);

    const next = await call(s.depot, s.keeper, 'purchaseOrders.receiptStart', { id: s.po.id });
    expect(next.lines.map((l) => l.counted)).toEqual([4_020, 50]);
    expect(ledgerMismatches(s.depot)).toEqual([]);
  });

  it('reversing the receipt (红冲) puts the order back to open with everything outstanding', async () => {
    const s = await setup();
    const posted = await receiveAgainst(s, (_, open) => open);
    if (!posted.ok) throw new Error(posted.error.message);
    expect((await call(s.depot, s.keeper, 'purchaseOrders.get', { id: s.po.id })).status).toBe('received');

    await call(s.depot, s.approver, 'receipts.reverse', { id: posted.data.id, reason: '批号录错', requestId: rid() });
    const po = await call(s.depot, s.keeper, 'purchaseOrders.get', { id: s.po.id });
    expect(po.status).toBe('open');
    expect(figures(po)).toEqual([['FH-001', 10_000, 0, 0, 10_000], ['FH-010', 200, 0, 0, 200]]);
    expect(po.receipts.map((r) => r.reversedByNo)).toEqual(['HC20260410-0001']);
    expect(ledgerMismatches(s.depot)).toEqual([]);
  });

  it('refuses an over-receipt in words, before any stock moves', async () => {
    const s = await setup();
    await receiveAgainst(s, (itemId, open) => (itemId === s.f.mask.id ? 8_000 : open));
    const movements = s.depot.store.first<{ n: number }>('SELECT count(*) AS n FROM movements')!.n;
    const over = await receiveAgainst(s, (itemId, open) => (itemId === s.f.mask.id ? '3箱' : open));
    expect(over).toMatchObject({ ok: false, error: { code: 'over_receipt', field: 'lines.0.counted' } });
    if (over.ok) return;
    expect(over.error.message).toBe('采购单 CG20260410-0001：医用防护口罩 订购 10000只，已收 8000只，本次 3000只，超收 1000只；请按未收数量入库，或另开采购单');
    expect(s.depot.store.first<{ n: number }>('SELECT count(*) AS n FROM movements')!.n).toBe(movements);
    expect(figures(await call(s.depot, s.keeper, 'purchaseOrders.get', { id: s.po.id }))[0]).toEqual(['FH-001', 10_000, 8_000, 0, 2_000]);
  });

  it('a receipt must come from the order’s own supplier; a closed order takes no more, and one with receipts is closed, not cancelled', async () => {
    const s = await setup();
    const start = await call(s.depot, s.keeper, 'purchaseOrders.receiptStart', { id: s.po.id });
    const wrong = await s.depot.invoke('receipts.saveDraft', {
      ...start, supplierId: s.f.donor.id,
      lines: [{ itemId: s.f.bed.id, counted: 1, locationId: s.f.a1.id }], requestId: rid(),
    }, s.keeper);
    expect(wrong).toMatchObject({ ok: false, error: { code: 'source_mismatch', field: 'supplierId', message: '入库单的供货方与采购单 CG20260410-0001 不符（应为：华康医疗用品有限公司）' } });

    await receiveAgainst(s, () => 10);
    const po = await call(s.depot, s.keeper, 'purchaseOrders.get', { id: s.po.id });
    const cancel = await s.depot.invoke('purchaseOrders.end', { id: po.id, version: po.version, as: 'cancelled', reason: '不再需要', requestId: rid() }, s.approver);
    expect(cancel).toMatchObject({ ok: false, error: { code: 'order_received' } });
    const keeperEnds = await s.depot.invoke('purchaseOrders.end', { id: po.id, version: po.version, as: 'closed', reason: '厂家停产', requestId: rid() }, s.keeper);
    expect(keeperEnds).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const closed = await call(s.depot, s.approver, 'purchaseOrders.end', { id: po.id, version: po.version, as: 'closed', reason: '厂家停产', requestId: rid() });
    expect(closed.status).toBe('closed');
    const more = await s.depot.invoke('purchaseOrders.receiptStart', { id: po.id }, s.keeper);
    expect(more).toMatchObject({ ok: false, error: { code: 'order_ended', message: '采购单 CG20260410-0001 已关闭，不能再收货或更改' } });
  });

  it('prints the order for the supplier: lines in packs, prices, promised dates, amount in 大写, and what has come', async () => {
    const s = await setup();
    await receiveAgainst(s, (itemId) => (itemId === s.f.mask.id ? '6箱' : 0));
    const printed = await call(s.depot, s.keeper, 'purchaseOrders.print', { id: s.po.id, output: 'preview' });
    expect(printed.title).toBe('采购单 CG20260410-0001');
    const text = squeeze(pdfPages(Buffer.from(printed.pdfBase64!, 'base64')).join(''));
    const amount = 10_000 * 150 + 200 * 3000;
    for (const words of ['采购单', 'CG20260410-0001', '华康医疗用品有限公司', '部分到货', '医用防护口罩', '10,000', '10箱', '1.50', '2026-04-09', '医用一次性防护服', '30.00', '2026-04-12', toChineseCapital(amount), '供应商确认']) {
      expect(text).toContain(squeeze(words));
    }
    // Received 6,000 masks of 10,000: 4,000 outstanding, on the masks' row.
    expect(text).toMatch(/2026-04-096,0004,000/);
  });

  it('an order’s prints are in the print history: printed again, the paper says 补打（第1次）', async () => {
    const s = await setup();
    const print = () => call(s.depot, s.keeper, 'purchaseOrders.print', { id: s.po.id, output: 'pdf' });
    const text = (r: { pdfBase64: string | null }) => squeeze(pdfPages(Buffer.from(r.pdfBase64!, 'base64')).join(''));
    const one = await print();
    expect([one.reprint, one.recorded, text(one).includes('补打')]).toEqual([0, true, false]);
    const two = await print();
    expect([two.reprint, two.recorded]).toEqual([1, true]);
    expect(text(two)).toContain(squeeze('补打（第1次）'));
    expect(text(two)).toContain('CG20260410-0001');
    const history = await call(s.depot, s.dispatcher, 'print.history', { docType: 'purchase_order', docId: s.po.id });
    expect(history.map((h) => [h.kind, h.output, h.reprint])).toEqual([['purchase_order', 'pdf', 0], ['purchase_order', 'pdf', 1]]);
  });

  it('an order straight to a supplier whose qualification expired needs an approver and a reason', async () => {
    const s = await setup();
    const lapsed = await call(s.depot, s.admin, 'suppliers.create', { code: 'S-009', name: '康宁防护用品厂', kind: 'manufacturer', qualificationExpiry: '2026-03-31', requestId: rid() });
    const order = { supplierId: lapsed.id, lines: [{ itemId: s.f.mask.id, qty: 100 }] };
    const bare = await s.depot.invoke('purchaseOrders.create', { ...order, requestId: rid() }, s.approver);
    expect(bare).toMatchObject({ ok: false, error: { code: 'supplier_expired_order', field: 'overrideReason', message: '康宁防护用品厂 的资质有效期至 2026-03-31，已过期：向其下单须由审核员填写放行原因' } });
    const byDispatcher = await s.depot.invoke('purchaseOrders.create', { ...order, overrideReason: '急需', requestId: rid() }, s.dispatcher);
    expect(byDispatcher).toMatchObject({ ok: false, error: { code: 'approver_only' } });
    expect(s.depot.store.first<{ n: number }>('SELECT count(*) AS n FROM purchase_orders WHERE supplier_id = ?', [lapsed.id])!.n).toBe(0);
    const released = await call(s.depot, s.approver, 'purchaseOrders.create', { ...order, overrideReason: '新证已受理，电话核实', requestId: rid() });
    expect(released.supplierName).toBe('康宁防护用品厂');
    const trail = s.depot.store.first<{ after: string }>("SELECT after FROM audit_log WHERE entity = 'supplier' AND action = 'override'")!;
    expect(JSON.parse(trail.after)).toEqual({ reason: '新证已受理，电话核实' });
  });
});
