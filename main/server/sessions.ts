import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Depot, Session } from '../core/depot.ts';

/**
 * The desks' sessions on the depot server, each under a secret token the desk holds: a handheld
 * that walks out of Wi-Fi range, or a desk whose server was restarted, comes back signed in as it
 * was, so the write it re-sends (same request id) is answered, not refused for want of a sign-in.
 *
 * Signed-in sessions are also kept in a small file beside the database (only the tokens' SHA-256,
 * so the file signs nobody in), which is what lets them outlive a restart or a crash of the server.
 * A session unseen for RESUME_HOURS is gone: the desk signs in again.
 */
export const RESUME_HOURS = 12;

interface Kept {
  session: Session;
  seen: number;
}

interface Saved {
  operatorId: number;
  locale: Session['locale'];
  seen: number;
}

export interface DeskSessions {
  /** The session for a token the desk sent (if it is still known), or a new one under a new token. */
  attach(token: string | null): { token: string; session: Session; resumed: boolean };
  /** After each call: keeps a sign-in, sign-out or change of language (and when the desk was last seen). */
  touch(token: string): void;
}

const hash = (token: string) => createHash('sha256').update(token).digest('base64url');

export function deskSessions(depot: Pick<Depot, 'createSession'>, file?: string, now: () => number = Date.now): DeskSessions {
  const byHash = new Map<string, Kept>();
  const maxAge = RESUME_HOURS * 3600_000;
  let savedKey = '';
  let savedAt = 0;

  if (file && existsSync(file)) {
    try {
      const rows = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Saved>;
      for (const [h, row] of Object.entries(rows)) {
        if (typeof row?.operatorId !== 'number' || typeof row.seen !== 'number' || now() - row.seen > maxAge) continue;
        const session = depot.createSession(row.locale === 'en' ? 'en' : 'zh-CN');
        session.operatorId = row.operatorId;
        byHash.set(h, { session, seen: row.seen });
      }
    } catch {
      // A damaged file only means the desks sign in again.
    }
  }

  /** Written when who is signed in where (or a language) changed, and every few minutes for `seen`. */
  function save() {
    if (!file) return;
    const rows: Record<string, Saved> = {};
    for (const [h, kept] of byHash) {
      if (kept.session.operatorId !== null) rows[h] = { operatorId: kept.session.operatorId, locale: kept.session.locale, seen: kept.seen };
    }
    const key = JSON.stringify(Object.entries(rows).map(([h, r]) => [h, r.operatorId, r.locale]));
    if (key === savedKey && now() - savedAt < 5 * 60_000) return;
    // Whole or not at all: a crash while writing leaves the previous file.
    writeFileSync(`${file}.partial`, JSON.stringify(rows), { mode: 0o600 });
    renameSync(`${file}.partial`, file);
    savedKey = key;
    savedAt = now();
  }

  function prune() {
    for (const [h, kept] of byHash) if (now() - kept.seen > maxAge) byHash.delete(h);
  }

  return {
    attach(token) {
      prune();
      const kept = token ? byHash.get(hash(token)) : undefined;
      if (token && kept) {
        kept.seen = now();
        return { token, session: kept.session, resumed: true };
      }
      const fresh = randomBytes(32).toString('base64url');
      const session = depot.createSession();
      byHash.set(hash(fresh), { session, seen: now() });
      return { token: fresh, session, resumed: false };
    },
    touch(token) {
      const kept = byHash.get(hash(token));
      if (!kept) return;
      kept.seen = now();
      save();
    },
  };
}
