import type { Store } from '../../store/db.ts';
import { localDay } from '../../core/doc-numbers.ts';
import { forUnit } from '../supply/earmarks.ts';

export interface Candidate {
  lotId: number;
  lotNo: string;
  expiresOn: string | null;
  locationId: number;
  locationCode: string;
  free: number;
}

/**
 * Stock of an item that may be dispatched today, first-expired first: accepted lots that
 * have not expired, minus what approved orders have reserved. Lots without expiry go last.
 * For a unit's order, lots a donor earmarked for other units are not its to take, and lots
 * earmarked for it come first.
 */
export function dispatchable(store: Store, itemId: number, now: string, unitId: number | null): Candidate[] {
  const candidates = store.all<Candidate>(
    `SELECT s.lot_id AS lotId, l.lot_no AS lotNo, l.expires_on AS expiresOn, s.location_id AS locationId,
            loc.code AS locationCode, s.on_hand - s.reserved AS free
       FROM stock s JOIN lots l ON l.id = s.lot_id JOIN locations loc ON loc.id = s.location_id
      WHERE s.item_id = ? AND l.status = 'accepted' AND (l.expires_on IS NULL OR l.expires_on >= ?)
        AND s.on_hand - s.reserved > 0
      ORDER BY l.expires_on IS NULL, l.expires_on, l.id, loc.code`,
    [itemId, localDay(now)],
  );
  return unitId === null ? candidates : forUnit(store, itemId, unitId, candidates);
}

/** FEFO picks for lines, sharing the stock between lines of the same item. */
export function proposePicks(store: Store, now: string, unitId: number, lines: { id: number; itemId: number; qty: number }[]) {
  const taken = new Map<string, number>();
  const picks: { lineId: number; lotId: number; locationId: number; qty: number; lotNo: string; expiresOn: string | null; locationCode: string }[] = [];
  for (const line of lines) {
    let need = line.qty;
    for (const c of dispatchable(store, line.itemId, now, unitId)) {
      if (need === 0) break;
      const key = `${c.lotId}:${c.locationId}`;
      const free = c.free - (taken.get(key) ?? 0);
      const qty = Math.min(free, need);
      if (qty <= 0) continue;
      taken.set(key, (taken.get(key) ?? 0) + qty);
      picks.push({ lineId: line.id, lotId: c.lotId, locationId: c.locationId, qty, lotNo: c.lotNo, expiresOn: c.expiresOn, locationCode: c.locationCode });
      need -= qty;
    }
  }
  return picks;
}
