import type { Locale } from '../../shared/domain.ts';
import { createI18n } from '../../shared/i18n/index.ts';

/** The subset of Electron's MenuItemConstructorOptions the menu uses: plain data, built and tested without Electron. */
export interface MenuItemSpec {
  label?: string;
  role?: 'quit' | 'undo' | 'redo' | 'cut' | 'copy' | 'paste' | 'selectAll' | 'reload' | 'toggleDevTools' | 'resetZoom' | 'zoomIn' | 'zoomOut' | 'togglefullscreen' | 'minimize' | 'close' | 'about';
  type?: 'separator';
  accelerator?: string;
  /** A command the shell carries out (not a role Electron knows). */
  command?: 'openDataFolder';
  submenu?: MenuItemSpec[];
}

/**
 * 文件 / 编辑 / 视图 / 帮助, each item labelled in the operator's language. Every entry is an
 * Electron role or a named shell command, so the menu holds no logic.
 * Developer tools are offered only to a development build.
 */
export function menuTemplate(locale: Locale, options: { devTools: boolean }): MenuItemSpec[] {
  const { t } = createI18n(locale);
  const item = (role: NonNullable<MenuItemSpec['role']>, key: string): MenuItemSpec => ({ role, label: t(`menu.${key}`) });
  const sep: MenuItemSpec = { type: 'separator' };
  return [
    {
      label: t('menu.file'),
      submenu: [{ label: t('menu.openDataFolder'), command: 'openDataFolder' }, sep, item('quit', 'quit')],
    },
    {
      label: t('menu.edit'),
      submenu: [item('undo', 'undo'), item('redo', 'redo'), sep, item('cut', 'cut'), item('copy', 'copy'), item('paste', 'paste'), item('selectAll', 'selectAll')],
    },
    {
      label: t('menu.view'),
      submenu: [
        item('reload', 'reload'),
        ...(options.devTools ? [item('toggleDevTools', 'toggleDevTools')] : []),
        sep,
        item('resetZoom', 'resetZoom'),
        item('zoomIn', 'zoomIn'),
        item('zoomOut', 'zoomOut'),
        sep,
        item('togglefullscreen', 'fullscreen'),
      ],
    },
    {
      label: t('menu.help'),
      submenu: [item('about', 'about')],
    },
  ];
}
