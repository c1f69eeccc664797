import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import type { Locale } from '../../shared/domain.ts';
import type { Store } from '../store/db.ts';
import { CatalogueRow } from './catalogue.ts';
import { postToCenter, type CenterLink } from './sync.ts';
import { signedRequest } from './verify.ts';

const VERSION_KEY = 'center.catalogueVersion';
/** Set once a depot has taken the center's catalogue: from then on its items, units, subgroups and briefing lines are the center's to change. */
export const JOINED_KEY = 'center.catalogue';

export const catalogueVersion = (store: Store): number => Number(store.first<{ value: string }>('SELECT value FROM settings WHERE key = ?', [VERSION_KEY])?.value ?? 0);
export const centerOwnsCatalogue = (store: Store): boolean => store.first('SELECT 1 FROM settings WHERE key = ?', [JOINED_KEY]) !== undefined;

export interface CatalogueApplied {
  version: number;
  items: number;
  units: number;
  /** Subcategories, unit subtypes and briefing lines taken. */
  groups: number;
  lines: number;
  /** Items whose unit of measure or lot tracking the center changed but this depot already has movements of: kept as they were, to be settled by hand. */
  kept: string[];
}

const SYSTEM = 1;

/** Groups before the items and units that name them, lines last (they name units by code). */
const ORDER: Record<CatalogueRow['kind'], number> = { category: 0, unit_type: 0, item: 1, unit: 1, briefing_line: 2 };

/** A subgroup the depot has under that parent, or none: an item never points at a group it lacks. */
const knownGroup = (store: Store, kind: 'category' | 'unit_type', code: string | null | undefined, parent: string): string | null =>
  code && store.first('SELECT 1 FROM subgroups WHERE kind = ? AND code = ? AND parent = ?', [kind, code, parent]) ? code : null;

/**
 * Takes the center's changes into the depot's subgroups, items, units and briefing lines by code,
 * in one transaction with the version reached. Stock and ledger rows are counted in an item's
 * unit, by lot: an item with movements keeps its unit and lot tracking, as the desk itself refuses
 * to change them. The first briefing line the center sends replaces the lines the depot wrote
 * itself (kept in the audit log): the center words the briefing from then on.
 */
export function applyCatalogue(store: Store, rows: CatalogueRow[], now = new Date().toISOString()): CatalogueApplied {
  return store.tx(() => {
    const out: CatalogueApplied = { version: catalogueVersion(store), items: 0, units: 0, groups: 0, lines: 0, kept: [] };
    const ordered = [...rows].sort((a, b) => ORDER[a.kind] - ORDER[b.kind] || a.version - b.version);
    for (const row of ordered) {
      if (row.kind === 'category' || row.kind === 'unit_type') {
        const g = row.data;
        // A group in use keeps its parent, as the desk itself refuses to move it (its items would roll up elsewhere).
        const before = store.first<{ parent: string }>('SELECT parent FROM subgroups WHERE kind = ? AND code = ?', [row.kind, g.code]);
        const used = before !== undefined && store.first(row.kind === 'category' ? 'SELECT 1 FROM items WHERE subcategory = ? LIMIT 1' : 'SELECT 1 FROM units WHERE subtype = ? LIMIT 1', [g.code]) !== undefined;
        store.run(
          `INSERT INTO subgroups (kind, code, parent, name_zh, name_en) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (kind, code) DO UPDATE SET parent = excluded.parent, name_zh = excluded.name_zh, name_en = excluded.name_en`,
          [row.kind, g.code, used ? before.parent : g.parent, g.nameZh, g.nameEn],
        );
        out.groups++;
      } else if (row.kind === 'briefing_line') {
        const l = row.data;
        const own = store.all<Record<string, unknown>>('SELECT * FROM briefing_lines WHERE center_code IS NULL');
        for (const line of own) {
          store.run(`INSERT INTO audit_log (at, operator_id, action, entity, entity_id, before, after) VALUES (?, ?, 'delete', 'briefing_line', ?, ?, NULL)`, [now, SYSTEM, String(line.id), JSON.stringify(line)]);
        }
        if (own.length > 0) store.run('DELETE FROM briefing_lines WHERE center_code IS NULL');
        if (!l.active) {
          store.run('DELETE FROM briefing_lines WHERE center_code = ?', [l.code]);
        } else {
          const unitIds = l.recipients.unitCodes.flatMap((code) => store.first<{ id: number }>('SELECT id FROM units WHERE code = ?', [code])?.id ?? []);
          const recipients = { unitTypes: l.recipients.unitTypes, unitSubtypes: l.recipients.unitSubtypes, unitIds };
          store.run(
            `INSERT INTO briefing_lines (position, scope, wording_zh, wording_en, recipients, goods, center_code) VALUES (?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (center_code) WHERE center_code IS NOT NULL DO UPDATE SET position = excluded.position, scope = excluded.scope,
               wording_zh = excluded.wording_zh, wording_en = excluded.wording_en, recipients = excluded.recipients, goods = excluded.goods`,
            [l.position, l.scope, l.wordingZh, l.wordingEn, JSON.stringify(recipients), JSON.stringify(l.goods), l.code],
          );
        }
        out.lines++;
      } else if (row.kind === 'item') {
        const i = row.data;
        const before = store.first<{ id: number; unit: string; lot_tracked: number; subcategory: string | null }>('SELECT id, unit, lot_tracked, subcategory FROM items WHERE code = ?', [i.code]);
        if (before) {
          const moved = store.first('SELECT 1 FROM movements WHERE item_id = ? LIMIT 1', [before.id]) !== undefined;
          const keep = moved && (before.unit !== i.unit || (before.lot_tracked === 1) !== i.lotTracked);
          if (keep) out.kept.push(`${i.code} ${i.name}`);
          store.run(
            `UPDATE items SET name = ?, spec = ?, unit = ?, category = ?, packs = ?, lot_tracked = ?, standard = ?, active = ?, subcategory = ?,
               version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?`,
            [i.name, i.spec, keep ? before.unit : i.unit, i.category, i.packs, keep ? before.lot_tracked : i.lotTracked ? 1 : 0, i.standard, i.active ? 1 : 0, i.subcategory === undefined ? before.subcategory : knownGroup(store, 'category', i.subcategory, i.category), now, SYSTEM, before.id],
          );
        } else {
          store.run(
            `INSERT INTO items (code, name, spec, unit, category, packs, lot_tracked, standard, active, subcategory, updated_at, updated_by)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            [i.code, i.name, i.spec, i.unit, i.category, i.packs, i.lotTracked ? 1 : 0, i.standard, i.active ? 1 : 0, knownGroup(store, 'category', i.subcategory, i.category), now, SYSTEM],
          );
        }
        out.items++;
      } else {
        const u = row.data;
        store.run(
          `INSERT INTO units (code, name, type, district, staff_count, beds, tier, active, subtype, updated_at, updated_by)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (code) DO UPDATE SET name = excluded.name, type = excluded.type, district = excluded.district,
             staff_count = excluded.staff_count, beds = excluded.beds, tier = excluded.tier, active = excluded.active,
             subtype = CASE WHEN ? THEN units.subtype ELSE excluded.subtype END,
             version = version + 1, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
          [u.code, u.name, u.type, u.district, u.staffCount, u.beds, u.tier, u.active ? 1 : 0, knownGroup(store, 'unit_type', u.subtype, u.type), now, SYSTEM, u.subtype === undefined ? 1 : 0],
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
