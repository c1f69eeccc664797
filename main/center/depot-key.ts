import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

/**
 * The depot's Ed25519 key for signing what it sends the command center, made on first use and
 * kept beside the database like the server's certificate (readable by its user only, backed up
 * with the database, never in the repository). The center registers the public half once.
 */
export interface DepotKey {
  privateKey: KeyObject;
  /** SPKI PEM: what IT gives the center when registering this depot. */
  publicKeyPem: string;
  created: boolean;
}

export const depotKeyFile = (dbFile: string) => `${dbFile}.center-key.pem`;

export function depotKey(dbFile: string): DepotKey {
  const file = depotKeyFile(dbFile);
  if (existsSync(file)) {
    const privateKey = createPrivateKey(readFileSync(file, 'utf8'));
    return { privateKey, publicKeyPem: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString(), created: false };
  }
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  // Whole or not at all: a half-written key would sign nothing the center accepts.
  writeFileSync(`${file}.partial`, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  renameSync(`${file}.partial`, file);
  return { privateKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), created: true };
}
