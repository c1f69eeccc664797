import { describe, expect, it } from 'vitest';
import { pageRule } from '../../../main/documents/html.ts';
import { PAPER, pdfOptionsFor, toElectronPrintOptions, toPlaywrightPdfOptions } from '../../../main/documents/pdf-options.ts';
import { slipHtml } from '../../../main/documents/slip.ts';
import { sampleSlip } from '../../../main/documents/sample.ts';

describe('PDF options per document kind', () => {
  it('asks Chromium for no header or footer template: the page numbers are the HTML’s own margin boxes, which webContents.print prints too', () => {
    for (const options of [pdfOptionsFor('slip', 'A4'), pdfOptionsFor('receipt', 'A5'), pdfOptionsFor('label', '60x40')]) {
      expect(options).toMatchObject({ displayHeaderFooter: false, footerTemplate: '', printBackground: true });
    }
    expect(pdfOptionsFor('label', '60x40')).toMatchObject({ widthMm: 60, heightMm: 40, marginMm: { top: 0, right: 0, bottom: 0, left: 0 } });
    const html = slipHtml(sampleSlip(), 'zh-CN', { paper: 'A4', partPages: [2, 2, 2] });
    expect(html).toContain('@bottom-right { content: "第 " counter(page) " 页 / 共 " "2" " 页 · " "存根" "联"');
    expect(html).toContain('@counter-style part-goods-pages { system: fixed 3; symbols: "1" "2"; }');
    expect(html).toContain('content: "第 " counter(page, part-receipt-pages) " 页 / 共 " "2" " 页 · " "回执" "联"');
  });

  it('A5 is landscape and the continuous form 241 mm by 5.5 inches', () => {
    expect(pdfOptionsFor('slip', 'A5')).toMatchObject({ widthMm: 210, heightMm: 148 });
    expect(pdfOptionsFor('slip', 'continuous-241')).toMatchObject({ widthMm: 241, heightMm: 139.7 });
  });

  it('the HTML carries the same page size and margins as the PDF options', () => {
    const html = slipHtml(sampleSlip(), 'zh-CN', { paper: 'continuous-241' });
    expect(html).toContain(pageRule(PAPER['continuous-241']));
    expect(pageRule(PAPER['continuous-241'])).toBe('@page { size: 241mm 139.7mm; margin: 6mm 14mm 9mm 14mm; }');
  });

  it('adapts to Playwright page.pdf: sizes and margins as millimetre strings', () => {
    expect(toPlaywrightPdfOptions(pdfOptionsFor('slip', 'A4'))).toEqual({
      width: '210mm',
      height: '297mm',
      margin: { top: '10mm', right: '12mm', bottom: '13mm', left: '12mm' },
      displayHeaderFooter: false,
      headerTemplate: '',
      footerTemplate: '',
      printBackground: true,
      preferCSSPageSize: true,
    });
  });

  it('adapts to Electron webContents.printToPDF: page size and margins in inches, nothing else renamed', () => {
    const options = pdfOptionsFor('slip', 'continuous-241');
    const electron = toElectronPrintOptions(options);
    expect(electron).toEqual({
      pageSize: { width: 9.4882, height: 5.5 },
      margins: { top: 0.2362, bottom: 0.3543, left: 0.5512, right: 0.5512 },
      landscape: false,
      displayHeaderFooter: false,
      headerTemplate: '',
      footerTemplate: '',
      printBackground: true,
      preferCSSPageSize: true,
    });
    expect(toElectronPrintOptions(pdfOptionsFor('label', '100x70')).pageSize).toEqual({ width: 3.937, height: 2.7559 });
  });
});
