-- The supply side: purchase orders, procurement plans that make them, pledges of donations.
-- What a PO or a pledge has received is never stored: it is read from the posted receipts that
-- name it (net of their reversals), so a 红冲 puts the quantity back as outstanding by itself.

CREATE TABLE procurement_plans (
  id          INTEGER PRIMARY KEY,
  no          TEXT NOT NULL UNIQUE,
  status      TEXT NOT NULL CHECK (status IN ('draft', 'approved')),
  allocation_plan_id INTEGER REFERENCES allocation_plans (id),  -- the round whose unmet need it covers
  note        TEXT NOT NULL DEFAULT '',
  created_by  INTEGER NOT NULL REFERENCES operators (id),
  created_at  TEXT NOT NULL,
  approved_by INTEGER REFERENCES operators (id),
  approved_at TEXT,
  version     INTEGER NOT NULL DEFAULT 1
);

-- One line per item; its figures are kept as computed, so the plan still says how it was reached.
CREATE TABLE procurement_lines (
  id          INTEGER PRIMARY KEY,
  plan_id     INTEGER NOT NULL REFERENCES procurement_plans (id),
  item_id     INTEGER NOT NULL REFERENCES items (id),
  unmet       INTEGER NOT NULL CHECK (unmet >= 0),   -- the allocation plan's need left unserved
  stock_after INTEGER NOT NULL,                       -- free stock once that plan is served
  safety_stock INTEGER NOT NULL,
  daily_rate  INTEGER NOT NULL,                       -- dispatched a day, over the last 7 days
  cover_days  INTEGER NOT NULL,
  top_up      INTEGER NOT NULL CHECK (top_up >= 0),  -- back to max(safety stock, cover days × rate)
  on_order    INTEGER NOT NULL CHECK (on_order >= 0),
  pledged     INTEGER NOT NULL CHECK (pledged >= 0),
  suggested   INTEGER NOT NULL CHECK (suggested >= 0),
  UNIQUE (plan_id, item_id)
);

-- A line's share for one supplier; an expired qualification blocks it until an approver overrides.
CREATE TABLE procurement_splits (
  id              INTEGER PRIMARY KEY,
  line_id         INTEGER NOT NULL REFERENCES procurement_lines (id),
  supplier_id     INTEGER NOT NULL REFERENCES suppliers (id),
  qty             INTEGER NOT NULL CHECK (qty > 0 AND qty <= 1000000000),
  unit_price      INTEGER CHECK (unit_price >= 0),
  promised_on     TEXT,
  override_reason TEXT,
  override_by     INTEGER REFERENCES operators (id),
  override_at     TEXT
);

CREATE TABLE purchase_orders (
  id           INTEGER PRIMARY KEY,
  no           TEXT NOT NULL UNIQUE,
  supplier_id  INTEGER NOT NULL REFERENCES suppliers (id),
  -- open / closed / cancelled as decided; partly received and received are read from receipts.
  status       TEXT NOT NULL CHECK (status IN ('open', 'closed', 'cancelled')),
  plan_id      INTEGER REFERENCES procurement_plans (id),
  note         TEXT NOT NULL DEFAULT '',
  created_by   INTEGER NOT NULL REFERENCES operators (id),
  created_at   TEXT NOT NULL,
  ended_by     INTEGER REFERENCES operators (id),
  ended_at     TEXT,
  end_reason   TEXT,
  version      INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE purchase_order_lines (
  id          INTEGER PRIMARY KEY,
  po_id       INTEGER NOT NULL REFERENCES purchase_orders (id),
  line_no     INTEGER NOT NULL,
  item_id     INTEGER NOT NULL REFERENCES items (id),
  qty         INTEGER NOT NULL CHECK (qty > 0 AND qty <= 1000000000),
  unit_price  INTEGER CHECK (unit_price >= 0),   -- fen per base unit
  promised_on TEXT,
  UNIQUE (po_id, line_no)
);

CREATE TABLE pledges (
  id          INTEGER PRIMARY KEY,
  no          TEXT NOT NULL UNIQUE,
  donor_id    INTEGER NOT NULL REFERENCES suppliers (id),
  donor_kind  TEXT NOT NULL CHECK (donor_kind IN ('company', 'association', 'person', 'overseas')),
  pledged_on  TEXT NOT NULL,
  expected_on TEXT,
  -- 定向捐赠: the goods go only to this unit, to units of this type, or to units of this district.
  earmark_unit_id   INTEGER REFERENCES units (id),
  earmark_unit_type TEXT,
  earmark_district  TEXT,
  note        TEXT NOT NULL DEFAULT '',
  created_by  INTEGER NOT NULL REFERENCES operators (id),
  created_at  TEXT NOT NULL,
  CHECK ((earmark_unit_id IS NOT NULL) + (earmark_unit_type IS NOT NULL) + (earmark_district IS NOT NULL) <= 1)
);

CREATE TABLE pledge_lines (
  id             INTEGER PRIMARY KEY,
  pledge_id      INTEGER NOT NULL REFERENCES pledges (id),
  line_no        INTEGER NOT NULL,
  item_id        INTEGER NOT NULL REFERENCES items (id),
  qty            INTEGER NOT NULL CHECK (qty > 0 AND qty <= 1000000000),
  declared_value INTEGER CHECK (declared_value >= 0),  -- fen per base unit, as the donor declares it
  UNIQUE (pledge_id, line_no)
);

ALTER TABLE receipts ADD COLUMN purchase_order_id INTEGER REFERENCES purchase_orders (id);
ALTER TABLE receipts ADD COLUMN pledge_id INTEGER REFERENCES pledges (id);
CREATE INDEX receipts_purchase_order ON receipts (purchase_order_id) WHERE purchase_order_id IS NOT NULL;
CREATE INDEX receipts_pledge ON receipts (pledge_id) WHERE pledge_id IS NOT NULL;

-- A donation classed on arrival the PAHO/SUMA way, so what the front line needs is inspected and
-- shelved first; the class is the storekeeper's word and may change, the receipt does not.
CREATE TABLE donation_classes (
  receipt_id INTEGER PRIMARY KEY REFERENCES receipts (id),
  class      TEXT NOT NULL CHECK (class IN ('urgent', 'non_urgent', 'non_priority')),
  note       TEXT NOT NULL DEFAULT '',
  classed_by INTEGER NOT NULL REFERENCES operators (id),
  classed_at TEXT NOT NULL
);
