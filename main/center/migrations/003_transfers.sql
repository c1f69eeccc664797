-- Transfers between depots (调拨): a dispatch at one depot whose recipient unit carries another
-- registered depot's code. It is in transit from the moment the center learns of the shipment
-- until the receiving depot's receipt that names it (reference "FROM/NO") reaches the center.
CREATE TABLE transfers (
  from_depot  TEXT NOT NULL REFERENCES depots (code),
  dispatch_no TEXT NOT NULL,
  to_depot    TEXT NOT NULL REFERENCES depots (code),
  status      TEXT NOT NULL CHECK (status IN ('in_transit', 'received')),
  shipped_at  TIMESTAMPTZ,
  receipt_no  TEXT,
  received_at TIMESTAMPTZ,
  PRIMARY KEY (from_depot, dispatch_no)
);
CREATE INDEX transfers_to ON transfers (to_depot, status);
