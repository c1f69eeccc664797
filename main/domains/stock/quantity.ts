import { parseQuantity, type Pack } from '../../../shared/packs.ts';
import { DepotError } from '../../core/errors.ts';

/** A quantity typed as base units (1500) or packs ("20箱 3盒") → base units, or a refusal at that field. */
export function toBaseUnits(value: number | string, item: { unit: string; packs: Pack[] | string }, field: string): number {
  if (typeof value === 'number') return value;
  const packs = typeof item.packs === 'string' ? (JSON.parse(item.packs) as Pack[]) : item.packs;
  const qty = parseQuantity(value, item.unit, packs);
  if (qty === null) {
    const units = [item.unit, ...packs.map((p) => p.unit)].join('、');
    throw new DepotError('bad_quantity', { value, units }, field);
  }
  return qty;
}
