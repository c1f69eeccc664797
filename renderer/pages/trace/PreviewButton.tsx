import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrintResult } from '../../../shared/contract/index.ts';
import type { Result } from '../../../shared/errors.ts';
import { PdfPreview } from '../../widgets/PdfPreview.tsx';

/** A button that shows the core's PDF of a document, and prints it from the preview. */
export function PreviewButton({ label, preview, print }: { label: string; preview(): Promise<Result<PrintResult>>; print(): Promise<Result<PrintResult>> }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState<PrintResult | null>(null);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <>
      <button
        type="button"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          setNote(null);
          void preview().then((r) => {
            setBusy(false);
            if (r.ok) setShown(r.data);
            else setNote({ ok: false, text: r.error.message });
          });
        }}
      >
        {label}
      </button>
      {note && !shown && (
        <span className="error-text" role="alert">
          {note.text}
        </span>
      )}
      {shown && (
        <PdfPreview
          title={shown.title}
          base64={shown.pdfBase64 ?? ''}
          closeLabel={t('widgets.close')}
          onClose={() => setShown(null)}
          note={<span className="soft">{t('receiving.print.pages', { count: shown.pages ?? 0 })}</span>}
          actions={
            <>
              {note && (
                <span className={note.ok ? 'saved-text' : 'error-text'} role={note.ok ? 'status' : 'alert'}>
                  {note.text}
                </span>
              )}
              <button
                type="button"
                className="primary"
                disabled={busy}
                onClick={() => {
                  setBusy(true);
                  void print().then((r) => {
                    setBusy(false);
                    setNote(r.ok ? { ok: true, text: t('receiving.print.printed', { title: r.data.title }) } : { ok: false, text: r.error.message });
                  });
                }}
              >
                {t('receiving.print.print')}
              </button>
            </>
          }
        />
      )}
    </>
  );
}
