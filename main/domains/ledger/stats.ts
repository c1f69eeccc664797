import type { StatsSummary, StatsWindow, Tally } from '../../../shared/contract/ledger.ts';
import { SOURCE_TYPES, type SourceType } from '../../../shared/contract/receiving.ts';
import { CATEGORIES, UNIT_TYPES, type Category, type UnitType } from '../../../shared/domain.ts';
import type { Store } from '../../store/db.ts';
import { dayStart, localDay } from './period.ts';
import { DISPATCH_DOCS_SQL, RECEIPT_DOCS_SQL } from './sides.ts';

/**
 * The statistics of the briefing, all from the ledger:
 * - received (接收) = receipts net of their reversals (红冲), without opening stock (期初: it was
 *   on hand before the desk started) and returns (退库: goods coming back, reported apart);
 * - dispatched (拨付) = dispatches net of their reversals and delivery adjustments;
 * - kinds (种) = items whose net quantity is above zero, pieces (件) = net base units;
 * - documents: posted receipts (opening stock excluded) and shipped dispatches; a reversal
 *   counts −1 on the day it is posted, so its original is netted out of the cumulative count
 *   and the daily counts add up to it.
 * A window is [from, to): from null means since the first ledger row.
 */
export function statsWindow(store: Store, from: string | null, to: string): StatsWindow {
  const params = { from, to };
  const received = store.all<{ item: number; category: Category; source: SourceType | null; qty: number; amount: number }>(
    `SELECT m.item_id AS item, i.category, m.source_type AS source, sum(m.qty) AS qty, sum(coalesce(m.amount, 0)) AS amount
       FROM movements m JOIN items i ON i.id = m.item_id
      WHERE m.doc_type IN ${RECEIPT_DOCS_SQL} AND (:from IS NULL OR m.at >= :from) AND m.at < :to
      GROUP BY m.item_id, m.source_type`,
    params,
  );
  const dispatched = store.all<{ item: number; category: Category; unitType: UnitType | null; qty: number; amount: number }>(
    `SELECT m.item_id AS item, i.category, u.type AS unitType, sum(-m.qty) AS qty, sum(-coalesce(m.amount, 0)) AS amount
       FROM movements m JOIN items i ON i.id = m.item_id LEFT JOIN units u ON u.id = m.unit_id
      WHERE m.doc_type IN ${DISPATCH_DOCS_SQL} AND (:from IS NULL OR m.at >= :from) AND m.at < :to
      GROUP BY m.item_id, u.type`,
    params,
  );
  const inbound = store.first<{ n: number }>(
    `SELECT coalesce(sum(CASE WHEN reverses_id IS NULL THEN 1 ELSE -1 END), 0) AS n FROM receipts
      WHERE status = 'posted' AND source_type <> 'opening' AND (:from IS NULL OR posted_at >= :from) AND posted_at < :to`,
    params,
  )!.n;
  const outbound = store.first<{ n: number }>(
    `SELECT count(DISTINCT CASE WHEN doc_type = 'dispatch' THEN doc_id END) - count(DISTINCT CASE WHEN doc_type = 'dispatch_reversal' THEN doc_id END) AS n
       FROM movements WHERE doc_type IN ('dispatch', 'dispatch_reversal') AND (:from IS NULL OR at >= :from) AND at < :to`,
    params,
  )!.n;

  const supply = received.filter((r) => r.source !== 'opening' && r.source !== 'return');
  return {
    from,
    to,
    received: {
      total: tally(supply),
      bySource: SOURCE_TYPES.filter((s) => s !== 'opening' && s !== 'return')
        .map((sourceType) => ({ sourceType, rows: supply.filter((r) => (r.source ?? 'other') === sourceType) }))
        .filter((g) => g.rows.length > 0)
        .map((g) => ({ sourceType: g.sourceType, ...tally(g.rows) })),
      byCategory: CATEGORIES.map((category) => ({ category, rows: supply.filter((r) => r.category === category) }))
        .filter((g) => g.rows.length > 0)
        .map((g) => ({ category: g.category, ...tally(g.rows) })),
    },
    dispatched: {
      total: tally(dispatched),
      byUnitType: [...UNIT_TYPES, null]
        .map((unitType) => ({ unitType, rows: dispatched.filter((r) => r.unitType === unitType) }))
        .filter((g) => g.rows.length > 0)
        .map((g) => ({ unitType: g.unitType, ...tally(g.rows) })),
      byCategory: CATEGORIES.map((category) => ({ category, rows: dispatched.filter((r) => r.category === category) }))
        .filter((g) => g.rows.length > 0)
        .map((g) => ({ category: g.category, ...tally(g.rows) })),
      byUnitTypeCategory: [...UNIT_TYPES, null].flatMap((unitType) =>
        CATEGORIES.map((category) => ({ unitType, category, rows: dispatched.filter((r) => r.unitType === unitType && r.category === category) }))
          .filter((g) => g.rows.length > 0)
          .map((g) => ({ unitType: g.unitType, category: g.category, ...tally(g.rows) })),
      ),
    },
    returned: tally(received.filter((r) => r.source === 'return')),
    documents: { inbound, outbound },
  };
}

/** Net per item first (a reversal cancels its receipt), then kinds are the items left above zero. */
function tally(rows: readonly { item: number; qty: number; amount: number }[]): Tally {
  const perItem = new Map<number, number>();
  let pieces = 0;
  let amount = 0;
  for (const r of rows) {
    perItem.set(r.item, (perItem.get(r.item) ?? 0) + r.qty);
    pieces += r.qty;
    amount += r.amount;
  }
  let kinds = 0;
  for (const qty of perItem.values()) if (qty > 0) kinds++;
  return { kinds, pieces, amount };
}

export const depotName = (store: Store): string => store.first<{ value: string }>(`SELECT value FROM settings WHERE key = 'depot.name'`)?.value ?? '';

/** Today (from the depot's local midnight) and cumulative, up to and including the moment `at`. */
export function statsSummary(store: Store, at: string): StatsSummary {
  const moment = new Date(at).toISOString();
  const to = new Date(Date.parse(moment) + 1).toISOString();
  const day = localDay(moment);
  const onHand = store.all<{ item: number; qty: number; amount: number }>(
    `SELECT item_id AS item, sum(qty) AS qty, sum(coalesce(amount, 0)) AS amount FROM movements WHERE at < ? GROUP BY item_id`,
    [to],
  );
  return {
    at: moment,
    day,
    depotName: depotName(store),
    today: statsWindow(store, dayStart(day), to),
    cumulative: statsWindow(store, null, to),
    onHand: tally(onHand),
  };
}
