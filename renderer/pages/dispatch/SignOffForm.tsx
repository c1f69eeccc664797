import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DispatchOrder } from '../../../shared/contract/index.ts';
import type { AppError } from '../../../shared/errors.ts';
import { command } from '../../api.ts';
import { fmtNumber, fromLocalInput, toLocalInput } from './format.ts';

interface DiscrepancyDraft {
  key: number;
  /** `${lineId}:${lotId}`: what arrived short or damaged is a lot of a line. */
  target: string;
  kind: 'short' | 'damaged';
  qty: string;
  reason: string;
}

let nextKey = 1;

/** The lots an order shipped, one per line and lot (a lot taken from two locations counts once). */
export function shippedLots(order: DispatchOrder) {
  const out: { key: string; lineId: number; lotId: number; label: string; qty: number; unit: string }[] = [];
  for (const line of order.lines) {
    for (const p of line.picks) {
      const key = `${line.id}:${p.lotId}`;
      const known = out.find((o) => o.key === key);
      if (known) known.qty += p.qty;
      else out.push({ key, lineId: line.id, lotId: p.lotId, label: `${line.lineNo}. ${line.itemName} · ${p.lotNo || '—'}`, qty: p.qty, unit: line.unit });
    }
  }
  return out;
}

/**
 * 签收: who received the goods and when, and per line and lot what arrived short or damaged
 * (the core posts those as ledger adjustments with their reasons).
 */
export function SignOffForm({ order, onDone, onBack }: { order: DispatchOrder; onDone(order: DispatchOrder): void; onBack(): void }) {
  const { t } = useTranslation();
  const lots = shippedLots(order);
  const [receiver, setReceiver] = useState('');
  const [at, setAt] = useState(() => toLocalInput(new Date().toISOString()));
  const [note, setNote] = useState('');
  const [rows, setRows] = useState<DiscrepancyDraft[]>([]);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  const setRow = (key: number, change: Partial<DiscrepancyDraft>) => setRows((old) => old.map((r) => (r.key === key ? { ...r, ...change } : r)));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const result = await command('dispatch.deliver', {
      id: order.id,
      version: order.version,
      receiver,
      deliveredAt: fromLocalInput(at) ?? undefined,
      note,
      discrepancies: rows.map((r) => {
        const lot = lots.find((l) => l.key === r.target);
        const qty = r.qty.trim();
        // Typed text that is not a number goes as typed: the core's refusal names the field.
        return { lineId: lot?.lineId ?? 0, lotId: lot?.lotId ?? 0, kind: r.kind, qty: (/^\d+$/.test(qty) ? Number(qty) : qty) as number, reason: r.reason };
      }),
    });
    setBusy(false);
    if (result.ok) onDone(result.data);
    else setError(result.error);
  }

  const badRow = (i: number, field: string) => {
    const f = error?.field ?? '';
    return f === `discrepancies.${i}.${field}` || (f === 'discrepancies' && field === 'qty') ? { 'aria-invalid': true as const, className: 'invalid' } : {};
  };

  return (
    <form className="dispatch-subform" onSubmit={(e) => void submit(e)} aria-label={t('dispatch.signOff.title', { no: order.no })}>
      <h4>{t('dispatch.signOff.title', { no: order.no })}</h4>
      <div className="dispatch-fields">
        <label>
          <span>
            {t('field.receiver')}
            <em aria-hidden="true"> *</em>
          </span>
          <input autoFocus value={receiver} autoComplete="off" aria-invalid={error?.field === 'receiver' || undefined} onChange={(e) => setReceiver(e.target.value)} />
        </label>
        <label>
          <span>{t('field.deliveredAt')}</span>
          <input type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} />
        </label>
        <label className="dispatch-wide">
          <span>{t('field.note')}</span>
          <input value={note} autoComplete="off" onChange={(e) => setNote(e.target.value)} />
        </label>
      </div>
      {rows.length > 0 && (
        <table className="dispatch-table" aria-label={t('dispatch.signOff.discrepancies')}>
          <thead>
            <tr>
              <th>{t('dispatch.signOff.lineLot')}</th>
              <th>{t('dispatch.signOff.kind')}</th>
              <th className="num">{t('field.qty')}</th>
              <th>{t('dispatch.signOff.reason')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => {
              const lot = lots.find((l) => l.key === r.target);
              return (
                <tr key={r.key}>
                  <td>
                    <select aria-label={t('dispatch.signOff.lineLotOf', { row: i + 1 })} value={r.target} onChange={(e) => setRow(r.key, { target: e.target.value })}>
                      {lots.map((l) => (
                        <option key={l.key} value={l.key}>
                          {t('dispatch.signOff.lotOption', { label: l.label, qty: fmtNumber(l.qty), unit: l.unit })}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <select aria-label={t('dispatch.signOff.kindOf', { row: i + 1 })} value={r.kind} onChange={(e) => setRow(r.key, { kind: e.target.value === 'short' ? 'short' : 'damaged' })}>
                      <option value="damaged">{t('dispatch.discrepancy.damaged')}</option>
                      <option value="short">{t('dispatch.discrepancy.short')}</option>
                    </select>
                  </td>
                  <td className="num">
                    <span className="dispatch-qty-edit">
                      <input {...badRow(i, 'qty')} inputMode="numeric" aria-label={t('dispatch.signOff.qtyOf', { row: i + 1 })} value={r.qty} onChange={(e) => setRow(r.key, { qty: e.target.value })} />
                      {lot?.unit}
                    </span>
                  </td>
                  <td>
                    <input {...badRow(i, 'reason')} aria-label={t('dispatch.signOff.reasonOf', { row: i + 1 })} value={r.reason} autoComplete="off" onChange={(e) => setRow(r.key, { reason: e.target.value })} />
                  </td>
                  <td>
                    <button type="button" className="dispatch-icon" aria-label={t('dispatch.form.removeRow', { row: i + 1 })} onClick={() => setRows((old) => old.filter((x) => x.key !== r.key))}>
                      ×
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <div className="dispatch-actions">
        <button type="button" disabled={lots.length === 0} onClick={() => setRows((old) => [...old, { key: nextKey++, target: lots[0]?.key ?? '', kind: 'damaged', qty: '', reason: '' }])}>
          {t('dispatch.signOff.addDiscrepancy')}
        </button>
        <span className="spacer" />
        <span className="dispatch-error" role="alert">
          {error?.message}
        </span>
        <button type="submit" className="primary" disabled={busy}>
          {t('dispatch.signOff.confirm')}
        </button>
        <button type="button" onClick={onBack}>
          {t('action.cancel')}
        </button>
      </div>
    </form>
  );
}
