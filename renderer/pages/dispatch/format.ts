import type { Pack } from '../../../shared/packs.ts';
import { splitIntoPacks } from '../../../shared/packs.ts';

const pad = (n: number) => String(n).padStart(2, '0');

/** The desk's calendar day (local time) as YYYY-MM-DD. */
export function localDay(d = new Date()): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A time of today as "14:05", of another day as "04-09 14:05": the grid is about today. */
export function shortTime(iso: string | null | undefined, today = localDay()): string {
  if (!iso) return '';
  const d = new Date(iso);
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return localDay(d) === today ? hm : `${localDay(d).slice(5)} ${hm}`;
}

/** A full local time, "2026-04-10 14:05". */
export function fullTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return `${localDay(d)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** What <input type="datetime-local"> shows for an ISO time, and back. */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return `${localDay(d)}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

const number = new Intl.NumberFormat('zh-CN');
export const fmtNumber = (n: number) => number.format(n);

/** 12,030 masks → "12,030只（12箱 30只）": the count in base units, and in packs when it makes a difference. */
export function qtyWithPacks(qty: number, unit: string, packs: readonly Pack[], t: (key: string, o: Record<string, string>) => string): string {
  const base = `${fmtNumber(qty)}${unit}`;
  const split = splitIntoPacks(qty, unit, packs);
  return split === `${qty}${unit}` ? base : t('dispatch.qtyPacks', { qty: base, packs: split });
}
