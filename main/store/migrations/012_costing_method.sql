-- The costing method is the depot's (settings 'valuation.method'): 'moving_average' (移动加权平均,
-- the default: item_valuation, one pool per item) or 'by_lot' (个别计价法, specific identification:
-- one pool per lot, each lot carrying its own cost). In both, item_valuation stays the sum of the
-- item's pools, so the stock grid and the workbooks read one place whatever the method.
CREATE TABLE lot_valuation (
  lot_id        INTEGER PRIMARY KEY REFERENCES lots (id),
  priced_qty    INTEGER NOT NULL DEFAULT 0 CHECK (priced_qty >= 0),
  priced_amount INTEGER NOT NULL DEFAULT 0 CHECK (priced_amount >= 0),
  unpriced_qty  INTEGER NOT NULL DEFAULT 0 CHECK (unpriced_qty >= 0),
  CHECK (priced_qty > 0 OR priced_amount = 0)
);
