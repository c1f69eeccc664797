-- The catalogue the center owns (items, recipient units), each row versioned from one sequence:
-- a depot asks for what changed since the last version it has, and keeps working on that version
-- while it cannot reach the center.
CREATE SEQUENCE catalogue_version;

CREATE TABLE catalogue (
  kind    TEXT NOT NULL CHECK (kind IN ('item', 'unit')),
  code    TEXT NOT NULL,
  data    JSONB NOT NULL,
  version BIGINT NOT NULL DEFAULT nextval('catalogue_version'),
  PRIMARY KEY (kind, code)
);
CREATE INDEX catalogue_since ON catalogue (version);
