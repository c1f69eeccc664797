import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { JobPhase } from '../../shared/contract/ledger.ts';
import type { ErrorCode } from '../../shared/errors.ts';
import { DepotError } from '../core/errors.ts';
import type { ExportTask, TaskResult } from './task.ts';
import type { WorkerMessage } from './export-worker.ts';

export interface ExportRun {
  /** Resolves with the result, or with null when cancelled. */
  result: Promise<TaskResult | null>;
  cancel(): void;
}

/**
 * Where the worker's code is: beside the bundle in the packaged app (scripts/build-main.ts is to
 * emit it as ledger-export-worker.js), or the TypeScript source when Node runs the sources
 * (tests, CLI, benchmarks). null: no worker available, the export runs on this thread.
 */
function workerScript(): URL | null {
  const bundled = new URL('./ledger-export-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(bundled))) return bundled;
  const source = new URL('./export-worker.ts', import.meta.url);
  if (existsSync(fileURLToPath(source)) && process.features.typescript) return source;
  return null;
}

/**
 * Starts an export in a worker thread (on this thread, yielding between batches, when there is
 * no worker script). Progress comes through onProgress; cancel() stops it at the next batch.
 */
export function startExport(dbPath: string, task: ExportTask, onProgress: (done: number, total: number, phase: JobPhase) => void, opts: { thread?: 'worker' | 'main' } = {}): ExportRun {
  const cancel = new SharedArrayBuffer(4);
  const flag = new Int32Array(cancel);
  const script = opts.thread === 'main' ? null : workerScript();

  if (script === null) {
    // Loaded only here: with a worker, this thread never needs exceljs.
    const result = import('./task.ts').then(({ runExportTask, Cancelled }) =>
      runExportTask(dbPath, task, { progress: onProgress, cancelled: () => Atomics.load(flag, 0) === 1 }).catch((e: unknown) => {
        if (e instanceof Cancelled) return null;
        throw e;
      }),
    );
    return { result, cancel: () => Atomics.store(flag, 0, 1) };
  }

  // The export keeps little alive (a batch of rows, exceljs's buffers); a small heap makes V8
  // collect often instead of growing to hundreds of MB of garbage while a million rows go by.
  const worker = new Worker(script, { workerData: { dbPath, task, cancel }, resourceLimits: { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 12 } });
  const result = new Promise<TaskResult | null>((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (!settled) {
        settled = true;
        fn();
      }
    };
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') onProgress(m.done, m.total, m.phase as JobPhase);
      else if (m.type === 'done') settle(() => resolve({ rows: m.rows, items: m.items, bytes: m.bytes }));
      else if (m.type === 'cancelled') settle(() => resolve(null));
      else settle(() => reject(m.code ? new DepotError(m.code as ErrorCode, m.params) : new Error(m.message)));
    });
    worker.on('error', (e) => settle(() => reject(e)));
    worker.on('exit', (code) => settle(() => reject(new Error(`export worker stopped (exit ${code})`))));
  });
  return { result, cancel: () => Atomics.store(flag, 0, 1) };
}
