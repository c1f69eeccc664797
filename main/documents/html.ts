/**
 * What every printed document shares: escaping, number and date forms, the font stack, the
 * page rule and the document shell. Everything here is pure so that the same HTML string goes
 * to Electron's hidden window and to Chromium under Node.
 */
import type { TFunction } from 'i18next';
import type { Locale } from '../../shared/domain.ts';
import { i18nFor } from '../../shared/i18n/index.ts';
import { localDay } from '../core/doc-numbers.ts';
import type { PaperGeometry } from './pdf-options.ts';

export const FONT_STACK = `"Noto Sans CJK SC", "Microsoft YaHei", sans-serif`;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const esc = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** The process's texts in one language: a batch of 100 slips does not rebuild them 100 times. */
export const translator = (locale: Locale): TFunction => i18nFor(locale).t;

// Formatters are built once: toLocaleString builds a new one on every call, which shows in a batch.
const INTEGER = new Intl.NumberFormat('en-US');
const YUAN = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** 12030 → "12,030": grouped the same in both languages, since the slips carry numbers, not prose. */
export const num = (n: number): string => INTEGER.format(n);

/** Fen → "12,345.67". */
export const money = (fen: number): string => (fen < 0 ? '-' : '') + YUAN.format(Math.abs(fen) / 100);

/** A date or a date-time → the depot's calendar day, "2026-04-10"; '' for none. */
export function day(iso: string | null | undefined): string {
  if (!iso) return '';
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso : localDay(iso);
}

/** A date-time → "2026-04-10 14:05" in the depot's time zone. */
export function minute(iso: string | null | undefined): string {
  if (!iso) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${localDay(iso)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The @page rule from the same geometry the PDF options use, so the app's print dialog and the PDF agree. */
export function pageRule(paper: PaperGeometry): string {
  const m = paper.marginMm;
  return `@page { size: ${paper.widthMm}mm ${paper.heightMm}mm; margin: ${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm; }`;
}

export function htmlDocument(opts: { locale: Locale; title: string; css: string; body: string }): string {
  return `<!doctype html>
<html lang="${opts.locale}">
<head>
<meta charset="utf-8">
<title>${esc(opts.title)}</title>
<style>
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { font-family: ${FONT_STACK}; color: #000; background: #fff; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
${opts.css}
</style>
</head>
<body>
${opts.body}
</body>
</html>`;
}
