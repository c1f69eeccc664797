import type { AppUpdater } from 'electron-updater';
import type { EventName, Events } from '../../shared/contract/index.ts';
import type { UpdateSettings, UpdateStatus } from '../../shared/contract/update.ts';
import { effectiveFeedUrl } from './settings.ts';
import { shouldCheck, shouldInstall } from './schedule.ts';
import { checkSignedFeed, FeedError, samePromise, type FeedPromise, type SignedFeedCheck } from './feed-signature.ts';

/** electron-updater's updater, as far as we use it (its autoUpdater in the app; a Linux updater under Node in tests). */
export type UpdaterEngine = Pick<AppUpdater, 'autoDownload' | 'autoInstallOnAppQuit' | 'setFeedURL' | 'checkForUpdates' | 'downloadUpdate' | 'quitAndInstall' | 'on'>;

export interface UpdateControllerOptions {
  engine: UpdaterEngine;
  currentVersion: string;
  /** The admin's settings, read fresh at every tick so a change applies without a restart. */
  readSettings: () => UpdateSettings;
  /** The URL baked into app-update.yml at build time, if any. */
  bakedUrl: string | null;
  /** True while a call into the core is running: never restart under a posting. */
  postingInProgress: () => boolean;
  /** Update events for the windows. */
  emit: <E extends EventName>(event: E, payload: Events[E]) => void;
  /** Runs just before the restart (the shell closes the database cleanly). */
  beforeInstall?: () => void;
  clock?: () => number;
  /** How often the schedule is looked at; checks themselves happen every N hours. */
  tickMs?: number;
  /** How often a requested install looks again for a quiet moment. */
  installRetryMs?: number;
  /**
   * The feed's trust (feed-signature.ts): with the release key built into the app, every feed's
   * signature is checked and electron-updater's reading of it must match; without one, only https or
   * this machine. The app always passes it; a test of the schedule alone may leave it out.
   */
  feedCheck?: SignedFeedCheck;
}

export interface UpdateController {
  status(): UpdateStatus;
  /** Looks at the schedule now: checks if due. Resolves when any check it started is done. */
  tick(): Promise<void>;
  download(): Promise<void>;
  /** The operator agreed: install as soon as downloaded and no posting is in progress. */
  requestInstall(): void;
  /** The settings changed: look again soon. */
  settingsChanged(): void;
  start(startDelayMs?: number): void;
  stop(): void;
}

/**
 * Our logic around electron-updater: when to check, what the windows are told, when to
 * install. It holds no Electron; main/shell/updater.ts hands it electron-updater's autoUpdater.
 */
export function createUpdateController(o: UpdateControllerOptions): UpdateController {
  const clock = o.clock ?? Date.now;
  const engine = o.engine;
  // The operator decides when to download and when to restart.
  engine.autoDownload = false;
  engine.autoInstallOnAppQuit = false;

  let state: UpdateStatus['state'] = 'off';
  let version: string | null = null;
  let releaseNotes: string | null = null;
  let percent: number | null = null;
  let installRequested = false;
  let lastCheckAt: number | null = null;
  let error: string | null = null;
  let feedUrl: string | null = null;
  let timers: ReturnType<typeof setTimeout>[] = [];
  let installTimer: ReturnType<typeof setTimeout> | null = null;
  let installed = false;
  /** What the feed checked last promised (version and files); null: no signature in play. */
  let signed: FeedPromise | null = null;
  /** A feed that is not to be believed: the error is its code (the windows word it), nothing is offered. */
  const distrust = (code: string) => {
    state = 'error';
    error = code;
    version = null;
    releaseNotes = null;
  };

  engine.on('update-available', (info) => {
    // electron-updater read the feed itself: it must be the one whose signature was checked.
    if (signed && !samePromise(signed, info)) return distrust('feed_changed');
    state = 'available';
    version = info.version;
    releaseNotes = notesText(info.releaseNotes);
    o.emit('update.available', { version: info.version, releaseNotes, releaseDate: info.releaseDate ?? null });
  });
  engine.on('update-not-available', () => {
    state = 'idle';
  });
  engine.on('download-progress', (p) => {
    state = 'downloading';
    percent = Math.round(p.percent * 10) / 10;
    o.emit('update.progress', { percent, transferred: p.transferred, total: p.total, bytesPerSecond: p.bytesPerSecond });
  });
  engine.on('update-downloaded', (info) => {
    if (signed && !samePromise(signed, info)) return distrust('feed_changed');
    state = 'downloaded';
    percent = 100;
    version = info.version;
    o.emit('update.downloaded', { version: info.version });
    tryInstall();
  });
  engine.on('error', (e) => {
    state = 'error';
    error = e.message.split('\n')[0] ?? e.message;
  });

  /** Points the engine at the current URL; false when updates are off. */
  function applySettings(settings: UpdateSettings): boolean {
    const url = effectiveFeedUrl(settings.url, o.bakedUrl);
    if (url !== feedUrl) {
      feedUrl = url;
      lastCheckAt = null;
      version = null;
      if (url) engine.setFeedURL({ provider: 'generic', url });
      if (state !== 'downloaded') state = url ? 'idle' : 'off';
    }
    return url !== null;
  }

  async function tick(): Promise<void> {
    const settings = o.readSettings();
    if (!applySettings(settings)) return;
    const now = clock();
    if (!shouldCheck({ now, feedUrl, lastCheckAt, everyHours: settings.checkEveryHours, state })) return;
    lastCheckAt = now;
    state = 'checking';
    error = null;
    try {
      signed = o.feedCheck ? await checkSignedFeed(feedUrl!, o.feedCheck) : null;
    } catch (e) {
      signed = null;
      if (e instanceof FeedError) return distrust(e.code);
      state = 'error';
      error = e instanceof Error ? (e.message.split('\n')[0] ?? e.message) : String(e);
      return;
    }
    try {
      const result = await engine.checkForUpdates();
      // null: the engine is inactive (not a packaged app).
      if (result === null) state = 'off';
      else if (state === 'checking') state = result.isUpdateAvailable ? 'available' : 'idle';
      // The engine's answer to a feed that was changed after its check: refused, not offered.
      if (error === 'feed_changed') state = 'error';
    } catch (e) {
      state = 'error';
      error = e instanceof Error ? (e.message.split('\n')[0] ?? e.message) : String(e);
    }
  }

  function tryInstall(): void {
    if (installTimer) clearTimeout(installTimer);
    installTimer = null;
    if (installed || !installRequested || state !== 'downloaded') return;
    if (!shouldInstall({ downloaded: true, requested: installRequested, postingInProgress: o.postingInProgress() })) {
      installTimer = setTimeout(tryInstall, o.installRetryMs ?? 1000);
      return;
    }
    installed = true;
    o.beforeInstall?.();
    // Silent, then start the new version: the operator already said yes in the app.
    engine.quitAndInstall(true, true);
  }

  return {
    status: () => ({
      state,
      currentVersion: o.currentVersion,
      version,
      releaseNotes,
      percent,
      installRequested,
      lastCheckAt: lastCheckAt === null ? null : new Date(lastCheckAt).toISOString(),
      error,
    }),
    tick,
    async download() {
      if (state !== 'available' && !(state === 'error' && version)) return;
      state = 'downloading';
      percent = 0;
      error = null;
      try {
        await engine.downloadUpdate();
      } catch (e) {
        state = 'error';
        error = e instanceof Error ? (e.message.split('\n')[0] ?? e.message) : String(e);
      }
    },
    requestInstall() {
      installRequested = true;
      tryInstall();
    },
    settingsChanged() {
      const t = setTimeout(() => void tick(), 0);
      timers.push(t);
    },
    start(startDelayMs = 5000) {
      applySettings(o.readSettings());
      const first = setTimeout(() => void tick(), startDelayMs);
      const every = setInterval(() => void tick(), o.tickMs ?? 60_000);
      first.unref?.();
      every.unref?.();
      timers.push(first, every);
    },
    stop() {
      for (const t of timers) clearTimeout(t);
      timers = [];
      if (installTimer) clearTimeout(installTimer);
      installTimer = null;
    },
  };
}

/** Release notes as electron-builder writes them: a string, or a list per version. */
function notesText(notes: string | { version: string; note: string | null }[] | null | undefined): string | null {
  if (!notes) return null;
  if (typeof notes === 'string') return notes;
  return notes.map((n) => `${n.version}: ${n.note ?? ''}`).join('\n');
}
