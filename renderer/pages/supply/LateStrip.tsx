import { useTranslation } from 'react-i18next';
import { useQuery } from '../../api.ts';
import { fmtNumber } from '../../widgets/format.ts';
import './supply.css';

/** On the dashboard: promises not kept (order lines and pledges past their date), the three latest first, and a way to the 采购 page. */
export function LateStrip() {
  const { t } = useTranslation();
  const late = useQuery('supply.late', {});
  if (!late.data || late.data.length === 0) return null;
  const shown = late.data.slice(0, 3).map((l) => t('supply.dashboard.item', { no: l.no, party: l.partyName, item: l.itemName, qty: fmtNumber(l.outstanding), unit: l.unit, days: l.daysLate }));
  return (
    <p className="late-strip" role="status">
      <b>{t('supply.dashboard.late', { count: late.data.length })}</b> {shown.join('；')}
      {late.data.length > 3 && '…'}
      <a href="#/purchasing" className="late-link">
        {t('supply.dashboard.open')}
      </a>
    </p>
  );
}
