import type { UpdateState } from '../../shared/contract/update.ts';

const HOUR = 3_600_000;

/** The states in which a new check would only get in the way. */
const BUSY_STATES: readonly UpdateState[] = ['checking', 'downloading', 'downloaded'];

/**
 * Whether to ask the server now: never without a URL or while a check or download runs or an
 * update waits to be installed; on start (no check yet, or the URL changed); then every N hours.
 */
export function shouldCheck(input: { now: number; feedUrl: string | null; lastCheckAt: number | null; everyHours: number; state: UpdateState }): boolean {
  if (!input.feedUrl) return false;
  if (BUSY_STATES.includes(input.state)) return false;
  if (input.lastCheckAt === null) return true;
  return input.now - input.lastCheckAt >= input.everyHours * HOUR;
}

/**
 * Restart into the new version only when it is downloaded, the operator said yes, and no
 * posting is in progress: a write cut off by the restart would leave the operator unsure
 * whether it was saved.
 */
export function shouldInstall(input: { downloaded: boolean; requested: boolean; postingInProgress: boolean }): boolean {
  return input.downloaded && input.requested && !input.postingInProgress;
}
