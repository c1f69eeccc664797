-- Demand reports (需求申报) and allocation plans (分配方案).

-- One row per unit, day and item. A row carried forward from an earlier day says so.
CREATE TABLE demand_reports (
  id           INTEGER PRIMARY KEY,
  day          TEXT NOT NULL,
  unit_id      INTEGER NOT NULL REFERENCES units (id),
  item_id      INTEGER NOT NULL REFERENCES items (id),
  on_hand      INTEGER NOT NULL CHECK (on_hand >= 0),
  daily_need   INTEGER NOT NULL CHECK (daily_need >= 0),
  minimum_need INTEGER NOT NULL CHECK (minimum_need >= 0),
  requested    INTEGER CHECK (requested >= 0),
  carried_from TEXT,                                -- the day this report was carried forward from
  source       TEXT NOT NULL CHECK (source IN ('desk', 'excel', 'carried')),
  entered_by   INTEGER NOT NULL REFERENCES operators (id),
  entered_at   TEXT NOT NULL,
  UNIQUE (day, unit_id, item_id)
);
CREATE INDEX demand_reports_unit ON demand_reports (unit_id, day);

-- A plan is one revision of a day's round; approved revisions are never changed.
CREATE TABLE allocation_plans (
  id          INTEGER PRIMARY KEY,
  day         TEXT NOT NULL,
  revision    INTEGER NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('draft', 'approved')),
  params      TEXT NOT NULL,                        -- JSON: cover days, basis, reserves, items, tier overrides, packs
  note        TEXT NOT NULL DEFAULT '',
  created_by  INTEGER NOT NULL REFERENCES operators (id),
  created_at  TEXT NOT NULL,
  approved_by INTEGER REFERENCES operators (id),
  approved_at TEXT,
  version     INTEGER NOT NULL DEFAULT 1,
  UNIQUE (day, revision)
);

CREATE TABLE allocation_items (
  plan_id        INTEGER NOT NULL REFERENCES allocation_plans (id),
  item_id        INTEGER NOT NULL REFERENCES items (id),
  available      INTEGER NOT NULL,
  reserve        INTEGER NOT NULL,
  pack_size      INTEGER,
  pack_unit      TEXT,
  pack_remainder INTEGER NOT NULL DEFAULT 0,
  rationed_tier  TEXT,
  PRIMARY KEY (plan_id, item_id)
);

CREATE TABLE allocation_lines (
  plan_id         INTEGER NOT NULL REFERENCES allocation_plans (id),
  unit_id         INTEGER NOT NULL REFERENCES units (id),
  item_id         INTEGER NOT NULL REFERENCES items (id),
  tier            TEXT NOT NULL,
  need            INTEGER NOT NULL,
  claim           INTEGER NOT NULL,
  computed        INTEGER NOT NULL,                 -- what the rules gave
  allocated       INTEGER NOT NULL CHECK (allocated >= 0),  -- after the operator's override, if any
  reason          TEXT NOT NULL,                    -- JSON, put into words when read
  override_reason TEXT,
  PRIMARY KEY (plan_id, unit_id, item_id)
);

CREATE TRIGGER allocation_plans_approved BEFORE UPDATE ON allocation_plans WHEN old.status = 'approved'
BEGIN SELECT RAISE(ABORT, 'an approved plan is never changed'); END;
CREATE TRIGGER allocation_lines_approved BEFORE UPDATE ON allocation_lines
  WHEN (SELECT status FROM allocation_plans WHERE id = old.plan_id) = 'approved'
BEGIN SELECT RAISE(ABORT, 'an approved plan is never changed'); END;
