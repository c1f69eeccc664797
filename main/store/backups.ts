import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { Store } from './db.ts';
import { schemaVersion } from './migrate.ts';
import { DepotError } from '../core/errors.ts';

/** Automatic backups: `depot-<yyyymmdd-hhmmss>.db` in one folder (a USB drive is common), the newest `keep` kept. */
const NAME = /^depot-\d{8}-\d{6}\.db$/;

export interface BackupPolicy {
  folder: string;
  keep: number;
}

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);

/**
 * Takes a backup of the store while it is in use (SQLite's online backup: page by page, written to
 * a side file, renamed when whole), then removes the oldest beyond `keep`. Returns the file.
 */
export async function backupNow(store: Store, policy: BackupPolicy, now = new Date()): Promise<string> {
  mkdirSync(policy.folder, { recursive: true });
  const file = join(policy.folder, `depot-${stamp(now)}.db`);
  const partial = `${file}.partial-${process.pid}`;
  try {
    await store.db.backup(partial);
    renameSync(partial, file);
  } finally {
    rmSync(partial, { force: true });
  }
  for (const old of listBackups(policy.folder).slice(policy.keep)) rmSync(join(policy.folder, old.name), { force: true });
  return file;
}

/** The backups in a folder, newest first. */
export function listBackups(folder: string): { name: string; bytes: number }[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((n) => NAME.test(n))
    .sort()
    .reverse()
    .map((name) => ({ name, bytes: statSync(join(folder, name)).size }));
}

/**
 * A backup that can be put back: a SQLite file whose integrity check is "ok", written by this
 * version of the app or an older one. Refused in words otherwise.
 */
export function checkBackup(backupFile: string): void {
  if (!existsSync(backupFile) || !statSync(backupFile).isFile()) throw new DepotError('backup_bad', { file: basename(backupFile), why: 'missing' });
  let version: number;
  try {
    const db = new Database(backupFile, { readonly: true, fileMustExist: true });
    try {
      const check = db.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw new DepotError('backup_bad', { file: basename(backupFile), why: 'damaged' });
      version = db.pragma('user_version', { simple: true }) as number;
    } finally {
      db.close();
    }
  } catch (e) {
    if (e instanceof DepotError) throw e;
    throw new DepotError('backup_bad', { file: basename(backupFile), why: 'notDatabase' });
  }
  if (version > schemaVersion()) throw new DepotError('db_too_new', { found: version, supported: schemaVersion() });
}

/**
 * Puts a backup back in place of the database file (the depot must be closed). The backup is
 * checked first, and the current file is kept beside it (`.before-restore-<stamp>.db`), so a
 * restore can itself be undone. Returns the name of that kept file.
 */
export function restoreBackup(dbPath: string, backupFile: string, now = new Date()): string {
  checkBackup(backupFile);
  const kept = `${dbPath}.before-restore-${stamp(now)}.db`;
  if (existsSync(dbPath)) copyFileSync(dbPath, kept);
  // The old WAL belongs to the file being replaced: left beside the restored one it would be replayed into it.
  for (const side of ['-wal', '-shm']) rmSync(`${dbPath}${side}`, { force: true });
  copyFileSync(backupFile, `${dbPath}.restoring`);
  renameSync(`${dbPath}.restoring`, dbPath);
  return kept;
}

/** Beside the database: the backup to put back when the depot next opens. */
const pendingFile = (dbPath: string) => `${dbPath}.restore-pending`;

/**
 * The restore screen's step (the depot is open, so the file cannot be swapped under it): the
 * backup chosen by name from the backup folder is checked, the current data is backed up first,
 * and the backup is staged to be put back when the depot next opens (the app restarts for it).
 * Returns the safety backup's name.
 */
export async function stageRestore(store: Store, dbPath: string, name: string, now = new Date()): Promise<{ safety: string }> {
  const policy = backupPolicy(store, dbPath);
  if (!NAME.test(name)) throw new DepotError('backup_bad', { file: name, why: 'missing' });
  const file = join(policy.folder, name);
  checkBackup(file);
  // The safety copy must not push the chosen backup out of the rotation.
  const safety = await backupNow(store, { folder: policy.folder, keep: Math.max(policy.keep, listBackups(policy.folder).length + 1) }, now);
  writeFileSync(pendingFile(dbPath), JSON.stringify({ from: file, staged: now.toISOString() }));
  return { safety: basename(safety) };
}

/**
 * At opening: a staged restore is carried out before the store is opened, and the marker removed
 * whether or not it could be (a backup gone meanwhile leaves the current file as it was).
 * Returns the backup put back, or null.
 */
export function applyPendingRestore(dbPath: string, onError: (e: unknown) => void = (e) => console.error('[depot] restore failed:', e)): string | null {
  const marker = pendingFile(dbPath);
  if (!existsSync(marker)) return null;
  try {
    const { from } = JSON.parse(readFileSync(marker, 'utf8')) as { from: string };
    restoreBackup(dbPath, from);
    return from;
  } catch (e) {
    onError(e);
    return null;
  } finally {
    rmSync(marker, { force: true });
  }
}

/** Where and how often a desk backs itself up: settings `backup.folder` (default `backups` beside the database), `backup.keep`, `backup.everyHours`. */
export function backupPolicy(store: Store, dbPath: string): BackupPolicy & { everyHours: number } {
  const setting = (key: string) => store.first<{ value: string }>('SELECT value FROM settings WHERE key = ?', [key])?.value;
  const whole = (v: string | undefined, fallback: number, max: number) => {
    const n = Number(v);
    return Number.isInteger(n) && n >= 1 && n <= max ? n : fallback;
  };
  return {
    folder: setting('backup.folder') || join(dirname(dbPath), 'backups'),
    keep: whole(setting('backup.keep'), 14, 1000),
    everyHours: whole(setting('backup.everyHours'), 4, 168),
  };
}

/**
 * Backs the desk up at start and every few hours while it runs (a timer that never keeps the
 * process alive). A failed backup (a USB drive pulled out) is reported, never fatal. Returns stop().
 */
export function startBackups(store: Store, dbPath: string, onError: (e: unknown) => void = (e) => console.error('[depot] backup failed:', e)): () => void {
  const policy = backupPolicy(store, dbPath);
  const take = () => void backupNow(store, policy).catch(onError);
  take();
  const timer = setInterval(take, policy.everyHours * 3_600_000);
  timer.unref();
  return () => clearInterval(timer);
}
