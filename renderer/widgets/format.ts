import { splitIntoPacks, type Pack } from '../../shared/packs.ts';

const pad = (n: number) => String(n).padStart(2, '0');

/** The desk's calendar day (local time) as YYYY-MM-DD. */
export function localDay(d = new Date()): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** "2026-04-10 14:05" in the desk's time zone. */
export function localTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${localDay(d)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** What <input type="datetime-local"> shows for an ISO time, and back. */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return `${localDay(d)}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
export function fromLocalInput(value: string): string | undefined {
  const d = new Date(value);
  return value && !Number.isNaN(d.getTime()) ? d.toISOString() : undefined;
}

const numbers = new Intl.NumberFormat('zh-CN');
export const fmtNumber = (n: number) => numbers.format(n);

/** Fen → "1,234.50" (yuan with two decimals). */
export function yuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '';
  return (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** "12.5" yuan → 1250 fen; null for an empty text; undefined when it is not an amount of yuan (at most 2 decimals). */
export function fenFromYuan(text: string): number | null | undefined {
  const t = text.replace(/[,，\s¥￥元]/g, '');
  if (t === '') return null;
  const m = /^(\d{1,9})(?:\.(\d{0,2}))?$/.exec(t);
  if (!m) return undefined;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** Fen → the text a yuan cell is edited in ("12.5", "12"). */
export function yuanText(fen: number | null): string {
  if (fen === null) return '';
  return fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2).replace(/0$/, '');
}

/**
 * The pack breakdown of a quantity ("1箱 4盒 34只"), or '' when it says no more than the base
 * units do (no packs, or less than one pack).
 */
export function packsOf(qty: number, unit: string, packs: readonly Pack[]): string {
  if (qty <= 0) return '';
  const split = splitIntoPacks(qty, unit, packs);
  return split === `${qty}${unit}` ? '' : split;
}

/** "1,234只（1箱 4盒 34只）": base units first, packs when they help counting. */
export function qtyText(qty: number, unit: string, packs: readonly Pack[]): string {
  const p = packsOf(qty, unit, packs);
  return `${fmtNumber(qty)}${unit}${p ? `（${p}）` : ''}`;
}
