import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Depot, Session } from '../../../../main/core/depot.ts';
import { adminSession, call, rid, tempDepot } from '../../../support/depot.ts';
import { smallDepot } from '../../../support/fixtures.ts';

/**
 * Electron's IPC keeps a key whose value is undefined. Seen: items.update {changes:{active:undefined}}
 * deactivated the item, operators.update locked the operator out, a supplier's qualification expiry
 * was cleared, and other fields ended in "internal: NOT NULL constraint failed".
 */
describe('a patch field present but undefined is no change', () => {
  let env: ReturnType<typeof tempDepot>;
  let depot: Depot;
  let admin: Session;
  let f: Awaited<ReturnType<typeof smallDepot>>;

  beforeEach(async () => {
    env = tempDepot();
    depot = env.depot;
    admin = await adminSession(depot);
    f = await smallDepot(depot, admin);
  });
  afterEach(() => env.cleanup());

  it('items: active, name and unit undefined change nothing; with nothing else it is refused as an empty change', async () => {
    const before = depot.store.first('SELECT * FROM items WHERE id = ?', [f.mask.id]);
    const r = await depot.invoke('items.update', { id: f.mask.id, version: f.mask.version, changes: { active: undefined, name: undefined, unit: undefined }, requestId: rid() }, admin);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('invalid_input');
    expect(depot.store.first('SELECT * FROM items WHERE id = ?', [f.mask.id])).toEqual(before);
    // Beside a real change, the undefined fields are ignored.
    const renamed = await call(depot, admin, 'items.update', { id: f.mask.id, version: f.mask.version, changes: { spec: 'KN95 头戴式', active: undefined, packs: undefined }, requestId: rid() });
    expect(renamed).toMatchObject({ spec: 'KN95 头戴式', active: true, packs: f.mask.packs });
  });

  it('operators: active and role undefined do not lock anyone out', async () => {
    const op = await call(depot, admin, 'operators.create', { code: 'k1', name: '保管甲', role: 'storekeeper', password: 'keeper-pass-1', requestId: rid() });
    const r = await depot.invoke('operators.update', { id: op.id, version: op.version, changes: { name: '保管乙', active: undefined, role: undefined }, requestId: rid() }, admin);
    expect(r.ok).toBe(true);
    const session = depot.createSession();
    expect((await depot.invoke('auth.signIn', { code: 'k1', password: 'keeper-pass-1' }, session)).ok).toBe(true);
    expect(depot.store.first('SELECT name, role, active FROM operators WHERE id = ?', [op.id])).toEqual({ name: '保管乙', role: 'storekeeper', active: 1 });
  });

  it("suppliers: a qualification expiry is not cleared by an undefined key", async () => {
    const s = await call(depot, admin, 'suppliers.update', { id: f.maker.id, version: f.maker.version, changes: { qualificationExpiry: '2028-12-31' }, requestId: rid() });
    const r = await call(depot, admin, 'suppliers.update', { id: s.id, version: s.version, changes: { phone: '0871-1234567', qualificationExpiry: undefined }, requestId: rid() });
    expect(r.qualificationExpiry).toBe('2028-12-31');
  });
});
