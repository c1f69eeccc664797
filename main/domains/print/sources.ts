/**
 * What the printed documents show, filled from the store: a slip from a dispatch order's picks,
 * labels from a lot. main/documents turns these into HTML.
 */
import type { DispatchOrder } from '../../../shared/contract/index.ts';
import type { LabelData, LabelKind, PickListData, PickListRow, SlipCopy, SlipData, SlipLine } from '../../../shared/contract/documents.ts';
import type { Pack } from '../../../shared/packs.ts';
import type { Ctx } from '../../core/context.ts';
import { DepotError } from '../../core/errors.ts';
import { depotName } from './settings.ts';

/** A slip lists what goes on the truck: an order before approval has no picks yet, a cancelled one ships nothing. */
const PRINTABLE: DispatchOrder['status'][] = ['approved', 'picked', 'shipped', 'delivered'];

/**
 * One slip line per item and lot: picks of the same lot from two locations are one line (the
 * slip does not show locations); a line that could not be picked at all is not on the slip.
 * The unit price is the lot's own cost, so an item picked from two lots at two prices shows both.
 */
/** The donor of a donated lot: the slip names who gave what the unit receives. */
function donorOf(ctx: Ctx, lotId: number): string | null {
  return ctx.store.first<{ name: string }>("SELECT s.name FROM lots l JOIN suppliers s ON s.id = l.supplier_id WHERE l.id = ? AND l.source_type = 'donation'", [lotId])?.name ?? null;
}

export function slipData(ctx: Ctx, order: DispatchOrder, parts: SlipCopy[], reprint: number): SlipData {
  if (!PRINTABLE.includes(order.status)) {
    throw new DepotError('bad_transition', { no: order.no, status: ctx.t(`dispatchStatus.${order.status}`) });
  }
  // A 红冲 order brings goods back: it prints as a voucher of its own (出库红冲单, negative, in red),
  // and the order it reverses prints marked 已红冲, so neither can release goods a second time.
  const reversal = order.reversesNo ? null : ctx.store.first<{ no: string; created_at: string }>('SELECT no, created_at FROM dispatch_orders WHERE reverses_id = ?', [order.id]);
  const booked = bookedPrices(ctx, order.id);
  const lines: SlipLine[] = [];
  for (const line of order.lines) {
    const byLot = new Map<number, SlipLine>();
    for (const pick of line.picks) {
      const same = byLot.get(pick.lotId);
      if (same) {
        same.quantity += pick.qty;
        same.amount = booked.get(`${line.id}:${pick.lotId}`)?.amount ?? (same.unitPrice === null ? null : same.unitPrice * same.quantity);
        continue;
      }
      const price = booked.get(`${line.id}:${pick.lotId}`) ?? estimate(ctx, line.itemId, pick.qty);
      const unitPrice = price?.unitPrice ?? null;
      const found = (kind: 'short' | 'damaged') => order.discrepancies.filter((x) => x.lineId === line.id && x.lotId === pick.lotId && x.kind === kind).reduce((n, x) => n + x.qty, 0);
      const slipLine: SlipLine = {
        donor: donorOf(ctx, pick.lotId),
        codes: ctx.store.all<{ code: string }>('SELECT code FROM dispatch_codes WHERE order_id = ? AND lot_id = ? ORDER BY id', [order.id, pick.lotId]).map((r) => r.code),
        itemCode: line.itemCode,
        itemName: line.itemName,
        spec: line.spec,
        unit: line.unit,
        lotNo: pick.lotNo,
        expiresOn: pick.expiresOn,
        quantity: pick.qty,
        packs: line.packs,
        unitPrice,
        amount: price?.amount ?? null,
        note: line.note,
        short: found('short'),
        damaged: found('damaged'),
      };
      byLot.set(pick.lotId, slipLine);
      lines.push(slipLine);
    }
  }
  return {
    depotName: depotName(ctx.store),
    docType: order.reversesNo ? 'dispatchReversal' : 'dispatch',
    reverses: order.reversesNo ? { no: order.reversesNo, reason: order.remarks } : null,
    reversedBy: reversal ? { no: reversal.no, at: reversal.created_at } : null,
    signedOff: order.deliveredAt && order.receiver ? { receiver: order.receiver, at: order.deliveredAt } : null,
    urgent: order.priority === 'urgent',
    orderNo: order.no,
    createdAt: order.createdAt,
    shippedAt: order.shippedAt,
    recipient: { name: order.unitName, address: order.unitAddress, contact: order.unitContact, phone: order.unitPhone },
    vehicle: order.vehicle,
    driver: order.driver,
    driverPhone: order.driverPhone,
    approver: order.approvedBy ?? '',
    remarks: order.remarks,
    lines,
    reprint,
    copies: parts,
  };
}

/**
 * What a shipped order's lines were booked at (the ledger's amounts, moving weighted average): per
 * line and lot, the amount and the unit price of its priced part. Absent before shipping.
 */
function bookedPrices(ctx: Ctx, orderId: number): Map<string, { unitPrice: number | null; amount: number | null }> {
  const rows = ctx.store.all<{ line_id: number; lot_id: number; amount: number | null; valued: number }>(
    `SELECT line_id, lot_id, sum(amount) AS amount, sum(coalesce(valued_qty, 0)) AS valued FROM movements
      WHERE doc_type IN ('dispatch', 'dispatch_reversal') AND doc_id = ? GROUP BY line_id, lot_id`,
    [orderId],
  );
  return new Map(
    rows.map((r) => [`${r.line_id}:${r.lot_id}`, r.valued === 0 || r.amount === null ? { unitPrice: null, amount: null } : { unitPrice: Math.round(Math.abs(r.amount / r.valued)), amount: Math.abs(r.amount) }]),
  );
}

/** Before shipping: the item's moving average cost as it stands (what the shipment would be booked at), or nothing when its stock is unpriced. */
function estimate(ctx: Ctx, itemId: number, qty: number): { unitPrice: number; amount: number } | null {
  const v = ctx.store.first<{ priced_qty: number; priced_amount: number; unpriced_qty: number }>('SELECT * FROM item_valuation WHERE item_id = ?', [itemId]);
  if (!v || v.priced_qty === 0 || v.unpriced_qty > 0) return null;
  return { unitPrice: Math.round(v.priced_amount / v.priced_qty), amount: Math.round((v.priced_amount * qty) / v.priced_qty) };
}

/** A pick list serves orders whose lots and locations are fixed and not yet out of the depot. */
const PICKABLE: DispatchOrder['status'][] = ['approved', 'picked'];

const byCode = new Intl.Collator('zh-CN', { numeric: true });

/**
 * The picks of one order or a wave of orders, one row per location, item and lot (a wave adds
 * its orders' quantities together and names each order's share), in walking order: location
 * codes compared as people read them (A-2 before A-10), then the item's code and the lot.
 */
export function pickListData(ctx: Ctx, orders: DispatchOrder[], printedAt: string): PickListData {
  for (const order of orders) {
    if (!PICKABLE.includes(order.status)) throw new DepotError('bad_transition', { no: order.no, status: ctx.t(`dispatchStatus.${order.status}`) });
  }
  const rows = new Map<string, PickListRow>();
  for (const order of orders) {
    for (const line of order.lines) {
      for (const pick of line.picks) {
        const key = `${pick.locationId}:${pick.lotId}`;
        const row =
          rows.get(key) ??
          rows
            .set(key, {
              locationCode: pick.locationCode,
              itemCode: line.itemCode,
              itemName: line.itemName,
              spec: line.spec,
              unit: line.unit,
              lotNo: pick.lotNo,
              expiresOn: pick.expiresOn,
              quantity: 0,
              packs: line.packs,
              orders: [],
            })
            .get(key)!;
        row.quantity += pick.qty;
        const share = row.orders.find((o) => o.no === order.no);
        if (share) share.quantity += pick.qty;
        else row.orders.push({ no: order.no, quantity: pick.qty });
      }
    }
  }
  return {
    depotName: depotName(ctx.store),
    orders: orders.map((o) => ({ no: o.no, unitName: o.unitName, urgent: o.priority === 'urgent' })),
    rows: [...rows.values()].sort(
      (a, b) => byCode.compare(a.locationCode, b.locationCode) || byCode.compare(a.itemCode, b.itemCode) || byCode.compare(a.lotNo, b.lotNo),
    ),
    printedAt,
  };
}

export interface LotForLabels {
  id: number;
  lotNo: string;
  expiresOn: string | null;
  producedOn: string | null;
  status: 'pending' | 'accepted' | 'rejected' | 'quarantined';
  /** The one location holding the lot's stock, or null when it lies in several (or none). */
  location: string | null;
  itemCode: string;
  itemName: string;
  spec: string;
  unit: string;
  packs: Pack[];
  onHand: number;
}

/** A lot by id, or by its number (and the item's code when several items have a lot of that number). */
export function findLotForLabels(ctx: Ctx, lot: number | string, itemCode: string | undefined): LotForLabels {
  const rows = ctx.store.all<Record<string, unknown>>(
    `SELECT l.id, l.lot_no, l.expires_on, l.produced_on, l.status, i.code, i.name, i.spec, i.unit, i.packs,
            coalesce((SELECT sum(on_hand) FROM stock s WHERE s.lot_id = l.id), 0) AS on_hand,
            (SELECT CASE WHEN count(*) = 1 THEN min(loc.code) END FROM stock s JOIN locations loc ON loc.id = s.location_id WHERE s.lot_id = l.id AND s.on_hand > 0) AS location
       FROM lots l JOIN items i ON i.id = l.item_id
      WHERE (:id IS NULL OR l.id = :id) AND (:no IS NULL OR l.lot_no = :no) AND (:item IS NULL OR i.code = :item)
      ORDER BY i.code LIMIT 20`,
    { id: typeof lot === 'number' ? lot : null, no: typeof lot === 'string' ? lot : null, item: itemCode || null },
  );
  if (rows.length === 0) throw new DepotError('not_found', { entity: ctx.t('field.lotNo'), id: [itemCode, lot].filter(Boolean).join(' ') }, 'lot');
  if (rows.length > 1) {
    const items = rows.map((r) => `${r.code as string} ${r.name as string}`).join(ctx.t('documents.listSep'));
    throw new DepotError('invalid_input', { detail: ctx.t('print.error.ambiguousLot', { lot, items }) }, 'itemCode');
  }
  const r = rows[0]!;
  return {
    id: r.id as number,
    lotNo: r.lot_no as string,
    expiresOn: r.expires_on as string | null,
    producedOn: (r.produced_on as string | null) ?? null,
    status: r.status as LotForLabels['status'],
    location: (r.location as string | null) ?? null,
    itemCode: r.code as string,
    itemName: r.name as string,
    spec: r.spec as string,
    unit: r.unit as string,
    packs: JSON.parse(r.packs as string) as Pack[],
    onHand: r.on_hand as number,
  };
}

const printableAscii = (text: string) => /^[\x21-\x7e][\x20-\x7e]{0,39}$/.test(text);

/**
 * The Code 128 carries the lot number, which is what a scanner should type into a lot field; a
 * lot number a barcode cannot hold (Chinese, or none on an item without lot tracking) gives way
 * to the item code, and failing that to the lot's record number "LOT-42". The QR carries both
 * the item code and the lot number, which name the lot unambiguously.
 */
export function lotBarcode(lot: Pick<LotForLabels, 'id' | 'lotNo' | 'itemCode'>): string {
  if (printableAscii(lot.lotNo)) return lot.lotNo;
  if (printableAscii(lot.itemCode)) return lot.itemCode;
  return `LOT-${lot.id}`;
}

/**
 * The labels of one lot. A carton holds the item's largest pack; a pallet cartonsPerPallet
 * cartons. With a count: that many labels, each for a full lot, carton or pallet. Without: one
 * lot label, or as many carton or pallet labels as the stock on hand fills, the last one
 * carrying what is left over.
 */
export function labelData(ctx: Ctx, lot: LotForLabels, o: { kind: LabelKind; count?: number | undefined; cartonsPerPallet?: number | undefined }): LabelData[] {
  const base = {
    kind: o.kind,
    depotName: depotName(ctx.store),
    itemCode: lot.itemCode,
    itemName: lot.itemName,
    spec: lot.spec,
    lotNo: lot.lotNo,
    expiresOn: lot.expiresOn,
    producedOn: lot.producedOn,
    status: lot.status,
    location: lot.location,
    unit: lot.unit,
    barcode: lotBarcode(lot),
    qr: `LOT:${lot.itemCode}:${lot.lotNo}`,
  };
  if (o.kind === 'lot') {
    // A lot label states the stock on hand: "数量 0" on a shelf would be read as a count.
    if (lot.onHand === 0) throw new DepotError('invalid_input', { detail: ctx.t('print.error.emptyLot', { lot: lot.lotNo }) }, 'lot');
    return Array.from({ length: o.count ?? 1 }, () => ({ ...base, quantity: lot.onHand }));
  }

  const carton = lot.packs.reduce((max, p) => Math.max(max, p.per), 0);
  if (carton === 0) throw new DepotError('invalid_input', { detail: ctx.t('print.error.noPacks', { item: lot.itemName }) }, 'labelKind');
  const per = o.kind === 'carton' ? carton : carton * o.cartonsPerPallet!;
  // Each carton or pallet numbered among the lot's (第 3/16 箱), so a missing one is seen.
  const numbered = (labels: LabelData[]) => labels.map((l, i) => ({ ...l, serial: { n: i + 1, of: labels.length } }));
  if (o.count !== undefined) return numbered(Array.from({ length: o.count }, () => ({ ...base, quantity: per })));
  if (lot.onHand === 0) throw new DepotError('invalid_input', { detail: ctx.t('print.error.nothingOnHand', { lot: lot.lotNo }) }, 'count');
  const full = Math.floor(lot.onHand / per);
  const rest = lot.onHand - full * per;
  if (full + (rest > 0 ? 1 : 0) > 500) throw new DepotError('invalid_input', { detail: ctx.t('print.error.tooManyLabels', { count: full + 1 }) }, 'count');
  return numbered([...Array.from({ length: full }, () => ({ ...base, quantity: per })), ...(rest > 0 ? [{ ...base, quantity: rest }] : [])]);
}
