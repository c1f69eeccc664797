-- The city briefing, kept, not scanned (as a depot keeps its flow_totals, depot migration 013):
-- every ledger row but a move is added, in the same transaction as the batch that brings it, to
--   flow_totals  since the first row, per depot, item, document type, source, recipient type, category;
--   flow_hours   the same per hour (UTC, date_bin: the same buckets whatever the session's zone),
--                so "today" reads a day's hours and scans only the hour it is in;
--   doc_firsts   each counted document (a receipt or shipment that moved stock, opening stock left
--                out) once: the moments of its first and last rows, and when it was reversed (红冲);
--   doc_hours    per hour of their first rows, the documents counted;
--   doc_totals   per depot and side, the documents counted and those reversed.
-- The briefing takes away only what lies after the moment asked (nothing, for "now").
-- A center migrated before this sums what it already holds, once. IF NOT EXISTS: the benchmark
-- runs this file again to rebuild the sums after loading rows straight into PostgreSQL.
CREATE TABLE IF NOT EXISTS flow_totals (
  depot_code     TEXT NOT NULL REFERENCES depots (code),
  item_code      TEXT NOT NULL,
  doc_type       TEXT NOT NULL,
  source_type    TEXT NOT NULL,                     -- '' when the row has none
  recipient_type TEXT NOT NULL,                     -- '' when the row has none
  category       TEXT NOT NULL,
  qty            BIGINT NOT NULL,
  amount         BIGINT NOT NULL,
  rows           BIGINT NOT NULL,                   -- a group of rows that nets to 0 is still a group
  PRIMARY KEY (depot_code, item_code, doc_type, source_type, recipient_type, category)
);

CREATE TABLE IF NOT EXISTS flow_hours (
  hour           TIMESTAMPTZ NOT NULL,
  depot_code     TEXT NOT NULL REFERENCES depots (code),
  item_code      TEXT NOT NULL,
  doc_type       TEXT NOT NULL,
  source_type    TEXT NOT NULL,
  recipient_type TEXT NOT NULL,
  category       TEXT NOT NULL,
  qty            BIGINT NOT NULL,
  amount         BIGINT NOT NULL,
  rows           BIGINT NOT NULL,
  PRIMARY KEY (hour, depot_code, item_code, doc_type, source_type, recipient_type, category)
);

CREATE TABLE IF NOT EXISTS doc_firsts (
  depot_code  TEXT NOT NULL REFERENCES depots (code),
  doc_type    TEXT NOT NULL CHECK (doc_type IN ('receipt', 'dispatch')),
  doc_no      TEXT NOT NULL,
  side        TEXT NOT NULL CHECK (side IN ('in', 'out')),
  at          TIMESTAMPTZ NOT NULL,                 -- its first ledger row
  last_at     TIMESTAMPTZ NOT NULL,                 -- its last one
  reversed_at TIMESTAMPTZ,                          -- the first reversal of any of its rows
  PRIMARY KEY (depot_code, doc_type, doc_no)
);
CREATE INDEX IF NOT EXISTS doc_firsts_at ON doc_firsts (at);
-- How long the longest document's rows span: a window looks that far back for documents begun before it.
CREATE INDEX IF NOT EXISTS doc_firsts_span ON doc_firsts ((last_at - at));

CREATE TABLE IF NOT EXISTS doc_hours (
  hour       TIMESTAMPTZ NOT NULL,                  -- of the document's first row
  depot_code TEXT NOT NULL REFERENCES depots (code),
  side       TEXT NOT NULL CHECK (side IN ('in', 'out')),
  posted     BIGINT NOT NULL,
  PRIMARY KEY (hour, depot_code, side)
);
CREATE INDEX IF NOT EXISTS doc_firsts_reversed ON doc_firsts (reversed_at) WHERE reversed_at IS NOT NULL;

CREATE TABLE IF NOT EXISTS doc_totals (
  depot_code TEXT NOT NULL REFERENCES depots (code),
  side       TEXT NOT NULL CHECK (side IN ('in', 'out')),
  posted     BIGINT NOT NULL,
  reversed   BIGINT NOT NULL,
  PRIMARY KEY (depot_code, side)
);

-- Reversals posted in a window ("红冲 of earlier postings"): read from their few rows by time.
CREATE INDEX IF NOT EXISTS movements_reversals ON movements (at) WHERE reverses_id IS NOT NULL;

INSERT INTO flow_totals (depot_code, item_code, doc_type, source_type, recipient_type, category, qty, amount, rows)
SELECT depot_code, item_code, doc_type, coalesce(source_type, ''), coalesce(recipient_type, ''), category, sum(qty), sum(coalesce(amount, 0)), count(*)
  FROM movements WHERE doc_type <> 'move' GROUP BY 1, 2, 3, 4, 5, 6;

INSERT INTO flow_hours (hour, depot_code, item_code, doc_type, source_type, recipient_type, category, qty, amount, rows)
SELECT date_bin('1 hour', at, TIMESTAMPTZ '2000-01-01 00:00:00+00'), depot_code, item_code, doc_type, coalesce(source_type, ''), coalesce(recipient_type, ''), category,
       sum(qty), sum(coalesce(amount, 0)), count(*)
  FROM movements WHERE doc_type <> 'move' GROUP BY 1, 2, 3, 4, 5, 6, 7;

INSERT INTO doc_firsts (depot_code, doc_type, doc_no, side, at, last_at, reversed_at)
WITH reversed AS (
  SELECT o.depot_code, o.doc_type, o.doc_no, min(r.at) AS at
    FROM movements r JOIN movements o ON o.depot_code = r.depot_code AND o.depot_row_id = r.reverses_id
   WHERE r.doc_type IN ('receipt_reversal', 'dispatch_reversal') AND r.reverses_id IS NOT NULL
   GROUP BY 1, 2, 3)
SELECT f.depot_code, f.doc_type, f.doc_no, CASE WHEN f.doc_type = 'receipt' THEN 'in' ELSE 'out' END, f.at, f.last_at, x.at
  FROM (SELECT depot_code, doc_type, doc_no, min(at) AS at, max(at) AS last_at FROM movements
         WHERE doc_type IN ('receipt', 'dispatch') AND coalesce(source_type, '') <> 'opening' GROUP BY 1, 2, 3) f
  LEFT JOIN reversed x ON x.depot_code = f.depot_code AND x.doc_type = f.doc_type AND x.doc_no = f.doc_no;

INSERT INTO doc_hours (hour, depot_code, side, posted)
SELECT date_bin('1 hour', at, TIMESTAMPTZ '2000-01-01 00:00:00+00'), depot_code, side, count(*) FROM doc_firsts GROUP BY 1, 2, 3;

INSERT INTO doc_totals (depot_code, side, posted, reversed)
SELECT depot_code, side, count(*), count(reversed_at) FROM doc_firsts GROUP BY 1, 2;

-- A transfer both reversed by its sender and received by its receiver counts the goods at both
-- depots: flagged (conflict) for the two to settle, whichever of the two the center heard first.
-- A center that already holds such a pair is flagged from the documents it holds.
ALTER TABLE transfers ADD COLUMN IF NOT EXISTS conflict TEXT CHECK (conflict IN ('received_after_cancel', 'reversed_after_receipt'));
UPDATE transfers t SET conflict = 'received_after_cancel', receipt_no = d.no, received_at = (d.payload->>'postedAt')::timestamptz
  FROM documents d
 WHERE t.status = 'cancelled' AND t.conflict IS NULL AND d.depot_code = t.to_depot AND d.kind = 'receipt'
   AND d.payload->>'reference' = t.from_depot || '/' || t.dispatch_no AND d.payload->>'reverses' IS NULL
   AND NOT EXISTS (SELECT 1 FROM documents x WHERE x.depot_code = d.depot_code AND x.kind = 'receipt' AND x.payload->>'reverses' = d.no);
UPDATE transfers t SET conflict = 'reversed_after_receipt', reversal_no = d.no, cancelled_at = (d.payload->>'shippedAt')::timestamptz
  FROM documents d
 WHERE t.status = 'received' AND t.conflict IS NULL AND d.depot_code = t.from_depot AND d.kind = 'dispatch' AND d.payload->>'reverses' = t.dispatch_no;

-- A depot whose batches are refused as a gap (the center restored from an older backup after the
-- depot pruned what it had acknowledged): from which entry it can resend, said on the center's pages.
ALTER TABLE depots ADD COLUMN IF NOT EXISTS gap_from_seq BIGINT;
ALTER TABLE depots ADD COLUMN IF NOT EXISTS gap_seen_at TIMESTAMPTZ;
