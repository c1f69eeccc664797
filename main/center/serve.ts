import { createServer as createHttp, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttps } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Locale } from '../../shared/domain.ts';
import type { BatchAnswer } from '../../shared/contract/center.ts';
import type { CenterStore } from './store.ts';
import { applyBatch } from './apply.ts';
import { CenterError, refusalText } from './errors.ts';
import { depotLag } from './views.ts';
import { cancelledTransfers, pendingTransfers } from './transfers.ts';
import { verifiedRequest } from './verify.ts';
import { cityPage } from './page.ts';
import { cityViews } from './city-views.ts';
import { catalogueSince } from './catalogue.ts';

/** A batch of 2,000 entries is about 1.5 MB; anything far beyond that is no depot's batch. */
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

const MAX_BODY = 32 * 1024 * 1024;

export interface CenterServer {
  url: string;
  close(): Promise<void>;
}

const localeOf = (req: IncomingMessage): Locale => (/^en\b/i.test(req.headers['accept-language'] ?? '') ? 'en' : 'zh-CN');

function reply(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A body that is no JSON is answered like any malformed batch (refused in words), not as the center failing. */
function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The center's door for depots: POST /v1/batches takes one signed batch and answers what it
 * applied, or a refusal in the depot's language (Accept-Language) with the center's high-water
 * mark when the batch left a gap, so the depot knows where to resume. POST /v1/transfers/pending:
 * what is on its way to the signing depot, and which transfers to it the sender reversed; POST /v1/catalogue: the catalogue's changes since the
 * depot's version. GET /: the city's page; GET /v1/depots: each depot's lag. Over HTTPS with a
 * certificate the depots pin; plain HTTP only on loopback. `onError` hears what is not a refusal
 * (the database gone, a bug), which the depot is told only as "try again later".
 */
export async function serveCenter(
  center: CenterStore,
  {
    host = '127.0.0.1',
    port = 0,
    tls,
    openViews = false,
    onError = () => {},
  }: { host?: string; port?: number; tls?: { key: string; cert: string }; openViews?: boolean; onError?: (e: unknown) => void },
): Promise<CenterServer> {
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const locale = localeOf(req);
    const path = new URL(req.url ?? '/', 'http://center').pathname;
    if (req.method === 'POST' && path === '/v1/batches') {
      const input = parseJson(await readBody(req));
      try {
        const applied = await applyBatch(center, input, 'push');
        reply(res, 200, { ok: true, ...applied } satisfies BatchAnswer);
      } catch (e) {
        if (!(e instanceof CenterError)) throw e;
        const highWater = typeof e.params.highWater === 'number' ? e.params.highWater : undefined;
        reply(res, e.code === 'gap' ? 409 : 400, { ok: false, code: e.code, message: refusalText(e, locale), highWater } satisfies BatchAnswer);
      }
      return;
    }
    if (req.method === 'POST' && path === '/v1/transfers/pending') {
      const input = parseJson(await readBody(req));
      try {
        const { depot } = await verifiedRequest(center, input);
        reply(res, 200, { ok: true, transfers: await pendingTransfers(center, depot), cancelled: await cancelledTransfers(center, depot) });
      } catch (e) {
        if (!(e instanceof CenterError)) throw e;
        reply(res, 400, { ok: false, code: e.code, message: refusalText(e, locale) });
      }
      return;
    }
    if (req.method === 'POST' && path === '/v1/catalogue') {
      const input = parseJson(await readBody(req));
      try {
        const { ask } = await verifiedRequest(center, input);
        const since = typeof ask.since === 'number' && Number.isInteger(ask.since) && ask.since >= 0 ? ask.since : 0;
        reply(res, 200, { ok: true, rows: await catalogueSince(center, since) });
      } catch (e) {
        if (!(e instanceof CenterError)) throw e;
        reply(res, 400, { ok: false, code: e.code, message: refusalText(e, locale) });
      }
      return;
    }
    if (req.method === 'POST' && path === '/v1/views') {
      // A registered depot's desks see the city's figures on their 指挥中心 page (signed like a batch).
      const input = parseJson(await readBody(req));
      try {
        await verifiedRequest(center, input);
        reply(res, 200, { ok: true, views: await cityViews(center, locale) });
      } catch (e) {
        if (!(e instanceof CenterError)) throw e;
        reply(res, 400, { ok: false, code: e.code, message: refusalText(e, locale) });
      }
      return;
    }
    if (req.method === 'GET' && (path === '/' || path === '/v1/depots')) {
      // The city's figures are for the command center's own screens, not for whoever reaches the
      // port: beyond this machine only with openViews (behind the city's own sign-in proxy).
      if (!openViews && !LOOPBACK.has(req.socket.remoteAddress ?? '')) return reply(res, 403, { ok: false });
      if (path === '/v1/depots') return reply(res, 200, await depotLag(center, new Date(), locale));
      const lang = new URL(req.url ?? '/', 'http://center').searchParams.get('lang');
      const html = await cityPage(center, lang === 'en' ? 'en' : lang === 'zh-CN' ? 'zh-CN' : locale);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html), 'cache-control': 'no-store' });
      res.end(html);
      return;
    }
    reply(res, 404, { ok: false });
  };
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((e: unknown) => {
      onError(e);
      // The database gone away mid-batch: the transaction rolled back, the depot retries later.
      if (!res.headersSent) reply(res, 503, { ok: false, code: 'center_unavailable', message: refusalText(new CenterError('center_unavailable'), localeOf(req)) } satisfies BatchAnswer);
    });
  };
  const server = tls ? createHttps({ key: tls.key, cert: tls.cert }, listener) : createHttp(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `${tls ? 'https' : 'http'}://${shownHost}:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
