import { z } from 'zod';
import Database from 'better-sqlite3';
import type { CenterStore } from './store.ts';
import { CATEGORIES, TIERS, UNIT_TYPES } from '../../shared/domain.ts';

/**
 * The catalogue the center alone writes: items and recipient units, the fields every depot must
 * share for the city's figures to add up (codes, names, units of measure, categories, unit types).
 * Local matters — safety stock, barcodes, subgroups, contacts — stay each depot's own.
 */
export const CatalogueItem = z.object({
  code: z.string().min(1).max(64),
  name: z.string().min(1).max(200),
  spec: z.string().max(200),
  unit: z.string().min(1).max(20),
  category: z.enum(CATEGORIES),
  packs: z.string().max(2000),
  lotTracked: z.boolean(),
  standard: z.string().max(200),
  active: z.boolean(),
});
export const CatalogueUnit = z.object({
  code: z.string().min(1).max(64),
  name: z.string().min(1).max(200),
  type: z.enum(UNIT_TYPES),
  district: z.string().max(100),
  staffCount: z.number().int().min(0),
  beds: z.number().int().min(0),
  tier: z.enum(TIERS),
  active: z.boolean(),
});
export type CatalogueItem = z.infer<typeof CatalogueItem>;
export type CatalogueUnit = z.infer<typeof CatalogueUnit>;

export const CatalogueRow = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('item'), version: z.number().int().positive(), data: CatalogueItem }),
  z.object({ kind: z.literal('unit'), version: z.number().int().positive(), data: CatalogueUnit }),
]);
export type CatalogueRow = z.infer<typeof CatalogueRow>;

/** Writes items and units into the center's catalogue; a row whose content is unchanged keeps its version. */
export async function saveCatalogue(center: CenterStore, rows: { items: CatalogueItem[]; units: CatalogueUnit[] }): Promise<{ changed: number }> {
  const all = [...rows.items.map((data) => ({ kind: 'item', code: data.code, data })), ...rows.units.map((data) => ({ kind: 'unit', code: data.code, data }))];
  if (all.length === 0) return { changed: 0 };
  const { rowCount } = await center.pool.query(
    `INSERT INTO catalogue AS c (kind, code, data)
     SELECT r->>'kind', r->>'code', r->'data' FROM jsonb_array_elements($1::jsonb) AS r
     ON CONFLICT (kind, code) DO UPDATE SET data = excluded.data, version = nextval('catalogue_version')
     WHERE c.data IS DISTINCT FROM excluded.data`,
    [JSON.stringify(all)],
  );
  return { changed: rowCount ?? 0 };
}

/** What changed after `since`, oldest first. */
export async function catalogueSince(center: CenterStore, since: number): Promise<CatalogueRow[]> {
  const { rows } = await center.pool.query<CatalogueRow>('SELECT kind, version, data FROM catalogue WHERE version > $1 ORDER BY version', [since]);
  return rows;
}

/** The catalogue as a depot file holds it (the city reserve's master data, to start the center's catalogue from). */
export function catalogueOfDepotFile(file: string): { items: CatalogueItem[]; units: CatalogueUnit[] } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const items = db
      .prepare('SELECT code, name, spec, unit, category, packs, lot_tracked, standard, active FROM items ORDER BY code')
      .all()
      .map((r) => {
        const i = r as Record<string, string | number>;
        return { code: String(i.code), name: String(i.name), spec: String(i.spec), unit: String(i.unit), category: i.category as CatalogueItem['category'], packs: String(i.packs), lotTracked: i.lot_tracked === 1, standard: String(i.standard), active: i.active === 1 };
      });
    const units = db
      .prepare('SELECT code, name, type, district, staff_count, beds, tier, active FROM units ORDER BY code')
      .all()
      .map((r) => {
        const u = r as Record<string, string | number>;
        return { code: String(u.code), name: String(u.name), type: u.type as CatalogueUnit['type'], district: String(u.district), staffCount: Number(u.staff_count), beds: Number(u.beds), tier: u.tier as CatalogueUnit['tier'], active: u.active === 1 };
      });
    return { items, units };
  } finally {
    db.close();
  }
}
