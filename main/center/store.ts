import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import pg from 'pg';
import { CenterError } from './errors.ts';

/**
 * The center's PostgreSQL: one pool, and numbered migrations of its own (main/center/migrations,
 * NNN_name.sql) recorded in schema_version. Plain SQL through node-postgres: the center's queries
 * are few and are PostgreSQL's own (JSONB, ON CONFLICT), so a query builder would add nothing.
 */
export interface CenterStore {
  pool: pg.Pool;
  /** Runs fn in one transaction on one connection; rolled back if it throws. */
  tx<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const MIGRATIONS = fileURLToPath(new URL('migrations', import.meta.url));

export function centerMigrations(): { version: number; name: string; sql: string }[] {
  return readdirSync(MIGRATIONS)
    .filter((f) => /^\d{3}_.+\.sql$/.test(f))
    .sort()
    .map((name) => ({ version: Number(name.slice(0, 3)), name, sql: readFileSync(join(MIGRATIONS, name), 'utf8') }));
}

// BIGINT comes back as a string by default (it may exceed 2^53); the center's sums and sequences
// stay far below that, and the views compare them with the depots' numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

export async function openCenterStore(url: string): Promise<CenterStore> {
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  // An idle connection dropped by the server (a restart, a failover) is reported here; unheard, it
  // would end the process. The pool makes a new connection for the next query.
  pool.on('error', () => undefined);
  const tx = async <T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  };
  try {
    await migrateCenter(pool);
  } catch (e) {
    await pool.end();
    throw e;
  }
  return { pool, tx, close: () => pool.end() };
}

/**
 * Applies the pending migrations, each in its own transaction. An advisory lock keeps two centers
 * started at once against the same database from running the same migration twice.
 */
export async function migrateCenter(pool: pg.Pool, all = centerMigrations()): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock(1717)');
    await client.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
    const { rows } = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_version');
    const current = rows[0]?.v ?? 0;
    const latest = all.at(-1)?.version ?? 0;
    if (current > latest) throw new CenterError('center_too_new', { found: current, supported: latest });
    for (const m of all.filter((x) => x.version > current)) {
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO schema_version (version, name) VALUES ($1, $2)', [m.version, m.name]);
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK');
        throw e;
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock(1717)').catch(() => undefined);
    client.release();
  }
}
