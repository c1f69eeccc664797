import { useTranslation } from 'react-i18next';
import { PrintSection } from './PrintSection.tsx';
import { CostingSection, ExpiryBandsSection, StockSection } from './StockSection.tsx';
import { UpdateSection } from './UpdateSection.tsx';
import { IdleLockSection } from './IdleLockSection.tsx';
import { BackupSection } from './BackupSection.tsx';
import { LanSection } from './LanSection.tsx';
import './settings.css';

/** 设置 (admins): each section saves on its own and shows the core's answer next to its button. */
export function SettingsPage() {
  const { t } = useTranslation();
  return (
    <div className="page settings-page">
      <div className="toolbar">
        <h2>{t('settings.title')}</h2>
      </div>
      <div className="settings-body">
        <div className="settings-row">
          <UpdateSection />
          <StockSection />
        </div>
        <div className="settings-row">
          <CostingSection />
          <IdleLockSection />
        </div>
        <div className="settings-row">
          <ExpiryBandsSection />
          <BackupSection />
        </div>
        <LanSection />
        <PrintSection />
      </div>
    </div>
  );
}
