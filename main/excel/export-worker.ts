// The worker thread of an export: the workbook is written here, off the thread that answers
// the windows. It talks to run-export.ts by messages; a cancel arrives as a flag in shared memory,
// read between batches (the thread is busy writing, so a message would wait until the end).
import { parentPort, workerData } from 'node:worker_threads';
import { runExportTask, Cancelled, type ExportTask } from './task.ts';
import { DepotError } from '../core/errors.ts';

export type WorkerMessage =
  | { type: 'progress'; done: number; total: number; phase: string }
  | { type: 'done'; rows: number; items: number; bytes: number }
  | { type: 'cancelled' }
  | { type: 'error'; message: string; code?: string; params?: Record<string, unknown> };

const { dbPath, task, cancel } = workerData as { dbPath: string; task: ExportTask; cancel: SharedArrayBuffer };
const flag = new Int32Array(cancel);
const post = (m: WorkerMessage) => parentPort!.postMessage(m);

try {
  const result = await runExportTask(dbPath, task, {
    progress: (done, total, phase) => post({ type: 'progress', done, total, phase }),
    cancelled: () => Atomics.load(flag, 0) === 1,
  });
  post({ type: 'done', ...result });
} catch (e) {
  if (e instanceof Cancelled) post({ type: 'cancelled' });
  else if (e instanceof DepotError) post({ type: 'error', message: e.message, code: e.code, params: e.params });
  else post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
}
