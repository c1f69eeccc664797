import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DispatchOrder, DispatchSummary, PrintResult } from '../../../shared/contract/index.ts';
import { DOC_PAPERS, type DocPaper } from '../../../shared/contract/documents.ts';
import { invoke, useQuery } from '../../api.ts';
import { PdfPreview } from '../../widgets/PdfPreview.tsx';

/** The core prints a slip only once the order is approved (its lots are known). */
export const printable = (o: Pick<DispatchSummary, 'status'>) => o.status === 'approved' || o.status === 'picked' || o.status === 'shipped' || o.status === 'delivered';

/** A pick list 拣货单 serves an order whose lots are fixed and still on the shelves. */
export const pickable = (o: Pick<DispatchSummary, 'status'>) => o.status === 'approved' || o.status === 'picked';

interface Note {
  kind: 'ok' | 'error';
  text: string;
}

/**
 * 出库单 of one order: paper (the depot's setting unless chosen here), printer, a preview of the
 * PDF the core makes, and printing. A slip printed before is marked 补打 with its count; the
 * operator sees that before printing again.
 */
export function SlipPrint({ order }: { order: DispatchOrder }) {
  const { t } = useTranslation();
  const settings = useQuery('print.settings.get', {});
  const printers = useQuery('print.printers', {});
  const [paper, setPaper] = useState<DocPaper | null>(null);
  const [printer, setPrinter] = useState<string | null>(null);
  const [preview, setPreview] = useState<PrintResult | null>(null);
  const [busy, setBusy] = useState<'preview' | 'printer' | null>(null);
  /** Which document the preview shows and its print button prints: the slip, or the pick list. */
  const [doc, setDoc] = useState<'slip' | 'pickList'>('slip');
  const [note, setNote] = useState<Note | null>(null);
  const chosenPaper = paper ?? settings.data?.slip.paper ?? 'A4';
  const chosenPrinter = printer ?? settings.data?.slip.printer ?? '';

  async function run(output: 'preview' | 'printer', which: 'slip' | 'pickList' = doc) {
    setBusy(output);
    setNote(null);
    setDoc(which);
    const result =
      which === 'slip'
        ? await invoke('print.slip', { order: order.id, output, paper: chosenPaper, printer: chosenPrinter })
        : await invoke('print.pickList', { orders: [order.id], output, paper: chosenPaper, printer: chosenPrinter });
    setBusy(null);
    if (!result.ok) return setNote({ kind: 'error', text: result.error.message });
    if (output === 'preview') return setPreview(result.data);
    setPreview(null);
    if (which === 'pickList') return setNote({ kind: 'ok', text: t('dispatch.print.pickPrinted', { title: result.data.title }) });
    setNote({ kind: 'ok', text: result.data.reprint > 0 ? t('dispatch.print.reprinted', { no: order.no, count: result.data.reprint }) : t('dispatch.print.printed', { no: order.no }) });
  }

  const reprintNote = order.prints > 0 ? t('dispatch.print.reprintNext', { count: order.prints, mark: t('documents.reprint', { count: order.prints }) }) : t('dispatch.print.never');

  return (
    <div className="dispatch-print" role="group" aria-label={t('dispatch.print.title')}>
      <h4>{t('dispatch.print.title')}</h4>
      <label className="check">
        <span>{t('field.paper')}</span>
        <select value={chosenPaper} onChange={(e) => setPaper(DOC_PAPERS.find((p) => p === e.target.value) ?? null)}>
          {DOC_PAPERS.map((p) => (
            <option key={p} value={p}>
              {t(`dispatch.print.paper.${p}`)}
            </option>
          ))}
        </select>
      </label>
      {printers.data && printers.data.length > 0 && (
        <label className="check">
          <span>{t('field.printer')}</span>
          <select value={chosenPrinter} onChange={(e) => setPrinter(e.target.value)}>
            <option value="">{t('print.defaultPrinter')}</option>
            {printers.data.map((p) => (
              <option key={p.name} value={p.name}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <button type="button" disabled={busy !== null} onClick={() => void run('preview', 'slip')}>
        {busy === 'preview' && doc === 'slip' ? t('dispatch.print.rendering') : t('dispatch.print.preview')}
      </button>
      <button type="button" disabled={busy !== null} onClick={() => void run('printer', 'slip')}>
        {busy === 'printer' && doc === 'slip' ? t('dispatch.print.printing') : t('dispatch.print.print')}
      </button>
      {pickable(order) && (
        <button type="button" disabled={busy !== null} onClick={() => void run('preview', 'pickList')}>
          {busy === 'preview' && doc === 'pickList' ? t('dispatch.print.rendering') : t('dispatch.print.pickList')}
        </button>
      )}
      <span className={order.prints > 0 ? 'dispatch-reprint' : 'dispatch-soft'}>{reprintNote}</span>
      <span className={`dispatch-note ${note?.kind ?? ''}`} role="status">
        {note?.text}
      </span>
      {preview?.pdfBase64 && (
        <PdfPreview
          title={t('dispatch.print.previewTitle', { title: preview.title, paper: t(`dispatch.print.paper.${chosenPaper}`) })}
          base64={preview.pdfBase64}
          closeLabel={t('dispatch.panel.close')}
          onClose={() => setPreview(null)}
          note={
            <span className={doc === 'slip' && preview.reprint > 0 ? 'dispatch-reprint' : 'dispatch-soft'}>
              {t('dispatch.print.pages', { count: preview.pages ?? 0 })}
              {doc === 'slip' && preview.reprint > 0 && ` · ${t('dispatch.print.willBe', { mark: t('documents.reprint', { count: preview.reprint }) })}`}
            </span>
          }
          actions={
            <>
              {note?.kind === 'error' && (
                <span className="dispatch-error" role="alert">
                  {note.text}
                </span>
              )}
              <button type="button" className="primary" disabled={busy !== null} onClick={() => void run('printer')}>
                {busy === 'printer' ? t('dispatch.print.printing') : t('dispatch.print.print')}
              </button>
            </>
          }
        />
      )}
    </div>
  );
}
