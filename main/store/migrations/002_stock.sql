-- Receiving and stock: lots, balances by item × lot × location, the immutable ledger (流水),
-- inbound receipts with inspection, moves between locations, stocktakes, supplier contacts.

-- Document numbers by kind and day (RK20260410-0007), never reused.
CREATE TABLE doc_sequences (
  prefix TEXT NOT NULL,
  day    TEXT NOT NULL,
  last   INTEGER NOT NULL,
  PRIMARY KEY (prefix, day)
);

-- A lot is an item's production batch. Items without lot tracking keep one lot with lot_no ''.
CREATE TABLE lots (
  id          INTEGER PRIMARY KEY,
  item_id     INTEGER NOT NULL REFERENCES items (id),
  lot_no      TEXT NOT NULL,
  produced_on TEXT,
  expires_on  TEXT,
  supplier_id INTEGER REFERENCES suppliers (id),
  source_type TEXT,
  unit_cost   INTEGER CHECK (unit_cost >= 0),      -- fen per base unit; NULL when unpriced (some donations)
  status      TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected', 'quarantined')),
  status_note TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL,
  version     INTEGER NOT NULL DEFAULT 1,
  UNIQUE (item_id, lot_no)
);
CREATE INDEX lots_expiry ON lots (expires_on);

-- Balances, maintained as documents post (never recomputed by scanning the ledger).
CREATE TABLE stock (
  lot_id      INTEGER NOT NULL REFERENCES lots (id),
  location_id INTEGER NOT NULL REFERENCES locations (id),
  item_id     INTEGER NOT NULL REFERENCES items (id),
  on_hand     INTEGER NOT NULL CHECK (on_hand >= 0),
  reserved    INTEGER NOT NULL DEFAULT 0 CHECK (reserved >= 0 AND reserved <= on_hand),
  PRIMARY KEY (lot_id, location_id)
);
CREATE INDEX stock_item ON stock (item_id);
CREATE INDEX stock_location ON stock (location_id);

-- The ledger: one immutable row per change of stock, pointing at its document and line.
CREATE TABLE movements (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  item_id     INTEGER NOT NULL REFERENCES items (id),
  lot_id      INTEGER NOT NULL REFERENCES lots (id),
  location_id INTEGER NOT NULL REFERENCES locations (id),
  qty         INTEGER NOT NULL CHECK (qty <> 0),
  amount      INTEGER,                              -- fen, signed like qty; NULL when unpriced
  doc_type    TEXT NOT NULL CHECK (doc_type IN ('receipt', 'receipt_reversal', 'move', 'stocktake',
                'dispatch', 'dispatch_reversal', 'delivery_adjustment')),
  doc_id      INTEGER NOT NULL,
  doc_no      TEXT NOT NULL,
  line_id     INTEGER,
  source_type TEXT,                                 -- where goods came from (receipts)
  supplier_id INTEGER REFERENCES suppliers (id),
  unit_id     INTEGER REFERENCES units (id),        -- where goods went (dispatch) or came back from
  reverses_id INTEGER REFERENCES movements (id),
  operator_id INTEGER NOT NULL REFERENCES operators (id)
);
CREATE INDEX movements_item ON movements (item_id, id);
CREATE INDEX movements_lot ON movements (lot_id, id);
CREATE INDEX movements_doc ON movements (doc_type, doc_id);
CREATE INDEX movements_at ON movements (at);
CREATE INDEX movements_doc_at ON movements (doc_type, at);

CREATE TRIGGER movements_no_update BEFORE UPDATE ON movements
BEGIN SELECT RAISE(ABORT, 'movements are immutable: post a reversal'); END;
CREATE TRIGGER movements_no_delete BEFORE DELETE ON movements
BEGIN SELECT RAISE(ABORT, 'movements are immutable: post a reversal'); END;

-- Inbound receipts (入库单) and their reversals (红冲), which point at the receipt they reverse.
CREATE TABLE receipts (
  id          INTEGER PRIMARY KEY,
  no          TEXT UNIQUE,                          -- given when posted
  status      TEXT NOT NULL CHECK (status IN ('draft', 'posted')),
  source_type TEXT NOT NULL CHECK (source_type IN ('purchase', 'donation', 'allocation', 'district', 'return', 'opening', 'other')),
  supplier_id INTEGER REFERENCES suppliers (id),
  unit_id     INTEGER REFERENCES units (id),        -- a unit returning goods (退库)
  reference   TEXT NOT NULL DEFAULT '',             -- PO or waybill number
  vehicle     TEXT NOT NULL DEFAULT '',
  received_at TEXT NOT NULL,
  note        TEXT NOT NULL DEFAULT '',
  inspection  TEXT NOT NULL DEFAULT '{}',           -- JSON: documents checked, standard, packaging, result, inspector
  reverses_id INTEGER UNIQUE REFERENCES receipts (id),
  created_by  INTEGER NOT NULL REFERENCES operators (id),
  posted_by   INTEGER REFERENCES operators (id),
  posted_at   TEXT,
  version     INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE receipt_lines (
  id            INTEGER PRIMARY KEY,
  receipt_id    INTEGER NOT NULL REFERENCES receipts (id),
  line_no       INTEGER NOT NULL,
  item_id       INTEGER NOT NULL REFERENCES items (id),
  lot_no        TEXT NOT NULL DEFAULT '',
  produced_on   TEXT,
  expires_on    TEXT,
  counted       INTEGER NOT NULL CHECK (counted >= 0),
  accepted      INTEGER NOT NULL CHECK (accepted >= 0),
  rejected      INTEGER NOT NULL CHECK (rejected >= 0),
  reject_reason TEXT NOT NULL DEFAULT '',
  unit_cost     INTEGER CHECK (unit_cost >= 0),
  location_id   INTEGER NOT NULL REFERENCES locations (id),
  inspection    TEXT NOT NULL CHECK (inspection IN ('accepted', 'pending')),
  lot_id        INTEGER REFERENCES lots (id),
  CHECK (accepted + rejected = counted),
  UNIQUE (receipt_id, line_no)
);

-- The database itself keeps posted receipts as they were posted.
CREATE TRIGGER receipts_posted_no_update BEFORE UPDATE ON receipts WHEN old.status = 'posted'
BEGIN SELECT RAISE(ABORT, 'posted receipts are never edited: reverse them'); END;
CREATE TRIGGER receipts_posted_no_delete BEFORE DELETE ON receipts WHEN old.status = 'posted'
BEGIN SELECT RAISE(ABORT, 'posted receipts are never deleted: reverse them'); END;
CREATE TRIGGER receipt_lines_posted_no_update BEFORE UPDATE ON receipt_lines
  WHEN (SELECT status FROM receipts WHERE id = old.receipt_id) = 'posted'
BEGIN SELECT RAISE(ABORT, 'posted receipts are never edited: reverse them'); END;
CREATE TRIGGER receipt_lines_posted_no_delete BEFORE DELETE ON receipt_lines
  WHEN (SELECT status FROM receipts WHERE id = old.receipt_id) = 'posted'
BEGIN SELECT RAISE(ABORT, 'posted receipts are never deleted: reverse them'); END;

-- Moves between locations (移库), posted at once.
CREATE TABLE transfers (
  id          INTEGER PRIMARY KEY,
  no          TEXT NOT NULL UNIQUE,
  at          TEXT NOT NULL,
  note        TEXT NOT NULL DEFAULT '',
  operator_id INTEGER NOT NULL REFERENCES operators (id)
);
CREATE TABLE transfer_lines (
  id               INTEGER PRIMARY KEY,
  transfer_id      INTEGER NOT NULL REFERENCES transfers (id),
  lot_id           INTEGER NOT NULL REFERENCES lots (id),
  from_location_id INTEGER NOT NULL REFERENCES locations (id),
  to_location_id   INTEGER NOT NULL REFERENCES locations (id),
  qty              INTEGER NOT NULL CHECK (qty > 0)
);
CREATE TRIGGER transfers_no_update BEFORE UPDATE ON transfers BEGIN SELECT RAISE(ABORT, 'transfers are immutable'); END;
CREATE TRIGGER transfer_lines_no_update BEFORE UPDATE ON transfer_lines BEGIN SELECT RAISE(ABORT, 'transfers are immutable'); END;

-- Stocktakes (盘点): a count sheet with the book quantity at generation; approved differences post.
CREATE TABLE stocktakes (
  id          INTEGER PRIMARY KEY,
  no          TEXT NOT NULL UNIQUE,
  status      TEXT NOT NULL CHECK (status IN ('counting', 'posted', 'cancelled')),
  scope       TEXT NOT NULL,                        -- JSON: { locationId?, category? }
  created_at  TEXT NOT NULL,
  created_by  INTEGER NOT NULL REFERENCES operators (id),
  reason      TEXT NOT NULL DEFAULT '',
  approved_by INTEGER REFERENCES operators (id),
  posted_at   TEXT,
  version     INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE stocktake_lines (
  id           INTEGER PRIMARY KEY,
  stocktake_id INTEGER NOT NULL REFERENCES stocktakes (id),
  lot_id       INTEGER NOT NULL REFERENCES lots (id),
  location_id  INTEGER NOT NULL REFERENCES locations (id),
  book_qty     INTEGER NOT NULL,
  counted_qty  INTEGER CHECK (counted_qty >= 0),
  UNIQUE (stocktake_id, lot_id, location_id)
);
CREATE TRIGGER stocktakes_posted_no_update BEFORE UPDATE ON stocktakes WHEN old.status <> 'counting'
BEGIN SELECT RAISE(ABORT, 'a closed stocktake is never edited'); END;

-- Supplier channels: who was called, by whom, what was promised.
CREATE TABLE supplier_contacts (
  id            INTEGER PRIMARY KEY,
  supplier_id   INTEGER NOT NULL REFERENCES suppliers (id),
  at            TEXT NOT NULL,
  operator_id   INTEGER NOT NULL REFERENCES operators (id),
  method        TEXT NOT NULL DEFAULT 'phone',
  outcome       TEXT NOT NULL,
  item_id       INTEGER REFERENCES items (id),
  promised_qty  INTEGER CHECK (promised_qty >= 0),
  promised_date TEXT,
  note          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX supplier_contacts_supplier ON supplier_contacts (supplier_id, at);
CREATE TRIGGER supplier_contacts_no_update BEFORE UPDATE ON supplier_contacts BEGIN SELECT RAISE(ABORT, 'the contact log is append-only'); END;

INSERT INTO settings (key, value) VALUES ('stock.expiryWarnDays', '30'), ('depot.name', '市本级应急物资储备库');
