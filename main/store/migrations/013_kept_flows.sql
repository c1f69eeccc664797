-- Figures kept, not scanned: the ledger's flows summed as they are posted (moves left out, as in
-- every statistic), in the same transaction as each ledger row (main/domains/ledger/flows.ts).
-- flow_totals: since the first row, per item, document type, source type and unit.
-- flow_days: the same per local day; `earlier` marks reversals of what was posted before that day
-- (reported apart as 红冲, never as the day's flow). '' and 0 stand for no source and no unit.
-- A depot posted before this migration is summed once when it is next opened.
CREATE TABLE flow_totals (
  item_id     INTEGER NOT NULL,
  doc_type    TEXT NOT NULL,
  source_type TEXT NOT NULL,
  unit_id     INTEGER NOT NULL,
  qty         INTEGER NOT NULL,
  amount      INTEGER NOT NULL,
  rows        INTEGER NOT NULL,
  PRIMARY KEY (item_id, doc_type, source_type, unit_id)
) WITHOUT ROWID;

CREATE TABLE flow_days (
  day         TEXT NOT NULL,
  earlier     INTEGER NOT NULL,
  item_id     INTEGER NOT NULL,
  doc_type    TEXT NOT NULL,
  source_type TEXT NOT NULL,
  unit_id     INTEGER NOT NULL,
  qty         INTEGER NOT NULL,
  amount      INTEGER NOT NULL,
  rows        INTEGER NOT NULL,
  PRIMARY KEY (day, earlier, item_id, doc_type, source_type, unit_id)
) WITHOUT ROWID;

-- The 笔 of the statistics, kept the same way: per local day and side ('in' receipts, 'out'
-- dispatches), the originals posted that moved stock (opening stock left out), the reversals of
-- such originals posted that day, and those of them that undid an original of the same day.
CREATE TABLE doc_days (
  day               TEXT NOT NULL,
  side              TEXT NOT NULL CHECK (side IN ('in', 'out')),
  posted            INTEGER NOT NULL DEFAULT 0,
  reversed          INTEGER NOT NULL DEFAULT 0,
  reversed_same_day INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (day, side)
) WITHOUT ROWID;
