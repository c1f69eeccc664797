import { afterEach, describe, expect, it } from 'vitest';
import type { Depot } from '../../../../main/core/depot.ts';
import { adminSession, call, rid, sessionWithRole, tempDepot } from '../../../support/depot.ts';

/** The depot's wall clock: "locked until" is said in Beijing time. */
process.env.TZ = 'Asia/Shanghai';

let env: ReturnType<typeof tempDepot>;
afterEach(() => env?.cleanup());

function clocked() {
  let now = new Date('2026-04-10T10:00:00+08:00');
  env = tempDepot({ clock: () => now });
  return { depot: env.depot, at: (iso: string) => void (now = new Date(iso)) };
}

const signIn = (depot: Depot, code: string, password: string) => depot.invoke('auth.signIn', { code, password }, depot.createSession());

describe('sign-in lock', () => {
  it('5 wrong passwords lock the operator for 15 minutes: the right password is refused until then, saying until when', async () => {
    const { depot, at } = clocked();
    const admin = await adminSession(depot);
    await sessionWithRole(depot, admin, 'storekeeper', 'bgy01');
    for (let i = 1; i <= 4; i++) expect(await signIn(depot, 'bgy01', `guess-${i}`)).toMatchObject({ ok: false, error: { code: 'bad_credentials' } });
    at('2026-04-10T10:02:00+08:00');
    const fifth = await signIn(depot, 'bgy01', 'guess-5');
    expect(fifth).toEqual({ ok: false, error: { code: 'signin_locked', message: '密码连续输错 5 次，该操作员已锁定至 2026-04-10 10:17；到时再试，或请管理员重设密码' } });

    at('2026-04-10T10:16:00+08:00');
    expect(await signIn(depot, 'bgy01', 'bgy01-pass-1')).toMatchObject({ ok: false, error: { code: 'signin_locked' } });
    const en = await depot.invoke('auth.signIn', { code: 'bgy01', password: 'bgy01-pass-1' }, depot.createSession('en'));
    expect(en.ok ? '' : en.error.message).toBe('Wrong password 5 times in a row: this operator is locked until 2026-04-10 10:17; try again then, or ask an admin to reset the password');
    // Another operator is not affected.
    expect((await signIn(depot, 'admin', 'admin-pass-1')).ok).toBe(true);

    at('2026-04-10T10:17:30+08:00');
    expect(await signIn(depot, 'bgy01', 'bgy01-pass-1')).toMatchObject({ ok: true, data: { operator: { code: 'bgy01' } } });
  });

  it('a success ends the run of failures; after a lock runs out, one more failure locks again', async () => {
    const { depot, at } = clocked();
    const admin = await adminSession(depot);
    await sessionWithRole(depot, admin, 'storekeeper', 'bgy01');
    for (let i = 0; i < 4; i++) await signIn(depot, 'bgy01', 'wrong');
    expect((await signIn(depot, 'bgy01', 'bgy01-pass-1')).ok).toBe(true);
    for (let i = 0; i < 4; i++) expect(await signIn(depot, 'bgy01', 'wrong')).toMatchObject({ ok: false, error: { code: 'bad_credentials' } });
    expect(await signIn(depot, 'bgy01', 'wrong')).toMatchObject({ ok: false, error: { code: 'signin_locked' } });
    at('2026-04-10T10:20:00+08:00');
    expect(await signIn(depot, 'bgy01', 'wrong')).toMatchObject({ ok: false, error: { code: 'signin_locked', message: expect.stringContaining('锁定至 2026-04-10 10:35') } });
  });

  it('an admin\'s reset ends the lock at once, with an audit entry naming who reset whose password', async () => {
    const { depot } = clocked();
    const admin = await adminSession(depot);
    const keeper = await call(depot, admin, 'operators.create', { code: 'bgy01', name: '张保管', role: 'storekeeper', password: 'bgy01-pass-1', requestId: rid() });
    for (let i = 0; i < 5; i++) await signIn(depot, 'bgy01', 'wrong');
    expect(await signIn(depot, 'bgy01', 'bgy01-pass-1')).toMatchObject({ ok: false, error: { code: 'signin_locked' } });
    await call(depot, admin, 'operators.update', { id: keeper.id, version: keeper.version, changes: { password: 'fresh-pass-22' }, requestId: rid() });
    expect((await signIn(depot, 'bgy01', 'fresh-pass-22')).ok).toBe(true);
    expect(depot.store.all("SELECT operator_id, entity_id, after FROM audit_log WHERE action = 'resetPassword'")).toEqual([
      { operator_id: admin.operatorId, entity_id: String(keeper.id), after: JSON.stringify({ code: 'bgy01' }) },
    ]);
  });
});

describe('passwords', () => {
  it('an operator changes their own password with the current one; a wrong current password changes nothing', async () => {
    const { depot } = clocked();
    const admin = await adminSession(depot);
    const keeper = await sessionWithRole(depot, admin, 'storekeeper', 'bgy01');
    const hash = () => depot.store.first<{ h: string }>("SELECT password_hash AS h FROM operators WHERE code = 'bgy01'")!.h;
    const before = hash();
    const wrong = await depot.invoke('auth.changePassword', { currentPassword: 'not-mine-1', newPassword: 'new-pass-123', requestId: rid() }, keeper);
    expect(wrong).toEqual({ ok: false, error: { code: 'wrong_password', field: 'currentPassword', message: '当前密码不正确，密码未修改' } });
    expect(hash()).toBe(before);
    const short = await depot.invoke('auth.changePassword', { currentPassword: 'bgy01-pass-1', newPassword: 'short', requestId: rid() }, keeper);
    expect(short).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'newPassword' } });

    await call(depot, keeper, 'auth.changePassword', { currentPassword: 'bgy01-pass-1', newPassword: 'new-pass-123', requestId: rid() });
    expect(await signIn(depot, 'bgy01', 'bgy01-pass-1')).toMatchObject({ ok: false, error: { code: 'bad_credentials' } });
    expect((await signIn(depot, 'bgy01', 'new-pass-123')).ok).toBe(true);
    expect(depot.store.first<{ n: number }>("SELECT count(*) AS n FROM audit_log WHERE action = 'changePassword' AND operator_id = ?", [keeper.operatorId])!.n).toBe(1);
  });

  it('no password and no hash in any log: the audit log and the request log', async () => {
    const { depot } = clocked();
    const admin = await adminSession(depot);
    const keeper = await sessionWithRole(depot, admin, 'storekeeper', 'bgy01');
    const id = keeper.operatorId!;
    await signIn(depot, 'bgy01', 'typo-pass-1');
    await call(depot, keeper, 'auth.changePassword', { currentPassword: 'bgy01-pass-1', newPassword: 'second-pass-2', requestId: rid() });
    const row = depot.store.first<{ version: number }>('SELECT version FROM operators WHERE id = ?', [id])!;
    await call(depot, admin, 'operators.update', { id, version: row.version, changes: { password: 'third-pass-33' }, requestId: rid() });
    const logs = JSON.stringify([depot.store.all('SELECT * FROM audit_log'), depot.store.all('SELECT * FROM requests')]);
    for (const secret of ['admin-pass-1', 'bgy01-pass-1', 'typo-pass-1', 'second-pass-2', 'third-pass-33', 'scrypt$']) expect(logs).not.toContain(secret);
    // The log does say what happened.
    expect(depot.store.all<{ action: string }>("SELECT action FROM audit_log WHERE entity = 'operator' AND entity_id = ? ORDER BY id", [String(id)]).map((r) => r.action)).toEqual([
      'create', 'signIn', 'signInFailed', 'changePassword', 'update', 'resetPassword',
    ]);
  });
});

describe('request ids across operators', () => {
  it('a request id reused by another operator is refused without the first operator\'s answer, and writes nothing', async () => {
    const { depot } = clocked();
    const admin = await adminSession(depot);
    const keeper = await sessionWithRole(depot, admin, 'storekeeper', 'bgy01');
    const other = await sessionWithRole(depot, admin, 'storekeeper', 'bgy02');
    const requestId = rid();
    const first = await call(depot, keeper, 'items.create', { code: 'FH-001', name: '医用防护口罩', unit: '只', category: 'protective', requestId });
    const items = depot.store.all('SELECT * FROM items');
    const reused = await depot.invoke('items.create', { code: 'FH-002', name: '防护服', unit: '套', category: 'protective', requestId }, other);
    expect(reused).toEqual({ ok: false, error: { code: 'request_reused', field: 'requestId', message: '请求编号已被其他操作员使用，本次操作未执行；请重新提交' } });
    expect(depot.store.all('SELECT * FROM items')).toEqual(items);
    // The first operator repeating it still gets their own answer.
    expect(await call(depot, keeper, 'items.create', { code: 'FH-001', name: '医用防护口罩', unit: '只', category: 'protective', requestId })).toEqual(first);
  });
});
