-- Days of cover look at the last week's dispatches: kept per hour as batches apply, so the window
-- is read from a few thousand rows however long the ledger (the depot's rule counts the last
-- 7 × 24 hours). A center migrated before this sums what it already has, once.
CREATE TABLE item_out_hours (
  depot_code TEXT NOT NULL REFERENCES depots (code),
  item_code  TEXT NOT NULL,
  hour       TIMESTAMPTZ NOT NULL,
  out_qty    BIGINT NOT NULL,
  PRIMARY KEY (hour, depot_code, item_code)
);
INSERT INTO item_out_hours (depot_code, item_code, hour, out_qty)
SELECT depot_code, item_code, date_trunc('hour', at), -sum(qty) FROM movements
 WHERE doc_type IN ('dispatch', 'dispatch_reversal') GROUP BY 1, 2, 3;
