import { channels } from '../../../shared/contract/index.ts';
import { mayAccess } from '../../../shared/contract/channel.ts';
import type { DocHit, DocKind } from '../../../shared/contract/search.ts';
import type { Ctx } from '../../core/context.ts';

/**
 * Each kind of document: the channel whose access decides who may find it (the page that lists
 * it), the audit log's name for it, and the query of its hits. Every query answers the columns
 * of a DocHit for the rows its WHERE clause (appended) picks.
 */
const KINDS: Record<DocKind, { lists: keyof typeof channels; audit: string; select: string }> = {
  receipt: {
    lists: 'receipts.list',
    audit: 'receipt',
    select: `SELECT r.id, r.no, r.status, coalesce(r.posted_at, r.received_at) AS at, coalesce(s.name, u.name, '') AS party
             FROM receipts r LEFT JOIN suppliers s ON s.id = r.supplier_id LEFT JOIN units u ON u.id = r.unit_id`,
  },
  dispatch: {
    lists: 'dispatch.list',
    audit: 'dispatch',
    select: `SELECT o.id, o.no, o.status, o.created_at AS at, u.name AS party FROM dispatch_orders o JOIN units u ON u.id = o.unit_id`,
  },
  stocktake: { lists: 'stocktakes.list', audit: 'stocktake', select: `SELECT t.id, t.no, t.status, t.created_at AS at, '' AS party FROM stocktakes t` },
  writeOff: {
    lists: 'writeOffs.list',
    audit: 'write_off',
    select: `SELECT w.id, w.no, w.status, coalesce(w.posted_at, w.created_at) AS at, '' AS party FROM write_offs w`,
  },
  recall: {
    lists: 'recalls.list',
    audit: 'recall',
    select: `SELECT c.id, c.no, c.status, c.opened_at AS at, i.name || ' ' || l.lot_no AS party FROM recalls c JOIN lots l ON l.id = c.lot_id JOIN items i ON i.id = l.item_id`,
  },
  purchaseOrder: {
    lists: 'purchaseOrders.list',
    audit: 'purchase_order',
    select: `SELECT p.id, p.no, p.status, p.created_at AS at, s.name AS party FROM purchase_orders p JOIN suppliers s ON s.id = p.supplier_id`,
  },
  pledge: { lists: 'pledges.list', audit: 'pledge', select: `SELECT p.id, p.no, '' AS status, p.created_at AS at, s.name AS party FROM pledges p JOIN suppliers s ON s.id = p.donor_id` },
};

type Row = Omit<DocHit, 'kind'>;

/** The kinds this operator's role may list: nobody finds a document whose page they cannot open. */
function visibleKinds(ctx: Ctx): DocKind[] {
  return (Object.keys(KINDS) as DocKind[]).filter((k) => mayAccess(channels[KINDS[k].lists].access, ctx.operator.role));
}

const alias = (select: string) => /FROM \w+ (\w+)/.exec(select)![1]!;

/** Any part of a number, case ignored (LIKE is, for ASCII); the exact number first, then the newest. */
export function findDocs(ctx: Ctx, text: string): DocHit[] {
  const needle = text.trim().toUpperCase().replace(/[\\%_]/g, (c) => `\\${c}`);
  const hits = visibleKinds(ctx).flatMap((kind) => {
    const { select } = KINDS[kind];
    const rows = ctx.store.all<Row>(`${select} WHERE ${alias(select)}.no LIKE ? ESCAPE '\\' ORDER BY ${alias(select)}.id DESC LIMIT 20`, [`%${needle}%`]);
    return rows.map((r) => ({ kind, ...r }));
  });
  const exact = text.trim().toUpperCase();
  return hits.sort((a, b) => Number(b.no === exact) - Number(a.no === exact) || b.at.localeCompare(a.at)).slice(0, 20);
}

/** The last ten documents the operator made, posted or changed, the latest first (from the audit log). */
export function recentDocs(ctx: Ctx): DocHit[] {
  const kinds = visibleKinds(ctx);
  const byAudit = new Map(kinds.map((k) => [KINDS[k].audit, k]));
  const touched = ctx.store.all<{ entity: string; entity_id: string }>(
    `SELECT entity, entity_id FROM audit_log WHERE operator_id = ? AND entity IN (${kinds.map(() => '?').join(', ')})
     GROUP BY entity, entity_id ORDER BY max(id) DESC LIMIT 10`,
    [ctx.operator.id, ...kinds.map((k) => KINDS[k].audit)],
  );
  return touched.flatMap(({ entity, entity_id }) => {
    const kind = byAudit.get(entity)!;
    const { select } = KINDS[kind];
    const row = ctx.store.first<Row>(`${select} WHERE ${alias(select)}.id = ?`, [Number(entity_id)]);
    return row ? [{ kind, ...row }] : [];
  });
}
