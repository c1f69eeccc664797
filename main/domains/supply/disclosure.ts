import type { DonationDestination, DonationTrace, DonationTraceLine } from '../../../shared/contract/index.ts';
import type { UnitType } from '../../../shared/domain.ts';
import type { Store } from '../../store/db.ts';
import { DepotError } from '../../core/errors.ts';
import { dayStart, periodBounds } from '../ledger/period.ts';
import { fits } from './earmarks.ts';

interface Scope {
  from?: string | undefined;
  to?: string | undefined;
  receipt?: number | string | undefined;
}

/** A receipt that still stands: posted, not a reversal, not reversed. */
const STANDING = `r.status = 'posted' AND r.reverses_id IS NULL AND NOT EXISTS (SELECT 1 FROM receipts x WHERE x.reverses_id = r.id)`;

/**
 * Where each donation's goods went. A lot may be filled by several receipts (the same batch
 * delivered twice); its dispatches are then taken from them first in, first out, so every
 * dispatched piece is counted once, against the receipt that brought it first.
 */
export function traceDonations(store: Store, scope: Scope): DonationTrace[] {
  const byNo = typeof scope.receipt === 'string' ? store.first<{ id: number }>('SELECT id FROM receipts WHERE no = ?', [scope.receipt])?.id : scope.receipt;
  if (scope.receipt !== undefined && byNo === undefined) throw new DepotError('not_found', { entity: 'receipt', id: scope.receipt }, 'receipt');
  const start = scope.from ? dayStart(scope.from) : '';
  const end = scope.to ? periodBounds(scope.to, scope.to).end : '9999';
  const receipts = store.all<{ id: number; no: string; received_at: string; donor: string; pledge_no: string | null }>(
    `SELECT r.id, r.no, r.received_at, s.name AS donor, p.no AS pledge_no FROM receipts r
       JOIN suppliers s ON s.id = r.supplier_id LEFT JOIN pledges p ON p.id = r.pledge_id
      WHERE r.source_type = 'donation' AND ${STANDING} AND (:id IS NULL OR r.id = :id) AND r.received_at >= :start AND r.received_at < :end
      ORDER BY r.received_at, r.id`,
    { id: byNo ?? null, start, end },
  );
  const lotShares = new Map<number, Map<number, DonationDestination[]>>();
  const sharesOf = (lotId: number) => {
    let shares = lotShares.get(lotId);
    if (!shares) lotShares.set(lotId, (shares = fifo(store, lotId)));
    return shares;
  };
  return receipts.map((r) => {
    const lines = store.all<{ item_id: number; code: string; name: string; spec: string; unit: string; lot_no: string; lot_id: number; accepted: number; unit_cost: number | null }>(
      `SELECT rl.item_id, i.code, i.name, i.spec, i.unit, rl.lot_no, rl.lot_id, rl.accepted, rl.unit_cost
         FROM receipt_lines rl JOIN items i ON i.id = rl.item_id WHERE rl.receipt_id = ? AND rl.accepted > 0 ORDER BY rl.line_no`,
      [r.id],
    );
    // Two lines of one receipt into the same lot share its destinations: listed once, on the first.
    const seen = new Set<number>();
    return {
      receiptId: r.id,
      no: r.no,
      receivedAt: r.received_at,
      donorName: r.donor,
      pledgeNo: r.pledge_no,
      lines: lines.map((l): DonationTraceLine => {
        const destinations = seen.has(l.lot_id) ? [] : (sharesOf(l.lot_id).get(r.id) ?? []);
        seen.add(l.lot_id);
        const dispatched = destinations.reduce((a, d) => a + d.qty, 0);
        return {
          itemId: l.item_id, itemCode: l.code, itemName: l.name, spec: l.spec, unit: l.unit, lotNo: l.lot_no, received: l.accepted,
          declaredValue: l.unit_cost, dispatched, remaining: l.accepted - dispatched, destinations,
        };
      }),
    };
  });
}

/**
 * A lot's net dispatches shared out over the standing receipts that filled it, oldest first.
 * A lot may hold a donor's earmarked goods beside general ones: a unit the earmark names takes
 * the earmarked receipts' goods first, any other unit only the rest — as the allocation round
 * and FEFO picking hand them out — so the disclosure never sends the donor's goods elsewhere.
 */
function fifo(store: Store, lotId: number): Map<number, DonationDestination[]> {
  const inbound = store.all<{ receipt_id: number; qty: number; unit_id: number | null; unit_type: string | null; district: string | null }>(
    `SELECT r.id AS receipt_id, sum(m.qty) AS qty, p.earmark_unit_id AS unit_id, p.earmark_unit_type AS unit_type, p.earmark_district AS district
       FROM movements m JOIN receipts r ON r.id = m.doc_id LEFT JOIN pledges p ON p.id = r.pledge_id
      WHERE m.doc_type = 'receipt' AND m.lot_id = ? AND ${STANDING} GROUP BY r.id ORDER BY min(m.id)`,
    [lotId],
  ).map((r) => ({ ...r, left: r.qty, earmarked: r.unit_id !== null || r.unit_type !== null || r.district !== null }));
  // A dispatch net of its reversal (红冲): what actually left and stayed out.
  const outbound = store.all<{ unit_id: number; unit_name: string; unit_type: UnitType; district: string; doc_no: string; at: string; qty: number }>(
    `SELECT m.unit_id, u.name AS unit_name, u.type AS unit_type, u.district, m.doc_no, m.at,
            -m.qty - coalesce((SELECT sum(x.qty) FROM movements x WHERE x.reverses_id = m.id), 0) AS qty
       FROM movements m JOIN units u ON u.id = m.unit_id
      WHERE m.doc_type = 'dispatch' AND m.lot_id = ? ORDER BY m.id`,
    [lotId],
  );
  const shares = new Map<number, DonationDestination[]>();
  for (const o of outbound) {
    const unit = { id: o.unit_id, type: o.unit_type, district: o.district };
    const eligible = (i: (typeof inbound)[number]) => i.earmarked && fits(i, unit);
    // Whom the goods may go to first; the rest only if the ledger says more left (an older dispatch, made before the earmark held).
    const order = [...inbound.filter(eligible), ...inbound.filter((i) => !i.earmarked), ...inbound.filter((i) => i.earmarked && !eligible(i))];
    let qty = o.qty;
    for (const i of order) {
      if (qty <= 0) break;
      const take = Math.min(qty, i.left);
      if (take <= 0) continue;
      const mine = shares.get(i.receipt_id) ?? [];
      const same = mine.find((d) => d.orderNo === o.doc_no);
      if (same) same.qty += take;
      else mine.push({ unitId: o.unit_id, unitName: o.unit_name, unitType: o.unit_type, district: o.district, orderNo: o.doc_no, at: o.at, qty: take });
      shares.set(i.receipt_id, mine);
      qty -= take;
      i.left -= take;
    }
  }
  return shares;
}
