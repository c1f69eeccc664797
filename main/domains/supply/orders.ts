import type { PoStatus, PurchaseOrder, PurchaseOrderLine, PurchaseOrderSummary } from '../../../shared/contract/index.ts';
import type { Pack } from '../../../shared/packs.ts';
import type { Ctx } from '../../core/context.ts';
import type { Store } from '../../store/db.ts';
import { DepotError } from '../../core/errors.ts';
import { audit } from '../../core/audit.ts';
import { localDay, nextDocNo } from '../../core/doc-numbers.ts';
import { toBaseUnits } from '../stock/quantity.ts';
import { receivedByItem, spread } from './received.ts';

interface OrderRow {
  id: number;
  no: string;
  supplier_id: number;
  supplier_name: string;
  status: 'open' | 'closed' | 'cancelled';
  plan_id: number | null;
  note: string;
  created_by: string;
  created_at: string;
  end_reason: string | null;
  version: number;
}

const SELECT = `SELECT o.*, s.name AS supplier_name, c.name AS created_by FROM purchase_orders o
  JOIN suppliers s ON s.id = o.supplier_id JOIN operators c ON c.id = o.created_by`;

function linesOf(store: Store, row: OrderRow, today: string): PurchaseOrderLine[] {
  const raw = store.all<{ id: number; line_no: number; item_id: number; code: string; name: string; unit: string; packs: string; qty: number; unit_price: number | null; promised_on: string | null }>(
    `SELECT l.*, i.code, i.name, i.unit, i.packs FROM purchase_order_lines l JOIN items i ON i.id = l.item_id
      WHERE l.po_id = ? ORDER BY coalesce(l.promised_on, '9999'), l.line_no`,
    [row.id],
  );
  const lines = raw.map((l) => ({
    id: l.id,
    lineNo: l.line_no,
    itemId: l.item_id,
    itemCode: l.code,
    itemName: l.name,
    unit: l.unit,
    packs: JSON.parse(l.packs) as Pack[],
    ordered: l.qty,
    unitPrice: l.unit_price,
    promisedOn: l.promised_on,
  }));
  return spread(lines, receivedByItem(store, 'purchase_order_id', row.id))
    .map((l) => ({ ...l, late: row.status === 'open' && l.outstanding > 0 && l.promisedOn !== null && l.promisedOn < today }))
    .sort((a, b) => a.lineNo - b.lineNo);
}

function statusOf(row: OrderRow, lines: PurchaseOrderLine[]): PoStatus {
  if (row.status !== 'open') return row.status;
  if (lines.every((l) => l.outstanding === 0)) return 'received';
  return lines.some((l) => l.received > 0) ? 'partly_received' : 'open';
}

function build(store: Store, row: OrderRow, today: string): PurchaseOrder {
  const lines = linesOf(store, row, today);
  const sum = (f: (l: PurchaseOrderLine) => number) => lines.reduce((a, l) => a + f(l), 0);
  const receipts = store.all<{ id: number; no: string; received_at: string; reversed_by_no: string | null }>(
    `SELECT r.id, r.no, r.received_at, x.no AS reversed_by_no FROM receipts r LEFT JOIN receipts x ON x.reverses_id = r.id
      WHERE r.purchase_order_id = ? AND r.status = 'posted' AND r.reverses_id IS NULL ORDER BY r.id`,
    [row.id],
  );
  return {
    id: row.id,
    no: row.no,
    supplierId: row.supplier_id,
    supplierName: row.supplier_name,
    status: statusOf(row, lines),
    planId: row.plan_id,
    note: row.note,
    createdBy: row.created_by,
    createdAt: row.created_at,
    endReason: row.end_reason,
    version: row.version,
    lines,
    receipts: receipts.map((r) => ({ id: r.id, no: r.no, receivedAt: r.received_at, reversedByNo: r.reversed_by_no })),
    totals: {
      ordered: sum((l) => l.ordered),
      received: sum((l) => l.received),
      rejected: sum((l) => l.rejected),
      outstanding: sum((l) => l.outstanding),
      amount: lines.some((l) => l.unitPrice === null) ? null : sum((l) => l.ordered * l.unitPrice!),
    },
  };
}

export function getPurchaseOrder(store: Store, id: number, now: string): PurchaseOrder {
  const row = store.first<OrderRow>(`${SELECT} WHERE o.id = ?`, [id]);
  if (!row) throw new DepotError('not_found', { entity: 'purchase_order', id });
  return build(store, row, localDay(now));
}

export function listPurchaseOrders(store: Store, now: string, f: { status?: PoStatus; limit: number }): PurchaseOrderSummary[] {
  const today = localDay(now);
  // The derived statuses are known only once built; a depot keeps hundreds of orders, not millions.
  return store
    .all<OrderRow>(`${SELECT} ORDER BY o.id DESC`)
    .map((row) => build(store, row, today))
    .filter((o) => f.status === undefined || o.status === f.status)
    .slice(0, f.limit)
    .map(({ lines: _lines, receipts: _receipts, ...summary }) => summary);
}

export interface NewOrderLine {
  itemId: number;
  qty: number | string;
  unitPrice: number | null;
  promisedOn: string | null;
}

/** One order, numbered CG…; `at` names the field a refused line is blamed on. */
export function createPurchaseOrder(ctx: Ctx, o: { supplierId: number; note: string; planId: number | null; lines: NewOrderLine[] }, at = (i: number, f: string) => `lines.${i}.${f}`): PurchaseOrder {
  const supplier = ctx.store.first<{ active: number }>('SELECT active FROM suppliers WHERE id = ?', [o.supplierId]);
  if (!supplier?.active) throw new DepotError('not_found', { entity: 'supplier', id: o.supplierId }, 'supplierId');
  const lines = o.lines.map((l, i) => {
    const item = ctx.store.first<{ unit: string; packs: string; active: number }>('SELECT unit, packs, active FROM items WHERE id = ?', [l.itemId]);
    if (!item?.active) throw new DepotError('not_found', { entity: 'item', id: l.itemId }, at(i, 'itemId'));
    const qty = toBaseUnits(l.qty, item, at(i, 'qty'));
    if (qty === 0) throw new DepotError('invalid_input', { detail: ctx.t('issue.too_small', { field: ctx.t('field.qty') }) }, at(i, 'qty'));
    return { ...l, qty };
  });
  const no = nextDocNo(ctx, 'CG');
  const id = Number(
    ctx.store.run(
      `INSERT INTO purchase_orders (no, supplier_id, status, plan_id, note, created_by, created_at) VALUES (?, ?, 'open', ?, ?, ?, ?)`,
      [no, o.supplierId, o.planId, o.note, ctx.operator.id, ctx.now],
    ).lastInsertRowid,
  );
  lines.forEach((l, i) =>
    ctx.store.run('INSERT INTO purchase_order_lines (po_id, line_no, item_id, qty, unit_price, promised_on) VALUES (?, ?, ?, ?, ?, ?)', [id, i + 1, l.itemId, l.qty, l.unitPrice, l.promisedOn]),
  );
  const created = getPurchaseOrder(ctx.store, id, ctx.now);
  audit(ctx, 'create', 'purchase_order', id, null, { no, supplierId: o.supplierId, lines: lines.length });
  ctx.emit('data.changed', { entity: 'purchaseOrders' });
  return created;
}

export function endPurchaseOrder(ctx: Ctx, e: { id: number; version: number; as: 'closed' | 'cancelled'; reason: string }): PurchaseOrder {
  const order = getPurchaseOrder(ctx.store, e.id, ctx.now);
  if (order.version !== e.version) throw new DepotError('stale', { version: order.version });
  if (order.status === 'closed' || order.status === 'cancelled') throw new DepotError('order_ended', { no: order.no, status: ctx.t(`supply.poStatus.${order.status}`) });
  // What came in stays on the books against the order: an order that received anything is closed, not cancelled.
  if (e.as === 'cancelled' && order.receipts.some((r) => r.reversedByNo === null)) {
    throw new DepotError('order_received', { no: order.no }, 'as');
  }
  ctx.store.run('UPDATE purchase_orders SET status = ?, ended_by = ?, ended_at = ?, end_reason = ?, version = version + 1 WHERE id = ?', [e.as, ctx.operator.id, ctx.now, e.reason, e.id]);
  audit(ctx, e.as === 'closed' ? 'close' : 'cancel', 'purchase_order', e.id, { status: order.status }, { status: e.as, reason: e.reason });
  ctx.emit('data.changed', { entity: 'purchaseOrders' });
  return getPurchaseOrder(ctx.store, e.id, ctx.now);
}
