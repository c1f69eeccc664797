-- A briefing line the command center words (its catalogue, pulled with each push) carries the
-- center's code, so that the next version of it replaces this line rather than adding another.
-- Lines the depot wrote itself have none.
ALTER TABLE briefing_lines ADD COLUMN center_code TEXT;
CREATE UNIQUE INDEX briefing_lines_center_code ON briefing_lines (center_code) WHERE center_code IS NOT NULL;

-- Transfers to this depot that the sending depot reversed (红冲), as the command center reports
-- them in each push round: the receipt drafted for one (its reference "FROM/NO") is not posted.
CREATE TABLE transfer_cancellations (
  reference    TEXT PRIMARY KEY,
  reversal_no  TEXT NOT NULL,
  cancelled_at TEXT,
  learned_at   TEXT NOT NULL
);
