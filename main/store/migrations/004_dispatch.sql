-- Dispatch orders (调拨单 / 出库单): draft → approved (stock reserved) → picked → shipped
-- (ledger rows written) → delivered (签收); or cancelled (reservations released).
-- A shipped order is reversed (红冲) by an order that points at it, never edited.

CREATE TABLE dispatch_orders (
  id            INTEGER PRIMARY KEY,
  no            TEXT NOT NULL UNIQUE,
  status        TEXT NOT NULL CHECK (status IN ('draft', 'approved', 'picked', 'shipped', 'delivered', 'cancelled')),
  unit_id       INTEGER NOT NULL REFERENCES units (id),
  priority      TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN ('normal', 'urgent')),
  requested_at  TEXT,
  vehicle       TEXT NOT NULL DEFAULT '',
  driver        TEXT NOT NULL DEFAULT '',
  driver_phone  TEXT NOT NULL DEFAULT '',
  remarks       TEXT NOT NULL DEFAULT '',
  plan_id       INTEGER,                            -- the allocation plan it came from, if any
  backorder_of  INTEGER REFERENCES dispatch_orders (id),
  reverses_id   INTEGER UNIQUE REFERENCES dispatch_orders (id),
  created_by    INTEGER NOT NULL REFERENCES operators (id),
  created_at    TEXT NOT NULL,
  approved_by   INTEGER REFERENCES operators (id),
  approved_at   TEXT,
  picked_at     TEXT,
  shipped_by    INTEGER REFERENCES operators (id),
  shipped_at    TEXT,
  delivered_at  TEXT,
  receiver      TEXT,
  delivery_note TEXT NOT NULL DEFAULT '',
  cancelled_at  TEXT,
  cancel_reason TEXT NOT NULL DEFAULT '',
  version       INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX dispatch_orders_status ON dispatch_orders (status, created_at);

CREATE TABLE dispatch_lines (
  id       INTEGER PRIMARY KEY,
  order_id INTEGER NOT NULL REFERENCES dispatch_orders (id),
  line_no  INTEGER NOT NULL,
  item_id  INTEGER NOT NULL REFERENCES items (id),
  qty      INTEGER NOT NULL CHECK (qty > 0),        -- requested, in base units
  note     TEXT NOT NULL DEFAULT '',
  UNIQUE (order_id, line_no)
);

-- The lots picked for a line (FEFO proposed, editable); reserved while approved or picked.
CREATE TABLE dispatch_picks (
  id          INTEGER PRIMARY KEY,
  order_id    INTEGER NOT NULL REFERENCES dispatch_orders (id),
  line_id     INTEGER NOT NULL REFERENCES dispatch_lines (id),
  lot_id      INTEGER NOT NULL REFERENCES lots (id),
  location_id INTEGER NOT NULL REFERENCES locations (id),
  qty         INTEGER NOT NULL CHECK (qty > 0)
);
CREATE INDEX dispatch_picks_order ON dispatch_picks (order_id);

-- What the receiver found short or damaged at sign-off.
CREATE TABLE delivery_discrepancies (
  id          INTEGER PRIMARY KEY,
  order_id    INTEGER NOT NULL REFERENCES dispatch_orders (id),
  line_id     INTEGER NOT NULL REFERENCES dispatch_lines (id),
  lot_id      INTEGER NOT NULL REFERENCES lots (id),
  kind        TEXT NOT NULL CHECK (kind IN ('short', 'damaged')),
  qty         INTEGER NOT NULL CHECK (qty > 0),
  reason      TEXT NOT NULL
);

-- Shipped and delivered orders keep their lines and picks as they were shipped.
CREATE TRIGGER dispatch_lines_frozen BEFORE UPDATE ON dispatch_lines
  WHEN (SELECT status FROM dispatch_orders WHERE id = old.order_id) IN ('shipped', 'delivered')
BEGIN SELECT RAISE(ABORT, 'shipped orders are never edited: reverse them'); END;
CREATE TRIGGER dispatch_lines_frozen_delete BEFORE DELETE ON dispatch_lines
  WHEN (SELECT status FROM dispatch_orders WHERE id = old.order_id) IN ('shipped', 'delivered')
BEGIN SELECT RAISE(ABORT, 'shipped orders are never edited: reverse them'); END;
CREATE TRIGGER dispatch_picks_frozen BEFORE UPDATE ON dispatch_picks
  WHEN (SELECT status FROM dispatch_orders WHERE id = old.order_id) IN ('shipped', 'delivered')
BEGIN SELECT RAISE(ABORT, 'shipped orders are never edited: reverse them'); END;
CREATE TRIGGER dispatch_picks_frozen_delete BEFORE DELETE ON dispatch_picks
  WHEN (SELECT status FROM dispatch_orders WHERE id = old.order_id) IN ('shipped', 'delivered')
BEGIN SELECT RAISE(ABORT, 'shipped orders are never edited: reverse them'); END;
-- Only the sign-off may touch a shipped order, and nothing may touch a delivered one.
CREATE TRIGGER dispatch_orders_frozen BEFORE UPDATE ON dispatch_orders
  WHEN old.status = 'delivered' OR old.status = 'cancelled' OR (old.status = 'shipped' AND new.status <> 'delivered')
BEGIN SELECT RAISE(ABORT, 'shipped orders are never edited: reverse them'); END;

-- Print history per document, so a reprint is marked 补打 with its count.
CREATE TABLE print_log (
  id          INTEGER PRIMARY KEY,
  doc_type    TEXT NOT NULL,
  doc_id      INTEGER NOT NULL,
  kind        TEXT NOT NULL,
  paper       TEXT NOT NULL,
  copies      INTEGER NOT NULL,
  printer     TEXT,
  at          TEXT NOT NULL,
  operator_id INTEGER NOT NULL REFERENCES operators (id)
);
CREATE INDEX print_log_doc ON print_log (doc_type, doc_id);
