import { hostname } from 'node:os';
import { Bonjour, type Service, type ServiceConfig } from 'bonjour-service';

/**
 * Finding the depot server on the LAN by DNS-SD (multicast DNS, RFC 6762/6763; what Open mSupply
 * does): the server advertises `_depot-desk._tcp` under the depot's name, and a join screen lists
 * what it hears. Where multicast is blocked (many hospital and government networks) the operator
 * types the address instead. Being found is not being trusted: whoever answers is checked by the
 * pinned certificate (main/server/join.ts), never by what it advertises.
 */
export const SERVICE_TYPE = 'depot-desk';

export interface Advertised {
  /** The depot's name (设置 → depot.name), or the machine's when none is set: what the join screen lists. */
  name: string;
  port: number;
  tls: boolean;
}

/** A depot server heard on the LAN. */
export interface FoundServer {
  name: string;
  /** The server machine's host name and the addresses it answered with (IPv4 first). */
  host: string;
  addresses: string[];
  port: number;
  tls: boolean;
  /** What to hand to join.ts: the first address and the port. */
  address: string;
}

/** DNS-SD instance names are at most 63 bytes of UTF-8 (a Chinese character is 3). */
const MAX_NAME_BYTES = 63;

export function instanceName(depotName: string, host = hostname()): string {
  let name = depotName.trim() || `Depot Desk ${host}`;
  while (Buffer.byteLength(name) > MAX_NAME_BYTES) name = [...name].slice(0, -1).join('');
  return name;
}

/** The record the server publishes: its name, port and whether it speaks TLS; the path of its WebSocket. */
export function advertisement({ name, port, tls }: Advertised): ServiceConfig {
  return { name: instanceName(name), type: SERVICE_TYPE, protocol: 'tcp', port, txt: { v: '1', tls: tls ? '1' : '0', path: '/depot' } };
}

/** A heard service as the join screen lists it. */
export function foundServer(service: Pick<Service, 'name' | 'host' | 'port' | 'addresses' | 'txt'>): FoundServer {
  const addresses = [...(service.addresses ?? [])].sort((a, b) => Number(a.includes(':')) - Number(b.includes(':')));
  const first = addresses[0] ?? service.host;
  const txt = (service.txt ?? {}) as Record<string, unknown>;
  return {
    name: service.name,
    host: service.host,
    addresses,
    port: service.port,
    tls: String(txt.tls) !== '0',
    address: `${first.includes(':') ? `[${first}]` : first}:${service.port}`,
  };
}

/** Advertises the server until stop(); errors (no network, a name taken) are reported, never thrown. */
export function advertiseDepot(advertised: Advertised, onError: (e: Error) => void = () => {}): { stop(): Promise<void> } {
  const bonjour = new Bonjour({}, (e: Error) => onError(e));
  const service = bonjour.publish(advertisement(advertised));
  service.on('error', (e: Error) => onError(e));
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        bonjour.unpublishAll(() => bonjour.destroy(() => resolve()));
      }),
  };
}

/** Listens for depot servers for `ms` milliseconds and returns those heard, by name. */
export function browseDepots(ms = 3000): Promise<FoundServer[]> {
  const bonjour = new Bonjour({}, () => {});
  const browser = bonjour.find({ type: SERVICE_TYPE, protocol: 'tcp' });
  return new Promise((resolve) => {
    setTimeout(() => {
      const found = browser.services.map(foundServer).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
      browser.stop();
      bonjour.destroy(() => resolve(found));
    }, ms);
  });
}
