import { networkInterfaces } from 'node:os';
import type { Depot } from '../core/depot.ts';
import { serverCertificate } from '../server/certificate.ts';
import { advertiseDepot } from '../server/discovery.ts';
import { DEFAULT_PORT } from '../server/join.ts';
import { serveDepot } from '../server/serve.ts';
import { depotName } from '../domains/print/settings.ts';

/** This machine's IPv4 addresses on its networks: what the desks type. */
export const lanAddresses = (): string[] =>
  Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .filter((a) => a.family === 'IPv4' && !a.internal)
    .map((a) => a.address);

export interface Hosting {
  /** https://…:port/ — what a browser on the LAN opens. */
  url: string;
  /** The same at each of this machine's LAN addresses (the listening address itself on loopback). */
  urls: string[];
  /** The certificate's short code, for the admin to compare when a desk joins. */
  code: string;
  stop(): Promise<void>;
}

/**
 * A desktop app that holds the depot and shares it on the LAN: the same depot server `depot serve`
 * runs (HTTPS and WSS with the certificate made beside the database, DNS-SD under the depot's name),
 * inside the app, on the depot the app already has open — one process owns the database file.
 */
export async function hostOnLan(depot: Depot, { dbPath, rendererDir, host = '0.0.0.0', port = DEFAULT_PORT, advertise = true, onAdvertiseError = () => {} }: {
  dbPath: string;
  rendererDir: string;
  host?: string;
  port?: number;
  /** DNS-SD under the depot's name (off only where multicast must not be sent, as in tests). */
  advertise?: boolean;
  onAdvertiseError?: (e: Error) => void;
}): Promise<Hosting> {
  const certificate = await serverCertificate(dbPath);
  const server = await serveDepot(depot, { host, port, rendererDir, sessionsFile: `${dbPath}.sessions.json`, tls: certificate });
  const advertised = advertise ? advertiseDepot({ name: depotName(depot.store), port: Number(new URL(server.url).port), tls: true }, onAdvertiseError) : null;
  const { protocol, hostname, port: shown } = new URL(server.url);
  const anyAddress = hostname === '0.0.0.0' || hostname === '[::]';
  return {
    url: server.url,
    urls: anyAddress ? lanAddresses().map((ip) => `${protocol}//${ip}:${shown}/`) : [server.url],
    code: certificate.code,
    stop: async () => {
      await Promise.all([advertised?.stop(), server.close()]);
    },
  };
}
