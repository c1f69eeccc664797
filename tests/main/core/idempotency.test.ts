import { afterEach, describe, expect, it } from 'vitest';
import { openDepot } from '../../../main/core/depot.ts';
import { adminSession, call, rid, sessionWithRole, tempDepot } from '../../support/depot.ts';

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

describe('request ids of postings', () => {
  it('a posting keeps its document id as its record, not the document: sent again it answers with the document as posted and posts nothing', async () => {
    const { smallDepot } = await import('../../support/fixtures.ts');
    env = tempDepot({ clock: () => new Date('2026-04-10T10:00:00+08:00') });
    const admin = await adminSession(env.depot);
    const keeper = await sessionWithRole(env.depot, admin, 'storekeeper', 'bgy01');
    const dispatcher = await sessionWithRole(env.depot, admin, 'dispatcher', 'dd01');
    const checker = await sessionWithRole(env.depot, admin, 'approver', 'sh02');
    const { mask, a1, maker } = await smallDepot(env.depot, admin);
    const lines = Array.from({ length: 20 }, (_, i) => ({ itemId: mask.id, lotNo: `L${i}`, expiresOn: '2028-01-31', counted: '3盒', unitCost: 100, locationId: a1.id }));
    const draft = await call(env.depot, keeper, 'receipts.saveDraft', { sourceType: 'purchase', supplierId: maker.id, lines, requestId: rid() });
    const requestId = rid();
    const posted = await call(env.depot, keeper, 'receipts.post', { id: draft.id, version: draft.version, requestId });
    const rows = () => env.depot.store.first<{ n: number }>('SELECT count(*) AS n FROM movements')!.n;
    const before = rows();
    expect(await call(env.depot, keeper, 'receipts.post', { id: draft.id, version: draft.version, requestId })).toEqual(posted);
    expect(rows()).toBe(before);
    // The record is the receipt's id (a 20-line receipt written out is 8 KB in every request row).
    const record = env.depot.store.first<{ answer: string }>('SELECT answer FROM requests WHERE request_id = ?', [requestId])!.answer;
    expect(JSON.parse(record)).toEqual({ replay: { id: posted.id } });

    const reverseId = rid();
    const reversal = await call(env.depot, checker, 'receipts.reverse', { id: posted.id, reason: '错收', requestId: reverseId });
    expect(reversal.status).toBe('posted');
    expect(JSON.parse(env.depot.store.first<{ answer: string }>('SELECT answer FROM requests WHERE request_id = ?', [reverseId])!.answer)).toEqual({ replay: { id: reversal.id } });
    // A lot received before (L1) and a new one (M1): each line names its lot in the answer, as read again.
    const more = await call(env.depot, keeper, 'receipts.saveDraft', {
      sourceType: 'purchase', supplierId: maker.id, requestId: rid(),
      lines: [{ itemId: mask.id, lotNo: 'M1', expiresOn: '2028-01-31', counted: '6盒', unitCost: 100, locationId: a1.id }, { itemId: mask.id, lotNo: 'L1', counted: '1盒', locationId: a1.id }],
    });
    const moreId = rid();
    const morePosted = await call(env.depot, keeper, 'receipts.post', { id: more.id, version: more.version, requestId: moreId });
    expect(morePosted.lines[1]!.lotId).toBe(posted.lines[1]!.lotId);
    expect(morePosted.lines[0]!.lotId).not.toBeNull();
    expect(await call(env.depot, keeper, 'receipts.post', { id: more.id, version: more.version, requestId: moreId })).toEqual(morePosted);
    const unit = await call(env.depot, admin, 'units.create', { code: 'FC-01', name: '会展中心方舱医院', type: 'makeshift_hospital', staffCount: 320, beds: 1200, requestId: rid() });
    const order = await call(env.depot, dispatcher, 'dispatch.create', { unitId: unit.id, lines: [{ itemId: mask.id, qty: 300 }], requestId: rid() });
    const approved = await call(env.depot, checker, 'dispatch.approve', { id: order.id, version: order.version, requestId: rid() });
    const shipId = rid();
    const shipped = await call(env.depot, keeper, 'dispatch.ship', { id: approved.id, version: approved.version, requestId: shipId });
    const afterShip = rows();
    expect(await call(env.depot, keeper, 'dispatch.ship', { id: approved.id, version: approved.version, requestId: shipId })).toEqual(shipped);
    expect(rows()).toBe(afterShip);
    expect(JSON.parse(env.depot.store.first<{ answer: string }>('SELECT answer FROM requests WHERE request_id = ?', [shipId])!.answer)).toEqual({ replay: { id: shipped.id } });

  });
});
