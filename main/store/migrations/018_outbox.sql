-- The outbox for the city's command center: an append-only, numbered copy of what this depot
-- posted (ledger rows, receipts posted, dispatch orders shipped / delivered / cancelled, day
-- closes). Written by triggers, so every entry is in the same transaction as its posting and a
-- refused posting leaves none, without the posting code knowing about the center.
-- Each payload names things by their codes, not this file's ids: the center has no copy of the
-- depot's master data, and the codes are what a person reads in the city views.

CREATE TABLE outbox (
  seq        INTEGER PRIMARY KEY,                   -- numbered per depot, never reused (AUTOINCREMENT-like: rows are never deleted)
  kind       TEXT NOT NULL CHECK (kind IN ('movement', 'receipt', 'dispatch', 'day_close')),
  payload    TEXT NOT NULL,                         -- JSON
  created_at TEXT NOT NULL
);
CREATE TRIGGER outbox_no_update BEFORE UPDATE ON outbox BEGIN SELECT RAISE(ABORT, 'the outbox is append-only'); END;
CREATE TRIGGER outbox_no_delete BEFORE DELETE ON outbox BEGIN SELECT RAISE(ABORT, 'the outbox is append-only'); END;

-- How far the center has acknowledged (one row).
CREATE TABLE outbox_acked (
  id  INTEGER PRIMARY KEY CHECK (id = 1),
  seq INTEGER NOT NULL
);
INSERT INTO outbox_acked (id, seq) VALUES (1, 0);

CREATE TRIGGER outbox_movement AFTER INSERT ON movements
BEGIN
  INSERT INTO outbox (kind, payload, created_at)
  SELECT 'movement', json_object(
      'id', new.id, 'at', new.at, 'qty', new.qty, 'amount', new.amount,
      'docType', new.doc_type, 'docNo', new.doc_no, 'lineId', new.line_id, 'reversesId', new.reverses_id,
      'sourceType', new.source_type,
      'item', json_object('code', i.code, 'name', i.name, 'spec', i.spec, 'unit', i.unit, 'category', i.category, 'safetyStock', i.safety_stock),
      'lotNo', l.lot_no, 'expiresOn', l.expires_on, 'location', loc.code,
      'supplier', (SELECT code FROM suppliers WHERE id = new.supplier_id),
      'recipient', json((SELECT json_object('code', code, 'name', name, 'type', type) FROM units WHERE id = new.unit_id))),
    strftime('%Y-%m-%dT%H:%M:%fZ')
  FROM items i, lots l, locations loc
  WHERE i.id = new.item_id AND l.id = new.lot_id AND loc.id = new.location_id;
END;

CREATE TRIGGER outbox_receipt AFTER UPDATE OF status ON receipts WHEN new.status = 'posted' AND old.status <> 'posted'
BEGIN
  INSERT INTO outbox (kind, payload, created_at)
  VALUES ('receipt', json_object(
      'no', new.no, 'sourceType', new.source_type, 'receivedAt', new.received_at, 'postedAt', new.posted_at,
      'reference', new.reference, 'reverses', (SELECT no FROM receipts WHERE id = new.reverses_id),
      'supplier', (SELECT code FROM suppliers WHERE id = new.supplier_id)),
    strftime('%Y-%m-%dT%H:%M:%fZ'));
END;

-- Reversals (红冲) are inserted already posted / shipped.
CREATE TRIGGER outbox_receipt_reversal AFTER INSERT ON receipts WHEN new.status = 'posted'
BEGIN
  INSERT INTO outbox (kind, payload, created_at)
  VALUES ('receipt', json_object(
      'no', new.no, 'sourceType', new.source_type, 'receivedAt', new.received_at, 'postedAt', new.posted_at,
      'reference', new.reference, 'reverses', (SELECT no FROM receipts WHERE id = new.reverses_id),
      'supplier', (SELECT code FROM suppliers WHERE id = new.supplier_id)),
    strftime('%Y-%m-%dT%H:%M:%fZ'));
END;

CREATE TRIGGER outbox_dispatch AFTER UPDATE OF status ON dispatch_orders
  WHEN new.status IN ('shipped', 'delivered', 'cancelled') AND new.status <> old.status
BEGIN
  INSERT INTO outbox (kind, payload, created_at)
  VALUES ('dispatch', json_object(
      'no', new.no, 'status', new.status, 'shippedAt', new.shipped_at, 'deliveredAt', new.delivered_at,
      'cancelledAt', new.cancelled_at, 'reverses', (SELECT no FROM dispatch_orders WHERE id = new.reverses_id),
      'recipient', json((SELECT json_object('code', code, 'name', name, 'type', type) FROM units WHERE id = new.unit_id))),
    strftime('%Y-%m-%dT%H:%M:%fZ'));
END;

CREATE TRIGGER outbox_dispatch_reversal AFTER INSERT ON dispatch_orders WHEN new.status = 'shipped'
BEGIN
  INSERT INTO outbox (kind, payload, created_at)
  VALUES ('dispatch', json_object(
      'no', new.no, 'status', new.status, 'shippedAt', new.shipped_at, 'deliveredAt', new.delivered_at,
      'cancelledAt', new.cancelled_at, 'reverses', (SELECT no FROM dispatch_orders WHERE id = new.reverses_id),
      'recipient', json((SELECT json_object('code', code, 'name', name, 'type', type) FROM units WHERE id = new.unit_id))),
    strftime('%Y-%m-%dT%H:%M:%fZ'));
END;

CREATE TRIGGER outbox_day_close AFTER INSERT ON day_closes
BEGIN
  INSERT INTO outbox (kind, payload, created_at)
  VALUES ('day_close', json_object(
      'day', new.day, 'startsAt', new.starts_at, 'endsAt', new.ends_at, 'throughId', new.through_movement_id,
      'figures', json(new.figures), 'closedAt', new.closed_at),
    strftime('%Y-%m-%dT%H:%M:%fZ'));
END;

-- A depot that posted before this migration sends its whole ledger first, so the center's rows
-- equal the depot's one for one from the day it joins.
INSERT INTO outbox (kind, payload, created_at)
SELECT 'movement', json_object(
    'id', m.id, 'at', m.at, 'qty', m.qty, 'amount', m.amount,
    'docType', m.doc_type, 'docNo', m.doc_no, 'lineId', m.line_id, 'reversesId', m.reverses_id,
    'sourceType', m.source_type,
    'item', json_object('code', i.code, 'name', i.name, 'spec', i.spec, 'unit', i.unit, 'category', i.category, 'safetyStock', i.safety_stock),
    'lotNo', l.lot_no, 'expiresOn', l.expires_on, 'location', loc.code,
    'supplier', (SELECT code FROM suppliers WHERE id = m.supplier_id),
    'recipient', json((SELECT json_object('code', code, 'name', name, 'type', type) FROM units WHERE id = m.unit_id))),
  strftime('%Y-%m-%dT%H:%M:%fZ')
FROM movements m JOIN items i ON i.id = m.item_id JOIN lots l ON l.id = m.lot_id JOIN locations loc ON loc.id = m.location_id
ORDER BY m.id;
