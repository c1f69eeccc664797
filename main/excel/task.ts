import { renameSync, rmSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { JobPhase, LedgerFilters } from '../../shared/contract/ledger.ts';
import type { Locale } from '../../shared/domain.ts';
import { createI18n } from '../../shared/i18n/index.ts';
import { writeLedgerWorkbook } from './ledger-workbook.ts';
import { writeStockCard } from './stock-card-workbook.ts';

/** What an export job writes; plain data, so that it can cross into a worker thread. */
export type ExportTask =
  | { kind: 'ledger'; path: string; from: string; to: string; filters: LedgerFilters; locale: Locale; generatedAt: string }
  | { kind: 'card'; path: string; itemId: number; lotId: number | null; from: string | null; to: string | null; locale: Locale; generatedAt: string };

export interface TaskHooks {
  progress(done: number, total: number, phase: JobPhase): void;
  cancelled(): boolean;
}

/** Thrown between batches when the operator cancelled; the partial file is removed. */
export class Cancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'Cancelled';
  }
}

export interface TaskResult {
  rows: number;
  items: number;
  bytes: number;
}

/**
 * Runs an export on its own read-only connection, inside one read transaction: every sheet
 * sees the same snapshot of the ledger however long the export takes, while the desk keeps
 * posting on its own connection. The workbook is written beside the target and renamed into
 * place when complete, so a cancelled or failed export never leaves half a file at the path.
 */
export async function runExportTask(dbPath: string, task: ExportTask, hooks: TaskHooks): Promise<TaskResult> {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  const partial = `${task.path}.partial-${process.pid}-${Date.now()}`;
  const { t } = createI18n(task.locale);
  try {
    db.exec('BEGIN');
    const result =
      task.kind === 'ledger'
        ? await writeLedgerWorkbook(db, { ...task, file: partial, t }, hooks)
        : await writeStockCard(db, { ...task, file: partial, t }, hooks);
    db.exec('COMMIT');
    renameSync(partial, task.path);
    return { ...result, bytes: statSync(task.path).size };
  } catch (e) {
    rmSync(partial, { force: true });
    throw e;
  } finally {
    if (db.inTransaction) db.exec('ROLLBACK');
    db.close();
  }
}
