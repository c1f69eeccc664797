import { afterEach, describe, expect, it } from 'vitest';
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
