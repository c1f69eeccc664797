import { afterEach, describe, expect, it } from 'vitest';
import { openDepot } from '../../../main/core/depot.ts';
import { adminSession, call, rid, tempDepot } from '../../support/depot.ts';

let env: ReturnType<typeof tempDepot>;
afterEach(() => env?.cleanup());

describe('request ids', () => {
  it('a repeated request id returns the first answer and writes nothing', async () => {
    env = tempDepot();
    const admin = await adminSession(env.depot);
    const requestId = rid();
    const input = { code: 'FH-001', name: '医用防护口罩', unit: '只', category: 'protective', requestId };
    const first = await call(env.depot, admin, 'items.create', input);
    const again = await call(env.depot, admin, 'items.create', { ...input, name: '别的名字' });
    expect(again).toEqual(first);
    expect(env.depot.store.all('SELECT name FROM items')).toEqual([{ name: '医用防护口罩' }]);
    expect(env.depot.store.first<{ n: number }>("SELECT count(*) n FROM audit_log WHERE entity = 'items'")!.n).toBe(1);
  });
});

describe('request ids, further', () => {
  const mask = (requestId: string, code = 'FH-001') => ({ code, name: '医用防护口罩', unit: '只', category: 'protective', requestId });

  it('a refused write is not remembered: the same request id may be sent again once the input is fixed', async () => {
    env = tempDepot();
    const admin = await adminSession(env.depot);
    const requestId = rid();
    const refused = await env.depot.invoke('items.create', { ...mask(requestId), packs: '盒50' }, admin);
    expect(refused.ok).toBe(false);
    expect(env.depot.store.all('SELECT * FROM requests WHERE request_id = ?', [requestId])).toEqual([]);
    const created = await call(env.depot, admin, 'items.create', { ...mask(requestId), packs: '盒=50' });
    expect(created.packs).toEqual([{ unit: '盒', per: 50 }]);
  });

  it('a request id already used by another channel is refused, and nothing is written', async () => {
    env = tempDepot();
    const admin = await adminSession(env.depot);
    const requestId = rid();
    await call(env.depot, admin, 'items.create', mask(requestId));
    const before = env.depot.store.all('SELECT * FROM locations');
    const result = await env.depot.invoke('locations.create', { code: 'A-01', depot: '市本级储备库', zone: 'A区', bin: '01', requestId }, admin);
    expect(result.ok ? null : result.error).toMatchObject({ code: 'invalid_input', field: 'requestId' });
    expect(env.depot.store.all('SELECT * FROM locations')).toEqual(before);
  });

  it('a double-click from two desks on the same file posts once', async () => {
    env = tempDepot();
    const admin = await adminSession(env.depot);
    const second = openDepot({ dbPath: env.dbPath });
    try {
      const other = second.createSession();
      await call(second, other, 'auth.signIn', { code: 'admin', password: 'admin-pass-1' });
      const requestId = rid();
      const [a, b] = await Promise.all([
        call(env.depot, admin, 'items.create', mask(requestId)),
        call(second, other, 'items.create', mask(requestId, 'FH-002')),
      ]);
      expect(b).toEqual(a);
      expect(env.depot.store.all('SELECT code FROM items')).toEqual([{ code: 'FH-001' }]);
    } finally {
      second.close();
    }
  });

  it('every command is remembered with its channel, operator and answer', async () => {
    env = tempDepot();
    const admin = await adminSession(env.depot);
    const requestId = rid();
    const item = await call(env.depot, admin, 'items.create', mask(requestId));
    const row = env.depot.store.first<{ channel: string; operator_id: number; answer: string }>('SELECT * FROM requests WHERE request_id = ?', [requestId]);
    expect(row).toMatchObject({ channel: 'items.create', operator_id: admin.operatorId });
    expect(JSON.parse(row!.answer)).toEqual(item);
  });
});
