-- The city's command center: the depots it knows, how far each has been applied, and each
-- depot's replicated postings. A depot alone writes its rows here (through its signed batches);
-- nothing at the center edits them, so nothing is ever merged.

CREATE TABLE depots (
  code          TEXT PRIMARY KEY,
  name          TEXT NOT NULL,
  public_key    TEXT NOT NULL,                      -- Ed25519, SPKI PEM: every batch is checked against it
  registered_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  high_water    BIGINT NOT NULL DEFAULT 0,          -- the depot's last outbox sequence applied here
  reported_tail BIGINT NOT NULL DEFAULT 0,          -- the depot's last sequence as of its last batch: the lag shown
  last_sync_at  TIMESTAMPTZ
);

-- Every batch applied, by which way it came (push over the network, or a file from a USB stick).
CREATE TABLE batches (
  depot_code TEXT NOT NULL REFERENCES depots (code),
  from_seq   BIGINT NOT NULL,
  to_seq     BIGINT NOT NULL,
  via        TEXT NOT NULL CHECK (via IN ('push', 'file')),
  entries    INTEGER NOT NULL,
  applied_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (depot_code, from_seq)
);

-- Each outbox entry once, keyed (depot, sequence): the proof that nothing is applied twice.
CREATE TABLE entries (
  depot_code TEXT NOT NULL REFERENCES depots (code),
  seq        BIGINT NOT NULL,
  kind       TEXT NOT NULL,
  payload    JSONB NOT NULL,
  PRIMARY KEY (depot_code, seq)
);

-- One row per depot ledger row, keyed by the depot's own row id.
CREATE TABLE movements (
  depot_code     TEXT NOT NULL REFERENCES depots (code),
  depot_row_id   BIGINT NOT NULL,
  at             TIMESTAMPTZ NOT NULL,
  item_code      TEXT NOT NULL,
  item_name      TEXT NOT NULL,
  item_unit      TEXT NOT NULL,
  category       TEXT NOT NULL,
  lot_no         TEXT NOT NULL,
  expires_on     DATE,
  location_code  TEXT NOT NULL,
  qty            BIGINT NOT NULL,
  amount         BIGINT,
  doc_type       TEXT NOT NULL,
  doc_no         TEXT NOT NULL,
  source_type    TEXT,
  supplier_code  TEXT,
  recipient_code TEXT,
  recipient_type TEXT,
  reverses_id    BIGINT,
  PRIMARY KEY (depot_code, depot_row_id)
);
CREATE INDEX movements_item ON movements (item_code, depot_code);
CREATE INDEX movements_flow ON movements (doc_type, category);

-- Document headers as the depot last reported them (a dispatch goes shipped → delivered).
CREATE TABLE documents (
  depot_code TEXT NOT NULL REFERENCES depots (code),
  kind       TEXT NOT NULL CHECK (kind IN ('receipt', 'dispatch')),
  no         TEXT NOT NULL,
  status     TEXT NOT NULL,
  seq        BIGINT NOT NULL,                       -- the entry that said so: a later one wins
  payload    JSONB NOT NULL,
  PRIMARY KEY (depot_code, kind, no)
);

CREATE TABLE day_closes (
  depot_code TEXT NOT NULL REFERENCES depots (code),
  day        DATE NOT NULL,
  through_id BIGINT NOT NULL,
  figures    JSONB NOT NULL,
  closed_at  TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (depot_code, day)
);
