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
