/**
 * Barcodes as inline SVG (bwip-js), sized in millimetres so the printed module width is exact
 * whatever the page scale: one SVG unit of a Code 128 drawn at scale 1 is one module.
 */
// The generic build: pure JavaScript, the same under Node and in Electron (toSVG needs no platform code).
import bwipjs from 'bwip-js/generic';
import { esc } from './html.ts';

// No shape-rendering="crispEdges": Chromium then snaps bars to its own pixel grid when it writes
// the PDF and thin bars of some module widths come out as hairlines.
function sized(svg: string, widthMm: number, heightMm: number, label: string): string {
  return svg.replace(
    '<svg ',
    `<svg width="${round(widthMm)}mm" height="${round(heightMm)}mm" preserveAspectRatio="none" role="img" aria-label="${esc(label)}" `,
  );
}

const round = (mm: number) => Math.round(mm * 100) / 100;

function viewBoxWidth(svg: string): number {
  const m = /viewBox="0 0 (\d+(?:\.\d+)?) /.exec(svg);
  if (!m) throw new Error('bwip-js returned an SVG without a viewBox');
  return Number(m[1]);
}

/** The number of modules of a Code 128 symbol, quiet zones excluded. */
export function code128Modules(text: string): number {
  return viewBoxWidth(bwipjs.toSVG({ bcid: 'code128', text, scale: 1, height: 1 }));
}

/**
 * Code 128 of printable ASCII (document numbers, lot numbers). The caller leaves a quiet zone of
 * ten modules on each side; scanners refuse a symbol without it.
 */
export function code128Svg(text: string, opts: { moduleMm: number; heightMm: number }): string {
  if (!/^[\x20-\x7e]+$/.test(text)) throw new RangeError(`Code 128 takes printable ASCII only, got "${text}"`);
  // bwip-js draws bars as strokes and takes the height in mm at 72 units an inch. Asking for the
  // height that keeps the drawing's aspect ratio makes the scaling uniform: a PDF renderer scales
  // stroke widths uniformly, so a squashed drawing would print hairline bars that no scanner reads.
  const height = (opts.heightMm / opts.moduleMm) * (25.4 / 72);
  const svg = bwipjs.toSVG({ bcid: 'code128', text, scale: 1, height });
  return sized(svg, viewBoxWidth(svg) * opts.moduleMm, opts.heightMm, text);
}

/** QR code, error correction M (survives a crease or a smudge on a slip that travelled with the goods). */
export function qrSvg(text: string, opts: { sizeMm: number }): string {
  const svg = bwipjs.toSVG({ bcid: 'qrcode', text, scale: 1, eclevel: 'M' } as bwipjs.RenderOptions);
  return sized(svg, opts.sizeMm, opts.sizeMm, text);
}

/** The number of modules a side of the QR code for this text (bwip-js draws a QR module as 2 units). */
export function qrModules(text: string): number {
  return viewBoxWidth(bwipjs.toSVG({ bcid: 'qrcode', text, scale: 1, eclevel: 'M' } as bwipjs.RenderOptions)) / 2;
}
