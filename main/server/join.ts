import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions, type PeerCertificate } from 'node:tls';
import WebSocket from 'ws';
import type { Locale } from '../../shared/domain.ts';
import type { AppError, ErrorCode, Result } from '../../shared/errors.ts';
import { i18nFor } from '../../shared/i18n/index.ts';
import { shortCode } from './certificate.ts';

/**
 * A desk joining the depot server (Node side: the Electron shell's main process, or a test). A LAN
 * has no certificate authority, so the desk trusts the server's one self-signed certificate by
 * pinning it: `inspectServer` shows the certificate the server presents now (its short code, which
 * the admin compares once with the code the server printed), `pinServer` keeps it in the desk's
 * settings file, and `joinServer` connects over WSS trusting that certificate and no other. A changed
 * certificate is refused during the TLS handshake — before the desk has sent a byte, not even its
 * session — with a warning in the desk's language naming both codes.
 */

/** The certificate a server presents, as the admin compares it: SHA-256 fingerprint, short code, PEM. */
export interface PresentedCertificate {
  fingerprint: string;
  code: string;
  cert: string;
}

/** The server this desk joined and the certificate its admin confirmed. */
export interface PinnedServer {
  /** wss://host:port/depot */
  url: string;
  fingerprint: string;
  /** The certificate itself (PEM): the one certificate the desk trusts. */
  cert: string;
}

/** The desk's settings file (JSON beside the app's data; other keys in it are kept as they are). */
export interface DeskSettings {
  server?: PinnedServer;
  /** The first-run choice (main/desk/start.ts): this desk holds the depot, or it joined the server above. */
  mode?: 'local' | 'remote';
  /** Holding the depot, other desks on the LAN may join it. */
  shareOnLan?: boolean;
  [key: string]: unknown;
}

/** The port `depot serve` listens on when none is given. */
export const DEFAULT_PORT = 8080;

/** What the operator typed (192.168.1.10:8443, depot.lan, https://…/) as the server's WebSocket address: always WSS. */
export function serverSocketUrl(address: string): string {
  const typed = address.trim();
  const url = new URL(/^[a-z]+:\/\//i.test(typed) ? typed : `wss://${typed}`);
  return `wss://${url.hostname.includes(':') && !url.hostname.startsWith('[') ? `[${url.hostname}]` : url.hostname}:${url.port || DEFAULT_PORT}/depot`;
}

function hostAndPort(address: string): { host: string; port: number } {
  const url = new URL(serverSocketUrl(address));
  return { host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port) };
}

/** The certificate the server at this address presents right now (nothing is sent but the TLS handshake). */
export function inspectServer(address: string, timeoutMs = 5000): Promise<PresentedCertificate> {
  const { host, port } = hostAndPort(address);
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({ host, port, servername: isIP(host) ? undefined : host, rejectUnauthorized: false, timeout: timeoutMs }, () => {
      const x509 = new X509Certificate(socket.getPeerCertificate(true).raw);
      socket.end();
      resolve({ fingerprint: x509.fingerprint256, code: shortCode(x509.fingerprint256), cert: x509.toString() });
    });
    socket.once('timeout', () => socket.destroy(new Error(`no answer from ${host}:${port} in ${timeoutMs} ms`)));
    socket.once('error', reject);
  });
}

export function readDeskSettings(file: string): DeskSettings {
  if (!existsSync(file)) return {};
  try {
    const settings = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return settings !== null && typeof settings === 'object' && !Array.isArray(settings) ? (settings as DeskSettings) : {};
  } catch {
    return {};
  }
}

/** After the admin has compared the code: this desk trusts this certificate for this server from now on. */
export function pinServer(file: string, address: string, presented: PresentedCertificate): PinnedServer {
  const server: PinnedServer = { url: serverSocketUrl(address), fingerprint: presented.fingerprint, cert: presented.cert };
  // Whole or not at all: a crash while writing leaves the previous file.
  writeFileSync(`${file}.partial`, JSON.stringify({ ...readDeskSettings(file), server }, null, 2), { mode: 0o600 });
  renameSync(`${file}.partial`, file);
  return server;
}

/** A desk connected to the depot server: the contract's calls and the core's events, as in-process. */
export interface RemoteDesk {
  /** The desk's session on the server: give it back to `joinServer` to carry on signed in after a drop. */
  session: string;
  resumed: boolean;
  /** The short code of the certificate the server presented (the pinned one). */
  code: string;
  call(channel: string, input: unknown): Promise<Result<unknown>>;
  on(listener: (event: string, payload: unknown) => void): () => void;
  /** Resolved once when the link drops (the caller joins again, with `session`). */
  closed: Promise<void>;
  close(): void;
}

function refusal(code: ErrorCode, locale: Locale, params: Record<string, string> = {}): { ok: false; error: AppError } {
  return { ok: false, error: { code, message: i18nFor(locale).t(`errors.${code}`, params) } };
}

export interface JoinOptions {
  locale?: Locale;
  /** The session the desk had before its link dropped. */
  session?: string;
  timeoutMs?: number;
}

/**
 * Joins the server pinned in the settings file. Refused, as data: no server pinned yet; the server
 * presents another certificate than the pinned one (server_certificate_changed, both codes named);
 * or it cannot be reached.
 */
export async function joinServer(settingsFile: string, { locale = 'zh-CN', session, timeoutMs = 5000 }: JoinOptions = {}): Promise<Result<RemoteDesk>> {
  const pinned = readDeskSettings(settingsFile).server;
  if (!pinned?.url || !pinned.fingerprint || !pinned.cert) return refusal('server_not_pinned', locale);
  const address = new URL(pinned.url).host;
  // The pinned certificate is the only one trusted (no system CAs); whichever name the desk typed,
  // what must match is the certificate itself. (Node's TLS options; ws passes them on as they are.)
  const tls: ConnectionOptions = {
    ca: pinned.cert,
    checkServerIdentity: (_host: string, cert: PeerCertificate) => (cert.fingerprint256 === pinned.fingerprint ? undefined : new Error('not the pinned certificate')),
  };
  const ws = new WebSocket(session ? `${pinned.url}?session=${encodeURIComponent(session)}` : pinned.url, { ...tls, handshakeTimeout: timeoutMs } as WebSocket.ClientOptions);
  const listeners = new Set<(event: string, payload: unknown) => void>();
  const answers = new Map<number, (r: Result<unknown>) => void>();
  const hello = new Promise<{ session: string; resumed: boolean }>((resolve, reject) => {
    ws.on('message', (data) => {
      let m: { id?: unknown; result?: Result<unknown>; event?: string; payload?: unknown; session?: string; resumed?: boolean };
      try {
        m = JSON.parse(String(data)) as typeof m;
      } catch {
        return;
      }
      if (typeof m.session === 'string') return resolve({ session: m.session, resumed: m.resumed === true });
      if (typeof m.event === 'string') return listeners.forEach((l) => l(m.event!, m.payload));
      if (typeof m.id === 'number' && m.result) {
        answers.get(m.id)?.(m.result);
        answers.delete(m.id);
      }
    });
    ws.once('error', reject);
    ws.once('close', () => reject(new Error('closed before the server said hello')));
  });
  let first: { session: string; resumed: boolean };
  try {
    first = await hello;
  } catch (e) {
    ws.terminate();
    // Was it the certificate? Look at what the server presents now (a handshake only).
    const presented = await inspectServer(pinned.url, timeoutMs).catch(() => null);
    if (presented && presented.fingerprint !== pinned.fingerprint) {
      return refusal('server_certificate_changed', locale, { address, pinned: shortCode(pinned.fingerprint), presented: presented.code });
    }
    return refusal('server_unreachable', locale, { address, detail: e instanceof Error ? e.message : String(e) });
  }
  const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
  void closed.then(() => {
    // Calls in flight when the link dropped are answered as such; the caller re-sends them (same request id).
    for (const answer of answers.values()) answer(refusal('server_unreachable', locale, { address, detail: 'closed' }));
    answers.clear();
  });
  let next = 1;
  return {
    ok: true,
    data: {
      session: first.session,
      resumed: first.resumed,
      code: shortCode(pinned.fingerprint),
      call(channel, input) {
        if (ws.readyState !== WebSocket.OPEN) return Promise.resolve(refusal('server_unreachable', locale, { address, detail: 'closed' }));
        const id = next++;
        return new Promise((resolve) => {
          answers.set(id, resolve);
          ws.send(JSON.stringify({ id, channel, input }));
        });
      },
      on(listener) {
        listeners.add(listener);
        return () => void listeners.delete(listener);
      },
      closed,
      close: () => ws.close(),
    },
  };
}
