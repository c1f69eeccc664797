import { z } from 'zod';
import { command, query } from './channel.ts';

/** Where and how often this desk looks for a new version (an intranet web server's folder). */
export interface UpdateSettings {
  /** The folder holding latest.yml and the installers, e.g. http://10.1.2.3/depot-desk/; empty: updates off. */
  url: string;
  checkEveryHours: number;
}

export type UpdateState =
  /** Not a packaged desktop app (CLI, tests, development), or no update URL configured. */
  | 'off'
  | 'idle'
  | 'checking'
  | 'available'
  | 'downloading'
  | 'downloaded'
  | 'error';

export interface UpdateStatus {
  state: UpdateState;
  currentVersion: string;
  /** The version on the server, once one newer than ours was found. */
  version: string | null;
  releaseNotes: string | null;
  /** 0–100 while downloading. */
  percent: number | null;
  /** The operator agreed to restart and install; it happens as soon as no posting is in progress. */
  installRequested: boolean;
  lastCheckAt: string | null;
  error: string | null;
}

export const UPDATE_CHECK_HOURS = { min: 1, max: 168, default: 4 } as const;

/** http(s) only: electron-updater's generic provider fetches over HTTP; a shared folder is served by any web server. */
export const UpdateUrl = z
  .string()
  .trim()
  .max(500)
  .refine((v) => v === '' || (/^https?:\/\/[^\s/?#]+/i.test(v) && URL.canParse(v)), { message: 'update_url' });

export const updateChannels = {
  'update.getSettings': query<UpdateSettings>()(z.object({}), ['admin']),
  'update.setSettings': command<UpdateSettings>()(
    z.object({ url: UpdateUrl, checkEveryHours: z.int().min(UPDATE_CHECK_HOURS.min).max(UPDATE_CHECK_HOURS.max) }),
    ['admin'],
  ),
  'update.status': query<UpdateStatus>()(z.object({}), 'session'),
  /** Fetches the version found by the last check; progress arrives as update.progress events. */
  'update.download': query<UpdateStatus>()(z.object({}), 'signedIn'),
  /** The operator agrees to restart into the downloaded version. Not a stock write, so not a command. */
  'update.install': query<UpdateStatus>()(z.object({}), 'signedIn'),
};
