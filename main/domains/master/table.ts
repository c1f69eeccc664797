import type { Ctx } from '../../core/context.ts';
import type { Store } from '../../store/db.ts';
import { DepotError } from '../../core/errors.ts';
import { audit } from '../../core/audit.ts';

interface Versioned {
  id: number;
  version: number;
  active: boolean;
  updatedAt: string;
}

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * The four master-data tables (items, locations, suppliers, units) behave alike: list,
 * create with defaults, update some fields of a versioned row, never delete (deactivate).
 * Fields map to columns by name (camelCase ↔ snake_case); booleans and JSON are converted.
 */
export function masterTable<T extends Versioned>(spec: {
  table: string;
  entity: string;
  fields: readonly (keyof Omit<T, keyof Versioned> | 'active')[];
  booleans?: readonly (keyof T)[];
  json?: readonly (keyof T)[];
  defaults: (input: Partial<T>) => Omit<T, keyof Versioned | 'active'> & { active?: boolean };
}) {
  const fields = spec.fields as string[];
  const isBool = (f: string) => (spec.booleans as string[] | undefined)?.includes(f) ?? false;
  const isJson = (f: string) => (spec.json as string[] | undefined)?.includes(f) ?? false;

  const toDb = (f: string, v: unknown) => (isBool(f) ? (v ? 1 : 0) : isJson(f) ? JSON.stringify(v) : v);
  const fromDb = (row: Record<string, unknown>): T => {
    const out: Record<string, unknown> = { id: row.id, version: row.version, updatedAt: row.updated_at };
    for (const f of fields) {
      const v = row[snake(f)];
      out[f] = isBool(f) ? v === 1 : isJson(f) ? JSON.parse(v as string) : v;
    }
    return out as T;
  };

  const get = (store: Store, id: number): T | undefined => {
    const row = store.first<Record<string, unknown>>(`SELECT * FROM ${spec.table} WHERE id = ?`, [id]);
    return row ? fromDb(row) : undefined;
  };

  const mustGet = (store: Store, id: number): T => {
    const found = get(store, id);
    if (!found) throw new DepotError('not_found', { entity: spec.entity, id });
    return found;
  };

  return {
    get,
    mustGet,

    list(store: Store, includeInactive: boolean): T[] {
      const where = includeInactive ? '' : 'WHERE active = 1';
      return store.all<Record<string, unknown>>(`SELECT * FROM ${spec.table} ${where} ORDER BY code`).map(fromDb);
    },

    create(ctx: Ctx, input: Partial<T>): T {
      const row: Record<string, unknown> = { active: true, ...spec.defaults(input) };
      const columns = [...fields.map(snake), 'updated_at', 'updated_by'];
      const values = [...fields.map((f) => toDb(f, row[f])), ctx.now, ctx.operator.id];
      const { lastInsertRowid } = ctx.store.run(
        `INSERT INTO ${spec.table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
        values,
      );
      const created = mustGet(ctx.store, Number(lastInsertRowid));
      audit(ctx, 'create', spec.entity, created.id, null, created);
      ctx.emit('data.changed', { entity: spec.entity });
      return created;
    },

    update(ctx: Ctx, { id, version, changes }: { id: number; version: number; changes: Partial<T> }): T {
      const before = mustGet(ctx.store, id);
      const changed = fields.filter((f) => f in changes);
      const result = ctx.store.run(
        `UPDATE ${spec.table}
           SET ${changed.map((f) => `${snake(f)} = ?`).join(', ')}, version = version + 1, updated_at = ?, updated_by = ?
         WHERE id = ? AND version = ?`,
        [...changed.map((f) => toDb(f, (changes as Record<string, unknown>)[f])), ctx.now, ctx.operator.id, id, version],
      );
      if (result.changes === 0) throw new DepotError('stale', { version: before.version });
      const after = mustGet(ctx.store, id);
      audit(ctx, 'update', spec.entity, id, before, after);
      ctx.emit('data.changed', { entity: spec.entity });
      return after;
    },
  };
}
