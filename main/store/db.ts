import Database from 'better-sqlite3';
import { migrate } from './migrate.ts';

export type Params = Record<string, unknown> | unknown[];

/**
 * The SQLite store: one file, plain SQL through three helpers, statements prepared once.
 * synchronous=FULL because a printed slip must never refer to a dispatch lost at power-off.
 */
export interface Store {
  readonly db: Database.Database;
  all<T>(sql: string, params?: Params): T[];
  first<T>(sql: string, params?: Params): T | undefined;
  run(sql: string, params?: Params): Database.RunResult;
  /** Runs fn in one transaction (nested calls become savepoints). */
  tx<T>(fn: () => T): T;
  close(): void;
}

export function openStore(path: string): Store {
  const db = new Database(path);
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    // Migrate (or refuse a newer file) before switching to WAL: a refused file keeps every byte.
    migrate(db, path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
  } catch (e) {
    db.close();
    throw e;
  }

  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  // (Parameters bound as one array or object, not spread: no array made per call on the posting path.)
  return {
    db,
    all: <T>(sql: string, params?: Params) => (params === undefined ? prepare(sql).all() : prepare(sql).all(params)) as T[],
    first: <T>(sql: string, params?: Params) => (params === undefined ? prepare(sql).get() : prepare(sql).get(params)) as T | undefined,
    run: (sql, params) => (params === undefined ? prepare(sql).run() : prepare(sql).run(params)),
    tx: (fn) => db.transaction(fn).immediate(),
    close: () => db.close(),
  };
}
