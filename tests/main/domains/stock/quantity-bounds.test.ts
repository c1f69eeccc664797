import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Depot, Session } from '../../../../main/core/depot.ts';
import { adminSession, call, rid, sessionWithRole, tempDepot } from '../../../support/depot.ts';
import { ledgerMismatches, smallDepot } from '../../../support/fixtures.ts';

/**
 * A quantity typed as text used to skip the bounds a number is held to: "99999999999999999999"
 * counted on a shelf posted a stock row of 1e20 (a float), "9007199254740993" was rounded,
 * "999999999箱" became 399,999,999,600. Every path refuses them in words now, and the database
 * would refuse them too.
 */
describe('quantities that cannot overflow', () => {
  let env: ReturnType<typeof tempDepot>;
  let depot: Depot;
  let admin: Session;
  let keeper: Session;
  let f: Awaited<ReturnType<typeof smallDepot>>;

  beforeEach(async () => {
    env = tempDepot();
    depot = env.depot;
    admin = await adminSession(depot);
    f = await smallDepot(depot, admin);
    keeper = await sessionWithRole(depot, admin, 'storekeeper', 'keeper');
    const draft = await call(depot, keeper, 'receipts.saveDraft', {
      sourceType: 'purchase',
      supplierId: f.maker.id,
      lines: [{ itemId: f.mask.id, lotNo: 'KN01', expiresOn: '2030-01-31', counted: 1600, unitCost: 250, locationId: f.a1.id }],
      requestId: rid(),
    });
    await call(depot, keeper, 'receipts.post', { id: draft.id, version: draft.version, requestId: rid() });
  });
  afterEach(() => env.cleanup());

  const stockRows = () => depot.store.all<{ on_hand: number; t: string }>('SELECT on_hand, typeof(on_hand) AS t FROM stock ORDER BY lot_id');
  const tables = () => JSON.stringify(['stock', 'movements', 'receipts', 'receipt_lines', 'stocktake_lines', 'dispatch_lines', 'transfer_lines'].map((t) => depot.store.all(`SELECT * FROM ${t}`)));

  const HUGE = ['99999999999999999999', '9007199254740993', '999999999箱', '1000000001'];

  it('a stocktake count as text beyond 10^9 is refused at its cell; the shelf keeps its book', async () => {
    const sheet = await call(depot, keeper, 'stocktakes.create', { locationId: f.a1.id, requestId: rid() });
    const before = tables();
    for (const counted of HUGE) {
      const r = await depot.invoke('stocktakes.count', { id: sheet.id, version: sheet.version, counts: [{ lineId: sheet.lines[0]!.id, countedQty: counted }], requestId: rid() }, keeper);
      expect(r.ok, counted).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('quantity_range');
        expect(r.error.field).toBe('counts.0.countedQty');
        expect(r.error.message).toBe(`数量“${counted}”超出范围：应为 0 到 1,000,000,000 之间的整数（按最小单位计）`);
      }
    }
    expect(tables()).toBe(before);
    expect(stockRows()).toEqual([{ on_hand: 1600, t: 'integer' }]);
  });

  it('a receipt line, a dispatch line and a move refuse the same texts; numbers were already refused', async () => {
    for (const counted of HUGE) {
      const r = await depot.invoke('receipts.saveDraft', { sourceType: 'purchase', supplierId: f.maker.id, lines: [{ itemId: f.mask.id, lotNo: 'KN02', counted, locationId: f.a1.id }], requestId: rid() }, keeper);
      expect(r.ok ? 'saved' : r.error.code, counted).toBe('quantity_range');
      if (!r.ok) expect(r.error.field).toBe('lines.0.counted');
    }
    const dispatcher = await sessionWithRole(depot, admin, 'dispatcher', 'ddy');
    const unit = await call(depot, admin, 'units.create', { code: 'U-01', name: '市第一医院', type: 'designated_hospital', requestId: rid() });
    for (const qty of HUGE) {
      const r = await depot.invoke('dispatch.create', { unitId: unit.id, lines: [{ itemId: f.mask.id, qty }], requestId: rid() }, dispatcher);
      expect(r.ok ? 'created' : r.error.code, qty).toBe('quantity_range');
      if (!r.ok) expect(r.error.field).toBe('lines.0.qty');
    }
    const lot = depot.store.first<{ id: number }>('SELECT id FROM lots')!.id;
    for (const qty of HUGE) {
      const r = await depot.invoke('transfers.post', { lines: [{ lotId: lot, fromLocationId: f.a1.id, toLocationId: f.a2.id, qty }], requestId: rid() }, keeper);
      expect(r.ok ? 'moved' : r.error.code, qty).toBe('quantity_range');
    }
    const asNumber = await depot.invoke('transfers.post', { lines: [{ lotId: lot, fromLocationId: f.a1.id, toLocationId: f.a2.id, qty: 1e20 }], requestId: rid() }, keeper);
    expect(asNumber.ok).toBe(false);
    expect(stockRows()).toEqual([{ on_hand: 1600, t: 'integer' }]);
    expect(ledgerMismatches(depot)).toEqual([]);
  });

  it('the largest allowed count still posts exactly, and one more is refused', async () => {
    const ok = await depot.invoke('receipts.saveDraft', { sourceType: 'purchase', supplierId: f.maker.id, lines: [{ itemId: f.mask.id, lotNo: 'KN03', counted: '1000000箱', locationId: f.a2.id }], requestId: rid() }, keeper);
    expect(ok.ok).toBe(true);
    if (ok.ok) expect(ok.data.lines[0]!.counted).toBe(1_000_000_000);
    const over = await depot.invoke('receipts.saveDraft', { sourceType: 'purchase', supplierId: f.maker.id, lines: [{ itemId: f.mask.id, lotNo: 'KN03', counted: '1000000箱 1只', locationId: f.a2.id }], requestId: rid() }, keeper);
    expect(over.ok ? 'saved' : over.error.code).toBe('quantity_range');
  });

  it('the database itself refuses a float, a text or an out-of-range quantity in every quantity column', () => {
    const lot = depot.store.first<{ id: number }>('SELECT id FROM lots')!.id;
    const attempts: [string, unknown[]][] = [
      ['UPDATE stock SET on_hand = ? WHERE lot_id = ?', [1e20, lot]],
      ['UPDATE stock SET on_hand = ? WHERE lot_id = ?', [1600.5, lot]],
      ['UPDATE stock SET on_hand = ? WHERE lot_id = ?', ['1600箱', lot]],
      ['UPDATE stock SET on_hand = ? WHERE lot_id = ?', [1_000_000_001, lot]],
      ['UPDATE receipt_lines SET counted = ?', [2.5]],
    ];
    for (const [sql, params] of attempts) {
      expect(() => depot.store.run(sql, params), `${sql} ${String(params[0])}`).toThrow(/quantity out of range/);
    }
    expect(stockRows()).toEqual([{ on_hand: 1600, t: 'integer' }]);
  });

  it('should anything reach the database guard, the operator reads a refusal, not "internal"', async () => {
    // A numeric text the parser never sees: the lot's own on-hand pushed over the limit by a receipt.
    const draft = await call(depot, keeper, 'receipts.saveDraft', {
      sourceType: 'purchase', supplierId: f.maker.id, lines: [{ itemId: f.mask.id, lotNo: 'KN01', expiresOn: '2030-01-31', counted: 1_000_000_000, locationId: f.a1.id }], requestId: rid(),
    });
    const r = await depot.invoke('receipts.post', { id: draft.id, version: draft.version, requestId: rid() }, keeper);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('quantity_range');
      expect(r.error.message).toMatch(/^数量.*超出范围/);
    }
    expect(stockRows()).toEqual([{ on_hand: 1600, t: 'integer' }]);
  });
});
