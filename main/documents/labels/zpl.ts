/**
 * ZPL II for Zebra and compatible label printers.
 *
 * Chinese text needs a TrueType font with CJK glyphs stored on the printer: the one the label
 * printer's settings name (`font`), by default E:SIMSUN.TTF, the usual choice; a name without a
 * drive is looked for on E:, where fonts are downloaded. The text goes as UTF-8 (^CI28). Without
 * that font the printer substitutes its built-in font and Chinese prints as blanks.
 */
import type { Locale } from '../../../shared/domain.ts';
import type { LabelData, LabelSize } from '../../../shared/contract/documents.ts';
import { GEOMETRY, LINE_HEIGHT, PT_MM } from '../label.ts';
import { PAPER } from '../pdf-options.ts';
import { dots, rawLayout } from './layout.ts';

export interface RawLabelOptions {
  size: LabelSize;
  dpi?: 203 | 300;
  locale?: Locale;
  /** The printer-resident font for Chinese text (the label printer's setting); unset: TSS24.BF2 in TSPL, E:SIMSUN.TTF in ZPL. */
  font?: string;
  /** Copies of each label. */
  copies?: number;
}

export const ZPL_DEFAULT_FONT = 'E:SIMSUN.TTF';

/** The font as ^A@ names it: drive and file. */
export const zplFont = (font: string | null | undefined): string => (!font ? ZPL_DEFAULT_FONT : /^[A-Z]:/i.test(font) ? font : `E:${font}`);

/** ^FH makes "_" the escape: the three characters ZPL would read as commands or escapes go as hex. */
const field = (text: string) => `^FH^FD${text.replace(/[_^~]/g, (c) => `_${c.charCodeAt(0).toString(16).toUpperCase()}`).replace(/[\r\n]+/g, ' ')}^FS`;

export function zplLabel(l: LabelData, o: RawLabelOptions): string {
  const dpi = o.dpi ?? 203;
  const font = zplFont(o.font);
  const d = (mm: number) => dots(mm, dpi);
  const paper = PAPER[o.size];
  const g = GEOMETRY[o.size];
  const out = ['^XA', '^CI28', `^PW${d(paper.widthMm)}`, `^LL${d(paper.heightMm)}`, '^LH0,0'];
  for (const e of rawLayout(l, o.size, o.locale ?? 'zh-CN')) {
    if (e.type === 'text') {
      const h = d(e.pt * PT_MM);
      // ^FB is given exactly the lines it gets, broken by \& here: it has nothing left to wrap, so
      // nothing can run past its last line and print over it.
      out.push(`^FO${d(e.x)},${d(e.y)}^A@N,${h},${h},${font}^FB${d(e.width)},${e.lines.length},${d(e.pt * PT_MM * (LINE_HEIGHT - 1))},L,0${field(e.lines.join('\\&'))}`);
    } else if (e.type === 'code128') {
      const narrow = Math.max(1, Math.min(Math.floor(g.maxModuleMm * (dpi / 25.4)), Math.floor(d(e.width) / (e.modules + 20))));
      const x = d(e.x) + Math.max(0, Math.round((d(e.width) - narrow * e.modules) / 2));
      // Mode A lets the printer pick subsets B and C, as bwip-js does for the HTML label.
      out.push(`^FO${x},${d(e.y)}^BY${narrow}^BCN,${d(e.height - g.barText * 0.2)},Y,N,N,A${field(e.text)}`);
    } else {
      const magnification = Math.max(1, Math.min(10, Math.floor(d(e.size) / e.modules)));
      // "MA,": error correction M, automatic data mode.
      out.push(`^FO${d(e.x)},${d(e.y)}^BQN,2,${magnification}^FH^FDMA,${e.text.replace(/[_^~]/g, (c) => `_${c.charCodeAt(0).toString(16).toUpperCase()}`)}^FS`);
    }
  }
  out.push(`^PQ${o.copies ?? 1}`, '^XZ');
  return out.join('\n') + '\n';
}

/** Labels as one ZPL job, UTF-8 bytes ready for sendRaw. */
export function zplLabels(labels: LabelData[], o: RawLabelOptions): Buffer {
  return Buffer.from(labels.map((l) => zplLabel(l, o)).join(''), 'utf8');
}
