-- foreign_keys: off
-- A plan's lines written with less work per line (issue 12: a city's plan is 300,000 lines, saved in
-- under a second). The columns of 025 are kept, in their order, and every line with them.
--
-- Each line's figures (the unit's report, what is on its way, the top-up, the part-pack left out, the
-- earmarked share) are numbers in columns of their own, and reason is the rule alone (its kind and the
-- figures of its rule, JSON): a text made for each of 300,000 lines cost more than the rest of the
-- line. Lines saved before keep their figures in their reason text, as they were (these columns NULL);
-- both are read back alike.
--
-- The plan, unit and item a line names are checked once for the whole plan as it is written
-- (writePlanLines: the plan, and one query each for the plan's units and items) instead of three
-- look-ups per line: nothing else writes plan lines, and units, items and plans are never deleted.
CREATE TABLE allocation_lines_new (
  plan_id         INTEGER NOT NULL,
  unit_id         INTEGER NOT NULL,
  item_id         INTEGER NOT NULL,
  tier            TEXT NOT NULL,
  need            INTEGER NOT NULL,
  claim           INTEGER NOT NULL,
  computed        INTEGER NOT NULL,                 -- what the rules gave
  allocated       INTEGER NOT NULL CHECK (allocated >= 0),  -- after the operator's override, if any
  reason          TEXT NOT NULL,                    -- JSON, put into words when read
  override_reason TEXT,
  on_hand         INTEGER,                          -- the unit's report the line was computed from
  daily_need      INTEGER,
  minimum_need    INTEGER,
  pending         INTEGER,                          -- 在途/待发, counted against the need
  top_up          INTEGER,
  pack_left_out   INTEGER,
  earmarked       INTEGER,
  PRIMARY KEY (plan_id, unit_id, item_id),
  CONSTRAINT "quantity out of range" CHECK (typeof(need) = 'integer' AND abs(need) <= 1000000000 AND typeof(allocated) = 'integer' AND abs(allocated) <= 1000000000)
) WITHOUT ROWID;
INSERT INTO allocation_lines_new (plan_id, unit_id, item_id, tier, need, claim, computed, allocated, reason, override_reason)
  SELECT plan_id, unit_id, item_id, tier, need, claim, computed, allocated, reason, override_reason FROM allocation_lines;
DROP TABLE allocation_lines;
ALTER TABLE allocation_lines_new RENAME TO allocation_lines;

CREATE TRIGGER allocation_lines_approved BEFORE UPDATE ON allocation_lines
  WHEN (SELECT status FROM allocation_plans WHERE id = old.plan_id) = 'approved'
BEGIN SELECT RAISE(ABORT, 'an approved plan is never changed'); END;

-- Which reports changed, in order (issue 12: a round computed again after one report changed read
-- all 300,000 of the day again). Every insert, delete and change of a figure a round reads, whoever
-- writes it, adds the report's day, unit and item; a round that read the day before reads only the
-- reports named since. The newest change is never deleted (demand.save prunes all but the last
-- 2,000,000), so numbers only grow, and a round finds whether the changes since its read were pruned
-- away and then reads the day whole. (Not AUTOINCREMENT: its counter is written for every row, and
-- an import of a city's day is 300,000; the trigger adds about a sixth to writing a report.)
CREATE TABLE demand_changes (
  seq     INTEGER PRIMARY KEY,
  day     TEXT NOT NULL,
  unit_id INTEGER NOT NULL,
  item_id INTEGER NOT NULL
);
CREATE TRIGGER demand_reports_changed_insert AFTER INSERT ON demand_reports
BEGIN INSERT INTO demand_changes (day, unit_id, item_id) VALUES (new.day, new.unit_id, new.item_id); END;
CREATE TRIGGER demand_reports_changed_update AFTER UPDATE OF day, unit_id, item_id, on_hand, daily_need, minimum_need ON demand_reports
BEGIN
  INSERT INTO demand_changes (day, unit_id, item_id) VALUES (old.day, old.unit_id, old.item_id);
  INSERT INTO demand_changes (day, unit_id, item_id) SELECT new.day, new.unit_id, new.item_id
   WHERE new.day IS NOT old.day OR new.unit_id IS NOT old.unit_id OR new.item_id IS NOT old.item_id;
END;
CREATE TRIGGER demand_reports_changed_delete AFTER DELETE ON demand_reports
BEGIN INSERT INTO demand_changes (day, unit_id, item_id) VALUES (old.day, old.unit_id, old.item_id); END;
