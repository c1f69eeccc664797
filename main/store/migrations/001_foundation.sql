-- Foundation: settings, operators, master data, the audit log, and the request log
-- that makes every write idempotent.

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE operators (
  id            INTEGER PRIMARY KEY,
  code          TEXT NOT NULL UNIQUE,
  name          TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('storekeeper', 'dispatcher', 'approver', 'admin', 'system')),
  password_hash TEXT,
  active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  version       INTEGER NOT NULL DEFAULT 1,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);

-- The CLI and migrations act as this operator; it can never sign in (no password).
INSERT INTO operators (id, code, name, role, created_at, updated_at)
VALUES (1, 'system', '系统', 'system', strftime('%Y-%m-%dT%H:%M:%fZ'), strftime('%Y-%m-%dT%H:%M:%fZ'));

CREATE TABLE items (
  id           INTEGER PRIMARY KEY,
  code         TEXT NOT NULL UNIQUE,
  name         TEXT NOT NULL,
  spec         TEXT NOT NULL DEFAULT '',
  unit         TEXT NOT NULL,
  category     TEXT NOT NULL CHECK (category IN ('protective', 'disinfection', 'medical', 'living', 'warming', 'bedding')),
  -- Pack levels as JSON, smallest first: [{"unit":"盒","per":50},{"unit":"箱","per":1000}]
  -- ("per" counts base units). Quantities are always stored in base units.
  packs        TEXT NOT NULL DEFAULT '[]',
  lot_tracked  INTEGER NOT NULL DEFAULT 1 CHECK (lot_tracked IN (0, 1)),
  standard     TEXT NOT NULL DEFAULT '',
  safety_stock INTEGER NOT NULL DEFAULT 0 CHECK (safety_stock >= 0),
  barcode      TEXT UNIQUE,
  active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  version      INTEGER NOT NULL DEFAULT 1,
  updated_at   TEXT NOT NULL,
  updated_by   INTEGER NOT NULL REFERENCES operators (id)
);

CREATE TABLE locations (
  id         INTEGER PRIMARY KEY,
  code       TEXT NOT NULL UNIQUE,
  depot      TEXT NOT NULL,
  zone       TEXT NOT NULL,
  bin        TEXT NOT NULL,
  note       TEXT NOT NULL DEFAULT '',
  active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  version    INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL,
  updated_by INTEGER NOT NULL REFERENCES operators (id),
  UNIQUE (depot, zone, bin)
);

CREATE TABLE suppliers (
  id                   INTEGER PRIMARY KEY,
  code                 TEXT NOT NULL UNIQUE,
  name                 TEXT NOT NULL,
  kind                 TEXT NOT NULL CHECK (kind IN ('manufacturer', 'distributor', 'donor', 'higher_level', 'district')),
  contact              TEXT NOT NULL DEFAULT '',
  phone                TEXT NOT NULL DEFAULT '',
  address              TEXT NOT NULL DEFAULT '',
  products             TEXT NOT NULL DEFAULT '',
  capacity_per_day     TEXT NOT NULL DEFAULT '',
  lead_time_days       INTEGER CHECK (lead_time_days >= 0),
  qualification        TEXT NOT NULL DEFAULT '',
  qualification_expiry TEXT,
  active               INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  version              INTEGER NOT NULL DEFAULT 1,
  updated_at           TEXT NOT NULL,
  updated_by           INTEGER NOT NULL REFERENCES operators (id)
);

CREATE TABLE units (
  id          INTEGER PRIMARY KEY,
  code        TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  type        TEXT NOT NULL CHECK (type IN ('designated_hospital', 'other_hospital', 'makeshift_hospital', 'quarantine_hotel',
                'checkpoint', 'control_point', 'township_health_centre', 'ambulance_team', 'frontline_staff')),
  district    TEXT NOT NULL DEFAULT '',
  staff_count INTEGER NOT NULL DEFAULT 0 CHECK (staff_count >= 0),
  beds        INTEGER NOT NULL DEFAULT 0 CHECK (beds >= 0),
  tier        TEXT NOT NULL CHECK (tier IN ('full', 'minimum', 'proportional')),
  contact     TEXT NOT NULL DEFAULT '',
  phone       TEXT NOT NULL DEFAULT '',
  address     TEXT NOT NULL DEFAULT '',
  active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  version     INTEGER NOT NULL DEFAULT 1,
  updated_at  TEXT NOT NULL,
  updated_by  INTEGER NOT NULL REFERENCES operators (id)
);

CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  operator_id INTEGER NOT NULL REFERENCES operators (id),
  action      TEXT NOT NULL,
  entity      TEXT NOT NULL,
  entity_id   TEXT,
  before      TEXT,
  after       TEXT,
  request_id  TEXT
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- The first answer to each write, so that a repeated request id returns it and writes nothing.
CREATE TABLE requests (
  request_id  TEXT PRIMARY KEY,
  channel     TEXT NOT NULL,
  operator_id INTEGER NOT NULL REFERENCES operators (id),
  answer      TEXT NOT NULL,
  at          TEXT NOT NULL
);
