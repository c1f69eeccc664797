import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { openDepot, type Depot, type Session } from '../../main/core/depot.ts';
import type { ChannelName, Output } from '../../shared/contract/index.ts';

/** A depot on a fresh SQLite file in its own temp folder, removed by cleanup(). */
export function tempDepot(options: { clock?: () => Date } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'depot-test-'));
  const dbPath = join(dir, 'depot.db');
  const depot = openDepot({ dbPath, ...options });
  return {
    depot,
    dir,
    dbPath,
    cleanup() {
      depot.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const rid = () => randomUUID();

/** Calls a channel and returns its data, failing the test with the error message otherwise. */
export async function call<C extends ChannelName>(depot: Depot, session: Session, channel: C, input: unknown): Promise<Output<C>> {
  const result = await depot.invoke(channel, input, session);
  if (!result.ok) throw new Error(`${channel} refused: ${result.error.code} ${result.error.message}`);
  return result.data;
}

/** A signed-in session of the first admin (set up on first run), and one per role on request. */
export async function adminSession(depot: Depot): Promise<Session> {
  const session = depot.createSession();
  await call(depot, session, 'auth.setupAdmin', { code: 'admin', name: '管理员', password: 'admin-pass-1', requestId: rid() });
  return session;
}

export async function sessionWithRole(depot: Depot, admin: Session, role: 'storekeeper' | 'dispatcher' | 'approver' | 'admin' | 'center', code: string = role): Promise<Session> {
  await call(depot, admin, 'operators.create', { code, name: code, role, password: `${code}-pass-1`, requestId: rid() });
  const session = depot.createSession();
  await call(depot, session, 'auth.signIn', { code, password: `${code}-pass-1` });
  return session;
}

/** A built renderer stand-in for a depot server under test: one index.html in `dir`/renderer. */
export function stubRenderer(dir: string): string {
  const root = join(dir, 'renderer');
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>应急物资保障台</title>');
  return root;
}
