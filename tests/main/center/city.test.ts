import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pgUnavailable, startPg, type TempPg } from '../../support/pg.ts';
import { centerLedger, depotLedger, registeredDepot, tempCenter } from '../../support/center.ts';
import { call, rid } from '../../support/depot.ts';
import { serveCenter } from '../../../main/center/serve.ts';
import { pushOutbox } from '../../../main/center/sync.ts';
import { cityDispatched, cityStock } from '../../../main/center/views.ts';
import type { CenterStore } from '../../../main/center/store.ts';
import { cityBriefing } from '../../../main/center/briefing.ts';

const why = pgUnavailable();
let pg: TempPg;
let center: CenterStore;
const cleanups: (() => void)[] = [];

beforeAll(async () => {
  if (!why) pg = await startPg();
});
afterAll(() => pg?.stop());
afterEach(async () => {
  for (const c of cleanups.splice(0)) c();
  await center?.close();
});

describe.skipIf(why)(`the city's figures at the center${why ? ` (skipped: ${why})` : ''}`, () => {
  it('are the sums of two depots\' own figures, and the center holds each depot\'s ledger one for one', async () => {
    center = await tempCenter(pg.url);
    const a = await registeredDepot(center, 'SBJ');
    const b = await registeredDepot(center, 'QX02');
    cleanups.push(() => a.env.cleanup(), () => b.env.cleanup());

    await call(a.depot, a.admin, 'items.update', { id: a.f.mask.id, version: a.f.mask.version, changes: { safetyStock: 4000 }, requestId: rid() });
    // The city reserve: masks and beds in, masks and beds out, one shipment reversed (红冲).
    await a.receive(a.f.mask.id, 5000, 120);
    await a.receive(a.f.bed.id, 200, null);
    await a.ship(a.f.mask.id, 1200);
    const wrong = await a.ship(a.f.bed.id, 30);
    await call(a.depot, a.approver, 'dispatch.reverse', { id: wrong.id, reason: '发错单位', requestId: rid() });
    await a.ship(a.f.bed.id, 25);
    // A district depot: masks and suits in, out, and a delivery signed with 20 suits short.
    await b.receive(b.f.mask.id, 800, 110);
    await b.receive(b.f.suit.id, 300, 4500);
    await b.ship(b.f.mask.id, 300);
    const suits = await b.ship(b.f.suit.id, 120);
    await call(b.depot, b.approver, 'dispatch.deliver', {
      id: suits.id, version: suits.version, receiver: '张医生',
      discrepancies: [{ lineId: suits.lines[0]!.id, lotId: suits.lines[0]!.picks[0]!.lotId, kind: 'short', qty: 20, reason: '少到一箱' }],
      requestId: rid(),
    });

    const server = await serveCenter(center, {});
    let page: string;
    try {
      // Both depots at once, as two desks on two machines would.
      const pushed = await Promise.all([a, b].map((d) => pushOutbox(d.depot.store, d.code, d.key.privateKey, { url: server.url })));
      for (const p of pushed) expect(p).toMatchObject({ ok: true, pending: 0 });
      page = await (await fetch(`${server.url}/`)).text();
    } finally {
      await server.close();
    }
    // The center's page says it in the briefing's words, and each depot's sync.
    expect(page).toContain('全市累计拨付防护用品 2 种、1,620 件');
    expect(page).toContain('全市累计拨付床及床上用品 1 种、25 件');
    expect(page).toMatch(/SBJ 仓库（SBJ）<\/td><td>最后同步 刚刚/);
    expect(page).toMatch(/<td>FH-001 医用防护口罩<\/td><td>SBJ<\/td><td class="n">3,800<\/td><td class="n">4,000<\/td><td class="n">200<\/td><td class="n">\d+ 天<\/td>/);
    for (const d of [a, b]) expect(await centerLedger(center, d.code)).toEqual(depotLedger(d));
    // A document's last state wins: the suits signed for, the reversed beds' order and its reversal shipped.
    const docs = await center.pool.query<{ depot_code: string; no: string; status: string }>(`SELECT depot_code, no, status FROM documents WHERE kind = 'dispatch' ORDER BY depot_code, no`);
    expect(docs.rows.find((r) => r.depot_code === 'QX02' && r.no === suits.no)?.status).toBe('delivered');
    expect(docs.rows.filter((r) => r.depot_code === 'SBJ').map((r) => r.status)).toEqual(['shipped', 'shipped', 'shipped', 'shipped']);

    // Stock by item × depot = each depot's own balances by item.
    const stock = await cityStock(center);
    for (const d of [a, b]) {
      const own = d.depot.store.all<{ item: string; onHand: number }>(
        'SELECT i.code AS item, sum(s.on_hand) AS onHand FROM stock s JOIN items i ON i.id = s.item_id GROUP BY i.code HAVING sum(s.on_hand) <> 0 ORDER BY i.code',
      );
      expect(stock.filter((r) => r.depotCode === d.code && r.onHand !== 0).map((r) => ({ item: r.itemCode, onHand: r.onHand }))).toEqual(own);
    }

    // Days of cover and shortfall by the depot's own rule: A's masks (3,800 left, safety stock 4,000).
    const masks = (await call(a.depot, a.admin, 'stock.list', {})).rows.find((r) => r.itemCode === 'FH-001')!;
    expect(stock.find((r) => r.depotCode === 'SBJ' && r.itemCode === 'FH-001')).toMatchObject({ onHand: 3800, safetyStock: 4000, shortfall: 200, daysOfCover: masks.daysOfCover, dailyOut: masks.dailyOut });
    expect(masks.belowSafety).toBe(true);

    // The kept totals are what a full scan of the center's ledger rows gives.
    const scanned = await center.pool.query<{ itemCode: string; depotCode: string; onHand: number }>(
      'SELECT item_code AS "itemCode", depot_code AS "depotCode", sum(qty) AS "onHand" FROM movements GROUP BY 1, 2 ORDER BY 1, 2',
    );
    expect(stock.map(({ itemCode, depotCode, onHand }) => ({ itemCode, depotCode, onHand }))).toEqual(scanned.rows);

    // The cumulative dispatches per category: pieces and amounts are the sums of the depots' briefing figures.
    const city = await cityDispatched(center);
    const own = await Promise.all([a, b].map((d) => call(d.depot, d.admin, 'stats.summary', {})));
    const categories = [...new Set(own.flatMap((s) => s.cumulative.dispatched.byCategory.map((c) => c.category)))].sort();
    expect(city.map((c) => c.category)).toEqual(categories);
    for (const c of city) {
      const parts = own.map((s) => s.cumulative.dispatched.byCategory.find((x) => x.category === c.category));
      expect(c.pieces).toBe(parts.reduce((n, p) => n + (p?.pieces ?? 0), 0));
      expect(c.amount).toBe(parts.reduce((n, p) => n + (p?.amount ?? 0), 0));
    }
    // The city's briefing: the depots' figures summed, in the command center's sentences.
    const { summary: citySum, text } = await cityBriefing(center, new Date(), 'zh-CN');
    const sum = (f: (s: (typeof own)[number]) => number) => own.reduce((n, s) => n + f(s), 0);
    expect(citySum.cumulative.received.total.pieces).toBe(sum((s) => s.cumulative.received.total.pieces));
    expect(citySum.cumulative.dispatched.total.pieces).toBe(sum((s) => s.cumulative.dispatched.total.pieces));
    expect(citySum.cumulative.documents).toEqual({ inbound: sum((s) => s.cumulative.documents.inbound), outbound: sum((s) => s.cumulative.documents.outbound) });
    const receivedItems = new Set([a, b].flatMap((d) => d.depot.store.all<{ code: string }>("SELECT DISTINCT i.code FROM movements m JOIN items i ON i.id = m.item_id WHERE m.doc_type = 'receipt'").map((r) => r.code)));
    expect(citySum.cumulative.received.total.kinds).toBe(receivedItems.size);
    const pieces = (n: number) => n.toLocaleString('en-US');
    expect(text).toContain(`全市各储备库累计接收物资${receivedItems.size}种${pieces(citySum.cumulative.received.total.pieces)}件`);
    expect(text).toContain(`共完成入库${citySum.cumulative.documents.inbound}笔、出库${citySum.cumulative.documents.outbound}笔`);

    // Masks went out from both depots: one kind (种) for the city, not two.
    expect(city.find((c) => c.category === 'protective')).toMatchObject({ kinds: 2, pieces: 1200 + 300 + 120 });
    expect(city.find((c) => c.category === 'bedding')).toMatchObject({ kinds: 1, pieces: 25 });
  });
});
