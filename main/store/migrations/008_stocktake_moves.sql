-- A stocktake counts against the book at the moment of the count, not at the moment the sheet was
-- made: goods shipped or received while the shelf was being counted are not differences. The sheet
-- keeps the last ledger row it saw (its snapshot); each counted line keeps the last ledger row at the
-- moment its count was entered. Book at count = book at snapshot + the lot's movements at that
-- location between the two. Sheets made before this migration have no snapshot and keep their
-- old reading (no movements added).
ALTER TABLE stocktakes ADD COLUMN snapshot_movement_id INTEGER;
ALTER TABLE stocktake_lines ADD COLUMN counted_at_movement_id INTEGER;
