import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Item, Location, StockRow } from '../../../shared/contract/index.ts';
import type { AppError } from '../../../shared/errors.ts';
import { parseQuantity } from '../../../shared/packs.ts';
import { command } from '../../api.ts';
import { Dialog } from '../../widgets/Dialog.tsx';
import { qtyText } from '../../widgets/format.ts';
import { ScanField } from '../../widgets/ScanField.tsx';
import { readMoveScan } from './put-away.ts';

/**
 * 移库: part or all of one balance to another location, as one posted transfer. Opened by a scan
 * (上架 at the rack), its scan field counts each GS1 carton of the lot and takes the destination
 * from a scanned location code.
 */
export function MoveDialog({
  row,
  locations,
  items,
  scanned,
  onClose,
  onDone,
}: {
  row: StockRow;
  locations: readonly Location[];
  items: readonly Item[];
  /** Opened by a scan: the pieces of the carton scanned (null when the code carries none). */
  scanned?: { pieces: number | null };
  onClose(): void;
  onDone(text: string): void;
}) {
  const { t } = useTranslation();
  const [to, setTo] = useState<number | ''>('');
  const [qty, setQty] = useState(scanned?.pieces ? String(scanned.pieces) : '');
  const scanInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (scanned) scanInput.current?.focus();
  }, [scanned]);
  const [note, setNote] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const typed = qty.trim() === '' ? null : parseQuantity(qty, row.unit, row.packs);
  const at = (field: string) => (error?.field === `lines.0.${field}` ? { 'aria-invalid': true as const } : {});

  async function onScan(code: string): Promise<{ ok: boolean; text: string }> {
    const read = await readMoveScan(code, row, items, locations);
    if (read.kind === 'location') {
      if (read.location.id === row.locationId) return { ok: false, text: t('stockPage.putAway.sameLocation', { location: read.location.code }) };
      setTo(read.location.id);
      return { ok: true, text: t('stockPage.putAway.to', { location: read.location.code }) };
    }
    if (read.kind === 'carton') {
      const now = qty.trim() === '' ? 0 : parseQuantity(qty, row.unit, row.packs);
      if (now === null) return { ok: false, text: t('widgets.scanUnknown', { code }) };
      setQty(String(now + read.pieces));
      return { ok: true, text: t('stockPage.putAway.carton', { pieces: qtyText(read.pieces, row.unit, row.packs), qty: qtyText(now + read.pieces, row.unit, row.packs) }) };
    }
    if (read.kind === 'sameLot') return { ok: true, text: t('stockPage.putAway.sameLot') };
    if (read.kind === 'otherLot') return { ok: false, text: t('stockPage.putAway.otherLot', { what: read.what }) };
    return { ok: false, text: t('widgets.scanUnknown', { code }) };
  }

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
      <ScanField onScan={onScan} inputRef={scanInput} />
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
          <input value={qty} placeholder={t('stockPage.qtyPlaceholder', { unit: row.unit })} onChange={(e) => setQty(e.target.value)} {...at('qty')} autoFocus={!scanned} />
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
