/**
 * The label laid out for a raw label printer, in millimetres from the top-left corner, from the
 * same geometry and type sizes as the HTML label; tspl.ts and zpl.ts only translate it to dots.
 */
import type { Locale } from '../../../shared/domain.ts';
import type { LabelData, LabelSize } from '../../../shared/contract/documents.ts';
import { code128Modules, qrModules } from '../barcodes.ts';
import { day, num, translator } from '../html.ts';
import { fitText, GEOMETRY, labelSerial, wrapText } from '../label.ts';
import { PAPER } from '../pdf-options.ts';

export type RawElement =
  /** Text already broken into the lines that fit its box (wrapText), the last cut with "…" if need be. */
  | { type: 'text'; x: number; y: number; width: number; height: number; pt: number; lines: string[] }
  | { type: 'code128'; x: number; y: number; height: number; width: number; modules: number; text: string }
  | { type: 'qr'; x: number; y: number; size: number; modules: number; text: string };

export function rawLayout(l: LabelData, size: LabelSize, locale: Locale): RawElement[] {
  const t = translator(locale);
  const g = GEOMETRY[size];
  const paper = PAPER[size];
  const width = paper.widthMm - 2 * g.pad;
  const fieldsWidth = width - g.qr - 1;
  const text = (x: number, y: number, w: number, h: number, pt: number, value: string): RawElement => {
    const f = fitText(value, { widthMm: w, heightMm: h }, pt, Math.min(pt, 4.5));
    return { type: 'text', x, y, width: w, height: h, pt: f.pt, lines: wrapText(value, w, f.pt, f.lines) };
  };
  const name = fitText(l.itemName, { widthMm: width, heightMm: g.name }, ...g.namePt);
  const spec = fitText(l.spec, { widthMm: width, heightMm: g.spec }, ...g.specPt);
  let y = g.pad;
  const out: RawElement[] = [];
  // The same words as the PDF label: a status that is not 合格 beside the kind, the shelf before the depot.
  const status = l.status && l.status !== 'accepted' ? `[${t(`lotStatus.${l.status}`)}]` : '';
  const place = l.location ? `${t('documents.label.location')} ${l.location}` : '';
  out.push(text(g.pad, y, width, g.head, g.headPt, [`${t(`documents.label.kind.${l.kind}`)}${status} ${l.itemCode}`, labelSerial(l, locale), place, l.depotName].filter(Boolean).join('  ')));
  y += g.head;
  out.push({ type: 'text', x: g.pad, y, width, height: g.name, pt: name.pt, lines: wrapText(l.itemName, width, name.pt, name.lines) });
  y += g.name;
  if (l.spec) out.push({ type: 'text', x: g.pad, y, width, height: g.spec, pt: spec.pt, lines: wrapText(l.spec, width, spec.pt, spec.lines) });
  y += g.spec;
  const fields = [
    `${t('documents.label.lot')} ${l.lotNo}`,
    ...(l.producedOn ? [`${t('documents.label.produced')} ${day(l.producedOn)}`] : []),
    `${t('documents.label.expiry')} ${day(l.expiresOn) || '—'}`,
    `${t('documents.label.quantity')} ${num(l.quantity)} ${l.unit}`,
  ];
  const row = g.mid / fields.length;
  fields.forEach((f, i) => out.push(text(g.pad, y + i * row, fieldsWidth, row, g.fieldPt, f)));
  out.push({ type: 'qr', x: paper.widthMm - g.pad - g.qr, y: y + (g.mid - g.qr) / 2, size: g.qr, modules: qrModules(l.qr), text: l.qr });
  y += g.mid;
  out.push({ type: 'code128', x: g.pad, y, height: g.bar, width, modules: code128Modules(l.barcode), text: l.barcode });
  return out;
}

/** Millimetres → printer dots (8 a millimetre at 203 dpi, 12 at 300). */
export const dots = (mm: number, dpi: number): number => Math.round((mm * dpi) / 25.4);
