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
  const { inbound, outbound } = documents ?? keptDocuments(store, from, to) ?? scanDocuments(store, from, to);

  // Every breakdown summed in one pass over the rows (dispatches as the goods moved: out is
  // positive), then listed in the order of its categories, sources or unit types, groups without
  // rows left out.
  const supply = new Tally1();
  const returned = new Tally1();
  const writtenOff = new Tally1();
  const dispatched = new Tally1();
  const bySource = new Groups<string>();
  const supplyByCategory = new Groups<Category>();
  const byUnitType = new Groups<UnitType | null>();
  const dispatchedByCategory = new Groups<Category>();
  const byUnitTypeCategory = new Groups<string>();
  for (const r of rows) {
    if (receiptDocs.has(r.docType)) {
      if (r.source === 'return') returned.add(r.item, r.qty, r.amount);
      else if (r.source !== 'opening') {
        supply.add(r.item, r.qty, r.amount);
        bySource.of(r.source ?? 'other').add(r.item, r.qty, r.amount);
        supplyByCategory.of(categories.get(r.item)!).add(r.item, r.qty, r.amount);
      }
    } else if (dispatchDocs.has(r.docType)) {
      const category = categories.get(r.item)!;
      const unitType = r.unit === null ? null : (unitTypes.get(r.unit) ?? null);
      const qty = -r.qty;
      const amount = -r.amount;
      dispatched.add(r.item, qty, amount);
      byUnitType.of(unitType).add(r.item, qty, amount);
      dispatchedByCategory.of(category).add(r.item, qty, amount);
      byUnitTypeCategory.of(`${unitType}|${category}`).add(r.item, qty, amount);
    } else if (r.docType === 'write_off') writtenOff.add(r.item, -r.qty, -r.amount);
  }
  const unitTypeList = [...UNIT_TYPES, null];
  return {
    from,
    to,
    received: {
      total: supply.tally(),
      bySource: SOURCE_TYPES.filter((s) => s !== 'opening' && s !== 'return').flatMap((sourceType) => bySource.listed(sourceType, { sourceType })),
      byCategory: CATEGORIES.flatMap((category) => supplyByCategory.listed(category, { category })),
    },
    dispatched: {
      total: dispatched.tally(),
      byUnitType: unitTypeList.flatMap((unitType) => byUnitType.listed(unitType, { unitType })),
      byCategory: CATEGORIES.flatMap((category) => dispatchedByCategory.listed(category, { category })),
      byUnitTypeCategory: unitTypeList.flatMap((unitType) => CATEGORIES.flatMap((category) => byUnitTypeCategory.listed(`${unitType}|${category}`, { unitType, category }))),
    },
    returned: returned.tally(),
    writtenOff: writtenOff.tally(),
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
    const after = to < end! ? rowsAfter(store, to, end!) : [];
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

/** tally() of rows added one by one: the same figures, without keeping the rows. */
class Tally1 {
  rows = 0;
  private readonly perItem = new Map<number, number>();
  private pieces = 0;
  private amount = 0;
  add(item: number, qty: number, amount: number): void {
    this.rows++;
    this.perItem.set(item, (this.perItem.get(item) ?? 0) + qty);
    this.pieces += qty;
    this.amount += amount;
  }
  tally(): Tally {
    let kinds = 0;
    for (const qty of this.perItem.values()) if (qty > 0) kinds++;
    return { kinds, pieces: this.pieces, amount: this.amount };
  }
}

/** One Tally1 per group. */
class Groups<K> {
  private readonly groups = new Map<K, Tally1>();
  of(key: K): Tally1 {
    let g = this.groups.get(key);
    if (g === undefined) this.groups.set(key, (g = new Tally1()));
    return g;
  }
  /** The group's figures with its label, or nothing when no row fell in it. */
  listed<L extends object>(key: K, label: L): (L & Tally)[] {
    const g = this.groups.get(key);
    return g === undefined || g.rows === 0 ? [] : [{ ...label, ...g.tally() }];
  }
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
  // The rows after the moment up to the end of the day of `to` (the cumulative window's; today's ends no later).
  const after = rowsAfter(store, to, dayStart(nextDay(localDay(to))));
  return {
    cumulative: keptFlows(store, null, to, after)!,
    today: keptFlows(store, from, to, after)!,
    documents: { cumulative: keptDocuments(store, null, to, after)!, today: keptDocuments(store, from, to, after)! },
  };
}
