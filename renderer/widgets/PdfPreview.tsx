import { useEffect, useId, useMemo, useRef, type ReactNode } from 'react';
import './PdfPreview.css';

/** The bytes of a PDF the core sent as base64, as a blob: URL the page may frame (the CSP allows frame-src blob:). */
export function pdfUrl(base64: string): string {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
}

/**
 * A print preview: the document's PDF, as the core rendered it, in Chromium's PDF viewer inside a
 * modal dialog (Esc closes it). The texts come from the caller, so any page can use it for its
 * documents (slips, receipts, labels).
 */
export function PdfPreview(props: { title: string; base64: string; note?: ReactNode; actions?: ReactNode; closeLabel: string; onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const url = useMemo(() => pdfUrl(props.base64), [props.base64]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className="pdf-preview"
      aria-labelledby={titleId}
      onCancel={(e) => {
        // Esc: the caller unmounts the dialog, so its state stays the truth.
        e.preventDefault();
        props.onClose();
      }}
    >
      <header className="pdf-preview-head">
        <h3 id={titleId}>{props.title}</h3>
        {props.note}
        <span className="spacer" />
        {props.actions}
        <button type="button" onClick={props.onClose}>
          {props.closeLabel}
        </button>
      </header>
      {/* No viewer toolbar: its own print and download buttons would bypass the print history (补打 counts). */}
      <iframe className="pdf-preview-frame" title={props.title} src={`${url}#toolbar=0&navpanes=0`} />
    </dialog>
  );
}
