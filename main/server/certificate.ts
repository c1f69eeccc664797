import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { hostname, networkInterfaces } from 'node:os';
import { generate } from 'selfsigned';

/**
 * The depot server's own TLS key and self-signed certificate, made on its first start and kept
 * beside the database (never in the repository): a LAN has no certificate authority, so a desk
 * trusts this one certificate by its fingerprint, which the server prints for the admin to
 * compare once. node:crypto makes keys but not X.509 certificates; the `selfsigned` package does.
 */
export interface ServerCertificate {
  key: string;
  cert: string;
  /** SHA-256 of the certificate, as browsers show it (AB:CD:…). */
  fingerprint: string;
  /** Its first 8 bytes as four groups (AB12-CD34-EF56-7890): what a person reads out and compares. */
  code: string;
  /** Made just now (first start), rather than read from beside the database. */
  created: boolean;
}

/** Valid for years: a depot server is not re-keyed by a calendar; a desk notices a changed certificate, not an old one. */
const VALID_YEARS = 10;

export const certificateFiles = (dbFile: string) => ({ key: `${dbFile}.server-key.pem`, cert: `${dbFile}.server-cert.pem` });

/** Every name and address this machine answers to on the LAN (put in the certificate so browsers match it). */
function localNames(): { dns: string[]; ips: string[] } {
  const ips = ['127.0.0.1', '::1'];
  for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) if (!a.internal && !ips.includes(a.address)) ips.push(a.address);
  return { dns: [...new Set(['localhost', hostname()])], ips };
}

/** The short code of a SHA-256 fingerprint (AB:CD:…): its first 8 bytes as four groups, AB12-CD34-EF56-7890. */
export const shortCode = (fingerprint: string): string =>
  fingerprint
    .replace(/:/g, '')
    .slice(0, 16)
    .match(/.{4}/g)!
    .join('-');

function describe(key: string, cert: string, created: boolean): ServerCertificate {
  const fingerprint = new X509Certificate(cert).fingerprint256;
  return { key, cert, fingerprint, code: shortCode(fingerprint), created };
}

export async function serverCertificate(dbFile: string, now = new Date()): Promise<ServerCertificate> {
  const files = certificateFiles(dbFile);
  if (existsSync(files.key) && existsSync(files.cert)) return describe(readFileSync(files.key, 'utf8'), readFileSync(files.cert, 'utf8'), false);
  const names = localNames();
  const until = new Date(now);
  until.setFullYear(until.getFullYear() + VALID_YEARS);
  const pems = await generate([{ name: 'commonName', value: names.dns[1] ?? 'localhost' }, { name: 'organizationName', value: 'Depot Desk' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: now,
    notAfterDate: until,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [...names.dns.map((value) => ({ type: 2 as const, value })), ...names.ips.map((ip) => ({ type: 7 as const, ip }))] },
    ],
  });
  // The key first and readable by the server's user only; each file whole or not at all.
  writeFileSync(`${files.key}.partial`, pems.private, { mode: 0o600 });
  renameSync(`${files.key}.partial`, files.key);
  writeFileSync(`${files.cert}.partial`, pems.cert);
  renameSync(`${files.cert}.partial`, files.cert);
  return describe(pems.private, pems.cert, true);
}
