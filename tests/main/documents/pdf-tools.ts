/** What a person checking a PDF by hand would use: poppler's pdftotext/pdfinfo/pdftoppm and zbar's zbarimg. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'depot-docs-'));
let n = 0;

export function saveTemp(pdf: Uint8Array, name = `doc-${++n}.pdf`): string {
  const file = join(dir, name);
  writeFileSync(file, pdf);
  return file;
}

export function cleanupTemp(): void {
  rmSync(dir, { recursive: true, force: true });
}

/** The text of every page, in layout mode (pages split on form feeds). */
export function pdfPages(pdf: Uint8Array): string[] {
  const text = execFileSync('pdftotext', ['-layout', saveTemp(pdf), '-'], { encoding: 'utf8' });
  return text.split('\f').slice(0, -1);
}

/** Text with all white space removed: pdftotext spaces CJK text unpredictably. */
export const squeeze = (text: string): string => text.replace(/\s+/g, '');

export function pdfInfo(pdf: Uint8Array): { pages: number; width: number; height: number } {
  const out = execFileSync('pdfinfo', [saveTemp(pdf)], { encoding: 'utf8' });
  const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(out)!;
  return { pages: Number(/Pages:\s+(\d+)/.exec(out)![1]), width: Number(size[1]), height: Number(size[2]) };
}

/** Words with their boxes in points, per page: to prove nothing is drawn outside where it belongs. */
export function pdfWords(pdf: Uint8Array): { page: number; text: string; xMin: number; yMin: number; xMax: number; yMax: number }[] {
  const html = execFileSync('pdftotext', ['-bbox', saveTemp(pdf), '-'], { encoding: 'utf8' });
  const words: { page: number; text: string; xMin: number; yMin: number; xMax: number; yMax: number }[] = [];
  let page = 0;
  for (const line of html.split('\n')) {
    if (line.includes('<page ')) page++;
    const m = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/.exec(line);
    if (m) words.push({ page, text: m[5]!, xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]) });
  }
  return words;
}

/** Rasterises pages at `dpi` (as a scanner would see the paper) and returns what zbarimg decodes, e.g. "CODE-128:CK…". */
export function decodeBarcodes(pdf: Uint8Array, opts: { page?: number; dpi?: number } = {}): string[] {
  const file = saveTemp(pdf);
  const prefix = join(dir, `png-${++n}`);
  const page = String(opts.page ?? 1);
  execFileSync('pdftoppm', ['-r', String(opts.dpi ?? 300), '-png', '-f', page, '-l', page, file, prefix]);
  const png = readdirSync(dir).find((f) => join(dir, f).startsWith(prefix))!;
  // zbarimg exits 4 when it finds nothing; that is an answer, not a failure.
  const result = spawnSync('zbarimg', ['-q', join(dir, png)], { encoding: 'utf8' });
  return result.stdout.split('\n').filter(Boolean);
}

/**
 * The table's outer vertical borders on the line of `word` (page 1, 600 dpi, grey): the widths in
 * pixels of the first and last dark runs across the page, and whether the last lies beyond every
 * word on that line (a border, not the end of some text).
 */
export function outerBorders(pdf: Uint8Array, word: string): { left: number; right: number; rightIsBorder: boolean } {
  const file = saveTemp(pdf);
  const prefix = join(dir, `gray-${++n}`);
  execFileSync('pdftoppm', ['-gray', '-r', '600', '-f', '1', '-l', '1', file, prefix]);
  const pgm = readFileSync(join(dir, readdirSync(dir).find((f) => join(dir, f).startsWith(prefix))!));
  const [, w, h] = pgm.toString('latin1', 0, 40).split(/\s+/).map(Number);
  const width = w!;
  const offset = pgm.length - width * h!;
  const words = pdfWords(pdf).filter((x) => x.page === 1);
  const at = words.find((x) => x.text === word)!;
  const px = (pt: number) => Math.round((pt * 600) / 72);
  const y = px((at.yMin + at.yMax) / 2);
  const row = pgm.subarray(offset + y * width, offset + (y + 1) * width);
  const runs: { x: number; width: number }[] = [];
  for (let x = 0; x < width; x++) {
    if (row[x]! >= 128) continue;
    const start = x;
    while (x < width && row[x]! < 128) x++;
    runs.push({ x: start, width: x - start });
  }
  const onLine = (x: { yMin: number; yMax: number }) => (x.yMin + x.yMax) / 2 > at.yMin && (x.yMin + x.yMax) / 2 < at.yMax;
  const lastText = Math.max(...words.filter(onLine).map((x) => px(x.xMax)));
  return { left: runs[0]!.width, right: runs.at(-1)!.width, rightIsBorder: runs.at(-1)!.x > lastText };
}
