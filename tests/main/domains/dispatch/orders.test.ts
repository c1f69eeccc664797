import { afterEach, describe, expect, it } from 'vitest';
import { openDepot } from '../../../../main/core/depot.ts';
import type { Depot, Session } from '../../../../main/core/depot.ts';
import { adminSession, call, rid, sessionWithRole, tempDepot } from '../../../support/depot.ts';
import { ledgerMismatches, smallDepot } from '../../../support/fixtures.ts';

let env: ReturnType<typeof tempDepot>;
const others: Depot[] = [];
afterEach(() => {
  others.splice(0).forEach((d) => d.close());
  env?.cleanup();
});

async function receive(depot: Depot, s: Session, supplierId: number, lines: { itemId: number; lotNo: string; expiresOn: string; counted: number | string; locationId: number; inspection?: 'pending' }[]) {
  const d = await call(depot, s, 'receipts.saveDraft', { sourceType: 'purchase', supplierId, lines: lines.map((l) => ({ ...l, unitCost: 150 })), requestId: rid() });
  return call(depot, s, 'receipts.post', { id: d.id, version: d.version, requestId: rid() });
}

async function setup() {
  env = tempDepot({ clock: () => new Date('2026-04-10T10:00:00+08:00') });
  const admin = await adminSession(env.depot);
  const dispatcher = await sessionWithRole(env.depot, admin, 'dispatcher', 'ddy01');
  const approver = await sessionWithRole(env.depot, admin, 'approver', 'sh01');
  const keeper = await sessionWithRole(env.depot, admin, 'storekeeper', 'bgy01');
  const data = await smallDepot(env.depot, admin);
  const unit = await call(env.depot, admin, 'units.create', { code: 'FC-01', name: '会展中心方舱医院', type: 'makeshift_hospital', staffCount: 320, beds: 1200, requestId: rid() });
  return { admin, dispatcher, approver, keeper, unit, ...data };
}

describe('dispatch orders', () => {
  it('picks first-expired-first-out, never an expired, pending or quarantined lot', async () => {
    const { keeper, dispatcher, approver, mask, a1, a2, maker, unit } = await setup();
    await receive(env.depot, keeper, maker.id, [
      { itemId: mask.id, lotNo: 'LATE', expiresOn: '2028-06-30', counted: 1000, locationId: a1.id },
      { itemId: mask.id, lotNo: 'EARLY', expiresOn: '2027-01-31', counted: 300, locationId: a2.id },
      { itemId: mask.id, lotNo: 'EXPIRED', expiresOn: '2026-04-09', counted: 5000, locationId: a1.id },
      { itemId: mask.id, lotNo: 'PENDING', expiresOn: '2026-12-31', counted: 5000, locationId: a1.id, inspection: 'pending' },
      { itemId: mask.id, lotNo: 'FROZEN', expiresOn: '2026-05-31', counted: 5000, locationId: a2.id },
    ]);
    const [frozen] = await call(env.depot, keeper, 'lots.find', { lotNo: 'FROZEN' });
    await call(env.depot, keeper, 'lots.setStatus', { id: frozen!.id, version: frozen!.version, status: 'quarantined', note: '抽检待复核', requestId: rid() });

    const order = await call(env.depot, dispatcher, 'dispatch.create', { unitId: unit.id, lines: [{ itemId: mask.id, qty: '1箱' }], requestId: rid() });
    expect(order.no).toBe('CK20260410-0001');
    const proposal = await call(env.depot, dispatcher, 'dispatch.proposePicks', { id: order.id });
    expect(proposal.map((p) => [p.lotNo, p.qty])).toEqual([
      ['EARLY', 300],
      ['LATE', 700],
    ]);
    const approved = await call(env.depot, approver, 'dispatch.approve', { id: order.id, version: order.version, requestId: rid() });
    expect(approved.status).toBe('approved');
    const stock = await call(env.depot, keeper, 'stock.list', { itemId: mask.id });
    expect(stock.rows.find((r) => r.lotNo === 'LATE')).toMatchObject({ onHand: 1000, reserved: 700, available: 300 });

    // Picking a quarantined lot by hand is refused.
    const other = await call(env.depot, dispatcher, 'dispatch.create', { unitId: unit.id, lines: [{ itemId: mask.id, qty: 10 }], requestId: rid() });
    const byHand = await env.depot.invoke('dispatch.approve', {
      id: other.id, version: other.version, picks: [{ lineId: other.lines[0]!.id, lotId: frozen!.id, locationId: a2.id, qty: 10 }], requestId: rid(),
    }, approver);
    expect(byHand).toMatchObject({ ok: false, error: { code: 'not_dispatchable' } });
  });

  it('ships with ledger rows, keeps the short rest open, signs off with discrepancies, and reverses', async () => {
    const { keeper, dispatcher, approver, mask, suit, a1, maker, unit } = await setup();
    await receive(env.depot, keeper, maker.id, [
      { itemId: mask.id, lotNo: 'M1', expiresOn: '2028-01-01', counted: 2000, locationId: a1.id },
      { itemId: suit.id, lotNo: 'S1', expiresOn: '2028-01-01', counted: 50, locationId: a1.id },
    ]);
    const order = await call(env.depot, dispatcher, 'dispatch.create', {
      unitId: unit.id, priority: 'urgent', vehicle: '蒙A·D1234', driver: '王师傅',
      lines: [{ itemId: mask.id, qty: 1500 }, { itemId: suit.id, qty: '3箱' }], requestId: rid(),
    });
    const refused = await env.depot.invoke('dispatch.approve', { id: order.id, version: order.version, requestId: rid() }, approver);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toContain('医用一次性防护服 需要 60套，可发 50套');
    const approved = await call(env.depot, approver, 'dispatch.approve', { id: order.id, version: order.version, allowShort: true, requestId: rid() });
    expect(approved.lines.map((l) => [l.picked, l.short])).toEqual([[1500, 0], [50, 10]]);
    const picked = await call(env.depot, keeper, 'dispatch.pick', { id: order.id, version: approved.version, requestId: rid() });
    const shipped = await call(env.depot, dispatcher, 'dispatch.ship', { id: order.id, version: picked.version, rest: 'keep', requestId: rid() });
    expect(shipped.status).toBe('shipped');
    const open = await call(env.depot, dispatcher, 'dispatch.list', { status: 'draft' });
    expect(open.map((o) => [o.backorderOf, o.totals.pieces])).toEqual([[order.no, 10]]);

    const card = await call(env.depot, keeper, 'stock.card', { itemId: mask.id });
    expect(card.rows.map((r) => [r.docType, r.qtyOut, r.balance, r.counterparty])).toEqual([
      ['receipt', 0, 2000, '华康医疗用品有限公司'],
      ['dispatch', 1500, 500, '会展中心方舱医院'],
    ]);
    expect(env.depot.store.first<{ r: number }>('SELECT sum(reserved) AS r FROM stock')!.r).toBe(0);

    // The receiver scans the slip's QR code: the order number opens the order.
    const scanned = await call(env.depot, dispatcher, 'dispatch.get', { no: order.no });
    // Writing the damaged goods off is the approver's act, not the floor's.
    const delivered = await call(env.depot, approver, 'dispatch.deliver', {
      id: scanned.id, version: scanned.version, receiver: '李护士长',
      discrepancies: [{ lineId: scanned.lines[0]!.id, lotId: scanned.lines[0]!.picks[0]!.lotId, kind: 'damaged', qty: 20, reason: '外箱挤压破损' }],
      requestId: rid(),
    });
    expect(delivered.status).toBe('delivered');
    // Net to the unit: 1,500 shipped − 20 damaged; stock unchanged by the sign-off.
    const toUnit = env.depot.store.first<{ q: number }>('SELECT -sum(qty) AS q FROM movements WHERE unit_id = ? AND item_id = ?', [unit.id, mask.id])!.q;
    expect(toUnit).toBe(1480);
    expect((await call(env.depot, keeper, 'stock.card', { itemId: mask.id })).balance).toBe(500);
    expect(() => env.depot.store.run("UPDATE dispatch_lines SET qty = 1 WHERE order_id = ?", [order.id])).toThrow(/never edited/);
    const noReverse = await env.depot.invoke('dispatch.reverse', { id: order.id, reason: '错发', requestId: rid() }, approver);
    expect(noReverse).toMatchObject({ ok: false, error: { code: 'has_discrepancies' } });
    expect(ledgerMismatches(env.depot)).toEqual([]);
  });

  it('reverses a shipped order and releases a cancelled one', async () => {
    const { keeper, dispatcher, approver, mask, a1, maker, unit } = await setup();
    await receive(env.depot, keeper, maker.id, [{ itemId: mask.id, lotNo: 'M1', expiresOn: '2028-01-01', counted: 1000, locationId: a1.id }]);
    const a = await call(env.depot, dispatcher, 'dispatch.create', { unitId: unit.id, lines: [{ itemId: mask.id, qty: 400 }], requestId: rid() });
    const ap = await call(env.depot, approver, 'dispatch.approve', { id: a.id, version: a.version, requestId: rid() });
    const sh = await call(env.depot, keeper, 'dispatch.ship', { id: a.id, version: ap.version, requestId: rid() });
    const rev = await call(env.depot, approver, 'dispatch.reverse', { id: sh.id, reason: '单位重复申领，退回', requestId: rid() });
    expect(rev.reversesNo).toBe(a.no);
    expect(rev.no).toBe('CKH20260410-0001');
    const b = await call(env.depot, dispatcher, 'dispatch.create', { unitId: unit.id, lines: [{ itemId: mask.id, qty: 1000 }], requestId: rid() });
    const bp = await call(env.depot, approver, 'dispatch.approve', { id: b.id, version: b.version, requestId: rid() });
    expect(env.depot.store.first<{ r: number }>('SELECT sum(reserved) AS r FROM stock')!.r).toBe(1000);
    await call(env.depot, dispatcher, 'dispatch.cancel', { id: b.id, version: bp.version, reason: '改派其他库', requestId: rid() });
    expect(env.depot.store.first<{ r: number }>('SELECT sum(reserved) AS r FROM stock')!.r).toBe(0);
    expect((await call(env.depot, keeper, 'stock.card', { itemId: mask.id })).balance).toBe(1000);
    expect(ledgerMismatches(env.depot)).toEqual([]);
  });

  it('two desks dispatching the last units: one succeeds, the other is refused and stock never goes negative', async () => {
    const { keeper, dispatcher, approver, mask, a1, maker, unit } = await setup();
    await receive(env.depot, keeper, maker.id, [{ itemId: mask.id, lotNo: 'LAST', expiresOn: '2028-01-01', counted: 100, locationId: a1.id }]);
    const first = await call(env.depot, dispatcher, 'dispatch.create', { unitId: unit.id, lines: [{ itemId: mask.id, qty: 100 }], requestId: rid() });
    const second = await call(env.depot, dispatcher, 'dispatch.create', { unitId: unit.id, lines: [{ itemId: mask.id, qty: 100 }], requestId: rid() });
    // A second desk: another connection to the same database file, signed in as another approver.
    const desk2 = openDepot({ dbPath: env.dbPath, clock: () => new Date('2026-04-10T10:00:00+08:00') });
    others.push(desk2);
    const approver2 = desk2.createSession();
    await call(desk2, approver2, 'auth.signIn', { code: 'sh01', password: 'sh01-pass-1' });
    const results = await Promise.all([
      env.depot.invoke('dispatch.approve', { id: first.id, version: first.version, requestId: rid() }, approver),
      desk2.invoke('dispatch.approve', { id: second.id, version: second.version, requestId: rid() }, approver2),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const loser = results.find((r) => !r.ok);
    expect(loser).toMatchObject({ ok: false, error: { code: 'short_stock' } });
    const stock = env.depot.store.first<{ on_hand: number; reserved: number }>('SELECT on_hand, reserved FROM stock')!;
    expect(stock).toEqual({ on_hand: 100, reserved: 100 });
  });
});
