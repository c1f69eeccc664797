import { afterEach, describe, expect, it } from 'vitest';
import type { Depot, Session } from '../../../../main/core/depot.ts';
import type { ChannelName } from '../../../../shared/contract/index.ts';
import type { Role } from '../../../../shared/domain.ts';
import { adminSession, call, rid, sessionWithRole, tempDepot } from '../../../support/depot.ts';

let env: ReturnType<typeof tempDepot>;
afterEach(() => env?.cleanup());

const NOW = new Date('2024-03-01T08:30:00.000Z');
const start = () => (env = tempDepot({ clock: () => NOW })).depot;

/** The refusal a call gets; fails the test if the call was accepted. */
async function refusal(depot: Depot, session: Session, channel: ChannelName, input: unknown) {
  const result = await depot.invoke(channel, input, session);
  if (result.ok) throw new Error(`${channel} was accepted: ${JSON.stringify(result.data)}`);
  return result.error;
}

/** An operator of the role, signed in on a session of their own. */
async function signedIn(depot: Depot, admin: Session, role: Role, code: string): Promise<Session> {
  await call(depot, admin, 'operators.create', { code, name: code, role, password: `${code}-pass-1`, requestId: rid() });
  const session = depot.createSession();
  await call(depot, session, 'auth.signIn', { code, password: `${code}-pass-1` });
  return session;
}

const operatorRows = (depot: Depot) => depot.store.all('SELECT * FROM operators ORDER BY id');

describe('first run', () => {
  it('asks for the admin once: the second setup is refused and changes nothing', async () => {
    const depot = start();
    const session = depot.createSession();
    expect(await call(depot, session, 'auth.status', {})).toEqual({ needsSetup: true, operator: null, locale: 'zh-CN' });

    const state = await call(depot, session, 'auth.setupAdmin', { code: 'wang', name: '王站长', password: 'first-admin-pw', requestId: rid() });
    expect(state.needsSetup).toBe(false);
    expect(state.operator).toMatchObject({ code: 'wang', name: '王站长', role: 'admin', active: true });
    expect(session.operatorId).toBe(state.operator!.id);

    const before = operatorRows(depot);
    const stranger = depot.createSession();
    const error = await refusal(depot, stranger, 'auth.setupAdmin', { code: 'evil', name: '冒名', password: 'take-over-pw', requestId: rid() });
    expect(error.code).toBe('setup_done');
    expect(error.message).toBe('管理员已设置，请直接登录');
    expect(operatorRows(depot)).toEqual(before);
    expect(stranger.operatorId).toBeNull();
    expect(await call(depot, depot.createSession(), 'auth.status', {})).toMatchObject({ needsSetup: false, operator: null });
  });

  it('a setup password shorter than 8 characters is refused', async () => {
    const depot = start();
    const error = await refusal(depot, depot.createSession(), 'auth.setupAdmin', { code: 'wang', name: '王站长', password: 'short', requestId: rid() });
    expect(error).toMatchObject({ code: 'invalid_input', field: 'password' });
    expect(error.message).toContain('密码');
    expect(await call(depot, depot.createSession(), 'auth.status', {})).toMatchObject({ needsSetup: true });
  });
});

describe('signing in', () => {
  it('a wrong password or an unknown code is refused, in Chinese and in English, and the session stays signed out', async () => {
    const depot = start();
    await adminSession(depot);
    const zh = depot.createSession();
    const wrong = await refusal(depot, zh, 'auth.signIn', { code: 'admin', password: 'not-the-password' });
    expect(wrong).toEqual({ code: 'bad_credentials', message: '操作员编号或密码不正确' });
    expect(zh.operatorId).toBeNull();

    const en = depot.createSession('en');
    const unknown = await refusal(depot, en, 'auth.signIn', { code: 'nobody', password: 'admin-pass-1' });
    expect(unknown).toEqual({ code: 'bad_credentials', message: 'Wrong operator code or password' });
    expect(en.operatorId).toBeNull();

    // The system operator has no password and can never sign in.
    expect((await refusal(depot, zh, 'auth.signIn', { code: 'system', password: 'anything-at-all' })).code).toBe('bad_credentials');

    const state = await call(depot, zh, 'auth.signIn', { code: 'admin', password: 'admin-pass-1' });
    expect(state.operator).toMatchObject({ code: 'admin', role: 'admin' });
    expect(await call(depot, zh, 'auth.signOut', {})).toMatchObject({ operator: null });
    expect((await refusal(depot, zh, 'items.list', {})).code).toBe('not_signed_in');
  });

  it('stores passwords only as salted scrypt hashes', async () => {
    const depot = start();
    const admin = await adminSession(depot);
    await call(depot, admin, 'operators.create', { code: 'li', name: '李保管', role: 'storekeeper', password: 'same-password', requestId: rid() });
    await call(depot, admin, 'operators.create', { code: 'zhao', name: '赵调度', role: 'dispatcher', password: 'same-password', requestId: rid() });
    const hashes = depot.store.all<{ code: string; password_hash: string }>("SELECT code, password_hash FROM operators WHERE role <> 'system'");
    expect(hashes).toHaveLength(3);
    for (const { password_hash } of hashes) {
      expect(password_hash).toMatch(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
      expect(password_hash).not.toContain('same-password');
      expect(password_hash).not.toContain('admin-pass-1');
    }
    const [li, zhao] = ['li', 'zhao'].map((c) => hashes.find((h) => h.code === c)!.password_hash);
    expect(li).not.toBe(zhao); // salted: the same password never gives the same hash
    // Nothing that reaches a screen or the audit log carries a hash.
    expect(JSON.stringify(await call(depot, admin, 'operators.list', {}))).not.toContain('scrypt');
    expect(JSON.stringify(depot.store.all('SELECT * FROM audit_log'))).not.toContain('scrypt');
  });

  it('a changed password replaces the old one', async () => {
    const depot = start();
    const admin = await adminSession(depot);
    const li = await call(depot, admin, 'operators.create', { code: 'li', name: '李保管', role: 'storekeeper', password: 'old-password', requestId: rid() });
    await call(depot, admin, 'operators.update', { id: li.id, version: li.version, changes: { password: 'new-password' }, requestId: rid() });
    expect((await refusal(depot, depot.createSession(), 'auth.signIn', { code: 'li', password: 'old-password' })).code).toBe('bad_credentials');
    expect((await call(depot, depot.createSession(), 'auth.signIn', { code: 'li', password: 'new-password' })).operator?.code).toBe('li');
  });
});

describe('roles are enforced by the core', () => {
  it('a storekeeper may not create units or operators, and is told which role they have', async () => {
    const depot = start();
    const admin = await adminSession(depot);
    const keeper = await sessionWithRole(depot, admin, 'storekeeper');
    const before = depot.store.all('SELECT * FROM units');
    const operators = operatorRows(depot);

    const unit = await refusal(depot, keeper, 'units.create', { code: 'U-001', name: '市第一人民医院', type: 'designated_hospital', requestId: rid() });
    expect(unit.code).toBe('forbidden');
    expect(unit.message).toBe('当前角色（保管员）无权执行此操作');
    const op = await refusal(depot, keeper, 'operators.create', { code: 'x1', name: '新人', role: 'admin', password: 'promote-me-pw', requestId: rid() });
    expect(op.code).toBe('forbidden');
    expect((await refusal(depot, keeper, 'operators.list', {})).code).toBe('forbidden');

    keeper.locale = 'en';
    expect((await refusal(depot, keeper, 'units.create', { code: 'U-001', name: 'Hospital', type: 'checkpoint', requestId: rid() })).message).toBe(
      'Your role (Storekeeper) may not do this',
    );
    expect(depot.store.all('SELECT * FROM units')).toEqual(before);
    expect(operatorRows(depot)).toEqual(operators);

    // What a storekeeper may do, they can.
    await call(depot, keeper, 'items.create', { code: 'FH-001', name: '医用防护口罩', unit: '只', category: 'protective', requestId: rid() });
  });

  it('a dispatcher creates units; an approver creates neither items nor units; an admin does all', async () => {
    const depot = start();
    const admin = await adminSession(depot);
    const dispatcher = await sessionWithRole(depot, admin, 'dispatcher');
    const approver = await sessionWithRole(depot, admin, 'approver');
    await call(depot, dispatcher, 'units.create', { code: 'U-001', name: '方舱医院一号', type: 'makeshift_hospital', requestId: rid() });
    expect((await refusal(depot, dispatcher, 'items.create', { code: 'FH-001', name: '口罩', unit: '只', category: 'protective', requestId: rid() })).message).toContain(
      '调度员',
    );
    expect((await refusal(depot, approver, 'items.create', { code: 'FH-001', name: '口罩', unit: '只', category: 'protective', requestId: rid() })).message).toContain(
      '审核',
    );
    expect((await refusal(depot, approver, 'units.create', { code: 'U-002', name: '卡口', type: 'checkpoint', requestId: rid() })).code).toBe('forbidden');
    await call(depot, admin, 'items.create', { code: 'FH-001', name: '口罩', unit: '只', category: 'protective', requestId: rid() });
    await call(depot, admin, 'units.create', { code: 'U-002', name: '卡口', type: 'checkpoint', requestId: rid() });
    expect(depot.store.all('SELECT code FROM units ORDER BY code')).toEqual([{ code: 'U-001' }, { code: 'U-002' }]);
  });

  it('an admin cannot demote or deactivate themself', async () => {
    const depot = start();
    const admin = await adminSession(depot);
    const me = (await call(depot, admin, 'auth.status', {})).operator!;
    const before = operatorRows(depot);
    for (const changes of [{ role: 'storekeeper' }, { active: false }]) {
      const error = await refusal(depot, admin, 'operators.update', { id: me.id, version: me.version, changes, requestId: rid() });
      expect(error.code).toBe('in_use');
      expect(error.message).not.toBe('');
    }
    expect(operatorRows(depot)).toEqual(before);
    // Another admin may, though: nobody is locked out for good.
    const other = await signedIn(depot, admin, 'admin', 'admin2');
    const demoted = await call(depot, other, 'operators.update', { id: me.id, version: me.version, changes: { role: 'approver' }, requestId: rid() });
    expect(demoted.role).toBe('approver');
  });

  it("a deactivated operator's open session stops working at once, and they cannot sign in again", async () => {
    const depot = start();
    const admin = await adminSession(depot);
    const keeper = await signedIn(depot, admin, 'storekeeper', 'li');
    await call(depot, keeper, 'items.list', {});
    const li = (await call(depot, admin, 'operators.list', {})).find((o) => o.code === 'li')!;
    await call(depot, admin, 'operators.update', { id: li.id, version: li.version, changes: { active: false }, requestId: rid() });

    const error = await refusal(depot, keeper, 'items.create', { code: 'FH-001', name: '口罩', unit: '只', category: 'protective', requestId: rid() });
    expect(error).toEqual({ code: 'not_signed_in', message: '请先登录' });
    expect((await refusal(depot, keeper, 'items.list', {})).code).toBe('not_signed_in');
    expect(depot.store.all('SELECT * FROM items')).toEqual([]);
    expect((await refusal(depot, depot.createSession(), 'auth.signIn', { code: 'li', password: 'li-pass-1' })).code).toBe('bad_credentials');
  });

  it('an update against a stale operator version is refused and changes nothing', async () => {
    const depot = start();
    const admin = await adminSession(depot);
    const li = await call(depot, admin, 'operators.create', { code: 'li', name: '李保管', role: 'storekeeper', password: 'li-password', requestId: rid() });
    await call(depot, admin, 'operators.update', { id: li.id, version: li.version, changes: { name: '李明' }, requestId: rid() });
    const before = operatorRows(depot);
    const error = await refusal(depot, admin, 'operators.update', { id: li.id, version: li.version, changes: { name: '李四' }, requestId: rid() });
    expect(error.code).toBe('stale');
    expect(error.message).toContain('2');
    expect(operatorRows(depot)).toEqual(before);
  });

  it('a duplicate operator code is refused with the field named', async () => {
    const depot = start();
    const admin = await adminSession(depot);
    const before = operatorRows(depot);
    const error = await refusal(depot, admin, 'operators.create', { code: 'admin', name: '又一个', role: 'approver', password: 'another-pw', requestId: rid() });
    expect(error).toMatchObject({ code: 'duplicate', field: 'code' });
    expect(error.message).toBe('编码“admin”已存在');
    expect(operatorRows(depot)).toEqual(before);
  });
});

describe('the audit log', () => {
  it('records who did what, when, with the row before and after', async () => {
    const depot = start();
    const admin = await adminSession(depot);
    const adminId = admin.operatorId!;
    const requestId = rid();
    const li = await call(depot, admin, 'operators.create', { code: 'li', name: '李保管', role: 'storekeeper', password: 'li-password', requestId });
    await call(depot, admin, 'operators.update', { id: li.id, version: li.version, changes: { name: '李明', role: 'dispatcher' }, requestId: rid() });

    type AuditRow = { at: string; operator_id: number; action: string; entity: string; entity_id: string; before: string | null; after: string | null; request_id: string | null };
    const rows = depot.store.all<AuditRow>("SELECT * FROM audit_log WHERE entity = 'operator' ORDER BY id");
    expect(rows.map((r) => [r.action, r.entity_id])).toEqual([
      ['create', String(adminId)],
      ['create', String(li.id)],
      ['update', String(li.id)],
    ]);
    const [, created, updated] = rows;
    expect(created).toMatchObject({ at: NOW.toISOString(), operator_id: adminId, before: null, request_id: requestId });
    expect(JSON.parse(created!.after!)).toMatchObject({ code: 'li', name: '李保管', role: 'storekeeper' });
    expect(updated!.operator_id).toBe(adminId);
    expect(JSON.parse(updated!.before!)).toMatchObject({ name: '李保管', role: 'storekeeper', version: 1 });
    expect(JSON.parse(updated!.after!)).toMatchObject({ name: '李明', role: 'dispatcher', version: 2 });
  });

  it('a refused write leaves no trace in the audit log', async () => {
    const depot = start();
    const admin = await adminSession(depot);
    const keeper = await sessionWithRole(depot, admin, 'storekeeper');
    const before = depot.store.all('SELECT * FROM audit_log');
    await refusal(depot, keeper, 'operators.create', { code: 'x1', name: '新人', role: 'admin', password: 'promote-me-pw', requestId: rid() });
    await refusal(depot, admin, 'operators.create', { code: 'admin', name: '重复', role: 'admin', password: 'duplicate-pw', requestId: rid() });
    expect(depot.store.all('SELECT * FROM audit_log')).toEqual(before);
  });
});
