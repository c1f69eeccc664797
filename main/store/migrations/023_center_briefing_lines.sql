-- A briefing line the command center words (its catalogue, pulled with each push) carries the
-- center's code, so that the next version of it replaces this line rather than adding another.
-- Lines the depot wrote itself have none.
ALTER TABLE briefing_lines ADD COLUMN center_code TEXT;
CREATE UNIQUE INDEX briefing_lines_center_code ON briefing_lines (center_code) WHERE center_code IS NOT NULL;
