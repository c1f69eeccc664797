import { X509Certificate } from 'node:crypto';
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import type { DeskState } from '../../shared/desk.ts';
import { shortCode } from '../server/certificate.ts';
import { readDeskSettings, type DeskSettings, type PinnedServer } from '../server/join.ts';

/**
 * What the desktop app does as it starts, from the desk's settings file (desk.json beside the
 * app's data): the first-run screen, the depot held here (and shared on the LAN or not), or the
 * depot server this desk joined. A desk that already holds a depot file from before the choice
 * existed goes on holding it: it is never sent to the first-run screen over its own data.
 */
export type DeskStart =
  | { kind: 'setup' }
  | { kind: 'local'; shareOnLan: boolean }
  | { kind: 'remote'; origin: string; pinned: PinnedServer };

export function deskStart(settingsFile: string, localDepotFile: string): DeskStart {
  const settings = readDeskSettings(settingsFile);
  if (settings.mode === 'remote' && settings.server?.url && settings.server.fingerprint && settings.server.cert) {
    return { kind: 'remote', origin: serverOrigin(settings.server), pinned: settings.server };
  }
  if (settings.mode === 'local' || existsSync(localDepotFile)) return { kind: 'local', shareOnLan: settings.shareOnLan === true };
  return { kind: 'setup' };
}

/** What the first-run screen is told: as deskStart decides (a depot file already here counts as holding it). */
export function deskState(settingsFile: string, localDepotFile?: string, hosting: DeskState['hosting'] = null): DeskState {
  const s = readDeskSettings(settingsFile);
  const mode = s.mode === 'local' || s.mode === 'remote' ? s.mode : localDepotFile !== undefined && existsSync(localDepotFile) ? 'local' : 'undecided';
  return {
    mode,
    shareOnLan: mode === 'local' && s.shareOnLan === true,
    server: mode === 'remote' && s.server ? { address: new URL(s.server.url).host, code: shortCode(s.server.fingerprint) } : null,
    hosting: mode === 'local' ? hosting : null,
  };
}

/** Writes the desk's settings whole or not at all (a crash while writing leaves the previous file). */
export function writeDeskSettings(file: string, change: Partial<DeskSettings>): void {
  writeFileSync(`${file}.partial`, JSON.stringify({ ...readDeskSettings(file), ...change }, null, 2), { mode: 0o600 });
  renameSync(`${file}.partial`, file);
}

/** The joined server's pages: the desktop window opens https://host:port/ (the server serves the renderer). */
export const serverOrigin = (pinned: Pick<PinnedServer, 'url'>): string => {
  const url = new URL(pinned.url);
  return `https://${url.host}/`;
};

/**
 * Whether the certificate a page of the joined server presents is the pinned one: the desktop
 * window trusts that certificate for that host and port and nothing else (no system CA makes a
 * LAN server trusted, and the pinned certificate is trusted nowhere else).
 */
export function acceptsPinnedCertificate(pinned: Pick<PinnedServer, 'url' | 'fingerprint'>, host: string, certificatePem: string): boolean {
  if (host.replace(/^\[|\]$/g, '') !== new URL(pinned.url).hostname.replace(/^\[|\]$/g, '')) return false;
  try {
    return new X509Certificate(certificatePem).fingerprint256 === pinned.fingerprint;
  } catch {
    return false;
  }
}
