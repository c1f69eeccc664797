import { isChannel, type EventName, type Events } from '../../shared/contract/index.ts';
import type { Result } from '../../shared/errors.ts';
import type { Depot, Session } from '../core/depot.ts';
import { isTrustedSender } from './policy.ts';

export { INVOKE_CHANNEL, EVENT_CHANNEL } from './channels.ts';

export class UntrustedSenderError extends Error {
  constructor(url: string | null | undefined) {
    super(`IPC from an untrusted frame refused: ${url ?? '(no frame)'}`);
    this.name = 'UntrustedSenderError';
  }
}

export interface Router {
  /** One renderer call: refused unless it comes from our own file:// page and names a contract channel. */
  invoke(senderId: number, senderUrl: string | null | undefined, channel: unknown, input: unknown): Promise<Result<unknown>>;
  /** A window closed: its session (who is signed in there) goes with it. */
  forget(senderId: number): void;
  /** Calls in flight right now: the updater never restarts the app under one. */
  inFlight(): number;
}

/**
 * What ipc.ts does, without Electron: checks the sender, keeps one core session per window
 * (so signing in at one window signs in nobody else), and passes the call to the core.
 */
export function createRouter(depot: Depot, rendererRoot: string, defaultLocale: Session['locale'] = 'zh-CN'): Router {
  const sessions = new Map<number, Session>();
  let running = 0;
  return {
    async invoke(senderId, senderUrl, channel, input) {
      if (!isTrustedSender(senderUrl, rendererRoot)) throw new UntrustedSenderError(senderUrl);
      let session = sessions.get(senderId);
      if (!session) sessions.set(senderId, (session = depot.createSession(defaultLocale)));
      // The core answers a name outside the contract with a translated refusal and touches nothing.
      // (A non-string is never turned into a name: an object's toString could spell a real channel.)
      if (!isChannel(channel)) return depot.invoke((typeof channel === 'string' ? channel : typeof channel) as never, input, session);
      running++;
      try {
        return await depot.invoke(channel, input, session);
      } finally {
        running--;
      }
    },
    forget: (senderId) => void sessions.delete(senderId),
    inFlight: () => running,
  };
}

/**
 * Every event name, so the shell can subscribe to each: adding an event to Events without
 * listing it here does not compile.
 */
export const EVENT_NAMES = ['data.changed', 'job.progress', 'job.done', 'update.available', 'update.progress', 'update.downloaded', 'restore.staged'] as const satisfies readonly EventName[];
type Missing = Exclude<EventName, (typeof EVENT_NAMES)[number]>;
const allListed: [Missing] extends [never] ? true : Missing = true;
void allListed;

/** Core events go to every window as (name, payload) on one channel. */
export function forwardEvents(
  depot: Pick<Depot, 'on'>,
  names: readonly EventName[],
  send: <E extends EventName>(name: E, payload: Events[E]) => void,
): () => void {
  const offs = names.map((name) => depot.on(name, (payload) => send(name, payload)));
  return () => offs.forEach((off) => off());
}
