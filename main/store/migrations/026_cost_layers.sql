-- First-in, first-out by receipt layer (先进先出法), the third costing method 政府会计准则第1号—存货
-- allows ('valuation.method' = 'fifo'). Every inflow lays a layer of its own (a receipt line, a
-- return at the cost it left with, a stocktake gain at the item's average); an outflow takes from
-- the oldest layers still holding stock, each layer's priced and unpriced parts in proportion;
-- a receipt's reversal takes back from its own layer when that layer still holds it. A move never
-- touches the layers (the goods stay the item's). item_valuation stays the sum of the item's
-- layers, so the stock grid and the workbooks read one place whatever the method.
-- movement_id is the inflow that laid the layer; null for the opening layers laid when a depot
-- changes to this method (one per item, or one per lot from 个别计价法, oldest lot first).
CREATE TABLE cost_layers (
  id            INTEGER PRIMARY KEY,
  item_id       INTEGER NOT NULL REFERENCES items (id),
  movement_id   INTEGER UNIQUE REFERENCES movements (id),
  priced_qty    INTEGER NOT NULL CHECK (priced_qty >= 0),
  priced_amount INTEGER NOT NULL CHECK (priced_amount >= 0),
  unpriced_qty  INTEGER NOT NULL CHECK (unpriced_qty >= 0),
  CHECK (priced_qty > 0 OR priced_amount = 0)
);
-- The layers an outflow reads: an item's open ones, oldest first.
CREATE INDEX cost_layers_open ON cost_layers (item_id, id) WHERE priced_qty + unpriced_qty > 0;
