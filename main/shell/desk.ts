// The first-run screen's calls (window.depotDesk in the preload): a trusted page asks, main/desk/
// answers; once the desk has chosen, the app starts again in that mode.
import { ipcMain } from 'electron';
import type { DepotDesk } from '../../shared/desk.ts';
import type { Locale } from '../../shared/domain.ts';
import { createDeskSetup, type Hosting } from '../desk/setup.ts';
import { DESK_CHANNEL } from './channels.ts';
import { isTrustedSender } from './policy.ts';

const METHODS = ['state', 'discover', 'inspect', 'join', 'host'] as const satisfies readonly (keyof DepotDesk)[];

export function registerDeskSetup(
  settingsFile: string,
  localDepotFile: string,
  rendererRoot: string,
  locale: Locale,
  { onChosen, hosting }: { onChosen(): void; hosting(): Hosting | null },
): () => void {
  const setup = createDeskSetup(settingsFile, { locale, localDepotFile, hosting });
  ipcMain.handle(DESK_CHANNEL, async (event, method: unknown, ...args: unknown[]) => {
    if (!isTrustedSender(event.senderFrame?.url, rendererRoot)) return null;
    if (!(METHODS as readonly unknown[]).includes(method)) return null;
    const m = method as (typeof METHODS)[number];
    const answer: unknown = await (setup[m] as (...a: unknown[]) => Promise<unknown>)(...args);
    if ((m === 'join' || m === 'host') && (answer as { ok?: boolean }).ok === true) onChosen();
    return answer;
  });
  return () => ipcMain.removeHandler(DESK_CHANNEL);
}
