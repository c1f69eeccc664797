import type { StatsSummary, StatsWindow, Tally } from '../../../shared/contract/ledger.ts';
import { SOURCE_TYPES, type SourceType } from '../../../shared/contract/receiving.ts';
import { CATEGORIES, UNIT_TYPES, type Category, type UnitType } from '../../../shared/domain.ts';
import type { Store } from '../../store/db.ts';
import { dayStart, localDay } from './period.ts';
import { DISPATCH_DOCS, RECEIPT_DOCS } from './sides.ts';

/**
 * The statistics of the briefing, all from the ledger:
 * - received (接收) = receipts net of their reversals (红冲), without opening stock (期初: it was
 *   on hand before the desk started) and returns (退库: goods coming back, reported apart);
 * - dispatched (拨付) = dispatches net of their reversals and delivery adjustments;
 * - kinds (种) = items whose net quantity is above zero, pieces (件) = net base units;
 * - documents: posted receipts (opening stock excluded) and shipped dispatch orders; a reversal
 *   counts −1 on the day it is posted, so its original is netted out of the cumulative count
 *   and the daily counts add up to it.
 * A window is [from, to): from null means since the first ledger row.
 */
interface Flow {
  item: number;
  docType: string;
  source: SourceType | null;
  unit: number | null;
  qty: number;
  amount: number;
}

/** One pass over the window's ledger rows (moves left out: they net to zero per item). */
function flows(store: Store, from: string | null, to: string): Flow[] {
  return store.all<Flow>(
    `SELECT item_id AS item, doc_type AS docType, source_type AS source, unit_id AS unit, sum(qty) AS qty, sum(coalesce(amount, 0)) AS amount
       FROM movements
      WHERE doc_type <> 'move' AND (:from IS NULL OR at >= :from) AND at < :to
      GROUP BY item_id, doc_type, source_type, unit_id`,
    { from, to },
  );
}

const receiptDocs = new Set<string>(RECEIPT_DOCS);
const dispatchDocs = new Set<string>(DISPATCH_DOCS);

function window(store: Store, from: string | null, to: string, rows: Flow[]): StatsWindow {
  const categories = new Map(store.all<{ id: number; category: Category }>('SELECT id, category FROM items').map((i) => [i.id, i.category]));
  const unitTypes = new Map(store.all<{ id: number; type: UnitType }>('SELECT id, type FROM units').map((u) => [u.id, u.type]));
  const received = rows.filter((r) => receiptDocs.has(r.docType)).map((r) => ({ ...r, category: categories.get(r.item)! }));
  const dispatched = rows
    .filter((r) => dispatchDocs.has(r.docType))
    .map((r) => ({ item: r.item, qty: -r.qty, amount: -r.amount, category: categories.get(r.item)!, unitType: r.unit === null ? null : (unitTypes.get(r.unit) ?? null) }));
  const params = { from, to };
  const inbound = store.first<{ n: number }>(
    `SELECT coalesce(sum(CASE WHEN reverses_id IS NULL THEN 1 ELSE -1 END), 0) AS n FROM receipts
      WHERE status = 'posted' AND source_type <> 'opening' AND (:from IS NULL OR posted_at >= :from) AND posted_at < :to`,
    params,
  )!.n;
  const outbound = store.first<{ n: number }>(
    `SELECT coalesce(sum(CASE WHEN reverses_id IS NULL THEN 1 ELSE -1 END), 0) AS n FROM dispatch_orders
      WHERE shipped_at IS NOT NULL AND (:from IS NULL OR shipped_at >= :from) AND shipped_at < :to`,
    params,
  )!.n;

  const supply = received.filter((r) => r.source !== 'opening' && r.source !== 'return');
  const unitTypeList = [...UNIT_TYPES, null];
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
      byUnitType: unitTypeList
        .map((unitType) => ({ unitType, rows: dispatched.filter((r) => r.unitType === unitType) }))
        .filter((g) => g.rows.length > 0)
        .map((g) => ({ unitType: g.unitType, ...tally(g.rows) })),
      byCategory: CATEGORIES.map((category) => ({ category, rows: dispatched.filter((r) => r.category === category) }))
        .filter((g) => g.rows.length > 0)
        .map((g) => ({ category: g.category, ...tally(g.rows) })),
      byUnitTypeCategory: unitTypeList.flatMap((unitType) =>
        CATEGORIES.map((category) => ({ unitType, category, rows: dispatched.filter((r) => r.unitType === unitType && r.category === category) }))
          .filter((g) => g.rows.length > 0)
          .map((g) => ({ unitType: g.unitType, category: g.category, ...tally(g.rows) })),
      ),
    },
    returned: tally(received.filter((r) => r.source === 'return')),
    documents: { inbound, outbound },
  };
}

export function statsWindow(store: Store, from: string | null, to: string): StatsWindow {
  return window(store, from, to, flows(store, from, to));
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
  // The cumulative pass also gives what is on hand: every row but moves, per item.
  const all = flows(store, null, to);
  return {
    at: moment,
    day,
    depotName: depotName(store),
    today: statsWindow(store, dayStart(day), to),
    cumulative: window(store, null, to, all),
    onHand: tally(all),
  };
}
