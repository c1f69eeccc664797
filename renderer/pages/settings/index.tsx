import type { Page } from '../index.tsx';
import { SettingsPage } from './SettingsPage.tsx';

/** 设置: the admin's page (update server, expiry warning, printing). */
export const settingsPages: Page[] = [{ id: 'settings', opens: 'update.getSettings', render: () => <SettingsPage /> }];
