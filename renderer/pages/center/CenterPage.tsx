import { useTranslation } from 'react-i18next';
import type { CityViews } from '../../../shared/contract/center.ts';
import { useQuery } from '../../api.ts';
import { fmtNumber, localTime } from '../../widgets/format.ts';
import '../trace/trace.css';
import { Refusal } from '../../widgets/Refusal.tsx';

/**
 * 指挥中心: what the city's command center holds — each depot's sync, the city's briefing in the
 * command center's own sentences, stock by item × depot with shortfalls, transfers in transit —
 * asked of the center through this depot's server, signed with the depot's key.
 */
type Transfer = CityViews['transfers'][number];
const conflictParams = (x: Transfer) => ({ from: x.fromDepot, to: x.toDepot, receipt: x.receiptNo ?? '', reversal: x.reversalNo ?? '' });

export function CenterPage() {
  const { t } = useTranslation();
  const views = useQuery('center.views', {}, { live: false });
  const v = views.data;
  const depots = v?.depots.map((d) => d.code) ?? [];
  const items = v ? [...new Map(v.stock.map((r) => [r.itemCode, r])).values()] : [];
  const cell = new Map(v?.stock.map((r) => [`${r.itemCode} ${r.depotCode}`, r]) ?? []);
  return (
    <div className="page trace-page center-page">
      <div className="toolbar">
        <h2>{t('nav.center')}</h2>
        {v && <span className="soft">{t('centerPage.asOf', { at: localTime(v.at) })}</span>}
        <span className="spacer" />
        <button type="button" onClick={views.refresh}>
          {t('action.refresh')}
        </button>
      </div>
      {views.error && <Refusal as="p">{views.error.message}</Refusal>}
      {v && (
        <>
          <section className="recall-panel" aria-label={t('centerPage.briefing')}>
            <h3>{t('centerPage.briefing')}</h3>
            <p className="center-briefing">{v.briefing}</p>
          </section>
          <section className="recall-panel" aria-label={t('centerPage.depots')}>
            <h3>{t('centerPage.depots')}</h3>
            <table className="plain">
              <thead>
                <tr>
                  <th>{t('centerPage.depot')}</th>
                  <th>{t('centerPage.sync')}</th>
                </tr>
              </thead>
              <tbody>
                {v.depots.map((d) => (
                  <tr key={d.code}>
                    <td>
                      {d.name}（{d.code}）
                    </td>
                    <td className={d.pending > 0 || d.gap ? 'bad-text' : ''} role={d.gap ? 'alert' : undefined}>
                      {d.text}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section className="recall-panel" aria-label={t('centerPage.stock')}>
            <h3>{t('centerPage.stock')}</h3>
            <table className="plain">
              <thead>
                <tr>
                  <th>{t('centerPage.item')}</th>
                  {depots.map((d) => (
                    <th key={d} className="n">
                      {d}
                    </th>
                  ))}
                  <th className="n">{t('centerPage.total')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((i) => {
                  const per = depots.map((d) => cell.get(`${i.itemCode} ${d}`));
                  return (
                    <tr key={i.itemCode}>
                      <td>
                        {i.itemName} <span className="soft">{i.itemCode}</span>
                      </td>
                      {per.map((r, n) => (
                        <td key={depots[n]} className={`n ${r && r.shortfall > 0 ? 'bad-text' : ''}`} title={r && r.shortfall > 0 ? t('centerPage.short', { n: fmtNumber(r.shortfall) }) : undefined}>
                          {fmtNumber(r?.onHand ?? 0)}
                          {r?.daysOfCover != null && <span className="soft"> · {t('centerPage.days', { n: r.daysOfCover })}</span>}
                        </td>
                      ))}
                      <td className="n">
                        {fmtNumber(per.reduce((n, r) => n + (r?.onHand ?? 0), 0))}
                        {i.unit}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>
          {v.transfers.length > 0 && (
            <section className="recall-panel" aria-label={t('centerPage.transfers')}>
              <h3>{t('centerPage.transfers')}</h3>
              <table className="plain">
                <thead>
                  <tr>
                    <th>{t('centerPage.transfer')}</th>
                    <th>{t('centerPage.state')}</th>
                    <th className="n">{t('centerPage.shipped')}</th>
                    <th className="n">{t('centerPage.received')}</th>
                    <th className="n">{t('centerPage.shortCol')}</th>
                  </tr>
                </thead>
                <tbody>
                  {v.transfers.map((x) => (
                    <tr key={`${x.fromDepot} ${x.dispatchNo}`}>
                      <td>
                        {x.fromDepot} → {x.toDepot} {x.dispatchNo}
                      </td>
                      <td className={x.conflict ? 'bad-text' : ''}>
                        {t(`centerPage.status.${x.status}`)}
                        {x.conflict && (
                          <div role="alert">
                            {t(`center.conflict.${x.conflict}`, conflictParams(x))}
                            {t('center.conflict.resolve', conflictParams(x))}
                          </div>
                        )}
                      </td>
                      <td className="n">{fmtNumber(x.shipped)}</td>
                      <td className="n">{fmtNumber(x.received)}</td>
                      <td className={`n ${x.short > 0 ? 'bad-text' : ''}`}>{fmtNumber(x.short)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
        </>
      )}
    </div>
  );
}
