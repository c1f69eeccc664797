import type { DepotBridge } from '../shared/contract/index.ts';
import type { Result } from '../shared/errors.ts';

/**
 * window.depot for a plain browser (a tablet, a handheld, a desk without Electron): the same
 * contract over the depot server's WebSocket. Calls wait while the link is down and are sent
 * again, with the same request id, when it is back — a write whose answer was lost is answered
 * by the core from its request log, never posted twice.
 */
export function connectToServer(url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/depot`): DepotBridge & { onLink(listener: (up: boolean) => void): () => void } {
  let ws: WebSocket | null = null;
  let up = false;
  let next = 1;
  const pending = new Map<number, { message: string; resolve: (r: Result<never>) => void }>();
  const listeners = new Set<(event: string, payload: unknown) => void>();
  const linkListeners = new Set<(up: boolean) => void>();
  const setUp = (value: boolean) => {
    up = value;
    linkListeners.forEach((l) => l(value));
  };

  function open(delay = 0) {
    setTimeout(() => {
      const socket = new WebSocket(url);
      ws = socket;
      socket.onopen = () => {
        setUp(true);
        for (const p of pending.values()) socket.send(p.message);
      };
      socket.onmessage = (e) => {
        const m = JSON.parse(String(e.data)) as { id?: number | null; result?: Result<never>; event?: string; payload?: unknown };
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
    onLink(listener) {
      linkListeners.add(listener);
      return () => void linkListeners.delete(listener);
    },
  };
}
