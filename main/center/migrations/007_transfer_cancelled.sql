-- A transfer whose shipment the sending depot reversed (红冲) is cancelled: nothing is on its way,
-- and the receiving depot is told not to post the receipt it drafted. The reversal (a dispatch
-- order of its own, to the same depot) is no transfer of its own. A center migrated before this
-- had taken such a reversal for a second transfer in transit: it is removed, and the reversed one
-- cancelled, from the dispatch headers the center already holds.
ALTER TABLE transfers DROP CONSTRAINT transfers_status_check;
ALTER TABLE transfers ADD CONSTRAINT transfers_status_check CHECK (status IN ('in_transit', 'received', 'cancelled'));
ALTER TABLE transfers ADD COLUMN reversal_no TEXT;
ALTER TABLE transfers ADD COLUMN cancelled_at TIMESTAMPTZ;

DELETE FROM transfers t USING documents d
 WHERE d.depot_code = t.from_depot AND d.kind = 'dispatch' AND d.no = t.dispatch_no AND d.payload->>'reverses' IS NOT NULL;
UPDATE transfers t SET status = 'cancelled', reversal_no = d.no, cancelled_at = (d.payload->>'shippedAt')::timestamptz
  FROM documents d
 WHERE d.depot_code = t.from_depot AND d.kind = 'dispatch' AND d.payload->>'reverses' = t.dispatch_no AND t.status = 'in_transit';
