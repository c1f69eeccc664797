import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import type { Locale } from '../../shared/domain.ts';
import type { Store } from '../store/db.ts';
import { CatalogueRow } from './catalogue.ts';
import { postToCenter, type CenterLink } from './sync.ts';
import { signedRequest } from './verify.ts';

const VERSION_KEY = 'center.catalogueVersion';
/** Set once a depot has taken the center's catalogue: from then on its items and units are the center's to change. */
export const JOINED_KEY = 'center.catalogue';

export const catalogueVersion = (store: Store): number => Number(store.first<{ value: string }>('SELECT value FROM settings WHERE key = ?', [VERSION_KEY])?.value ?? 0);
export const centerOwnsCatalogue = (store: Store): boolean => store.first('SELECT 1 FROM settings WHERE key = ?', [JOINED_KEY]) !== undefined;

export interface CatalogueApplied {
  version: number;
  items: number;
  units: number;
  /** Items whose unit of measure or lot tracking the center changed but this depot already has movements of: kept as they were, to be settled by hand. */
  kept: string[];
}

const SYSTEM = 1;

/**
 * Takes the center's changes into the depot's items and units by code, in one transaction with
 * the version reached. Stock and ledger rows are counted in an item's unit, by lot: an item with
 * movements keeps its unit and lot tracking, as the desk itself refuses to change them.
 */
export function applyCatalogue(store: Store, rows: CatalogueRow[], now = new Date().toISOString()): CatalogueApplied {
  return store.tx(() => {
    const out: CatalogueApplied = { version: catalogueVersion(store), items: 0, units: 0, kept: [] };
    for (const row of rows) {
      if (row.kind === 'item') {
        const i = row.data;
        const before = store.first<{ id: number; unit: string; lot_tracked: number }>('SELECT id, unit, lot_tracked FROM items WHERE code = ?', [i.code]);
        if (before) {
          const moved = store.first('SELECT 1 FROM movements WHERE item_id = ? LIMIT 1', [before.id]) !== undefined;
          const keep = moved && (before.unit !== i.unit || (before.lot_tracked === 1) !== i.lotTracked);
          if (keep) out.kept.push(`${i.code} ${i.name}`);
          store.run(
            `UPDATE items SET name = ?, spec = ?, unit = ?, category = ?, packs = ?, lot_tracked = ?, standard = ?, active = ?,
               version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?`,
            [i.name, i.spec, keep ? before.unit : i.unit, i.category, i.packs, keep ? before.lot_tracked : i.lotTracked ? 1 : 0, i.standard, i.active ? 1 : 0, now, SYSTEM, before.id],
          );
        } else {
          store.run(
            `INSERT INTO items (code, name, spec, unit, category, packs, lot_tracked, standard, active, updated_at, updated_by)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            [i.code, i.name, i.spec, i.unit, i.category, i.packs, i.lotTracked ? 1 : 0, i.standard, i.active ? 1 : 0, now, SYSTEM],
          );
        }
        out.items++;
      } else {
        const u = row.data;
        store.run(
          `INSERT INTO units (code, name, type, district, staff_count, beds, tier, active, updated_at, updated_by)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (code) DO UPDATE SET name = excluded.name, type = excluded.type, district = excluded.district,
             staff_count = excluded.staff_count, beds = excluded.beds, tier = excluded.tier, active = excluded.active,
             version = version + 1, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
          [u.code, u.name, u.type, u.district, u.staffCount, u.beds, u.tier, u.active ? 1 : 0, now, SYSTEM],
        );
        out.units++;
      }
      out.version = Math.max(out.version, row.version);
    }
    store.run('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [VERSION_KEY, String(out.version)]);
    // Joined once the center has a catalogue to give: a center without one must not leave the depot unable to add items.
    if (rows.length > 0) store.run(`INSERT INTO settings (key, value) VALUES (?, '1') ON CONFLICT (key) DO NOTHING`, [JOINED_KEY]);
    return out;
  });
}

const Answer = z.union([z.object({ ok: z.literal(true), rows: z.array(CatalogueRow).max(1_000_000) }), z.object({ ok: z.literal(false), message: z.string().optional() })]);

/** Asks the center for what changed since this depot's version and takes it; the depot keeps its last version when it cannot. */
export async function pullCatalogue(store: Store, depot: string, key: KeyObject, link: CenterLink, locale: Locale = 'zh-CN'): Promise<{ ok: true; applied: CatalogueApplied } | { ok: false; message: string }> {
  let answer: unknown;
  try {
    ({ answer } = await postToCenter<unknown>(link, '/v1/catalogue', JSON.stringify(signedRequest(depot, key, new Date(), { since: catalogueVersion(store) })), locale));
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
  const parsed = Answer.safeParse(answer);
  if (!parsed.success) return { ok: false, message: 'catalogue' };
  if (!parsed.data.ok) return { ok: false, message: parsed.data.message ?? '' };
  return { ok: true, applied: applyCatalogue(store, parsed.data.rows) };
}
