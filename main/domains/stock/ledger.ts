import type { Ctx } from '../../core/context.ts';
import type { Store } from '../../store/db.ts';
import { DepotError } from '../../core/errors.ts';
import { keepFlow, noSums, writeFlows, type KeptSums } from '../ledger/flows.ts';
import { costingMethod } from './costing.ts';
import { keepLayers, takeFromLayers, type LayerTaking } from './layers.ts';
import { exactUndoing, valueMovement, type Valuation } from './valuation.ts';

export type DocType = 'receipt' | 'receipt_reversal' | 'move' | 'stocktake' | 'dispatch' | 'dispatch_reversal' | 'delivery_adjustment' | 'write_off';

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
  /**
   * Amount in fen of goods coming in at a known value (a priced receipt), or null for goods that
   * come in without one (an undeclared donation). Left out, the amount follows from the item's
   * moving weighted average (valueMovement); outflows always do.
   */
  amount?: number | null;
  /** With an explicit amount: the part of qty it values (the second leg of a move mirrors the first). */
  valuedQty?: number;
  /** An outflow that ships a reservation (dispatch.ship): the reserved quantity it releases, in the same balance update. */
  release?: number;
  /** With an explicit amount on an outflow: the inflow it mirrors (goods that just came back, written off), whose FIFO layer it takes them from. */
  mirrors?: number;
  /** The lot's item, when the caller has just read it (a receipt line's lot, found or made by its item; a shipped pick's lot): not read again. */
  itemId?: number;
}

/**
 * Taking stock out, in one statement: the balance moved (and the reservation a shipment ships
 * released) only if that leaves no less than is reserved (or zero); else refused, with the lot and
 * location named, and nothing is written.
 */
function takeOut(ctx: Ctx, m: MovementInput): void {
  // Reserved stock is promised to an approved dispatch order: only that dispatch may take it.
  const taken = ctx.store.run(
    `UPDATE stock SET on_hand = on_hand + :qty, reserved = reserved - :release
      WHERE lot_id = :lot AND location_id = :location AND on_hand + :qty >= CASE WHEN :dispatch THEN 0 ELSE reserved - :release END`,
    { qty: m.qty, release: m.release ?? 0, lot: m.lotId, location: m.locationId, dispatch: m.docType === 'dispatch' ? 1 : 0 },
  );
  if (taken.changes === 0) refuseShort(ctx, m);
}

function refuseShort(ctx: Ctx, m: MovementInput): never {
  const balance = ctx.store.first<{ on_hand: number; reserved: number }>('SELECT on_hand, reserved FROM stock WHERE lot_id = ? AND location_id = ?', [
    m.lotId,
    m.locationId,
  ]);
  const onHand = balance?.on_hand ?? 0;
  const reserved = (balance?.reserved ?? 0) - (m.release ?? 0);
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

const methodOf = new WeakMap<Ctx, ReturnType<typeof costingMethod>>();
/** The documents a command has already written a ledger row for: their next rows are not their first. */
const docsOf = new WeakMap<Ctx, Set<string>>();
/**
 * The kept sums of the ledger rows a command writes (keepFlow), summed per key and written once
 * per key just before it commits. One set per store (one command writes at a time), begun afresh by
 * a command's first ledger row: what a refused command had summed went with its rollback. A context
 * that runs nothing before its commit (a query's, or one built by hand) writes each row's sums at once.
 */
interface Pending {
  sums: KeptSums;
  /** The ledger rows summed: from `first` to `last`, `rows` of them (moves are not kept). */
  first: number;
  last: number;
  rows: number;
  /** The command's list of work before its commit, which writes these sums. */
  hooks: (() => void)[];
}
const pendingOf = new WeakMap<Store, Pending>();

function keptSums(ctx: Ctx, movementId: number): KeptSums | undefined {
  const hooks = ctx.beforeCommit;
  if (hooks === undefined) return undefined;
  let pending = pendingOf.get(ctx.store);
  if (pending === undefined || pending.hooks !== hooks) {
    const begun: Pending = { sums: noSums(), first: movementId, last: movementId, rows: 0, hooks };
    hooks.push(() => writeKept(ctx.store, begun));
    pendingOf.set(ctx.store, (pending = begun));
  }
  pending.last = movementId;
  pending.rows++;
  return pending.sums;
}

function writeKept(store: Store, pending: Pending): void {
  pendingOf.delete(store);
  // Rows summed and then undone by a rolled-back savepoint would be counted without being there:
  // the command is refused whole rather than leave sums that no longer equal the ledger.
  const there = store.first<{ n: number }>("SELECT count(*) AS n FROM movements WHERE id BETWEEN ? AND ? AND doc_type <> 'move'", [pending.first, pending.last])!.n;
  if (there !== pending.rows) throw new Error(`kept sums of ${pending.rows} ledger rows, ${there} of them in the ledger`);
  writeFlows(store, pending.sums);
}

/**
 * The only way stock changes: one ledger row and the balance it moves, in the caller's
 * transaction (every command runs in one). A change that would make a balance negative is
 * refused with the lot and location named, and nothing is written.
 */
export function postMovement(ctx: Ctx, m: MovementInput): number {
  const lot = m.itemId !== undefined ? { item_id: m.itemId } : ctx.store.first<{ item_id: number }>('SELECT item_id FROM lots WHERE id = ?', [m.lotId]);
  if (!lot) throw new DepotError('not_found', { entity: 'lot', id: m.lotId });
  if (m.qty < 0) takeOut(ctx, m);
  ctx.touched?.add(lot.item_id);
  // The pool the movement is valued from: the item's (移动加权平均) or the lot's own (个别计价法),
  // the setting read once per command, not once per ledger row.
  let method = methodOf.get(ctx);
  if (method === undefined) methodOf.set(ctx, (method = costingMethod(ctx.store)));
  const byLot = method === 'by_lot';
  const original =
    m.reversesId == null ? undefined
    : ctx.store.first<{ qty: number; amount: number | null; valued_qty: number | null; at: string }>('SELECT qty, amount, valued_qty, at FROM movements WHERE id = ?', [m.reversesId]);
  // Under 先进先出法 an outflow is valued from the item's layers, not its average (a move leaves them as they are).
  const layered = method === 'fifo' && m.docType !== 'move';
  // Goods coming in at a value of their own (a receipt line, a move's second leg) are valued
  // without the pool (valueMovement does not read it then), and so is an outflow under 先进先出法
  // (its layers value it): the pool is read only when it is used.
  const ownValue = original === undefined && m.amount !== undefined && (m.qty > 0 || m.valuedQty !== undefined);
  const v =
    (ownValue || (layered && m.qty < 0) ? undefined
    : byLot ? ctx.store.first<Valuation>('SELECT priced_qty, priced_amount, unpriced_qty FROM lot_valuation WHERE lot_id = ?', [m.lotId])
    : ctx.store.first<Valuation>('SELECT priced_qty, priced_amount, unpriced_qty FROM item_valuation WHERE item_id = ?', [lot.item_id])) ?? { priced_qty: 0, priced_amount: 0, unpriced_qty: 0 };
  const undone = original && { qty: original.qty, amount: original.amount, valued: original.valued_qty ?? (original.amount === null ? 0 : original.qty) };
  let { valued, amount } = valueMovement(v, m.qty, m, undone);
  let taking: LayerTaking | undefined;
  if (layered && m.qty < 0) {
    const exact = undone ? { movementId: m.reversesId!, ...exactUndoing(m.qty, undone) } : m.mirrors !== undefined ? { movementId: m.mirrors, valued, amount } : undefined;
    taking = takeFromLayers(ctx.store, lot.item_id, m.qty, exact);
    ({ valued, amount } = taking);
  }
  // (An upsert would check its would-be insert row, negative for an outflow, against the CHECKs.)
  const delta = [valued, amount ?? 0, m.qty - valued, lot.item_id];
  const updated = ctx.store.run('UPDATE item_valuation SET priced_qty = priced_qty + ?, priced_amount = priced_amount + ?, unpriced_qty = unpriced_qty + ? WHERE item_id = ?', delta);
  if (updated.changes === 0) ctx.store.run('INSERT INTO item_valuation (priced_qty, priced_amount, unpriced_qty, item_id) VALUES (?, ?, ?, ?)', delta);
  if (byLot) {
    const lotDelta = [valued, amount ?? 0, m.qty - valued, m.lotId];
    const lotUpdated = ctx.store.run('UPDATE lot_valuation SET priced_qty = priced_qty + ?, priced_amount = priced_amount + ?, unpriced_qty = unpriced_qty + ? WHERE lot_id = ?', lotDelta);
    if (lotUpdated.changes === 0) ctx.store.run('INSERT INTO lot_valuation (priced_qty, priced_amount, unpriced_qty, lot_id) VALUES (?, ?, ?, ?)', lotDelta);
  }
  const { lastInsertRowid } = ctx.store.run(
    `INSERT INTO movements (at, item_id, lot_id, location_id, qty, amount, valued_qty, doc_type, doc_id, doc_no, line_id,
       source_type, supplier_id, unit_id, reverses_id, operator_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      ctx.now, lot.item_id, m.lotId, m.locationId, m.qty, amount, valued, m.docType, m.docId, m.docNo, m.lineId ?? null,
      m.sourceType ?? null, m.supplierId ?? null, m.unitId ?? null, m.reversesId ?? null, ctx.operator.id,
    ],
  );
  if (layered) keepLayers(ctx.store, Number(lastInsertRowid), lot.item_id, m.qty, valued, amount, taking);
  if (m.docType !== 'move') {
    let docs = docsOf.get(ctx);
    if (docs === undefined) docsOf.set(ctx, (docs = new Set()));
    const doc = `${m.docType}:${m.docId}`;
    keepFlow(ctx.store, {
      at: ctx.now, itemId: lot.item_id, docType: m.docType, docId: m.docId, movementId: Number(lastInsertRowid),
      sourceType: m.sourceType ?? null, unitId: m.unitId ?? null, qty: m.qty, amount, reversedAt: original?.at ?? null,
      laterRow: docs.has(doc),
    }, keptSums(ctx, Number(lastInsertRowid)));
    docs.add(doc);
  }
  // (Stock taken out was moved by takeOut above, with its check.)
  if (m.qty > 0) {
    // The balance moved where it exists (one look-up, not an upsert's two), made where it does not.
    const moved = ctx.store.run('UPDATE stock SET on_hand = on_hand + ? WHERE lot_id = ? AND location_id = ?', [m.qty, m.lotId, m.locationId]);
    if (moved.changes === 0) ctx.store.run('INSERT INTO stock (lot_id, location_id, item_id, on_hand) VALUES (?, ?, ?, ?)', [m.lotId, m.locationId, lot.item_id, m.qty]);
  }
  return Number(lastInsertRowid);
}

/** Posts the exact opposite of every ledger row of a document, pointing back at each. */
export function reverseDocument(ctx: Ctx, of: { docType: DocType; docId: number }, by: { docType: DocType; docId: number; docNo: string }): number {
  const rows = ctx.store.all<{ id: number; lot_id: number; location_id: number; qty: number; amount: number | null; line_id: number | null; source_type: string | null; supplier_id: number | null; unit_id: number | null }>(
    // (`= +?`: see getOrder in main/domains/dispatch/orders.ts.)
    'SELECT * FROM movements WHERE doc_type = +? AND doc_id = +? ORDER BY id',
    [of.docType, of.docId],
  );
  for (const r of rows) {
    postMovement(ctx, {
      lotId: r.lot_id,
      locationId: r.location_id,
      qty: -r.qty,
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

/** The second leg of a pair (a move's arrival, a write-off of what came back): the same value as the first, opposite in sign. */
export function mirrorOf(ctx: Ctx, movementId: number): { amount: number | null; valuedQty: number; mirrors: number } {
  const r = ctx.store.first<{ amount: number | null; valued_qty: number }>('SELECT amount, valued_qty FROM movements WHERE id = ?', [movementId])!;
  return { amount: r.amount === null ? null : -r.amount, valuedQty: -r.valued_qty, mirrors: movementId };
}
