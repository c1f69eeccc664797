import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { Events } from '../../shared/contract/index.ts';
import type { AppError, Result } from '../../shared/errors.ts';
import { invoke, onEvent, randomId } from '../api.ts';
import { fmtNumber } from './format.ts';

export type Progress = Omit<Events['job.progress'], 'jobId'>;

interface JobState<T> {
  running: boolean;
  progress: Progress | null;
  result: T | null;
  error: AppError | null;
  cancelling: boolean;
  jobId: string | null;
}

/**
 * Jobs live beside the pages, not in them: an export started on 导出台账 goes on when the operator
 * opens another page, and its progress and its "已导出" result are there when they come back.
 */
const jobs = new Map<string, { state: JobState<unknown>; listeners: Set<() => void> }>();
const IDLE: JobState<unknown> = { running: false, progress: null, result: null, error: null, cancelling: false, jobId: null };

function slot(key: string) {
  let s = jobs.get(key);
  if (!s) jobs.set(key, (s = { state: IDLE, listeners: new Set() }));
  return s;
}
function update(key: string, patch: Partial<JobState<unknown>>): void {
  const s = slot(key);
  s.state = { ...s.state, ...patch };
  s.listeners.forEach((l) => l());
}

/** At sign-out: the next operator does not see this one's exports. */
export function forgetJobs(): void {
  jobs.clear();
}

/**
 * A long job of the core (an export, the reading of an import), named by `key` (one of each kind
 * runs at a time): the page gives it an id, follows the core's job.progress events for that id
 * while the call runs, and may cancel it by the id.
 */
export function useJob<T>(key: string) {
  const state = useSyncExternalStore(
    (listener) => {
      const s = slot(key);
      s.listeners.add(listener);
      return () => void s.listeners.delete(listener);
    },
    () => slot(key).state,
  ) as JobState<T>;

  async function run(start: (jobId: string) => Promise<Result<T>>): Promise<T | null> {
    const id = randomId();
    update(key, { ...IDLE, running: true, jobId: id });
    // Listening before the call starts: the first events come while it runs.
    const off = onEvent('job.progress', ({ jobId: of, ...p }) => of === id && slot(key).state.jobId === id && update(key, { progress: p }));
    try {
      const answer = await start(id);
      if (slot(key).state.jobId !== id) return null;
      if (!answer.ok) {
        update(key, { error: answer.error });
        return null;
      }
      update(key, { result: answer.data });
      return answer.data;
    } finally {
      off();
      if (slot(key).state.jobId === id) update(key, { running: false });
    }
  }

  async function cancel(): Promise<void> {
    const id = slot(key).state.jobId;
    if (!id) return;
    update(key, { cancelling: true });
    const answer = await invoke('jobs.cancel', { jobId: id });
    if (!answer.ok) update(key, { error: answer.error });
  }

  const reset = () => update(key, { result: null, error: null });

  return { running: state.running, progress: state.progress, result: state.result, error: state.error, cancelling: state.cancelling, run, cancel, reset };
}

/** The bar of a running job, what it is doing, and its cancel button. */
export function JobProgress({ progress, cancelling, onCancel, label }: { progress: Progress | null; cancelling: boolean; onCancel(): void; label: string }) {
  const { t } = useTranslation();
  const known = progress !== null && progress.total > 0;
  return (
    <div className="job-progress" role="group" aria-label={label}>
      {/* No total yet (the file is still being read): the bar moves without a percentage. */}
      <progress aria-label={label} max={known ? progress.total : undefined} value={known ? progress.done : undefined} />
      <span className="job-phase" role="status">
        {progress === null
          ? t('jobs.starting')
          : known
            ? t('jobs.phaseOf', { phase: t(`jobs.phase.${progress.phase}`), done: fmtNumber(progress.done), total: fmtNumber(progress.total), percent: Math.floor((progress.done / progress.total) * 100) })
            : t('jobs.phaseRows', { phase: t(`jobs.phase.${progress.phase}`), done: fmtNumber(progress.done) })}
      </span>
      <button type="button" onClick={onCancel} disabled={cancelling}>
        {cancelling ? t('jobs.cancelling') : t('action.cancel')}
      </button>
    </div>
  );
}
