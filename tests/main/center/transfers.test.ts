import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pgUnavailable, startPg, type TempPg } from '../../support/pg.ts';
import { centerLedger, depotLedger, registeredDepot, tempCenter } from '../../support/center.ts';
import { call, rid } from '../../support/depot.ts';
import { serveCenter, type CenterServer } from '../../../main/center/serve.ts';
import { pushOutbox } from '../../../main/center/sync.ts';
import { draftTransferReceipts, fetchPendingTransfers, receiveTransfers } from '../../../main/center/receive-transfers.ts';
import { transferStates } from '../../../main/center/transfers.ts';
import { signedRequest } from '../../../main/center/verify.ts';
import { postToCenter } from '../../../main/center/sync.ts';
import type { CenterStore } from '../../../main/center/store.ts';

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

describe.skipIf(why)(`a transfer between two depots (调拨)${why ? ` (skipped: ${why})` : ''}`, () => {
  it('goes from a dispatch at A to a receipt at B with a shortage, and the center shows it in transit, then received', async () => {
    center = await tempCenter(pg.url);
    const a = await registeredDepot(center, 'SBJ');
    const b = await registeredDepot(center, 'QX02');
    cleanups.push(() => a.env.cleanup(), () => b.env.cleanup());
    server = await serveCenter(center, {});
    const link = { url: server.url };

    // At A, depot B is a recipient unit under B's code; at B, depot A is a supplier (旗县区) under A's code.
    const toB = await call(a.depot, a.admin, 'units.create', { code: 'QX02', name: '旗县区二号仓库', type: 'control_point', requestId: rid() });
    await call(b.depot, b.admin, 'suppliers.create', { code: 'SBJ', name: '市本级储备库', kind: 'district', requestId: rid() });
    await a.receive(a.f.mask.id, 500, 120);
    const order = await call(a.depot, a.dispatcher, 'dispatch.create', { unitId: toB.id, lines: [{ itemId: a.f.mask.id, qty: 200 }], requestId: rid() });
    const approved = await call(a.depot, a.approver, 'dispatch.approve', { id: order.id, version: order.version, requestId: rid() });
    const shipped = await call(a.depot, a.dispatcher, 'dispatch.ship', { id: approved.id, version: approved.version, requestId: rid() });
    expect(await pushOutbox(a.depot.store, a.code, a.key.privateKey, link)).toMatchObject({ ok: true });
    expect(await transferStates(center)).toEqual([{ fromDepot: 'SBJ', toDepot: 'QX02', dispatchNo: shipped.no, status: 'in_transit', receiptNo: null, reversalNo: null, conflict: null, shipped: 200, received: 0, short: 0 }]);
    expect(await (await fetch(`${server.url}/`)).text()).toContain(`<td>SBJ</td><td>QX02</td><td>${shipped.no}</td><td>在途</td>`);

    // B learns what is on its way, with lots, expiry and cost, and gets a draft receipt once however often it asks.
    const pending = await fetchPendingTransfers(link, b.code, b.key.privateKey);
    expect(pending).toMatchObject({ ok: true, transfers: [{ fromDepot: 'SBJ', dispatchNo: shipped.no, lines: [{ itemCode: 'FH-001', lotNo: 'L1', expiresOn: '2030-01-31', qty: 200, unitCost: 120 }] }] });
    if (!pending.ok) return;
    const drafted = await draftTransferReceipts(b.depot, b.keeper, pending.transfers);
    expect(drafted.refused).toEqual([]);
    expect(drafted.drafted).toHaveLength(1);
    expect((await draftTransferReceipts(b.depot, b.keeper, pending.transfers)).drafted).toHaveLength(0);
    const draft = await call(b.depot, b.keeper, 'receipts.get', { id: drafted.drafted[0]!.receiptId });
    expect(draft).toMatchObject({ status: 'draft', sourceType: 'district', reference: `SBJ/${shipped.no}`, lines: [{ itemCode: 'FH-001', lotNo: 'L1', expiresOn: '2030-01-31', counted: 200, unitCost: 120 }] });

    // B counts 195 (5 short) and rejects 5 with a crushed carton: 190 taken in.
    const line = draft.lines[0]!;
    const counted = await call(b.depot, b.keeper, 'receipts.saveDraft', {
      id: draft.id, version: draft.version, sourceType: draft.sourceType, supplierId: draft.supplierId, reference: draft.reference, note: draft.note,
      lines: [{ itemId: line.itemId, lotNo: line.lotNo, expiresOn: line.expiresOn, counted: 195, rejected: 5, rejectReason: '外箱挤压破损', unitCost: line.unitCost, locationId: line.locationId }],
      requestId: rid(),
    });
    await call(b.depot, b.keeper, 'receipts.post', { id: counted.id, version: counted.version, requestId: rid() });
    expect(await pushOutbox(b.depot.store, b.code, b.key.privateKey, link)).toMatchObject({ ok: true });

    const [state] = await transferStates(center);
    expect(state).toMatchObject({ status: 'received', shipped: 200, received: 190, short: 10 });
    expect(await (await fetch(`${server.url}/?lang=en`)).text()).toContain('<td>Received</td><td class="n">200</td><td class="n">190</td><td class="n">10</td>');
    expect(await fetchPendingTransfers(link, b.code, b.key.privateKey)).toEqual({ ok: true, transfers: [], cancelled: [] });
    for (const d of [a, b]) expect(await centerLedger(center, d.code)).toEqual(depotLedger(d));
  });

  it('tells a depot only what is on its way to it', async () => {
    center = await tempCenter(pg.url);
    const a = await registeredDepot(center, 'SBJ');
    cleanups.push(() => a.env.cleanup());
    server = await serveCenter(center, {});
    // A's key asking as B: refused in words.
    const posing = { ...signedRequest('SBJ', a.key.privateKey), depot: 'QX02' };
    const { answer } = await postToCenter<{ ok: boolean; message?: string }>({ url: server.url }, '/v1/transfers/pending', JSON.stringify(posing), 'zh-CN');
    expect(answer.ok).toBe(false);
    expect(answer.message).toContain('QX02');
    // Not JSON at all: refused in words, not answered as the center failing.
    const garbage = await postToCenter<{ ok: boolean; code?: string }>({ url: server.url }, '/v1/transfers/pending', 'not json', 'zh-CN');
    expect(garbage).toMatchObject({ status: 400, answer: { ok: false, code: 'bad_batch' } });
  });

  it('is drafted by the receiving desk itself in its push round, once, for a storekeeper to post', async () => {
    center = await tempCenter(pg.url);
    const a = await registeredDepot(center, 'SBJ');
    const b = await registeredDepot(center, 'QX02');
    cleanups.push(() => a.env.cleanup(), () => b.env.cleanup());
    server = await serveCenter(center, {});
    const link = { url: server.url };
    const toB = await call(a.depot, a.admin, 'units.create', { code: 'QX02', name: '旗县区二号仓库', type: 'control_point', requestId: rid() });
    await a.receive(a.f.suit.id, 100, 4500);
    const order = await call(a.depot, a.dispatcher, 'dispatch.create', { unitId: toB.id, lines: [{ itemId: a.f.suit.id, qty: 40 }], requestId: rid() });
    const approved = await call(a.depot, a.approver, 'dispatch.approve', { id: order.id, version: order.version, requestId: rid() });
    const shipped = await call(a.depot, a.dispatcher, 'dispatch.ship', { id: approved.id, version: approved.version, requestId: rid() });
    await pushOutbox(a.depot.store, a.code, a.key.privateKey, link);

    const round = await receiveTransfers(b.depot, b.code, b.key.privateKey, link);
    expect(round).toMatchObject({ ok: true, drafted: [{ reference: `SBJ/${shipped.no}` }], refused: [] });
    expect(await receiveTransfers(b.depot, b.code, b.key.privateKey, link)).toMatchObject({ ok: true, drafted: [] });
    if (!round.ok) return;
    const draft = await call(b.depot, b.keeper, 'receipts.get', { id: round.drafted[0]!.receiptId });
    expect(draft).toMatchObject({ status: 'draft', sourceType: 'other', lines: [{ itemCode: 'FH-010', counted: 40, unitCost: 4500 }] });
    const posted = await call(b.depot, b.keeper, 'receipts.post', { id: draft.id, version: draft.version, requestId: rid() });
    expect(posted.status).toBe('posted');
    await pushOutbox(b.depot.store, b.code, b.key.privateKey, link);
    expect(await transferStates(center)).toMatchObject([{ status: 'received', shipped: 40, received: 40, short: 0 }]);
  });

  it('is cancelled at the center when A reverses (红冲) the shipment, and B cannot post the receipt it drafted for it', async () => {
    center = await tempCenter(pg.url);
    const a = await registeredDepot(center, 'SBJ');
    const b = await registeredDepot(center, 'QX02');
    cleanups.push(() => a.env.cleanup(), () => b.env.cleanup());
    server = await serveCenter(center, {});
    const link = { url: server.url };
    const toB = await call(a.depot, a.admin, 'units.create', { code: 'QX02', name: '旗县区二号仓库', type: 'control_point', requestId: rid() });
    await a.receive(a.f.suit.id, 100, 4500);
    const order = await call(a.depot, a.dispatcher, 'dispatch.create', { unitId: toB.id, lines: [{ itemId: a.f.suit.id, qty: 40 }], requestId: rid() });
    const approved = await call(a.depot, a.approver, 'dispatch.approve', { id: order.id, version: order.version, requestId: rid() });
    const shipped = await call(a.depot, a.dispatcher, 'dispatch.ship', { id: approved.id, version: approved.version, requestId: rid() });
    await pushOutbox(a.depot.store, a.code, a.key.privateKey, link);
    const round = await receiveTransfers(b.depot, b.code, b.key.privateKey, link);
    expect(round).toMatchObject({ ok: true, drafted: [{ reference: `SBJ/${shipped.no}` }] });
    if (!round.ok) return;

    // A finds the shipment wrong and reverses it: the goods are back on A's shelves, nothing is on its way.
    const reversal = await call(a.depot, a.approver, 'dispatch.reverse', { id: shipped.id, reason: '发错仓库，车辆未出发', requestId: rid() });
    expect(await pushOutbox(a.depot.store, a.code, a.key.privateKey, link)).toMatchObject({ ok: true });
    expect(await transferStates(center)).toEqual([{ fromDepot: 'SBJ', toDepot: 'QX02', dispatchNo: shipped.no, status: 'cancelled', receiptNo: null, reversalNo: reversal.no, conflict: null, shipped: 40, received: 0, short: 0 }]);
    const { rows } = await center.pool.query('SELECT dispatch_no, status, reversal_no FROM transfers');
    expect(rows).toEqual([{ dispatch_no: shipped.no, status: 'cancelled', reversal_no: reversal.no }]);
    expect(await (await fetch(`${server.url}/`)).text()).toContain(`<td>SBJ</td><td>QX02</td><td>${shipped.no}</td><td>已撤销（调出仓库红冲）</td>`);

    // B learns it in its next round: nothing pending, and the draft it made is refused in words when posted.
    expect(await fetchPendingTransfers(link, b.code, b.key.privateKey)).toMatchObject({ ok: true, transfers: [] });
    expect(await receiveTransfers(b.depot, b.code, b.key.privateKey, link)).toMatchObject({ ok: true, drafted: [], cancelled: [`SBJ/${shipped.no}`] });
    const draft = await call(b.depot, b.keeper, 'receipts.get', { id: round.drafted[0]!.receiptId });
    const refused = await b.depot.invoke('receipts.post', { id: draft.id, version: draft.version, requestId: rid() }, b.keeper);
    expect(refused).toMatchObject({ ok: false, error: { code: 'transfer_cancelled' } });
    expect(!refused.ok && refused.error.message).toBe(`调拨 SBJ/${shipped.no} 已被调出仓库红冲撤销（${reversal.no}），货物不会到达：此入库单不能过账，请作废草稿`);
    expect(b.depot.store.first('SELECT count(*) AS n FROM movements')).toEqual({ n: 0 });
    // Discarding it is allowed; B's ledger at the center stays empty.
    await call(b.depot, b.keeper, 'receipts.discardDraft', { id: draft.id, version: draft.version, requestId: rid() });
    await pushOutbox(b.depot.store, b.code, b.key.privateKey, link);
    for (const d of [a, b]) expect(await centerLedger(center, d.code)).toEqual(depotLedger(d));
  });

  /** A at SBJ ships 40 suits to B at QX02 and pushes; B drafts the receipt in its round. */
  async function shippedToB() {
    center = await tempCenter(pg.url);
    const a = await registeredDepot(center, 'SBJ');
    const b = await registeredDepot(center, 'QX02');
    cleanups.push(() => a.env.cleanup(), () => b.env.cleanup());
    server = await serveCenter(center, {});
    const link = { url: server.url };
    const toB = await call(a.depot, a.admin, 'units.create', { code: 'QX02', name: '旗县区二号仓库', type: 'control_point', requestId: rid() });
    await a.receive(a.f.suit.id, 100, 4500);
    const order = await call(a.depot, a.dispatcher, 'dispatch.create', { unitId: toB.id, lines: [{ itemId: a.f.suit.id, qty: 40 }], requestId: rid() });
    const approved = await call(a.depot, a.approver, 'dispatch.approve', { id: order.id, version: order.version, requestId: rid() });
    const shipped = await call(a.depot, a.dispatcher, 'dispatch.ship', { id: approved.id, version: approved.version, requestId: rid() });
    await pushOutbox(a.depot.store, a.code, a.key.privateKey, link);
    const round = await receiveTransfers(b.depot, b.code, b.key.privateKey, link);
    if (!round.ok) throw new Error(round.message);
    const draft = await call(b.depot, b.keeper, 'receipts.get', { id: round.drafted[0]!.receiptId });
    const suitsAt = async (code: string) => (await center.pool.query('SELECT on_hand FROM item_totals WHERE depot_code = $1 AND item_code = $2', [code, 'FH-010'])).rows[0]?.on_hand;
    return { a, b, link, shipped, draft, suitsAt };
  }

  it('is flagged as a conflict, in words, when B posts its receipt before it hears that A reversed the shipment', async () => {
    const { a, b, link, shipped, draft, suitsAt } = await shippedToB();
    const reversal = await call(a.depot, a.approver, 'dispatch.reverse', { id: shipped.id, reason: '发错仓库', requestId: rid() });
    await pushOutbox(a.depot.store, a.code, a.key.privateKey, link);
    // B has not asked the center since: it posts the receipt it drafted, and pushes.
    const posted = await call(b.depot, b.keeper, 'receipts.post', { id: draft.id, version: draft.version, requestId: rid() });
    await pushOutbox(b.depot.store, b.code, b.key.privateKey, link);

    // The 40 suits are on A's books again and on B's: the center says so instead of summing in silence.
    expect([await suitsAt('SBJ'), await suitsAt('QX02')]).toEqual([100, 40]);
    expect(await transferStates(center)).toEqual([
      { fromDepot: 'SBJ', toDepot: 'QX02', dispatchNo: shipped.no, status: 'cancelled', receiptNo: posted.no, reversalNo: reversal.no, conflict: 'received_after_cancel', shipped: 40, received: 40, short: 0 },
    ]);
    const page = await (await fetch(`${server.url}/`)).text();
    expect(page).toContain(`冲突：SBJ 已红冲撤销这次调拨（${reversal.no}），QX02 在得知前又过账了入库单 ${posted.no}，这批货在两个仓库都计入了库存。`);
    expect(page).toContain(`货在 SBJ，由 QX02 红冲入库单 ${posted.no}（冲突随之消除）`);
    expect(await (await fetch(`${server.url}/?lang=en`)).text()).toContain(`Conflict: SBJ reversed this transfer (${reversal.no}), and QX02 posted receipt ${posted.no} before it learned of it, so both depots count the goods.`);

    // B reverses its receipt: the goods are counted at A alone, and the conflict is gone.
    await call(b.depot, b.approver, 'receipts.reverse', { id: posted.id, reason: '调拨已被调出仓库撤销', requestId: rid() });
    await pushOutbox(b.depot.store, b.code, b.key.privateKey, link);
    expect(await suitsAt('QX02')).toBe(0);
    expect(await transferStates(center)).toMatchObject([{ status: 'cancelled', conflict: null, receiptNo: null }]);
    expect(await (await fetch(`${server.url}/`)).text()).not.toContain('冲突');
  });

  it('is flagged as a conflict to resolve when A reverses the shipment after B received it', async () => {
    const { a, b, link, shipped, draft, suitsAt } = await shippedToB();
    const posted = await call(b.depot, b.keeper, 'receipts.post', { id: draft.id, version: draft.version, requestId: rid() });
    await pushOutbox(b.depot.store, b.code, b.key.privateKey, link);
    expect(await transferStates(center)).toMatchObject([{ status: 'received', conflict: null }]);
    const reversal = await call(a.depot, a.approver, 'dispatch.reverse', { id: shipped.id, reason: '数量有误', requestId: rid() });
    await pushOutbox(a.depot.store, a.code, a.key.privateKey, link);

    expect([await suitsAt('SBJ'), await suitsAt('QX02')]).toEqual([100, 40]);
    expect(await transferStates(center)).toEqual([
      { fromDepot: 'SBJ', toDepot: 'QX02', dispatchNo: shipped.no, status: 'received', receiptNo: posted.no, reversalNo: reversal.no, conflict: 'reversed_after_receipt', shipped: 40, received: 40, short: 0 },
    ]);
    const page = await (await fetch(`${server.url}/`)).text();
    expect(page).toContain(`冲突：QX02 已过账入库单 ${posted.no} 收下这批货，SBJ 之后又红冲了出库（${reversal.no}），这批货在两个仓库都计入了库存。`);
    expect(await (await fetch(`${server.url}/?lang=en`)).text()).toContain(`Conflict: QX02 took the goods in with receipt ${posted.no}, then SBJ reversed the shipment (${reversal.no}), so both depots count the goods.`);
  });
});
