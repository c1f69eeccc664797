import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pgUnavailable, startPg, type TempPg } from '../../support/pg.ts';
import { registeredDepot, tempCenter } from '../../support/center.ts';
import { call } from '../../support/depot.ts';
import { serveCenter } from '../../../main/center/serve.ts';
import { startAutoPush } from '../../../main/center/auto-push.ts';
import type { CenterStore } from '../../../main/center/store.ts';

const why = pgUnavailable();
let pg: TempPg;
let center: CenterStore;
const cleanups: (() => void | Promise<void>)[] = [];

beforeAll(async () => {
  if (!why) pg = await startPg();
});
afterAll(() => pg?.stop());
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  await center?.close();
});

/** A depot's desks see the city on their 指挥中心 page, asked of the center their server pushes to. */
describe.skipIf(why)(`the city's figures at a depot's desk${why ? ` (skipped: ${why})` : ''}`, () => {
  it('come from the center through the depot’s door: each depot’s sync, the city briefing, stock by depot', async () => {
    center = await tempCenter(pg.url);
    const a = await registeredDepot(center, 'SBJ');
    cleanups.push(() => a.env.cleanup());
    await a.receive(a.f.mask.id, 5000, 120);
    await a.ship(a.f.mask.id, 1200);

    // Not joined to a center: said in words, not "internal".
    const alone = await a.depot.invoke('center.views', {}, a.admin);
    expect(alone.ok ? 'ok' : alone.error.message).toMatch(/^本库没有连接指挥中心：/);

    const server = await serveCenter(center, {});
    cleanups.push(() => server.close());
    const push = startAutoPush(a.depot.store, 'SBJ', a.key.privateKey, { url: server.url }, { everyMs: 60_000 });
    cleanups.push(() => push.stop());
    expect(await push.nudge()).toMatchObject({ ok: true, pending: 0 });

    const views = await call(a.depot, a.dispatcher, 'center.views', {});
    expect(views.depots.map((d) => [d.code, d.pending])).toEqual([['SBJ', 0]]);
    expect(views.depots[0]!.text).toMatch(/^最后同步 刚刚/);
    const own = await call(a.depot, a.admin, 'stats.summary', {});
    expect(views.briefing).toContain(`全市各储备库累计接收物资${own.cumulative.received.total.pieces.toLocaleString('en-US')}件`);
    expect(views.stock.find((r) => r.itemCode === 'FH-001' && r.depotCode === 'SBJ')?.onHand).toBe(3800);

    // The center gone: the desk is told so in words, the depot goes on.
    await server.close();
    const gone = await a.depot.invoke('center.views', {}, a.admin);
    expect(gone.ok ? 'ok' : gone.error.message).toMatch(/^暂时连不上指挥中心/);
  });
});
