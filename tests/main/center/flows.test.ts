import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPairSync, sign } from 'node:crypto';
import { pgUnavailable, startPg, type TempPg } from '../../support/pg.ts';
import { registeredDepot, tempCenter } from '../../support/center.ts';
import { call, rid } from '../../support/depot.ts';
import { serveCenter, type CenterServer } from '../../../main/center/serve.ts';
import { pushOutbox } from '../../../main/center/sync.ts';
import { receiveTransfers } from '../../../main/center/receive-transfers.ts';
import { cityBriefing, citySummary } from '../../../main/center/briefing.ts';
import { applyBatch } from '../../../main/center/apply.ts';
import { registerDepot } from '../../../main/center/depots.ts';
import { centerMigrations, type CenterStore } from '../../../main/center/store.ts';
import { dayStart, localDay } from '../../../main/domains/ledger/period.ts';

const why = pgUnavailable();
let pg: TempPg;
let center: CenterStore;
let server: CenterServer;
const cleanups: (() => void)[] = [];

beforeAll(async () => {
  if (!why) pg = await startPg();
});
afterAll(() => pg?.stop());
afterEach(async () => {
  await server?.close();
  for (const c of cleanups.splice(0)) c();
  await center?.close();
});

const HOUR = 3_600_000;

/** The kept sums as the center holds them, and the same summed again from its movements. */
async function keptAndScanned() {
  const q = async (sql: string) => (await center.pool.query(sql)).rows;
  return {
    kept: {
      totals: await q(`SELECT depot_code, item_code, doc_type, source_type, recipient_type, category, qty, amount, rows FROM flow_totals ORDER BY 1, 2, 3, 4, 5, 6`),
      hours: await q(`SELECT hour, depot_code, item_code, doc_type, source_type, recipient_type, category, qty, amount, rows FROM flow_hours WHERE rows > 0 ORDER BY 1, 2, 3, 4, 5, 6, 7`),
      docs: await q(`SELECT depot_code, side, posted, reversed FROM doc_totals WHERE posted > 0 OR reversed > 0 ORDER BY 1, 2`),
      docHours: await q(`SELECT hour, depot_code, side, posted FROM doc_hours ORDER BY 1, 2, 3`),
    },
    scanned: {
      totals: await q(`SELECT depot_code, item_code, doc_type, coalesce(source_type, '') AS source_type, coalesce(recipient_type, '') AS recipient_type, category,
                              sum(qty) AS qty, sum(coalesce(amount, 0)) AS amount, count(*) AS rows
                         FROM movements WHERE doc_type <> 'move' GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6`),
      hours: await q(`SELECT date_trunc('hour', at) AS hour, depot_code, item_code, doc_type, coalesce(source_type, '') AS source_type, coalesce(recipient_type, '') AS recipient_type,
                             category, sum(qty) AS qty, sum(coalesce(amount, 0)) AS amount, count(*) AS rows
                        FROM movements WHERE doc_type <> 'move' GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7`),
      docs: await q(`SELECT depot_code, CASE WHEN doc_type = 'receipt' THEN 'in' ELSE 'out' END AS side, count(DISTINCT doc_no) AS posted,
                            count(DISTINCT doc_no) FILTER (WHERE EXISTS (SELECT 1 FROM movements r WHERE r.depot_code = m.depot_code AND r.reverses_id = m.depot_row_id)) AS reversed
                       FROM movements m WHERE doc_type IN ('receipt', 'dispatch') AND coalesce(source_type, '') <> 'opening' GROUP BY 1, 2 ORDER BY 1, 2`),
      docHours: await q(`SELECT date_trunc('hour', first) AS hour, depot_code, side, count(*) AS posted FROM (
                            SELECT depot_code, CASE WHEN doc_type = 'receipt' THEN 'in' ELSE 'out' END AS side, min(at) AS first FROM movements
                             WHERE doc_type IN ('receipt', 'dispatch') AND coalesce(source_type, '') <> 'opening' GROUP BY depot_code, doc_type, doc_no) d
                          GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`),
    },
  };
}

describe.skipIf(why)(`the city briefing's kept sums${why ? ` (skipped: ${why})` : ''}`, () => {
  it('equal a full scan of the movements after batches from three depots with reversals and a transfer, at now and at earlier moments', async () => {
    center = await tempCenter(pg.url);
    // The depots' clocks: the day before yesterday from 02:00, then yesterday from 10:00 (each posting a minute on).
    const yesterday = Date.parse(dayStart(localDay(new Date(Date.now() - 24 * HOUR).toISOString())));
    let clock = yesterday - 22 * HOUR;
    const tick = () => new Date((clock += 60_000));
    const a = await registeredDepot(center, 'SBJ', { clock: tick });
    const b = await registeredDepot(center, 'QX02', { clock: tick });
    const c = await registeredDepot(center, 'QX03', { clock: tick });
    cleanups.push(() => a.env.cleanup(), () => b.env.cleanup(), () => c.env.cleanup());
    server = await serveCenter(center, {});
    const link = { url: server.url };
    // Small batches, so a document's rows may come in two of them.
    const push = async (d: typeof a) => expect(await pushOutbox(d.depot.store, d.code, d.key.privateKey, link, 'zh-CN', { batchSize: 3 })).toMatchObject({ ok: true, pending: 0 });

    const toB = await call(a.depot, a.admin, 'units.create', { code: 'QX02', name: '旗县区二号仓库', type: 'control_point', requestId: rid() });
    // Yesterday: receipts at all three, shipments, a receipt reversed (红冲) the same day.
    await a.receive(a.f.mask.id, 5000, 120);
    await a.receive(a.f.bed.id, 200, null);
    await b.receive(b.f.suit.id, 300, 4500);
    const wrongIn = await c.receive(c.f.mask.id, 999, 100);
    await call(c.depot, c.approver, 'receipts.reverse', { id: wrongIn.id, reason: '数量录错', requestId: rid() });
    // Three lots on one receipt: two rows of one document, which batches of 3 entries may split.
    const twoLots = await call(c.depot, c.keeper, 'receipts.saveDraft', {
      sourceType: 'purchase', supplierId: c.f.maker.id, requestId: rid(),
      lines: ['L1', 'L2', 'L3'].map((lotNo) => ({ itemId: c.f.mask.id, lotNo, expiresOn: '2030-01-31', counted: 300, unitCost: 100, locationId: c.f.a1.id })),
    });
    await call(c.depot, c.keeper, 'receipts.post', { id: twoLots.id, version: twoLots.version, requestId: rid() });
    const early = await a.ship(a.f.mask.id, 1200);
    await b.ship(b.f.suit.id, 100);
    for (const d of [a, b, c]) await push(d);

    // Yesterday: a shipment of the day before reversed, another reversed the same hour, a transfer A → B received at B.
    clock = yesterday + 10 * HOUR;
    await call(a.depot, a.approver, 'dispatch.reverse', { id: early.id, reason: '发错单位', requestId: rid() });
    const wrongOut = await a.ship(a.f.bed.id, 30);
    await call(a.depot, a.approver, 'dispatch.reverse', { id: wrongOut.id, reason: '数量有误', requestId: rid() });
    await a.ship(a.f.bed.id, 25);
    const order = await call(a.depot, a.dispatcher, 'dispatch.create', { unitId: toB.id, lines: [{ itemId: a.f.mask.id, qty: 400 }], requestId: rid() });
    const approved = await call(a.depot, a.approver, 'dispatch.approve', { id: order.id, version: order.version, requestId: rid() });
    await call(a.depot, a.dispatcher, 'dispatch.ship', { id: approved.id, version: approved.version, requestId: rid() });
    await c.ship(c.f.mask.id, 333);
    await push(a);
    await push(c);
    const round = await receiveTransfers(b.depot, b.code, b.key.privateKey, link);
    expect(round).toMatchObject({ ok: true, refused: [] });
    if (!round.ok) return;
    const draft = await call(b.depot, b.keeper, 'receipts.get', { id: round.drafted[0]!.receiptId });
    await call(b.depot, b.keeper, 'receipts.post', { id: draft.id, version: draft.version, requestId: rid() });
    await push(b);

    // The kept sums are the movements summed again, row group for row group.
    const { kept, scanned } = await keptAndScanned();
    expect(kept.totals.length).toBeGreaterThan(10);
    expect(kept).toEqual(scanned);

    // The briefing from the kept sums says what the scan says: now, and at moments between postings
    // (rows after the moment taken away, an hour cut in the middle).
    const evening = new Date(yesterday + 20 * HOUR);
    const moments = [evening, new Date(), new Date(yesterday + 10 * HOUR + 3 * 60_000 + 30_000), new Date(yesterday - 22 * HOUR + 5 * 60_000 + 1)];
    for (const at of moments) {
      const [k, s] = await Promise.all([citySummary(center, at, 'zh-CN', 'kept'), citySummary(center, at, 'zh-CN', 'scan')]);
      expect(k).toEqual(s);
    }
    const now = await citySummary(center, evening, 'zh-CN');
    // Yesterday evening's figures, as a reader checks them: A's masks out 1,200 reversed, 400 to B; B's 100 suits; C's 333 masks.
    expect(now.cumulative.dispatched.total.pieces).toBe(25 + 400 + 100 + 333);
    expect(now.cumulative.documents.outbound).toBe(4);
    expect(now.cumulative.documents.inbound).toBe(5);
    expect(now.today.documents).toEqual({ inbound: 1, outbound: 3 });
    expect(now.today.reversedEarlier.outbound).toMatchObject({ documents: 1, pieces: 1200 });

    // A center that held these rows before the sums existed gets the same sums from migration 008.
    await center.pool.query('TRUNCATE flow_totals, flow_hours, doc_firsts, doc_hours, doc_totals');
    await center.pool.query(centerMigrations().find((m) => m.version === 8)!.sql);
    expect((await keptAndScanned()).kept).toEqual(kept);
    expect((await cityBriefing(center, evening, 'zh-CN')).summary).toEqual(now);
  });

  it('equal a scan for documents whose rows span hours and a day\'s start, sent in batches that split them', async () => {
    center = await tempCenter(pg.url);
    const key = generateKeyPairSync('ed25519');
    await registerDepot(center, { code: 'RAW', name: '手工数据', publicKey: key.publicKey.export({ type: 'spki', format: 'pem' }).toString() });
    // Yesterday's midnight; rows 20 minutes apart from 3 h before it, four rows a document.
    const midnight = Date.parse(dayStart(localDay(new Date(Date.now() - 24 * HOUR).toISOString())));
    const rows = Array.from({ length: 40 }, (_, n) => {
      const out = n % 3 === 2;
      return {
        id: n + 1, at: new Date(midnight - 3 * HOUR + n * 20 * 60_000).toISOString(), qty: out ? -(1 + (n % 5)) : 10 + n, amount: out ? -100 : 1000 + n,
        docType: out ? 'dispatch' : 'receipt', docNo: `${out ? 'CK' : 'RK'}-${Math.floor(n / 4)}`, lineId: n + 1, reversesId: null as number | null,
        sourceType: out ? null : n % 7 === 0 ? 'opening' : 'purchase',
        item: { code: `WZ-${n % 4}`, name: `物资${n % 4}`, spec: '', unit: '件', category: n % 2 ? 'protective' : 'bedding', safetyStock: 0 },
        lotNo: 'L1', expiresOn: null, location: 'A-01-01', supplier: null, recipient: out ? { code: 'U-1', name: '医院', type: n % 2 ? 'designated_hospital' : 'makeshift_hospital' } : null,
      };
    });
    // A reversal (红冲) undoes a whole document, as a depot posts it: every row of every other shipment.
    const reversals = rows.filter((r) => r.docType === 'dispatch' && Number(r.docNo.slice(3)) % 2 === 0).map((r, i) => ({
      ...r, id: 41 + i, at: new Date(midnight + 6 * HOUR + i * 60_000).toISOString(), qty: -r.qty, amount: -r.amount!, docType: 'dispatch_reversal', docNo: `HC-${r.docNo.slice(3)}`, reversesId: r.id,
    }));
    const all = [...rows, ...reversals];
    for (let from = 0; from < all.length; from += 7) {
      const entries = all.slice(from, from + 7).map((payload, i) => ({ seq: from + i + 1, kind: 'movement' as const, payload, createdAt: new Date().toISOString() }));
      const body = JSON.stringify({ depot: 'RAW', fromSeq: from + 1, toSeq: from + entries.length, tail: all.length, madeAt: new Date().toISOString(), entries });
      await applyBatch(center, { depot: 'RAW', body, signature: sign(null, Buffer.from(body), key.privateKey).toString('base64') }, 'push');
    }
    const { kept, scanned } = await keptAndScanned();
    expect(kept).toEqual(scanned);
    // Windows whose start cuts documents in two, and an end in the middle of an hour.
    for (const at of [new Date(), new Date(midnight + 5 * 60_000), new Date(midnight + 7 * HOUR), new Date(midnight + 30 * 60_000 + 1), new Date(midnight - HOUR)]) {
      expect(await citySummary(center, at, 'en', 'kept')).toEqual(await citySummary(center, at, 'en', 'scan'));
    }
    const yesterday = await citySummary(center, new Date(midnight + 7 * HOUR), 'en');
    expect(yesterday.today.documents.outbound).toBeGreaterThan(0);
  });
});
