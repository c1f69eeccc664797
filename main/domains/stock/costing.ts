import type { Ctx } from '../../core/context.ts';
import { audit } from '../../core/audit.ts';
import { DepotError } from '../../core/errors.ts';
import type { Store } from '../../store/db.ts';
import { openLayers } from './layers.ts';
import type { CostingMethod, CostingMethodState } from '../../../shared/contract/stock.ts';

/**
 * The depot's costing method (计价方法), one of those 政府会计准则第1号—存货 allows:
 *   moving_average  移动加权平均 (default): one pool of value per item;
 *   by_lot          个别计价法 (specific identification): one pool per lot, each lot its own cost;
 *   fifo            先进先出法 (first in, first out): one layer per inflow, outflows from the oldest (layers.ts).
 * It is chosen before the first posting and changed only at a period boundary: right after a day
 * close (扎账), before anything is posted again — so no closed figure is ever valued two ways.
 */
export function costingMethod(store: Store): CostingMethod {
  return costingMethodOf(store.first<{ value: string }>(COSTING_SETTING_SQL)?.value);
}

export const COSTING_SETTING_SQL = "SELECT value FROM settings WHERE key = 'valuation.method'";
/** The method a stored setting names; the default when none is stored. */
export function costingMethodOf(value: string | undefined): CostingMethod {
  return value === 'by_lot' || value === 'fifo' ? value : 'moving_average';
}

export function costingMethodState(store: Store): CostingMethodState {
  const lastClose = store.first<{ day: string; through: number }>('SELECT day, through_movement_id AS through FROM day_closes ORDER BY day DESC LIMIT 1');
  const after = store.first<{ n: number }>('SELECT count(*) AS n FROM (SELECT 1 FROM movements WHERE id > ? LIMIT 1)', [lastClose?.through ?? 0])!.n;
  return { method: costingMethod(store), changeable: after === 0, closedDay: lastClose?.day ?? null };
}

export function setCostingMethod(ctx: Ctx, method: CostingMethod): CostingMethodState {
  const state = costingMethodState(ctx.store);
  if (state.method === method) return state;
  if (!state.changeable) throw new DepotError('costing_locked', { day: state.closedDay ?? '—' }, 'method');
  // The stock on hand is carried over into the new method's pools, the item's book unchanged.
  if (method === 'fifo') openLayers(ctx.store, state.method);
  else ctx.store.run('DELETE FROM cost_layers');
  if (method === 'by_lot') splitIntoLots(ctx.store);
  else ctx.store.run('DELETE FROM lot_valuation');
  ctx.store.run("INSERT INTO settings (key, value) VALUES ('valuation.method', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [method]);
  audit(ctx, 'update', 'setting', 'valuation.method', state.method, method);
  return costingMethodState(ctx.store);
}

/**
 * From one pool per item to one per lot: each lot with stock takes its share of the item's priced
 * quantity and value in proportion to what it holds, the last lot what is left, so the lots' pools
 * add up to the item's exactly (not a fen lost) and no lot is valued beyond what it holds.
 */
function splitIntoLots(store: Store): void {
  store.run('DELETE FROM lot_valuation');
  const items = store.all<{ item_id: number; priced_qty: number; priced_amount: number; unpriced_qty: number }>('SELECT * FROM item_valuation WHERE priced_qty + unpriced_qty > 0');
  for (const item of items) {
    const lots = store.all<{ lot_id: number; qty: number }>('SELECT lot_id, sum(on_hand) AS qty FROM stock WHERE item_id = ? GROUP BY lot_id HAVING sum(on_hand) > 0 ORDER BY lot_id', [item.item_id]);
    let priced = item.priced_qty;
    let amount = item.priced_amount;
    let unpriced = item.unpriced_qty;
    let total = priced + unpriced;
    for (const lot of lots) {
      let p = total === lot.qty ? priced : Math.round((lot.qty * priced) / total);
      p = Math.min(Math.max(p, lot.qty - unpriced, 0), lot.qty, priced);
      const a = p === priced ? amount : Math.round((amount * p) / priced);
      store.run('INSERT INTO lot_valuation (lot_id, priced_qty, priced_amount, unpriced_qty) VALUES (?, ?, ?, ?)', [lot.lot_id, p, a, lot.qty - p]);
      priced -= p;
      amount -= a;
      unpriced -= lot.qty - p;
      total -= lot.qty;
    }
  }
}
