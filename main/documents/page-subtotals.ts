/**
 * 本页小计 on a long slip: a subtotal under the lines of every page needs the page breaks known
 * before printing, and Chromium decides them while it prints. So the slip is laid out once on
 * screen at the paper's width (the same layout Chromium prints: same fonts, same width in CSS px),
 * each line's height read, the lines dealt into pages here, and the slip printed with a forced
 * break before each page's first line and a subtotal row closing each page. The caller checks the
 * printed page count against the plan and prints without subtotals when they disagree, so a
 * subtotal never stands on a page that holds other lines.
 */
import type { PdfOptions } from './pdf-options.ts';

/** What the measuring pass reads from the laid-out slip, in CSS px. */
export interface LinesLayout {
  /** From the top of the page's content box to the first line (heading, fields, the column header). */
  firstLineTop: number;
  /** The column header with its running head, repeated at the top of every later page. */
  headHeight: number;
  lineHeights: number[];
  /** One subtotal row. */
  subtotalHeight: number;
  /** The totals, remarks and signatures that close the slip. */
  endHeight: number;
}

/**
 * Runs in the laid-out page (Playwright's evaluate, Electron's executeJavaScript) and answers a
 * LinesLayout as JSON, or null: the first lines table of the document, measured. Lines are
 * `tr.line`, the subtotal `tr.subtotal`, the closing block `tr.total` and `tr.tail`. Plain script
 * source: the main process has no DOM to type it against.
 */
export const READ_LINES_LAYOUT = `(() => {
  const table = document.querySelector('table.lines');
  const head = table && table.querySelector('thead');
  const lines = table ? [...table.querySelectorAll('tr.line')] : [];
  if (!head || lines.length === 0) return null;
  // No scroll bar: the lines are laid out across the page's whole width, as on paper.
  document.documentElement.style.overflow = 'hidden';
  const h = (el) => (el ? el.getBoundingClientRect().height : 0);
  return JSON.stringify({
    firstLineTop: lines[0].getBoundingClientRect().top + window.scrollY,
    headHeight: h(head),
    lineHeights: lines.map(h),
    subtotalHeight: h(table.querySelector('tr.subtotal')),
    endHeight: h(table.querySelector('tr.total')) + h(table.querySelector('tr.tail')),
  });
})()`;

const PX_PER_MM = 96 / 25.4;

/** The page's content box in CSS px: where the document's lines are laid out and broken. */
export function contentBoxPx(options: PdfOptions): { width: number; height: number } {
  const m = options.marginMm;
  return { width: Math.floor((options.widthMm - m.left - m.right) * PX_PER_MM), height: Math.floor((options.heightMm - m.top - m.bottom) * PX_PER_MM) };
}

/**
 * Room left unused at the foot of every page (in mm) for what screen and print lay out apart:
 * sub-pixel rounding of row borders accumulates over a page of lines.
 */
const SLACK_MM = 2;

/**
 * The lines dealt into pages: the indexes of the lines that begin the second, third… page, or null
 * when the whole slip fits on one page (one page needs no subtotal: its 合计 says it). Every page
 * ends with its subtotal row; the last page also holds the closing block, and a line moves over
 * with it rather than leave the totals alone on a page.
 */
export function planPages(layout: LinesLayout, pageHeight: number): number[] | null {
  const room = pageHeight - SLACK_MM * PX_PER_MM;
  const { lineHeights: rows, subtotalHeight: sub, endHeight: end } = layout;
  const total = rows.reduce((a, b) => a + b, 0);
  if (layout.firstLineTop + total + end <= room) return null;
  const starts: number[] = [];
  let y = layout.firstLineTop;
  rows.forEach((height, i) => {
    if (i > 0 && i !== starts.at(-1) && y + height + sub > room) {
      starts.push(i);
      y = layout.headHeight;
    }
    y += height;
  });
  // The closing block must fit under the last page's lines and its subtotal; if it does not, the
  // last line goes over with it (as an unplanned slip does), never the totals alone.
  const first = starts.at(-1) ?? 0;
  if (y + sub + end > room && rows.length - 1 > first) starts.push(rows.length - 1);
  return starts;
}

/** The line indexes of each page, from the first lines of the pages after the first. */
export function pagesOf(count: number, starts: number[]): number[][] {
  const bounds = [0, ...starts, count];
  return bounds.slice(0, -1).map((from, i) => Array.from({ length: bounds[i + 1]! - from }, (_, k) => from + k));
}
