import { afterEach, describe, expect, it } from 'vitest';
import { call } from '../../../support/depot.ts';
import { staffedDepot } from '../../../support/fixtures.ts';

let d: Awaited<ReturnType<typeof staffedDepot>> | undefined;
afterEach(() => d?.env.cleanup());

/** Seen: 1,383 open orders shown as 500 without a word. A list stops at its limit; the count does not. */
describe('how many orders there are, past the list limit', () => {
  it('dispatch.count gives the true number for the same filter as dispatch.list', async () => {
    d = await staffedDepot();
    await d.receive(d.f.bed.id, 100, 1000);
    for (let i = 0; i < 3; i++) await d.approve(d.f.bed.id, 5);
    const listed = await call(d.depot, d.dispatcher, 'dispatch.list', { open: true, limit: 2 });
    expect(listed).toHaveLength(2);
    expect(await call(d.depot, d.dispatcher, 'dispatch.count', { open: true })).toEqual({ total: 3 });
    expect(await call(d.depot, d.dispatcher, 'dispatch.count', { status: 'shipped' })).toEqual({ total: 0 });
  });
});

/** Seen in the two-week demo: a 红冲 order (born shipped, never signed for) stayed among the open work forever. */
describe('open work', () => {
  it('leaves out a reversal order: it is closed the moment it is posted', async () => {
    let now = new Date('2026-04-09T02:00:00Z');
    d = await staffedDepot({ clock: () => now });
    await d.receive(d.f.bed.id, 100, 1000);
    const shipped = await d.ship(d.f.bed.id, 5);
    await call(d.depot, d.dispatcher, 'dispatch.deliver', { id: shipped.id, version: shipped.version, receiver: '刘护士长', requestId: 'r-deliver-1' });
    const reversal = await call(d.depot, d.approver, 'dispatch.reverse', { id: shipped.id, reason: '错发', requestId: 'r-reverse-1' });
    expect(reversal.status).toBe('shipped');
    expect(await call(d.depot, d.dispatcher, 'dispatch.count', { open: true })).toEqual({ total: 0 });
    now = new Date('2026-04-11T02:00:00Z');
    const today = await call(d.depot, d.dispatcher, 'dispatch.list', { day: '2026-04-11', andOpen: true, limit: 500 });
    expect(today.map((o) => o.no)).toEqual([]);
    // Still found as what it is, on its day and by its status.
    expect((await call(d.depot, d.dispatcher, 'dispatch.list', { day: '2026-04-09', limit: 500 })).map((o) => o.no)).toContain(reversal.no);
    expect(await call(d.depot, d.dispatcher, 'dispatch.count', { status: 'shipped' })).toEqual({ total: 1 });
  });
});
