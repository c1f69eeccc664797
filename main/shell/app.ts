// The Electron entry (bundled to dist/main.js). It owns the window, the menu and the
// session's security settings; everything else is the core, reached through ipc.ts.
import { app, BrowserWindow, dialog, Menu, session, shell, type MenuItemConstructorOptions } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDepot, type Depot } from '../core/depot.ts';
import { startBackups } from '../store/backups.ts';
import { createI18n } from '../../shared/i18n/index.ts';
import { menuTemplate, type MenuItemSpec } from './menu.ts';
import { isAllowedNavigation, rendererEntry, secureWebPreferences, shellLocale, withCsp } from './policy.ts';
import { registerIpc, type Ipc } from './ipc.ts';
import { registerFileDialogs } from './files.ts';
import { startUpdater } from './updater.ts';
import { electronPrintPort } from './print.ts';

// dist/main.js sits beside dist/preload.cjs, dist/renderer/ and dist/migrations/.
const here = dirname(fileURLToPath(import.meta.url));
const rendererRoot = join(here, 'renderer');
const preloadPath = join(here, 'preload.cjs');

let mainWindow: BrowserWindow | null = null;

// Two desks on one database file would fight over it: a second start focuses the first.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.enableSandbox();
  // Windows groups the taskbar button, shortcuts and notifications under the installer's app id.
  if (process.platform === 'win32') app.setAppUserModelId('cn.gov.emergency.depotdesk');
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  // Every web contents, whoever creates it, stays on our page and opens nothing.
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (e, url) => {
      if (!isAllowedNavigation(url, rendererRoot)) e.preventDefault();
    });
    contents.on('will-redirect', (e, url) => {
      if (!isAllowedNavigation(url, rendererRoot)) e.preventDefault();
    });
    contents.on('will-attach-webview', (e) => e.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
  app.on('window-all-closed', () => app.quit());
  app.whenReady().then(start, (e: unknown) => fail(e, ''));
}

function start(): void {
  const locale = shellLocale(app.getLocale());
  const dbPath = join(app.getPath('userData'), 'depot.db');
  let depot: Depot;
  try {
    depot = openDepot({ dbPath, printer: electronPrintPort() });
  } catch (e) {
    fail(e, dbPath);
    return;
  }

  // A backup at start and every few hours, rotated, to the folder in settings (often a USB drive).
  const stopBackups = startBackups(depot.store, dbPath);
  const ses = session.defaultSession;
  ses.webRequest.onHeadersReceived((details, callback) => callback({ responseHeaders: withCsp(details.responseHeaders) }));
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);

  const ipc: Ipc = registerIpc(depot, rendererRoot, locale);
  const stopFileDialogs = registerFileDialogs(rendererRoot);
  Menu.setApplicationMenu(Menu.buildFromTemplate(toElectronMenu(menuTemplate(locale, { devTools: !app.isPackaged }))));

  let closed = false;
  const closeDepot = () => {
    if (closed) return;
    closed = true;
    stopBackups();
    stopFileDialogs();
    ipc.dispose();
    depot.close();
  };
  const updater = startUpdater(depot, ipc, closeDepot);
  // A restore staged on the restore screen is carried out as the depot opens: the app starts again
  // for it, once the screen has said so.
  depot.on('restore.staged', () =>
    setTimeout(() => {
      app.relaunch();
      app.quit();
    }, 2500),
  );
  app.on('will-quit', () => {
    updater.stop();
    closeDepot();
  });

  mainWindow = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: createI18n(locale).t('app.name'),
    backgroundColor: '#ffffff',
    webPreferences: secureWebPreferences(preloadPath),
  });
  ipc.track(mainWindow.webContents);
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => (mainWindow = null));
  void mainWindow.loadFile(rendererEntry(rendererRoot));
}

function toElectronMenu(items: MenuItemSpec[]): MenuItemConstructorOptions[] {
  return items.map(({ command, submenu, ...item }) => ({
    ...item,
    ...(submenu ? { submenu: toElectronMenu(submenu) } : {}),
    ...(command === 'openDataFolder' ? { click: () => void shell.openPath(app.getPath('userData')) } : {}),
  }));
}

function fail(e: unknown, dbPath: string): void {
  const { t } = createI18n(shellLocale(app.getLocale()));
  const message = e instanceof Error ? e.message : String(e);
  dialog.showErrorBox(t('shell.startFailed'), t('shell.startFailedDetail', { message, path: dbPath }));
  app.exit(1);
}
