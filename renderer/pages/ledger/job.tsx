import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Events } from '../../../shared/contract/index.ts';
import type { AppError, Result } from '../../../shared/errors.ts';
import { invoke, onEvent, randomId } from '../../api.ts';
import { fmtNumber } from '../../widgets/format.ts';

export type Progress = Omit<Events['job.progress'], 'jobId'>;

/**
 * A long job of the core (an export, the reading of an import): the page gives it an id, follows
 * the core's job.progress events for that id while the call runs, and may cancel it by the id.
 */
export function useJob<T>() {
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [result, setResult] = useState<T | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const jobId = useRef<string | null>(null);

  async function run(start: (jobId: string) => Promise<Result<T>>): Promise<T | null> {
    const id = randomId();
    jobId.current = id;
    setRunning(true);
    setCancelling(false);
    setProgress(null);
    setResult(null);
    setError(null);
    // Listening before the call starts: the first events come while it runs.
    const off = onEvent('job.progress', ({ jobId: of, ...p }) => of === id && setProgress(p));
    try {
      const answer = await start(id);
      if (jobId.current !== id) return null;
      if (!answer.ok) {
        setError(answer.error);
        return null;
      }
      setResult(answer.data);
      return answer.data;
    } finally {
      off();
      if (jobId.current === id) setRunning(false);
    }
  }

  async function cancel(): Promise<void> {
    if (!jobId.current) return;
    setCancelling(true);
    const answer = await invoke('jobs.cancel', { jobId: jobId.current });
    if (!answer.ok) setError(answer.error);
  }

  const reset = () => {
    setResult(null);
    setError(null);
  };

  return { running, progress, result, error, cancelling, run, cancel, reset };
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
