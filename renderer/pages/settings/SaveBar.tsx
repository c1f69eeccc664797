import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, Result } from '../../../shared/errors.ts';
import { Refusal } from '../../widgets/Refusal.tsx';

export type Outcome = { kind: 'saved' } | { kind: 'refused'; error: AppError } | null;

/** One save of one section: busy while the core works, then its answer (saved, or its translated refusal). */
export function useSave() {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  async function save<T>(call: () => Promise<Result<T>>, onSaved: (data: T) => void): Promise<void> {
    setBusy(true);
    setOutcome(null);
    const result = await call();
    setBusy(false);
    if (!result.ok) return setOutcome({ kind: 'refused', error: result.error });
    onSaved(result.data);
    setOutcome({ kind: 'saved' });
  }
  /** aria-invalid for the inputs of the field the core named. */
  const invalid = (...fields: string[]) => (outcome?.kind === 'refused' && outcome.error.field !== undefined && fields.some((f) => outcome.error.field === f || outcome.error.field!.startsWith(`${f}.`)) ? true : undefined);
  return { busy, outcome, save, invalid, clear: () => setOutcome(null) };
}

export function SaveBar({ busy, outcome }: { busy: boolean; outcome: Outcome }) {
  const { t } = useTranslation();
  return (
    <div className="settings-actions">
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('settings.saving') : t('settings.save')}
      </button>
      {outcome?.kind === 'saved' && (
        <span className="status-line saved" role="status">
          {t('settings.saved')}
        </span>
      )}
      {outcome?.kind === 'refused' && <Refusal>{outcome.error.message}</Refusal>}
    </div>
  );
}

/** A number as typed; empty or not a number goes to the core as NaN, which it refuses in words. */
export const typedNumber = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text));
