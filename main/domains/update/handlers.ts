import type { updateChannels } from '../../../shared/contract/update.ts';
import type { UpdateStatus } from '../../../shared/contract/update.ts';
import type { DomainHandlers } from '../../core/handlers.ts';
import { audit } from '../../core/audit.ts';
import { readUpdateSettings, writeUpdateSettings } from '../../update/settings.ts';
import { updateController } from '../../update/registry.ts';
import pkg from '../../../package.json' with { type: 'json' };

/** Outside the packaged desktop app (CLI, tests) there is no updater. */
const off = (): UpdateStatus => ({
  state: 'off',
  currentVersion: pkg.version,
  version: null,
  releaseNotes: null,
  percent: null,
  installRequested: false,
  lastCheckAt: null,
  error: null,
});

export const updateHandlers: DomainHandlers<typeof updateChannels> = {
  'update.getSettings': (_input, ctx) => readUpdateSettings(ctx.store),

  'update.setSettings': ({ url, checkEveryHours }, ctx) => {
    const before = readUpdateSettings(ctx.store);
    const after = { url, checkEveryHours };
    writeUpdateSettings(ctx.store, after);
    audit(ctx, 'update', 'settings', 'update', before, after);
    updateController()?.settingsChanged();
    return after;
  },

  'update.status': () => updateController()?.status() ?? off(),

  'update.download': async () => {
    const controller = updateController();
    if (!controller) return off();
    // Answers at once; progress and the end arrive as update.* events.
    void controller.download();
    return controller.status();
  },

  'update.install': () => {
    const controller = updateController();
    if (!controller) return off();
    controller.requestInstall();
    return controller.status();
  },
};
