-- Book value by moving weighted average (移动加权平均), per item across the depot.
-- Each item keeps the quantity that carries a value (priced), that value in fen, and the quantity
-- on hand without a value (未计价: donations with no declared value). priced_qty + unpriced_qty is
-- always the item's stock on hand; the value is always the sum of the item's movement amounts.
-- Every movement records the part of its quantity that carried its amount (valued_qty), so that
-- a reversal can undo exactly what it reverses.
CREATE TABLE item_valuation (
  item_id       INTEGER PRIMARY KEY REFERENCES items (id),
  priced_qty    INTEGER NOT NULL DEFAULT 0 CHECK (priced_qty >= 0),
  priced_amount INTEGER NOT NULL DEFAULT 0 CHECK (priced_amount >= 0),
  unpriced_qty  INTEGER NOT NULL DEFAULT 0 CHECK (unpriced_qty >= 0),
  CHECK (priced_qty > 0 OR priced_amount = 0)
);
ALTER TABLE movements ADD COLUMN valued_qty INTEGER;

-- A depot posted before this migration starts from its stock as it stands, valued at each lot's
-- first cost (the book it showed before); only movements from now on follow the average.
INSERT INTO item_valuation (item_id, priced_qty, priced_amount, unpriced_qty)
SELECT s.item_id,
       sum(CASE WHEN l.unit_cost IS NULL THEN 0 ELSE s.on_hand END),
       sum(CASE WHEN l.unit_cost IS NULL THEN 0 ELSE s.on_hand * l.unit_cost END),
       sum(CASE WHEN l.unit_cost IS NULL THEN s.on_hand ELSE 0 END)
  FROM stock s JOIN lots l ON l.id = s.lot_id
 GROUP BY s.item_id
HAVING sum(s.on_hand) > 0;
