import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { DepotError } from '../core/errors.ts';

/** Numbered migrations: NNN_name.sql. In the packaged app they sit beside the bundle. */
function migrationsDir(): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  for (const dir of [join(here, 'migrations'), join(here, 'store', 'migrations')]) {
    if (existsSync(dir)) return dir;
  }
  throw new Error(`migrations folder not found near ${here}`);
}

export function migrations(): { version: number; name: string; sql: string }[] {
  const dir = migrationsDir();
  return readdirSync(dir)
    .filter((f) => /^\d{3}_.+\.sql$/.test(f))
    .sort()
    .map((name) => ({ version: Number(name.slice(0, 3)), name, sql: readFileSync(join(dir, name), 'utf8') }));
}

export const schemaVersion = (): number => migrations().at(-1)?.version ?? 0;

/**
 * Brings the file up to this app's schema. A file written by a newer app is refused, never
 * touched; an existing file is copied (VACUUM INTO) before the first pending migration runs.
 */
export function migrate(db: Database.Database, path: string, all = migrations()): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = all.at(-1)?.version ?? 0;
  if (current > latest) throw new DepotError('db_too_new', { found: current, supported: latest });
  const pending = all.filter((m) => m.version > current);
  if (pending.length === 0) return;
  if (current > 0 && path !== ':memory:') {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    db.prepare('VACUUM INTO ?').run(`${path}.v${current}-${stamp}.bak`);
  }
  for (const m of pending) {
    // A migration that rebuilds a table others refer to (SQLite's way to change a constraint) runs
    // with foreign keys off, as SQLite prescribes, and is checked before it commits.
    const rebuilds = m.sql.startsWith('-- foreign_keys: off');
    const enforced = db.pragma('foreign_keys', { simple: true }) === 1;
    if (rebuilds && enforced) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        db.exec(m.sql);
        if (rebuilds && (db.pragma('foreign_key_check') as unknown[]).length > 0) throw new Error(`${m.name}: foreign key check failed`);
        db.pragma(`user_version = ${m.version}`);
      }).immediate();
    } finally {
      if (rebuilds && enforced) db.pragma('foreign_keys = ON');
    }
  }
}
