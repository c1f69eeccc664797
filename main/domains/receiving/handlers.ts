import type { receivingChannels } from '../../../shared/contract/receiving.ts';
import type { Parsed } from '../../../shared/contract/index.ts';
import type { DomainHandlers } from '../../core/handlers.ts';
import type { Ctx } from '../../core/context.ts';
import { DepotError } from '../../core/errors.ts';
import { audit } from '../../core/audit.ts';
import { nextDocNo } from '../../core/doc-numbers.ts';
import { refuseOwnDocument } from '../../core/duties.ts';
import { postMovement, reverseDocument } from '../stock/ledger.ts';
import { toBaseUnits } from '../stock/quantity.ts';
import { countReceipts, getReceipt, LINE_COLUMNS, LINE_TABLES, listReceipts, mustBeDraft, receiptOf } from './receipts.ts';
import { checkReceiptSource, refuseOverReceipt } from '../supply/receipt-checks.ts';
import { refuseIfTransferCancelled } from '../../center/transfer-lock.ts';

type Draft = Parsed<'receipts.saveDraft'>;

/** Sources that name a supplier (or donor, or the higher level), and the one that names a unit. */
const NEEDS_SUPPLIER = new Set(['purchase', 'donation', 'allocation', 'district']);

function checkHeader(ctx: Ctx, d: Draft): void {
  if (NEEDS_SUPPLIER.has(d.sourceType)) {
    if (d.supplierId === null) throw new DepotError('invalid_input', { detail: ctx.t('issue.required', { field: ctx.t('field.supplier') }) }, 'supplierId');
    if (!ctx.store.first('SELECT 1 FROM suppliers WHERE id = ?', [d.supplierId])) throw new DepotError('not_found', { entity: 'supplier', id: d.supplierId }, 'supplierId');
  }
  if (d.sourceType === 'return') {
    if (d.unitId === null) throw new DepotError('invalid_input', { detail: ctx.t('issue.required', { field: ctx.t('field.unitId') }) }, 'unitId');
    if (!ctx.store.first('SELECT 1 FROM units WHERE id = ?', [d.unitId])) throw new DepotError('not_found', { entity: 'unit', id: d.unitId }, 'unitId');
  }
}

/** Lines as stored: quantities in base units, lot numbers only for lot-tracked items. */
function normalizeLines(ctx: Ctx, d: Draft) {
  return d.lines.map((line, i) => {
    const at = (f: string) => `lines.${i}.${f}`;
    const item = ctx.store.first<{ unit: string; packs: string; lot_tracked: number; active: number; name: string }>(
      'SELECT unit, packs, lot_tracked, active, name FROM items WHERE id = ?',
      [line.itemId],
    );
    if (!item || !item.active) throw new DepotError('not_found', { entity: 'item', id: line.itemId }, at('itemId'));
    if (!ctx.store.first('SELECT 1 FROM locations WHERE id = ? AND active = 1', [line.locationId])) {
      throw new DepotError('not_found', { entity: 'location', id: line.locationId }, at('locationId'));
    }
    const counted = toBaseUnits(line.counted, item, at('counted'));
    const rejected = toBaseUnits(line.rejected, item, at('rejected'));
    if (rejected > counted) {
      throw new DepotError('too_many', { what: ctx.t('field.rejected'), value: rejected, limit: `${ctx.t('field.counted')} ${counted}` }, at('rejected'));
    }
    if (rejected > 0 && line.rejectReason === '') {
      throw new DepotError('invalid_input', { detail: ctx.t('issue.required', { field: ctx.t('field.rejectReason') }) }, at('rejectReason'));
    }
    const lotTracked = item.lot_tracked === 1;
    if (lotTracked && line.lotNo === '') {
      throw new DepotError('invalid_input', { detail: ctx.t('issue.required', { field: ctx.t('field.lotNo') }) }, at('lotNo'));
    }
    if (line.producedOn && line.expiresOn && line.expiresOn <= line.producedOn) {
      throw new DepotError('invalid_input', { detail: ctx.t('issue.expiry_before_production') }, at('expiresOn'));
    }
    return {
      ...line,
      valueBasis: line.unitCost === null ? null : (line.valueBasis ?? (d.sourceType === 'purchase' ? 'price' : 'declared')),
      lotNo: lotTracked ? line.lotNo : '',
      counted,
      rejected,
      accepted: counted - rejected,
    };
  });
}

function saveDraft(ctx: Ctx, d: Draft) {
  checkHeader(ctx, d);
  checkReceiptSource(ctx, d);
  const lines = normalizeLines(ctx, d);
  const header = [
    d.sourceType,
    d.supplierId,
    d.unitId,
    d.reference,
    d.vehicle,
    d.receivedAt ?? ctx.now,
    d.note,
    JSON.stringify(d.inspection ?? {}),
    d.purchaseOrderId,
    d.pledgeId,
  ];
  let id: number;
  if (d.id === undefined) {
    const r = ctx.store.run(
      `INSERT INTO receipts (status, source_type, supplier_id, unit_id, reference, vehicle, received_at, note, inspection, purchase_order_id, pledge_id, created_by)
       VALUES ('draft', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [...header, ctx.operator.id],
    );
    id = Number(r.lastInsertRowid);
  } else {
    id = d.id;
    mustBeDraft(ctx, id, d.version ?? 0);
    ctx.store.run(
      `UPDATE receipts SET source_type = ?, supplier_id = ?, unit_id = ?, reference = ?, vehicle = ?, received_at = ?, note = ?,
         inspection = ?, purchase_order_id = ?, pledge_id = ?, version = version + 1 WHERE id = ?`,
      [...header, id],
    );
    ctx.store.run('DELETE FROM receipt_lines WHERE receipt_id = ?', [id]);
  }
  lines.forEach((l, i) =>
    ctx.store.run(
      `INSERT INTO receipt_lines (receipt_id, line_no, item_id, lot_no, produced_on, expires_on, counted, accepted, rejected,
         reject_reason, unit_cost, value_basis, location_id, inspection, no_expiry_reason, codes)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [id, i + 1, l.itemId, l.lotNo, l.producedOn, l.expiresOn, l.counted, l.accepted, l.rejected, l.rejectReason, l.unitCost, l.valueBasis, l.locationId, l.inspection, l.expiresOn ? '' : l.noExpiryReason, JSON.stringify([...new Set(l.codes)])],
    ),
  );
  const saved = getReceipt(ctx.store, id);
  audit(ctx, d.id === undefined ? 'create' : 'update', 'receipt', id, null, saved);
  ctx.emit('data.changed', { entity: 'receipts' });
  return saved;
}

/** A line to post, as the answer reads it (LINE_COLUMNS), with its lot where it exists already (found_*). */
interface PostedLine extends Record<string, unknown> {
  id: number;
  line_no: number;
  item_id: number;
  lot_no: string;
  produced_on: string | null;
  expires_on: string | null;
  accepted: number;
  rejected: number;
  unit_cost: number | null;
  location_id: number;
  inspection: string;
  no_expiry_reason: string;
  lot_id: number | null;
  found_id: number | null;
  found_status: string | null;
  found_expires_on: string | null;
  found_produced_on: string | null;
}
const LINES_TO_POST = `${LINE_COLUMNS}, fl.id AS found_id, fl.status AS found_status, fl.expires_on AS found_expires_on, fl.produced_on AS found_produced_on
  ${LINE_TABLES} LEFT JOIN lots fl ON fl.item_id = rl.item_id AND fl.lot_no = rl.lot_no
  WHERE rl.receipt_id = +? ORDER BY rl.line_no`;

interface LotRow {
  id: number;
  status: string;
  expires_on: string | null;
  produced_on: string | null;
}

/**
 * Finds the line's lot or creates it. A lot received again keeps its identity; a line still
 * pending inspection puts an accepted lot back to pending (the batch must be re-checked);
 * a quarantined or rejected lot stays so.
 */
/** The lots a posting has read or written, by item and lot number, so each is looked up once per posting. */
type KnownLots = Map<string, LotRow | undefined>;
const lotKey = (itemId: number, lotNo: string) => `${itemId}\u0000${lotNo}`;

function knownLot(ctx: Ctx, known: KnownLots, itemId: number, lotNo: string): LotRow | undefined {
  const key = lotKey(itemId, lotNo);
  if (known.has(key)) return known.get(key);
  const row = ctx.store.first<LotRow>('SELECT id, status, expires_on, produced_on FROM lots WHERE item_id = ? AND lot_no = ?', [itemId, lotNo]);
  known.set(key, row);
  return row;
}

function lotFor(ctx: Ctx, known: KnownLots, receipt: { source_type: string; supplier_id: number | null }, l: { item_id: number; lot_no: string; produced_on: string | null; expires_on: string | null; unit_cost: number | null; inspection: string; line_no: number }): number {
  const existing = knownLot(ctx, known, l.item_id, l.lot_no);
  if (!existing) {
    const r = ctx.store.run(
      `INSERT INTO lots (item_id, lot_no, produced_on, expires_on, supplier_id, source_type, unit_cost, status, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [l.item_id, l.lot_no, l.produced_on, l.expires_on, receipt.supplier_id, receipt.source_type, l.unit_cost, l.inspection, ctx.now],
    );
    const id = Number(r.lastInsertRowid);
    known.set(lotKey(l.item_id, l.lot_no), { id, status: l.inspection, expires_on: l.expires_on, produced_on: l.produced_on });
    return id;
  }
  if (l.lot_no !== '' && l.expires_on && existing.expires_on && l.expires_on !== existing.expires_on) {
    throw new DepotError('lot_mismatch', { lot: l.lot_no, expected: existing.expires_on, got: l.expires_on }, `lines.${l.line_no - 1}.expiresOn`);
  }
  const next =
    existing.status === 'rejected' || existing.status === 'quarantined' ? existing.status : l.inspection === 'pending' ? 'pending' : existing.status === 'pending' ? 'accepted' : existing.status;
  if (next !== existing.status || (!existing.expires_on && l.expires_on)) {
    ctx.store.run('UPDATE lots SET status = ?, expires_on = coalesce(expires_on, ?), produced_on = coalesce(produced_on, ?), version = version + 1 WHERE id = ?', [
      next,
      l.expires_on,
      l.produced_on,
      existing.id,
    ]);
    known.set(lotKey(l.item_id, l.lot_no), { id: existing.id, status: next, expires_on: existing.expires_on ?? l.expires_on, produced_on: existing.produced_on ?? l.produced_on });
  }
  return existing.id;
}

/** What goods a unit gives back were worth when they left: the average of its dispatches of the item (net of reversals), or null if they left unpriced. */
function returnValue(ctx: Ctx, itemId: number, unitId: number, qty: number): number | null {
  const sent = ctx.store.first<{ valued: number | null; amount: number | null }>(
    `SELECT -sum(valued_qty) AS valued, -sum(amount) AS amount FROM movements
      WHERE item_id = ? AND unit_id = ? AND doc_type IN ('dispatch', 'dispatch_reversal', 'delivery_adjustment') AND valued_qty IS NOT NULL`,
    [itemId, unitId],
  );
  if (!sent?.valued || sent.valued <= 0 || sent.amount === null) return null;
  return Math.round((sent.amount * qty) / sent.valued);
}

/**
 * Opening stock (期初) is what the depot held before it kept its books here; once anything else
 * has moved stock, an "opening" receipt would be goods appearing with no source and no check.
 */
function refuseOpeningInUse(ctx: Ctx): void {
  const inUse = ctx.store.first(
    `SELECT 1 FROM movements m
      WHERE NOT (m.doc_type = 'receipt' AND EXISTS (SELECT 1 FROM receipts r WHERE r.id = m.doc_id AND r.source_type = 'opening')) LIMIT 1`,
  );
  if (inUse) throw new DepotError('depot_in_use');
}

function post(ctx: Ctx, id: number, version: number) {
  mustBeDraft(ctx, id, version);
  const receipt = ctx.store.first<{ source_type: string; supplier_id: number | null; unit_id: number | null; reference: string | null }>('SELECT * FROM receipts WHERE id = ?', [id])!;
  if (receipt.source_type === 'opening') refuseOpeningInUse(ctx);
  refuseIfTransferCancelled(ctx, receipt.reference);
  refuseOverReceipt(ctx, id);
  // The lines as the answer reads them, each with its lot where it exists already (a line whose lot
  // is not there makes it), in one read: the answer is made from them below, not read again.
  // (`= +?`: see getOrder in main/domains/dispatch/orders.ts.)
  const lines = ctx.store.all<PostedLine>(LINES_TO_POST, [id]);
  // A receipt with nothing counted records nothing: it is no transaction (a wholly rejected one is: it records the refusal).
  if (lines.every((l) => l.accepted === 0) && !lines.some((l) => l.rejected > 0)) {
    throw new DepotError('nothing_to_post', { doc: ctx.t('documents.title.receipt') });
  }
  // A lot-tracked line brings its expiry (typed, or already registered for the lot), or says why it has none.
  const known: KnownLots = new Map();
  for (const l of lines) {
    known.set(lotKey(l.item_id, l.lot_no), l.found_id === null ? undefined : { id: l.found_id, status: l.found_status!, expires_on: l.found_expires_on, produced_on: l.found_produced_on });
  }
  for (const l of lines) {
    if (l.accepted === 0 || l.lot_no === '' || l.expires_on || l.no_expiry_reason !== '') continue;
    if (knownLot(ctx, known, l.item_id, l.lot_no)?.expires_on) continue;
    throw new DepotError('invalid_input', { detail: ctx.t('issue.expiry_required', { lot: l.lot_no }) }, `lines.${l.line_no - 1}.expiresOn`);
  }
  const no = nextDocNo(ctx, 'RK');
  for (const l of lines) {
    const lotId = lotFor(ctx, known, receipt, l);
    l.lot_id = lotId;
    // Rejected goods never enter stock: only the accepted quantity is posted.
    if (l.accepted > 0) {
      postMovement(ctx, {
        lotId,
        itemId: l.item_id,
        locationId: l.location_id,
        qty: l.accepted,
        // Bought at a price: that amount. A unit's return (退库) without one comes back at the cost it
        // left with; anything else without a price is carried unpriced (未计价).
        amount: l.unit_cost !== null ? l.unit_cost * l.accepted : receipt.source_type === 'return' && receipt.unit_id !== null ? returnValue(ctx, l.item_id, receipt.unit_id, l.accepted) : null,
        docType: 'receipt',
        docId: id,
        docNo: no,
        lineId: l.id,
        sourceType: receipt.source_type,
        supplierId: receipt.supplier_id,
        unitId: receipt.unit_id,
      });
    }
  }
  // Each line names its lot (the one found or made above, by its item and lot number), in one statement.
  ctx.store.run('UPDATE receipt_lines SET lot_id = (SELECT l.id FROM lots l WHERE l.item_id = receipt_lines.item_id AND l.lot_no = receipt_lines.lot_no) WHERE receipt_id = +?', [id]);
  ctx.store.run(`UPDATE receipts SET status = 'posted', no = ?, posted_by = ?, posted_at = ?, version = version + 1 WHERE id = ?`, [no, ctx.operator.id, ctx.now, id]);
  const posted = receiptOf(ctx.store, id, lines);
  audit(ctx, 'post', 'receipt', id, null, { no, lines: lines.length });
  ctx.emit('data.changed', { entity: 'stock' });
  ctx.emit('data.changed', { entity: 'receipts' });
  return posted;
}

function reverse(ctx: Ctx, id: number, reason: string) {
  const original = getReceipt(ctx.store, id);
  if (original.status !== 'posted') throw new DepotError('not_draft');
  if (original.reversesId !== null || original.reversedById !== null) throw new DepotError('already_reversed', { no: original.reversedByNo ?? original.no });
  const by = ctx.store.first<{ created_by: number; posted_by: number | null }>('SELECT created_by, posted_by FROM receipts WHERE id = ?', [id])!;
  refuseOwnDocument(ctx, by.posted_by, 'receiptReverse', original.no ?? String(id));
  refuseOwnDocument(ctx, by.created_by, 'receiptReverse', original.no ?? String(id));
  const no = nextDocNo(ctx, 'HC');
  // The reversal is born posted: it is a document of its own, never a change to the original.
  const r = ctx.store.run(
    `INSERT INTO receipts (no, status, source_type, supplier_id, unit_id, reference, vehicle, received_at, note, inspection, reverses_id,
       created_by, posted_by, posted_at)
     SELECT ?, 'posted', source_type, supplier_id, unit_id, reference, vehicle, ?, ?, '{}', id, ?, ?, ? FROM receipts WHERE id = ?`,
    [no, ctx.now, reason, ctx.operator.id, ctx.operator.id, ctx.now, id],
  );
  const reversalId = Number(r.lastInsertRowid);
  ctx.store.run(
    `INSERT INTO receipt_lines (receipt_id, line_no, item_id, lot_no, produced_on, expires_on, counted, accepted, rejected, reject_reason,
       unit_cost, value_basis, location_id, inspection, lot_id, codes)
     SELECT ?, line_no, item_id, lot_no, produced_on, expires_on, counted, accepted, rejected, reject_reason, unit_cost, value_basis, location_id, inspection, lot_id, codes
       FROM receipt_lines WHERE receipt_id = ?`,
    [reversalId, id],
  );
  reverseDocument(ctx, { docType: 'receipt', docId: id }, { docType: 'receipt_reversal', docId: reversalId, docNo: no });
  audit(ctx, 'reverse', 'receipt', id, { no: original.no }, { reversal: no, reason });
  ctx.emit('data.changed', { entity: 'stock' });
  ctx.emit('data.changed', { entity: 'receipts' });
  return getReceipt(ctx.store, reversalId);
}

export const receivingHandlers: DomainHandlers<typeof receivingChannels> = {
  'receipts.list': (input, ctx) => listReceipts(ctx.store, input),
  'receipts.count': (input, ctx) => countReceipts(ctx.store, input),
  'receipts.get': (input, ctx) => getReceipt(ctx.store, input.id),
  'receipts.saveDraft': (input, ctx) => saveDraft(ctx, input),
  'receipts.post': (input, ctx) => post(ctx, input.id, input.version),
  'receipts.reverse': (input, ctx) => reverse(ctx, input.id, input.reason),
  'receipts.discardDraft': ({ id, version }, ctx) => {
    mustBeDraft(ctx, id, version);
    ctx.store.run('DELETE FROM receipt_lines WHERE receipt_id = ?', [id]);
    ctx.store.run('DELETE FROM receipts WHERE id = ?', [id]);
    audit(ctx, 'discard', 'receipt', id, null, null);
    ctx.emit('data.changed', { entity: 'receipts' });
    return { id };
  },
};
