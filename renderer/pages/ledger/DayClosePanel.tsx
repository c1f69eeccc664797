import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DayCloseSummary } from '../../../shared/contract/index.ts';
import type { Role } from '../../../shared/domain.ts';
import type { AppError } from '../../../shared/errors.ts';
import { command, mayCall, useQuery } from '../../api.ts';
import { fmtNumber, localDay, localTime, yuan } from '../../widgets/format.ts';
import { Refusal } from '../../widgets/Refusal.tsx';

const yesterday = () => {
  const d = new Date();
  d.setDate(d.getDate() - 1);
  return localDay(d);
};

/**
 * 扎账: the figures of ended days frozen at midnight (a correction posted later shows on the day
 * it is posted), the list of closed days, and one day's balances per item.
 */
export function DayClosePanel({ role }: { role: Role }) {
  const { t } = useTranslation();
  const [day, setDay] = useState(yesterday);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [closed, setClosed] = useState<DayCloseSummary[] | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const list = useQuery('ledger.dayCloses', {});

  async function close(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setClosed(null);
    const answer = await command('ledger.closeDay', { day });
    setBusy(false);
    if (!answer.ok) return setError(answer.error);
    setClosed(answer.data);
    list.refresh();
  }

  return (
    <div className="day-close">
      {mayCall('ledger.closeDay', role) && (
        <section className="ledger-section">
          <h3>{t('closePage.title')}</h3>
          <p className="soft">{t('closePage.hint')}</p>
          {/* noValidate: a day that has not ended is refused by the core, in its words, not by the browser's bubble. */}
          <form className="ledger-form" noValidate onSubmit={(e) => void close(e)}>
            <label>
              <span>{t('closePage.day')}</span>
              <input type="date" value={day} max={yesterday()} onChange={(e) => setDay(e.target.value)} aria-invalid={error ? true : undefined} />
            </label>
            <div className="ledger-actions">
              <button type="submit" className="primary" disabled={busy || !day}>
                {t('closePage.close')}
              </button>
              {error && <Refusal>{error.message}</Refusal>}
              {closed && (
                <span className="status-line saved" role="status">
                  {t('closePage.closed', { count: closed.length, days: closed.map((c) => c.day).join('、') })}
                </span>
              )}
            </div>
          </form>
        </section>
      )}
      <section className="ledger-section">
        <h3>{t('closePage.listTitle')}</h3>
        {list.error && <Refusal as="p">{list.error.message}</Refusal>}
        {list.data && list.data.length === 0 && <p className="soft">{t('closePage.none')}</p>}
        {list.data && list.data.length > 0 && (
          <table className="stats-table wide" aria-label={t('closePage.listTitle')}>
            <thead>
              <tr>
                <th scope="col">{t('closePage.day')}</th>
                <th scope="col">{t('statsPage.received')}</th>
                <th scope="col">{t('statsPage.dispatched')}</th>
                <th scope="col">{t('statsPage.inbound')}</th>
                <th scope="col">{t('statsPage.outbound')}</th>
                <th scope="col">{t('closePage.closedAt')}</th>
                <th scope="col">{t('closePage.closedBy')}</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {list.data.map((c) => (
                <tr key={c.day} data-key={c.day} className={open === c.day ? 'open' : undefined}>
                  <th scope="row">{c.day}</th>
                  <td>{t('statsPage.kindsPieces', { kinds: fmtNumber(c.figures.received.total.kinds), pieces: fmtNumber(c.figures.received.total.pieces) })}</td>
                  <td>{t('statsPage.kindsPieces', { kinds: fmtNumber(c.figures.dispatched.total.kinds), pieces: fmtNumber(c.figures.dispatched.total.pieces) })}</td>
                  <td>{fmtNumber(c.figures.documents.inbound)}</td>
                  <td>{fmtNumber(c.figures.documents.outbound)}</td>
                  <td>{localTime(c.closedAt)}</td>
                  <td>{c.closedBy}</td>
                  <td>
                    <button type="button" className="small" onClick={() => setOpen(open === c.day ? null : c.day)}>
                      {open === c.day ? t('closePage.hide') : t('closePage.show')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {open && <DayItems day={open} />}
    </div>
  );
}

/** One closed day: opening + in − out = closing per item, quantities and amounts. */
function DayItems({ day }: { day: string }) {
  const { t } = useTranslation();
  const close = useQuery('ledger.dayClose', { day });
  const c = close.data;
  return (
    <section className="ledger-section">
      <h3>{t('closePage.dayTitle', { day })}</h3>
      {close.error && <Refusal as="p">{close.error.message}</Refusal>}
      {c && (
        <table className="stats-table wide" aria-label={t('closePage.dayTitle', { day })}>
          <thead>
            <tr>
              <th scope="col">{t('ledger.col.itemCode')}</th>
              <th scope="col">{t('ledger.col.itemName')}</th>
              <th scope="col">{t('ledger.col.unit')}</th>
              <th scope="col">{t('ledger.col.openingQty')}</th>
              <th scope="col">{t('ledger.col.inTotal')}</th>
              <th scope="col">{t('ledger.col.outTotal')}</th>
              <th scope="col">{t('ledger.col.closingQty')}</th>
              <th scope="col">{t('ledger.col.closingAmount')}</th>
            </tr>
          </thead>
          <tbody>
            {c.items.map((i) => (
              <tr key={i.itemId}>
                <td className="text">{i.itemCode}</td>
                <td className="text">{i.itemName}</td>
                <td className="text">{i.unit}</td>
                <td>{fmtNumber(i.openingQty)}</td>
                <td>{fmtNumber(i.inQty)}</td>
                <td>{fmtNumber(i.outQty)}</td>
                <td>{fmtNumber(i.closingQty)}</td>
                <td>{yuan(i.closingAmount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
