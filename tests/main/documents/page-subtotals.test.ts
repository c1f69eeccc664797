import { describe, expect, it } from 'vitest';
import { pagesOf, planPages, type LinesLayout } from '../../../main/documents/page-subtotals.ts';

/** 2 mm of slack at 96 px per inch. */
const slack = (2 * 96) / 25.4;

const layout = (lines: number[], over: Partial<LinesLayout> = {}): LinesLayout => ({ firstLineTop: 200, headHeight: 50, lineHeights: lines, subtotalHeight: 20, endHeight: 100, ...over });

describe('dealing a slip’s lines into pages for 本页小计', () => {
  it('a slip that fits one page with its totals gets no subtotal', () => {
    expect(planPages(layout([40, 40, 40]), 440 + slack)).toBeNull();
  });

  it('fills each page up to what leaves room for its subtotal row, the later pages under the repeated header', () => {
    // Page 1: 200 + 5·40 + 20 = 420 ≤ 430; page 2: 50 + 9·40 + 20 = 430; page 3: 50 + 6·40 + 20 + 100 = 410.
    const starts = planPages(layout(Array<number>(20).fill(40)), 430 + slack);
    expect(starts).toEqual([5, 14]);
    expect(pagesOf(20, starts!).map((p) => p.length)).toEqual([5, 9, 6]);
  });

  it('moves the last line over with the totals rather than leave the totals alone on a page', () => {
    // Page 1 takes 4 lines (200 + 4·40 + 20 = 380); the last page's 7 lines and totals would take
    // 50 + 7·40 + 20 + 100 = 450 > 400: the last line goes with the totals.
    const starts = planPages(layout(Array<number>(11).fill(40)), 400 + slack);
    expect(starts).toEqual([4, 10]);
    // Room enough for the totals (50 + 5·40 + 20 + 100 = 370): no extra page.
    expect(planPages(layout(Array<number>(9).fill(40)), 400 + slack)).toEqual([4]);
  });

  it('never leaves a page without a line, even for a line taller than the room', () => {
    const starts = planPages(layout([40, 900, 40]), 430 + slack)!;
    expect(pagesOf(3, starts).every((p) => p.length > 0)).toBe(true);
  });
});
