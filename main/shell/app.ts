// The Electron entry (bundled to dist/main.js). It owns the window, the menu and the
// session's security settings; everything else is the core, reached through ipc.ts.
import { app, BrowserWindow, dialog, Menu, session, shell, type MenuItemConstructorOptions } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDepot, type Depot } from '../core/depot.ts';
import { startBackups } from '../store/backups.ts';
import { createI18n } from '../../shared/i18n/index.ts';
import { menuTemplate, type MenuItemSpec } from './menu.ts';
import { allowsPermission, isAllowedNavigation, isAllowedRemoteNavigation, rendererEntry, secureWebPreferences, SERVER_CONTENT_SECURITY_POLICY, shellLocale, withCsp } from './policy.ts';
import { registerIpc, type Ipc } from './ipc.ts';
import { registerFileDialogs } from './files.ts';
import { startUpdater } from './updater.ts';
import { electronPrintPort } from './print.ts';
import { registerDeskSetup } from './desk.ts';
import { acceptsPinnedCertificate, deskStart, type DeskStart } from '../desk/start.ts';
import { hostOnLan, type Hosting } from '../desk/host.ts';

// dist/main.js sits beside dist/preload.cjs, dist/renderer/ and dist/migrations/.
const here = dirname(fileURLToPath(import.meta.url));
const rendererRoot = join(here, 'renderer');
const preloadPath = join(here, 'preload.cjs');

let mainWindow: BrowserWindow | null = null;
/** The joined depot server's pages (a desk in remote mode), or null: the app's own renderer. */
let remoteOrigin: string | null = null;
/** The depot server this app runs for the LAN (a desk holding the depot and sharing it). */
let hosted: Hosting | null = null;
const allowedNavigation = (url: string) => (remoteOrigin ? isAllowedRemoteNavigation(url, remoteOrigin) : isAllowedNavigation(url, rendererRoot));

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
      if (!allowedNavigation(url)) e.preventDefault();
    });
    contents.on('will-redirect', (e, url) => {
      if (!allowedNavigation(url)) e.preventDefault();
    });
    contents.on('will-attach-webview', (e) => e.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
  app.on('window-all-closed', () => app.quit());
  app.whenReady().then(start, (e: unknown) => fail(e, ''));
}

/**
 * As the desk chose at its first run (main/desk/start.ts): the first-run screen, the depot held
 * here (shared on the LAN or not), or the pages of the depot server this desk joined.
 */
function start(): void {
  const locale = shellLocale(app.getLocale());
  const dbPath = join(app.getPath('userData'), 'depot.db');
  const settingsFile = join(app.getPath('userData'), 'desk.json');
  const plan = deskStart(settingsFile, dbPath);
  const ses = session.defaultSession;
  // The camera for the scan field, asked by our own page; nothing else (main/shell/policy.ts).
  const own = { rendererRoot, origin: plan.kind === 'remote' ? plan.origin : null };
  ses.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(allowsPermission({ permission, url: details.requestingUrl, media: 'mediaTypes' in details ? details.mediaTypes : undefined }, own)),
  );
  ses.setPermissionCheckHandler((contents, permission, _origin, details) =>
    allowsPermission({ permission, url: details.requestingUrl ?? contents?.getURL(), media: details.mediaType ? [details.mediaType] : undefined }, own),
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(toElectronMenu(menuTemplate(locale, { devTools: !app.isPackaged }))));
  if (plan.kind === 'remote') return startRemote(plan, locale);
  ses.webRequest.onHeadersReceived((details, callback) => callback({ responseHeaders: withCsp(details.responseHeaders) }));
  // The first-run screen is the app's own page; once the desk has chosen, the app starts again in that mode.
  const stopDeskSetup = registerDeskSetup(settingsFile, dbPath, rendererRoot, locale, {
    onChosen: () =>
      setTimeout(() => {
        app.relaunch();
        app.quit();
      }, 2500),
    hosting: () => (hosted ? { urls: hosted.urls, code: hosted.code } : null),
  });
  app.on('will-quit', stopDeskSetup);
  if (plan.kind === 'setup') return void openWindow(locale).loadFile(rendererEntry(rendererRoot));
  startLocal(plan.shareOnLan, dbPath, locale);
}

function startLocal(shareOnLan: boolean, dbPath: string, locale: 'zh-CN' | 'en'): void {
  let depot: Depot;
  try {
    depot = openDepot({ dbPath, printer: electronPrintPort() });
  } catch (e) {
    fail(e, dbPath);
    return;
  }

  // A backup at start and every few hours, rotated, to the folder in settings (often a USB drive).
  const stopBackups = startBackups(depot.store, dbPath);
  const ipc: Ipc = registerIpc(depot, rendererRoot, locale);
  const stopFileDialogs = registerFileDialogs(rendererRoot);
  // Shared on the LAN: the depot server runs in this app, on the depot it has open.
  const hosting = shareOnLan ? hostOnLan(depot, { dbPath, rendererDir: rendererRoot }).then((h) => (hosted = h)).catch((e: unknown) => {
    const { t } = createI18n(locale);
    dialog.showErrorBox(t('shell.hostFailed'), t('shell.hostFailedDetail', { message: e instanceof Error ? e.message : String(e) }));
    return null;
  }) : Promise.resolve(null);

  let closed = false;
  const closeDepot = () => {
    if (closed) return;
    closed = true;
    stopBackups();
    stopFileDialogs();
    ipc.dispose();
    void hosting.then((h) => h?.stop()).finally(() => depot.close());
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
  const win = openWindow(locale);
  ipc.track(win.webContents);
  void win.loadFile(rendererEntry(rendererRoot));
}

/**
 * A desk of the depot server: the window shows the server's own pages over HTTPS, trusting the
 * certificate pinned at the first run for that host and no other; the pages talk to the server over
 * its WebSocket (renderer/api.ts), with the link banner, stale marks and re-sent writes of any
 * browser desk. While the server does not answer, the window tries again every few seconds.
 */
function startRemote(plan: Extract<DeskStart, { kind: 'remote' }>, locale: 'zh-CN' | 'en'): void {
  remoteOrigin = plan.origin;
  const ses = session.defaultSession;
  ses.setCertificateVerifyProc((request, callback) => callback(acceptsPinnedCertificate(plan.pinned, request.hostname, request.certificate.data) ? 0 : -2));
  ses.webRequest.onHeadersReceived((details, callback) => callback({ responseHeaders: withCsp(details.responseHeaders, SERVER_CONTENT_SECURITY_POLICY) }));
  const win = openWindow(locale);
  const { t } = createI18n(locale);
  win.webContents.on('did-fail-load', (_e, _code, _text, url, isMainFrame) => {
    if (!isMainFrame) return;
    win.setTitle(t('shell.connecting', { address: new URL(plan.origin).host }));
    setTimeout(() => void win.loadURL(url || plan.origin).catch(() => {}), 3000);
  });
  void win.loadURL(plan.origin).catch(() => {});
}

function openWindow(locale: 'zh-CN' | 'en'): BrowserWindow {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: createI18n(locale).t('app.name'),
    backgroundColor: '#ffffff',
    webPreferences: secureWebPreferences(preloadPath),
  });
  mainWindow = win;
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => (mainWindow = null));
  return win;
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
