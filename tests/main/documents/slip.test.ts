import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocPaper, SlipData, SlipLine } from '../../../shared/contract/documents.ts';
import { toChineseCapital } from '../../../main/documents/capital.ts';
import { PdfRenderer } from '../../../main/documents/pdf.ts';
import { pdfOptionsFor } from '../../../main/documents/pdf-options.ts';
import { sampleSlip } from '../../../main/documents/sample.ts';
import { packBreakdown, packTotals, slipHtml, slipTotals } from '../../../main/documents/slip.ts';
import { cleanupTemp, decodeBarcodes, outerBorders, pdfInfo, pdfPages, squeeze } from './pdf-tools.ts';

let renderer: PdfRenderer;
beforeAll(async () => {
  renderer = await PdfRenderer.open();
});
afterAll(async () => {
  await renderer.close();
  cleanupTemp();
});

const print = (data: SlipData, paper: DocPaper, locale: 'zh-CN' | 'en' = 'zh-CN') =>
  renderer.render(slipHtml(data, locale, { paper }), pdfOptionsFor('slip', paper));

/** PDF points: 1 mm = 72 / 25.4 pt; Chromium rounds the page to whole CSS pixels. */
const pt = (mm: number) => (mm * 72) / 25.4;

describe('pack breakdown and totals', () => {
  it('shows a quantity as packs joined by +, and nothing for an item without packs', () => {
    const packs = [
      { unit: '盒', per: 50 },
      { unit: '箱', per: 1000 },
    ];
    expect(packBreakdown({ quantity: 12_030, unit: '只', packs })).toBe('12箱+30只');
    expect(packBreakdown({ quantity: 12_080, unit: '只', packs })).toBe('12箱+1盒+30只');
    expect(packBreakdown({ quantity: 12_000, unit: '只', packs })).toBe('12箱');
    expect(packBreakdown({ quantity: 30, unit: '只', packs })).toBe('');
    expect(packBreakdown({ quantity: 10, unit: '张', packs: [] })).toBe('');
  });

  it('counts kinds by item (two lots of one item are one kind) and pieces in base units', () => {
    const slip = sampleSlip({ lines: 14 });
    const totals = slipTotals(slip.lines);
    expect(totals.kinds).toBe(12);
    expect(totals.pieces).toBe(slip.lines.reduce((s, l) => s + l.quantity, 0));
    expect(totals.amount).toBe(slip.lines.reduce((s, l) => s + l.amount!, 0));
    expect(slipTotals(sampleSlip({ priced: false }).lines).amount).toBeNull();
  });
});

describe('dispatch slip PDF', () => {
  it('A4: portrait A4, the Chinese text, the pack breakdown, the amount in 大写, a barcode and a QR that scan to the order number', async () => {
    const slip = sampleSlip({ lines: 6 });
    slip.copies = ['goods'];
    const pdf = await print(slip, 'A4');
    const info = pdfInfo(pdf);
    expect(info.width).toBeCloseTo(pt(210), -1);
    expect(info.height).toBeCloseTo(pt(297), -1);
    expect(Math.abs(info.width - 595)).toBeLessThan(2);
    expect(Math.abs(info.height - 842)).toBeLessThan(2);
    expect(info.pages).toBe(1);

    const text = squeeze(pdfPages(pdf).join(''));
    for (const words of ['市应急物资储备库', '出库单', '第二联随货', '市第二方舱医院', '高新区会展中心3号馆', '王建国', '蒙A·D7721', '李卫东', '赵敏']) {
      expect(text).toContain(words);
    }
    for (const line of slip.lines) {
      expect(text).toContain(squeeze(line.itemName));
      expect(text).toContain(line.lotNo);
    }
    expect(text).toContain('12,030');
    expect(text).toContain('12箱+30只');
    expect(text).toContain('11箱+1盒+10只');
    const totals = slipTotals(slip.lines);
    expect(text).toContain(`合计：6种，${totals.pieces.toLocaleString('en-US')}件`);
    expect(text).toContain(`大写：人民币${toChineseCapital(totals.amount!)}`);
    for (const sign of ['发货人', '承运人', '收货人', '审核']) expect(text).toContain(sign);
    expect(text).not.toContain('补打');
    expect(text).toMatch(/第1页\/共1页/);

    const codes = decodeBarcodes(pdf);
    expect(codes).toContain('CODE-128:CK20260410-0007');
    expect(codes).toContain('QR-Code:CK20260410-0007');
  });

  it('prints the capital form of a known amount: ¥12,345.67 → 壹万贰仟叁佰肆拾伍元陆角柒分', async () => {
    const slip = sampleSlip({ lines: 1 });
    slip.lines[0] = { ...slip.lines[0]!, quantity: 1, unitPrice: 1_234_567, amount: 1_234_567 };
    slip.copies = [];
    const text = squeeze(pdfPages(await print(slip, 'A4')).join(''));
    expect(text).toContain('¥12,345.67');
    expect(text).toContain('壹万贰仟叁佰肆拾伍元陆角柒分');
    // No copies asked for: one copy, no copy label.
    expect(text).not.toMatch(/第[一二三]联/);
  });

  it('leaves prices, amounts and 大写 off an unpriced slip', async () => {
    const text = squeeze(pdfPages(await print({ ...sampleSlip({ lines: 3, priced: false }), copies: ['stub'] }, 'A4')).join(''));
    expect(text).toContain('出库单');
    expect(text).not.toContain('单价');
    expect(text).not.toContain('大写');
  });

  it('a partly priced order prints the amount of its priced lines with the unpriced pieces named, and no 大写 that would pass for the order’s value', async () => {
    const slip = { ...sampleSlip({ lines: 4 }), copies: [] };
    slip.lines[1] = { ...slip.lines[1]!, unitPrice: null, amount: null };
    const priced = slip.lines.filter((l) => l.amount !== null).reduce((n, l) => n + l.amount!, 0);
    const text = squeeze(pdfPages(await print(slip, 'A4')).join(''));
    expect(text).toContain(`金额合计：¥${(priced / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}（另有${slip.lines[1]!.quantity.toLocaleString('en-US')}件未计价，未计入金额）`);
    expect(text).not.toContain('大写');
    expect(text).not.toContain(toChineseCapital(priced));
  });

  it('A5 landscape: 595 × 420 pt and the slip is all there', async () => {
    const slip = { ...sampleSlip({ lines: 4 }), copies: ['stub' as const] };
    const pdf = await print(slip, 'A5');
    const info = pdfInfo(pdf);
    expect(Math.abs(info.width - 595)).toBeLessThan(2);
    expect(Math.abs(info.height - 420)).toBeLessThan(2);
    const text = squeeze(pdfPages(pdf).join(''));
    expect(text).toContain('出库单');
    expect(text).toContain('12箱+30只');
    expect(decodeBarcodes(pdf)).toContain('CODE-128:CK20260410-0007');
  });

  it('241 mm continuous form: three copies 存根 / 随货 / 回执, each its own page set, 补打 on every page', async () => {
    const slip = sampleSlip({ lines: 5, reprint: 2 });
    const pdf = await print(slip, 'continuous-241');
    const info = pdfInfo(pdf);
    expect(Math.abs(info.width - pt(241))).toBeLessThan(2); // ≈ 683 pt
    expect(Math.abs(info.height - pt(139.7))).toBeLessThan(2); // 5.5 in = 396 pt
    const pages = pdfPages(pdf).map(squeeze);
    expect(pages.length).toBe(info.pages);
    // Each copy's pages name it in the running head, in the order 存根, 随货, 回执.
    const copyOf = pages.map((p) => ['第一联存根', '第二联随货', '第三联回执'].findIndex((c) => p.includes(c)));
    expect(copyOf).toEqual([...copyOf].sort());
    expect(new Set(copyOf)).toEqual(new Set([0, 1, 2]));
    const perCopy = copyOf.filter((c) => c === 0).length;
    for (const page of pages) {
      expect(page).toContain('补打（第2次）');
      expect(page).toMatch(/第\d+页\/共\d+页/);
    }
    expect(pages.join('')).toContain('12箱+30只');
    expect(decodeBarcodes(pdf, { page: perCopy + 1 })).toContain('CODE-128:CK20260410-0007');
  });

  it('a 60-line order runs over pages: every page has the header row and its page number, no line is lost, totals come once at the end', async () => {
    const slip = { ...sampleSlip({ lines: 60 }), copies: ['stub' as const] };
    const pdf = await print(slip, 'A4');
    const info = pdfInfo(pdf);
    expect(info.pages).toBeGreaterThanOrEqual(2);
    const pages = pdfPages(pdf).map(squeeze);
    pages.forEach((page, i) => {
      expect(page, `page ${i + 1}`).toContain('物资名称规格型号单位生产批号有效期至数量包装件数');
      expect(page, `page ${i + 1}`).toContain(`第${i + 1}页/共${info.pages}页`);
      expect(page, `page ${i + 1}`).toContain('出库单·CK20260410-0007·第一联存根');
    });
    const all = pages.join('');
    for (const line of slip.lines) expect(all).toContain(line.lotNo);
    expect(all.match(/合计：\d+种/g)).toHaveLength(1);
    expect(pages.at(-1)).toMatch(/合计：12种/);
    expect(pages.at(-1)).toContain('收货人');
  });

  it('numbers each of the three parts on its own: a 60-line A4 slip reads 第 n 页 / 共 N 页 · 随货联 with N the part’s own pages', async () => {
    const slip = sampleSlip({ lines: 60 });
    // Measured as the print service does: each part alone (the 回执 has columns of its own).
    const measure = async (locale: 'zh-CN' | 'en') => {
      const counts = [];
      for (const copy of slip.copies) counts.push(pdfInfo(await print({ ...slip, copies: [copy] }, 'A4', locale)).pages);
      return counts;
    };
    const partPages = await measure('zh-CN');
    expect(partPages[0]).toBeGreaterThanOrEqual(2);
    const pdf = await renderer.render(slipHtml(slip, 'zh-CN', { paper: 'A4', partPages }), pdfOptionsFor('slip', 'A4'));
    const pages = pdfPages(pdf).map(squeeze);
    const total = partPages.reduce((a, b) => a + b, 0);
    expect(pages).toHaveLength(total);
    let at = 0;
    ['存根', '随货', '回执'].forEach((part, k) => {
      for (let i = 0; i < partPages[k]!; i++, at++) {
        expect(pages[at], `page ${at + 1}`).toContain(`第${i + 1}页/共${partPages[k]}页·${part}联`);
        // Every page of a part but its last says it runs on.
        expect(pages[at]!.includes('续下页'), `page ${at + 1}`).toBe(i < partPages[k]! - 1);
        expect(pages[at], `page ${at + 1}`).toContain('出库单CK20260410-0007');
      }
    });
    expect(pages.join('')).not.toContain(`共${total}页`);

    const enPages = await measure('en');
    const en = pdfPages(await renderer.render(slipHtml(slip, 'en', { paper: 'A4', partPages: enPages }), pdfOptionsFor('slip', 'A4'))).map(squeeze);
    expect(en[enPages[0]!]).toContain(`Page1of${enPages[1]}·withgoodscopy`);
    expect(en.at(-1)).toContain(`Page${enPages[2]}of${enPages[2]}·returnreceiptcopy`);
  });

  it('the 回执 has received / short / damaged columns to fill in, the unit’s stamp box and the date and time of receipt; after sign-off it is filled in', async () => {
    const slip = { ...sampleSlip({ lines: 3 }), copies: ['goods' as const, 'receipt' as const] };
    const pages = pdfPages(await print(slip, 'A4')).map(squeeze);
    expect(pages).toHaveLength(2);
    const [goods, receipt] = pages as [string, string];
    expect(receipt).toContain('包装件数实收短少破损');
    expect(receipt).toContain('受领单位（盖章）');
    expect(receipt).toContain('签收人：');
    expect(receipt).toContain('签收日期/时间：年月日时分');
    // The 回执 comes back to the depot: no prices on it; the goods copy has them and none of the receipt's.
    expect(receipt).not.toContain('单价');
    expect(goods).toContain('单价(元)金额(元)');
    expect(goods).not.toContain('受领单位（盖章）');
    expect(goods).not.toContain('实收');

    const signed = { ...slip, copies: ['receipt' as const], signedOff: { receiver: '王建国', at: '2026-04-10T15:20:00+08:00' } };
    signed.lines = signed.lines.map((l, i) => (i === 0 ? { ...l, short: 30, damaged: 0 } : i === 1 ? { ...l, short: 0, damaged: 10 } : l));
    const text = squeeze(pdfPages(await print(signed, 'A4')).join(''));
    const [a, b, c] = signed.lines as [SlipLine, SlipLine, SlipLine];
    expect(text).toContain(`${(a.quantity - 30).toLocaleString('en-US')}30`);
    expect(text).toContain(`${(b.quantity - 10).toLocaleString('en-US')}10`);
    expect(text).toContain('签收人：王建国');
    expect(text).toMatch(/签收日期\/时间：2026-04-10\d\d:20/);
    expect(c.quantity).toBeGreaterThan(0);
  });

  it('the driver’s figures: packages added up from the pack levels, the driver and the phone under their own labels, 加急 marked', async () => {
    const slip = { ...sampleSlip({ lines: 3 }), copies: ['goods' as const], urgent: true };
    const text = squeeze(pdfPages(await print(slip, 'A4')).join(''));
    expect(packTotals(slip.lines)).toEqual({ packs: ['33箱', '1盒'], loose: ['40只', '10套'] });
    expect(text).toContain('包装合计：33箱、1盒；散装40只、10套');
    expect(text).toContain('司机李卫东');
    expect(text).toContain('司机电话13947108866');
    expect(text).toContain('加急');
  });

  it('speaks English when asked, with the amount still in 大写', async () => {
    const slip = { ...sampleSlip({ lines: 2, reprint: 1 }), copies: ['goods' as const, 'receipt' as const] };
    const text = squeeze(pdfPages(await print(slip, 'A4', 'en')).join(''));
    // The names humanitarian partners use: a waybill with the vehicle's plate.
    for (const words of ['Waybill', 'Vehicleplate', 'Copy2·Withgoods', 'Copy3·Returnreceipt', 'Recipient', 'Spec/model', 'Packs', 'Received', 'Receivingunit(stamp)', 'Date/timereceived:', 'Driverphone', 'REPRINT(no.1)', 'Receivedby:', 'Page1of2']) {
      expect(text).toContain(words);
    }
    expect(text).toContain(toChineseCapital(slipTotals(slip.lines).amount!));
    expect(text).not.toContain('出库单');
  });

  it('draws the table’s right border as heavy as its left on every paper (it was clipped to a hairline)', async () => {
    for (const paper of ['A4', 'A5', 'continuous-241'] as const) {
      const borders = outerBorders(await print({ ...sampleSlip({ lines: 2 }), copies: [] }, paper), '序号');
      expect(borders.rightIsBorder, paper).toBe(true);
      expect(Math.abs(borders.right - borders.left), `${paper}: ${JSON.stringify(borders)}`).toBeLessThanOrEqual(1);
    }
  });

  it('escapes what it prints: a remark with markup is text, not HTML', () => {
    const html = slipHtml({ ...sampleSlip({ lines: 1 }), remarks: '<b>急</b> & "快"' }, 'zh-CN', { paper: 'A4' });
    expect(html).toContain('&lt;b&gt;急&lt;/b&gt; &amp; &quot;快&quot;');
    expect(html).not.toContain('<b>急</b>');
  });
});
