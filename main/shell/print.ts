// The desktop app's print port (main/domains/print/port.ts): the document's HTML from
// main/documents in a hidden, sandboxed window with scripts off, then Chromium's own printing.
// The window loads a temp file rather than a data: URL, which Chromium caps at 2 MB; it uses an
// in-memory session of its own, so the renderer's CSP and storage are not involved.
import { BrowserWindow } from 'electron';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toElectronPrintOptions } from '../documents/pdf-options.ts';
import { contentBoxPx, READ_LINES_LAYOUT, type LinesLayout } from '../documents/page-subtotals.ts';
import type { PrintPort } from '../domains/print/port.ts';

export function electronPrintPort(): PrintPort {
  const windows = new Set<BrowserWindow>();

  // `measure`: scripts on, for the one script the core sends to read a slip's layout (the HTML
  // itself carries none), at the paper's content width.
  async function withPage<T>(html: string, work: (win: BrowserWindow) => Promise<T>, measure?: { width: number }): Promise<T> {
    const dir = await mkdtemp(join(tmpdir(), 'depot-print-'));
    const win = new BrowserWindow({
      show: false,
      ...(measure ? { width: measure.width, height: 800, useContentSize: true } : {}),
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: measure !== undefined, spellcheck: false, partition: 'depot-print' },
    });
    windows.add(win);
    try {
      const file = join(dir, 'document.html');
      await writeFile(file, html, 'utf8');
      await win.loadFile(file);
      return await work(win);
    } finally {
      windows.delete(win);
      win.destroy();
      await rm(dir, { recursive: true, force: true });
    }
  }

  return {
    toPdf: (html, options) => withPage(html, (win) => win.webContents.printToPDF(toElectronPrintOptions(options))),

    // The dialog's Cancel arrives as a failure ("cancelled"): the core then records no print.
    print: (html, options, job) =>
      withPage(
        html,
        (win) =>
          new Promise<void>((resolve, reject) =>
            win.webContents.print(
              {
                silent: job.silent,
                copies: job.copies,
                printBackground: options.printBackground,
                // Microns; the page's @page rule carries the same size and the margins.
                pageSize: { width: Math.round(options.widthMm * 1000), height: Math.round(options.heightMm * 1000) },
                ...(job.printer ? { deviceName: job.printer } : {}),
              },
              (ok, reason) => (ok ? resolve() : reject(new Error(reason || 'print failed'))),
            ),
          ),
      ),

    measureLines: (html, options) =>
      withPage(
        html,
        async (win) => {
          const json: unknown = await win.webContents.executeJavaScript(READ_LINES_LAYOUT);
          return typeof json === 'string' ? (JSON.parse(json) as LinesLayout) : null;
        },
        { width: contentBoxPx(options).width },
      ),

    listPrinters: () =>
      withPage('<!doctype html><title></title>', async (win) =>
        // isDefault is no longer in Electron's typings but some platforms still report it.
        (await win.webContents.getPrintersAsync()).map((p) => ({ name: p.name, isDefault: (p as { isDefault?: boolean }).isDefault === true })),
      ),

    close: async () => {
      for (const win of windows) win.destroy();
      windows.clear();
    },
  };
}
