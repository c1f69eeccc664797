import type { PoolClient } from 'pg';
import type { CenterStore } from './store.ts';

/**
 * The city briefing's figures, kept, not scanned (migration 008). Every ledger row but a move is
 * added, in the transaction that applies its batch, to flow_totals (since the first row) and
 * flow_hours (per UTC hour); each counted document (a receipt or a shipment, opening stock left
 * out) is noted once in doc_firsts with when it was reversed, and counted in doc_hours and doc_totals. A window
 * reads the kept hours it covers whole and scans only its ragged ends — for "today up to now", the
 * part of the hour it is in — and "since the first row" takes away only the rows after its end
 * (none, for now). The sums equal a scan at every moment (tests/main/center/flows.test.ts).
 */
export interface Flow {
  item: string;
  docType: string;
  source: string | null;
  unitType: string | null;
  category: string;
  qty: number;
  amount: number;
}

/** The hour buckets, the same in PostgreSQL (date_bin from this origin) and here. */
const HOUR_SQL = `date_bin('1 hour', %, TIMESTAMPTZ '2000-01-01 00:00:00+00')`;
const hourOf = (at: string) => HOUR_SQL.replace('%', at);
const HOUR = 3_600_000;
const floorHour = (iso: string) => new Date(Math.floor(Date.parse(iso) / HOUR) * HOUR).toISOString();
const ceilHour = (iso: string) => new Date(Math.ceil(Date.parse(iso) / HOUR) * HOUR).toISOString();

/** A ledger row as a batch carries it (shared/contract/center.ts MovementPayload), the fields the sums read. */
interface Moved {
  at: string;
  qty: number;
  amount: number | null;
  docType: string;
  docNo: string;
  reversesId: number | null;
  sourceType: string | null;
  item: { code: string; category: string };
  recipient: { type: string } | null;
}

/**
 * Within a batch's transaction, after its movements are inserted: the sums and the documents.
 * The batch is summed here first, so PostgreSQL reads a few hundred groups, not the batch again.
 */
export async function keepFlows(c: PoolClient, depot: string, movements: readonly Moved[]): Promise<void> {
  const totals = new Map<string, [string, string, string, string, string, number, number, number]>();
  const hours = new Map<string, [string, string, string, string, string, string, number, number, number]>();
  const docs = new Map<string, [string, string, string, string]>();
  const reversals = new Map<number, string>();
  for (const m of movements) {
    if (m.docType === 'move') continue;
    const key: [string, string, string, string, string] = [m.item.code, m.docType, m.sourceType ?? '', m.recipient?.type ?? '', m.item.category];
    const k = key.join('\u0000');
    const t = totals.get(k);
    if (t) {
      t[5] += m.qty;
      t[6] += m.amount ?? 0;
      t[7]++;
    } else totals.set(k, [...key, m.qty, m.amount ?? 0, 1]);
    const hour = floorHour(m.at);
    const h = hours.get(`${hour}\u0000${k}`);
    if (h) {
      h[6] += m.qty;
      h[7] += m.amount ?? 0;
      h[8]++;
    } else hours.set(`${hour}\u0000${k}`, [hour, ...key, m.qty, m.amount ?? 0, 1]);
    if ((m.docType === 'receipt' || m.docType === 'dispatch') && m.sourceType !== 'opening') {
      const dk = `${m.docType}\u0000${m.docNo}`;
      const d = docs.get(dk);
      if (!d) docs.set(dk, [m.docType, m.docNo, m.at, m.at]);
      else {
        if (Date.parse(m.at) < Date.parse(d[2])) d[2] = m.at;
        if (Date.parse(m.at) > Date.parse(d[3])) d[3] = m.at;
      }
    }
    if ((m.docType === 'receipt_reversal' || m.docType === 'dispatch_reversal') && m.reversesId !== null) {
      const r = reversals.get(m.reversesId);
      if (r === undefined || Date.parse(m.at) < Date.parse(r)) reversals.set(m.reversesId, m.at);
    }
  }
  if (totals.size === 0) return;
  await c.query(
    `INSERT INTO flow_totals AS t (depot_code, item_code, doc_type, source_type, recipient_type, category, qty, amount, rows)
     SELECT $1, g->>0, g->>1, g->>2, g->>3, g->>4, (g->>5)::bigint, (g->>6)::bigint, (g->>7)::bigint FROM jsonb_array_elements($2::jsonb) AS g
     ON CONFLICT (depot_code, item_code, doc_type, source_type, recipient_type, category)
     DO UPDATE SET qty = t.qty + excluded.qty, amount = t.amount + excluded.amount, rows = t.rows + excluded.rows`,
    [depot, JSON.stringify([...totals.values()])],
  );
  await c.query(
    `INSERT INTO flow_hours AS t (hour, depot_code, item_code, doc_type, source_type, recipient_type, category, qty, amount, rows)
     SELECT (g->>0)::timestamptz, $1, g->>1, g->>2, g->>3, g->>4, g->>5, (g->>6)::bigint, (g->>7)::bigint, (g->>8)::bigint FROM jsonb_array_elements($2::jsonb) AS g
     ON CONFLICT (hour, depot_code, item_code, doc_type, source_type, recipient_type, category)
     DO UPDATE SET qty = t.qty + excluded.qty, amount = t.amount + excluded.amount, rows = t.rows + excluded.rows`,
    [depot, JSON.stringify([...hours.values()])],
  );
  // A document counts once, from its first row at the center (its rows may come in two batches),
  // in its first row's hour; a later row moves its last moment on (a window counts the documents
  // with a row in it: the few whose rows span its start are found by how long documents span).
  if (docs.size > 0) {
    await c.query(
      `WITH seen AS (
         INSERT INTO doc_firsts AS d (depot_code, doc_type, doc_no, side, at, last_at)
         SELECT $1, g->>0, g->>1, CASE WHEN g->>0 = 'receipt' THEN 'in' ELSE 'out' END, (g->>2)::timestamptz, (g->>3)::timestamptz FROM jsonb_array_elements($2::jsonb) AS g
         ON CONFLICT (depot_code, doc_type, doc_no) DO UPDATE SET last_at = greatest(d.last_at, excluded.last_at)
         RETURNING side, at, xmax = 0 AS fresh),
       hours AS (
         INSERT INTO doc_hours AS h (hour, depot_code, side, posted) SELECT ${hourOf('at')}, $1, side, count(*) FROM seen WHERE fresh GROUP BY 1, 3
         ON CONFLICT (hour, depot_code, side) DO UPDATE SET posted = h.posted + excluded.posted)
       INSERT INTO doc_totals AS t (depot_code, side, posted, reversed) SELECT $1, side, count(*), 0 FROM seen WHERE fresh GROUP BY side
       ON CONFLICT (depot_code, side) DO UPDATE SET posted = t.posted + excluded.posted`,
      [depot, JSON.stringify([...docs.values()])],
    );
  }
  // A reversal (红冲) of any row of a counted document marks it reversed, once, at the reversal's time.
  if (reversals.size > 0) {
    await c.query(
      `WITH r AS (SELECT (g->>0)::bigint AS id, (g->>1)::timestamptz AS at FROM jsonb_array_elements($2::jsonb) AS g),
       o AS (SELECT o.doc_type, o.doc_no, min(r.at) AS at FROM r JOIN movements o ON o.depot_code = $1 AND o.depot_row_id = r.id GROUP BY 1, 2),
       marked AS (
         UPDATE doc_firsts d SET reversed_at = o.at FROM o
          WHERE d.depot_code = $1 AND d.doc_type = o.doc_type AND d.doc_no = o.doc_no AND d.reversed_at IS NULL RETURNING d.side)
       INSERT INTO doc_totals AS t (depot_code, side, posted, reversed) SELECT $1, side, 0, count(*) FROM marked GROUP BY side
       ON CONFLICT (depot_code, side) DO UPDATE SET reversed = t.reversed + excluded.reversed`,
      [depot, JSON.stringify([...reversals.entries()])],
    );
  }
}

type Row = { item: string; doc_type: string; source: string; unit_type: string; category: string; qty: number; amount: number; rows: number };
const GROUP = `item_code AS item, doc_type, coalesce(source_type, '') AS source, coalesce(recipient_type, '') AS unit_type, category`;
const scanned = (where: string) =>
  `SELECT ${GROUP}, sum(qty) AS qty, sum(coalesce(amount, 0)) AS amount, count(*) AS rows FROM movements WHERE doc_type <> 'move' AND ${where} GROUP BY 1, 2, 3, 4, 5`;

/** The window [from, to) (from null: since the first row) from the kept sums; the same flows a scan of the movements gives. */
export async function keptFlows(center: CenterStore, from: string | null, to: string): Promise<Flow[]> {
  const groups = new Map<string, Row>();
  const add = (rows: Row[], sign: 1 | -1) => {
    for (const r of rows) {
      const key = `${r.item}|${r.doc_type}|${r.source}|${r.unit_type}|${r.category}`;
      const g = groups.get(key);
      if (g) {
        g.qty += sign * r.qty;
        g.amount += sign * r.amount;
        g.rows += sign * r.rows;
      } else groups.set(key, { ...r, qty: sign * r.qty, amount: sign * r.amount, rows: sign * r.rows });
    }
  };
  const q = async (sql: string, params: unknown[]) => (await center.pool.query<Row>(sql, params)).rows;
  if (from === null) {
    // Everything, less what lies at or after the end (rows a depot's clock put ahead of this moment).
    const [all, after] = await Promise.all([
      q(`SELECT item_code AS item, doc_type, source_type AS source, recipient_type AS unit_type, category, sum(qty) AS qty, sum(amount) AS amount, sum(rows) AS rows
           FROM flow_totals GROUP BY 1, 2, 3, 4, 5`, []),
      q(scanned('at >= $1'), [to]),
    ]);
    add(all, 1);
    add(after, -1);
  } else {
    const [a, b] = [ceilHour(from), floorHour(to)];
    if (a >= b) add(await q(scanned('at >= $1 AND at < $2'), [from, to]), 1);
    else {
      const parts = await Promise.all([
        q(`SELECT item_code AS item, doc_type, source_type AS source, recipient_type AS unit_type, category, sum(qty) AS qty, sum(amount) AS amount, sum(rows) AS rows
             FROM flow_hours WHERE hour >= $1 AND hour < $2 GROUP BY 1, 2, 3, 4, 5`, [a, b]),
        from < a ? q(scanned('at >= $1 AND at < $2'), [from, a]) : Promise.resolve([]),
        b < to ? q(scanned('at >= $1 AND at < $2'), [b, to]) : Promise.resolve([]),
      ]);
      for (const p of parts) add(p, 1);
    }
  }
  const flows: Flow[] = [];
  for (const g of groups.values()) {
    if (g.rows <= 0) continue;
    flows.push({ item: g.item, docType: g.doc_type, source: g.source === '' ? null : g.source, unitType: g.unit_type === '' ? null : g.unit_type, category: g.category, qty: g.qty, amount: g.amount });
  }
  return flows;
}

/**
 * 笔 in [from, to) from the kept documents: those with a row in the window (first row before its
 * end, last row at or after its start) that were not reversed before its end.
 */
export async function keptDocuments(center: CenterStore, from: string | null, to: string): Promise<{ inbound: number; outbound: number }> {
  let sql: string;
  let params: unknown[] = [];
  if (from === null) {
    // Counted and not reversed, less those first seen at or after the end, plus those reversed only at or after it.
    sql = `SELECT side, sum(n) AS n FROM (
             SELECT side, posted - reversed AS n FROM doc_totals
             UNION ALL SELECT side, -count(*) FROM doc_firsts WHERE at >= $1 AND reversed_at IS NULL GROUP BY side
             UNION ALL SELECT side, count(*) FROM doc_firsts WHERE reversed_at >= $1 AND at < $1 GROUP BY side) x GROUP BY side`;
    params = [to];
  } else {
    // First rows in the window (the kept hours it covers whole, its ragged ends counted) less those
    // reversed before its end; then the documents begun before it with a row in it, not reversed
    // (none where every document is posted at one moment, as a depot posts them).
    const [a, b] = [ceilHour(from), floorHour(to)];
    const whole = a < b;
    // How far back a document begun before the window may start (read from the index on the span,
    // and given to the query as a bound the planner can use).
    const { rows: spanRows } = await center.pool.query<{ ms: number | null }>(`SELECT (extract(epoch FROM max(last_at - at)) * 1000)::bigint AS ms FROM doc_firsts`);
    const span = spanRows[0]?.ms ?? 0;
    const since = new Date(Date.parse(from) - span).toISOString();
    // Their rows in the window lie within the span after its start: only those few minutes are read.
    const until = new Date(Date.parse(from) + span).toISOString();
    params = [from, to];
    const param = (v: unknown) => `$${params.push(v)}::timestamptz`;
    const parts = whole
      ? [
          `SELECT side, sum(posted) AS n FROM doc_hours WHERE hour >= ${param(a)} AND hour < ${param(b)} GROUP BY side`,
          `SELECT side, count(*) FROM doc_firsts WHERE (at >= $1 AND at < ${param(a)}) OR (at >= ${param(b)} AND at < $2) GROUP BY side`,
        ]
      : ['SELECT side, count(*) AS n FROM doc_firsts WHERE at >= $1 AND at < $2 GROUP BY side'];
    parts.push('SELECT side, -count(*) FROM doc_firsts WHERE reversed_at >= $1 AND reversed_at < $2 AND at >= $1 AND at < $2 GROUP BY side');
    if (span > 0) {
      parts.push(
        `SELECT d.side, count(*) FROM doc_firsts d
          WHERE d.at < $1 AND d.at >= ${param(since)} AND d.last_at >= $1 AND (d.reversed_at IS NULL OR d.reversed_at >= $2)
            AND EXISTS (SELECT 1 FROM movements m WHERE m.at >= $1 AND m.at < $2 AND m.at <= ${param(until)} AND m.at <= d.last_at
                           AND m.depot_code = d.depot_code AND m.doc_type = d.doc_type AND m.doc_no = d.doc_no)
          GROUP BY d.side`,
      );
    }
    sql = `SELECT side, sum(n) AS n FROM (${parts.join(' UNION ALL ')}) x GROUP BY side`;
  }
  const { rows } = await center.pool.query<{ side: 'in' | 'out'; n: number }>(sql, params);
  const n = { in: 0, out: 0 };
  for (const r of rows) n[r.side] += Number(r.n);
  return { inbound: n.in, outbound: n.out };
}
