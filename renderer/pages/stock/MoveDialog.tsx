import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Location, StockRow } from '../../../shared/contract/index.ts';
import type { AppError } from '../../../shared/errors.ts';
import { parseQuantity } from '../../../shared/packs.ts';
import { command } from '../../api.ts';
import { Dialog } from '../../widgets/Dialog.tsx';
import { qtyText } from '../../widgets/format.ts';

/** 移库: part or all of one balance to another location, as one posted transfer. */
export function MoveDialog({ row, locations, onClose, onDone }: { row: StockRow; locations: readonly Location[]; onClose(): void; onDone(text: string): void }) {
  const { t } = useTranslation();
  const [to, setTo] = useState<number | ''>('');
  const [qty, setQty] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const typed = qty.trim() === '' ? null : parseQuantity(qty, row.unit, row.packs);
  const at = (field: string) => (error?.field === `lines.0.${field}` ? { 'aria-invalid': true as const } : {});

  async function confirm() {
    const text = qty.trim();
    if (to === '' || text === '') {
      const missing = to === '' ? 'toLocationId' : 'qty';
      return setError({ code: 'invalid_input', message: t('issue.required', { field: t(`field.${missing}`) }), field: `lines.0.${missing}` });
    }
    setBusy(true);
    const result = await command('transfers.post', {
      note,
      // Plain numbers go as numbers, pack texts as typed ("3箱 20盒"): the core reads them with the item's packs.
      lines: [{ lotId: row.lotId, fromLocationId: row.locationId, toLocationId: to, qty: /^\d+$/.test(text) ? Number(text) : text }],
    });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    const dest = locations.find((l) => l.id === to)?.code ?? '';
    onDone(t('stockPage.moved', { no: result.data.no, qty: typed === null ? text : qtyText(typed, row.unit, row.packs), from: row.locationCode, to: dest }));
  }

  return (
    <Dialog
      title={t('stockPage.moveTitle')}
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
          <button type="button" className="primary" disabled={busy} onClick={() => void confirm()}>
            {t('stockPage.move')}
          </button>
        </>
      }
    >
      <dl className="facts">
        <dt>{t('field.itemId')}</dt>
        <dd>
          {row.itemCode} {row.itemName} <span className="soft">{row.spec}</span>
        </dd>
        <dt>{t('field.lotNo')}</dt>
        <dd>{row.lotNo || '—'}</dd>
        <dt>{t('field.fromLocationId')}</dt>
        <dd>{row.locationCode}</dd>
        <dt>{t('field.onHand')}</dt>
        <dd>
          {qtyText(row.onHand, row.unit, row.packs)}
          {row.reserved > 0 && <span className="soft"> · {t('stockPage.reservedHere', { qty: qtyText(row.reserved, row.unit, row.packs) })}</span>}
        </dd>
      </dl>
      <div className="form-row">
        <label>
          <span>{t('field.toLocationId')}</span>
          <select value={to} onChange={(e) => setTo(e.target.value ? Number(e.target.value) : '')} {...at('toLocationId')}>
            <option value="">{t('receiving.choose')}</option>
            {locations
              .filter((l) => l.active && l.id !== row.locationId)
              .map((l) => (
                <option key={l.id} value={l.id}>
                  {l.code} · {l.zone} {l.bin}
                </option>
              ))}
          </select>
        </label>
        <label>
          <span>{t('field.qty')}</span>
          <input value={qty} placeholder={t('stockPage.qtyPlaceholder', { unit: row.unit })} onChange={(e) => setQty(e.target.value)} {...at('qty')} autoFocus />
        </label>
        <span className="soft qty-preview">{typed !== null ? `= ${qtyText(typed, row.unit, row.packs)}` : ''}</span>
      </div>
      <label className="labelled">
        <span>{t('field.note')}</span>
        <input value={note} maxLength={200} onChange={(e) => setNote(e.target.value)} />
      </label>
    </Dialog>
  );
}
