import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toChineseCapital } from '../../../main/documents/capital.ts';
import { PdfRenderer } from '../../../main/documents/pdf.ts';
import { pdfOptionsFor } from '../../../main/documents/pdf-options.ts';
import { receiptHtml } from '../../../main/documents/receipt.ts';
import { sampleReceipt } from '../../../main/documents/sample.ts';
import { cleanupTemp, decodeBarcodes, pdfInfo, pdfPages, squeeze } from './pdf-tools.ts';

let renderer: PdfRenderer;
beforeAll(async () => {
  renderer = await PdfRenderer.open();
});
afterAll(async () => {
  await renderer.close();
  cleanupTemp();
});

describe('inbound receipt 入库单 PDF', () => {
  it('prints a posted receipt on A5: source, supplier, counted / accepted / rejected with the reason, inspection, amount in 大写, scannable number', async () => {
    const data = sampleReceipt();
    const pdf = await renderer.render(receiptHtml(data, 'zh-CN', { paper: 'A5' }), pdfOptionsFor('receipt', 'A5'));
    const info = pdfInfo(pdf);
    expect(Math.abs(info.width - 595)).toBeLessThan(2);
    expect(Math.abs(info.height - 420)).toBeLessThan(2);
    const text = squeeze(pdfPages(pdf).join(''));
    for (const words of ['入库单', '采购', '内蒙古康泰医疗用品有限公司', 'YD-88210457', '医用一次性防护服', '20260302-K', '外箱受潮', 'A-02-1', '部分合格', 'GB19083-2010', '孙丽']) {
      expect(text).toContain(words);
    }
    expect(text).toContain('清点25,480，合格25,440，拒收40');
    // 包装件数 of what was accepted, under each line's accepted quantity: cartons a storekeeper counts on the shelf.
    for (const packs of ['包装24箱', '包装48箱', '包装20箱']) expect(text).toContain(packs);
    const long = sampleReceipt();
    long.receipt.lines[0] = { ...long.receipt.lines[0]!, accepted: 15_970, counted: 15_970 };
    const longText = squeeze(pdfPages(await renderer.render(receiptHtml(long, 'zh-CN', { paper: 'A4' }), pdfOptionsFor('receipt', 'A4'))).join(''));
    // A long breakdown wraps after a "+", never inside a pack, and never squeezes the item's name.
    expect(longText).toMatch(/包装15箱\+(19盒\+20只|.*19盒\+20只)/);
    expect(longText).toContain('医用防护口罩');
    expect(text).toContain(toChineseCapital(data.receipt.totals.amount!));
    for (const sign of ['交货人', '验收人', '保管员', '审核']) expect(text).toContain(sign);
    const codes = decodeBarcodes(pdf);
    expect(codes).toContain('CODE-128:RK20260410-0003');
    expect(codes).toContain('QR-Code:RK20260410-0003');
  });

  it('marks a reversal, a draft and a reprint', async () => {
    const base = sampleReceipt();
    const reversal = { ...base, reprint: 1, receipt: { ...base.receipt, no: 'HC20260411-0001', reversesId: 1, reversesNo: 'RK20260410-0003', inspection: null } };
    const text = squeeze(pdfPages(await renderer.render(receiptHtml(reversal, 'zh-CN', { paper: 'A4' }), pdfOptionsFor('receipt', 'A4'))).join(''));
    expect(text).toContain('入库红冲单');
    expect(text).toContain('红冲原单RK20260410-0003');
    expect(text).toContain('补打（第1次）');

    const draft = { ...base, receipt: { ...base.receipt, no: null, status: 'draft' as const, postedBy: null, postedAt: null } };
    const html = receiptHtml(draft, 'en', { paper: 'A4' });
    expect(html).not.toContain('<svg'); // no number yet: nothing to scan
    const draftText = squeeze(pdfPages(await renderer.render(html, pdfOptionsFor('receipt', 'A4'))).join(''));
    expect(draftText).toContain('Goodsreceivednote');
    expect(draftText).toContain('Draft·notposted');
  });
});
