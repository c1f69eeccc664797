import type { Ctx } from './context.ts';

/** The depot's calendar day of a moment, in the machine's time zone (the depot's). */
export function localDay(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The next number of a kind of document for today: RK20260410-0007. Never reused, even if the document is cancelled. */
export function nextDocNo(ctx: Ctx, prefix: string): string {
  const day = localDay(ctx.now).replaceAll('-', '');
  const row = ctx.store.first<{ last: number }>(
    `INSERT INTO doc_sequences (prefix, day, last) VALUES (?, ?, 1)
     ON CONFLICT (prefix, day) DO UPDATE SET last = last + 1
     RETURNING last`,
    [prefix, day],
  )!;
  return `${prefix}${day}-${String(row.last).padStart(4, '0')}`;
}
