/**
 * TSPL/TSPL2 for TSC, Gprinter, Xprinter and the many compatible label printers in Chinese depots.
 *
 * Chinese text assumes a TrueType font with CJK glyphs downloaded to the printer under the name
 * SIMSUN.TTF (override with `font`), and UTF-8 text (CODEPAGE UTF-8, TSPL2 firmware). For a TTF
 * font the TEXT/BLOCK multiplication parameters are the character width and height in points.
 * Printers with only the built-in GB2312 bitmap font (TSS24.BF2) would need the text in GB2312:
 * not supported here.
 */
import type { LabelData } from '../../../shared/contract/documents.ts';
import { GEOMETRY } from '../label.ts';
import { PAPER } from '../pdf-options.ts';
import { dots, rawLayout } from './layout.ts';
import type { RawLabelOptions } from './zpl.ts';

/** TSPL strings are in double quotes; a quote inside one is written \["]. */
const quoted = (text: string) => `"${text.replace(/"/g, '\\["]').replace(/[\r\n]+/g, ' ')}"`;

export function tsplLabel(l: LabelData, o: RawLabelOptions): string {
  const dpi = o.dpi ?? 203;
  const font = quoted(o.font ?? 'SIMSUN.TTF');
  const d = (mm: number) => dots(mm, dpi);
  const paper = PAPER[o.size];
  const g = GEOMETRY[o.size];
  const out = [`SIZE ${paper.widthMm} mm,${paper.heightMm} mm`, 'GAP 2 mm,0 mm', 'DIRECTION 1', 'REFERENCE 0,0', 'CODEPAGE UTF-8', 'CLS'];
  for (const e of rawLayout(l, o.size, o.locale ?? 'zh-CN')) {
    if (e.type === 'text') {
      const pt = Math.round(e.pt);
      // BLOCK wraps within its box; a one-line box is plain TEXT.
      out.push(
        e.lines > 1
          ? `BLOCK ${d(e.x)},${d(e.y)},${d(e.width)},${d(e.height)},${font},0,${pt},${pt},${quoted(e.text)}`
          : `TEXT ${d(e.x)},${d(e.y)},${font},0,${pt},${pt},${quoted(e.text)}`,
      );
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

/** Labels as one TSPL job, UTF-8 bytes ready for sendRaw. */
export function tsplLabels(labels: LabelData[], o: RawLabelOptions): Buffer {
  return Buffer.from(labels.map((l) => tsplLabel(l, o)).join(''), 'utf8');
}
