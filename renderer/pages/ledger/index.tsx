import type { Page } from '../index.tsx';
import { DashboardPage } from './DashboardPage.tsx';
import { ExportPage } from './ExportPage.tsx';
import { ImportPage } from './ImportPage.tsx';
import { StatisticsPage } from './StatisticsPage.tsx';

/** 看板, 统计 (with the briefing, 扎账 and 交接班), 导出台账 and Excel 导入. */
export const ledgerPages: Page[] = [
  { id: 'dashboard', opens: 'stats.daily', render: () => <DashboardPage /> },
  { id: 'statistics', opens: 'stats.summary', render: (role) => <StatisticsPage role={role} /> },
  { id: 'export', opens: 'ledger.export', render: () => <ExportPage /> },
  { id: 'imports', opens: 'import.preview', render: (role) => <ImportPage role={role} /> },
];
