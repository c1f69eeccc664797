import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Depot, Session } from '../../../../main/core/depot.ts';
import { call, rid } from '../../../support/depot.ts';
import { ledgerMismatches, staffedDepot } from '../../../support/fixtures.ts';

/**
 * Seen: an order approved before its lot expired still shipped after expiry. Picking and shipping
 * now look at the lots again, refuse in words with the lot that can replace it, and 撤回审核
 * takes the order back to draft so it is approved again with good lots.
 */
describe('a lot that expired between approval and shipping', () => {
  let now = new Date('2026-06-30T10:00:00+08:00');
  let d: Awaited<ReturnType<typeof staffedDepot>>;
  let depot: Depot;
  let f: typeof d.f;
  let dispatcher: Session;
  let approver: Session;

  beforeEach(async () => {
    now = new Date('2026-06-30T10:00:00+08:00');
    d = await staffedDepot({ clock: () => now });
    ({ depot, f, dispatcher, approver } = d);
    await d.receive(f.mask.id, 500, null, { lotNo: 'OLD', expiresOn: '2026-06-30' });
    await d.receive(f.mask.id, 800, null, { lotNo: 'NEW', expiresOn: '2027-12-31', locationId: f.a2.id });
  });
  afterEach(() => d.env.cleanup());

  const approvedOrder = (qty: number) => d.approve(f.mask.id, qty);

  it('approved on its last day, shipped the next morning: refused, naming the lot to use; withdrawn and approved again, it ships the good lot', async () => {
    const approved = await approvedOrder(300);
    expect(approved.lines[0]!.picks.map((p) => p.lotNo)).toEqual(['OLD']);
    now = new Date('2026-07-01T08:05:00+08:00');
    const before = depot.store.all('SELECT * FROM movements');

    const shipped = await depot.invoke('dispatch.ship', { id: approved.id, version: approved.version, requestId: rid() }, dispatcher);
    expect(shipped.ok).toBe(false);
    if (!shipped.ok) {
      expect(shipped.error.code).toBe('lot_not_shippable');
      expect(shipped.error.message).toBe(
        `调拨单 ${approved.no}：医用防护口罩 批号 OLD（300只）已于 2026-06-30 过期，不能发出。可改用批号 NEW（库位 A-01-02，有效期至 2027-12-31，可发 800只）：请撤回审核后重新审核。`,
      );
    }
    const picked = await depot.invoke('dispatch.pick', { id: approved.id, version: approved.version, requestId: rid() }, dispatcher);
    expect(picked.ok ? 'picked' : picked.error.code).toBe('lot_not_shippable');
    expect(depot.store.all('SELECT * FROM movements')).toEqual(before);

    const draft = await call(depot, approver, 'dispatch.unapprove', { id: approved.id, version: approved.version, reason: '批次 OLD 已过期', requestId: rid() });
    expect(draft.status).toBe('draft');
    expect(depot.store.first<{ r: number }>('SELECT sum(reserved) AS r FROM stock')!.r).toBe(0);
    const again = await call(depot, approver, 'dispatch.approve', { id: draft.id, version: draft.version, requestId: rid() });
    expect(again.lines[0]!.picks.map((p) => [p.lotNo, p.qty])).toEqual([['NEW', 300]]);
    const out = await call(depot, dispatcher, 'dispatch.ship', { id: again.id, version: again.version, requestId: rid() });
    expect(out.status).toBe('shipped');
    expect(depot.store.all<{ lot_no: string; on_hand: number }>('SELECT l.lot_no, s.on_hand FROM stock s JOIN lots l ON l.id = s.lot_id ORDER BY l.lot_no')).toEqual([
      { lot_no: 'NEW', on_hand: 500 },
      { lot_no: 'OLD', on_hand: 500 },
    ]);
    expect(ledgerMismatches(depot)).toEqual([]);
  });

  it('with no good lot left, the refusal says so instead of naming one', async () => {
    const approved = await approvedOrder(300);
    // The good lot goes out on another order first.
    const other = await approvedOrder(800);
    await call(depot, dispatcher, 'dispatch.ship', { id: other.id, version: other.version, requestId: rid() });
    now = new Date('2026-07-01T08:05:00+08:00');
    const shipped = await depot.invoke('dispatch.ship', { id: approved.id, version: approved.version, requestId: rid() }, dispatcher);
    expect(shipped.ok ? 'shipped' : shipped.error.message).toMatch(/批号 OLD（300只）已于 2026-06-30 过期，不能发出。目前没有可替换的合格批次/);
  });

  it('on the day it expires it still ships (expiry is the last good day)', async () => {
    const approved = await approvedOrder(300);
    now = new Date('2026-06-30T23:50:00+08:00');
    expect((await call(depot, dispatcher, 'dispatch.ship', { id: approved.id, version: approved.version, requestId: rid() })).status).toBe('shipped');
  });
});
