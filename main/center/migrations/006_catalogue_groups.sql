-- The catalogue also holds what the city's figures are grouped and worded by: the subcategories
-- and unit subtypes under the fixed categories and unit types (a depot's subgroups, keyed by code
-- as there), and the briefing's lines (keyed by a code the center gives them; a depot keeps it
-- beside its own line). Versioned from the same sequence, so one pull brings all of it.
ALTER TABLE catalogue DROP CONSTRAINT catalogue_kind_check;
ALTER TABLE catalogue ADD CONSTRAINT catalogue_kind_check CHECK (kind IN ('item', 'unit', 'category', 'unit_type', 'briefing_line'));
