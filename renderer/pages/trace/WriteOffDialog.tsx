import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LotTrace, WriteOffReason } from '../../../shared/contract/index.ts';
import { WRITE_OFF_REASONS } from '../../../shared/contract/trace.ts';
import type { AppError } from '../../../shared/errors.ts';
import { command } from '../../api.ts';
import { Dialog } from '../../widgets/Dialog.tsx';
import { fmtNumber } from '../../widgets/format.ts';

/** Starts a write-off (报损单 draft) of a lot, by location: what is damaged, expired or recalled. */
export function WriteOffDialog({ trace, recallId, onClose, onSaved }: { trace: LotTrace; recallId: number | null; onClose(): void; onSaved(no: string): void }) {
  const { t } = useTranslation();
  const expired = trace.lot.expiresOn !== null && trace.lot.expiresOn < new Date().toISOString().slice(0, 10);
  const [reason, setReason] = useState<WriteOffReason>(recallId !== null ? 'recalled' : expired ? 'expired' : 'damaged');
  const [note, setNote] = useState('');
  const [qty, setQty] = useState<Record<number, string>>({});
  const [error, setError] = useState<AppError | null>(null);
  async function save() {
    const lines = trace.stock.filter((s) => (qty[s.locationId] ?? '').trim() !== '').map((s) => ({ lotId: trace.lot.id, locationId: s.locationId, qty: qty[s.locationId]!.trim() }));
    if (lines.length === 0) return setError({ code: 'invalid_input', message: t('tracePage.writeOffEmpty') });
    const r = await command('writeOffs.saveDraft', { reason, note, recallId, lines: lines.map((l) => ({ ...l, qty: /^\d+$/.test(l.qty) ? Number(l.qty) : l.qty })) });
    if (!r.ok) return setError(r.error);
    onSaved(t('tracePage.draftNo', { id: r.data.id }));
  }
  return (
    <Dialog
      title={t('tracePage.writeOffTitle', { lot: trace.lot.lotNo, item: trace.lot.itemName })}
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
          <button type="button" className="primary" onClick={() => void save()}>
            {t('tracePage.saveWriteOff')}
          </button>
        </>
      }
    >
      <label className="labelled">
        <span>{t('trace.doc.writeOffReason')}</span>
        <select value={reason} onChange={(e) => setReason(e.target.value as WriteOffReason)}>
          {WRITE_OFF_REASONS.map((r) => (
            <option key={r} value={r}>
              {t(`trace.reason.${r}`)}
            </option>
          ))}
        </select>
      </label>
      {trace.stock.map((s) => (
        <label className="labelled" key={s.locationId}>
          <span>{t('tracePage.writeOffAt', { location: s.locationCode, available: `${fmtNumber(s.onHand - s.reserved)}${trace.lot.unit}` })}</span>
          <input inputMode="numeric" value={qty[s.locationId] ?? ''} onChange={(e) => setQty({ ...qty, [s.locationId]: e.target.value })} />
        </label>
      ))}
      <label className="labelled">
        <span>{t('field.note')}</span>
        <input value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
      </label>
    </Dialog>
  );
}
