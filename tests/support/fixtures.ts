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
