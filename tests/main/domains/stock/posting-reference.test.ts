import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Depot, Session } from '../../../../main/core/depot.ts';
import { ensureKeptFlows } from '../../../../main/domains/ledger/flows.ts';
import { call, rid, tempDepot } from '../../../support/depot.ts';
import { ledgerMismatches } from '../../../support/fixtures.ts';

/**
 * The posting path was made cheaper (issue 11: lots read once per receipt, a receipt's totals summed
 * from its lines, a shipment's reservation released in the same balance update, the first-row check
 * of the kept counts skipped for a document's later rows, a cheaper outbox trigger). Whatever it
 * writes must equal a reference computed another way: balances and reservations from the ledger and
 * the open orders, the valuation from the movements' amounts, the kept sums from a full re-summing
 * of the ledger, and every outbox row from the payload migration 018 defined for a ledger row.
 */
describe('what a posting writes equals a reference', () => {
  let env: ReturnType<typeof tempDepot>;
  let depot: Depot;
  let s: Session;
  let t = 0;
  beforeEach(() => {
    t = Date.parse('2026-04-10T08:00:00+08:00');
    env = tempDepot({ clock: () => new Date((t += 60_000)) });
    depot = env.depot;
    s = depot.systemSession();
  });
  afterEach(() => env.cleanup());

  const go = <C extends Parameters<typeof call>[2]>(channel: C, input: Record<string, unknown>) => call(depot, s, channel, { ...input, requestId: rid() });

  async function scenario() {
    const mask = await go('items.create', { code: 'FH-001', name: '口罩', spec: 'KN95', unit: '只', category: 'protective', packs: '盒=50' });
    const bed = await go('items.create', { code: 'CW-001', name: '折叠床', spec: '', unit: '张', category: 'bedding', lotTracked: false });
    const a1 = await go('locations.create', { code: 'A-01', depot: '库', zone: 'A', bin: '01' });
    const a2 = await go('locations.create', { code: 'A-02', depot: '库', zone: 'A', bin: '02' });
    const maker = await go('suppliers.create', { code: 'S-1', name: '厂', kind: 'manufacturer' });
    const donor = await go('suppliers.create', { code: 'S-2', name: '捐', kind: 'donor' });
    const unit = await go('units.create', { code: 'U-1', name: '医院', type: 'designated_hospital' });
    const receipt = async (input: Record<string, unknown>) => {
      const d = await go('receipts.saveDraft', input);
      return go('receipts.post', { id: d.id, version: d.version });
    };
    const ship = async (lines: { itemId: number; qty: number }[]) => {
      const o = await go('dispatch.create', { unitId: unit.id, lines });
      const a = await go('dispatch.approve', { id: o.id, version: o.version });
      return go('dispatch.ship', { id: a.id, version: a.version });
    };
    const first = await receipt({
      sourceType: 'purchase',
      supplierId: maker.id,
      lines: [
        { itemId: mask.id, lotNo: 'L1', expiresOn: '2030-01-31', counted: '4盒', unitCost: 1000, locationId: a1.id },
        { itemId: mask.id, lotNo: 'L2', expiresOn: '2031-01-31', counted: 130, rejected: 10, rejectReason: '破损', unitCost: 1200, locationId: a2.id },
        // The same new lot on two lines: created by the first, found by the second.
        { itemId: mask.id, lotNo: 'L3', counted: 30, unitCost: 1100, locationId: a1.id, expiresOn: '2032-01-31' },
        { itemId: mask.id, lotNo: 'L3', counted: 20, unitCost: 1150, locationId: a2.id, expiresOn: '2032-01-31' },
        { itemId: bed.id, lotNo: '', counted: 100, unitCost: 1000, locationId: a1.id },
      ],
    });
    await receipt({ sourceType: 'donation', supplierId: donor.id, lines: [{ itemId: bed.id, lotNo: '', counted: 100, unitCost: null, locationId: a1.id }] });
    await receipt({ sourceType: 'purchase', supplierId: maker.id, lines: [{ itemId: mask.id, lotNo: 'L4', expiresOn: '2033-01-31', counted: 40, unitCost: 999, locationId: a2.id, inspection: 'pending' }] });
    await ship([{ itemId: mask.id, qty: 230 }, { itemId: bed.id, qty: 150 }]);
    const second = await ship([{ itemId: mask.id, qty: 33 }, { itemId: bed.id, qty: 7 }]);
    // An order approved and not shipped keeps its reservation.
    const open = await go('dispatch.create', { unitId: unit.id, lines: [{ itemId: mask.id, qty: 11 }] });
    await go('dispatch.approve', { id: open.id, version: open.version });
    t += 86_400_000;
    await go('dispatch.reverse', { id: second.id, reason: '错发' });
    await receipt({ sourceType: 'return', unitId: unit.id, lines: [{ itemId: bed.id, lotNo: '', counted: 20, unitCost: null, locationId: a2.id }] });
    const twice = await receipt({ sourceType: 'purchase', supplierId: maker.id, lines: [{ itemId: bed.id, lotNo: '', counted: 10, unitCost: 1300, locationId: a2.id }] });
    await go('receipts.reverse', { id: twice.id, reason: '重复录入' });
    await ship([{ itemId: mask.id, qty: 5 }]);
    return { first };
  }

  it('balances, reservations, valuation, kept sums, outbox rows and a receipt’s totals', async () => {
    const { first } = await scenario();
    const store = depot.store;

    expect(ledgerMismatches(depot)).toEqual([]);
    expect(
      store.all(
        `SELECT s.lot_id, s.location_id, s.reserved, coalesce(p.qty, 0) AS picked FROM stock s
           LEFT JOIN (SELECT p.lot_id, p.location_id, sum(p.qty) AS qty FROM dispatch_picks p JOIN dispatch_orders o ON o.id = p.order_id
                       WHERE o.status IN ('approved', 'picked') GROUP BY 1, 2) p ON p.lot_id = s.lot_id AND p.location_id = s.location_id
          WHERE s.reserved <> coalesce(p.qty, 0)`,
      ),
    ).toEqual([]);
    expect(store.first<{ n: number }>('SELECT sum(reserved) AS n FROM stock')!.n).toBe(11);

    // The valuation is the sum of what the movements carried in and out.
    expect(store.all('SELECT item_id, priced_qty, priced_amount, unpriced_qty FROM item_valuation ORDER BY item_id')).toEqual(
      store.all(
        `SELECT item_id, sum(coalesce(valued_qty, 0)) AS priced_qty, sum(coalesce(amount, 0)) AS priced_amount, sum(qty - coalesce(valued_qty, 0)) AS unpriced_qty
           FROM movements GROUP BY item_id ORDER BY item_id`,
      ),
    );

    // The kept sums equal the ledger summed again from nothing.
    const kept = (table: string) => store.all(`SELECT * FROM ${table} ORDER BY 1, 2, 3, 4`);
    const before = { totals: kept('flow_totals'), days: kept('flow_days'), docs: kept('doc_days') };
    expect(before.docs.length).toBeGreaterThan(0);
    store.run('DELETE FROM flow_totals');
    ensureKeptFlows(store);
    expect({ totals: kept('flow_totals'), days: kept('flow_days'), docs: kept('doc_days') }).toEqual(before);

    // One outbox row per ledger row, in ledger order, each the payload migration 018 defined.
    const sent = store.all<{ payload: string }>("SELECT payload FROM outbox WHERE kind = 'movement' ORDER BY seq").map((r) => r.payload);
    const reference = store
      .all<{ payload: string }>(
        `SELECT json_object(
            'id', m.id, 'at', m.at, 'qty', m.qty, 'amount', m.amount,
            'docType', m.doc_type, 'docNo', m.doc_no, 'lineId', m.line_id, 'reversesId', m.reverses_id,
            'sourceType', m.source_type,
            'item', json_object('code', i.code, 'name', i.name, 'spec', i.spec, 'unit', i.unit, 'category', i.category, 'safetyStock', i.safety_stock),
            'lotNo', l.lot_no, 'expiresOn', l.expires_on, 'location', loc.code,
            'supplier', (SELECT code FROM suppliers WHERE id = m.supplier_id),
            'recipient', json((SELECT json_object('code', code, 'name', name, 'type', type) FROM units WHERE id = m.unit_id))) AS payload
           FROM movements m JOIN items i ON i.id = m.item_id JOIN lots l ON l.id = m.lot_id JOIN locations loc ON loc.id = m.location_id
          ORDER BY m.id`,
      )
      .map((r) => r.payload);
    expect(sent).toEqual(reference);
    expect(sent.some((p) => p.includes('"recipient":{'))).toBe(true);
    expect(sent.some((p) => p.includes('"recipient":null') && p.includes('"supplier":"S-1"'))).toBe(true);

    // A receipt's totals, summed from its lines, equal SQL over them.
    expect(first.totals).toEqual(
      store.first(
        `SELECT count(*) AS lines, coalesce(sum(counted), 0) AS counted, coalesce(sum(accepted), 0) AS accepted, coalesce(sum(rejected), 0) AS rejected,
                sum(accepted * unit_cost) AS amount FROM receipt_lines WHERE receipt_id = ?`,
        [first.id],
      ),
    );
    expect(first.totals).toEqual({ lines: 5, counted: 480, accepted: 470, rejected: 10, amount: 200_000 + 144_000 + 33_000 + 23_000 + 100_000 });
  });
});
