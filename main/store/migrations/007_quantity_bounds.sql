-- Every quantity column holds a whole number of base units within ±10^9 (shared/packs.ts
-- MAX_QUANTITY). The door refuses more in words; this is the last guard, so that no path — a
-- quantity typed as text, a script, a future import — can store 1e20 as a float or round a count.
-- SQLite adds CHECKs only by rebuilding a table, so the guard is a pair of triggers per table.

CREATE TRIGGER stock_quantity_bounds_insert BEFORE INSERT ON stock
  WHEN typeof(new.on_hand) <> 'integer' OR abs(new.on_hand) > 1000000000
   OR typeof(new.reserved) <> 'integer' OR abs(new.reserved) > 1000000000
BEGIN SELECT RAISE(ABORT, 'quantity out of range'); END;

CREATE TRIGGER stock_quantity_bounds_update BEFORE UPDATE ON stock
  WHEN typeof(new.on_hand) <> 'integer' OR abs(new.on_hand) > 1000000000
   OR typeof(new.reserved) <> 'integer' OR abs(new.reserved) > 1000000000
BEGIN SELECT RAISE(ABORT, 'quantity out of range'); END;

CREATE TRIGGER movements_quantity_bounds_insert BEFORE INSERT ON movements
  WHEN typeof(new.qty) <> 'integer' OR abs(new.qty) > 1000000000
BEGIN SELECT RAISE(ABORT, 'quantity out of range'); END;

CREATE TRIGGER movements_quantity_bounds_update BEFORE UPDATE ON movements
  WHEN typeof(new.qty) <> 'integer' OR abs(new.qty) > 1000000000
BEGIN SELECT RAISE(ABORT, 'quantity out of range'); END;

CREATE TRIGGER receipt_lines_quantity_bounds_insert BEFORE INSERT ON receipt_lines
  WHEN typeof(new.counted) <> 'integer' OR abs(new.counted) > 1000000000
   OR typeof(new.accepted) <> 'integer' OR abs(new.accepted) > 1000000000
   OR typeof(new.rejected) <> 'integer' OR abs(new.rejected) > 1000000000
BEGIN SELECT RAISE(ABORT, 'quantity out of range'); END;

CREATE TRIGGER receipt_lines_quantity_bounds_update BEFORE UPDATE ON receipt_lines
  WHEN typeof(new.counted) <> 'integer' OR abs(new.counted) > 1000000000
   OR typeof(new.accepted) <> 'integer' OR abs(new.accepted) > 1000000000
   OR typeof(new.rejected) <> 'integer' OR abs(new.rejected) > 1000000000
BEGIN SELECT RAISE(ABORT, 'quantity out of range'); END;

CREATE TRIGGER transfer_lines_quantity_bounds_insert BEFORE INSERT ON transfer_lines
  WHEN typeof(new.qty) <> 'integer' OR abs(new.qty) > 1000000000
BEGIN SELECT RAISE(ABORT, 'quantity out of range'); END;

CREATE TRIGGER transfer_lines_quantity_bounds_update BEFORE UPDATE ON transfer_lines
  WHEN typeof(new.qty) <> 'integer' OR abs(new.qty) > 1000000000
BEGIN SELECT RAISE(ABORT, 'quantity out of range'); END;

CREATE TRIGGER stocktake_lines_quantity_bounds_insert BEFORE INSERT ON stocktake_lines
  WHEN typeof(new.book_qty) <> 'integer' OR abs(new.book_qty) > 1000000000
   OR (new.counted_qty IS NOT NULL AND (typeof(new.counted_qty) <> 'integer' OR abs(new.counted_qty) > 1000000000))
BEGIN SELECT RAISE(ABORT, 'quantity out of range'); END;

CREATE TRIGGER stocktake_lines_quantity_bounds_update BEFORE UPDATE ON stocktake_lines
  WHEN typeof(new.book_qty) <> 'integer' OR abs(new.book_qty) > 1000000000
   OR (new.counted_qty IS NOT NULL AND (typeof(new.counted_qty) <> 'integer' OR abs(new.counted_qty) > 1000000000))
BEGIN SELECT RAISE(ABORT, 'quantity out of range'); END;

CREATE TRIGGER supplier_contacts_quantity_bounds_insert BEFORE INSERT ON supplier_contacts
  WHEN (new.promised_qty IS NOT NULL AND (typeof(new.promised_qty) <> 'integer' OR abs(new.promised_qty) > 1000000000))
BEGIN SELECT RAISE(ABORT, 'quantity out of range'); END;

CREATE TRIGGER supplier_contacts_quantity_bounds_update BEFORE UPDATE ON supplier_contacts
  WHEN (new.promised_qty IS NOT NULL AND (typeof(new.promised_qty) <> 'integer' OR abs(new.promised_qty) > 1000000000))
BEGIN SELECT RAISE(ABORT, 'quantity out of range'); END;

CREATE TRIGGER demand_reports_quantity_bounds_insert BEFORE INSERT ON demand_reports
  WHEN typeof(new.on_hand) <> 'integer' OR abs(new.on_hand) > 1000000000
   OR typeof(new.daily_need) <> 'integer' OR abs(new.daily_need) > 1000000000
   OR typeof(new.minimum_need) <> 'integer' OR abs(new.minimum_need) > 1000000000
BEGIN SELECT RAISE(ABORT, 'quantity out of range'); END;

CREATE TRIGGER demand_reports_quantity_bounds_update BEFORE UPDATE ON demand_reports
  WHEN typeof(new.on_hand) <> 'integer' OR abs(new.on_hand) > 1000000000
   OR typeof(new.daily_need) <> 'integer' OR abs(new.daily_need) > 1000000000
   OR typeof(new.minimum_need) <> 'integer' OR abs(new.minimum_need) > 1000000000
BEGIN SELECT RAISE(ABORT, 'quantity out of range'); END;

CREATE TRIGGER allocation_lines_quantity_bounds_insert BEFORE INSERT ON allocation_lines
  WHEN typeof(new.need) <> 'integer' OR abs(new.need) > 1000000000
   OR typeof(new.allocated) <> 'integer' OR abs(new.allocated) > 1000000000
BEGIN SELECT RAISE(ABORT, 'quantity out of range'); END;

CREATE TRIGGER allocation_lines_quantity_bounds_update BEFORE UPDATE ON allocation_lines
  WHEN typeof(new.need) <> 'integer' OR abs(new.need) > 1000000000
   OR typeof(new.allocated) <> 'integer' OR abs(new.allocated) > 1000000000
BEGIN SELECT RAISE(ABORT, 'quantity out of range'); END;

CREATE TRIGGER dispatch_lines_quantity_bounds_insert BEFORE INSERT ON dispatch_lines
  WHEN typeof(new.qty) <> 'integer' OR abs(new.qty) > 1000000000
BEGIN SELECT RAISE(ABORT, 'quantity out of range'); END;

CREATE TRIGGER dispatch_lines_quantity_bounds_update BEFORE UPDATE ON dispatch_lines
  WHEN typeof(new.qty) <> 'integer' OR abs(new.qty) > 1000000000
BEGIN SELECT RAISE(ABORT, 'quantity out of range'); END;

CREATE TRIGGER dispatch_picks_quantity_bounds_insert BEFORE INSERT ON dispatch_picks
  WHEN typeof(new.qty) <> 'integer' OR abs(new.qty) > 1000000000
BEGIN SELECT RAISE(ABORT, 'quantity out of range'); END;

CREATE TRIGGER dispatch_picks_quantity_bounds_update BEFORE UPDATE ON dispatch_picks
  WHEN typeof(new.qty) <> 'integer' OR abs(new.qty) > 1000000000
BEGIN SELECT RAISE(ABORT, 'quantity out of range'); END;

CREATE TRIGGER delivery_discrepancies_quantity_bounds_insert BEFORE INSERT ON delivery_discrepancies
  WHEN typeof(new.qty) <> 'integer' OR abs(new.qty) > 1000000000
BEGIN SELECT RAISE(ABORT, 'quantity out of range'); END;

CREATE TRIGGER delivery_discrepancies_quantity_bounds_update BEFORE UPDATE ON delivery_discrepancies
  WHEN typeof(new.qty) <> 'integer' OR abs(new.qty) > 1000000000
BEGIN SELECT RAISE(ABORT, 'quantity out of range'); END;
