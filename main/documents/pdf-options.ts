/**
 * Paper and PDF options per document kind: ONE table feeds the HTML's @page rule, Chromium's
 * page.pdf under Node and webContents.printToPDF in the app, so the three never disagree.
 */
import type { DocPaper, LabelSize } from '../../shared/contract/documents.ts';

export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface PaperGeometry {
  widthMm: number;
  heightMm: number;
  /** Page margins; the footer with the page numbers is drawn inside the bottom one (CSS margin boxes). */
  marginMm: Margins;
}

/**
 * The continuous form is 241 mm (9.5") wide including the tractor strips, which is why its side
 * margins are wide, and 139.7 mm (5.5") high: the 241×140 二等分 multi-part form that Chinese
 * depots buy pre-perforated for 出库单. Ten or so lines fit on one form; longer orders run on to
 * the next form with the header row repeated. The printer's form length must be set to 5.5".
 */
export const PAPER: Record<DocPaper | LabelSize, PaperGeometry> = {
  A4: { widthMm: 210, heightMm: 297, marginMm: { top: 10, right: 12, bottom: 13, left: 12 } },
  A5: { widthMm: 210, heightMm: 148, marginMm: { top: 7, right: 10, bottom: 10, left: 10 } },
  'continuous-241': { widthMm: 241, heightMm: 139.7, marginMm: { top: 6, right: 14, bottom: 9, left: 14 } },
  // Labels print edge to edge; the HTML keeps its own inner padding clear of the die-cut edge.
  '100x70': { widthMm: 100, heightMm: 70, marginMm: { top: 0, right: 0, bottom: 0, left: 0 } },
  '60x40': { widthMm: 60, heightMm: 40, marginMm: { top: 0, right: 0, bottom: 0, left: 0 } },
};

export type DocumentKind = 'slip' | 'receipt' | 'label';

/** Printing options in millimetres, independent of who prints: see toPlaywrightPdfOptions / toElectronPrintOptions. */
export interface PdfOptions extends PaperGeometry {
  displayHeaderFooter: boolean;
  headerTemplate: string;
  footerTemplate: string;
  printBackground: boolean;
}

/**
 * No Chromium header or footer template: the page numbers are the HTML's own page-margin boxes
 * (sheet.ts pageFooterCss), which webContents.print prints too. A footer template would also
 * make Chromium drop those boxes.
 */
export function pdfOptionsFor(kind: 'slip' | 'receipt', paper: DocPaper): PdfOptions;
export function pdfOptionsFor(kind: 'label', paper: LabelSize): PdfOptions;
export function pdfOptionsFor(_kind: DocumentKind, paper: DocPaper | LabelSize): PdfOptions {
  return { ...PAPER[paper], displayHeaderFooter: false, headerTemplate: '', footerTemplate: '', printBackground: true };
}

const mm = (n: number) => `${n}mm`;

/** playwright-core's page.pdf options. */
export function toPlaywrightPdfOptions(o: PdfOptions) {
  return {
    width: mm(o.widthMm),
    height: mm(o.heightMm),
    margin: { top: mm(o.marginMm.top), right: mm(o.marginMm.right), bottom: mm(o.marginMm.bottom), left: mm(o.marginMm.left) },
    displayHeaderFooter: o.displayHeaderFooter,
    headerTemplate: o.headerTemplate,
    footerTemplate: o.footerTemplate,
    printBackground: o.printBackground,
    // The HTML's @page rule carries the same size; preferring it keeps Chromium from scaling.
    preferCSSPageSize: true,
  };
}

/** The shape of Electron's PrintToPDFOptions that we use (no electron import outside main/shell). */
export interface ElectronPrintToPdfOptions {
  pageSize: { width: number; height: number };
  margins: { top: number; bottom: number; left: number; right: number };
  landscape: false;
  displayHeaderFooter: boolean;
  headerTemplate: string;
  footerTemplate: string;
  printBackground: boolean;
  preferCSSPageSize: true;
}

const inches = (n: number) => Math.round((n / 25.4) * 10_000) / 10_000;

/** Electron's webContents.printToPDF options: sizes and margins in inches, otherwise the same as page.pdf. */
export function toElectronPrintOptions(o: PdfOptions): ElectronPrintToPdfOptions {
  return {
    pageSize: { width: inches(o.widthMm), height: inches(o.heightMm) },
    margins: { top: inches(o.marginMm.top), bottom: inches(o.marginMm.bottom), left: inches(o.marginMm.left), right: inches(o.marginMm.right) },
    // The width and height already say which way round the paper is (A5 is given landscape).
    landscape: false,
    displayHeaderFooter: o.displayHeaderFooter,
    headerTemplate: o.headerTemplate,
    footerTemplate: o.footerTemplate,
    printBackground: o.printBackground,
    preferCSSPageSize: true,
  };
}
