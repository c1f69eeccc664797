import type { Store } from '../../store/db.ts';
import { dayStart, localDay, nextDay } from './period.ts';
import { DISPATCH_DOCS, DISPATCH_DOCS_SQL, RECEIPT_DOCS, RECEIPT_DOCS_SQL } from './sides.ts';

/**
 * Figures kept, not scanned. Every ledger row but a move is added, as it is posted and in the
 * same transaction, to two sums (migration 013): flow_totals since the first row, and flow_days per
 * local day — and, for stats.daily, to flow_item_days (migration 024): each day's received and
 * dispatched per item. The statistics and the briefing read a window from them — since the first
 * row, or one local day — and take away only the rows posted after the window's end (none for
 * "now"), so they answer in milliseconds however long the ledger is. Any other window is scanned.
 * The sums equal a scan of the ledger at every moment (tests/main/domains/ledger/flows.test.ts).
 */
export interface Flow {
  item: number;
  docType: string;
  source: string | null;
  unit: number | null;
  qty: number;
  amount: number;
  /** How many ledger rows it sums. */
  rows: number;
}

const REVERSALS = new Set(['receipt_reversal', 'dispatch_reversal']);
const RECEIVED = new Set<string>(RECEIPT_DOCS);
const DISPATCHED = new Set<string>(DISPATCH_DOCS);

export interface KeptRow {
  at: string;
  itemId: number;
  docType: string;
  sourceType: string | null;
  unitId: number | null;
  qty: number;
  amount: number | null;
  /** When the row reverses another: when that one was posted. */
  reversedAt: string | null;
}

const COUNTED: Record<string, { side: 'in' | 'out'; reversal: boolean; index: number }> = {
  receipt: { side: 'in', reversal: false, index: 0 },
  receipt_reversal: { side: 'in', reversal: true, index: 1 },
  dispatch: { side: 'out', reversal: false, index: 2 },
  dispatch_reversal: { side: 'out', reversal: true, index: 3 },
};

/**
 * What a command's ledger rows add to the kept sums, summed in the process per key (item, day,
 * document and source type, unit) and written once per key when the command ends — in its
 * transaction, before the commit (writeFlows) — instead of three upserts per ledger row.
 */
export interface KeptSums {
  totals: Map<string, (string | number)[]>;
  days: Map<string, (string | number)[]>;
  itemDays: Map<string, (string | number)[]>;
  docDays: Map<string, (string | number)[]>;
}

export const noSums = (): KeptSums => ({ totals: new Map(), days: new Map(), itemDays: new Map(), docDays: new Map() });

/** The local day of a moment, worked out once for the rows of a command (they share their moment). */
let last = { at: '', day: '' };
function dayOf(at: string): string {
  if (at !== last.at) last = { at, day: localDay(at) };
  return last.day;
}

/** Adds `row` to the kept row of `key`: its values from index `at` on are sums, those before it the key's columns. */
function addTo(sums: Map<string, (string | number)[]>, key: string, row: (string | number)[], at: number): void {
  const kept = sums.get(key);
  if (kept === undefined) {
    sums.set(key, row);
    return;
  }
  for (let i = at; i < row.length; i++) kept[i] = (kept[i] as number) + (row[i] as number);
}

/**
 * Adds one ledger row to the sums (postMovement calls it for every row but a move's): to `sums`
 * when given, written by writeFlows before the command commits; else at once.
 */
export function keepFlow(store: Store, r: KeptRow & { docId: number; movementId: number; laterRow?: boolean }, sums?: KeptSums): void {
  const into = sums ?? noSums();
  const day = dayOf(r.at);
  // A document is one 笔 from its first ledger row (one that moved nothing is none). laterRow: the
  // caller already wrote a row of this document in this transaction, so this one is not its first.
  // (`= +?`: see getOrder in main/domains/dispatch/orders.ts.)
  const counted = COUNTED[r.docType];
  if (counted && r.sourceType !== 'opening' && !r.laterRow && !store.first('SELECT 1 FROM movements WHERE doc_type = +? AND doc_id = +? AND id <> ? LIMIT 1', [r.docType, r.docId, r.movementId])) {
    const sameDay = counted.reversal && r.reversedAt !== null && localDay(r.reversedAt) === day ? 1 : 0;
    addTo(into.docDays, `${day}|${counted.side}`, [day, counted.side, counted.reversal ? 0 : 1, counted.reversal ? 1 : 0, sameDay], 2);
  }
  const earlier = REVERSALS.has(r.docType) && r.reversedAt !== null && r.reversedAt < dayStart(day) ? 1 : 0;
  const source = r.sourceType ?? '';
  const unit = r.unitId ?? 0;
  const amount = r.amount ?? 0;
  const key = `${r.itemId}|${r.docType}|${source}|${unit}`;
  addTo(into.totals, key, [r.itemId, r.docType, source, unit, r.qty, amount, 1], 4);
  addTo(into.days, `${day}|${earlier}|${key}`, [day, earlier, r.itemId, r.docType, source, unit, r.qty, amount, 1], 6);
  // The day's received and dispatched per item (migration 024), as stats.daily reads a whole day.
  if (earlier === 0) {
    const received = RECEIVED.has(r.docType) && r.sourceType !== 'opening' && r.sourceType !== 'return';
    if (received || DISPATCHED.has(r.docType)) {
      addTo(into.itemDays, `${day}|${r.itemId}`, received ? [day, r.itemId, r.qty, amount, 0, 0] : [day, r.itemId, 0, 0, r.qty, amount], 2);
    }
  }
  if (sums === undefined) writeFlows(store, into);
}

/** The upserts of each kept table: its columns, and what a conflict adds. */
const UPSERTS = {
  totals: ['flow_totals (item_id, doc_type, source_type, unit_id, qty, amount, rows)', 'qty = qty + excluded.qty, amount = amount + excluded.amount, rows = rows + excluded.rows'],
  days: ['flow_days (day, earlier, item_id, doc_type, source_type, unit_id, qty, amount, rows)', 'qty = qty + excluded.qty, amount = amount + excluded.amount, rows = rows + excluded.rows'],
  itemDays: [
    'flow_item_days (day, item_id, received_qty, received_amount, dispatched_qty, dispatched_amount)',
    `received_qty = received_qty + excluded.received_qty, received_amount = received_amount + excluded.received_amount,
     dispatched_qty = dispatched_qty + excluded.dispatched_qty, dispatched_amount = dispatched_amount + excluded.dispatched_amount`,
  ],
  docDays: [
    'doc_days (day, side, posted, reversed, reversed_same_day)',
    'posted = posted + excluded.posted, reversed = reversed + excluded.reversed, reversed_same_day = reversed_same_day + excluded.reversed_same_day',
  ],
} as const;
/** Up to this many keys in one statement (its parameters stay far below SQLite's limit). */
const CHUNK = 64;
/** The statement text per table and number of rows, built once. */
const upsertSql = new Map<string, string>();

/** Writes the sums a command kept (keepFlow with `sums`): one upsert statement per table for up to 64 keys. */
export function writeFlows(store: Store, sums: KeptSums): void {
  for (const table of ['totals', 'days', 'itemDays', 'docDays'] as const) {
    const rows = [...sums[table].values()];
    sums[table].clear();
    for (let from = 0; from < rows.length; from += CHUNK) {
      const chunk = rows.slice(from, from + CHUNK);
      const name = `${table}:${chunk.length}`;
      let sql = upsertSql.get(name);
      if (sql === undefined) {
        const [into, add] = UPSERTS[table];
        const one = `(${chunk[0]!.map(() => '?').join(', ')})`;
        upsertSql.set(name, (sql = `INSERT INTO ${into} VALUES ${Array.from(chunk, () => one).join(', ')} ON CONFLICT DO UPDATE SET ${add}`));
      }
      store.run(sql, chunk.flat());
    }
  }
}

/** flow_item_days from flow_days (the same statement as migration 024's). */
const ITEM_DAYS_FROM_FLOW_DAYS = `
  INSERT INTO flow_item_days (day, item_id, received_qty, received_amount, dispatched_qty, dispatched_amount)
  SELECT day, item_id,
         sum(CASE WHEN doc_type IN ${RECEIPT_DOCS_SQL} AND source_type NOT IN ('opening', 'return') THEN qty ELSE 0 END),
         sum(CASE WHEN doc_type IN ${RECEIPT_DOCS_SQL} AND source_type NOT IN ('opening', 'return') THEN amount ELSE 0 END),
         sum(CASE WHEN doc_type IN ${DISPATCH_DOCS_SQL} THEN qty ELSE 0 END),
         sum(CASE WHEN doc_type IN ${DISPATCH_DOCS_SQL} THEN amount ELSE 0 END)
    FROM flow_days
   WHERE earlier = 0 AND (doc_type IN ${DISPATCH_DOCS_SQL} OR (doc_type IN ${RECEIPT_DOCS_SQL} AND source_type NOT IN ('opening', 'return')))
   GROUP BY day, item_id`;

/**
 * A depot whose ledger was written before the sums existed (or by a benchmark's raw inserts) is
 * summed once, when it is opened: one pass over the ledger.
 */
export function ensureKeptFlows(store: Store): void {
  if (store.first('SELECT 1 FROM flow_totals LIMIT 1') || !store.first("SELECT 1 FROM movements WHERE doc_type <> 'move' LIMIT 1")) return;
  store.run('DELETE FROM flow_days');
  store.run('DELETE FROM flow_item_days');
  store.run('DELETE FROM doc_days');
  const days = new Map<string, string>();
  store.db.function('local_day', { deterministic: true }, (at: unknown) => {
    const minute = String(at).slice(0, 16);
    let day = days.get(minute);
    if (day === undefined) days.set(minute, (day = localDay(String(at))));
    return day;
  });
  store.db.function('day_start', { deterministic: true }, (day: unknown) => dayStart(String(day)));
  store.tx(() => {
    store.run(
      `INSERT INTO flow_totals (item_id, doc_type, source_type, unit_id, qty, amount, rows)
       SELECT item_id, doc_type, coalesce(source_type, ''), coalesce(unit_id, 0), sum(qty), sum(coalesce(amount, 0)), count(*)
         FROM movements WHERE doc_type <> 'move' GROUP BY 1, 2, 3, 4`,
    );
    store.run(
      `INSERT INTO flow_days (day, earlier, item_id, doc_type, source_type, unit_id, qty, amount, rows)
       SELECT d, e, item_id, doc_type, s, u, sum(qty), sum(a), count(*) FROM (
         SELECT local_day(m.at) AS d,
                CASE WHEN m.doc_type IN ('receipt_reversal', 'dispatch_reversal') AND o.at < day_start(local_day(m.at)) THEN 1 ELSE 0 END AS e,
                m.item_id, m.doc_type, coalesce(m.source_type, '') AS s, coalesce(m.unit_id, 0) AS u, m.qty, coalesce(m.amount, 0) AS a
           FROM movements m LEFT JOIN movements o ON o.id = m.reverses_id
          WHERE m.doc_type <> 'move')
        GROUP BY 1, 2, 3, 4, 5, 6`,
    );
    store.run(ITEM_DAYS_FROM_FLOW_DAYS);
    // Each document once, on the day of its first row; a reversal marked when it undoes an original of its own day.
    store.run(
      `INSERT INTO doc_days (day, side, posted, reversed, reversed_same_day)
       SELECT d, side, sum(1 - rev), sum(rev), sum(same) FROM (
         SELECT local_day(min(m.at)) AS d,
                CASE WHEN m.doc_type IN ('receipt', 'receipt_reversal') THEN 'in' ELSE 'out' END AS side,
                CASE WHEN m.doc_type LIKE '%_reversal' THEN 1 ELSE 0 END AS rev,
                CASE WHEN m.doc_type LIKE '%_reversal' AND local_day(min(o.at)) = local_day(min(m.at)) THEN 1 ELSE 0 END AS same
           FROM movements m LEFT JOIN movements o ON o.id = m.reverses_id
          WHERE m.doc_type IN ('receipt', 'receipt_reversal', 'dispatch', 'dispatch_reversal') AND coalesce(m.source_type, '') <> 'opening'
          GROUP BY m.doc_type, m.doc_id)
        GROUP BY d, side`,
    );
  });
}

/**
 * The ledger rows a kept window ending at `to` takes away again: those posted from `to` up to
 * `end`, moves left out. Read once for a moment and shared by its windows —
 * the flows and the 笔, since the first row and for the day (momentFlows) — instead of once each.
 * reversedAt: for a reversal (红冲), when the row it reverses was posted.
 */
export interface AfterRow {
  at: string;
  item: number;
  docType: string;
  source: string;
  unit: number;
  docId: number;
  qty: number;
  amount: number;
  reversedAt: string | null;
}

export function rowsAfter(store: Store, to: string, end: string): AfterRow[] {
  return store.all<AfterRow>(
    `SELECT m.at, m.item_id AS item, m.doc_type AS docType, coalesce(m.source_type, '') AS source, coalesce(m.unit_id, 0) AS unit, m.doc_id AS docId,
            m.qty, coalesce(m.amount, 0) AS amount, o.at AS reversedAt
       FROM movements m LEFT JOIN movements o ON o.id = m.reverses_id AND m.doc_type IN ('receipt_reversal', 'dispatch_reversal')
      WHERE m.doc_type <> 'move' AND m.at >= ? AND m.at < ?`,
    [to, end],
  );
}

/**
 * Up to where the rows after the kept window [from, to) are read one by one: the end of its day —
 * for a window since the first row, the end of the day of `to` (the days after it are taken away
 * from their own kept sums) — or undefined for a window that is not kept.
 */
function keptEnd(from: string | null, to: string): string | undefined {
  if (from === null) return dayStart(nextDay(localDay(to)));
  const day = localDay(from);
  if (dayStart(day) !== from) return undefined;
  const end = dayStart(nextDay(day));
  return to > end || to <= from ? undefined : end;
}

/**
 * What the window [from, to) takes away from its kept sums, row by row: the rows from `to` to the
 * end of its day (none for a window up to now, nor for a whole past day). `after`, when given,
 * holds the rows from `to` on (rowsAfter with the same or a later end); those past the end are passed over.
 */
function takenAway(store: Store, to: string, end: string, after: readonly AfterRow[] | undefined): readonly AfterRow[] {
  if (to >= end) return [];
  if (after === undefined) return rowsAfter(store, to, end);
  return after.filter((r) => r.at < end);
}

/**
 * The window's 笔 from the kept counts — an original counts unless reversed before the window's
 * end (for a day: by a reversal of that day) — or null for a window that is not kept.
 */
export function keptDocuments(store: Store, from: string | null, to: string, after?: readonly AfterRow[]): { inbound: number; outbound: number } | null {
  const end = keptEnd(from, to);
  if (end === undefined) return null;
  const kept = store.all<{ side: 'in' | 'out'; n: number }>(
    from === null
      ? 'SELECT side, sum(posted) - sum(reversed) AS n FROM doc_days GROUP BY side'
      : 'SELECT side, posted - reversed_same_day AS n FROM doc_days WHERE day = ?',
    from === null ? [] : [localDay(from)],
  );
  const n = { in: 0, out: 0 };
  for (const r of kept) n[r.side] += r.n;
  // Since the first row up to a moment before the last day: the later days' postings and reversals
  // taken away from their kept counts (none when the moment is in the last day posted).
  if (from === null) {
    const later = store.all<{ side: 'in' | 'out'; n: number }>('SELECT side, sum(posted) - sum(reversed) AS n FROM doc_days WHERE day > ? GROUP BY side', [localDay(to)]);
    for (const r of later) n[r.side] -= r.n;
  }
  // What was posted after the window's end is taken away again: originals uncounted, their undoing
  // undone — each document once (its rows after `to`), a reversal only when the window counted its
  // original (since the first row, or posted within the day).
  const docs = new Map<number, { side: 'in' | 'out'; reversal: boolean; original: string | null }>();
  for (const r of takenAway(store, to, end, after)) {
    const counted = COUNTED[r.docType];
    if (!counted || r.source === 'opening') continue;
    // (document type, id) as one number
    const key = r.docId * 4 + counted.index;
    const doc = docs.get(key);
    if (doc === undefined) docs.set(key, { side: counted.side, reversal: counted.reversal, original: r.reversedAt });
    else if (r.reversedAt !== null && (doc.original === null || r.reversedAt < doc.original)) doc.original = r.reversedAt;
  }
  for (const doc of docs.values()) {
    if (!doc.reversal) n[doc.side] -= 1;
    else if (from === null || (doc.original !== null && doc.original >= from)) n[doc.side] += 1;
  }
  return { inbound: n.in, outbound: n.out };
}

/** A scan of the window's ledger rows (moves left out), reversals of what was posted before it left out. */
export function scanFlows(store: Store, from: string | null, to: string): Flow[] {
  return store.all<Flow>(
    `SELECT m.item_id AS item, m.doc_type AS docType, m.source_type AS source, m.unit_id AS unit, sum(m.qty) AS qty, sum(coalesce(m.amount, 0)) AS amount, count(*) AS rows
       FROM movements m LEFT JOIN movements o ON o.id = m.reverses_id AND m.doc_type IN ('receipt_reversal', 'dispatch_reversal')
      WHERE m.doc_type <> 'move' AND (:from IS NULL OR m.at >= :from) AND m.at < :to AND NOT (:from IS NOT NULL AND o.at IS NOT NULL AND o.at < :from)
      GROUP BY m.item_id, m.doc_type, m.source_type, m.unit_id`,
    { from, to },
  );
}

/**
 * The window's flows from the sums when the window is "since the first row" or one local day
 * (or its start up to a moment in it); null for any other window. `after`: see takenAway.
 */
export function keptFlows(store: Store, from: string | null, to: string, after?: readonly AfterRow[]): Flow[] | null {
  const end = keptEnd(from, to);
  if (end === undefined) return null;
  // Read as the flows they are ('' and 0 back to no source and no unit), then changed in place.
  const kept = store.all<Flow>(
    from === null
      ? "SELECT item_id AS item, doc_type AS docType, nullif(source_type, '') AS source, nullif(unit_id, 0) AS unit, qty, amount, rows FROM flow_totals"
      : "SELECT item_id AS item, doc_type AS docType, nullif(source_type, '') AS source, nullif(unit_id, 0) AS unit, qty, amount, rows FROM flow_days WHERE day = ? AND earlier = 0",
    from === null ? [] : [localDay(from)],
  );
  // What was posted after the window's end is taken away again, per kept row; a day leaves out the
  // reversals of what was posted before it (they are not in its earlier = 0 sums either).
  // Grouped by item and unit (one number: a bucket), then by document and source type within the
  // bucket's few groups; a bucket two item–unit pairs share (units above 2^20) still tells them apart.
  const bucketOf = (item: number, unit: number) => item * 1_048_576 + unit;
  type Away = { item: number; unit: number; docType: string; source: string; qty: number; amount: number; rows: number };
  const away = new Map<number, Away[]>();
  const takeAway = (r: Omit<Away, 'rows'>, rows: number) => {
    const bucket = bucketOf(r.item, r.unit);
    const groups = away.get(bucket);
    const g = groups?.find((x) => x.item === r.item && x.unit === r.unit && x.docType === r.docType && x.source === r.source);
    if (g !== undefined) {
      g.qty += r.qty;
      g.amount += r.amount;
      g.rows += rows;
    } else {
      const group = { item: r.item, unit: r.unit, docType: r.docType, source: r.source, qty: r.qty, amount: r.amount, rows };
      if (groups !== undefined) groups.push(group);
      else away.set(bucket, [group]);
    }
  };
  for (const r of takenAway(store, to, end, after)) {
    if (from !== null && r.reversedAt !== null && r.reversedAt < from) continue;
    takeAway(r, 1);
  }
  // Since the first row up to a moment before the last day: the later days from their kept sums
  // (none when the moment is in the last day posted).
  if (from === null) {
    const later = store.all<Away>(
      `SELECT item_id AS item, unit_id AS unit, doc_type AS docType, source_type AS source, sum(qty) AS qty, sum(amount) AS amount, sum(rows) AS rows
         FROM flow_days WHERE day > ? GROUP BY item_id, doc_type, source_type, unit_id`,
      [localDay(to)],
    );
    for (const r of later) takeAway(r, r.rows);
  }
  if (away.size === 0) return kept;
  const flows: Flow[] = [];
  for (const g of kept) {
    const source = g.source ?? '';
    const unit = g.unit ?? 0;
    const a = away.get(bucketOf(g.item, unit))?.find((x) => x.item === g.item && x.unit === unit && x.docType === g.docType && x.source === source);
    if (a !== undefined) {
      g.rows -= a.rows;
      if (g.rows <= 0) continue;
      g.qty -= a.qty;
      g.amount -= a.amount;
    }
    flows.push(g);
  }
  return flows;
}

/** The window's flows: kept when they can be, scanned otherwise. */
export const flowsOf = (store: Store, from: string | null, to: string): Flow[] => keptFlows(store, from, to) ?? scanFlows(store, from, to);
