import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ItemTrace } from '../../../shared/contract/index.ts';
import { invoke } from '../../api.ts';
import { fmtNumber, localDay } from '../../widgets/format.ts';

const daysAgo = (n: number) => {
  const d = new Date();
  d.setDate(d.getDate() - n);
  return localDay(d);
};

/** An item over a period, before a lot is chosen: per lot in, out and left; per unit what it received. */
export function ItemTraceView({ itemId, onLot }: { itemId: number; onLot(lotId: number): void }) {
  const { t } = useTranslation();
  const [from, setFrom] = useState(() => daysAgo(30));
  const [to, setTo] = useState(() => daysAgo(0));
  const [trace, setTrace] = useState<ItemTrace | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    void invoke('trace.item', { itemId, from, to }).then((r) => {
      if (!current) return;
      setTrace(r.ok ? r.data : null);
      setError(r.ok ? null : r.error.message);
    });
    return () => {
      current = false;
    };
  }, [itemId, from, to]);
  const unit = trace?.item.unit ?? '';
  const qty = (n: number) => `${fmtNumber(n)}${unit}`;
  return (
    <section className="trace-story" aria-label={t('tracePage.itemStory')}>
      <header className="trace-head">
        <strong>{t('tracePage.itemStory')}</strong>
        <label className="labelled inline">
          <span>{t('tracePage.from')}</span>
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label className="labelled inline">
          <span>{t('tracePage.to')}</span>
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
      </header>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {trace && (
        <div className="trace-tables">
          <table className="plain" aria-label={t('tracePage.lots')}>
            <caption>{t('tracePage.lots')}</caption>
            <thead>
              <tr>
                <th>{t('tracePage.lot')}</th>
                <th>{t('receiving.col.expiresOn')}</th>
                <th className="n">{t('tracePage.col.in')}</th>
                <th className="n">{t('tracePage.col.out')}</th>
                <th className="n">{t('tracePage.writeOffs')}</th>
                <th className="n">{t('tracePage.col.left')}</th>
              </tr>
            </thead>
            <tbody>
              {trace.lots.map((l) => (
                <tr key={l.lotId}>
                  <td>
                    <button type="button" className="link" onClick={() => onLot(l.lotId)}>
                      {l.lotNo || t('tracePage.noLot')}
                    </button>{' '}
                    {l.status !== 'accepted' && <span className="badge bad">{t(`lotStatus.${l.status}`)}</span>}
                  </td>
                  <td>{l.expiresOn ?? '—'}</td>
                  <td className="n">{qty(l.received)}</td>
                  <td className="n">{qty(l.dispatched)}</td>
                  <td className="n">{qty(l.writtenOff)}</td>
                  <td className="n">{qty(l.onHand)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table className="plain" aria-label={t('tracePage.dispatches')}>
            <caption>{t('tracePage.dispatches')}</caption>
            <thead>
              <tr>
                <th>{t('trace.col.unitName')}</th>
                <th>{t('trace.col.contact')}</th>
                <th className="n">{t('tracePage.col.qty')}</th>
              </tr>
            </thead>
            <tbody>
              {trace.units.map((u) => (
                <tr key={u.unitId}>
                  <td>{u.unitName}</td>
                  <td>{`${u.contact} ${u.phone}`.trim()}</td>
                  <td className="n">{qty(u.qty)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
