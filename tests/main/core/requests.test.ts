import { afterEach, describe, expect, it } from 'vitest';
import { openDepot } from '../../../main/core/depot.ts';
import { REQUEST_DAYS } from '../../../main/core/requests.ts';
import { adminSession, call, rid, sessionWithRole, tempDepot } from '../../support/depot.ts';

let env: ReturnType<typeof tempDepot>;
afterEach(() => env?.cleanup());

const DAY = 86_400_000;

describe('request records', () => {
  // Every command's record held its answer (a saved 20-line draft is 8 KB) and none was ever
  // deleted: in a depot's file and in every backup they grew beside the ledger without end.
  it(`are kept ${REQUEST_DAYS} days: a request sent again within them answers as the first time; older ones go at opening and at each day close`, async () => {
    let now = new Date('2026-03-01T10:00:00+08:00');
    env = tempDepot({ clock: () => now });
    const admin = await adminSession(env.depot);
    await sessionWithRole(env.depot, admin, 'approver', 'sh02');
    const records = () => env.depot.store.all<{ channel: string }>('SELECT channel FROM requests ORDER BY rowid').map((r) => r.channel);
    const old = rid();
    const mask = { code: 'FH-001', name: '医用防护口罩', unit: '只', category: 'protective', requestId: old };
    const created = await call(env.depot, admin, 'items.create', mask);

    now = new Date(now.getTime() + (REQUEST_DAYS - 1) * DAY);
    expect(await call(env.depot, admin, 'items.create', { ...mask, name: '别的名字' })).toEqual(created);
    const recent = rid();
    await call(env.depot, admin, 'locations.create', { code: 'A-01', depot: '市本级储备库', zone: 'A区', bin: '01', requestId: recent });

    // Opened again two days later: the first record is past its days, the second is not.
    now = new Date(now.getTime() + 2 * DAY);
    env.depot.close();
    env.depot = openDepot({ dbPath: env.dbPath, clock: () => now });
    expect(env.depot.store.first('SELECT 1 FROM requests WHERE request_id = ?', [old])).toBeUndefined();
    expect(env.depot.store.first('SELECT 1 FROM requests WHERE request_id = ?', [recent])).toBeDefined();
    // What the pruned request wrote stays: only its record went.
    expect(env.depot.store.all('SELECT code FROM items')).toEqual([{ code: 'FH-001' }]);

    // A day close a month on prunes too, without the desk being opened again.
    const approver = env.depot.createSession();
    await call(env.depot, approver, 'auth.signIn', { code: 'sh02', password: 'sh02-pass-1' });
    const before = records();
    now = new Date(now.getTime() + (REQUEST_DAYS + 1) * DAY);
    await call(env.depot, approver, 'ledger.closeDay', { day: '2026-04-01', requestId: rid() });
    expect(env.depot.store.first('SELECT 1 FROM requests WHERE request_id = ?', [recent])).toBeUndefined();
    expect(records()).toEqual(['ledger.closeDay']);
    expect(before).toEqual(['locations.create']);
  });
});
