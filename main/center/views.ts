import type { Locale } from '../../shared/domain.ts';
import { i18nFor } from '../../shared/i18n/index.ts';
import type { CenterStore } from './store.ts';

/**
 * The city's views, from the totals kept per depot and item as each batch is applied (migration
 * 002), by the same rules as a depot's own statistics (main/domains/ledger/sides.ts), so a city
 * figure is the sum of the depots' figures by construction and by test.
 */
export interface CityStockRow {
  itemCode: string;
  itemName: string;
  unit: string;
  category: string;
  depotCode: string;
  onHand: number;
  safetyStock: number;
  /** What is missing to the depot's safety stock (0 when it has enough). */
  shortfall: number;
  /** Average daily dispatch over the last 7 days, and how many days the stock lasts at that rate (null: nothing dispatched). */
  dailyOut: number;
  daysOfCover: number | null;
}

const DAY = 86_400_000;

/** Stock by item × depot with days of cover and shortfalls, by the depot's own rules (main/domains/stock/queries.ts). */
export async function cityStock(center: CenterStore, now = new Date()): Promise<CityStockRow[]> {
  const { rows } = await center.pool.query<Omit<CityStockRow, 'shortfall' | 'dailyOut' | 'daysOfCover'> & { out7: number }>(
    `SELECT t.item_code AS "itemCode", t.item_name AS "itemName", t.item_unit AS unit, t.category, t.depot_code AS "depotCode", t.on_hand AS "onHand",
            t.safety_stock AS "safetyStock", coalesce(w.out7, 0) AS out7
       FROM item_totals t
       LEFT JOIN (SELECT depot_code, item_code, sum(out_qty) AS out7 FROM item_out_hours
                   WHERE hour >= date_trunc('hour', $1::timestamptz) GROUP BY depot_code, item_code) w
         ON w.depot_code = t.depot_code AND w.item_code = t.item_code
      ORDER BY t.item_code, t.depot_code`,
    [new Date(now.getTime() - 7 * DAY)],
  );
  return rows.map(({ out7, ...r }) => {
    const dailyOut = out7 / 7;
    return {
      ...r,
      shortfall: Math.max(0, r.safetyStock - r.onHand),
      dailyOut: Math.round(dailyOut * 10) / 10,
      daysOfCover: dailyOut > 0 ? Math.floor(r.onHand / dailyOut) : null,
    };
  });
}

export interface CityDispatched {
  category: string;
  /** 种: items the city dispatched a net quantity of (an item dispatched by two depots is one kind). */
  kinds: number;
  /** 件: net base units, the sum of the depots'. */
  pieces: number;
  amount: number;
}

/** Cumulative dispatches per category, net of reversals and delivery adjustments, from the kept totals. */
export async function cityDispatched(center: CenterStore): Promise<CityDispatched[]> {
  const { rows } = await center.pool.query<CityDispatched>(
    `SELECT category, count(*) FILTER (WHERE qty > 0) AS kinds, sum(qty) AS pieces, sum(amount) AS amount
       FROM (SELECT category, item_code, sum(dispatched_qty) AS qty, sum(dispatched_amount) AS amount
               FROM item_totals GROUP BY category, item_code) per_item
      GROUP BY category HAVING sum(qty) <> 0 OR count(*) FILTER (WHERE qty > 0) > 0 ORDER BY category`,
  );
  return rows;
}

export interface DepotLag {
  code: string;
  name: string;
  lastSyncAt: string | null;
  /** Entries the depot had posted, as of its last batch, that the center has not applied yet. */
  pending: number;
  /** "最后同步 3 分钟前 · 12 条待同步" in the reader's language; a gap in words, with what to do. */
  text: string;
  /** Entries the center lacks and the depot can no longer send (from, to), or null. */
  gap: { from: number; to: number } | null;
}

function ago(since: Date, now: Date, locale: Locale): string {
  const t = i18nFor(locale).t;
  const minutes = Math.max(0, Math.floor((now.getTime() - since.getTime()) / 60_000));
  if (minutes < 1) return t('center.ago.justNow');
  if (minutes < 60) return t('center.ago.minutes', { count: minutes });
  if (minutes < 48 * 60) return t('center.ago.hours', { count: Math.floor(minutes / 60) });
  return t('center.ago.days', { count: Math.floor(minutes / 1440) });
}

export async function depotLag(center: CenterStore, now: Date, locale: Locale): Promise<DepotLag[]> {
  const t = i18nFor(locale).t;
  const { rows } = await center.pool.query<{ code: string; name: string; last_sync_at: Date | null; pending: number; high_water: number; gap_from_seq: number | null }>(
    'SELECT code, name, last_sync_at, greatest(reported_tail - high_water, 0) AS pending, high_water, gap_from_seq FROM depots ORDER BY code',
  );
  return rows.map((r) => {
    const synced = r.last_sync_at ? t('center.lag.synced', { ago: ago(r.last_sync_at, now, locale) }) : t('center.lag.never');
    const gap = r.gap_from_seq !== null && r.gap_from_seq > r.high_water + 1 ? { from: r.high_water + 1, to: r.gap_from_seq - 1 } : null;
    const lag = r.pending > 0 ? `${synced} · ${t('center.lag.pending', { count: r.pending })}` : synced;
    return {
      code: r.code,
      name: r.name,
      lastSyncAt: r.last_sync_at?.toISOString() ?? null,
      pending: r.pending,
      gap,
      text: gap ? `${lag} · ${t('center.lag.gap', { highWater: r.high_water, fromSeq: r.gap_from_seq, missingFrom: gap.from, missingTo: gap.to })}` : lag,
    };
  });
}
