-- A lot-tracked line posts only with an expiry date, or with the reason it has none (无有效期:
-- metal instruments, tents): a lot that never expires cannot be ordered by FEFO, so it is never
-- left without one by accident.
ALTER TABLE receipt_lines ADD COLUMN no_expiry_reason TEXT NOT NULL DEFAULT '';
