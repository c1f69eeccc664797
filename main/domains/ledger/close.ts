import type { DayClose, DayCloseItem, DayCloseSummary, StatsWindow } from '../../../shared/contract/ledger.ts';
import type { Ctx } from '../../core/context.ts';
import type { Store } from '../../store/db.ts';
import { DepotError } from '../../core/errors.ts';
import { audit } from '../../core/audit.ts';
import { dayStart, localDay, nextDay } from './period.ts';
import { IN_AMOUNT_SQL, IN_QTY_SQL, OUT_AMOUNT_SQL, OUT_QTY_SQL } from './sides.ts';
import { statsWindow } from './stats.ts';
import { pruneRequests } from '../../core/requests.ts';

interface CloseRow {
  day: string;
  starts_at: string;
  ends_at: string;
  through_movement_id: number;
  figures: string;
  closed_at: string;
  closed_by: string;
}

const SELECT = `SELECT c.*, o.name AS closed_by FROM day_closes c JOIN operators o ON o.id = c.closed_by`;

const summary = (r: CloseRow): DayCloseSummary => ({
  day: r.day,
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  throughMovementId: r.through_movement_id,
  closedAt: r.closed_at,
  closedBy: r.closed_by,
  figures: JSON.parse(r.figures) as StatsWindow,
});

/**
 * 扎账: freezes every ended day up to `day` that is not closed yet, oldest first, each with its
 * statistics and its per-item opening / in / out / closing. The days are closed in order, so the
 * first open day always follows the last closed one; a trigger then refuses any posting dated
 * in a closed day (a desk with a slow clock), and corrections land on the day they are posted.
 */
export function closeDays(ctx: Ctx, day: string): DayCloseSummary[] {
  const today = localDay(ctx.now);
  if (day >= today) throw new DepotError('invalid_input', { detail: ctx.t('issue.day_not_ended', { day }) }, 'day');
  const last = ctx.store.first<{ day: string | null }>('SELECT max(day) AS day FROM day_closes')!.day;
  const firstMovement = ctx.store.first<{ at: string | null }>('SELECT min(at) AS at FROM movements')!.at;
  let d = last ? nextDay(last) : firstMovement ? localDay(firstMovement) : day;
  if (d > day) throw new DepotError('invalid_input', { detail: ctx.t('issue.nothing_to_close', { day }) }, 'day');

  // Balances carried from day to day, starting from everything before the first day to close.
  const balances = new Map<number, { qty: number; amount: number }>(
    ctx.store
      .all<{ item: number; qty: number; amount: number }>(
        'SELECT item_id AS item, sum(qty) AS qty, sum(coalesce(amount, 0)) AS amount FROM movements WHERE at < ? GROUP BY item_id',
        [dayStart(d)],
      )
      .map((r) => [r.item, { qty: r.qty, amount: r.amount }]),
  );
  const closed: DayCloseSummary[] = [];
  for (; d <= day; d = nextDay(d)) {
    const start = dayStart(d);
    const end = dayStart(nextDay(d));
    const flows = new Map(
      ctx.store
        .all<{ item: number; inQty: number; outQty: number; inAmount: number; outAmount: number }>(
          `SELECT m.item_id AS item, sum(${IN_QTY_SQL}) AS inQty, sum(${OUT_QTY_SQL}) AS outQty,
                  sum(${IN_AMOUNT_SQL}) AS inAmount, sum(${OUT_AMOUNT_SQL}) AS outAmount
             FROM movements m WHERE m.at >= ? AND m.at < ? GROUP BY m.item_id`,
          [start, end],
        )
        .map((r) => [r.item, r]),
    );
    const through = ctx.store.first<{ id: number | null }>('SELECT max(id) AS id FROM movements WHERE at < ?', [end])!.id ?? 0;
    ctx.store.run('INSERT INTO day_closes (day, starts_at, ends_at, through_movement_id, figures, closed_at, closed_by) VALUES (?, ?, ?, ?, ?, ?, ?)', [
      d,
      start,
      end,
      through,
      JSON.stringify(statsWindow(ctx.store, start, end)),
      ctx.now,
      ctx.operator.id,
    ]);
    for (const item of new Set([...balances.keys(), ...flows.keys()])) {
      const opening = balances.get(item) ?? { qty: 0, amount: 0 };
      const f = flows.get(item) ?? { inQty: 0, outQty: 0, inAmount: 0, outAmount: 0 };
      const closing = { qty: opening.qty + f.inQty - f.outQty, amount: opening.amount + f.inAmount - f.outAmount };
      balances.set(item, closing);
      if (opening.qty === 0 && opening.amount === 0 && !flows.has(item)) continue;
      ctx.store.run(
        `INSERT INTO day_close_items (day, item_id, opening_qty, in_qty, out_qty, closing_qty, opening_amount, in_amount, out_amount, closing_amount)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [d, item, opening.qty, f.inQty, f.outQty, closing.qty, opening.amount, f.inAmount, f.outAmount, closing.amount],
      );
    }
    audit(ctx, 'close', 'day', d, null, { throughMovementId: through });
    closed.push(summary(ctx.store.first<CloseRow>(`${SELECT} WHERE c.day = ?`, [d])!));
  }
  ctx.emit('data.changed', { entity: 'day_closes' });
  // The day's housekeeping: request records past their days go (a desk may run for weeks unclosed).
  pruneRequests(ctx.store, new Date(ctx.now));
  return closed;
}

export function listDayCloses(store: Store, limit: number): DayCloseSummary[] {
  return store.all<CloseRow>(`${SELECT} ORDER BY c.day DESC LIMIT ?`, [limit]).map(summary);
}

export function getDayClose(store: Store, day: string): DayClose {
  const row = store.first<CloseRow>(`${SELECT} WHERE c.day = ?`, [day]);
  if (!row) throw new DepotError('not_found', { entity: 'day_close', id: day }, 'day');
  const items = store.all<DayCloseItem>(
    `SELECT d.item_id AS itemId, i.code AS itemCode, i.name AS itemName, i.unit,
            d.opening_qty AS openingQty, d.in_qty AS inQty, d.out_qty AS outQty, d.closing_qty AS closingQty,
            d.opening_amount AS openingAmount, d.in_amount AS inAmount, d.out_amount AS outAmount, d.closing_amount AS closingAmount
       FROM day_close_items d JOIN items i ON i.id = d.item_id WHERE d.day = ? ORDER BY i.code`,
    [day],
  );
  return { ...summary(row), items };
}
