import type { dispatchChannels } from '../../../shared/contract/dispatch.ts';
import type { DispatchOrder, Parsed } from '../../../shared/contract/index.ts';
import type { DomainHandlers } from '../../core/handlers.ts';
import type { Ctx } from '../../core/context.ts';
import { DepotError } from '../../core/errors.ts';
import { audit } from '../../core/audit.ts';
import { localDay, nextDocNo } from '../../core/doc-numbers.ts';
import { mustBeApprover, refuseOwnDocument } from '../../core/duties.ts';
import { mirrorOf, postMovement } from '../stock/ledger.ts';
import { toBaseUnits } from '../stock/quantity.ts';
import { dispatchable, proposePicks } from './fefo.ts';
import { countOrders, getOrder, listOrders } from './orders.ts';

type Header = Parsed<'dispatch.create'>;

function mustBe(ctx: Ctx, id: number, version: number | null, statuses: DispatchOrder['status'][]): DispatchOrder {
  const order = getOrder(ctx.store, { id });
  if (!statuses.includes(order.status)) {
    throw new DepotError('bad_transition', { no: order.no, status: ctx.t(`dispatchStatus.${order.status}`) });
  }
  if (version !== null && order.version !== version) throw new DepotError('stale', { version: order.version });
  return order;
}

function writeLines(ctx: Ctx, orderId: number, lines: Header['lines']): void {
  lines.forEach((line, i) => {
    const item = ctx.store.first<{ unit: string; packs: string; active: number }>('SELECT unit, packs, active FROM items WHERE id = ?', [line.itemId]);
    if (!item || !item.active) throw new DepotError('not_found', { entity: 'item', id: line.itemId }, `lines.${i}.itemId`);
    const qty = toBaseUnits(line.qty, item, `lines.${i}.qty`);
    if (qty <= 0) throw new DepotError('bad_quantity', { value: line.qty, units: '> 0' }, `lines.${i}.qty`);
    ctx.store.run('INSERT INTO dispatch_lines (order_id, line_no, item_id, qty, note) VALUES (?, ?, ?, ?, ?)', [orderId, i + 1, line.itemId, qty, line.note]);
  });
}

function checkUnit(ctx: Ctx, unitId: number): void {
  if (!ctx.store.first('SELECT 1 FROM units WHERE id = ? AND active = 1', [unitId])) throw new DepotError('not_found', { entity: 'unit', id: unitId }, 'unitId');
}

/** Creates a draft order; allocation plans use this too. */
export function createOrder(ctx: Ctx, h: Omit<Header, 'requestId'> & { planId?: number | null; backorderOf?: number | null }): DispatchOrder {
  checkUnit(ctx, h.unitId);
  const no = nextDocNo(ctx, 'CK');
  const { lastInsertRowid } = ctx.store.run(
    `INSERT INTO dispatch_orders (no, status, unit_id, priority, requested_at, vehicle, driver, driver_phone, remarks, plan_id, backorder_of, created_by, created_at)
     VALUES (?, 'draft', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [no, h.unitId, h.priority, h.requestedAt, h.vehicle, h.driver, h.driverPhone, h.remarks, h.planId ?? null, h.backorderOf ?? null, ctx.operator.id, ctx.now],
  );
  const id = Number(lastInsertRowid);
  writeLines(ctx, id, h.lines);
  audit(ctx, 'create', 'dispatch', id, null, { no, unitId: h.unitId, lines: h.lines.length });
  ctx.emit('data.changed', { entity: 'dispatch' });
  return getOrder(ctx.store, { id });
}

function release(ctx: Ctx, order: DispatchOrder): void {
  for (const line of order.lines) {
    for (const p of line.picks) {
      ctx.store.run('UPDATE stock SET reserved = reserved - ? WHERE lot_id = ? AND location_id = ?', [p.qty, p.lotId, p.locationId]);
    }
  }
}

const authorOf = (ctx: Ctx, id: number) =>
  ctx.store.first<{ created_by: number; shipped_by: number | null }>('SELECT created_by, shipped_by FROM dispatch_orders WHERE id = ?', [id])!;

function approve(ctx: Ctx, id: number, version: number | null, picksIn: Parsed<'dispatch.approve'>['picks'], allowShort: boolean): DispatchOrder {
  const order = mustBe(ctx, id, version, ['draft']);
  refuseOwnDocument(ctx, authorOf(ctx, id).created_by, 'dispatchApprove', order.no);
  const picks = picksIn ?? proposePicks(ctx.store, ctx.now, order.unitId, order.lines);
  // Check every pick against what may be dispatched now, counting picks that share a lot.
  const taken = new Map<string, number>();
  const pickedPerLine = new Map<number, number>();
  picks.forEach((p, i) => {
    const line = order.lines.find((l) => l.id === p.lineId);
    if (!line) throw new DepotError('not_found', { entity: 'dispatch line', id: p.lineId }, `picks.${i}.lineId`);
    const candidate = dispatchable(ctx.store, line.itemId, ctx.now, order.unitId).find((c) => c.lotId === p.lotId && c.locationId === p.locationId);
    const key = `${p.lotId}:${p.locationId}`;
    const free = (candidate?.free ?? 0) - (taken.get(key) ?? 0);
    if (free < p.qty) {
      const lot = ctx.store.first<{ lot_no: string; status: string }>('SELECT lot_no, status FROM lots WHERE id = ?', [p.lotId]);
      const loc = ctx.store.first<{ code: string }>('SELECT code FROM locations WHERE id = ?', [p.locationId]);
      throw new DepotError('not_dispatchable', { item: line.itemName, lot: lot?.lot_no ?? p.lotId, location: loc?.code ?? p.locationId, free: Math.max(0, free), needed: p.qty }, `picks.${i}.qty`);
    }
    taken.set(key, (taken.get(key) ?? 0) + p.qty);
    pickedPerLine.set(p.lineId, (pickedPerLine.get(p.lineId) ?? 0) + p.qty);
  });
  for (const line of order.lines) {
    const picked = pickedPerLine.get(line.id) ?? 0;
    if (picked > line.qty) throw new DepotError('too_many', { what: `${line.itemName} ${ctx.t('field.picked')}`, value: picked, limit: `${ctx.t('field.qty')} ${line.qty}` }, 'picks');
    if (picked < line.qty && !allowShort) {
      throw new DepotError('short_stock', { no: order.no, item: line.itemName, needed: line.qty, available: picked, unit: line.unit });
    }
  }
  for (const p of picks) {
    ctx.store.run('INSERT INTO dispatch_picks (order_id, line_id, lot_id, location_id, qty) VALUES (?, ?, ?, ?, ?)', [id, p.lineId, p.lotId, p.locationId, p.qty]);
    ctx.store.run('UPDATE stock SET reserved = reserved + ? WHERE lot_id = ? AND location_id = ?', [p.qty, p.lotId, p.locationId]);
  }
  ctx.store.run(`UPDATE dispatch_orders SET status = 'approved', approved_by = ?, approved_at = ?, version = version + 1 WHERE id = ?`, [ctx.operator.id, ctx.now, id]);
  audit(ctx, 'approve', 'dispatch', id, { status: 'draft' }, { status: 'approved', picks: picks.length });
  ctx.emit('data.changed', { entity: 'dispatch' });
  return getOrder(ctx.store, { id });
}

/**
 * An order approved yesterday may hold a lot that expired at midnight or was put in quarantine
 * since: picking and shipping look at every picked lot again, and refuse with the lot to use instead.
 */
function checkPicksStillDispatchable(ctx: Ctx, order: DispatchOrder): Map<number, number> {
  const today = localDay(ctx.now);
  // Every picked lot in one read; the item of each is given back for the ledger rows that ship it.
  const lots = new Map(
    ctx.store
      .all<{ id: number; item_id: number; lot_no: string; status: string; expires_on: string | null }>(
        'SELECT id, item_id, lot_no, status, expires_on FROM lots WHERE id IN (SELECT lot_id FROM dispatch_picks WHERE order_id = ?)',
        [order.id],
      )
      .map((l) => [l.id, l]),
  );
  for (const line of order.lines) {
    for (const p of line.picks) {
      const lot = lots.get(p.lotId)!;
      const expired = lot.expires_on !== null && lot.expires_on < today;
      if (lot.status === 'accepted' && !expired) continue;
      const why = expired ? ctx.t('dispatch.lotExpiredOn', { date: lot.expires_on }) : ctx.t('dispatch.lotNowStatus', { status: ctx.t(`lotStatus.${lot.status}`) });
      const other = dispatchable(ctx.store, line.itemId, ctx.now, order.unitId).find((c) => c.lotId !== p.lotId && c.free >= p.qty);
      const instead = other
        ? ctx.t('dispatch.replaceWith', { lot: other.lotNo || '—', location: other.locationCode, expires: other.expiresOn ?? '—', free: other.free, unit: line.unit })
        : ctx.t('dispatch.noReplacement');
      throw new DepotError('lot_not_shippable', { no: order.no, item: line.itemName, lot: lot.lot_no || '—', qty: p.qty, unit: line.unit, why, instead });
    }
  }
  return new Map([...lots.values()].map((l) => [l.id, l.item_id]));
}

/** 撤回审核: an approved (or picked) order goes back to draft, its reservations released, to be approved again with other lots. */
function unapprove(ctx: Ctx, id: number, version: number, reason: string): DispatchOrder {
  const order = mustBe(ctx, id, version, ['approved', 'picked']);
  release(ctx, order);
  ctx.store.run('DELETE FROM dispatch_picks WHERE order_id = ?', [id]);
  ctx.store.run(`UPDATE dispatch_orders SET status = 'draft', approved_by = NULL, approved_at = NULL, picked_at = NULL, version = version + 1 WHERE id = ?`, [id]);
  audit(ctx, 'unapprove', 'dispatch', id, { status: order.status }, { status: 'draft', reason });
  ctx.emit('data.changed', { entity: 'dispatch' });
  return getOrder(ctx.store, { id });
}

/** The ledger row a pick shipped as: what its reversal or a short delivery undoes, at the value it left with. */
function shippedRow(ctx: Ctx, orderId: number, lineId: number, lotId: number, locationId: number): number | null {
  // (`= +?`: see getOrder in orders.ts; 43 µs a pick with bare parameters, 2 without.)
  return ctx.store.first<{ id: number }>("SELECT id FROM movements WHERE doc_type = 'dispatch' AND doc_id = +? AND line_id = +? AND lot_id = +? AND location_id = +? ORDER BY id LIMIT 1", [orderId, lineId, lotId, locationId])?.id ?? null;
}

function ship(ctx: Ctx, input: Parsed<'dispatch.ship'>): DispatchOrder {
  const order = mustBe(ctx, input.id, input.version, ['approved', 'picked']);
  const itemOf = checkPicksStillDispatchable(ctx, order);
  // An order approved short with nothing picked sends an empty truck: no shipment, no 笔.
  if (order.lines.every((l) => l.picks.length === 0)) throw new DepotError('nothing_to_post', { doc: `${ctx.t('documents.title.dispatch')} ${order.no}` });
  for (const line of order.lines) {
    for (const p of line.picks) {
      // The reservation becomes the shipment: released in the same balance update that takes the goods out.
      postMovement(ctx, { lotId: p.lotId, itemId: itemOf.get(p.lotId)!, locationId: p.locationId, qty: -p.qty, docType: 'dispatch', docId: order.id, docNo: order.no, lineId: line.id, unitId: order.unitId, release: p.qty });
    }
  }
  ctx.store.run(
    `UPDATE dispatch_orders SET status = 'shipped', shipped_by = ?, shipped_at = ?, vehicle = coalesce(?, vehicle), driver = coalesce(?, driver),
       driver_phone = coalesce(?, driver_phone), version = version + 1 WHERE id = ?`,
    [ctx.operator.id, ctx.now, input.vehicle ?? null, input.driver ?? null, input.driverPhone ?? null, order.id],
  );
  const rest = order.lines.filter((l) => l.short > 0);
  if (rest.length > 0 && input.rest === 'keep') {
    createOrder(ctx, {
      unitId: order.unitId,
      priority: order.priority,
      requestedAt: order.requestedAt,
      vehicle: '',
      driver: '',
      driverPhone: '',
      remarks: ctx.t('dispatch.backorderRemark', { no: order.no }),
      lines: rest.map((l) => ({ itemId: l.itemId, qty: l.short, note: '' })),
      planId: order.planId,
      backorderOf: order.id,
    });
  }
  audit(ctx, 'ship', 'dispatch', order.id, { status: order.status }, { status: 'shipped', rest: rest.length > 0 ? input.rest : null });
  ctx.emit('data.changed', { entity: 'stock' });
  ctx.emit('data.changed', { entity: 'dispatch' });
  // The order as shipped, without reading it again: what the UPDATE above changed (the header's
  // status, times, vehicle and version); shipping writes no line, pick or discrepancy, and from
  // then on dispatch_lines_frozen / dispatch_picks_frozen keep them so.
  return {
    ...order,
    status: 'shipped',
    shippedAt: ctx.now,
    vehicle: input.vehicle ?? order.vehicle,
    driver: input.driver ?? order.driver,
    driverPhone: input.driverPhone ?? order.driverPhone,
    version: order.version + 1,
  };
}

function deliver(ctx: Ctx, input: Parsed<'dispatch.deliver'>): DispatchOrder {
  const order = mustBe(ctx, input.id, input.version, ['shipped']);
  if (order.reversedByNo || order.reversesNo) throw new DepotError('bad_transition', { no: order.no, status: ctx.t('dispatch.reversed') });
  if (input.discrepancies.length > 0) {
    // Short or damaged goods leave the books at sign-off: the one who shipped them does not write them off.
    mustBeApprover(ctx, 'writeOff');
    refuseOwnDocument(ctx, authorOf(ctx, order.id).shipped_by, 'writeOff', order.no);
  }
  const claimed = new Map<string, number>();
  input.discrepancies.forEach((d, i) => {
    const line = order.lines.find((l) => l.id === d.lineId);
    const shipped = line?.picks.filter((p) => p.lotId === d.lotId).reduce((s, p) => s + p.qty, 0) ?? 0;
    const key = `${d.lineId}:${d.lotId}`;
    const total = (claimed.get(key) ?? 0) + d.qty;
    if (!line || total > shipped) {
      throw new DepotError('too_many', { what: ctx.t('field.discrepancies'), value: total, limit: `${ctx.t('docType.dispatch')} ${shipped}` }, `discrepancies.${i}.qty`);
    }
    claimed.set(key, total);
    const pick = line.picks.find((p) => p.lotId === d.lotId)!;
    ctx.store.run('INSERT INTO delivery_discrepancies (order_id, line_id, lot_id, kind, qty, reason) VALUES (?, ?, ?, ?, ?, ?)', [order.id, d.lineId, d.lotId, d.kind, d.qty, d.reason]);
    // The unit did not receive these: its share of the shipment comes back at the value it left with,
    // and the goods are written off as lost or damaged in transit at that same value.
    const base = { lotId: d.lotId, locationId: pick.locationId, docType: 'delivery_adjustment' as const, docId: order.id, docNo: order.no, lineId: line.id };
    const back = postMovement(ctx, { ...base, qty: d.qty, unitId: order.unitId, reversesId: shippedRow(ctx, order.id, line.id, d.lotId, pick.locationId) });
    postMovement(ctx, { ...base, qty: -d.qty, unitId: null, sourceType: d.kind, ...mirrorOf(ctx, back) });
  });
  ctx.store.run(`UPDATE dispatch_orders SET status = 'delivered', delivered_at = ?, receiver = ?, delivery_note = ?, version = version + 1 WHERE id = ?`, [
    input.deliveredAt ?? ctx.now,
    input.receiver,
    input.note,
    order.id,
  ]);
  audit(ctx, 'deliver', 'dispatch', order.id, { status: 'shipped' }, { status: 'delivered', receiver: input.receiver, discrepancies: input.discrepancies });
  ctx.emit('data.changed', { entity: 'dispatch' });
  return getOrder(ctx.store, { id: order.id });
}

function reverse(ctx: Ctx, id: number, reason: string): DispatchOrder {
  const order = mustBe(ctx, id, null, ['shipped', 'delivered']);
  if (order.reversesNo) throw new DepotError('bad_transition', { no: order.no, status: ctx.t('dispatch.reversal') });
  if (order.reversedByNo) throw new DepotError('already_reversed', { no: order.reversedByNo });
  if (order.discrepancies.length > 0) throw new DepotError('has_discrepancies', { no: order.no });
  const no = nextDocNo(ctx, 'CKH');
  const { lastInsertRowid } = ctx.store.run(
    `INSERT INTO dispatch_orders (no, status, unit_id, priority, vehicle, driver, driver_phone, remarks, plan_id, reverses_id, created_by, created_at,
       approved_by, approved_at, shipped_by, shipped_at)
     SELECT ?, 'shipped', unit_id, priority, vehicle, driver, driver_phone, ?, plan_id, id, ?, ?, ?, ?, ?, ? FROM dispatch_orders WHERE id = ?`,
    [no, reason, ctx.operator.id, ctx.now, ctx.operator.id, ctx.now, ctx.operator.id, ctx.now, id],
  );
  const reversalId = Number(lastInsertRowid);
  for (const line of order.lines) {
    const r = ctx.store.run('INSERT INTO dispatch_lines (order_id, line_no, item_id, qty, note) VALUES (?, ?, ?, ?, ?)', [reversalId, line.lineNo, line.itemId, line.qty, line.note]);
    const lineId = Number(r.lastInsertRowid);
    for (const p of line.picks) {
      ctx.store.run('INSERT INTO dispatch_picks (order_id, line_id, lot_id, location_id, qty) VALUES (?, ?, ?, ?, ?)', [reversalId, lineId, p.lotId, p.locationId, p.qty]);
      postMovement(ctx, { lotId: p.lotId, locationId: p.locationId, qty: p.qty, docType: 'dispatch_reversal', docId: reversalId, docNo: no, lineId, unitId: order.unitId, reversesId: shippedRow(ctx, order.id, line.id, p.lotId, p.locationId) });
    }
  }
  audit(ctx, 'reverse', 'dispatch', id, { no: order.no }, { reversal: no, reason });
  ctx.emit('data.changed', { entity: 'stock' });
  ctx.emit('data.changed', { entity: 'dispatch' });
  return getOrder(ctx.store, { id: reversalId });
}

export const dispatchHandlers: DomainHandlers<typeof dispatchChannels> = {
  'dispatch.list': (input, ctx) => listOrders(ctx.store, input),
  'dispatch.count': (input, ctx) => ({ total: countOrders(ctx.store, input) }),
  'dispatch.get': (input, ctx) => getOrder(ctx.store, input),
  'dispatch.create': ({ requestId: _, ...h }, ctx) => createOrder(ctx, h),
  'dispatch.update': ({ requestId: _, id, version, ...h }, ctx) => {
    mustBe(ctx, id, version, ['draft']);
    checkUnit(ctx, h.unitId);
    ctx.store.run(
      `UPDATE dispatch_orders SET unit_id = ?, priority = ?, requested_at = ?, vehicle = ?, driver = ?, driver_phone = ?, remarks = ?, version = version + 1 WHERE id = ?`,
      [h.unitId, h.priority, h.requestedAt, h.vehicle, h.driver, h.driverPhone, h.remarks, id],
    );
    ctx.store.run('DELETE FROM dispatch_lines WHERE order_id = ?', [id]);
    writeLines(ctx, id, h.lines);
    audit(ctx, 'update', 'dispatch', id, null, h);
    ctx.emit('data.changed', { entity: 'dispatch' });
    return getOrder(ctx.store, { id });
  },
  'dispatch.proposePicks': ({ id }, ctx) => {
    const order = getOrder(ctx.store, { id });
    return proposePicks(ctx.store, ctx.now, order.unitId, order.lines).map((p, i) => ({ id: -(i + 1), ...p }));
  },
  'dispatch.approve': ({ id, version, picks, allowShort }, ctx) => approve(ctx, id, version, picks, allowShort),
  'dispatch.approveMany': ({ ids, allowShort }, ctx) => {
    const approved: string[] = [];
    const refused: { no: string; message: string }[] = [];
    for (const id of ids) {
      try {
        // Each order in its own savepoint: one refused order does not undo the others.
        approved.push(ctx.store.tx(() => approve(ctx, id, null, undefined, allowShort)).no);
      } catch (e) {
        if (!(e instanceof DepotError)) throw e;
        const no = ctx.store.first<{ no: string }>('SELECT no FROM dispatch_orders WHERE id = ?', [id])?.no ?? String(id);
        refused.push({ no, message: ctx.t(`errors.${e.code}`, e.params as Record<string, string>) });
      }
    }
    return { approved, refused };
  },
  'dispatch.pick': ({ id, version }, ctx) => {
    checkPicksStillDispatchable(ctx, mustBe(ctx, id, version, ['approved']));
    ctx.store.run(`UPDATE dispatch_orders SET status = 'picked', picked_at = ?, version = version + 1 WHERE id = ?`, [ctx.now, id]);
    audit(ctx, 'pick', 'dispatch', id, { status: 'approved' }, { status: 'picked' });
    ctx.emit('data.changed', { entity: 'dispatch' });
    return getOrder(ctx.store, { id });
  },
  'dispatch.ship': (input, ctx) => ship(ctx, input),
  'dispatch.deliver': (input, ctx) => deliver(ctx, input),
  'dispatch.cancel': ({ id, version, reason }, ctx) => {
    const order = mustBe(ctx, id, version, ['draft', 'approved', 'picked']);
    if (order.status !== 'draft') release(ctx, order);
    ctx.store.run(`UPDATE dispatch_orders SET status = 'cancelled', cancelled_at = ?, cancel_reason = ?, version = version + 1 WHERE id = ?`, [ctx.now, reason, id]);
    audit(ctx, 'cancel', 'dispatch', id, { status: order.status }, { status: 'cancelled', reason });
    ctx.emit('data.changed', { entity: 'dispatch' });
    return getOrder(ctx.store, { id });
  },
  'dispatch.reverse': ({ id, reason }, ctx) => reverse(ctx, id, reason),
  'dispatch.unapprove': ({ id, version, reason }, ctx) => unapprove(ctx, id, version, reason),
};
