-- Figures kept, not scanned, at the grain stats.daily reads (issue 11): per local day and item, the
-- day's received (receipts net of that day's reversals, opening stock and returns left out) and
-- dispatched (dispatches, their reversals and delivery adjustments, signed as the ledger signs
-- them: out is negative), reversals of earlier days' postings left out as in flow_days (earlier = 0).
-- A whole day's totals then read one row per item instead of every item × source × unit.
-- Kept in the same transaction as each ledger row (main/domains/ledger/flows.ts, keepFlow); a depot
-- posted before this migration gets them from its flow_days, which equal a scan of its ledger.
CREATE TABLE flow_item_days (
  day               TEXT NOT NULL,
  item_id           INTEGER NOT NULL,
  received_qty      INTEGER NOT NULL,
  received_amount   INTEGER NOT NULL,
  dispatched_qty    INTEGER NOT NULL,
  dispatched_amount INTEGER NOT NULL,
  PRIMARY KEY (day, item_id)
) WITHOUT ROWID;

INSERT INTO flow_item_days (day, item_id, received_qty, received_amount, dispatched_qty, dispatched_amount)
SELECT day, item_id,
       sum(CASE WHEN doc_type IN ('receipt', 'receipt_reversal') AND source_type NOT IN ('opening', 'return') THEN qty ELSE 0 END),
       sum(CASE WHEN doc_type IN ('receipt', 'receipt_reversal') AND source_type NOT IN ('opening', 'return') THEN amount ELSE 0 END),
       sum(CASE WHEN doc_type IN ('dispatch', 'dispatch_reversal', 'delivery_adjustment') THEN qty ELSE 0 END),
       sum(CASE WHEN doc_type IN ('dispatch', 'dispatch_reversal', 'delivery_adjustment') THEN amount ELSE 0 END)
  FROM flow_days
 WHERE earlier = 0 AND (doc_type IN ('dispatch', 'dispatch_reversal', 'delivery_adjustment')
        OR (doc_type IN ('receipt', 'receipt_reversal') AND source_type NOT IN ('opening', 'return')))
 GROUP BY day, item_id;
