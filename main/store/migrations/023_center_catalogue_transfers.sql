-- foreign_keys: off
-- A briefing line the command center words (its catalogue, pulled with each push) carries the
-- center's code, so that the next version of it replaces this line rather than adding another.
-- Lines the depot wrote itself have none.
ALTER TABLE briefing_lines ADD COLUMN center_code TEXT;
CREATE UNIQUE INDEX briefing_lines_center_code ON briefing_lines (center_code) WHERE center_code IS NOT NULL;

-- Transfers to this depot that the sending depot reversed (红冲), as the command center reports
-- them in each push round: the receipt drafted for one (its reference "FROM/NO") is not posted.
CREATE TABLE transfer_cancellations (
  reference    TEXT PRIMARY KEY,
  reversal_no  TEXT NOT NULL,
  cancelled_at TEXT,
  learned_at   TEXT NOT NULL
);

-- The command center's staff (role center) sign in at a depot's desk to read the city's views and
-- nothing of the depot's. SQLite cannot widen a CHECK in place: the table is rebuilt as SQLite
-- prescribes, with foreign keys off for this migration (the first line says so to migrate.ts) and
-- checked before it commits.
CREATE TABLE operators_new (
  id            INTEGER PRIMARY KEY,
  code          TEXT NOT NULL UNIQUE,
  name          TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('storekeeper', 'dispatcher', 'approver', 'admin', 'center', 'system')),
  password_hash TEXT,
  active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  version       INTEGER NOT NULL DEFAULT 1,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
INSERT INTO operators_new (id, code, name, role, password_hash, active, version, created_at, updated_at)
SELECT id, code, name, role, password_hash, active, version, created_at, updated_at FROM operators;
DROP TABLE operators;
ALTER TABLE operators_new RENAME TO operators;

-- The outbox may be pruned of what the command center has acknowledged (main/center/outbox.ts,
-- pruneOutbox): the database itself still refuses to delete an entry the center has not
-- acknowledged, or the newest entry, whose number the next one follows (seq is the rowid: were
-- the table emptied, numbers would be given again).
DROP TRIGGER outbox_no_delete;
CREATE TRIGGER outbox_no_delete BEFORE DELETE ON outbox
  WHEN old.seq > (SELECT seq FROM outbox_acked WHERE id = 1) OR old.seq >= (SELECT max(seq) FROM outbox)
BEGIN
  SELECT RAISE(ABORT, 'the outbox is append-only: only entries the center has acknowledged may be pruned, never the newest');
END;
