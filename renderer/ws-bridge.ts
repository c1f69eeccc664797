import { isChannel, type DepotBridge } from '../shared/contract/index.ts';
import type { Result } from '../shared/errors.ts';

/**
 * window.depot for a plain browser (a tablet, a handheld, a desk without Electron): the same
 * contract over the depot server's WebSocket. Calls wait while the link is down and are sent
 * again, with the same request id, when it is back — a write whose answer was lost is answered
 * by the core from its request log, never posted twice. The server names the desk's session in its
 * first message; reconnecting with it, the desk is still signed in (even after a restart of the server).
 */
/** up: the link to the server is there; signedOut: the server no longer knew this desk's session (the desk signs in again). */
export type LinkListener = (up: boolean, signedOut: boolean) => void;

export function connectToServer(url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/depot`): DepotBridge & { onLink(listener: LinkListener): () => void } {
  let ws: WebSocket | null = null;
  let up = false;
  let session: string | null = null;
  let next = 1;
  const pending = new Map<number, { message: string; resolve: (r: Result<never>) => void }>();
  const listeners = new Set<(event: string, payload: unknown) => void>();
  const linkListeners = new Set<LinkListener>();
  const setUp = (value: boolean, signedOut = false) => {
    up = value;
    linkListeners.forEach((l) => l(value, signedOut));
  };

  function open(delay = 0) {
    setTimeout(() => {
      const socket = new WebSocket(session ? `${url}?session=${encodeURIComponent(session)}` : url);
      ws = socket;
      socket.onmessage = (e) => {
        let m: { id?: number | null; result?: Result<never>; event?: string; payload?: unknown; session?: string; resumed?: boolean };
        try {
          m = JSON.parse(String(e.data)) as typeof m;
        } catch {
          return;
        }
        if (typeof m.session === 'string') {
          // The session is attached before anything is sent again: a re-sent write is the signed-in desk's.
          // A session the server forgot (unseen for hours) is not someone else's: what is re-sent is
          // refused as not signed in, nothing is written, and the desk shows its sign-in again.
          const forgotten = session !== null && m.resumed !== true;
          session = m.session;
          delay = 0; // a link that was up starts its retries afresh
          setUp(true, forgotten);
          for (const p of pending.values()) socket.send(p.message);
          return;
        }
        if (m.event) return listeners.forEach((l) => l(m.event!, m.payload));
        const p = typeof m.id === 'number' ? pending.get(m.id) : undefined;
        if (p && m.result) {
          pending.delete(m.id as number);
          p.resolve(m.result);
        }
      };
      socket.onclose = () => {
        if (up) setUp(false);
        open(Math.min(5000, delay * 2 || 500));
      };
    }, delay);
  }
  open();

  return {
    invoke(channel, input) {
      // Only the contract's channels leave the page (as the desktop app's preload bridge does).
      if (!isChannel(channel)) return Promise.reject(new Error(`Unknown channel: ${String(channel)}`));
      const id = next++;
      const message = JSON.stringify({ id, channel, input });
      return new Promise((resolve) => {
        pending.set(id, { message, resolve: resolve as (r: Result<never>) => void });
        if (up && ws?.readyState === WebSocket.OPEN) ws.send(message);
      }) as ReturnType<DepotBridge['invoke']>;
    },
    on(event, listener) {
      const l = (name: string, payload: unknown) => {
        if (name === event) listener(payload as never);
      };
      listeners.add(l);
      return () => void listeners.delete(l);
    },
    onLink(listener: LinkListener) {
      linkListeners.add(listener);
      return () => void linkListeners.delete(listener);
    },
  };
}
