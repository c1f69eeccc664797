import { afterEach, describe, expect, it } from 'vitest';
import { adminSession, call, rid, sessionWithRole, tempDepot } from '../../../support/depot.ts';
import { smallDepot } from '../../../support/fixtures.ts';

let env: ReturnType<typeof tempDepot>;
afterEach(() => env?.cleanup());

/**
 * 近效期预警: lots about to expire, by the depot's bands, each with the unit that the latest round
 * left shortest of it — who could use the lot first, before it has to be written off.
 */
describe('expiry alerts', () => {
  it('lists dispatchable lots by band, soonest first, and names the unit left shortest by the latest round', async () => {
    env = tempDepot({ clock: () => new Date('2026-04-10T08:00:00+08:00') });
    const admin = await adminSession(env.depot);
    const dispatcher = await sessionWithRole(env.depot, admin, 'dispatcher', 'ddy01');
    const d = await smallDepot(env.depot, admin);
    const hospital = await call(env.depot, admin, 'units.create', { code: 'U1', name: '市第一医院', type: 'designated_hospital', staffCount: 900, requestId: rid() });
    const town = await call(env.depot, admin, 'units.create', { code: 'U3', name: '红旗镇卫生院', type: 'township_health_centre', staffCount: 86, requestId: rid() });
    const lots = [
      ['SOON', '2026-04-25', 400],
      ['MID', '2026-05-31', 300],
      ['LATE', '2026-07-01', 200],
      ['FAR', '2027-04-10', 5000],
    ] as const;
    const draft = await call(env.depot, admin, 'receipts.saveDraft', {
      sourceType: 'allocation', supplierId: d.maker.id,
      lines: lots.map(([lotNo, expiresOn, counted]) => ({ itemId: d.mask.id, lotNo, expiresOn, counted, locationId: d.a1.id })), requestId: rid(),
    });
    await call(env.depot, admin, 'receipts.post', { id: draft.id, version: draft.version, requestId: rid() });

    const none = await call(env.depot, admin, 'trace.expiring', {});
    expect(none.bands).toEqual([30, 60, 90]);
    expect(none.lots.map((l) => [l.lotNo, l.days, l.band, l.available, l.suggestion])).toEqual([
      ['SOON', 15, 30, 400, null],
      ['MID', 51, 60, 300, null],
      ['LATE', 82, 90, 200, null],
    ]);

    // A round that cannot cover everyone: the hospital is left shortest of masks.
    await call(env.depot, dispatcher, 'demand.save', {
      day: '2026-04-10',
      rows: [
        { unitId: hospital.id, itemId: d.mask.id, onHand: 0, dailyNeed: 5000, minimumNeed: 3000 },
        { unitId: town.id, itemId: d.mask.id, onHand: 0, dailyNeed: 800, minimumNeed: 200 },
      ],
      requestId: rid(),
    });
    const plan = await call(env.depot, dispatcher, 'allocation.save', { day: '2026-04-10', coverDays: 3, reserve: { percent: 10 }, requestId: rid() });
    const lines = plan.lines.filter((l) => l.itemId === d.mask.id).map((l) => ({ unit: l.unitId, short: l.need - l.allocated }));
    const shortest = lines.sort((a, b) => b.short - a.short)[0]!;
    expect(shortest.unit).toBe(hospital.id);

    const after = await call(env.depot, admin, 'trace.expiring', {});
    expect(after.lots[0]!.suggestion).toEqual({ unitId: hospital.id, unitName: '市第一医院', short: shortest.short, planDay: '2026-04-10' });

    // The depot's own bands; out of range refused in words.
    expect(await call(env.depot, admin, 'trace.setExpiryBands', { bands: [60, 14], requestId: rid() })).toEqual({ bands: [14, 60] });
    expect((await call(env.depot, admin, 'trace.expiring', {})).lots.map((l) => [l.lotNo, l.band])).toEqual([['SOON', 60], ['MID', 60]]);
    const bad = await env.depot.invoke('trace.setExpiryBands', { bands: [0], requestId: rid() }, admin);
    expect(bad.ok ? 'ok' : bad.error.message).toMatch(/^输入有误/);
  });
});
