import type { ExpiringLot } from '../../../shared/contract/trace.ts';
import type { Ctx } from '../../core/context.ts';
import { localDay } from '../../core/doc-numbers.ts';
import { audit } from '../../core/audit.ts';
import type { Store } from '../../store/db.ts';

const KEY = 'trace.expiryBands';
export const DEFAULT_BANDS = [30, 60, 90];

/** The dashboard's expiry bands in days (30/60/90 unless the depot set its own). */
export function expiryBands(store: Store): number[] {
  const v = store.first<{ value: string }>('SELECT value FROM settings WHERE key = ?', [KEY])?.value;
  return v ? (JSON.parse(v) as number[]) : DEFAULT_BANDS;
}

export function setExpiryBands(ctx: Ctx, bands: number[]): { bands: number[] } {
  const sorted = [...new Set(bands)].sort((a, b) => a - b);
  const before = expiryBands(ctx.store);
  ctx.store.run('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [KEY, JSON.stringify(sorted)]);
  audit(ctx, 'update', 'setting', KEY, before, sorted);
  ctx.emit('data.changed', { entity: 'trace' });
  return { bands: sorted };
}

const DAY = 86_400_000;

/**
 * Lots that can still go out and expire within the widest band, soonest first, each with the band
 * it falls in and a suggestion: the unit that the latest allocation round left shortest of that
 * item, which could use the near-expiry lot first (before it has to be written off).
 */
export function expiringLots(store: Store, now: string): { bands: number[]; lots: ExpiringLot[] } {
  const bands = expiryBands(store);
  const today = localDay(now);
  const until = new Date(Date.parse(`${today}T00:00:00Z`) + bands.at(-1)! * DAY).toISOString().slice(0, 10);
  const rows = store.all<{ lotId: number; itemId: number; itemCode: string; itemName: string; unit: string; lotNo: string; expiresOn: string; available: number }>(
    `SELECT l.id AS lotId, i.id AS itemId, i.code AS itemCode, i.name AS itemName, i.unit, l.lot_no AS lotNo, l.expires_on AS expiresOn,
            sum(s.on_hand - s.reserved) AS available
       FROM lots l JOIN items i ON i.id = l.item_id JOIN stock s ON s.lot_id = l.id
      WHERE l.status = 'accepted' AND l.expires_on IS NOT NULL AND l.expires_on >= ? AND l.expires_on <= ?
      GROUP BY l.id HAVING available > 0 ORDER BY l.expires_on, i.code, l.lot_no`,
    [today, until],
  );
  const plan = store.first<{ id: number; day: string }>("SELECT id, day FROM allocation_plans ORDER BY day DESC, revision DESC LIMIT 1");
  const shortest = (planId: number, itemId: number) =>
    store.first<{ unitId: number; unitName: string; short: number }>(
    `SELECT a.unit_id AS unitId, u.name AS unitName, a.need - a.allocated AS short FROM allocation_lines a JOIN units u ON u.id = a.unit_id
      WHERE a.plan_id = ? AND a.item_id = ? AND a.need > a.allocated ORDER BY short DESC, u.code LIMIT 1`,
    [planId, itemId],
  );
  const lots = rows.map((r): ExpiringLot => {
    const days = Math.round((Date.parse(`${r.expiresOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY);
    const short = plan ? shortest(plan.id, r.itemId) : undefined;
    return { ...r, days, band: bands.find((b) => days <= b)!, suggestion: short ? { unitId: short.unitId, unitName: short.unitName, short: short.short, planDay: plan!.day } : null };
  });
  return { bands, lots };
}
