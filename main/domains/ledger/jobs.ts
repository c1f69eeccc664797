import { randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ExportResult } from '../../../shared/contract/ledger.ts';
import type { Ctx } from '../../core/context.ts';
import { DepotError } from '../../core/errors.ts';
import { startExport } from '../../excel/run-export.ts';
import type { ExportTask } from '../../excel/task.ts';

/** Long jobs of this process (exports, import readings), by the caller's job id, so that they can be cancelled. */
const running = new Map<string, { operatorId: number; cancel: () => void }>();

export function registerJob(ctx: Ctx, jobId: string, cancel: () => void): () => void {
  if (running.has(jobId)) throw new DepotError('duplicate', { field: ctx.t('field.jobId'), value: jobId }, 'jobId');
  running.set(jobId, { operatorId: ctx.operator.id, cancel });
  return () => void running.delete(jobId);
}

/** The operator who started a job, or an admin, may stop it. */
export function cancelJob(ctx: Ctx, jobId: string): { cancelled: boolean } {
  const job = running.get(jobId);
  if (!job) return { cancelled: false };
  if (job.operatorId !== ctx.operator.id && ctx.operator.role !== 'admin') throw new DepotError('forbidden', { role: ctx.t(`role.${ctx.operator.role}`) });
  job.cancel();
  return { cancelled: true };
}

/** The folder of a path the operator chose must exist; the file itself is replaced. */
export function checkTarget(ctx: Ctx, path: string): void {
  const dir = dirname(path);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new DepotError('invalid_input', { detail: ctx.t('ledger.dirMissing', { dir }) }, 'path');
  }
  if (existsSync(path) && statSync(path).isDirectory()) throw new DepotError('invalid_input', { detail: ctx.t('issue.path_xlsx', { field: ctx.t('field.path') }) }, 'path');
}

/**
 * Runs an export to the end (or until cancelled): the answer of the channel is its result.
 * Progress goes out as 'job.progress' events tagged with the job id.
 */
export async function runExportJob(ctx: Ctx, jobId: string | undefined, task: ExportTask): Promise<ExportResult> {
  const id = jobId ?? randomUUID();
  const started = performance.now();
  let last = 0;
  const run = startExport(ctx.store.db.name, task, (done, total, phase) => {
    // At most a few events a second: the renderer needs a moving bar, not every batch.
    const now = performance.now();
    if (now - last < 200 && done < total) return;
    last = now;
    ctx.emit('job.progress', { jobId: id, done, total, phase });
  });
  const unregister = registerJob(ctx, id, run.cancel);
  try {
    const result = await run.result;
    const ms = Math.round(performance.now() - started);
    if (result === null) {
      ctx.emit('job.done', { jobId: id, status: 'cancelled' });
      return { jobId: id, status: 'cancelled', path: task.path, rows: 0, items: 0, bytes: 0, ms };
    }
    ctx.emit('job.done', { jobId: id, status: 'done' });
    return { jobId: id, status: 'done', path: task.path, ...result, ms };
  } catch (e) {
    ctx.emit('job.done', { jobId: id, status: 'failed' });
    throw e;
  } finally {
    unregister();
  }
}
