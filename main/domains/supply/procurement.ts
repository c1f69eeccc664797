import type { Parsed, ProcurementEdit, ProcurementPlan, ProcurementProposal, ProcurementSplit } from '../../../shared/contract/index.ts';
import type { Pack } from '../../../shared/packs.ts';
import type { Ctx } from '../../core/context.ts';
import type { Store } from '../../store/db.ts';
import type { TFunction } from 'i18next';
import { DepotError } from '../../core/errors.ts';
import { audit } from '../../core/audit.ts';
import { localDay, nextDocNo } from '../../core/doc-numbers.ts';
import { refuseOwnDocument } from '../../core/duties.ts';
import { toBaseUnits } from '../stock/quantity.ts';
import { createPurchaseOrder } from './orders.ts';
import { coveredPlan, how, lastPrices, offers, shortfalls } from './shortfall.ts';

export function proposal(ctx: Ctx, p: { allocationPlanId: number | null; coverDays: number }): ProcurementProposal {
  const plan = coveredPlan(ctx.store, p.allocationPlanId);
  return {
    allocationPlanId: plan?.id ?? null,
    allocationPlanLabel: plan ? ctx.t('supply.planLabel', { day: plan.day, revision: plan.revision }) : null,
    lines: shortfalls(ctx.store, ctx.now, plan?.id ?? null, p.coverDays).map((f) => ({ ...f, how: how(f, ctx.t), lastPrices: lastPrices(ctx.store, f.itemId) })),
    suppliers: offers(ctx.store, ctx.now),
  };
}

export function saveProcurement(ctx: Ctx, input: Parsed<'procurement.save'>): ProcurementPlan {
  const plan = coveredPlan(ctx.store, input.allocationPlanId);
  const seen = new Set<number>();
  input.lines.forEach((l, i) => {
    if (seen.has(l.itemId)) throw new DepotError('invalid_input', { detail: ctx.t('supply.issue.itemTwice') }, `lines.${i}.itemId`);
    seen.add(l.itemId);
  });
  const figures = new Map(shortfalls(ctx.store, ctx.now, plan?.id ?? null, input.coverDays, seen).map((f) => [f.itemId, f]));
  const no = nextDocNo(ctx, 'JH');
  const id = Number(
    ctx.store.run('INSERT INTO procurement_plans (no, status, allocation_plan_id, note, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
      no, 'draft', plan?.id ?? null, input.note, ctx.operator.id, ctx.now,
    ]).lastInsertRowid,
  );
  input.lines.forEach((l, i) => {
    const f = figures.get(l.itemId);
    if (!f) throw new DepotError('not_found', { entity: 'item', id: l.itemId }, `lines.${i}.itemId`);
    const lineId = insertLine(ctx, id, f);
    insertSplits(ctx, lineId, f, l.splits, i);
  });
  audit(ctx, 'create', 'procurement_plan', id, null, { no, lines: input.lines.length });
  ctx.emit('data.changed', { entity: 'procurement' });
  return getProcurement(ctx.store, id, ctx.now, ctx.t);
}

type Figures = ReturnType<typeof shortfalls>[number];
type SplitInput = Parsed<'procurement.save'>['lines'][number]['splits'][number];

function insertLine(ctx: Ctx, planId: number, f: Figures): number {
  return Number(
    ctx.store.run(
      `INSERT INTO procurement_lines (plan_id, item_id, unmet, stock_after, safety_stock, daily_rate, cover_days, top_up, on_order, pledged, suggested)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [planId, f.itemId, f.unmet, f.stockAfter, f.safetyStock, f.dailyRate, f.coverDays, f.topUp, f.onOrder, f.pledged, f.suggested],
    ).lastInsertRowid,
  );
}

/** `released`: suppliers an approver already released on this line, with their override, kept when the quantity does not grow. */
function insertSplits(
  ctx: Ctx,
  lineId: number,
  unit: { unit: string; packs: Pack[] },
  splits: SplitInput[],
  i: number,
  released: Map<number, { qty: number; reason: string; by: number; at: string }> = new Map(),
) {
  splits.forEach((s, j) => {
    const at = (field: string) => `lines.${i}.splits.${j}.${field}`;
    const supplier = ctx.store.first<{ active: number }>('SELECT active FROM suppliers WHERE id = ?', [s.supplierId]);
    if (!supplier?.active) throw new DepotError('not_found', { entity: 'supplier', id: s.supplierId }, at('supplierId'));
    const qty = toBaseUnits(s.qty, unit, at('qty'));
    if (qty === 0) throw new DepotError('invalid_input', { detail: ctx.t('issue.too_small', { field: ctx.t('field.qty') }) }, at('qty'));
    const o = released.get(s.supplierId);
    const keep = o !== undefined && qty <= o.qty;
    ctx.store.run('INSERT INTO procurement_splits (line_id, supplier_id, qty, unit_price, promised_on, override_reason, override_by, override_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
      lineId, s.supplierId, qty, s.unitPrice, s.promisedOn, keep ? o.reason : null, keep ? o.by : null, keep ? o.at : null,
    ]);
  });
}

/**
 * The draft as edited by hand: the lines sent are the plan from now on. A line whose splits
 * changed says who changed it and what it planned before; a line left out is removed; a new item
 * is added with its figures computed now. Each line keeps the figures it was computed from.
 */
export function editProcurement(ctx: Ctx, input: Parsed<'procurement.edit'>): ProcurementPlan {
  const plan = mustBeDraft(ctx, input.id);
  if (plan.version !== input.version) throw new DepotError('stale', { version: plan.version });
  const seen = new Set<number>();
  input.lines.forEach((l, i) => {
    if (seen.has(l.itemId)) throw new DepotError('invalid_input', { detail: ctx.t('supply.issue.itemTwice') }, `lines.${i}.itemId`);
    seen.add(l.itemId);
  });
  const old = new Map(plan.lines.map((l) => [l.itemId, l]));
  const added = new Set([...seen].filter((id) => !old.has(id)));
  const figures = new Map(added.size === 0 ? [] : shortfalls(ctx.store, ctx.now, plan.allocationPlanId, plan.lines[0]?.coverDays ?? 0, added).map((f) => [f.itemId, f]));
  const overrides = ctx.store.all<{ line_id: number; supplier_id: number; qty: number; override_reason: string; override_by: number; override_at: string }>(
    `SELECT sp.line_id, sp.supplier_id, sp.qty, sp.override_reason, sp.override_by, sp.override_at FROM procurement_splits sp JOIN procurement_lines l ON l.id = sp.line_id
      WHERE l.plan_id = ? AND sp.override_reason IS NOT NULL`,
    [input.id],
  );
  const changes: { itemId: number; change: 'added' | 'changed' | 'removed'; before: number }[] = [];
  input.lines.forEach((l, i) => {
    const was = old.get(l.itemId);
    if (!was) {
      const f = figures.get(l.itemId);
      if (!f) throw new DepotError('not_found', { entity: 'item', id: l.itemId }, `lines.${i}.itemId`);
      const lineId = insertLine(ctx, input.id, f);
      insertSplits(ctx, lineId, f, l.splits, i);
      ctx.store.run("UPDATE procurement_lines SET edited_by = ?, edited_at = ?, edited_from = '[]' WHERE id = ?", [ctx.operator.id, ctx.now, lineId]);
      changes.push({ itemId: l.itemId, change: 'added', before: 0 });
      return;
    }
    const key = (xs: { supplierId: number; qty: number; unitPrice: number | null; promisedOn: string | null }[]) =>
      JSON.stringify(xs.map((x) => [x.supplierId, x.qty, x.unitPrice, x.promisedOn]));
    const next = l.splits.map((s, j) => ({ ...s, qty: toBaseUnits(s.qty, was, `lines.${i}.splits.${j}.qty`) }));
    if (key(next) === key(was.splits)) return;
    const released = new Map(
      overrides.filter((o) => o.line_id === was.id).map((o) => [o.supplier_id, { qty: o.qty, reason: o.override_reason, by: o.override_by, at: o.override_at }]),
    );
    ctx.store.run('DELETE FROM procurement_splits WHERE line_id = ?', [was.id]);
    insertSplits(ctx, was.id, was, l.splits, i, released);
    ctx.store.run('UPDATE procurement_lines SET edited_by = ?, edited_at = ?, edited_from = ? WHERE id = ?', [
      ctx.operator.id, ctx.now, JSON.stringify(was.splits.map((s) => ({ supplierId: s.supplierId, qty: s.qty }))), was.id,
    ]);
    changes.push({ itemId: l.itemId, change: 'changed', before: was.planned });
  });
  for (const was of plan.lines) {
    if (seen.has(was.itemId)) continue;
    ctx.store.run('DELETE FROM procurement_splits WHERE line_id = ?', [was.id]);
    ctx.store.run('DELETE FROM procurement_lines WHERE id = ?', [was.id]);
    changes.push({ itemId: was.itemId, change: 'removed', before: was.planned });
  }
  if (changes.length === 0) return plan;
  ctx.store.run('UPDATE procurement_plans SET version = version + 1 WHERE id = ?', [input.id]);
  audit(ctx, 'edit', 'procurement_plan', input.id, { version: plan.version }, { changes });
  ctx.emit('data.changed', { entity: 'procurement' });
  return getProcurement(ctx.store, input.id, ctx.now, ctx.t);
}

interface PlanRow {
  id: number;
  no: string;
  status: 'draft' | 'approved';
  allocation_plan_id: number | null;
  note: string;
  created_by: string;
  created_at: string;
  approved_by: string | null;
  approved_at: string | null;
  version: number;
}

const PLAN = `SELECT p.id, p.no, p.status, p.allocation_plan_id, p.note, c.name AS created_by, p.created_at, a.name AS approved_by, p.approved_at, p.version
  FROM procurement_plans p JOIN operators c ON c.id = p.created_by LEFT JOIN operators a ON a.id = p.approved_by`;

const header = (store: Store, r: PlanRow): Omit<ProcurementPlan, 'lines'> => ({
  id: r.id,
  no: r.no,
  status: r.status,
  allocationPlanId: r.allocation_plan_id,
  note: r.note,
  createdBy: r.created_by,
  createdAt: r.created_at,
  approvedBy: r.approved_by,
  approvedAt: r.approved_at,
  version: r.version,
  purchaseOrders: store.all<{ id: number; no: string; supplierName: string }>(
    'SELECT o.id, o.no, s.name AS supplierName FROM purchase_orders o JOIN suppliers s ON s.id = o.supplier_id WHERE o.plan_id = ? ORDER BY o.id',
    [r.id],
  ),
});

export function listProcurement(store: Store, limit: number): Omit<ProcurementPlan, 'lines'>[] {
  return store.all<PlanRow>(`${PLAN} ORDER BY p.id DESC LIMIT ?`, [limit]).map((r) => header(store, r));
}

export function getProcurement(store: Store, id: number, now: string, t: TFunction): ProcurementPlan {
  const row = store.first<PlanRow>(`${PLAN} WHERE p.id = ?`, [id]);
  if (!row) throw new DepotError('not_found', { entity: 'procurement_plan', id });
  const today = localDay(now);
  const lines = store.all<{ id: number; item_id: number; code: string; name: string; unit: string; packs: string; unmet: number; stock_after: number; safety_stock: number; daily_rate: number; cover_days: number; top_up: number; on_order: number; pledged: number; suggested: number; editor: string | null; edited_at: string | null; edited_from: string | null }>(
    `SELECT l.*, i.code, i.name, i.unit, i.packs, e.name AS editor FROM procurement_lines l JOIN items i ON i.id = l.item_id LEFT JOIN operators e ON e.id = l.edited_by
      WHERE l.plan_id = ? ORDER BY l.id`,
    [id],
  );
  const splits = store.all<{ id: number; line_id: number; supplier_id: number; name: string; capacity_per_day: string; lead_time_days: number | null; qualification: string; qualification_expiry: string | null; qty: number; unit_price: number | null; promised_on: string | null; override_reason: string | null; override_name: string | null }>(
    `SELECT sp.*, s.name, s.capacity_per_day, s.lead_time_days, s.qualification, s.qualification_expiry, o.name AS override_name
       FROM procurement_splits sp JOIN procurement_lines l ON l.id = sp.line_id JOIN suppliers s ON s.id = sp.supplier_id LEFT JOIN operators o ON o.id = sp.override_by
      WHERE l.plan_id = ? ORDER BY sp.id`,
    [id],
  );
  return {
    ...header(store, row),
    lines: lines.map((l) => {
      const f = {
        itemId: l.item_id, itemCode: l.code, itemName: l.name, unit: l.unit, packs: JSON.parse(l.packs) as Pack[], unmet: l.unmet, stockAfter: l.stock_after,
        safetyStock: l.safety_stock, dailyRate: l.daily_rate, coverDays: l.cover_days, topUp: l.top_up, onOrder: l.on_order, pledged: l.pledged, suggested: l.suggested,
      };
      const mine = splits.filter((s) => s.line_id === l.id).map((s): ProcurementSplit => {
        // Judged today, not when saved: a licence that lapsed since still blocks the order.
        const expired = s.qualification_expiry !== null && s.qualification_expiry < today;
        return {
          id: s.id, supplierId: s.supplier_id, supplierName: s.name, capacityPerDay: s.capacity_per_day, leadTimeDays: s.lead_time_days, qualification: s.qualification,
          qualificationExpiry: s.qualification_expiry, expired, qty: s.qty, unitPrice: s.unit_price, promisedOn: s.promised_on,
          blocked: expired && s.override_reason === null, overrideReason: s.override_reason, overrideBy: s.override_name,
        };
      });
      return { ...f, how: how(f, t), id: l.id, planned: mine.reduce((a, s) => a + s.qty, 0), splits: mine, edited: handEdit(store, l, t) };
    }),
  };
}

/** "2026-04-10 10:05" in the depot's time zone. */
function localTime(iso: string): string {
  const d = new Date(iso);
  return `${localDay(iso)} ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** What a hand edit changed, in words beside the computed sum. */
function handEdit(store: Store, l: { editor: string | null; edited_at: string | null; edited_from: string | null; unit: string }, t: TFunction): ProcurementEdit | null {
  if (l.editor === null || l.edited_at === null || l.edited_from === null) return null;
  const from = JSON.parse(l.edited_from) as { supplierId: number; qty: number }[];
  const names = new Map(
    store.all<{ id: number; name: string }>('SELECT id, name FROM suppliers WHERE id IN (SELECT value FROM json_each(?))', [JSON.stringify(from.map((s) => s.supplierId))]).map((r) => [r.id, r.name]),
  );
  const before = from.reduce((a, s) => a + s.qty, 0);
  const who = { by: l.editor, at: localTime(l.edited_at) };
  const words =
    from.length === 0
      ? t('supply.edit.added', who)
      : t('supply.edit.changed', {
          ...who,
          before,
          unit: l.unit,
          splits: from.map((s) => t('supply.edit.split', { supplier: names.get(s.supplierId) ?? `#${s.supplierId}`, qty: s.qty, unit: l.unit })).join(t('supply.edit.sep')),
        });
  return { by: l.editor, at: l.edited_at, before, added: from.length === 0, words };
}

function mustBeDraft(ctx: Ctx, id: number) {
  const plan = getProcurement(ctx.store, id, ctx.now, ctx.t);
  if (plan.status !== 'draft') throw new DepotError('not_draft');
  return plan;
}

export function overrideSplit(ctx: Ctx, o: { id: number; splitId: number; reason: string }): ProcurementPlan {
  const plan = mustBeDraft(ctx, o.id);
  const split = plan.lines.flatMap((l) => l.splits).find((s) => s.id === o.splitId);
  if (!split) throw new DepotError('not_found', { entity: 'procurement_split', id: o.splitId }, 'splitId');
  ctx.store.run('UPDATE procurement_splits SET override_reason = ?, override_by = ?, override_at = ? WHERE id = ?', [o.reason, ctx.operator.id, ctx.now, o.splitId]);
  ctx.store.run('UPDATE procurement_plans SET version = version + 1 WHERE id = ?', [o.id]);
  audit(ctx, 'override', 'procurement_split', o.splitId, { expiry: split.qualificationExpiry }, { reason: o.reason });
  ctx.emit('data.changed', { entity: 'procurement' });
  return getProcurement(ctx.store, o.id, ctx.now, ctx.t);
}

/** One purchase order per supplier, its lines in the plan's order; a blocked split stops it all. */
export function approveProcurement(ctx: Ctx, a: { id: number; version: number }): ProcurementPlan {
  const plan = mustBeDraft(ctx, a.id);
  if (plan.version !== a.version) throw new DepotError('stale', { version: plan.version });
  const author = ctx.store.first<{ created_by: number }>('SELECT created_by FROM procurement_plans WHERE id = ?', [a.id])!.created_by;
  refuseOwnDocument(ctx, author, 'procurementApprove', plan.no);
  // A plan edited by hand is partly its editors' document too: none of them approves it.
  const editors = ctx.store.all<{ operator_id: number }>("SELECT DISTINCT operator_id FROM audit_log WHERE entity = 'procurement_plan' AND entity_id = ? AND action = 'edit'", [String(a.id)]);
  for (const e of editors) refuseOwnDocument(ctx, e.operator_id, 'procurementApprove', plan.no);
  const bySupplier = new Map<number, { itemId: number; qty: number; unitPrice: number | null; promisedOn: string | null }[]>();
  for (const line of plan.lines) {
    for (const s of line.splits) {
      if (s.blocked) {
        throw new DepotError('supplier_expired', { item: line.itemName, supplier: s.supplierName, qty: s.qty, unit: line.unit, expiry: s.qualificationExpiry }, 'splitId');
      }
      const mine = bySupplier.get(s.supplierId) ?? [];
      mine.push({ itemId: line.itemId, qty: s.qty, unitPrice: s.unitPrice, promisedOn: s.promisedOn });
      bySupplier.set(s.supplierId, mine);
    }
  }
  for (const [supplierId, lines] of bySupplier) {
    createPurchaseOrder(ctx, { supplierId, note: ctx.t('supply.fromPlan', { no: plan.no }), planId: plan.id, lines });
  }
  ctx.store.run("UPDATE procurement_plans SET status = 'approved', approved_by = ?, approved_at = ?, version = version + 1 WHERE id = ?", [ctx.operator.id, ctx.now, a.id]);
  audit(ctx, 'approve', 'procurement_plan', a.id, null, { orders: bySupplier.size });
  ctx.emit('data.changed', { entity: 'procurement' });
  return getProcurement(ctx.store, a.id, ctx.now, ctx.t);
}
