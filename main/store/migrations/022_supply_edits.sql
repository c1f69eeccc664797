-- A procurement plan is computed, then edited before approval. A line changed by hand keeps the
-- figures it was computed from and says who changed it, when, and what it planned before.
ALTER TABLE procurement_lines ADD COLUMN edited_by INTEGER REFERENCES operators (id);
ALTER TABLE procurement_lines ADD COLUMN edited_at TEXT;
-- The splits before the last edit, as JSON [{"supplierId":…,"qty":…}]; '[]' for a line added by hand.
ALTER TABLE procurement_lines ADD COLUMN edited_from TEXT;
