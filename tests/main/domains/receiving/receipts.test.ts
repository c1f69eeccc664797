import { afterEach, describe, expect, it } from 'vitest';
import { adminSession, call, rid, sessionWithRole, tempDepot } from '../../../support/depot.ts';
import { ledgerMismatches, smallDepot } from '../../../support/fixtures.ts';

let env: ReturnType<typeof tempDepot>;
afterEach(() => env?.cleanup());

async function setup() {
  env = tempDepot({ clock: () => new Date('2026-04-10T10:00:00+08:00') });
  const admin = await adminSession(env.depot);
  const keeper = await sessionWithRole(env.depot, admin, 'storekeeper', 'bgy01');
  const checker = await sessionWithRole(env.depot, admin, 'approver', 'sh02');
  const data = await smallDepot(env.depot, admin);
  return { admin, keeper, checker, ...data };
}

describe('inbound receipts', () => {
  it('receives a mixed truck: packs parsed, rejected goods never enter stock, numbered by day', async () => {
    const { keeper, checker, mask, suit, a1, a2, maker } = await setup();
    const draft = await call(env.depot, keeper, 'receipts.saveDraft', {
      sourceType: 'purchase',
      supplierId: maker.id,
      reference: 'PO-2026-0410',
      vehicle: '蒙A·12345',
      lines: [
        { itemId: mask.id, lotNo: '20260301', producedOn: '2026-03-01', expiresOn: '2028-02-28', counted: '20箱 3盒', unitCost: 120, locationId: a1.id },
        { itemId: suit.id, lotNo: 'FS2603', expiresOn: '2028-03-31', counted: '10箱', rejected: 15, rejectReason: '外包装破损受潮', unitCost: 2500, locationId: a2.id },
      ],
      requestId: rid(),
    });
    expect(draft.status).toBe('draft');
    expect(draft.lines.map((l) => [l.counted, l.accepted, l.rejected])).toEqual([
      [20_150, 20_150, 0],
      [200, 185, 15],
    ]);
    const posted = await call(env.depot, keeper, 'receipts.post', { id: draft.id, version: draft.version, requestId: rid() });
    expect(posted.no).toBe('RK20260410-0001');
    expect(posted.totals.amount).toBe(20_150 * 120 + 185 * 2500);

    const stock = await call(env.depot, keeper, 'stock.list', {});
    expect(stock.rows.map((r) => [r.itemCode, r.lotNo, r.locationCode, r.onHand, r.available, r.status])).toEqual([
      ['FH-001', '20260301', 'A-01-01', 20_150, 20_150, 'accepted'],
      ['FH-010', 'FS2603', 'A-01-02', 185, 185, 'accepted'],
    ]);
    expect(ledgerMismatches(env.depot)).toEqual([]);

    // Reversal (红冲) puts every balance back and leaves the original untouched.
    const reversal = await call(env.depot, checker, 'receipts.reverse', { id: posted.id, reason: '供货方单据错误', requestId: rid() });
    expect(reversal.no).toBe('HC20260410-0001');
    expect(reversal.reversesNo).toBe('RK20260410-0001');
    const after = await call(env.depot, keeper, 'stock.list', {});
    expect(after.rows).toEqual([]);
    const original = await call(env.depot, keeper, 'receipts.get', { id: posted.id });
    expect(original.reversedByNo).toBe('HC20260410-0001');
    expect(original.lines.map((l) => l.accepted)).toEqual([20_150, 185]);
    expect(ledgerMismatches(env.depot)).toEqual([]);

    const twice = await env.depot.invoke('receipts.reverse', { id: posted.id, reason: '再次', requestId: rid() }, checker);
    expect(twice).toMatchObject({ ok: false, error: { code: 'already_reversed' } });
  });

  it('refuses a reversal that would make a balance negative, naming the lot and location', async () => {
    const { keeper, checker, mask, a1, a2, maker } = await setup();
    const draft = await call(env.depot, keeper, 'receipts.saveDraft', {
      sourceType: 'purchase', supplierId: maker.id,
      lines: [{ itemId: mask.id, lotNo: 'L1', expiresOn: '2028-01-01', counted: 1000, locationId: a1.id }],
      requestId: rid(),
    });
    const posted = await call(env.depot, keeper, 'receipts.post', { id: draft.id, version: draft.version, requestId: rid() });
    const [lot] = await call(env.depot, keeper, 'lots.find', { itemId: mask.id, lotNo: 'L1' });
    await call(env.depot, keeper, 'transfers.post', { lines: [{ lotId: lot!.id, fromLocationId: a1.id, toLocationId: a2.id, qty: '10盒' }], requestId: rid() });
    const before = env.depot.store.all('SELECT * FROM movements');
    const refused = await env.depot.invoke('receipts.reverse', { id: posted.id, reason: '错收', requestId: rid() }, checker);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('insufficient_stock');
      expect(refused.error.message).toContain('L1');
      expect(refused.error.message).toContain('A-01-01');
    }
    expect(env.depot.store.all('SELECT * FROM movements')).toEqual(before);
  });

  it('keeps pending lots out of the available stock until inspected; posted receipts cannot be edited even in SQL', async () => {
    const { keeper, admin, mask, a1, donor } = await setup();
    const draft = await call(env.depot, keeper, 'receipts.saveDraft', {
      sourceType: 'donation', supplierId: donor.id,
      lines: [{ itemId: mask.id, lotNo: 'JZ-01', expiresOn: '2027-12-31', counted: 500, locationId: a1.id, inspection: 'pending' }],
      requestId: rid(),
    });
    const posted = await call(env.depot, keeper, 'receipts.post', { id: draft.id, version: draft.version, requestId: rid() });
    let [row] = (await call(env.depot, keeper, 'stock.list', {})).rows;
    expect([row!.onHand, row!.available, row!.status]).toEqual([500, 0, 'pending']);
    const [lot] = await call(env.depot, keeper, 'lots.find', { lotNo: 'JZ-01' });
    await call(env.depot, keeper, 'lots.setStatus', { id: lot!.id, version: lot!.version, status: 'accepted', note: '检验合格', requestId: rid() });
    [row] = (await call(env.depot, keeper, 'stock.list', {})).rows;
    expect([row!.available, row!.status]).toEqual([500, 'accepted']);

    expect(() => env.depot.store.run('UPDATE receipts SET note = ? WHERE id = ?', ['x', posted.id])).toThrow(/never edited/);
    expect(() => env.depot.store.run('UPDATE receipt_lines SET counted = 1 WHERE receipt_id = ?', [posted.id])).toThrow(/never edited/);
    expect(() => env.depot.store.run('DELETE FROM movements')).toThrow(/immutable/);
    // A dispatcher cannot receive goods.
    const dispatcher = await sessionWithRole(env.depot, admin, 'dispatcher', 'ddy01');
    const refused = await env.depot.invoke('receipts.saveDraft', { sourceType: 'other', lines: [{ itemId: mask.id, lotNo: 'x', counted: 1, locationId: a1.id }], requestId: rid() }, dispatcher);
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('explains bad quantities and missing lot numbers at the field', async () => {
    const { keeper, mask, bed, a1, maker } = await setup();
    const bad = await env.depot.invoke('receipts.saveDraft', {
      sourceType: 'purchase', supplierId: maker.id,
      lines: [{ itemId: mask.id, lotNo: 'L9', counted: '3桶', locationId: a1.id }], requestId: rid(),
    }, keeper);
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_quantity', field: 'lines.0.counted' } });
    if (!bad.ok) expect(bad.error.message).toBe('数量“3桶”无法识别，可用单位：只、盒、箱');
    const noLot = await env.depot.invoke('receipts.saveDraft', {
      sourceType: 'purchase', supplierId: maker.id, lines: [{ itemId: mask.id, counted: 5, locationId: a1.id }], requestId: rid(),
    }, keeper);
    expect(noLot).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'lines.0.lotNo' } });
    // Items without lot tracking need no lot number.
    const beds = await call(env.depot, keeper, 'receipts.saveDraft', {
      sourceType: 'purchase', supplierId: maker.id, lines: [{ itemId: bed.id, counted: 40, locationId: a1.id }], requestId: rid(),
    });
    expect(beds.lines[0]!.lotNo).toBe('');
    expect(env.depot.store.first<{ n: number }>('SELECT count(*) n FROM movements')!.n).toBe(0);
  });
});

describe('stocktakes', () => {
  it('posts counted differences as adjustments after an approver approves', async () => {
    const { keeper, admin, mask, a1, maker } = await setup();
    const d = await call(env.depot, keeper, 'receipts.saveDraft', {
      sourceType: 'purchase', supplierId: maker.id, lines: [{ itemId: mask.id, lotNo: 'P1', expiresOn: '2030-01-31', counted: 1000, locationId: a1.id }], requestId: rid(),
    });
    await call(env.depot, keeper, 'receipts.post', { id: d.id, version: d.version, requestId: rid() });
    const sheet = await call(env.depot, keeper, 'stocktakes.create', { locationId: a1.id, requestId: rid() });
    expect(sheet.lines.map((l) => l.bookQty)).toEqual([1000]);
    const counted = await call(env.depot, keeper, 'stocktakes.count', { id: sheet.id, version: sheet.version, counts: [{ lineId: sheet.lines[0]!.id, countedQty: '19盒 40只' }], requestId: rid() });
    expect(counted.lines[0]!.difference).toBe(-10);
    const byKeeper = await env.depot.invoke('stocktakes.post', { id: sheet.id, version: counted.version, reason: '盘亏', requestId: rid() }, keeper);
    expect(byKeeper).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const approver = await sessionWithRole(env.depot, admin, 'approver', 'sh01');
    const posted = await call(env.depot, approver, 'stocktakes.post', { id: sheet.id, version: counted.version, reason: '盘亏，破损 10 只', requestId: rid() });
    expect(posted.status).toBe('posted');
    expect(await call(env.depot, keeper, 'stocktakes.list', {})).toEqual([{ ...posted, lines: undefined }].map(({ lines: _, ...h }) => h));
    const card = await call(env.depot, keeper, 'stock.card', { itemId: mask.id });
    expect(card.rows.map((r) => [r.docType, r.qtyIn, r.qtyOut, r.balance])).toEqual([
      ['receipt', 1000, 0, 1000],
      ['stocktake', 0, 10, 990],
    ]);
    expect(ledgerMismatches(env.depot)).toEqual([]);
  });
});

describe('the receipts list', () => {
  it('stops at its limit, and receipts.count says how many the same filter finds in all', async () => {
    const { staffedDepot } = await import('../../../support/fixtures.ts');
    const d = await staffedDepot();
    try {
      for (let i = 0; i < 7; i++) await d.receive(d.f.bed.id, 10 + i, 1000);
      await call(d.depot, d.keeper, 'receipts.saveDraft', { sourceType: 'purchase', supplierId: d.f.maker.id, lines: [{ itemId: d.f.bed.id, counted: 1, locationId: d.f.a1.id }], requestId: rid() });
      const list = await call(d.depot, d.keeper, 'receipts.list', { limit: 5 });
      expect(list).toHaveLength(5);
      expect(await call(d.depot, d.keeper, 'receipts.count', {})).toEqual({ total: 8 });
      expect(await call(d.depot, d.keeper, 'receipts.count', { status: 'draft' })).toEqual({ total: 1 });
      expect(await call(d.depot, d.keeper, 'receipts.count', { status: 'posted' })).toEqual({ total: d.depot.store.first<{ n: number }>("SELECT count(*) AS n FROM receipts WHERE status = 'posted'")!.n });
      expect(await call(d.depot, d.keeper, 'receipts.count', { from: '2999-01-01' })).toEqual({ total: 0 });
    } finally {
      d.env.cleanup();
    }
  });
});
