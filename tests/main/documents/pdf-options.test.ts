import { describe, expect, it } from 'vitest';
import { pageRule } from '../../../main/documents/html.ts';
import { PAPER, pdfOptionsFor, toElectronPrintOptions, toPlaywrightPdfOptions } from '../../../main/documents/pdf-options.ts';
import { slipHtml } from '../../../main/documents/slip.ts';
import { sampleSlip } from '../../../main/documents/sample.ts';

describe('PDF options per document kind', () => {
  it('gives slips a page-number footer in the chosen language and labels none', () => {
    const slip = pdfOptionsFor('slip', 'A4');
    expect(slip).toMatchObject({ widthMm: 210, heightMm: 297, displayHeaderFooter: true, printBackground: true });
    expect(slip.footerTemplate).toContain('第 <span class="pageNumber"></span> 页 / 共 <span class="totalPages"></span> 页');
    expect(slip.footerTemplate).toContain('<span class="title"></span>');
    // An empty header would let Chromium print its own (date and URL).
    expect(slip.headerTemplate).not.toBe('');
    expect(pdfOptionsFor('receipt', 'A5', 'en').footerTemplate).toContain('Page <span class="pageNumber"></span> of <span class="totalPages"></span>');
    expect(pdfOptionsFor('label', '60x40')).toMatchObject({ widthMm: 60, heightMm: 40, displayHeaderFooter: false, marginMm: { top: 0, right: 0, bottom: 0, left: 0 } });
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
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: pdfOptionsFor('slip', 'A4').footerTemplate,
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
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: options.footerTemplate,
      printBackground: true,
      preferCSSPageSize: true,
    });
    expect(toElectronPrintOptions(pdfOptionsFor('label', '100x70')).pageSize).toEqual({ width: 3.937, height: 2.7559 });
  });
});
