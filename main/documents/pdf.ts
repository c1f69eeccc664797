/**
 * PDF under plain Node (tests, CLI, bench): the same HTML the app prints, through playwright-core
 * and the system's Chromium. The app itself prints with webContents.printToPDF and never loads this.
 */
import type { Browser, Page } from 'playwright-core';
import { toPlaywrightPdfOptions, type PdfOptions } from './pdf-options.ts';
import { contentBoxPx, READ_LINES_LAYOUT, type LinesLayout } from './page-subtotals.ts';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-gpu', '--no-first-run'];

export function chromiumPath(): string {
  return process.env.DEPOT_CHROMIUM || '/usr/bin/chromium';
}

/**
 * One browser for a batch: starting Chromium costs far more than printing a slip, so 100 slips
 * share it, each printed on one of a few reused pages.
 */
export class PdfRenderer {
  readonly #browser: Browser;
  readonly #idle: Page[] = [];
  readonly #waiting: ((page: Page) => void)[] = [];

  private constructor(browser: Browser, pages: Page[]) {
    this.#browser = browser;
    this.#idle.push(...pages);
  }

  /** `pages` renders that many documents at once (default 1: a desk machine has few cores). */
  static async open(options: { pages?: number } = {}): Promise<PdfRenderer> {
    // Loaded on first use: the app prints with printToPDF and should not pay for playwright at start.
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
    try {
      const pages = await Promise.all(Array.from({ length: Math.max(1, options.pages ?? 1) }, () => browser.newPage()));
      return new PdfRenderer(browser, pages);
    } catch (e) {
      await browser.close();
      throw e;
    }
  }

  async render(html: string, options: PdfOptions): Promise<Buffer> {
    const page = this.#idle.pop() ?? (await new Promise<Page>((resolve) => this.#waiting.push(resolve)));
    try {
      // Everything is inline (CSS, SVG barcodes, system fonts): 'load' is all there is to wait for.
      await page.setContent(html, { waitUntil: 'load' });
      return await page.pdf(toPlaywrightPdfOptions(options));
    } finally {
      const next = this.#waiting.shift();
      if (next) next(page);
      else this.#idle.push(page);
    }
  }

  /** A slip's lines laid out on screen at the paper's content width, measured (see page-subtotals.ts). */
  async measureLines(html: string, options: PdfOptions): Promise<LinesLayout | null> {
    const page = this.#idle.pop() ?? (await new Promise<Page>((resolve) => this.#waiting.push(resolve)));
    const viewport = page.viewportSize();
    try {
      await page.setViewportSize({ width: contentBoxPx(options).width, height: 800 });
      await page.setContent(html, { waitUntil: 'load' });
      const json = await page.evaluate(READ_LINES_LAYOUT);
      return typeof json === 'string' ? (JSON.parse(json) as LinesLayout) : null;
    } finally {
      if (viewport) await page.setViewportSize(viewport);
      const next = this.#waiting.shift();
      if (next) next(page);
      else this.#idle.push(page);
    }
  }

  async close(): Promise<void> {
    await this.#browser.close();
  }
}

/** One document: opens Chromium, prints, closes. Use a PdfRenderer for more than one. */
export async function renderPdf(html: string, options: PdfOptions): Promise<Buffer> {
  const renderer = await PdfRenderer.open();
  try {
    return await renderer.render(html, options);
  } finally {
    await renderer.close();
  }
}
