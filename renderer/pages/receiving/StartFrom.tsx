import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReceiptStart } from '../../../shared/contract/index.ts';
import { invoke } from '../../api.ts';

interface Choice {
  value: string;
  label: string;
}

/**
 * 按采购单 / 认捐到货: a receipt started from what an open purchase order or pledge still has
 * outstanding — supplier, reference and lines filled; the storekeeper adds lots, dates and the count.
 */
export function StartFrom({ onStart }: { onStart(start: ReceiptStart, label: string): void }) {
  const { t } = useTranslation();
  const [choices, setChoices] = useState<{ orders: Choice[]; pledges: Choice[] }>({ orders: [], pledges: [] });
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    void Promise.all([invoke('purchaseOrders.list', {}), invoke('pledges.list', {})]).then(([orders, pledges]) => {
      if (!current) return;
      setChoices({
        orders: orders.ok ? orders.data.filter((o) => o.status === 'open' || o.status === 'partly_received').map((o) => ({ value: `po:${o.id}`, label: `${o.no} ${o.supplierName}` })) : [],
        pledges: pledges.ok ? pledges.data.filter((p) => p.status !== 'received').map((p) => ({ value: `pl:${p.id}`, label: `${p.no} ${p.donorName}` })) : [],
      });
    });
    return () => {
      current = false;
    };
  }, []);
  if (choices.orders.length === 0 && choices.pledges.length === 0) return null;
  return (
    <label className="start-from">
      <span>{t('receiving.startFrom.label')}</span>
      <select
        value=""
        aria-label={t('receiving.startFrom.label')}
        onChange={(e) => {
          const [kind, id] = e.target.value.split(':');
          if (!id) return;
          const label = [...choices.orders, ...choices.pledges].find((c) => c.value === e.target.value)?.label ?? '';
          const asked = kind === 'po' ? invoke('purchaseOrders.receiptStart', { id: Number(id) }) : invoke('pledges.receiptStart', { id: Number(id) });
          void asked.then((r) => {
            if (!r.ok) return setError(r.error.message);
            setError(null);
            onStart(r.data, label);
          });
        }}
      >
        <option value="">{t('receiving.startFrom.choose')}</option>
        {choices.orders.length > 0 && (
          <optgroup label={t('receiving.startFrom.orders')}>
            {choices.orders.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </optgroup>
        )}
        {choices.pledges.length > 0 && (
          <optgroup label={t('receiving.startFrom.pledges')}>
            {choices.pledges.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </optgroup>
        )}
      </select>
      {error && (
        <span className="error-text" role="alert">
          {error}
        </span>
      )}
    </label>
  );
}
