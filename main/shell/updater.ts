// The thin adapter between electron-updater's autoUpdater and our update controller.
import { app, net } from 'electron';
import electronUpdater from 'electron-updater';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Depot } from '../core/depot.ts';
import { createUpdateController, type UpdateController } from '../update/controller.ts';
import { setUpdateController } from '../update/registry.ts';
import { bakedFeedUrl, readUpdateSettings } from '../update/settings.ts';
import type { Ipc } from './ipc.ts';

export function startUpdater(depot: Depot, ipc: Ipc, beforeInstall: () => void): UpdateController {
  const { autoUpdater } = electronUpdater;
  // electron-builder writes app-update.yml into resources/ (the URL given at build time, or the placeholder).
  const appUpdateYml = join(process.resourcesPath, 'app-update.yml');
  const bakedUrl = existsSync(appUpdateYml) ? bakedFeedUrl(readFileSync(appUpdateYml, 'utf8')) : null;
  // The release key's public half, placed by IT at build time (build/update-key.pem): with it every
  // feed must carry a valid signature; without it only https (or this machine) is believed.
  const keyFile = join(process.resourcesPath, 'update-key.pem');
  const publicKey = existsSync(keyFile) ? readFileSync(keyFile, 'utf8') : null;
  const controller = createUpdateController({
    engine: autoUpdater,
    feedCheck: {
      publicKey,
      channelFile: process.platform === 'win32' ? 'latest.yml' : 'latest-linux.yml',
      fetch: async (url) => {
        const r = await net.fetch(url, { cache: 'no-store' });
        return r.ok ? Buffer.from(await r.arrayBuffer()) : null;
      },
    },
    currentVersion: app.getVersion(),
    readSettings: () => readUpdateSettings(depot.store),
    bakedUrl,
    postingInProgress: () => ipc.router.inFlight() > 0,
    emit: ipc.broadcast,
    beforeInstall,
  });
  setUpdateController(controller);
  // A development run (electron .) has nothing to update.
  if (app.isPackaged) controller.start();
  return controller;
}
