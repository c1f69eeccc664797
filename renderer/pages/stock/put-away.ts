import type { Item, Location, StockRow } from '../../../shared/contract/index.ts';
import { readGs1 } from '../../../shared/gs1.ts';
import { invoke } from '../../api.ts';
import { resolveScan } from '../../widgets/scan.ts';

/**
 * 上架 by scanning, as at the rack with a handheld: a carton's code (GS1 from the goods, or the
 * desk's lot label) finds where its lot lies now; the move then counts each further carton
 * scanned and takes the shelf from the location code scanned (or typed).
 */
export type PutAwayScan =
  | { kind: 'one'; row: StockRow; pieces: number | null }
  | { kind: 'many'; lotNo: string; itemCode: string; count: number }
  | { kind: 'none'; what: string }
  | { kind: 'unknown' }
  | { kind: 'ambiguous'; items: Item[] };

/** The first scan at the stock page: which balance a carton comes from. */
export async function findForPutAway(code: string, items: readonly Item[], rows: readonly StockRow[]): Promise<PutAwayScan> {
  const found = await resolveScan(code, items);
  if (found.kind === 'unknown' || found.kind === 'ambiguous') return found;
  const lotNo = found.kind === 'lot' ? found.lotNo : null;
  const held = rows.filter((r) => r.itemId === found.item.id && (lotNo === null || r.lotNo === lotNo) && r.onHand > 0);
  if (held.length === 0) return { kind: 'none', what: `${found.item.code} ${found.item.name}${lotNo ? ` · ${lotNo}` : ''}` };
  if (held.length > 1) return { kind: 'many', lotNo: lotNo ?? '', itemCode: found.item.code, count: held.length };
  return { kind: 'one', row: held[0]!, pieces: await cartonPieces(code) };
}

/** The pieces a GS1 code stands for (its pack level × its (30)/(37) count); null for any other code. */
export async function cartonPieces(code: string): Promise<number | null> {
  const gs1 = readGs1(code);
  if (gs1?.kind !== 'gs1' || !gs1.scan.gtin) return null;
  const entry = await invoke('gtins.find', { gtin: gs1.scan.gtin });
  return entry.ok && entry.data ? entry.data.per * (gs1.scan.count ?? 1) : null;
}

/** A scan in the move dialog: the shelf it goes to, another carton of the lot, or something else. */
export type MoveScan = { kind: 'location'; location: Location } | { kind: 'carton'; pieces: number } | { kind: 'sameLot' } | { kind: 'otherLot'; what: string } | { kind: 'unknown' };

export async function readMoveScan(code: string, row: StockRow, items: readonly Item[], locations: readonly Location[]): Promise<MoveScan> {
  const location = locations.find((l) => l.active && l.code.toLowerCase() === code.trim().toLowerCase());
  if (location) return { kind: 'location', location };
  const found = await resolveScan(code, items);
  if (found.kind === 'unknown' || found.kind === 'ambiguous') return { kind: 'unknown' };
  if (found.item.id !== row.itemId || (found.kind === 'lot' && found.lotNo !== row.lotNo)) {
    return { kind: 'otherLot', what: `${found.item.code} ${found.item.name}${found.kind === 'lot' ? ` · ${found.lotNo}` : ''}` };
  }
  // A GS1 code counts its pack; the desk's own labels carry no quantity (a lot label states the lot).
  const pieces = await cartonPieces(code);
  return pieces === null ? { kind: 'sameLot' } : { kind: 'carton', pieces };
}
