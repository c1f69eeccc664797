-- Allocation rounds that never promise the same stock twice, and never fail for one unit's data.

-- Units left out of a round because of figures no unit can mean (JSON: unit, item, field, value).
ALTER TABLE allocation_plans ADD COLUMN left_out TEXT NOT NULL DEFAULT '[]';

-- Why what the tiers did not take stays in stock (the engine's leftReason); NULL for older plans.
ALTER TABLE allocation_items ADD COLUMN left_reason TEXT;

-- The draft orders of an older revision of the day that a plan's approval cancelled, for the diff.
CREATE TABLE allocation_superseded (
  plan_id  INTEGER NOT NULL REFERENCES allocation_plans (id),
  order_id INTEGER NOT NULL REFERENCES dispatch_orders (id),
  PRIMARY KEY (plan_id, order_id)
);

-- The door refuses figures beyond 10,000,000 per unit, item and day in words; these keep a
-- mistyped figure (a phone number in the on-hand column) out of the table whatever the path.
CREATE TRIGGER demand_reports_bounds BEFORE INSERT ON demand_reports
  WHEN new.on_hand > 10000000 OR new.daily_need > 10000000 OR new.minimum_need > 10000000 OR new.requested > 10000000
BEGIN SELECT RAISE(ABORT, 'demand figure beyond 10,000,000'); END;
CREATE TRIGGER demand_reports_bounds_update BEFORE UPDATE ON demand_reports
  WHEN new.on_hand > 10000000 OR new.daily_need > 10000000 OR new.minimum_need > 10000000 OR new.requested > 10000000
BEGIN SELECT RAISE(ABORT, 'demand figure beyond 10,000,000'); END;
