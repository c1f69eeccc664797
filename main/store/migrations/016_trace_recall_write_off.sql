-- Barcodes, trace, recall and write-off (issue 15).

-- A GTIN names an item at one pack level: a carton's GTIN differs from a box's. Learned at the
-- first scan of an unknown code, once, then remembered. pack NULL = the item's base unit.
CREATE TABLE item_gtins (
  gtin        TEXT PRIMARY KEY CHECK (length(gtin) = 14 AND gtin NOT GLOB '*[^0-9]*'),
  item_id     INTEGER NOT NULL REFERENCES items (id),
  pack        TEXT,
  per         INTEGER NOT NULL CHECK (per >= 1 AND per <= 1000000000),
  operator_id INTEGER NOT NULL REFERENCES operators (id),
  created_at  TEXT NOT NULL
);
CREATE INDEX item_gtins_item ON item_gtins (item_id);

-- 药品追溯码 and UDI serials scanned on a receipt line travel with it (a JSON array of codes).
ALTER TABLE receipt_lines ADD COLUMN codes TEXT NOT NULL DEFAULT '[]';

-- A recall (召回) freezes a lot everywhere and follows every unit that received it.
CREATE TABLE recalls (
  id          INTEGER PRIMARY KEY,
  no          TEXT NOT NULL UNIQUE,
  lot_id      INTEGER NOT NULL REFERENCES lots (id),
  reason      TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('open', 'closed')),
  opened_at   TEXT NOT NULL,
  opened_by   INTEGER NOT NULL REFERENCES operators (id),
  closed_at   TEXT,
  closed_by   INTEGER REFERENCES operators (id)
);
CREATE UNIQUE INDEX recalls_one_open_per_lot ON recalls (lot_id) WHERE status = 'open';

-- What each unit answered: returned, used, destroyed. Returns are posted as receipts (退库) that
-- point back here; the answer rows are the unit's word, appended, never edited.
CREATE TABLE recall_responses (
  id          INTEGER PRIMARY KEY,
  recall_id   INTEGER NOT NULL REFERENCES recalls (id),
  unit_id     INTEGER NOT NULL REFERENCES units (id),
  returned    INTEGER NOT NULL DEFAULT 0 CHECK (returned >= 0 AND returned <= 1000000000),
  used        INTEGER NOT NULL DEFAULT 0 CHECK (used >= 0 AND used <= 1000000000),
  destroyed   INTEGER NOT NULL DEFAULT 0 CHECK (destroyed >= 0 AND destroyed <= 1000000000),
  note        TEXT NOT NULL DEFAULT '',
  receipt_id  INTEGER REFERENCES receipts (id),
  at          TEXT NOT NULL,
  operator_id INTEGER NOT NULL REFERENCES operators (id)
);
CREATE INDEX recall_responses_recall ON recall_responses (recall_id, unit_id);

-- A write-off (报损 / 销毁): damaged, expired or recalled goods leave the books as their own
-- ledger type, approved by someone other than who wrote it, with the disposal recorded.
CREATE TABLE write_offs (
  id            INTEGER PRIMARY KEY,
  no            TEXT UNIQUE,
  status        TEXT NOT NULL CHECK (status IN ('draft', 'posted')),
  reason        TEXT NOT NULL CHECK (reason IN ('damaged', 'expired', 'recalled', 'other')),
  note          TEXT NOT NULL DEFAULT '',
  recall_id     INTEGER REFERENCES recalls (id),
  disposal      TEXT NOT NULL DEFAULT '',
  disposed_by   TEXT NOT NULL DEFAULT '',
  witness       TEXT NOT NULL DEFAULT '',
  created_by    INTEGER NOT NULL REFERENCES operators (id),
  created_at    TEXT NOT NULL,
  posted_by     INTEGER REFERENCES operators (id),
  posted_at     TEXT,
  version       INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE write_off_lines (
  id           INTEGER PRIMARY KEY,
  write_off_id INTEGER NOT NULL REFERENCES write_offs (id),
  line_no      INTEGER NOT NULL,
  lot_id       INTEGER NOT NULL REFERENCES lots (id),
  location_id  INTEGER NOT NULL REFERENCES locations (id),
  qty          INTEGER NOT NULL CHECK (typeof(qty) = 'integer' AND qty > 0 AND qty <= 1000000000),
  UNIQUE (write_off_id, line_no)
);
CREATE TRIGGER write_offs_posted_no_update BEFORE UPDATE ON write_offs WHEN old.status = 'posted'
BEGIN SELECT RAISE(ABORT, 'posted write-offs are never edited'); END;
CREATE TRIGGER write_offs_posted_no_delete BEFORE DELETE ON write_offs WHEN old.status = 'posted'
BEGIN SELECT RAISE(ABORT, 'posted write-offs are never deleted'); END;
CREATE TRIGGER write_off_lines_posted_no_change BEFORE UPDATE ON write_off_lines
  WHEN (SELECT status FROM write_offs WHERE id = old.write_off_id) = 'posted'
BEGIN SELECT RAISE(ABORT, 'posted write-offs are never edited'); END;
CREATE TRIGGER write_off_lines_posted_no_delete BEFORE DELETE ON write_off_lines
  WHEN (SELECT status FROM write_offs WHERE id = old.write_off_id) = 'posted'
BEGIN SELECT RAISE(ABORT, 'posted write-offs are never deleted'); END;

-- The ledger learns the write-off as a document type of its own. SQLite changes a CHECK only by
-- rebuilding the table: the rows are copied as they are (same ids), then the indexes and the
-- guards are made again. A depot with a million rows takes a few seconds, once.
CREATE TABLE movements_new (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  item_id     INTEGER NOT NULL REFERENCES items (id),
  lot_id      INTEGER NOT NULL REFERENCES lots (id),
  location_id INTEGER NOT NULL REFERENCES locations (id),
  qty         INTEGER NOT NULL CHECK (qty <> 0),
  amount      INTEGER,
  doc_type    TEXT NOT NULL CHECK (doc_type IN ('receipt', 'receipt_reversal', 'move', 'stocktake',
                'dispatch', 'dispatch_reversal', 'delivery_adjustment', 'write_off')),
  doc_id      INTEGER NOT NULL,
  doc_no      TEXT NOT NULL,
  line_id     INTEGER,
  source_type TEXT,
  supplier_id INTEGER REFERENCES suppliers (id),
  unit_id     INTEGER REFERENCES units (id),
  reverses_id INTEGER REFERENCES movements (id),
  operator_id INTEGER NOT NULL REFERENCES operators (id),
  valued_qty  INTEGER
);
INSERT INTO movements_new (id, at, item_id, lot_id, location_id, qty, amount, doc_type, doc_id, doc_no, line_id,
  source_type, supplier_id, unit_id, reverses_id, operator_id, valued_qty)
SELECT id, at, item_id, lot_id, location_id, qty, amount, doc_type, doc_id, doc_no, line_id,
  source_type, supplier_id, unit_id, reverses_id, operator_id, valued_qty FROM movements ORDER BY id;
DROP TABLE movements;
ALTER TABLE movements_new RENAME TO movements;

CREATE INDEX movements_item ON movements (item_id, id);
CREATE INDEX movements_lot ON movements (lot_id, id);
CREATE INDEX movements_doc ON movements (doc_type, doc_id);
CREATE INDEX movements_at ON movements (at);
CREATE INDEX movements_doc_at ON movements (doc_type, at);
CREATE INDEX movements_unit ON movements (unit_id) WHERE unit_id IS NOT NULL;

CREATE TRIGGER movements_no_update BEFORE UPDATE ON movements
BEGIN SELECT RAISE(ABORT, 'movements are immutable: post a reversal'); END;
CREATE TRIGGER movements_no_delete BEFORE DELETE ON movements
BEGIN SELECT RAISE(ABORT, 'movements are immutable: post a reversal'); END;
CREATE TRIGGER movements_not_in_closed_day BEFORE INSERT ON movements
  WHEN new.at < (SELECT ends_at FROM day_closes ORDER BY day DESC LIMIT 1)
BEGIN SELECT RAISE(ABORT, 'the day of this posting is already closed (扎账): check the clock of this desk'); END;
CREATE TRIGGER movements_quantity_bounds_insert BEFORE INSERT ON movements
  WHEN typeof(new.qty) <> 'integer' OR abs(new.qty) > 1000000000
BEGIN SELECT RAISE(ABORT, 'quantity out of range'); END;
CREATE TRIGGER movements_quantity_bounds_update BEFORE UPDATE ON movements
  WHEN typeof(new.qty) <> 'integer' OR abs(new.qty) > 1000000000
BEGIN SELECT RAISE(ABORT, 'quantity out of range'); END;
