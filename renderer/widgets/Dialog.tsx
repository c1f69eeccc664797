import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../shared/errors.ts';
import './widgets.css';

/**
 * A modal dialog (the browser's own <dialog>: focus stays inside, Esc closes). It is mounted
 * only while open: the page renders it conditionally.
 */
export function Dialog({ title, onClose, children, actions, wide }: { title: ReactNode; onClose(): void; children: ReactNode; actions?: ReactNode; wide?: boolean }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) {
      dialog.showModal();
      // Keyboard first: the first field takes the focus (the browser would give it to ×), or, with
      // no field, the first of the actions.
      const first = dialog.querySelector<HTMLElement>('.dialog-body :is(input, select, textarea):not([disabled])') ?? dialog.querySelector<HTMLElement>('.dialog-actions button');
      first?.focus();
    }
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className={`dialog${wide ? ' wide' : ''}`}
      aria-labelledby={titleId}
      onCancel={(e) => {
        // Esc: the page decides (it unmounts the dialog), so React's state stays the truth.
        e.preventDefault();
        onClose();
      }}
    >
      <header className="dialog-head">
        <h3 id={titleId}>{title}</h3>
        <button type="button" className="dialog-close" aria-label={t('widgets.close')} onClick={onClose}>
          ×
        </button>
      </header>
      <div className="dialog-body">{children}</div>
      {actions && <footer className="dialog-actions">{actions}</footer>}
    </dialog>
  );
}

/** Asks for a required reason (红冲, stocktake adjustments) and shows the core's refusal inside. */
export function ReasonDialog({ title, hint, confirm, onConfirm, onClose }: { title: string; hint: string; confirm: string; onConfirm(reason: string): Promise<AppError | null>; onClose(): void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Dialog
      title={title}
      onClose={onClose}
      actions={
        <>
          {error && (
            <span className="error-text" role="alert">
              {error.message}
            </span>
          )}
          <button type="button" onClick={onClose}>
            {t('action.cancel')}
          </button>
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() => {
              setBusy(true);
              void onConfirm(reason).then((e) => {
                setBusy(false);
                setError(e);
              });
            }}
          >
            {confirm}
          </button>
        </>
      }
    >
      <p className="soft">{hint}</p>
      <label className="labelled">
        <span>{t('field.reason')}</span>
        <textarea value={reason} maxLength={200} aria-invalid={error ? true : undefined} onChange={(e) => setReason(e.target.value)} autoFocus />
      </label>
    </Dialog>
  );
}

export function ConfirmDialog({ title, text, confirm, onConfirm, onClose }: { title: string; text: string; confirm: string; onConfirm(): Promise<AppError | null>; onClose(): void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<AppError | null>(null);
  return (
    <Dialog
      title={title}
      onClose={onClose}
      actions={
        <>
          {error && (
            <span className="error-text" role="alert">
              {error.message}
            </span>
          )}
          <button type="button" onClick={onClose}>
            {t('action.cancel')}
          </button>
          <button type="button" className="primary" onClick={() => void onConfirm().then(setError)}>
            {confirm}
          </button>
        </>
      }
    >
      <p>{text}</p>
    </Dialog>
  );
}
