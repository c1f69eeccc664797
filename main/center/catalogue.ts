import { z } from 'zod';
import Database from 'better-sqlite3';
import type { CenterStore } from './store.ts';
import { CATEGORIES, TIERS, UNIT_TYPES } from '../../shared/domain.ts';

/**
 * The catalogue the center alone writes: items and recipient units, the fields every depot must
 * share for the city's figures to add up (codes, names, units of measure, categories, unit types,
 * and the subcategories and subtypes under them), and the briefing's lines in the center's words.
 * Local matters — safety stock, barcodes, contacts — stay each depot's own.
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
  /** A subcategory of the center's (kind 'category'); absent in rows the center wrote before it kept them. */
  subcategory: z.string().max(32).nullable().optional(),
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
  subtype: z.string().max(32).nullable().optional(),
});
/** A subcategory under a fixed category, or a subtype under a fixed unit type (a depot's subgroups). */
export const CatalogueGroup = z.object({ code: z.string().min(1).max(32), parent: z.string().min(1).max(32), nameZh: z.string().min(1).max(40), nameEn: z.string().min(1).max(60) });
/** A briefing line as the center words it; named recipients by unit code, as each depot numbers its units itself. */
export const CatalogueBriefingLine = z.object({
  code: z.string().min(1).max(64),
  position: z.number().int().min(0).max(999),
  scope: z.enum(['cumulative', 'today']),
  wordingZh: z.string().min(1).max(200),
  wordingEn: z.string().min(1).max(300),
  recipients: z.object({ unitTypes: z.array(z.enum(UNIT_TYPES)).max(20), unitSubtypes: z.array(z.string().max(32)).max(50), unitCodes: z.array(z.string().max(64)).max(500) }),
  goods: z.object({ categories: z.array(z.enum(CATEGORIES)).max(20), subcategories: z.array(z.string().max(32)).max(50) }),
  /** A line the center withdrew: the depots remove theirs. */
  active: z.boolean(),
});
export type CatalogueItem = z.infer<typeof CatalogueItem>;
export type CatalogueUnit = z.infer<typeof CatalogueUnit>;
export type CatalogueGroup = z.infer<typeof CatalogueGroup>;
export type CatalogueBriefingLine = z.infer<typeof CatalogueBriefingLine>;
/** Everything the center's catalogue holds, as `depot center-catalogue` reads it from a depot file. */
export interface Catalogue {
  items: CatalogueItem[];
  units: CatalogueUnit[];
  categories?: CatalogueGroup[];
  unitTypes?: CatalogueGroup[];
  briefingLines?: CatalogueBriefingLine[];
}

export const CatalogueRow = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('item'), version: z.number().int().positive(), data: CatalogueItem }),
  z.object({ kind: z.literal('unit'), version: z.number().int().positive(), data: CatalogueUnit }),
  z.object({ kind: z.literal('category'), version: z.number().int().positive(), data: CatalogueGroup }),
  z.object({ kind: z.literal('unit_type'), version: z.number().int().positive(), data: CatalogueGroup }),
  z.object({ kind: z.literal('briefing_line'), version: z.number().int().positive(), data: CatalogueBriefingLine }),
]);
export type CatalogueRow = z.infer<typeof CatalogueRow>;

/** Writes the rows into the center's catalogue; a row whose content is unchanged keeps its version. */
export async function saveCatalogue(center: CenterStore, rows: Catalogue): Promise<{ changed: number }> {
  // Groups first: a depot takes rows in version order, and an item names its subcategory, a line its groups.
  const all = [
    ...(rows.categories ?? []).map((data) => ({ kind: 'category', code: data.code, data })),
    ...(rows.unitTypes ?? []).map((data) => ({ kind: 'unit_type', code: data.code, data })),
    ...rows.items.map((data) => ({ kind: 'item', code: data.code, data })),
    ...rows.units.map((data) => ({ kind: 'unit', code: data.code, data })),
    ...(rows.briefingLines ?? []).map((data) => ({ kind: 'briefing_line', code: data.code, data })),
  ];
  if (all.length === 0) return { changed: 0 };
  const { rowCount } = await center.pool.query(
    `INSERT INTO catalogue AS c (kind, code, data)
     SELECT r->>'kind', r->>'code', r->'data' FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS a (r, n) ORDER BY n
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

/**
 * The catalogue as a depot file holds it (the city reserve's master data, to start the center's
 * catalogue from): items, units, subgroups and briefing lines. A line's code is the reserve's
 * line number (BL-1…); named recipients go by unit code.
 */
export function catalogueOfDepotFile(file: string): Required<Catalogue> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const items = db
      .prepare('SELECT code, name, spec, unit, category, packs, lot_tracked, standard, active, subcategory FROM items ORDER BY code')
      .all()
      .map((r) => {
        const i = r as Record<string, string | number | null>;
        return {
          code: String(i.code), name: String(i.name), spec: String(i.spec), unit: String(i.unit), category: i.category as CatalogueItem['category'], packs: String(i.packs),
          lotTracked: i.lot_tracked === 1, standard: String(i.standard), active: i.active === 1, subcategory: i.subcategory === null ? null : String(i.subcategory),
        };
      });
    const units = db
      .prepare('SELECT code, name, type, district, staff_count, beds, tier, active, subtype FROM units ORDER BY code')
      .all()
      .map((r) => {
        const u = r as Record<string, string | number | null>;
        return {
          code: String(u.code), name: String(u.name), type: u.type as CatalogueUnit['type'], district: String(u.district), staffCount: Number(u.staff_count), beds: Number(u.beds),
          tier: u.tier as CatalogueUnit['tier'], active: u.active === 1, subtype: u.subtype === null ? null : String(u.subtype),
        };
      });
    const groups = db.prepare('SELECT kind, code, parent, name_zh AS nameZh, name_en AS nameEn FROM subgroups ORDER BY kind, code').all() as (CatalogueGroup & { kind: string })[];
    const unitCode = new Map((db.prepare('SELECT id, code FROM units').all() as { id: number; code: string }[]).map((u) => [u.id, u.code]));
    const briefingLines = (db.prepare('SELECT * FROM briefing_lines ORDER BY position, id').all() as Record<string, string | number>[]).map((l) => {
      const recipients = JSON.parse(String(l.recipients)) as { unitTypes: CatalogueBriefingLine['recipients']['unitTypes']; unitSubtypes: string[]; unitIds: number[] };
      return {
        code: typeof l.center_code === 'string' ? l.center_code : `BL-${l.id}`,
        position: Number(l.position),
        scope: l.scope as CatalogueBriefingLine['scope'],
        wordingZh: String(l.wording_zh),
        wordingEn: String(l.wording_en),
        recipients: { unitTypes: recipients.unitTypes, unitSubtypes: recipients.unitSubtypes, unitCodes: recipients.unitIds.flatMap((id) => unitCode.get(id) ?? []) },
        goods: JSON.parse(String(l.goods)) as CatalogueBriefingLine['goods'],
        active: true,
      };
    });
    const group = (kind: string) => groups.filter((g) => g.kind === kind).map(({ code, parent, nameZh, nameEn }) => ({ code, parent, nameZh, nameEn }));
    return { items, units, categories: group('category'), unitTypes: group('unit_type'), briefingLines };
  } finally {
    db.close();
  }
}
