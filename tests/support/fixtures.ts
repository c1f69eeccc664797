import type { Depot, Session } from '../../main/core/depot.ts';
import { call, rid } from './depot.ts';

/** A small depot: two lot-tracked items with packs, one without lots, two locations, a supplier and a donor. */
export async function smallDepot(depot: Depot, session: Session) {
  const mask = await call(depot, session, 'items.create', {
    code: 'FH-001', name: '医用防护口罩', spec: 'KN95 耳挂式', unit: '只', category: 'protective', packs: '盒=50, 箱=1000', requestId: rid(),
  });
  const suit = await call(depot, session, 'items.create', {
    code: 'FH-010', name: '医用一次性防护服', spec: '连体式 L', unit: '套', category: 'protective', packs: '箱=20', requestId: rid(),
  });
  const bed = await call(depot, session, 'items.create', {
    code: 'CW-001', name: '折叠床', spec: '190×70cm', unit: '张', category: 'bedding', lotTracked: false, requestId: rid(),
  });
  const a1 = await call(depot, session, 'locations.create', { code: 'A-01-01', depot: '市本级储备库', zone: 'A区', bin: '01', requestId: rid() });
  const a2 = await call(depot, session, 'locations.create', { code: 'A-01-02', depot: '市本级储备库', zone: 'A区', bin: '02', requestId: rid() });
  const maker = await call(depot, session, 'suppliers.create', { code: 'S-001', name: '华康医疗用品有限公司', kind: 'manufacturer', requestId: rid() });
  const donor = await call(depot, session, 'suppliers.create', { code: 'S-002', name: '爱心企业联合会', kind: 'donor', requestId: rid() });
  return { mask, suit, bed, a1, a2, maker, donor };
}

export const balances = (depot: Depot) =>
  depot.store.all<{ lot_id: number; location_id: number; on_hand: number }>('SELECT lot_id, location_id, on_hand FROM stock ORDER BY lot_id, location_id');

/** The invariant of the ledger: every balance equals the sum of its ledger rows, and none is negative. */
export function ledgerMismatches(depot: Depot) {
  return depot.store.all(
    `SELECT s.lot_id, s.location_id, s.on_hand, coalesce(m.total, 0) AS ledger
       FROM stock s
       LEFT JOIN (SELECT lot_id, location_id, sum(qty) AS total FROM movements GROUP BY lot_id, location_id) m
         ON m.lot_id = s.lot_id AND m.location_id = s.location_id
      WHERE s.on_hand <> coalesce(m.total, 0) OR s.on_hand < 0
     UNION ALL
     SELECT m.lot_id, m.location_id, NULL, sum(m.qty) FROM movements m
      WHERE NOT EXISTS (SELECT 1 FROM stock s WHERE s.lot_id = m.lot_id AND s.location_id = m.location_id)
      GROUP BY m.lot_id, m.location_id`,
  );
}

/**
 * The small depot with its people: a storekeeper, a dispatcher and an approver (no one approves
 * their own document), one hospital, and the two moves most tests start from — a receipt posted
 * by the storekeeper, and an order created, approved and shipped.
 */
export async function staffedDepot(options: { clock?: () => Date } = {}) {
  const { tempDepot, adminSession, sessionWithRole } = await import('./depot.ts');
  const env = tempDepot(options);
  const depot = env.depot;
  const admin = await adminSession(depot);
  const f = await smallDepot(depot, admin);
  const keeper = await sessionWithRole(depot, admin, 'storekeeper', 'keeper');
  const dispatcher = await sessionWithRole(depot, admin, 'dispatcher', 'ddy');
  const approver = await sessionWithRole(depot, admin, 'approver', 'boss');
  const unitId = (await call(depot, admin, 'units.create', { code: 'U-01', name: '市第一医院', type: 'designated_hospital', requestId: rid() })).id;

  /** One receipt line, posted: a purchase at unitCost (fen), or a donation without a price when null. */
  async function receive(itemId: number, qty: number | string, unitCost: number | null, line: Record<string, unknown> = {}) {
    const draft = await call(depot, keeper, 'receipts.saveDraft', {
      sourceType: unitCost === null ? 'donation' : 'purchase',
      supplierId: unitCost === null ? f.donor.id : f.maker.id,
      lines: [{ itemId, lotNo: itemId === f.bed.id ? '' : 'L1', expiresOn: '2030-01-31', counted: qty, unitCost, locationId: f.a1.id, ...line }],
      requestId: rid(),
    });
    return call(depot, keeper, 'receipts.post', { id: draft.id, version: draft.version, requestId: rid() });
  }
  /** An order to the hospital, created by the dispatcher, approved by the approver (FEFO picks), and shipped. */
  async function approve(itemId: number, qty: number) {
    const order = await call(depot, dispatcher, 'dispatch.create', { unitId, lines: [{ itemId, qty }], requestId: rid() });
    return call(depot, approver, 'dispatch.approve', { id: order.id, version: order.version, requestId: rid() });
  }
  async function ship(itemId: number, qty: number) {
    const approved = await approve(itemId, qty);
    return call(depot, dispatcher, 'dispatch.ship', { id: approved.id, version: approved.version, requestId: rid() });
  }
  return { env, depot, admin, f, keeper, dispatcher, approver, unitId, receive, approve, ship };
}

/** Per item: the book (sum of its movement amounts), stock on hand, and the valuation kept beside it. */
export function bookOf(depot: Depot, itemId: number) {
  const m = depot.store.first<{ amount: number | null; qty: number | null; valued: number | null }>(
    'SELECT sum(coalesce(amount, 0)) AS amount, sum(qty) AS qty, sum(coalesce(valued_qty, 0)) AS valued FROM movements WHERE item_id = ?',
    [itemId],
  )!;
  const v = depot.store.first<{ priced_qty: number; priced_amount: number; unpriced_qty: number }>('SELECT * FROM item_valuation WHERE item_id = ?', [itemId]) ?? { priced_qty: 0, priced_amount: 0, unpriced_qty: 0 };
  const onHand = depot.store.first<{ n: number | null }>('SELECT sum(on_hand) AS n FROM stock WHERE item_id = ?', [itemId])!.n ?? 0;
  return { onHand, amount: m.amount ?? 0, pricedQty: v.priced_qty, valuationAmount: v.priced_amount, unpricedQty: v.unpriced_qty, movedValued: m.valued ?? 0 };
}

/** The finance officer's invariants: book = sum of movements = the valuation of what is on hand; never negative; zero on zero stock. */
export function valuationProblems(depot: Depot): string[] {
  const problems: string[] = [];
  for (const { id } of depot.store.all<{ id: number }>('SELECT id FROM items')) {
    const b = bookOf(depot, id);
    if (b.amount !== b.valuationAmount) problems.push(`item ${id}: movements ${b.amount} ≠ valuation ${b.valuationAmount}`);
    if (b.pricedQty + b.unpricedQty !== b.onHand) problems.push(`item ${id}: priced ${b.pricedQty} + unpriced ${b.unpricedQty} ≠ on hand ${b.onHand}`);
    if (b.movedValued !== b.pricedQty) problems.push(`item ${id}: valued rows ${b.movedValued} ≠ priced ${b.pricedQty}`);
    if (b.amount < 0) problems.push(`item ${id}: negative book ${b.amount}`);
    if (b.onHand === 0 && b.amount !== 0) problems.push(`item ${id}: ${b.amount} on zero stock`);
  }
  return problems;
}

/**
 * Per item: the pools a costing method keeps beside the item's (a lot's under 个别计价法, a layer's
 * under 先进先出法) add up to the item's pool — what the stock grid and the workbooks read.
 * `pools`: the FROM clause of the pools, with the item's column as item_id.
 */
export function poolsAddUp(depot: Depot, name: string, pools: string): string[] {
  const problems: string[] = [];
  for (const { id } of depot.store.all<{ id: number }>('SELECT id FROM items')) {
    const sum = depot.store.first<{ pq: number; pa: number; uq: number }>(
      `SELECT coalesce(sum(priced_qty), 0) AS pq, coalesce(sum(priced_amount), 0) AS pa, coalesce(sum(unpriced_qty), 0) AS uq FROM (${pools}) WHERE item_id = ?`,
      [id],
    )!;
    const b = bookOf(depot, id);
    if (sum.pq !== b.pricedQty || sum.pa !== b.valuationAmount || sum.uq !== b.unpricedQty) problems.push(`item ${id}: ${name} ${JSON.stringify(sum)} ≠ item pool ${b.pricedQty}/${b.valuationAmount}/${b.unpricedQty}`);
  }
  return problems;
}
