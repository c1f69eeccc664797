import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrintResult } from '../../../shared/contract/index.ts';
import type { Result } from '../../../shared/errors.ts';
import { PrintPreview, type Shown } from '../../widgets/PrintPreview.tsx';

/** A button that shows the core's PDF of a document, and prints it from the preview. */
export function PreviewButton({ label, preview, print }: { label: string; preview(): Promise<Result<PrintResult>>; print(): Promise<Result<PrintResult>> }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState<Shown | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <>
      <button
        type="button"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          setError(null);
          void preview().then((r) => {
            setBusy(false);
            if (!r.ok) return setError(r.error.message);
            setShown({
              title: r.data.title,
              base64: r.data.pdfBase64 ?? '',
              pages: r.data.pages,
              print: async () => {
                const printed = await print();
                if (!printed.ok) throw new Error(printed.error.message);
                return t('receiving.print.printed', { title: printed.data.title });
              },
            });
          });
        }}
      >
        {label}
      </button>
      {error && !shown && (
        <span className="error-text" role="alert">
          {error}
        </span>
      )}
      {shown && <PrintPreview shown={shown} onClose={() => setShown(null)} />}
    </>
  );
}
