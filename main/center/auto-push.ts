import type { KeyObject } from 'node:crypto';
import type { Locale } from '../../shared/domain.ts';
import type { Store } from '../store/db.ts';
import { pushOutbox, type CenterLink, type PushResult } from './sync.ts';
import { pullCatalogue } from './catalogue-pull.ts';
import { forgetCenter, rememberCenter } from './city-views.ts';

export interface AutoPush {
  /** Pushes now (a posting just happened, or an admin asked); resolves with the outcome. */
  nudge(): Promise<PushResult>;
  stop(): Promise<void>;
}

/**
 * The depot server pushes by itself (and takes the center's catalogue changes in the same round): every `everyMs` while the center answers, and after a failed
 * try it waits longer each time (up to `maxBackoffMs`), so a depot cut off for a day does not
 * hammer a link that is not there. One push at a time; a push in flight finishes before stop().
 */
export function startAutoPush(
  store: Store,
  depot: string,
  key: KeyObject,
  link: CenterLink,
  {
    everyMs = 60_000,
    maxBackoffMs = 15 * 60_000,
    locale = 'zh-CN' as Locale,
    onResult = (_r: PushResult) => {},
    onCatalogue = (_r: Awaited<ReturnType<typeof pullCatalogue>>) => {},
    /** More of the same round once the center answered (the depot server drafts incoming transfers here). */
    onRound = async () => {},
  } = {},
): AutoPush {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  // While it pushes, the depot's desks can ask the same center for the city's figures.
  rememberCenter(store, { depot, key, link });
  let running: Promise<PushResult> | undefined;
  // The first try at once: a depot server starting after a day offline has the most to send.
  let wait = 0;

  const schedule = () => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => void run(), wait);
    timer.unref();
  };
  const run = (): Promise<PushResult> => {
    if (running) return running;
    running = pushOutbox(store, depot, key, link, locale)
      .then(async (r) => {
        // The same round brings the center's catalogue changes, once the center is known to answer.
        if (r.ok) onCatalogue(await pullCatalogue(store, depot, key, link, locale));
        if (r.ok) await onRound();
        wait = r.ok ? everyMs : Math.min(maxBackoffMs, Math.max(everyMs, wait * 2));
        onResult(r);
        return r;
      })
      .finally(() => {
        running = undefined;
        schedule();
      });
    return running;
  };
  schedule();
  return {
    // A push already in flight may have read the outbox before the posting that nudges: wait for it, then push again.
    async nudge() {
      await running?.catch(() => undefined);
      return run();
    },
    async stop() {
      stopped = true;
      forgetCenter(store);
      clearTimeout(timer);
      await running?.catch(() => undefined);
    },
  };
}
