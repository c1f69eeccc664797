import { localDay } from '../../core/doc-numbers.ts';

export { localDay };

/**
 * Ledger rows carry the posting moment as an ISO instant (UTC, milliseconds), so they compare
 * as strings. A period of the depot's local days becomes [start, end) in those instants.
 */
export function dayStart(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d).toISOString();
}

export function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return localDay(new Date(y, m - 1, d + 1).toISOString());
}

export function previousDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return localDay(new Date(y, m - 1, d - 1).toISOString());
}

/** [from, to] local days → [start, end) instants. */
export const periodBounds = (from: string, to: string) => ({ start: dayStart(from), end: dayStart(nextDay(to)) });

/** The instant as the depot's wall clock shows it: "2026-04-10 18:05". */
export function localDateTime(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${localDay(iso)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const DAY_MS = 86_400_000;
/** Days from 1899-12-30 (Excel's day 0) to 1970-01-01. */
const EXCEL_EPOCH_DAYS = 25_569;

/**
 * An instant as an Excel date serial in the depot's local time: Excel dates have no time zone,
 * and finance reads the wall clock the desk showed.
 */
export function excelSerial(ms: number): number {
  const local = ms - new Date(ms).getTimezoneOffset() * 60_000;
  return local / DAY_MS + EXCEL_EPOCH_DAYS;
}

/** A calendar date ("2028-02-28") as an Excel date serial. */
export function excelDate(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / DAY_MS + EXCEL_EPOCH_DAYS;
}
