import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Receipt } from '../../../shared/contract/index.ts';
import { LABEL_KINDS, type LabelKind } from '../../../shared/contract/documents.ts';
import { invoke } from '../../api.ts';
import { Dialog } from '../../widgets/Dialog.tsx';
import { PrintPreview, type Shown } from '../../widgets/PrintPreview.tsx';

/**
 * The receipt 入库单 (a draft prints marked 草稿) and, once posted, the labels of its lots for
 * put-away: a preview of the core's PDF first, then the printer. Every print is entered in the
 * core's print history, which numbers reprints (补打).
 */
export function PrintButtons({ receipt }: { receipt: Receipt }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState<Shown | null>(null);
  const [labels, setLabels] = useState(false);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function previewReceipt() {
    setBusy(true);
    setNote(null);
    const result = await invoke('print.receipt', { receipt: receipt.id, output: 'preview' });
    setBusy(false);
    if (!result.ok) return setNote({ ok: false, text: result.error.message });
    setShown({
      title: result.data.title,
      base64: result.data.pdfBase64 ?? '',
      pages: result.data.pages,
      // A draft's prints are not entered in the history.
      ...(receipt.status === 'posted' ? { history: { docType: 'receipt' as const, docId: receipt.id } } : {}),
      print: async () => {
        const printed = await invoke('print.receipt', { receipt: receipt.id, output: 'printer' });
        if (!printed.ok) throw new Error(printed.error.message);
        return printed.data.reprint > 0 ? t('receiving.print.reprinted', { title: printed.data.title, count: printed.data.reprint }) : t('receiving.print.printed', { title: printed.data.title });
      },
    });
  }

  const lots = [...new Map(receipt.lines.filter((l) => l.lotId !== null).map((l) => [l.lotId!, l])).values()];
  return (
    <>
      <button type="button" disabled={busy} onClick={() => void previewReceipt()}>
        {t('receiving.print.receipt')}
      </button>
      {receipt.status === 'posted' && receipt.reversesId === null && lots.length > 0 && (
        <button type="button" onClick={() => setLabels(true)}>
          {t('receiving.print.labels')}
        </button>
      )}
      {note && !shown && (
        <span className={note.ok ? 'saved-text' : 'error-text'} role={note.ok ? 'status' : 'alert'}>
          {note.text}
        </span>
      )}
      {labels && (
        <LabelsDialog
          lots={lots.map((l) => ({ id: l.lotId!, text: `${l.itemCode} ${l.itemName}`, lotNo: l.lotNo }))}
          onClose={() => setLabels(false)}
          onPreview={(s) => {
            setLabels(false);
            setShown(s);
          }}
        />
      )}
      {shown && <PrintPreview shown={shown} onClose={() => setShown(null)} />}
    </>
  );
}

/** The lots of a posted receipt: lot labels (the stock on hand) or carton labels (one per carton). */
function LabelsDialog({ lots, onClose, onPreview }: { lots: { id: number; text: string; lotNo: string }[]; onClose(): void; onPreview(s: Shown): void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<Exclude<LabelKind, 'pallet'>>('lot');
  const [error, setError] = useState<string | null>(null);

  async function preview(lotId: number) {
    setError(null);
    const result = await invoke('print.labels', { lot: lotId, labelKind: kind, output: 'preview' });
    if (!result.ok) return setError(result.error.message);
    onPreview({
      title: result.data.title,
      base64: result.data.pdfBase64 ?? '',
      pages: result.data.pages,
      print: async () => {
        const printed = await invoke('print.labels', { lot: lotId, labelKind: kind, output: 'printer' });
        if (!printed.ok) throw new Error(printed.error.message);
        return t('receiving.print.labelsPrinted', { title: printed.data.title, count: printed.data.labels });
      },
    });
  }

  return (
    <Dialog
      title={t('receiving.print.labelsTitle')}
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
        </>
      }
    >
      <div className="choices" role="radiogroup" aria-label={t('field.labelKind')}>
        {LABEL_KINDS.filter((k): k is 'lot' | 'carton' => k !== 'pallet').map((k) => (
          <label key={k} className="check">
            <input type="radio" name="label-kind" checked={kind === k} onChange={() => setKind(k)} />
            {t(`receiving.print.kind.${k}`)}
          </label>
        ))}
      </div>
      <table className="plain">
        <tbody>
          {lots.map((l) => (
            <tr key={l.id}>
              <td>{l.text}</td>
              <td>{l.lotNo || '—'}</td>
              <td>
                <button type="button" className="small" onClick={() => void preview(l.id)}>
                  {t('receiving.print.preview')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
