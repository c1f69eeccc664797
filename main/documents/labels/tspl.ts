/**
 * TSPL/TSPL2 for TSC, Gprinter, Xprinter and the many compatible label printers in Chinese depots.
 *
 * By default Chinese prints in the printer's built-in simplified-Chinese bitmap font TSS24.BF2
 * (24×24 dots, scaled by whole multiples), with the whole job encoded in GB18030 — what these
 * printers have out of the box. A TrueType font downloaded to the printer (e.g. SIMSUN.TTF) can be
 * named in the settings instead: then the text goes as UTF-8 (CODEPAGE UTF-8, TSPL2 firmware) and
 * TEXT/BLOCK take the character size in points.
 */
import iconv from 'iconv-lite';
import type { LabelData } from '../../../shared/contract/documents.ts';
import { GEOMETRY, LINE_HEIGHT, PT_MM } from '../label.ts';
import { PAPER } from '../pdf-options.ts';
import { dots, rawLayout } from './layout.ts';
import type { RawLabelOptions } from './zpl.ts';

/** TSPL strings are in double quotes; a quote inside one is written \["]. */
const quoted = (text: string) => `"${text.replace(/"/g, '\\["]').replace(/[\r\n]+/g, ' ')}"`;

/** The built-in simplified-Chinese font of TSC-compatible printers: 24×24-dot glyphs. */
export const TSPL_BUILTIN_CHINESE = 'TSS24.BF2';
const isTrueType = (font: string) => /\.ttf$/i.test(font);

export function tsplLabel(l: LabelData, o: RawLabelOptions): string {
  const dpi = o.dpi ?? 203;
  const fontName = o.font || TSPL_BUILTIN_CHINESE;
  const trueType = isTrueType(fontName);
  const font = quoted(fontName);
  const d = (mm: number) => dots(mm, dpi);
  const paper = PAPER[o.size];
  const g = GEOMETRY[o.size];
  const out = [`SIZE ${paper.widthMm} mm,${paper.heightMm} mm`, 'GAP 2 mm,0 mm', 'DIRECTION 1', 'REFERENCE 0,0', ...(trueType ? ['CODEPAGE UTF-8'] : []), 'CLS'];
  for (const e of rawLayout(l, o.size, o.locale ?? 'zh-CN')) {
    if (e.type === 'text') {
      // TrueType: the size in points. Bitmap: a whole multiple of the 24-dot glyph, at least 1 and
      // never larger than the size the lines were broken for, so each line fits its box.
      const pt = trueType ? Math.floor(e.pt) : Math.max(1, Math.floor(((e.pt / 72) * dpi) / 24));
      // One TEXT a line, already broken and cut to the box (the printer wraps nothing).
      e.lines.forEach((line, i) => out.push(`TEXT ${d(e.x)},${d(e.y + i * e.pt * PT_MM * LINE_HEIGHT)},${font},0,${pt},${pt},${quoted(line)}`));
    } else if (e.type === 'code128') {
      const narrow = Math.max(1, Math.min(Math.floor(g.maxModuleMm * (dpi / 25.4)), Math.floor(d(e.width) / (e.modules + 20))));
      const x = d(e.x) + Math.max(0, Math.round((d(e.width) - narrow * e.modules) / 2));
      // "128": Code 128 with automatic subset switching; 1 = human-readable line under the bars.
      out.push(`BARCODE ${x},${d(e.y)},"128",${d(e.height - g.barText * 0.2)},1,0,${narrow},${narrow},${quoted(e.text)}`);
    } else {
      const cell = Math.max(1, Math.min(10, Math.floor(d(e.size) / e.modules)));
      out.push(`QRCODE ${d(e.x)},${d(e.y)},M,${cell},A,0,${quoted(e.text)}`);
    }
  }
  out.push(`PRINT 1,${o.copies ?? 1}`);
  return out.join('\r\n') + '\r\n';
}

/** Labels as one TSPL job, bytes ready for sendRaw: GB18030 for the built-in font, UTF-8 for a TrueType one. */
export function tsplLabels(labels: LabelData[], o: RawLabelOptions): Buffer {
  const job = labels.map((l) => tsplLabel(l, o)).join('');
  return isTrueType(o.font || TSPL_BUILTIN_CHINESE) ? Buffer.from(job, 'utf8') : iconv.encode(job, 'gb18030');
}
