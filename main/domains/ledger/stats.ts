import type { StatsSummary, StatsWindow, Tally } from '../../../shared/contract/ledger.ts';
import { SOURCE_TYPES } from '../../../shared/contract/receiving.ts';
import { CATEGORIES, UNIT_TYPES, type Category, type UnitType } from '../../../shared/domain.ts';
import type { Store } from '../../store/db.ts';
import { dayStart, localDay, nextDay } from './period.ts';
import { DISPATCH_DOCS, RECEIPT_DOCS } from './sides.ts';
import { flowsOf, keptDocuments, keptFlows, rowsAfter, type Flow } from './flows.ts';

/**
 * The statistics of the briefing, all from the ledger:
 * - received (接收) = receipts net of their reversals (红冲), without opening stock (期初: it was
 *   on hand before the desk started) and returns (退库: goods coming back, reported apart);
 * - dispatched (拨付) = dispatches net of their reversals and delivery adjustments;
 * - kinds (种) = items whose net quantity is above zero, pieces (件) = net base units;
 * - documents: posted receipts (opening stock excluded) and shipped dispatch orders that moved
 *   stock; an original reversed within the window is not counted, and a reversal of an earlier
 *   posting is reported as 红冲 n笔 / m件 on its day (reversedEarlier), never as a negative count.
 * A window is [from, to): from null means since the first ledger row.
 */
/** Reversals posted in the window of documents posted before it: n documents and their goods, per side. */
function earlierReversals(store: Store, from: string | null, to: string): StatsWindow['reversedEarlier'] {
  const empty = { documents: 0, kinds: 0, pieces: 0, amount: 0 };
  if (from === null) return { inbound: empty, outbound: empty };
  // Within one local day the kept sums say whether the day has any such row at all (flow_days.earlier):
  // most days have none, and then there is nothing to scan.
  const day = localDay(from);
  const withinDay = dayStart(day) === from && to <= dayStart(nextDay(day));
  const side = (docType: string) => {
    if (withinDay && !store.first('SELECT 1 FROM flow_days WHERE day = ? AND earlier = 1 AND doc_type = ? LIMIT 1', [day, docType])) return empty;
    const rows = store.all<{ item: number; qty: number; amount: number; doc: number }>(
      `SELECT m.item_id AS item, m.doc_id AS doc, sum(m.qty) AS qty, sum(coalesce(m.amount, 0)) AS amount
         FROM movements m JOIN movements o ON o.id = m.reverses_id
        WHERE m.doc_type = ? AND m.at >= ? AND m.at < ? AND o.at < ?
        GROUP BY m.item_id, m.doc_id`,
      [docType, from, to, from],
    );
    // As the goods moved: a receipt's reversal takes pieces out, a dispatch's reversal brings them back.
    const t = tally(rows.map((r) => ({ item: r.item, qty: Math.abs(r.qty), amount: Math.abs(r.amount) })));
    return { documents: new Set(rows.map((r) => r.doc)).size, ...t };
  };
  return { inbound: side('receipt_reversal'), outbound: side('dispatch_reversal') };
}

const receiptDocs = new Set<string>(RECEIPT_DOCS);
const dispatchDocs = new Set<string>(DISPATCH_DOCS);

/**
 * A 笔 is a posting that moved stock: a receipt that took nothing in (all rejected) or a shipment
 * with nothing picked is no transaction. A reversal nets out its original when both fall in the
 * window; a reversal of an earlier posting is reported apart (reversedEarlier), never as −1.
 */
export function scanDocuments(store: Store, from: string | null, to: string): { inbound: number; outbound: number } {
  const params = { from, to };
  const inbound = store.first<{ n: number }>(
    `SELECT count(*) AS n FROM receipts r
      WHERE r.status = 'posted' AND r.source_type <> 'opening' AND r.reverses_id IS NULL AND (:from IS NULL OR r.posted_at >= :from) AND r.posted_at < :to
        AND EXISTS (SELECT 1 FROM movements m WHERE m.doc_type = 'receipt' AND m.doc_id = r.id)
        AND NOT EXISTS (SELECT 1 FROM receipts x WHERE x.reverses_id = r.id AND x.posted_at < :to)`,
    params,
  )!.n;
  const outbound = store.first<{ n: number }>(
    `SELECT count(*) AS n FROM dispatch_orders d
      WHERE d.shipped_at IS NOT NULL AND d.reverses_id IS NULL AND (:from IS NULL OR d.shipped_at >= :from) AND d.shipped_at < :to
        AND EXISTS (SELECT 1 FROM movements m WHERE m.doc_type = 'dispatch' AND m.doc_id = d.id)
        AND NOT EXISTS (SELECT 1 FROM dispatch_orders x WHERE x.reverses_id = d.id AND x.shipped_at < :to)`,
    params,
  )!.n;

  return { inbound, outbound };
}

type Documents = { inbound: number; outbound: number };

function window(store: Store, from: string | null, to: string, rows: Flow[], documents?: Documents): StatsWindow {
  const categories = new Map(store.all<{ id: number; category: Category }>('SELECT id, category FROM items').map((i) => [i.id, i.category]));
  const unitTypes = new Map(store.all<{ id: number; type: UnitType }>('SELECT id, type FROM units').map((u) => [u.id, u.type]));
  const received = rows.filter((r) => receiptDocs.has(r.docType)).map((r) => ({ ...r, category: categories.get(r.item)! }));
  const dispatched = rows
    .filter((r) => dispatchDocs.has(r.docType))
    .map((r) => ({ item: r.item, qty: -r.qty, amount: -r.amount, category: categories.get(r.item)!, unitType: r.unit === null ? null : (unitTypes.get(r.unit) ?? null) }));
  const { inbound, outbound } = documents ?? keptDocuments(store, from, to) ?? scanDocuments(store, from, to);

  const supply = received.filter((r) => r.source !== 'opening' && r.source !== 'return');
  const unitTypeList = [...UNIT_TYPES, null];
  // Each breakdown's groups in one pass (rows keep their order within a group), listed in the order
  // of its categories, sources or unit types, empty groups left out.
  const bySource = groupBy(supply, (r) => r.source ?? 'other');
  const supplyByCategory = groupBy(supply, (r) => r.category);
  const byUnitType = groupBy(dispatched, (r) => r.unitType);
  const dispatchedByCategory = groupBy(dispatched, (r) => r.category);
  const byUnitTypeCategory = groupBy(dispatched, (r) => `${r.unitType}|${r.category}`);
  return {
    from,
    to,
    received: {
      total: tally(supply),
      bySource: SOURCE_TYPES.filter((s) => s !== 'opening' && s !== 'return')
        .map((sourceType) => ({ sourceType, rows: bySource.get(sourceType) ?? [] }))
        .filter((g) => g.rows.length > 0)
        .map((g) => ({ sourceType: g.sourceType, ...tally(g.rows) })),
      byCategory: CATEGORIES.map((category) => ({ category, rows: supplyByCategory.get(category) ?? [] }))
        .filter((g) => g.rows.length > 0)
        .map((g) => ({ category: g.category, ...tally(g.rows) })),
    },
    dispatched: {
      total: tally(dispatched),
      byUnitType: unitTypeList
        .map((unitType) => ({ unitType, rows: byUnitType.get(unitType) ?? [] }))
        .filter((g) => g.rows.length > 0)
        .map((g) => ({ unitType: g.unitType, ...tally(g.rows) })),
      byCategory: CATEGORIES.map((category) => ({ category, rows: dispatchedByCategory.get(category) ?? [] }))
        .filter((g) => g.rows.length > 0)
        .map((g) => ({ category: g.category, ...tally(g.rows) })),
      byUnitTypeCategory: unitTypeList.flatMap((unitType) =>
        CATEGORIES.map((category) => ({ unitType, category, rows: byUnitTypeCategory.get(`${unitType}|${category}`) ?? [] }))
          .filter((g) => g.rows.length > 0)
          .map((g) => ({ unitType: g.unitType, category: g.category, ...tally(g.rows) })),
      ),
    },
    returned: tally(received.filter((r) => r.source === 'return')),
    writtenOff: tally(rows.filter((r) => r.docType === 'write_off').map((r) => ({ item: r.item, qty: -r.qty, amount: -r.amount }))),
    documents: { inbound, outbound },
    reversedEarlier: earlierReversals(store, from, to),
  };
}

export function statsWindow(store: Store, from: string | null, to: string): StatsWindow {
  return window(store, from, to, flowsOf(store, from, to));
}

/** A window's totals only (stats.daily's row): the same figures as statsWindow's, without the breakdowns. */
export function statsTotals(store: Store, from: string | null, to: string): Pick<StatsWindow, 'documents' | 'reversedEarlier'> & { received: Tally; dispatched: Tally } {
  const day = from === null ? null : localDay(from);
  const end = day === null ? null : dayStart(nextDay(day));
  if (day !== null && from === dayStart(day) && to > from && to <= end!) {
    // One local day (or its start up to a moment in it): its kept per-item sums (flow_item_days)
    // are the per-item sums tally() would make of its flows, one row per item; what was posted
    // after `to` that day is taken away (nothing, for a whole day).
    const perItem = store.all<{ item: number; rq: number; ra: number; dq: number; da: number }>(
      'SELECT item_id AS item, received_qty AS rq, received_amount AS ra, dispatched_qty AS dq, dispatched_amount AS da FROM flow_item_days WHERE day = ?',
      [day],
    );
    const after = to < end! ? rowsAfter(store, to, end) : [];
    if (after.length > 0) {
      const byItem = new Map(perItem.map((r) => [r.item, r]));
      for (const r of after) {
        // The day's sums leave out reversals of what was posted before it: so does what is taken away.
        if (r.reversedAt !== null && r.reversedAt < from) continue;
        const sums = byItem.get(r.item);
        if (sums === undefined) continue;
        if (receiptDocs.has(r.docType) && r.source !== 'opening' && r.source !== 'return') {
          sums.rq -= r.qty;
          sums.ra -= r.amount;
        } else if (dispatchDocs.has(r.docType)) {
          sums.dq -= r.qty;
          sums.da -= r.amount;
        }
      }
    }
    return {
      received: tally(perItem.map((r) => ({ item: r.item, qty: r.rq, amount: r.ra }))),
      dispatched: tally(perItem.map((r) => ({ item: r.item, qty: 0 - r.dq, amount: 0 - r.da }))),
      documents: keptDocuments(store, from, to, after)!,
      reversedEarlier: earlierReversals(store, from, to),
    };
  }
  const rows = flowsOf(store, from, to);
  const supply = rows.filter((r) => receiptDocs.has(r.docType) && r.source !== 'opening' && r.source !== 'return');
  const dispatched = rows.filter((r) => dispatchDocs.has(r.docType)).map((r) => ({ item: r.item, qty: -r.qty, amount: -r.amount }));
  return {
    received: tally(supply),
    dispatched: tally(dispatched),
    documents: keptDocuments(store, from, to) ?? scanDocuments(store, from, to),
    reversedEarlier: earlierReversals(store, from, to),
  };
}

function groupBy<T, K>(rows: readonly T[], key: (r: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const r of rows) {
    const k = key(r);
    const g = groups.get(k);
    if (g) g.push(r);
    else groups.set(k, [r]);
  }
  return groups;
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
export function statsSummary(store: Store, at: string, flows: MomentFlows = momentFlows(store, at)): StatsSummary {
  const moment = new Date(at).toISOString();
  const to = new Date(Date.parse(moment) + 1).toISOString();
  const day = localDay(moment);
  // The cumulative pass also gives what is on hand: every row but moves, per item.
  const all = flows.cumulative;
  return {
    at: moment,
    day,
    depotName: depotName(store),
    today: window(store, dayStart(day), to, flows.today, flows.documents?.today),
    cumulative: window(store, null, to, all, flows.documents?.cumulative),
    onHand: tally(all),
  };
}

/** The flows up to and including the moment `at`: since the first row, and since the local midnight before it. */
export interface MomentFlows {
  cumulative: Flow[];
  today: Flow[];
  /** The two windows' 笔, when read with them. */
  documents?: { cumulative: Documents; today: Documents };
}

/**
 * Read once for a briefing: its statistics and its lines read the same two windows, and both
 * windows take away the same ledger rows posted after the moment (read once for the four of them).
 */
export function momentFlows(store: Store, at: string): MomentFlows {
  const moment = new Date(at).toISOString();
  const to = new Date(Date.parse(moment) + 1).toISOString();
  const from = dayStart(localDay(moment));
  const after = rowsAfter(store, to, null);
  return {
    cumulative: keptFlows(store, null, to, after)!,
    today: keptFlows(store, from, to, after)!,
    documents: { cumulative: keptDocuments(store, null, to, after)!, today: keptDocuments(store, from, to, after)! },
  };
}
