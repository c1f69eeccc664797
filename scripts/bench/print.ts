/**
 * Printing a dispatch slip to PDF: our path (slipHtml + PdfRenderer) beside bare Chromium
 * (page.setContent + page.pdf of the same HTML with the same options) in the same run, then a
 * batch of 100 different slips through one renderer. Runs alternate between the two so both see
 * the same machine load. Run alone with `node scripts/bench/print.ts`.
 */
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath, PdfRenderer, renderPdf } from '../../main/documents/pdf.ts';
import { pdfOptionsFor, toPlaywrightPdfOptions } from '../../main/documents/pdf-options.ts';
import { sampleSlip } from '../../main/documents/sample.ts';
import { slipHtml } from '../../main/documents/slip.ts';

const RUNS = 15;
const BATCH = 100;
const GOAL_RATIO = 1.2;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function runPrintBench(): Promise<string[]> {
  const slip = sampleSlip({ lines: 12 }); // three copies (存根/随货/回执) on A4: three pages
  const options = pdfOptionsFor('slip', 'A4');
  const html = slipHtml(slip, 'zh-CN', { paper: 'A4' });

  const renderer = await PdfRenderer.open();
  const bare = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
  const page = await bare.newPage();
  const ours: number[] = [];
  const bareTimes: number[] = [];
  try {
    // Warm-up: the first PDF of a browser pays for font loading and code caches.
    await renderer.render(html, options);
    await page.setContent(html);
    await page.pdf(toPlaywrightPdfOptions(options));
    for (let r = 0; r < RUNS; r++) {
      let start = performance.now();
      await renderer.render(slipHtml(slip, 'zh-CN', { paper: 'A4' }), options);
      ours.push(performance.now() - start);
      start = performance.now();
      await page.setContent(html);
      await page.pdf(toPlaywrightPdfOptions(options));
      bareTimes.push(performance.now() - start);
    }
  } finally {
    await bare.close();
    await renderer.close();
  }

  // The batch: every slip different, queued at once on a renderer with two pages, so Chromium
  // lays out one slip while it writes the PDF of another (a desk machine has two cores or more).
  const batch = await PdfRenderer.open({ pages: 2 });
  let batchSeconds: number;
  try {
    const start = performance.now();
    await Promise.all(
      Array.from({ length: BATCH }, (_, i) => {
        const paper = i % 2 ? 'A5' : 'A4';
        const data = sampleSlip({ lines: 4 + (i % 12), orderNo: `CK20260410-${String(i + 1).padStart(4, '0')}` });
        return batch.render(slipHtml(data, 'zh-CN', { paper }), pdfOptionsFor('slip', paper));
      }),
    );
    batchSeconds = (performance.now() - start) / 1000;
  } finally {
    await batch.close();
  }

  const coldStart = performance.now();
  await renderPdf(html, options);
  const cold = performance.now() - coldStart;

  const htmlStart = performance.now();
  for (let i = 0; i < 100; i++) slipHtml(slip, 'zh-CN', { paper: 'A4' });
  const htmlMs = (performance.now() - htmlStart) / 100;

  const ratio = median(ours) / median(bareTimes);
  return [
    `print: slip PDF (A4, 12 lines × 3 copies): ours median ${median(ours).toFixed(0)} ms (HTML ${htmlMs.toFixed(1)} ms + Chromium), ` +
      `bare page.setContent+page.pdf ${median(bareTimes).toFixed(0)} ms — ratio ${ratio.toFixed(2)}×; goal ≤ ${GOAL_RATIO}× — ${ratio <= GOAL_RATIO ? 'ok' : 'OVER GOAL'}`,
    `print: batch of ${BATCH} slips (4–15 lines, 3 copies, A4/A5) through one browser, two pages: ${batchSeconds.toFixed(1)} s, ${(BATCH / batchSeconds).toFixed(1)} slips/s`,
    `print: one slip from cold (launch Chromium, print, close — the CLI's case): ${cold.toFixed(0)} ms`,
  ];
}

if (import.meta.main) {
  for (const line of await runPrintBench()) console.log(line);
}
