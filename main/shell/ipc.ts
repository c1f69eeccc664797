// The only importer of ipcMain: one handler for every contract channel, and events out.
import { ipcMain, webContents, type WebContents } from 'electron';
import type { Depot, Session } from '../core/depot.ts';
import type { EventName, Events } from '../../shared/contract/index.ts';
import { createRouter, forwardEvents, EVENT_CHANNEL, EVENT_NAMES, INVOKE_CHANNEL, type Router } from './router.ts';
import { isTrustedSender } from './policy.ts';

export interface Ipc {
  router: Router;
  /** Sends an event to every window showing our renderer. */
  broadcast<E extends EventName>(name: E, payload: Events[E]): void;
  /** A new window: its session ends when it closes. */
  track(contents: WebContents): void;
  dispose(): void;
}

export function registerIpc(depot: Depot, rendererRoot: string, locale: Session['locale']): Ipc {
  const router = createRouter(depot, rendererRoot, locale);
  ipcMain.handle(INVOKE_CHANNEL, (event, channel: unknown, input: unknown) =>
    // senderFrame is null once the frame navigated away or was destroyed: refused as untrusted.
    router.invoke(event.sender.id, event.senderFrame?.url, channel, input),
  );
  const broadcast = <E extends EventName>(name: E, payload: Events[E]) => {
    for (const contents of webContents.getAllWebContents()) {
      if (!contents.isDestroyed() && isTrustedSender(contents.getURL(), rendererRoot)) contents.send(EVENT_CHANNEL, name, payload);
    }
  };
  const stopForwarding = forwardEvents(depot, EVENT_NAMES, broadcast);
  return {
    router,
    broadcast,
    track(contents) {
      const id = contents.id;
      contents.once('destroyed', () => router.forget(id));
    },
    dispose() {
      stopForwarding();
      ipcMain.removeHandler(INVOKE_CHANNEL);
    },
  };
}
