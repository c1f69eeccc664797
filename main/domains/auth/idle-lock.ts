import type { Store } from '../../store/db.ts';
import { IDLE_LOCK_MINUTES } from '../../../shared/contract/auth.ts';

/** The settings key of the idle lock (minutes; 0 never); absent means the default. */
export const IDLE_LOCK_KEY = 'auth.idleLockMinutes';

export function idleLockMinutes(store: Store): number {
  const value = store.first<{ value: string }>('SELECT value FROM settings WHERE key = ?', [IDLE_LOCK_KEY])?.value;
  const minutes = Number(value);
  return value !== undefined && Number.isInteger(minutes) && minutes >= 0 ? minutes : IDLE_LOCK_MINUTES.default;
}

export function setIdleLockMinutes(store: Store, minutes: number): void {
  store.run('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [IDLE_LOCK_KEY, String(minutes)]);
}
