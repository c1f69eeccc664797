import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabelData, LabelSize } from '../../../shared/contract/documents.ts';
import { fitText, GEOMETRY, labelsHtml } from '../../../main/documents/label.ts';
import { PdfRenderer } from '../../../main/documents/pdf.ts';
import { PAPER, pdfOptionsFor } from '../../../main/documents/pdf-options.ts';
import { sampleLabel } from '../../../main/documents/sample.ts';
import { cleanupTemp, decodeBarcodes, pdfInfo, pdfPages, pdfWords, squeeze } from './pdf-tools.ts';

let renderer: PdfRenderer;
beforeAll(async () => {
  renderer = await PdfRenderer.open();
});
afterAll(async () => {
  await renderer.close();
  cleanupTemp();
});

const longName: LabelData = {
  ...sampleLabel('lot'),
  itemName: '一次性使用医用防护口罩（KN95级别，独立包装，无呼吸阀，方舱医院及隔离点一线人员专用）',
  spec: 'GB 19083-2010 耳挂式 折叠型 白色 成人款 每盒50只 每箱20盒',
  lotNo: 'LOT-2026031100025-X',
  barcode: 'LOT-2026031100025-X',
  qr: 'LOT:FH-0001:LOT-2026031100025-X',
};
/** The longest name an item may have: 100 characters. */
const longestName: LabelData = { ...sampleLabel('carton'), itemName: '甲乙丙丁戊己庚辛壬癸'.repeat(9) + '医用防护口罩（大号）' };
/** A carton of a lot still being inspected, with its production date and its one shelf. */
const pending: LabelData = { ...sampleLabel('carton'), producedOn: '2026-03-02', status: 'pending', location: 'SB-A-01-03' };
const labels = [sampleLabel('lot'), sampleLabel('carton'), sampleLabel('pallet'), longName, longestName, pending];
const mmToPt = (mm: number) => (mm * 72) / 25.4;

describe.each<LabelSize>(['100x70', '60x40'])('labels %s mm', (size) => {
  it('one label a page, at the label size, with every word of item, spec, lot, expiry and quantity inside the label', async () => {
    const pdf = await renderer.render(labelsHtml(labels, 'zh-CN', { size }), pdfOptionsFor('label', size));
    const info = pdfInfo(pdf);
    expect(info.pages).toBe(labels.length);
    expect(Math.abs(info.width - mmToPt(PAPER[size].widthMm))).toBeLessThan(1.5);
    expect(Math.abs(info.height - mmToPt(PAPER[size].heightMm))).toBeLessThan(1.5);

    const pages = pdfPages(pdf).map(squeeze);
    labels.forEach((l, i) => {
      const page = pages[i]!;
      expect(page).toContain(squeeze(l.itemName));
      expect(page).toContain(squeeze(l.spec));
      expect(page).toContain(`批号${l.lotNo}`);
      expect(page).toContain(`有效期至${l.expiresOn}`);
      expect(page).toContain(`数量${l.quantity.toLocaleString('en-US')}${l.unit}`);
    });
    expect(pages[0]).toContain('批次标签');
    expect(pages[1]).toContain('箱标');
    expect(pages[2]).toContain('托盘标');
    // Production date, the shelf and a status that is not 合格, on the label itself (and nothing of it on an accepted lot's).
    expect(pages[5]).toContain('生产日期2026-03-02');
    expect(pages[5]).toContain('库位SB-A-01-03');
    expect(pages[5]).toContain('箱标待检');
    expect(pages[1]).not.toContain('待检');
    expect(pages[1]).not.toContain('生产日期');

    // Not clipped: every word is drawn inside the label's printable area (its padding, less half a
    // millimetre). pdftotext's word boxes are exact across but take the font's whole (tall) box
    // up and down, so the vertical check is on the middle of the word.
    const pad = mmToPt(GEOMETRY[size].pad - 0.5);
    for (const w of pdfWords(pdf)) {
      const where = `${w.text} on page ${w.page}`;
      expect(w.xMin, where).toBeGreaterThanOrEqual(pad);
      expect(w.xMax, where).toBeLessThanOrEqual(info.width - pad);
      expect((w.yMin + w.yMax) / 2, where).toBeGreaterThanOrEqual(pad);
      expect((w.yMin + w.yMax) / 2, where).toBeLessThanOrEqual(info.height - pad);
    }
  });

  it('the Code 128 and the QR scan, also for a long lot number', async () => {
    const pdf = await renderer.render(labelsHtml([sampleLabel('carton'), longName], 'zh-CN', { size }), pdfOptionsFor('label', size));
    expect(decodeBarcodes(pdf, { page: 1 })).toEqual(expect.arrayContaining(['CODE-128:20260311-A', 'QR-Code:LOT:FH-0001:20260311-A']));
    expect(decodeBarcodes(pdf, { page: 2 })).toEqual(expect.arrayContaining(['CODE-128:LOT-2026031100025-X', 'QR-Code:LOT:FH-0001:LOT-2026031100025-X']));
  });
});

describe('label text fitting', () => {
  it('keeps a short name large and shrinks a long one until it fits its box', () => {
    const box = { widthMm: 94, heightMm: 14.5 };
    expect(fitText('医用防护口罩', box, 20, 8)).toEqual({ pt: 20, lines: 1, fits: true });
    const long = fitText(longName.itemName, box, 20, 8);
    expect(long.fits).toBe(true);
    expect(long.pt).toBeLessThan(20);
    expect(long.lines).toBeGreaterThanOrEqual(2);
  });

  it('fits any name of up to 100 characters, and says when a text cannot fit even at the smallest size', () => {
    for (const size of ['100x70', '60x40'] as const) {
      const g = GEOMETRY[size];
      const box = { widthMm: PAPER[size].widthMm - 2 * g.pad, heightMm: g.name };
      expect(fitText('口'.repeat(100), box, ...g.namePt).fits, size).toBe(true);
      expect(fitText('口'.repeat(300), box, ...g.namePt).fits, size).toBe(false);
    }
  });

  it('speaks English when asked', async () => {
    const pdf = await renderer.render(labelsHtml([sampleLabel('pallet')], 'en', { size: '100x70' }), pdfOptionsFor('label', '100x70'));
    const text = squeeze(pdfPages(pdf).join(''));
    expect(text).toContain('Palletlabel');
    expect(text).toContain('Lot20260311-A');
    expect(text).toContain('Qty40,000只');
  });
});
