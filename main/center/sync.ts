import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { PeerCertificate } from 'node:tls';
import type { KeyObject } from 'node:crypto';
import type { Locale } from '../../shared/domain.ts';
import { i18nFor } from '../../shared/i18n/index.ts';
import type { BatchAnswer } from '../../shared/contract/center.ts';
import type { Store } from '../store/db.ts';
import { BATCH_SIZE, signedBatch } from './batch.ts';
import { ackedSeq, outboxTail, setAcked } from './outbox.ts';

/** Where the depot's center is, and the certificate it pinned (HTTPS beyond loopback). */
export interface CenterLink {
  url: string;
  /** The center's certificate (PEM) and its SHA-256 fingerprint: trusted alone, like a desk pins its depot server. */
  pinned?: { cert: string; fingerprint: string };
  timeoutMs?: number;
}

export type PushResult =
  | { ok: true; batches: number; applied: number; skipped: number; highWater: number; pending: number }
  | { ok: false; reason: 'unreachable' | 'refused'; message: string; batches: number; applied: number; pending: number };

/** One JSON request to the center, trusting only the pinned certificate on HTTPS. */
export function postToCenter<T>(link: CenterLink, path: string, body: string, locale: Locale): Promise<{ status: number; answer: T }> {
  const url = new URL(path, link.url);
  const secure = url.protocol === 'https:';
  const options = {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'accept-language': locale },
    timeout: link.timeoutMs ?? 30_000,
    ...(secure && link.pinned
      ? {
          ca: link.pinned.cert,
          checkServerIdentity: (_host: string, cert: PeerCertificate) => (cert.fingerprint256 === link.pinned!.fingerprint ? undefined : new Error('not the pinned certificate')),
        }
      : {}),
  };
  return new Promise((resolve, reject) => {
    const req = (secure ? httpsRequest : httpRequest)(url, options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode ?? 0, answer: JSON.parse(Buffer.concat(chunks).toString('utf8')) as T });
        } catch (e) {
          reject(e as Error);
        }
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Sends what the center has not acknowledged, batch after batch, until the outbox is drained or
 * the center cannot be reached (then everything stays in the outbox for the next try: postings
 * go on meanwhile). The center's high-water mark is the truth about where to resume: after a gap
 * refusal (the center restored from an older backup) the depot resends from there.
 */
export async function pushOutbox(
  store: Store,
  depot: string,
  key: KeyObject,
  link: CenterLink,
  locale: Locale = 'zh-CN',
  { maxBatches = 10_000, batchSize = BATCH_SIZE }: { maxBatches?: number; batchSize?: number } = {},
): Promise<PushResult> {
  let batches = 0;
  let applied = 0;
  let skipped = 0;
  let after = ackedSeq(store);
  const pending = () => outboxTail(store) - ackedSeq(store);
  for (let round = 0; round < maxBatches; round++) {
    const batch = signedBatch(store, depot, key, after, batchSize);
    if (!batch) break;
    let reply: { status: number; answer: BatchAnswer };
    try {
      reply = await postToCenter<BatchAnswer>(link, '/v1/batches', JSON.stringify(batch), locale);
    } catch (e) {
      return { ok: false, reason: 'unreachable', message: (e as Error).message, batches, applied, pending: pending() };
    }
    const { answer } = reply;
    if (!answer.ok) {
      if (answer.code === 'gap' && answer.highWater !== undefined && answer.highWater < after) {
        setAcked(store, answer.highWater);
        after = answer.highWater;
        continue;
      }
      // The center lacks entries this depot no longer keeps (pruned once that center acknowledged
      // them, before it was restored from an older backup): said so, with what to do.
      const first = JSON.parse(batch.body) as { fromSeq: number };
      const message =
        answer.code === 'gap' && answer.highWater !== undefined && first.fromSeq > answer.highWater + 1
          ? i18nFor(locale).t('center.push.pruned', { highWater: answer.highWater, fromSeq: first.fromSeq, missingFrom: answer.highWater + 1, missingTo: first.fromSeq - 1 })
          : answer.message;
      return { ok: false, reason: reply.status >= 500 ? 'unreachable' : 'refused', message, batches, applied, pending: pending() };
    }
    batches++;
    applied += answer.applied;
    skipped += answer.skipped;
    setAcked(store, answer.highWater);
    after = answer.highWater;
  }
  return { ok: true, batches, applied, skipped, highWater: after, pending: pending() };
}
