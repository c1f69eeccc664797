/**
 * Signed update feeds: IT signs each latest*.yml with the release key (Ed25519, node:crypto) as
 * latest*.yml.sig beside it; the app carries the public key (resources/update-key.pem, placed at
 * build time) and believes a feed only when its signature holds. The feed names each installer's
 * sha512, which electron-updater checks on download, so a signed feed binds the installer too.
 * Without a key, a feed is believed over https, or over http from the machine itself (loopback).
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';

export type FeedProblem = 'feed_insecure' | 'feed_unsigned' | 'feed_signature' | 'feed_changed';

/** A release key pair as PEM text: the private half stays with IT, the public half goes into the app. */
export function makeReleaseKey(): { privateKey: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

/** The .sig file's text: the base64 Ed25519 signature of the feed's bytes. */
export function signFeed(feed: Buffer, privateKeyPem: string): string {
  return `${sign(null, feed, createPrivateKey(privateKeyPem)).toString('base64')}\n`;
}

export function feedSignatureHolds(feed: Buffer, signature: string, publicKeyPem: string): boolean {
  try {
    return verify(null, feed, createPublicKey(publicKeyPem), Buffer.from(signature.trim(), 'base64'));
  } catch {
    return false;
  }
}

/** What a feed promises: the version and the sha512 of every file it names. */
export interface FeedPromise {
  version: string;
  sha512: string[];
}

/** Reads the version and sha512 lines of an electron-builder feed (plain YAML lines, no library needed for these). */
export function feedPromise(feed: string): FeedPromise {
  const version = /^version:\s*['"]?([^'"\s]+)['"]?\s*$/m.exec(feed)?.[1] ?? '';
  const sha512 = [...feed.matchAll(/^\s*(?:-\s*)?sha512:\s*['"]?([A-Za-z0-9+/=]+)['"]?\s*$/gm)].map((m) => m[1]!);
  return { version, sha512: [...new Set(sha512)] };
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** Whether a feed at this URL may be believed without a signature: https, or http on this machine. */
export function trustedWithoutSignature(url: string): boolean {
  const u = new URL(url);
  return u.protocol === 'https:' || (u.protocol === 'http:' && LOOPBACK.test(u.hostname));
}

export interface SignedFeedCheck {
  /** The release's public key (PEM); null: none was built into this app. */
  publicKey: string | null;
  /** latest.yml on Windows, latest-linux.yml on Linux. */
  channelFile: string;
  /** Fetches a file of the feed folder (the app: Electron's net; tests: node's fetch on 127.0.0.1). */
  fetch(url: string): Promise<Buffer | null>;
}

/**
 * Before electron-updater looks at a feed: with a key, the feed and its signature are fetched and
 * checked, and what they promise is returned (to compare with what electron-updater then reads);
 * without one, an http feed from another machine is refused. Throws the problem's code.
 */
export async function checkSignedFeed(folderUrl: string, o: SignedFeedCheck): Promise<FeedPromise | null> {
  if (o.publicKey === null) {
    if (!trustedWithoutSignature(folderUrl)) throw new FeedError('feed_insecure');
    return null;
  }
  const feed = await o.fetch(new URL(o.channelFile, folderUrl).href);
  const signature = await o.fetch(new URL(`${o.channelFile}.sig`, folderUrl).href);
  if (feed === null) return null; // no feed there: electron-updater says so in its own words
  if (signature === null) throw new FeedError('feed_unsigned');
  if (!feedSignatureHolds(feed, signature.toString('utf8'), o.publicKey)) throw new FeedError('feed_signature');
  return feedPromise(feed.toString('utf8'));
}

export class FeedError extends Error {
  readonly code: FeedProblem;
  constructor(code: FeedProblem) {
    super(code);
    this.code = code;
  }
}

/** The feed electron-updater read must be the one whose signature was checked: same version, same files. */
export function samePromise(signed: FeedPromise, read: { version: string; files: { sha512: string }[] }): boolean {
  return signed.version === read.version && read.files.every((f) => signed.sha512.includes(f.sha512));
}
