import type { DepotBridge } from '../../shared/contract/index.ts';

/** What the preload gets from ipcRenderer: send one call, hear every event. */
export interface BridgeTransport {
  invoke(channel: string, input: unknown): Promise<unknown>;
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
}

/**
 * window.depot: calls only the contract's channels (refused here, before anything is sent),
 * one argument object in, one Result out; listeners hear only the event they asked for.
 * Kept free of Electron so it runs under Node in tests; preload.ts hands it ipcRenderer.
 */
export function createBridge(channelNames: readonly string[], transport: BridgeTransport): DepotBridge {
  const known = new Set(channelNames);
  return {
    invoke(channel, input) {
      if (typeof channel !== 'string' || !known.has(channel)) {
        return Promise.reject(new Error(`Unknown channel: ${String(channel)}`));
      }
      return transport.invoke(channel, input) as ReturnType<DepotBridge['invoke']>;
    },
    on(event, listener) {
      if (typeof listener !== 'function') throw new TypeError('listener must be a function');
      return transport.subscribe((name, payload) => {
        if (name === event) listener(payload as never);
      });
    },
  };
}
