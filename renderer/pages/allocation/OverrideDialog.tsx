import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Plan, PlanLine } from '../../../shared/contract/allocation.ts';
import { planLineReason } from '../../../shared/allocation-reasons.ts';
import { Dialog } from '../../widgets/Dialog.tsx';
import { fmtNumber } from '../../widgets/format.ts';
import { wholeNumber } from './bytes.ts';
import type { Edit } from './plan.ts';

/**
 * Changes what a line gives, with the reason written down (the plan keeps both, and shows what
 * the rules gave beside it). Back to what the rules gave needs no reason.
 */
export function OverrideDialog({ line, round, typed, onDone, onClose }: {
  line: PlanLine;
  round: Pick<Plan, 'params' | 'items'>;
  typed: number | undefined;
  onDone(edit: Edit | null): void;
  onClose(): void;
}) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState(String(typed ?? line.allocated));
  const [reason, setReason] = useState(line.overrideReason ?? '');
  // A cell typed with something other than a whole number opens the dialog saying so.
  const [error, setError] = useState<string | null>(typed === undefined ? t('planPage.override.notWhole') : null);

  function confirm() {
    const value = wholeNumber(text);
    if (value === undefined || value === null) return setError(t('planPage.override.notWhole'));
    if (value === line.computed) return onDone(null);
    if (reason.trim() === '') return setError(t('planPage.override.reasonRequired'));
    onDone({ allocated: value, reason: reason.trim() });
  }

  return (
    <Dialog
      title={t('planPage.override.title', { unit: line.unitName, item: line.itemName })}
      onClose={onClose}
      actions={
        <>
          {error && (
            <span className="error-text" role="alert">
              {error}
            </span>
          )}
          <button type="button" onClick={onClose}>
            {t('action.cancel')}
          </button>
          {line.overrideReason !== null && (
            <button type="button" onClick={() => onDone(null)}>
              {t('planPage.override.restore')}
            </button>
          )}
          <button type="button" className="primary" onClick={confirm}>
            {t('planPage.override.confirm')}
          </button>
        </>
      }
    >
      <p className="soft alloc-rule">{t('planPage.override.rule', { computed: fmtNumber(line.computed), unit: line.unit, reason: planLineReason(round, line, i18n) })}</p>
      <label className="labelled">
        <span>{t('planPage.override.quantity', { unit: line.unit })}</span>
        <input type="text" inputMode="numeric" className="alloc-num" value={text} onChange={(e) => setText(e.target.value)} aria-invalid={error === t('planPage.override.notWhole') ? true : undefined} />
      </label>
      <label className="labelled">
        <span>{t('planPage.override.reason')}</span>
        <textarea value={reason} maxLength={200} autoFocus onChange={(e) => setReason(e.target.value)} aria-invalid={error === t('planPage.override.reasonRequired') ? true : undefined} />
      </label>
    </Dialog>
  );
}
