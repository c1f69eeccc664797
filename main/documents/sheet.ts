/**
 * The form shared by the slip and the receipt: heading with the copy label, 补打 mark and the
 * document's Code 128; the header fields beside its QR; a lines table whose column header row
 * (and a small running head naming the document and copy) repeats on every page; totals and
 * signature lines kept together at the end.
 */
import type { TFunction } from 'i18next';
import type { DocPaper } from '../../shared/contract/documents.ts';
import { code128Svg, qrSvg } from './barcodes.ts';
import { esc, FONT_STACK, pageRule } from './html.ts';
import { PAPER } from './pdf-options.ts';

interface Scale {
  basePt: number;
  titlePt: number;
  qrMm: number;
  moduleMm: number;
  barHeightMm: number;
}

/** Smaller type and codes on the half-height papers so a useful number of lines fits on the first page. */
const SCALE: Record<DocPaper, Scale> = {
  A4: { basePt: 9.5, titlePt: 20, qrMm: 22, moduleMm: 0.33, barHeightMm: 11 },
  A5: { basePt: 8.5, titlePt: 16, qrMm: 17, moduleMm: 0.3, barHeightMm: 8 },
  'continuous-241': { basePt: 8.5, titlePt: 15, qrMm: 16, moduleMm: 0.3, barHeightMm: 8 },
};

export function sheetCss(paper: DocPaper): string {
  const s = SCALE[paper];
  return `${pageRule(PAPER[paper])}
body { font-size: ${s.basePt}pt; line-height: 1.3; }
.copy + .copy { break-before: page; }
/* Chromium clips what passes the right edge of the page's content box: a table's collapsed outer
   border lies half outside, so without this room its right border prints as a hairline. */
.copy { padding: 0 0.25mm; }
.head { display: grid; grid-template-columns: 1fr auto 1fr; align-items: start; column-gap: 3mm; }
.head .left { display: flex; flex-direction: column; align-items: flex-start; gap: 1.2mm; }
.copy-label { border: 0.4mm solid #000; padding: 0.5mm 2mm; font-weight: 700; font-size: 1.1em; line-height: 1.25; }
.copy-label small { display: block; font-weight: 400; font-size: 0.72em; }
.stamp { color: #b00000; border: 0.6mm solid #b00000; padding: 0.3mm 2.5mm; font-weight: 700; font-size: 1.3em; white-space: nowrap; }
.head .center { text-align: center; padding-top: 0.5mm; }
.depot { font-size: 1.1em; }
.title { font-size: ${s.titlePt}pt; font-weight: 700; line-height: 1.25; }
/* Spaced-out characters are how a Chinese form title looks; English words would fall apart. */
:lang(zh) .title { letter-spacing: 0.4em; margin-right: -0.4em; }
.head .right { justify-self: end; text-align: center; }
.bar { padding: 0 ${(10 * s.moduleMm).toFixed(1)}mm; line-height: 0; }
.bar-text { font-size: 0.95em; letter-spacing: 0.06em; }
.meta { display: flex; gap: 3mm; margin-top: 1.5mm; align-items: flex-end; }
.info { flex: 1; border-collapse: collapse; }
.info th { font-weight: 400; text-align: left; white-space: nowrap; padding: 0.5mm 1.5mm 0.5mm 0; width: 1%; vertical-align: bottom; }
.info td { border-bottom: 0.2mm solid #000; padding: 0.5mm 3mm 0.2mm 0; vertical-align: bottom; overflow-wrap: anywhere; }
.info td.gap { border-bottom: none; width: 3mm; padding: 0; }
.qr { line-height: 0; padding: 1mm; }
/* Automatic layout: dates, numbers and pack counts never wrap, names and specs take the rest. */
table.lines { width: 100%; border-collapse: collapse; margin-top: 1.5mm; }
table.lines thead { display: table-header-group; }
table.lines tr { break-inside: avoid; }
table.lines th, table.lines td { border: 0.25mm solid #000; padding: 0.5mm 1mm; vertical-align: middle; overflow-wrap: anywhere; }
/* Headers break between words, never inside 序号 or 有效期至. */
table.lines th { font-weight: 700; text-align: center; word-break: keep-all; overflow-wrap: normal; }
table.lines .nw { white-space: nowrap; }
table.lines td.n { text-align: right; font-variant-numeric: tabular-nums; }
table.lines td.c { text-align: center; }
table.lines .sub { display: block; font-size: 0.82em; }
table.lines .sub.pending, table.lines .sub.note { font-weight: 700; }
/* A pack breakdown under a figure wraps rather than widen its column (15箱+19盒+20只). */
table.lines .sub.packs { white-space: normal; }
/* A reversal (红冲) in red ink: its figures are negative and must not pass for a shipment or a receipt. */
.red-ink table.lines td.n, .red-ink .totals, .red-ink h1 { color: #c00000; }
table.lines tr.running th { border: none; font-weight: 400; font-size: 0.82em; text-align: right; padding: 0 0 0.6mm; }
.running .stamp-small { color: #b00000; font-weight: 700; margin-left: 2mm; }
table.lines tbody.end { break-inside: avoid; }
table.lines tr.total td { padding: 0.8mm 1.5mm; }
table.lines tr.subtotal td { padding: 0.5mm 1.5mm; }
table.lines tbody.next-page > tr:first-child { break-before: page; }
table.lines tr.tail td { border: none; padding: 0; }
.totals { display: flex; flex-wrap: wrap; justify-content: space-between; column-gap: 4mm; }
.totals b { font-weight: 700; }
.remarks { margin-top: 1mm; overflow-wrap: anywhere; }
.signs { display: grid; grid-template-columns: repeat(4, 1fr); column-gap: 5mm; margin-top: 2.5mm; }
.signs div { border-bottom: 0.25mm solid #000; padding-bottom: 4.5mm; white-space: nowrap; }
`;
}

/** Text as a CSS string literal, for generated content. */
export const cssString = (text: string): string => `"${text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ')}"`;

/** A translated "第 {{page}} 页 / 共 {{pages}} 页" as CSS content, the placeholders given as CSS (counter(page), "4"). */
function cssContent(t: TFunction, key: string, values: Record<string, string>): string {
  const marks = Object.keys(values);
  const text = t(key, Object.fromEntries(marks.map((k, i) => [k, `\u0000${i}\u0000`])));
  return text
    .split('\u0000')
    .map((piece, i) => (i % 2 === 1 ? values[marks[Number(piece)]!]! : piece ? cssString(piece) : ''))
    .filter(Boolean)
    .join(' ');
}

/** One part of a document (存根, 随货, 回执): its pages take the part's page name so its footer can number it apart. */
export interface FooterPart {
  /** A CSS identifier: the part's named page. */
  page: string;
  /** The document named at the bottom left: "出库单 CK20260410-0007". */
  left: string;
  /** Its short name ("随货") when the document has several parts; null for a document of one. */
  part: string | null;
}

/**
 * The page footer as CSS page-margin boxes, not Chromium's footer template: webContents.print
 * takes no template, so only the page's own CSS puts the same numbers on paper as in the PDF.
 * Chromium's page counter runs across the whole document; to number each part on its own
 * (第 1 页 / 共 4 页 · 随货联 rather than 第 5 页 / 共 12 页) the caller measures the parts first and
 * passes their page counts: each part after the first then counts through a counter style whose
 * first symbol sits at the part's first page, and every page but a part's last says 续下页 at
 * its foot. Unmeasured, the parts share one numbering and nothing says 续下页.
 */
export function pageFooterCss(t: TFunction, parts: FooterPart[], partPages: number[] | null): string {
  const css = [`@page { font-family: ${FONT_STACK}; font-size: 8pt; color: #000; }`];
  const measured = partPages !== null && partPages.length === parts.length && partPages.every((n) => n > 0);
  const continued = cssString(t('documents.continued'));
  let before = 0;
  parts.forEach((p, i) => {
    const style = `${p.page}-pages`;
    const pages = measured ? partPages[i]! : 0;
    if (measured && i > 0) {
      const symbols = Array.from({ length: pages }, (_, n) => `"${n + 1}"`).join(' ');
      css.push(`@counter-style ${style} { system: fixed ${before + 1}; symbols: ${symbols}; }`);
    }
    // 续下页 at the foot of every page of the part but its last: a page that ends the part says nothing.
    if (measured) css.push(`@counter-style ${p.page}-more { system: fixed ${before + 1}; symbols: ${[...Array<string>(pages - 1).fill(continued), '""'].join(' ')}; }`);
    before += pages;
    const values =
      measured && parts.length > 1
        ? { page: i > 0 ? `counter(page, ${style})` : 'counter(page)', pages: cssString(String(pages)) }
        : { page: 'counter(page)', pages: 'counter(pages)' };
    const numbers = p.part ? cssContent(t, 'documents.pageOfPart', { ...values, part: cssString(p.part) }) : cssContent(t, 'documents.page', values);
    const more = measured ? ` @bottom-center { content: counter(page, ${p.page}-more); font-weight: 700; vertical-align: middle; }` : '';
    css.push(`@page ${p.page} { @bottom-left { content: ${cssString(p.left)}; vertical-align: middle; }${more} @bottom-right { content: ${numbers}; vertical-align: middle; } }`);
  });
  return css.join('\n');
}

/** The document number as Code 128 and QR, drawn once and reused by every copy (a QR takes milliseconds). */
export interface Codes {
  code: string;
  bar: string;
  qr: string;
}

export function codesFor(paper: DocPaper, code: string | null): Codes | null {
  if (code === null) return null;
  const s = SCALE[paper];
  return { code, bar: code128Svg(code, { moduleMm: s.moduleMm, heightMm: s.barHeightMm }), qr: qrSvg(code, { sizeMm: s.qrMm }) };
}

export interface Heading {
  depotName: string;
  title: string;
  copyLabel?: string;
  copyHint?: string;
  /** Already worded: "补打（第2次）", "草稿…". */
  stamps: string[];
  /** The document number's codes; null on a draft that has none yet. */
  codes: Codes | null;
}

export function headHtml(h: Heading): string {
  const copy = h.copyLabel ? `<div class="copy-label">${esc(h.copyLabel)}${h.copyHint ? `<small>${esc(h.copyHint)}</small>` : ''}</div>` : '';
  const stamps = h.stamps.map((x) => `<div class="stamp">${esc(x)}</div>`).join('');
  const bar = h.codes ? `<div class="bar">${h.codes.bar}</div><div class="bar-text">${esc(h.codes.code)}</div>` : '';
  return `<header class="head">
<div class="left">${copy}${stamps}</div>
<div class="center"><div class="depot">${esc(h.depotName)}</div><div class="title">${esc(h.title)}</div></div>
<div class="right">${bar}</div>
</header>`;
}

/** Header fields as label/value pairs, two pairs a row, beside the QR. */
export function metaHtml(rows: [string, string, string, string][], codes: Codes | null): string {
  const body = rows
    .map(([l1, v1, l2, v2]) => `<tr><th>${esc(l1)}</th><td>${esc(v1)}</td><td class="gap"></td><th>${esc(l2)}</th><td>${esc(v2)}</td></tr>`)
    .join('');
  const code = codes ? `<div class="qr">${codes.qr}</div>` : '';
  return `<div class="meta"><table class="info"><colgroup><col><col style="width:55%"><col><col><col></colgroup>${body}</table>${code}</div>`;
}

/** Usual lot numbers stay on one line; a freak long one wraps rather than push the table off the paper. */
export const lotClass = (lotNo: string): string => (lotNo.length <= 16 ? 'nw' : '');

export interface Column {
  head: string;
  /** Percent of the table width, for the columns of free text; the others take what their content needs. */
  width?: number;
}

/**
 * The lines table: the running head and the column header are the <thead>, repeated by Chromium
 * on every page. The totals row, the remarks and the signature lines close the table and take
 * the last line with them onto the next page if need be: no page carries totals without a line
 * to add up, nor signatures without the header row. With `pages` (a long slip's 本页小计) the lines
 * come dealt into pages already: each page closes with its subtotal row and the next is forced.
 */
export function linesTableHtml(columns: Column[], running: { text: string; stamp: string | null }, rows: string[], totals: string, tail: string, pages?: PagedLines | null): string {
  const cols = columns.map((c) => (c.width ? `<col style="width:${c.width}%">` : '<col>')).join('');
  const heads = columns.map((c) => `<th>${esc(c.head)}</th>`).join('');
  const stamp = running.stamp ? `<span class="stamp-small">${esc(running.stamp)}</span>` : '';
  const end =
    `<tr class="total"><td colspan="${columns.length}"><div class="totals">${totals}</div></td></tr>` +
    `<tr class="tail"><td colspan="${columns.length}">${tail}</td></tr>`;
  // Pages planned ahead (page-subtotals.ts): each page's lines close with their subtotal, and the
  // next page is forced to start with its first line.
  const body = pages
    ? pages.lines
        .map((page, i) => `<tbody${i > 0 ? ' class="next-page"' : ''}>${page.map((k) => rows[k]).join('\n')}<tr class="subtotal"><td colspan="${columns.length}"><div class="totals">${pages.subtotal(page)}</div></td></tr></tbody>`)
        .join('\n') + `\n<tbody class="end">${end}</tbody>`
    : `${rows.length > 1 ? `<tbody>${rows.slice(0, -1).join('\n')}</tbody>` : ''}
<tbody class="end">${rows.slice(-1).join('')}${end}</tbody>`;
  return `<table class="lines"><colgroup>${cols}</colgroup>
<thead><tr class="running"><th colspan="${columns.length}">${esc(running.text)}${stamp}</th></tr><tr class="cols">${heads}</tr></thead>
${body}</table>`;
}

/** Lines dealt into pages: the line indexes of each page, and the words of a page's 本页小计. */
export interface PagedLines {
  lines: number[][];
  subtotal: (lines: number[]) => string;
}

export function signsHtml(t: TFunction, keys: string[]): string {
  return `<div class="signs">${keys.map((k) => `<div>${esc(t(`documents.sign.${k}`) + t('documents.colon'))}</div>`).join('')}</div>`;
}
