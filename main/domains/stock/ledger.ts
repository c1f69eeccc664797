import type { Ctx } from '../../core/context.ts';
import { DepotError } from '../../core/errors.ts';

export type DocType = 'receipt' | 'receipt_reversal' | 'move' | 'stocktake' | 'dispatch' | 'dispatch_reversal' | 'delivery_adjustment';

export interface MovementInput {
  lotId: number;
  locationId: number;
  /** Signed: + into stock, − out of it. */
  qty: number;
  docType: DocType;
  docId: number;
  docNo: string;
  lineId?: number | null;
  sourceType?: string | null;
  supplierId?: number | null;
  unitId?: number | null;
  reversesId?: number | null;
  /** Amount in fen; by default qty × the lot's unit cost (NULL when the lot is unpriced). */
  amount?: number | null;
}

/** Taking stock out: refused, with the lot and location named, if it would leave less than is reserved (or below zero). */
function refuseIfShort(ctx: Ctx, m: MovementInput): void {
  const balance = ctx.store.first<{ on_hand: number; reserved: number }>('SELECT on_hand, reserved FROM stock WHERE lot_id = ? AND location_id = ?', [
    m.lotId,
    m.locationId,
  ]);
  const onHand = balance?.on_hand ?? 0;
  const reserved = balance?.reserved ?? 0;
  // Reserved stock is promised to an approved dispatch order: only that dispatch may take it.
  const floor = m.docType === 'dispatch' ? 0 : reserved;
  if (onHand + m.qty >= floor) return;
  const names = ctx.store.first<{ item: string; lot: string; location: string }>(
    `SELECT i.name AS item, l.lot_no AS lot, (SELECT code FROM locations WHERE id = ?) AS location
       FROM lots l JOIN items i ON i.id = l.item_id WHERE l.id = ?`,
    [m.locationId, m.lotId],
  )!;
  throw new DepotError('insufficient_stock', {
    item: names.item,
    lot: names.lot || '—',
    location: names.location ?? String(m.locationId),
    onHand,
    available: onHand - reserved,
    needed: -m.qty,
  });
}

/**
 * The only way stock changes: one ledger row and the balance it moves, in the caller's
 * transaction (every command runs in one). A change that would make a balance negative is
 * refused with the lot and location named, and nothing is written.
 */
export function postMovement(ctx: Ctx, m: MovementInput): number {
  const lot = ctx.store.first<{ item_id: number; unit_cost: number | null }>('SELECT item_id, unit_cost FROM lots WHERE id = ?', [m.lotId]);
  if (!lot) throw new DepotError('not_found', { entity: 'lot', id: m.lotId });
  if (m.qty < 0) refuseIfShort(ctx, m);
  const amount = m.amount !== undefined ? m.amount : lot.unit_cost === null ? null : lot.unit_cost * m.qty;
  const { lastInsertRowid } = ctx.store.run(
    `INSERT INTO movements (at, item_id, lot_id, location_id, qty, amount, doc_type, doc_id, doc_no, line_id,
       source_type, supplier_id, unit_id, reverses_id, operator_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      ctx.now, lot.item_id, m.lotId, m.locationId, m.qty, amount, m.docType, m.docId, m.docNo, m.lineId ?? null,
      m.sourceType ?? null, m.supplierId ?? null, m.unitId ?? null, m.reversesId ?? null, ctx.operator.id,
    ],
  );
  if (m.qty > 0) {
    ctx.store.run(
      `INSERT INTO stock (lot_id, location_id, item_id, on_hand) VALUES (?, ?, ?, ?)
       ON CONFLICT (lot_id, location_id) DO UPDATE SET on_hand = on_hand + excluded.on_hand`,
      [m.lotId, m.locationId, lot.item_id, m.qty],
    );
  } else {
    ctx.store.run('UPDATE stock SET on_hand = on_hand + ? WHERE lot_id = ? AND location_id = ?', [m.qty, m.lotId, m.locationId]);
  }
  return Number(lastInsertRowid);
}

/** Posts the exact opposite of every ledger row of a document, pointing back at each. */
export function reverseDocument(ctx: Ctx, of: { docType: DocType; docId: number }, by: { docType: DocType; docId: number; docNo: string }): number {
  const rows = ctx.store.all<{ id: number; lot_id: number; location_id: number; qty: number; amount: number | null; line_id: number | null; source_type: string | null; supplier_id: number | null; unit_id: number | null }>(
    'SELECT * FROM movements WHERE doc_type = ? AND doc_id = ? ORDER BY id',
    [of.docType, of.docId],
  );
  for (const r of rows) {
    postMovement(ctx, {
      lotId: r.lot_id,
      locationId: r.location_id,
      qty: -r.qty,
      amount: r.amount === null ? null : -r.amount,
      docType: by.docType,
      docId: by.docId,
      docNo: by.docNo,
      lineId: r.line_id,
      sourceType: r.source_type,
      supplierId: r.supplier_id,
      unitId: r.unit_id,
      reversesId: r.id,
    });
  }
  return rows.length;
}
