-- Groups the depot adds under the fixed ones, so that every report still rolls up: a subcategory
-- under a category (洗漱用品 under 生活保障), a subtype under a unit type (驰援医疗队驻地酒店
-- under 隔离酒店). Each has its label in both languages.
CREATE TABLE subgroups (
  kind    TEXT NOT NULL CHECK (kind IN ('category', 'unit_type')),
  code    TEXT NOT NULL,
  parent  TEXT NOT NULL,
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  PRIMARY KEY (kind, code)
);
ALTER TABLE items ADD COLUMN subcategory TEXT;
ALTER TABLE units ADD COLUMN subtype TEXT;

-- The briefing's own lines, as the command center words them: a set of recipients (unit types,
-- subtypes, named units; none = every recipient) × a set of goods (categories, subcategories;
-- none = all goods), dispatched cumulatively or on the day, stated in its wording with
-- {种数} and {件数} (or {kinds} and {pieces}) where the figures go.
CREATE TABLE briefing_lines (
  id         INTEGER PRIMARY KEY,
  position   INTEGER NOT NULL,
  scope      TEXT NOT NULL CHECK (scope IN ('cumulative', 'today')),
  wording_zh TEXT NOT NULL,
  wording_en TEXT NOT NULL,
  recipients TEXT NOT NULL,  -- JSON {unitTypes, unitSubtypes, unitIds}
  goods      TEXT NOT NULL   -- JSON {categories, subcategories}
);
