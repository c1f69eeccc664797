-- Kept, not scanned: per depot and item, what is on hand and what was dispatched, summed in the
-- same transaction as each batch's ledger rows (as a depot keeps its flow_totals), so the city's
-- views read a few thousand rows however long the ledger grows.
CREATE TABLE item_totals (
  depot_code        TEXT NOT NULL REFERENCES depots (code),
  item_code         TEXT NOT NULL,
  item_name         TEXT NOT NULL,
  item_unit         TEXT NOT NULL,
  category          TEXT NOT NULL,
  safety_stock      BIGINT NOT NULL DEFAULT 0,        -- the depot's, as of its latest ledger row of the item
  on_hand           BIGINT NOT NULL,
  dispatched_qty    BIGINT NOT NULL,
  dispatched_amount BIGINT NOT NULL,
  PRIMARY KEY (depot_code, item_code)
);

INSERT INTO item_totals (depot_code, item_code, item_name, item_unit, category, on_hand, dispatched_qty, dispatched_amount)
SELECT depot_code, item_code, max(item_name), max(item_unit), max(category), sum(qty),
       sum(CASE WHEN doc_type IN ('dispatch', 'dispatch_reversal', 'delivery_adjustment') THEN -qty ELSE 0 END),
       sum(CASE WHEN doc_type IN ('dispatch', 'dispatch_reversal', 'delivery_adjustment') THEN -coalesce(amount, 0) ELSE 0 END)
  FROM movements GROUP BY depot_code, item_code;

-- Days of cover look at the last week's dispatches.
CREATE INDEX movements_at ON movements (at);
