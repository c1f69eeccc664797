/**
 * Lot, carton and pallet labels, one label a page, for label stock of 100×70 or 60×40 mm driven
 * through the OS printer driver. Every text box has a fixed place; long names and specs get a
 * smaller type size computed here (not by a script in the page), so the Electron window and
 * Chromium under Node lay out exactly the same label.
 */
import type { Locale } from '../../shared/domain.ts';
import type { LabelData, LabelSize } from '../../shared/contract/documents.ts';
import { code128Modules, code128Svg, qrSvg } from './barcodes.ts';
import { day, esc, htmlDocument, num, pageRule, translator } from './html.ts';
import { PAPER } from './pdf-options.ts';

export interface LabelGeometry {
  /** Blank border clear of the die-cut edge. */
  pad: number;
  /** Row heights in mm, top to bottom. */
  head: number;
  name: number;
  spec: number;
  mid: number;
  bar: number;
  barText: number;
  qr: number;
  namePt: [max: number, min: number];
  specPt: [max: number, min: number];
  fieldPt: number;
  qtyPt: number;
  headPt: number;
  maxModuleMm: number;
}

export const GEOMETRY: Record<LabelSize, LabelGeometry> = {
  '100x70': { pad: 3, head: 5, name: 14.5, spec: 7.5, mid: 20, bar: 10.5, barText: 3.5, qr: 19, namePt: [20, 8], specPt: [11, 6], fieldPt: 10.5, qtyPt: 13, headPt: 7.5, maxModuleMm: 0.38 },
  '60x40': { pad: 2, head: 3.4, name: 8.4, spec: 4.4, mid: 11.4, bar: 5.6, barText: 2.6, qr: 11.2, namePt: [12, 5], specPt: [7, 4.5], fieldPt: 6.3, qtyPt: 7.5, headPt: 5, maxModuleMm: 0.3 },
};

export const PT_MM = 25.4 / 72;
export const LINE_HEIGHT = 1.18;

/**
 * Width in em of text set in Noto Sans CJK / YaHei: a CJK character or full-width sign is 1 em;
 * Latin letters and digits are taken at 0.62 em, a little wider than the real average, so that
 * the estimate errs towards a smaller size and never towards clipping.
 */
export function textEm(text: string): number {
  let em = 0;
  for (const ch of text) em += charEm(ch);
  return em;
}

function charEm(ch: string): number {
  const c = ch.codePointAt(0)!;
  return c === 0x20 ? 0.3 : c < 0x2e80 ? 0.62 : 1;
}

const isLatin = (ch: string | undefined) => ch !== undefined && /[\x21-\x7e]/.test(ch);

/**
 * The text broken into at most maxLines lines that each fit widthMm at pt, by the same widths and
 * 8 % slack as fitText: between any two CJK characters, at a space rather than inside a Latin
 * word. What does not fit is cut and the last line ends in "…", as the PDF label's line clamp
 * does. Raw label printers get these lines, so their text block can never overflow.
 */
export function wrapText(text: string, widthMm: number, pt: number, maxLines: number): string[] {
  const maxEm = (widthMm * 0.92) / (pt * PT_MM);
  const lines: string[] = [];
  let rest = [...text.trim()];
  while (rest.length > 0 && lines.length < maxLines) {
    let em = 0;
    let end = 0;
    while (end < rest.length && em + charEm(rest[end]!) <= maxEm) em += charEm(rest[end++]!);
    if (end === rest.length) {
      lines.push(rest.join(''));
      break;
    }
    if (lines.length === maxLines - 1) {
      while (end > 0 && em + charEm('…') > maxEm) em -= charEm(rest[--end]!);
      lines.push(`${rest.slice(0, end).join('').trimEnd()}…`);
      break;
    }
    if (isLatin(rest[end]) && isLatin(rest[end - 1])) {
      const space = rest.lastIndexOf(' ', end - 1);
      if (space > 0) end = space + 1;
    }
    end = Math.max(1, end);
    lines.push(rest.slice(0, end).join('').trimEnd());
    rest = rest.slice(end);
    while (rest[0] === ' ') rest.shift();
  }
  return lines;
}

/**
 * The largest size between max and min (0.5 pt steps) at which the text fits the box, wrapping
 * onto as many lines as the box is high; 8 % of each line is left for the slack of wrapping at
 * word ends. The sizes are chosen so that any item name (at most 100 characters) fits on both
 * labels; a spec of more than about 60 characters on a 60×40 label is set at the smallest size
 * and cut with an ellipsis (the slip carries it whole, and the code and barcodes name the item).
 */
export function fitText(text: string, box: { widthMm: number; heightMm: number }, maxPt: number, minPt: number): { pt: number; lines: number; fits: boolean } {
  const em = textEm(text);
  for (let pt = maxPt; pt >= minPt; pt -= 0.5) {
    const lines = Math.max(1, Math.floor(box.heightMm / (pt * PT_MM * LINE_HEIGHT)));
    const needed = Math.ceil((em * pt * PT_MM) / (box.widthMm * 0.92));
    if (needed <= lines) return { pt, lines, fits: true };
  }
  return { pt: minPt, lines: Math.max(1, Math.floor(box.heightMm / (minPt * PT_MM * LINE_HEIGHT))), fits: false };
}

function fitted(cls: string, text: string, box: { widthMm: number; heightMm: number }, [max, min]: [number, number]): string {
  const f = fitText(text, box, max, min);
  return `<div class="${cls}" style="font-size:${f.pt}pt;-webkit-line-clamp:${f.lines}">${esc(text)}</div>`;
}

function css(size: LabelSize): string {
  const g = GEOMETRY[size];
  const paper = PAPER[size];
  return `${pageRule(paper)}
.label { width: ${paper.widthMm}mm; height: ${paper.heightMm}mm; padding: ${g.pad}mm; overflow: hidden; break-after: page; display: grid;
  grid-template-rows: ${g.head}mm ${g.name}mm ${g.spec}mm ${g.mid}mm ${g.bar}mm ${g.barText}mm; line-height: ${LINE_HEIGHT}; }
.label:last-child { break-after: auto; }
.head { display: flex; justify-content: space-between; align-items: center; gap: 2mm; font-size: ${g.headPt}pt; white-space: nowrap; overflow: hidden; }
.kind { background: #000; color: #fff; padding: 0 1.2mm; font-weight: 700; }
.name, .spec { display: -webkit-box; -webkit-box-orient: vertical; overflow: hidden; overflow-wrap: anywhere; align-self: center; }
.name { font-weight: 700; }
.mid { display: flex; justify-content: space-between; align-items: center; gap: 1mm; }
.fields { display: grid; grid-template-columns: auto 1fr; column-gap: 1.5mm; font-size: ${g.fieldPt}pt; align-items: baseline; min-width: 0; }
.fields dt { white-space: nowrap; }
.fields dd { margin: 0; font-weight: 700; white-space: nowrap; overflow: hidden; }
.fields dd.qty { font-size: ${g.qtyPt}pt; }
.qr { line-height: 0; }
.bar { display: flex; justify-content: center; align-items: stretch; line-height: 0; }
.bar-text { text-align: center; font-size: ${Math.max(5, g.headPt)}pt; letter-spacing: 0.05em; white-space: nowrap; overflow: hidden; line-height: ${g.barText}mm; }
`;
}

function labelHtml(l: LabelData, size: LabelSize, locale: Locale): string {
  const t = translator(locale);
  const g = GEOMETRY[size];
  const width = PAPER[size].widthMm - 2 * g.pad;
  const fieldsWidth = width - g.qr - 1;
  // Ten modules of quiet zone each side; the modules as wide as fit, up to what scans from a metre.
  const moduleMm = Math.min(g.maxModuleMm, width / (code128Modules(l.barcode) + 20));
  const lotPt = fitText(l.lotNo, { widthMm: fieldsWidth * 0.7, heightMm: 100 }, g.fieldPt, 4.5);
  // A lot not accepted says so in black on the label itself: a carton of 待检 goods is never taken for stock to ship.
  const status = l.status && l.status !== 'accepted' ? ` <span class="kind">${esc(t(`lotStatus.${l.status}`))}</span>` : '';
  const field = (label: string, value: string, cls = '', style = '') => `<dt>${esc(label)}</dt><dd class="${cls}" style="${style}">${esc(value)}</dd>`;
  return `<section class="label">
<div class="head"><span><span class="kind">${esc(t(`documents.label.kind.${l.kind}`))}</span>${status} ${esc(l.itemCode)}${l.serial ? ` <b>${esc(labelSerial(l, locale))}</b>` : ''}</span><span>${l.location ? `${esc(t('documents.label.location'))} <b>${esc(l.location)}</b> · ` : ''}${esc(l.depotName)}</span></div>
${fitted('name', l.itemName, { widthMm: width, heightMm: g.name }, g.namePt)}
${fitted('spec', l.spec, { widthMm: width, heightMm: g.spec }, g.specPt)}
<div class="mid"><dl class="fields">
${field(t('documents.label.lot'), l.lotNo, '', lotPt.pt < g.fieldPt ? `font-size:${lotPt.pt}pt` : '')}
${l.producedOn ? field(t('documents.label.produced'), day(l.producedOn)) : ''}
${field(t('documents.label.expiry'), day(l.expiresOn) || '—')}
${field(t('documents.label.quantity'), `${num(l.quantity)} ${l.unit}`, 'qty')}
</dl><div class="qr">${qrSvg(l.qr, { sizeMm: g.qr })}</div></div>
<div class="bar">${code128Svg(l.barcode, { moduleMm, heightMm: g.bar - 0.4 })}</div>
<div class="bar-text">${esc(l.barcode)}</div>
</section>`;
}

/** "第 3/16 箱" on a carton label, "第 1/2 托" on a pallet label; '' without a serial. */
export function labelSerial(l: Pick<LabelData, 'kind' | 'serial'>, locale: Locale): string {
  return l.serial ? translator(locale)(`documents.label.serial.${l.kind}`, { n: l.serial.n, of: l.serial.of }) : '';
}

export function labelsTitle(labels: LabelData[], locale: Locale): string {
  const first = labels[0];
  return first ? `${translator(locale)(`documents.label.kind.${first.kind}`)} ${first.lotNo}` : '';
}

/** Any number of labels, one a page, all of one size. */
export function labelsHtml(labels: LabelData[], locale: Locale, options: { size: LabelSize }): string {
  return htmlDocument({
    locale,
    title: labelsTitle(labels, locale),
    css: css(options.size),
    body: labels.map((l) => labelHtml(l, options.size, locale)).join('\n'),
  });
}
