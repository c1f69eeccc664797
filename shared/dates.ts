/**
 * A date as people type it or a scanner sends it, into the one form the desk stores and shows
 * (yyyy-mm-dd), whatever the browser's locale: 20281031, 2028-10-31, 2028/10/31, 2028.10.31,
 * 2028年10月31日, 2028-1-5. Blank is "no date" (null); anything else that is not a real calendar
 * day is undefined, so the caller can say so instead of dropping it.
 */
export function parseTypedDate(text: string | null | undefined): string | null | undefined {
  const s = (text ?? '').trim();
  if (s === '') return null;
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(s) ?? /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2199 || mo < 1 || mo > 12 || d < 1) return undefined;
  const lastDay = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d > lastDay) return undefined;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
