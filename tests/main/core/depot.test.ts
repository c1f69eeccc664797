import { afterEach, describe, expect, it } from 'vitest';
import { openDepot, type Depot } from '../../../main/core/depot.ts';
import { adminSession, call, rid, tempDepot } from '../../support/depot.ts';

let env: ReturnType<typeof tempDepot>;
const others: Depot[] = [];
afterEach(() => {
  for (const d of others.splice(0)) d.close();
  env?.cleanup();
});

const mask = () => ({ code: 'FH-001', name: '医用防护口罩', unit: '只', category: 'protective', requestId: rid() });

describe('the door', () => {
  it('answers in the language the session chose, and switches on auth.setLocale', async () => {
    env = tempDepot();
    const depot = env.depot;
    const session = depot.createSession();
    expect(session.locale).toBe('zh-CN');
    const zh = await depot.invoke('items.list', {}, session);
    expect(zh).toEqual({ ok: false, error: { code: 'not_signed_in', message: '请先登录' } });

    expect(await call(depot, session, 'auth.setLocale', { locale: 'en' })).toMatchObject({ locale: 'en' });
    expect(session.locale).toBe('en');
    expect(await depot.invoke('items.list', {}, session)).toEqual({ ok: false, error: { code: 'not_signed_in', message: 'Please sign in first' } });
  });

  it('tells listeners about a change only once it is committed, and never about a refused one', async () => {
    env = tempDepot();
    const depot = env.depot;
    const admin = await adminSession(depot);
    const seen: { entity: string; items: number }[] = [];
    // A listener that reads the store sees the committed row: events go out after the transaction.
    const off = depot.on('data.changed', ({ entity }) => seen.push({ entity, items: depot.store.all('SELECT id FROM items').length }));
    await call(depot, admin, 'items.create', mask());
    expect(seen).toEqual([{ entity: 'items', items: 1 }]);

    const refused = await depot.invoke('items.create', mask(), admin); // the same code again
    expect(refused.ok).toBe(false);
    expect(seen).toHaveLength(1);

    off();
    await call(depot, admin, 'locations.create', { code: 'A-01', depot: '市本级储备库', zone: 'A区', bin: '01', requestId: rid() });
    expect(seen).toHaveLength(1);
  });

  it('two desks on one file see each other\'s writes, and a stale edit from either is refused', async () => {
    env = tempDepot();
    const first = env.depot;
    const second = openDepot({ dbPath: env.dbPath });
    others.push(second);
    const admin = await adminSession(first);
    const item = await call(first, admin, 'items.create', mask());

    const other = second.createSession();
    await call(second, other, 'auth.signIn', { code: 'admin', password: 'admin-pass-1' });
    expect(await call(second, other, 'items.list', {})).toEqual([item]);

    const edited = await call(second, other, 'items.update', { id: item.id, version: item.version, changes: { spec: 'KN95' }, requestId: rid() });
    expect(edited.version).toBe(2);
    const stale = await first.invoke('items.update', { id: item.id, version: item.version, changes: { spec: 'N95' }, requestId: rid() }, admin);
    expect(stale.ok ? null : stale.error.code).toBe('stale');
    expect(await call(first, admin, 'items.list', {})).toEqual([edited]);
  });

  it('keeps what was written across a close and reopen of the file', async () => {
    env = tempDepot();
    const admin = await adminSession(env.depot);
    const item = await call(env.depot, admin, 'items.create', mask());
    env.depot.close();
    const reopened = openDepot({ dbPath: env.dbPath });
    others.push(reopened);
    const session = reopened.createSession();
    await call(reopened, session, 'auth.signIn', { code: 'admin', password: 'admin-pass-1' });
    expect(await call(reopened, session, 'items.list', {})).toEqual([item]);
    expect(await call(reopened, reopened.createSession(), 'auth.status', {})).toMatchObject({ needsSetup: false });
  });

  it('lets the CLI act as the system operator, recorded as such', async () => {
    env = tempDepot();
    const depot = env.depot;
    const system = depot.systemSession();
    const item = await call(depot, system, 'items.create', mask());
    expect(depot.store.first('SELECT operator_id FROM audit_log WHERE entity = ? AND entity_id = ?', ['items', String(item.id)])).toEqual({ operator_id: 1 });
    expect(depot.store.first('SELECT updated_by FROM items')).toEqual({ updated_by: 1 });
  });
});
