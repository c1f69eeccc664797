import type { Subgroup } from '../../../shared/contract/master.ts';
import { CATEGORIES, UNIT_TYPES } from '../../../shared/domain.ts';
import type { Locale } from '../../../shared/domain.ts';
import type { Ctx } from '../../core/context.ts';
import { audit } from '../../core/audit.ts';
import { DepotError } from '../../core/errors.ts';
import type { Store } from '../../store/db.ts';

/**
 * Groups the depot adds under the fixed categories and unit types (subgroups, migration 014):
 * an item may carry a subcategory of its own category, a unit a subtype of its own type. Every
 * report still counts them in their parent; the briefing's lines can name them.
 */
export function listSubgroups(store: Store): Subgroup[] {
  return store.all<Subgroup>('SELECT kind, code, parent, name_zh AS nameZh, name_en AS nameEn FROM subgroups ORDER BY kind, parent, code');
}

export function saveSubgroup(ctx: Ctx, g: Subgroup): Subgroup {
  const parents: readonly string[] = g.kind === 'category' ? CATEGORIES : UNIT_TYPES;
  if (!parents.includes(g.parent)) throw new DepotError('bad_subgroup', { name: g.nameZh, parent: ctx.t(`${g.kind === 'category' ? 'category' : 'unitType'}.${g.parent}`) }, 'parent');
  const before = listSubgroups(ctx.store).find((x) => x.kind === g.kind && x.code === g.code) ?? null;
  // A subgroup already in use keeps its parent: its items or units would otherwise roll up elsewhere.
  if (before && before.parent !== g.parent && usedBy(ctx.store, g.kind, g.code)) {
    throw new DepotError('bad_subgroup', { name: before.nameZh, parent: ctx.t(`${g.kind === 'category' ? 'category' : 'unitType'}.${before.parent}`) }, 'parent');
  }
  ctx.store.run(
    `INSERT INTO subgroups (kind, code, parent, name_zh, name_en) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (kind, code) DO UPDATE SET parent = excluded.parent, name_zh = excluded.name_zh, name_en = excluded.name_en`,
    [g.kind, g.code, g.parent, g.nameZh, g.nameEn],
  );
  audit(ctx, before ? 'update' : 'create', 'subgroup', `${g.kind}:${g.code}`, before, g);
  ctx.emit('data.changed', { entity: g.kind === 'category' ? 'items' : 'units' });
  return g;
}

const usedBy = (store: Store, kind: Subgroup['kind'], code: string) =>
  store.first(kind === 'category' ? 'SELECT 1 FROM items WHERE subcategory = ? LIMIT 1' : 'SELECT 1 FROM units WHERE subtype = ? LIMIT 1', [code]) !== undefined;

/** An item's subcategory must be one of its category's; a unit's subtype one of its type's. */
export function checkSubgroup(ctx: Ctx, kind: Subgroup['kind'], code: string | null | undefined, parent: string, field: string): void {
  if (code === null || code === undefined) return;
  const g = ctx.store.first<{ parent: string; name: string }>('SELECT parent, name_zh AS name FROM subgroups WHERE kind = ? AND code = ?', [kind, code]);
  if (!g) throw new DepotError('not_found', { entity: kind === 'category' ? 'subcategory' : 'subtype', id: code }, field);
  const label = (p: string) => ctx.t(`${kind === 'category' ? 'category' : 'unitType'}.${p}`);
  if (g.parent !== parent) throw new DepotError('bad_subgroup', { name: g.name, parent: label(g.parent) }, field);
}

/** A subgroup's label in the reader's language. */
export function subgroupLabel(g: Pick<Subgroup, 'nameZh' | 'nameEn'>, locale: Locale): string {
  return locale === 'en' ? g.nameEn : g.nameZh;
}
