import type { Store } from '../store/db.ts';
import { UPDATE_CHECK_HOURS, type UpdateSettings } from '../../shared/contract/update.ts';

/** Keys in the settings table. */
export const UPDATE_URL_KEY = 'update.url';
export const UPDATE_HOURS_KEY = 'update.checkEveryHours';

/**
 * The host electron-builder.yml bakes in when IT gives no URL at build time: `.invalid` never
 * resolves (RFC 2606), so an unconfigured desk never reaches out anywhere.
 */
export const PLACEHOLDER_HOST = 'updates.invalid';

export function readUpdateSettings(store: Store): UpdateSettings {
  const rows = store.all<{ key: string; value: string }>('SELECT key, value FROM settings WHERE key IN (?, ?)', [UPDATE_URL_KEY, UPDATE_HOURS_KEY]);
  const get = (key: string) => rows.find((r) => r.key === key)?.value;
  const hours = Number(get(UPDATE_HOURS_KEY));
  return {
    url: get(UPDATE_URL_KEY) ?? '',
    checkEveryHours: Number.isInteger(hours) && hours >= UPDATE_CHECK_HOURS.min ? hours : UPDATE_CHECK_HOURS.default,
  };
}

export function writeUpdateSettings(store: Store, settings: UpdateSettings): void {
  const upsert = 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value';
  store.run(upsert, [UPDATE_URL_KEY, settings.url]);
  store.run(upsert, [UPDATE_HOURS_KEY, String(settings.checkEveryHours)]);
}

/** The folder URL with a trailing slash, so latest.yml resolves inside it and not beside it. */
export const asFolderUrl = (url: string): string => (url.endsWith('/') ? url : `${url}/`);

/**
 * The generic-provider URL this desk uses: the admin's setting wins; otherwise the URL IT baked
 * into app-update.yml at build time (npm run release -- --url …), unless that is the placeholder.
 * null: updates are off.
 */
export function effectiveFeedUrl(settingUrl: string, bakedUrl: string | null): string | null {
  if (settingUrl.trim()) return asFolderUrl(settingUrl.trim());
  if (!bakedUrl) return null;
  try {
    if (new URL(bakedUrl).hostname === PLACEHOLDER_HOST) return null;
  } catch {
    return null;
  }
  return asFolderUrl(bakedUrl);
}

/**
 * The url of a generic provider in an app-update.yml as electron-builder writes it
 * (`provider: generic` / `url: …` lines); null when it holds none.
 */
export function bakedFeedUrl(appUpdateYml: string): string | null {
  if (!/^provider:\s*generic\s*$/m.test(appUpdateYml)) return null;
  const m = /^url:\s*['"]?([^'"\s]+)['"]?\s*$/m.exec(appUpdateYml);
  return m?.[1] ?? null;
}
