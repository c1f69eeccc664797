/**
 * The depot server: the same core behind HTTP and a WebSocket, so several desks, a tablet or a
 * handheld's browser share one depot on the LAN (a SQLite file must never be shared over a network
 * folder). One process owns the file; every write is still one transaction with its request id.
 *
 * HTTP serves the built renderer; the WebSocket at /depot carries the contract: one message per call
 * `{id, channel, input}` → `{id, result}`, and the core's events `{event, payload}` to every desk.
 * Each desk is one session (signing in at one desk signs in nobody else): the server's first
 * message names it `{session, resumed}`, and a desk whose link dropped reconnects with
 * `/depot?session=…` to carry on signed in (main/server/sessions.ts).
 */
import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Depot } from '../core/depot.ts';
import { translate } from '../core/depot.ts';
import { DepotError } from '../core/errors.ts';
import { EVENT_NAMES, forwardEvents } from '../shell/router.ts';
import { SERVER_CONTENT_SECURITY_POLICY } from '../shell/policy.ts';
import { i18nFor } from '../../shared/i18n/index.ts';
import { deskSessions } from './sessions.ts';
import { signInThrottle, type SignInThrottle } from './throttle.ts';

/** The desk's own policy, but a page served here talks to its own server's WebSocket (and nothing else). */


/** The largest message a desk may send: a 20,000-line count sheet fits; a flood does not. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

/** Content types of the built renderer's files (the UI tests' static server uses the same). */
export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface DepotServer {
  /** http(s)://host:port/ — what a browser opens. */
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** A browser page may talk to the server only from the server's own pages (no other site's script). */
function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin) return true; // not a browser (a desk app or a test client); the session still has to sign in
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

export interface ServeOptions {
  host?: string;
  port?: number;
  rendererDir: string;
  /** Where signed-in desks' sessions are kept across a restart (beside the database); in memory only without it. */
  sessionsFile?: string;
  /** HTTPS and WSS with this key and certificate (main/server/certificate.ts); plain HTTP without. */
  tls?: { key: string; cert: string };
  /** Failed sign-ins per remote address (main/server/throttle.ts); its defaults without it. */
  throttle?: SignInThrottle;
}

export async function serveDepot(depot: Depot, { host = '127.0.0.1', port = 0, rendererDir, sessionsFile, tls, throttle = signInThrottle() }: ServeOptions): Promise<DepotServer> {
  const root = normalize(rendererDir);
  const files: RequestListener = (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (!file.startsWith(root + sep)) return void res.writeHead(403).end();
    readFile(file).then(
      (body) => res.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', 'content-security-policy': SERVER_CONTENT_SECURITY_POLICY }).end(body),
      () => res.writeHead(404).end(),
    );
  };
  const server: Server = tls ? createTlsServer({ key: tls.key, cert: tls.cert }, files) : createServer(files);
  const wss = new WebSocketServer({ server, path: '/depot', maxPayload: MAX_MESSAGE_BYTES, verifyClient: ({ req }: { req: IncomingMessage }) => sameOrigin(req) });
  const sockets = new Set<WebSocket>();
  const sessions = deskSessions(depot, sessionsFile);
  /** Per remote address, the sign-in being checked (the next one waits for it). */
  const signInTurns = new Map<string, Promise<void>>();
  const stopEvents = forwardEvents(depot, EVENT_NAMES, (event, payload) => {
    const message = JSON.stringify({ event, payload });
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(message);
  });

  wss.on('connection', (ws, req) => {
    sockets.add(ws);
    const address = req.socket.remoteAddress ?? '';
    /** This desk's sign-in while it is being checked. */
    let signingIn: Promise<void> | null = null;
    const asked = new URL(req.url ?? '/', 'http://x').searchParams.get('session');
    const { token, session, resumed } = sessions.attach(asked);
    ws.send(JSON.stringify({ session: token, resumed }));
    ws.on('close', () => sockets.delete(ws));
    ws.on('error', () => ws.terminate());
    ws.on('message', (data, isBinary) => {
      let message: { id?: unknown; channel?: unknown; input?: unknown };
      try {
        if (isBinary) throw new Error('binary');
        message = JSON.parse(String(data)) as typeof message;
        if (message === null || typeof message !== 'object') throw new Error('not an object');
      } catch {
        // Not a call at all: answered with a refusal in the desk's language, the connection kept.
        const error = translate(new DepotError('invalid_input', { detail: i18nFor(session.locale).t('issue.invalid_format', { field: '' }) }), i18nFor(session.locale).t);
        return void ws.send(JSON.stringify({ id: null, result: { ok: false, error } }));
      }
      const id = typeof message.id === 'string' || typeof message.id === 'number' ? message.id : null;
      const channel = typeof message.channel === 'string' ? message.channel : String(typeof message.channel);
      const input = message.input;
      const send = (result: unknown) => ws.readyState === ws.OPEN && ws.send(JSON.stringify({ id, result }));
      const refusal = (e: DepotError) => ({ ok: false as const, error: translate(e, i18nFor(session.locale).t) });
      const call = () =>
        depot.invoke(channel as never, input, session).then(
          (result) => {
            sessions.touch(token);
            return result;
          },
          () => refusal(new DepotError('internal', { detail: '' })),
        );
      if (channel !== 'auth.signIn') {
        // After this desk's own sign-in, not before it (it may be waiting its turn).
        if (signingIn) void signingIn.then(() => call().then(send));
        else void call().then(send);
        return;
      }
      const checked = async () => {
        const wait = throttle.waitSeconds(address);
        // Refused unchecked: the password is not even hashed.
        if (wait > 0) return void send(refusal(new DepotError('signin_throttled', { seconds: wait })));
        const result = await call();
        if (!result.ok && (result.error.code === 'bad_credentials' || result.error.code === 'signin_locked')) throttle.failed(address);
        send(result);
      };
      // One sign-in at a time per address, each checked against the failures of those before it: a
      // burst sent at once gets no more tries than one by one, and one machine cannot keep the server
      // hashing passwords in parallel.
      const before = [signInTurns.get(address), signingIn].filter((p) => p !== undefined && p !== null);
      const settled = (before.length === 0 ? checked() : Promise.all(before).then(checked)).catch(() => {});
      signInTurns.set(address, settled);
      signingIn = settled;
      void settled.then(() => {
        if (signInTurns.get(address) === settled) signInTurns.delete(address);
        if (signingIn === settled) signingIn = null;
      });
    });
  });

  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no address');
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return {
    url: `${tls ? 'https' : 'http'}://${shown}:${address.port}/`,
    server,
    close: async () => {
      stopEvents();
      for (const ws of sockets) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // A browser keeps its HTTPS connections open for the next request: they would hold close() forever.
      server.closeAllConnections();
      await closed;
    },
  };
}
