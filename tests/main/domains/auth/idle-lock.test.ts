import { afterEach, describe, expect, it } from 'vitest';
import { adminSession, call, rid, sessionWithRole, tempDepot } from '../../../support/depot.ts';

let env: ReturnType<typeof tempDepot> | undefined;
afterEach(() => {
  env?.cleanup();
  env = undefined;
});

describe('the idle lock setting (auth.idleLock)', () => {
  it('is 15 minutes until an admin sets it (0: never); every signed-in operator reads it, only an admin sets it', async () => {
    env = tempDepot();
    const { depot } = env;
    const admin = await adminSession(depot);
    const keeper = await sessionWithRole(depot, admin, 'storekeeper');
    expect(await call(depot, keeper, 'auth.idleLock', {})).toEqual({ minutes: 15 });
    expect(await depot.invoke('auth.setIdleLock', { minutes: 0, requestId: rid() }, keeper)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await depot.invoke('auth.setIdleLock', { minutes: 481, requestId: rid() }, admin)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call(depot, admin, 'auth.setIdleLock', { minutes: 0, requestId: rid() })).toEqual({ minutes: 0 });
    expect(await call(depot, keeper, 'auth.idleLock', {})).toEqual({ minutes: 0 });
    expect(await depot.invoke('auth.idleLock', {}, depot.createSession())).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
  });
});
