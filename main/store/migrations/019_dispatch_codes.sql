-- 药品追溯码 and UDI serials scanned at picking travel with the dispatch to the unit: each code
-- belongs to one order and one of its lots, and leaves the depot once (a later order is refused it
-- unless the first was reversed or cancelled). Fixed once the order ships.
CREATE TABLE dispatch_codes (
  id          INTEGER PRIMARY KEY,
  order_id    INTEGER NOT NULL REFERENCES dispatch_orders (id),
  lot_id      INTEGER NOT NULL REFERENCES lots (id),
  code        TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 60),
  at          TEXT NOT NULL,
  operator_id INTEGER NOT NULL REFERENCES operators (id),
  UNIQUE (order_id, code)
);
CREATE INDEX dispatch_codes_code ON dispatch_codes (code);
CREATE TRIGGER dispatch_codes_frozen_insert BEFORE INSERT ON dispatch_codes
  WHEN (SELECT status FROM dispatch_orders WHERE id = new.order_id) IN ('shipped', 'delivered')
BEGIN SELECT RAISE(ABORT, 'shipped orders are never edited: reverse them'); END;
CREATE TRIGGER dispatch_codes_frozen_delete BEFORE DELETE ON dispatch_codes
  WHEN (SELECT status FROM dispatch_orders WHERE id = old.order_id) IN ('shipped', 'delivered')
BEGIN SELECT RAISE(ABORT, 'shipped orders are never edited: reverse them'); END;
CREATE TRIGGER dispatch_codes_no_update BEFORE UPDATE ON dispatch_codes
BEGIN SELECT RAISE(ABORT, 'a scanned code is never changed'); END;
