import { MAX_QUANTITY, readQuantity, type Pack } from '../../../shared/packs.ts';
import { DepotError } from '../../core/errors.ts';

/**
 * A quantity typed as base units (1500) or packs ("20箱 3盒") → base units, or a refusal at that
 * field. The one gate every quantity from outside passes (receipts, dispatch, moves, stocktake
 * counts, Excel imports, the CLI): a whole number from 0 to MAX_QUANTITY, whichever way it came.
 */
export function toBaseUnits(value: number | string, item: { unit: string; packs: Pack[] | string }, field: string): number {
  const packs = typeof item.packs === 'string' ? (JSON.parse(item.packs) as Pack[]) : item.packs;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0 || value > MAX_QUANTITY) throw tooLarge(value, field);
    return value;
  }
  const read = readQuantity(value, item.unit, packs);
  if ('problem' in read) {
    if (read.problem === 'too_large') throw tooLarge(value, field);
    const units = [item.unit, ...packs.map((p) => p.unit)].join('、');
    throw new DepotError('bad_quantity', { value, units }, field);
  }
  return read.qty;
}

const tooLarge = (value: number | string, field: string) => new DepotError('quantity_range', { value: `“${String(value)}”`, max: MAX_QUANTITY.toLocaleString('en-US') }, field);
