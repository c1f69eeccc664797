// The sandboxed preload: a single CommonJS bundle (dist/preload.cjs) that may require only
// 'electron'. It knows the contract's channel names (injected at build time, so no zod here)
// and nothing else.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createBridge } from './bridge.ts';
import { DESK_CHANNEL, EVENT_CHANNEL, FILE_CHANNEL, INVOKE_CHANNEL } from './channels.ts';
import type { DepotFiles } from '../../shared/files.ts';
import type { DepotDesk } from '../../shared/desk.ts';

declare const __DEPOT_CHANNELS__: readonly string[];

// Only the app's own pages (file://) get the bridges. A desk that joined the depot server shows the
// server's pages, which talk to the server over its WebSocket as any browser does (renderer/api.ts).
if (location.protocol === 'file:') {
  const bridge = createBridge(__DEPOT_CHANNELS__, {
    invoke: (channel, input) => ipcRenderer.invoke(INVOKE_CHANNEL, channel, input),
    subscribe(listener) {
      const handler = (_e: IpcRendererEvent, name: string, payload: unknown) => listener(name, payload);
      ipcRenderer.on(EVENT_CHANNEL, handler);
      return () => void ipcRenderer.removeListener(EVENT_CHANNEL, handler);
    },
  });
  contextBridge.exposeInMainWorld('depot', bridge);

  // Files through the desktop's own dialogs: the main process checks the request and remembers the folder.
  const files: DepotFiles = { choose: (request) => ipcRenderer.invoke(FILE_CHANNEL, request) as Promise<string | null> };
  contextBridge.exposeInMainWorld('depotFiles', files);

  // The first run: hold the depot here or join the server (main/shell/desk.ts).
  const desk: DepotDesk = {
    state: () => ipcRenderer.invoke(DESK_CHANNEL, 'state'),
    discover: () => ipcRenderer.invoke(DESK_CHANNEL, 'discover'),
    inspect: (address) => ipcRenderer.invoke(DESK_CHANNEL, 'inspect', address),
    join: (address, fingerprint) => ipcRenderer.invoke(DESK_CHANNEL, 'join', address, fingerprint),
    host: (shareOnLan) => ipcRenderer.invoke(DESK_CHANNEL, 'host', shareOnLan),
  };
  contextBridge.exposeInMainWorld('depotDesk', desk);
}
