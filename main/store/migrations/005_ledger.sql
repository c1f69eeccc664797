-- The midnight close (扎账): each ended day's figures, frozen. A closed day's figures never
-- change; corrections posted later show on the day they are posted.

CREATE TABLE day_closes (
  day                 TEXT PRIMARY KEY,             -- the depot's local day, YYYY-MM-DD
  starts_at           TEXT NOT NULL,                -- ISO instants of its local midnights
  ends_at             TEXT NOT NULL,
  through_movement_id INTEGER NOT NULL,             -- the last ledger row when it was closed
  figures             TEXT NOT NULL,                -- JSON: the day's statistics (StatsWindow)
  closed_at           TEXT NOT NULL,
  closed_by           INTEGER NOT NULL REFERENCES operators (id)
);

-- Per item: opening, in, out, closing (base units; amounts in fen, unpriced rows count 0).
CREATE TABLE day_close_items (
  day            TEXT NOT NULL REFERENCES day_closes (day),
  item_id        INTEGER NOT NULL REFERENCES items (id),
  opening_qty    INTEGER NOT NULL,
  in_qty         INTEGER NOT NULL,
  out_qty        INTEGER NOT NULL,
  closing_qty    INTEGER NOT NULL,
  opening_amount INTEGER NOT NULL,
  in_amount      INTEGER NOT NULL,
  out_amount     INTEGER NOT NULL,
  closing_amount INTEGER NOT NULL,
  PRIMARY KEY (day, item_id)
) WITHOUT ROWID;

CREATE TRIGGER day_closes_no_update BEFORE UPDATE ON day_closes BEGIN SELECT RAISE(ABORT, 'a closed day is never changed'); END;
CREATE TRIGGER day_closes_no_delete BEFORE DELETE ON day_closes BEGIN SELECT RAISE(ABORT, 'a closed day is never changed'); END;
CREATE TRIGGER day_close_items_no_update BEFORE UPDATE ON day_close_items BEGIN SELECT RAISE(ABORT, 'a closed day is never changed'); END;
CREATE TRIGGER day_close_items_no_delete BEFORE DELETE ON day_close_items BEGIN SELECT RAISE(ABORT, 'a closed day is never changed'); END;

-- A desk whose clock runs behind must not post into a day already closed by another: the
-- frozen figures would no longer add up to the ledger.
CREATE TRIGGER movements_not_in_closed_day BEFORE INSERT ON movements
  WHEN new.at < (SELECT ends_at FROM day_closes ORDER BY day DESC LIMIT 1)
BEGIN SELECT RAISE(ABORT, 'the day of this posting is already closed (扎账): check the clock of this desk'); END;
