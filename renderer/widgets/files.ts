import type { DepotFiles } from '../../shared/files.ts';

/** The desktop's own open and save dialogs (the preload's window.depotFiles); null in a browser on the depot server. */
export function shellFiles(): DepotFiles | null {
  return (window as unknown as { depotFiles?: DepotFiles }).depotFiles ?? null;
}
