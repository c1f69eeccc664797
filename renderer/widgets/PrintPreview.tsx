import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrintDocType } from '../../shared/contract/print.ts';
import { PdfPreview } from './PdfPreview.tsx';
import { PrintHistory } from './PrintHistory.tsx';

/** A document the core rendered, ready to look at and then print. */
export interface Shown {
  title: string;
  base64: string;
  pages: number | null;
  /** What 打印 in the preview sends to the printer; answers with the words to show. */
  print(): Promise<string>;
  /** The document whose print history (打印记录) the preview lists; none for working papers. */
  history?: { docType: PrintDocType; docId: number };
}

/** The core's PDF in a preview, with 打印 and what came of it said in place. */
export function PrintPreview({ shown, onClose }: { shown: Shown; onClose(): void }) {
  const { t } = useTranslation();
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <PdfPreview
      title={shown.title}
      base64={shown.base64}
      closeLabel={t('widgets.close')}
      onClose={onClose}
      note={
        <>
          <span className="soft">{t('receiving.print.pages', { count: shown.pages ?? 0 })}</span>
          {shown.history && <PrintHistory docType={shown.history.docType} docId={shown.history.docId} />}
        </>
      }
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
              void shown.print().then(
                (text) => {
                  setBusy(false);
                  setNote({ ok: true, text });
                },
                (e: Error) => {
                  setBusy(false);
                  setNote({ ok: false, text: e.message });
                },
              );
            }}
          >
            {t('receiving.print.print')}
          </button>
        </>
      }
    />
  );
}
