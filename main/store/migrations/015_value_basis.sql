-- What a receipt line's value rests on: the price paid (price), the donor's or the higher level's
-- declared value (declared), or a value the depot assessed (assessed); none for goods received
-- without a value (未计价). Finance reads it beside the amount.
ALTER TABLE receipt_lines ADD COLUMN value_basis TEXT CHECK (value_basis IN ('price', 'declared', 'assessed'));
UPDATE receipt_lines SET value_basis = CASE WHEN (SELECT source_type FROM receipts r WHERE r.id = receipt_id) = 'purchase' THEN 'price' ELSE 'declared' END
 WHERE unit_cost IS NOT NULL;
