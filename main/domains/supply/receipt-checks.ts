import type { Ctx } from '../../core/context.ts';
import { DepotError } from '../../core/errors.ts';
import { receivedByItem } from './received.ts';

interface Source {
  sourceType: string;
  supplierId: number | null;
  purchaseOrderId: number | null;
  pledgeId: number | null;
}

/** A receipt names a purchase order of its own supplier, or a pledge of its own donor, and only one of the two. */
export function checkReceiptSource(ctx: Ctx, d: Source): void {
  if (d.purchaseOrderId !== null) {
    const po = ctx.store.first<{ no: string; supplier_id: number; status: string; supplier: string }>(
      'SELECT o.no, o.supplier_id, o.status, s.name AS supplier FROM purchase_orders o JOIN suppliers s ON s.id = o.supplier_id WHERE o.id = ?',
      [d.purchaseOrderId],
    );
    if (!po) throw new DepotError('not_found', { entity: 'purchase_order', id: d.purchaseOrderId }, 'purchaseOrderId');
    if (po.status !== 'open') throw new DepotError('order_ended', { no: po.no, status: ctx.t(`supply.poStatus.${po.status}`) }, 'purchaseOrderId');
    if (d.sourceType !== 'purchase') throw mismatch(ctx, 'sourceType', 'purchaseOrder', po.no, ctx.t('sourceType.purchase'));
    if (d.supplierId !== po.supplier_id) throw mismatch(ctx, 'supplierId', 'purchaseOrder', po.no, po.supplier);
  }
  if (d.pledgeId !== null) {
    const pledge = ctx.store.first<{ no: string; donor_id: number; donor: string }>(
      'SELECT p.no, p.donor_id, s.name AS donor FROM pledges p JOIN suppliers s ON s.id = p.donor_id WHERE p.id = ?',
      [d.pledgeId],
    );
    if (!pledge) throw new DepotError('not_found', { entity: 'pledge', id: d.pledgeId }, 'pledgeId');
    if (d.purchaseOrderId !== null) throw new DepotError('invalid_input', { detail: ctx.t('supply.issue.oneSource') }, 'pledgeId');
    if (d.sourceType !== 'donation') throw mismatch(ctx, 'sourceType', 'pledge', pledge.no, ctx.t('sourceType.donation'));
    if (d.supplierId !== pledge.donor_id) throw mismatch(ctx, 'supplierId', 'pledge', pledge.no, pledge.donor);
  }
}

const mismatch = (ctx: Ctx, field: string, doc: string, no: string, expected: string) =>
  new DepotError('source_mismatch', { field: ctx.t(`field.${field}`), doc: ctx.t(`entity.${doc === 'pledge' ? 'pledge' : 'purchase_order'}`), no, expected }, field);

/**
 * At posting, a receipt against a purchase order brings no more of an item than is still open on
 * it (and nothing the order does not list): an over-delivery is refused in words, before any stock moves.
 */
export function refuseOverReceipt(ctx: Ctx, receiptId: number): void {
  const r = ctx.store.first<{ purchase_order_id: number | null }>('SELECT purchase_order_id FROM receipts WHERE id = ?', [receiptId]);
  if (!r?.purchase_order_id) return;
  const po = ctx.store.first<{ no: string; status: string }>('SELECT no, status FROM purchase_orders WHERE id = ?', [r.purchase_order_id])!;
  if (po.status !== 'open') throw new DepotError('order_ended', { no: po.no, status: ctx.t(`supply.poStatus.${po.status}`) });
  const before = receivedByItem(ctx.store, 'purchase_order_id', r.purchase_order_id, receiptId);
  const now = ctx.store.all<{ item_id: number; name: string; unit: string; accepted: number; first_line: number }>(
    `SELECT rl.item_id, i.name, i.unit, sum(rl.accepted) AS accepted, min(rl.line_no) AS first_line
       FROM receipt_lines rl JOIN items i ON i.id = rl.item_id WHERE rl.receipt_id = ? GROUP BY rl.item_id ORDER BY first_line`,
    [receiptId],
  );
  for (const line of now) {
    const ordered = ctx.store.first<{ qty: number }>('SELECT coalesce(sum(qty), 0) AS qty FROM purchase_order_lines WHERE po_id = ? AND item_id = ?', [r.purchase_order_id, line.item_id])!.qty;
    const received = before.get(line.item_id)?.accepted ?? 0;
    if (received + line.accepted > ordered) {
      throw new DepotError(
        'over_receipt',
        { no: po.no, item: line.name, unit: line.unit, ordered, received, now: line.accepted, over: received + line.accepted - ordered },
        `lines.${line.first_line - 1}.counted`,
      );
    }
  }
}
