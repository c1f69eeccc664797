import { costingMethodState, setCostingMethod } from './costing.ts';
import type { stockChannels } from '../../../shared/contract/stock.ts';
import type { LotStatus } from '../../../shared/contract/receiving.ts';
import type { DomainHandlers } from '../../core/handlers.ts';
import type { Ctx } from '../../core/context.ts';
import { DepotError } from '../../core/errors.ts';
import { audit } from '../../core/audit.ts';
import { nextDocNo } from '../../core/doc-numbers.ts';
import { mustBeApprover, refuseOwnDocument } from '../../core/duties.ts';
import { mirrorOf, postMovement } from './ledger.ts';
import { toBaseUnits } from './quantity.ts';
import { expiryWarnDays, findLots, listStock, stockCard } from './queries.ts';
import { cancelStocktake, createStocktake, getStocktake, listStocktakes, postStocktake, recordCounts } from './stocktakes.ts';

/** Which inspection and quarantine changes make sense; a rejected lot stays rejected. */
const NEXT_STATUS: Record<LotStatus, LotStatus[]> = {
  pending: ['accepted', 'rejected', 'quarantined'],
  accepted: ['quarantined'],
  quarantined: ['accepted', 'rejected'],
  rejected: [],
};

function setLotStatus(ctx: Ctx, id: number, version: number, status: LotStatus, note: string) {
  const [lot] = findLots(ctx.store, { lotId: id });
  if (!lot) throw new DepotError('not_found', { entity: 'lot', id });
  if (lot.version !== version) throw new DepotError('stale', { version: lot.version });
  if (!NEXT_STATUS[lot.status].includes(status)) {
    throw new DepotError('bad_status', { from: ctx.t(`lotStatus.${lot.status}`), to: ctx.t(`lotStatus.${status}`) }, 'status');
  }
  if (lot.status === 'quarantined' && status === 'accepted') {
    // A release puts goods someone held back into dispatch: a second person decides it.
    mustBeApprover(ctx, 'lotRelease');
    const quarantinedBy = ctx.store.first<{ operator_id: number }>(
      "SELECT operator_id FROM audit_log WHERE entity = 'lot' AND entity_id = ? AND action = 'status' ORDER BY id DESC LIMIT 1",
      [String(id)],
    );
    refuseOwnDocument(ctx, quarantinedBy?.operator_id, 'lotRelease', lot.lotNo || '—');
  }
  const reserved = ctx.store.first<{ n: number }>('SELECT coalesce(sum(reserved), 0) AS n FROM stock WHERE lot_id = ?', [id])!.n;
  if (status !== 'accepted' && reserved > 0) throw new DepotError('lot_reserved', { lot: lot.lotNo, reserved });
  ctx.store.run('UPDATE lots SET status = ?, status_note = ?, version = version + 1 WHERE id = ?', [status, note, id]);
  const [after] = findLots(ctx.store, { lotId: id });
  audit(ctx, 'status', 'lot', id, { status: lot.status }, { status, note });
  ctx.emit('data.changed', { entity: 'stock' });
  ctx.emit('data.changed', { entity: 'lots' });
  return after!;
}

export const stockHandlers: DomainHandlers<typeof stockChannels> = {
  'stock.list': (input, ctx) => listStock(ctx.store, ctx.now, input),
  'stock.card': (input, ctx) => stockCard(ctx.store, input.itemId, input.lotId),
  'stock.setExpiryWarnDays': ({ days }, ctx) => {
    const before = expiryWarnDays(ctx.store);
    ctx.store.run("INSERT INTO settings (key, value) VALUES ('stock.expiryWarnDays', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [String(days)]);
    audit(ctx, 'update', 'setting', 'stock.expiryWarnDays', before, days);
    return { expiryWarnDays: days };
  },

  'stock.costingMethod': (_input, ctx) => costingMethodState(ctx.store),
  'stock.setCostingMethod': ({ method }, ctx) => setCostingMethod(ctx, method),

  'lots.find': (input, ctx) => findLots(ctx.store, input),
  'lots.setStatus': ({ id, version, status, note }, ctx) => setLotStatus(ctx, id, version, status, note),

  'transfers.post': ({ lines, note }, ctx) => {
    const no = nextDocNo(ctx, 'YK');
    const { lastInsertRowid } = ctx.store.run('INSERT INTO transfers (no, at, note, operator_id) VALUES (?, ?, ?, ?)', [no, ctx.now, note, ctx.operator.id]);
    const id = Number(lastInsertRowid);
    lines.forEach((line, i) => {
      const item = ctx.store.first<{ unit: string; packs: string }>('SELECT i.unit, i.packs FROM lots l JOIN items i ON i.id = l.item_id WHERE l.id = ?', [line.lotId]);
      if (!item) throw new DepotError('not_found', { entity: 'lot', id: line.lotId }, `lines.${i}.lotId`);
      if (line.fromLocationId === line.toLocationId) throw new DepotError('same_location', {}, `lines.${i}.toLocationId`);
      if (!ctx.store.first('SELECT 1 FROM locations WHERE id = ? AND active = 1', [line.toLocationId])) {
        throw new DepotError('not_found', { entity: 'location', id: line.toLocationId }, `lines.${i}.toLocationId`);
      }
      const qty = toBaseUnits(line.qty, item, `lines.${i}.qty`);
      const r = ctx.store.run('INSERT INTO transfer_lines (transfer_id, lot_id, from_location_id, to_location_id, qty) VALUES (?, ?, ?, ?, ?)', [
        id,
        line.lotId,
        line.fromLocationId,
        line.toLocationId,
        qty,
      ]);
      const lineId = Number(r.lastInsertRowid);
      const out = postMovement(ctx, { lotId: line.lotId, locationId: line.fromLocationId, qty: -qty, docType: 'move', docId: id, docNo: no, lineId });
      // A move changes where goods lie, never what they are worth: the arrival carries the departure's value.
      postMovement(ctx, { lotId: line.lotId, locationId: line.toLocationId, qty, docType: 'move', docId: id, docNo: no, lineId, ...mirrorOf(ctx, out) });
    });
    audit(ctx, 'post', 'transfer', id, null, { no, lines: lines.length });
    ctx.emit('data.changed', { entity: 'stock' });
    return { id, no };
  },

  'stocktakes.create': (input, ctx) => createStocktake(ctx, input),
  'stocktakes.get': (input, ctx) => getStocktake(ctx.store, input.id),
  'stocktakes.list': (_input, ctx) => listStocktakes(ctx.store),
  'stocktakes.count': ({ id, version, counts }, ctx) => recordCounts(ctx, id, version, counts),
  'stocktakes.post': ({ id, version, reason }, ctx) => postStocktake(ctx, id, version, reason),
  'stocktakes.cancel': ({ id, version }, ctx) => cancelStocktake(ctx, id, version),
};
