import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../shared/domain.ts';
import { BriefingLinesPanel } from './BriefingLinesPanel.tsx';
import { DayClosePanel } from './DayClosePanel.tsx';
import { ShiftReportPanel } from './ShiftReportPanel.tsx';
import { StatsFigures } from './StatsFigures.tsx';
import './ledger.css';

const TABS = ['figures', 'lines', 'close', 'shift'] as const;
type Tab = (typeof TABS)[number];

/** 统计: the figures and the briefing (通报) as of a moment, the midnight close (扎账), the shift handover (交接班). */
export function StatisticsPage({ role }: { role: Role }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('figures');
  return (
    <div className="page ledger-page">
      <div className="toolbar no-print">
        <h2>{t('nav.statistics')}</h2>
        <div className="ledger-tabs" role="tablist" aria-label={t('statsPage.tabs')}>
          {TABS.map((id) => (
            <button key={id} type="button" role="tab" aria-selected={tab === id} onClick={() => setTab(id)}>
              {t(`statsPage.tab.${id}`)}
            </button>
          ))}
        </div>
      </div>
      <div className="ledger-body" role="tabpanel" aria-label={t(`statsPage.tab.${tab}`)}>
        {tab === 'figures' && <StatsFigures />}
        {tab === 'lines' && <BriefingLinesPanel role={role} />}
        {tab === 'close' && <DayClosePanel role={role} />}
        {tab === 'shift' && <ShiftReportPanel />}
      </div>
    </div>
  );
}
