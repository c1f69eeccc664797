import type { allocationChannels } from '../../../shared/contract/allocation.ts';
import type { DemandRow, Plan, PlanLine, PlanSummary, ReportStatus, RoundParams, SupersededOrder } from '../../../shared/contract/index.ts';
import { i18nFor } from '../../../shared/i18n/index.ts';
import type { DomainHandlers } from '../../core/handlers.ts';
import type { Ctx } from '../../core/context.ts';
import { DepotError } from '../../core/errors.ts';
import { audit } from '../../core/audit.ts';
import { localDay, nextDocNo } from '../../core/doc-numbers.ts';
import { allocateWithEarmarks } from '../supply/earmarks.ts';
import { availableNow, describeLeftOut, fileState, planLines, planNotices, planOf, roundInput, savedResult, toPlan, writePlanLines, type LeftOut, type Override, type PlanLines, type PlanMeta } from './plans.ts';
import type { AllocationResult } from './engine.ts';
import type { Store } from '../../store/db.ts';
import { demandImportRows, previewDemandImport, type DemandSaveRow } from './demand-import.ts';


/**
 * Inserts many rows with one statement per 500 rows: a round writes 300,000 plan lines and 1,000
 * orders' lines, and one statement per row costs more than the rows themselves. Each row's values
 * are pushed by `row` straight into its statement's parameters: no array per row, nor of all rows.
 */
function insertMany<T>(ctx: Ctx, head: string, width: number, items: readonly T[], row: (item: T, out: unknown[]) => void): void {
  const CHUNK = 500;
  const values = (n: number) => `${head} VALUES ${Array.from({ length: n }, () => `(${Array.from({ length: width }, () => '?').join(', ')})`).join(', ')}`;
  const full = values(CHUNK);
  const params: unknown[] = [];
  for (let i = 0; i < items.length; i += CHUNK) {
    const n = Math.min(CHUNK, items.length - i);
    params.length = 0;
    for (let j = i; j < i + n; j++) row(items[j]!, params);
    ctx.store.run(n === CHUNK ? full : values(n), params);
  }
}

function demandRows(ctx: Ctx, f: { day: string; unitId?: number; itemId?: number }): DemandRow[] {
  return ctx.store
    .all<Record<string, unknown>>(
      `SELECT d.*, u.code AS unit_code, u.name AS unit_name, u.type AS unit_type, i.code AS item_code, i.name AS item_name, i.unit
         FROM demand_reports d JOIN units u ON u.id = d.unit_id JOIN items i ON i.id = d.item_id
        WHERE d.day = :day AND (:unitId IS NULL OR d.unit_id = :unitId) AND (:itemId IS NULL OR d.item_id = :itemId)
        ORDER BY u.code, i.code`,
      { day: f.day, unitId: f.unitId ?? null, itemId: f.itemId ?? null },
    )
    .map((d) => ({
      unitId: d.unit_id as number,
      unitCode: d.unit_code as string,
      unitName: d.unit_name as string,
      unitType: d.unit_type as DemandRow['unitType'],
      itemId: d.item_id as number,
      itemCode: d.item_code as string,
      itemName: d.item_name as string,
      unit: d.unit as string,
      onHand: d.on_hand as number,
      dailyNeed: d.daily_need as number,
      minimumNeed: d.minimum_need as number,
      requested: d.requested as number | null,
      carriedFrom: d.carried_from as string | null,
      source: d.source as DemandRow['source'],
    }));
}

function reportStatus(ctx: Ctx, day: string): ReportStatus[] {
  return ctx.store
    .all<{ id: number; code: string; name: string; type: ReportStatus['unitType']; today: number; carried: number; last_day: string | null }>(
      `SELECT u.id, u.code, u.name, u.type,
              (SELECT count(*) FROM demand_reports d WHERE d.unit_id = u.id AND d.day = :day) AS today,
              (SELECT count(*) FROM demand_reports d WHERE d.unit_id = u.id AND d.day = :day AND d.carried_from IS NOT NULL) AS carried,
              (SELECT max(day) FROM demand_reports d WHERE d.unit_id = u.id AND d.day <= :day AND d.carried_from IS NULL) AS last_day
         FROM units u WHERE u.active = 1 ORDER BY today > 0, u.code`,
      { day },
    )
    .map((u) => ({ unitId: u.id, unitCode: u.code, unitName: u.name, unitType: u.type, reported: u.today > 0, carried: u.carried > 0, lastDay: u.last_day }));
}

/**
 * The round last computed without overrides, kept for the save that follows: an operator computes
 * what-ifs until one looks right, then saves it. That save writes the very lines just shown rather
 * than computing the round again, when nothing at all was written to the file in between (fileState)
 * and it is the same round: parameters, language and the depot's day (lots expire by it). Used once:
 * the save itself writes to the file.
 */
interface Computed {
  key: string;
  changes: number;
  dataVersion: number;
  meta: PlanMeta;
  leftOut: LeftOut[];
  made: PlanLines;
  result: AllocationResult<PlanLine>;
}
const lastComputed = new WeakMap<Store, Computed>();
const roundKey = (ctx: Ctx, params: RoundParams) => `${localDay(ctx.now)} ${ctx.session.locale} ${JSON.stringify(params)}`;

/** The round's plan lines, made as the engine computes them (300,000 objects built once), overrides applied. */
function computeRound(ctx: Ctx, params: RoundParams, overrides: readonly Override[]): Omit<Computed, 'key' | 'changes' | 'dataVersion'> {
  const { input, units, items, leftOut } = roundInput(ctx.store, ctx.now, params);
  const made = planLines({ units, items }, overrides, i18nFor(ctx.session.locale), params.basis);
  const result = allocateWithEarmarks(ctx.store, ctx.now, input, made.line);
  return { meta: { units, items }, leftOut, made, result };
}

function preview(ctx: Ctx, params: RoundParams): Plan {
  // The round kept before is let go first: two rounds of 300,000 lines held at once cost the collector.
  lastComputed.delete(ctx.store);
  const round = computeRound(ctx, params, []);
  // Read inside a transaction, the round may yet be rolled back: not kept.
  if (!ctx.store.db.inTransaction) lastComputed.set(ctx.store, { key: roundKey(ctx, params), ...fileState(ctx.store), ...round });
  const { meta, leftOut, made, result } = round;
  const { units, items } = meta;
  const i18n = i18nFor(ctx.session.locale);
  return planOf(result, made, { units, items }, i18n, {
    id: null, day: params.day, revision: null, status: 'preview', params, createdBy: null, approvedBy: null, approvedAt: null, version: null, orders: [],
    leftOut: describeLeftOut(ctx.store, leftOut, i18n), supersedes: standingDrafts(ctx, params.day, null),
  });
}

/** The draft dispatch orders a plan's approval created. */
const planOrders = (ctx: Ctx, planId: number) =>
  ctx.store.all<{ id: number; no: string; unitName: string; status: string }>(
    'SELECT o.id, o.no, u.name AS unitName, o.status FROM dispatch_orders o JOIN units u ON u.id = o.unit_id WHERE o.plan_id = ? ORDER BY o.id',
    [planId],
  );

/** Drafts made by the approval of another revision of the day: approving a revision cancels them. */
const standingDrafts = (ctx: Ctx, day: string, planId: number | null) =>
  ctx.store.all<SupersededOrder>(
    `SELECT o.id, o.no, u.name AS unitName, o.status, ap.revision FROM dispatch_orders o
       JOIN units u ON u.id = o.unit_id JOIN allocation_plans ap ON ap.id = o.plan_id
      WHERE ap.day = ? AND ap.id <> ? AND o.status = 'draft' ORDER BY o.id`,
    [day, planId ?? -1],
  );

/** The drafts an approved plan cancelled. */
const supersededBy = (ctx: Ctx, planId: number) =>
  ctx.store.all<SupersededOrder>(
    `SELECT o.id, o.no, u.name AS unitName, o.status, ap.revision FROM allocation_superseded s
       JOIN dispatch_orders o ON o.id = s.order_id JOIN units u ON u.id = o.unit_id JOIN allocation_plans ap ON ap.id = o.plan_id
      WHERE s.plan_id = ? ORDER BY o.id`,
    [planId],
  );

function loadPlan(ctx: Ctx, id: number): Plan {
  const p = ctx.store.first<{ id: number; day: string; revision: number; status: 'draft' | 'approved'; params: string; version: number; created_by: string; approved_by: string | null; approved_at: string | null; left_out: string }>(
    `SELECT p.*, c.name AS created_by, a.name AS approved_by FROM allocation_plans p
       JOIN operators c ON c.id = p.created_by LEFT JOIN operators a ON a.id = p.approved_by WHERE p.id = ?`,
    [id],
  );
  if (!p) throw new DepotError('not_found', { entity: 'plan', id });
  // Plans saved before the top-up existed were computed without it.
  const params = { topUp: false, ...(JSON.parse(p.params) as Partial<RoundParams>) } as RoundParams;
  const { result, overrides, meta } = savedResult(ctx.store, id, params);
  const orders = planOrders(ctx, id);
  const i18n = i18nFor(ctx.session.locale);
  return toPlan(result, meta, overrides, i18n, {
    id: p.id, day: p.day, revision: p.revision, status: p.status, params, createdBy: p.created_by, approvedBy: p.approved_by, approvedAt: p.approved_at, version: p.version, orders,
    leftOut: describeLeftOut(ctx.store, JSON.parse(p.left_out) as LeftOut[], i18n),
    supersedes: p.status === 'approved' ? supersededBy(ctx, id) : standingDrafts(ctx, p.day, id),
  });
}

function save(ctx: Ctx, params: RoundParams, overrides: Override[], note: string): Plan {
  const computed = lastComputed.get(ctx.store);
  lastComputed.delete(ctx.store);
  const state = fileState(ctx.store);
  const same = computed !== undefined && overrides.length === 0 && computed.key === roundKey(ctx, params) && computed.changes === state.changes && computed.dataVersion === state.dataVersion;
  // The plan's lines (overrides applied) are made as the engine computes them, and written from there.
  const { meta, leftOut, made, result } = same ? computed : computeRound(ctx, params, overrides);
  const { units, items } = meta;
  const i18n = i18nFor(ctx.session.locale);
  const lineKeys = new Set(overrides.length === 0 ? [] : result.lines.map((l) => `${l.unitId}:${l.itemId}`));
  overrides.forEach((o, i) => {
    if (!lineKeys.has(`${o.unitId}:${o.itemId}`)) throw new DepotError('not_found', { entity: 'plan line', id: `${o.unitId}/${o.itemId}` }, `overrides.${i}`);
  });
  const revision = (ctx.store.first<{ r: number | null }>('SELECT max(revision) AS r FROM allocation_plans WHERE day = ?', [params.day])!.r ?? 0) + 1;
  const { lastInsertRowid } = ctx.store.run(
    'INSERT INTO allocation_plans (day, revision, status, params, note, created_by, created_at, left_out) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    [params.day, revision, 'draft', JSON.stringify(params), note, ctx.operator.id, ctx.now, JSON.stringify(leftOut)],
  );
  const id = Number(lastInsertRowid);
  insertMany(
    ctx,
    'INSERT INTO allocation_items (plan_id, item_id, available, reserve, pack_size, pack_unit, pack_remainder, rationed_tier, left_reason)',
    9,
    result.items,
    (s, out) => void out.push(id, s.itemId, s.available, s.reserve, s.packSize, s.packUnit, s.packRemainder, s.rationedTier, s.leftReason),
  );
  writePlanLines(ctx.store, id, result.lines);
  audit(ctx, 'create', 'plan', id, null, { day: params.day, revision, overrides: overrides.length, leftOut: leftOut.length });
  ctx.emit('data.changed', { entity: 'allocation' });
  return planOf(result, made, { units, items }, i18n, {
    id, day: params.day, revision, status: 'draft', params, createdBy: ctx.operator.name, approvedBy: null, approvedAt: null, version: 1, orders: [],
    leftOut: describeLeftOut(ctx.store, leftOut, i18n), supersedes: standingDrafts(ctx, params.day, id),
  });
}

function approve(ctx: Ctx, id: number, version: number, confirmReserve: boolean): Plan {
  const plan = loadPlan(ctx, id);
  if (plan.status !== 'draft') throw new DepotError('not_draft');
  if (plan.version !== version) throw new DepotError('stale', { version: plan.version });
  // A newer approved revision already cancelled the drafts of older ones; approving an older one
  // now would cancel the newer one's drafts and bring the old figures back.
  const newer = ctx.store.first<{ revision: number }>(
    `SELECT max(revision) AS revision FROM allocation_plans WHERE day = ? AND status = 'approved' AND revision > ?`,
    [plan.day, plan.revision],
  );
  if (newer?.revision) throw new DepotError('plan_superseded', { day: plan.day, revision: newer.revision });
  // Stock may have moved since the plan was computed: check against what is available now.
  const now = availableNow(ctx.store, ctx.now, plan.params);
  for (const item of plan.items) {
    const available = now.get(item.itemId) ?? 0;
    if (item.allocated > available) throw new DepotError('plan_over', { item: item.itemName, allocated: item.allocated, available, unit: item.unit });
  }
  // Overrides may give away the reserve only with the approver's say-so.
  const eating = plan.items.find((i) => i.overReserve);
  if (eating && !confirmReserve) {
    throw new DepotError('plan_reserve', {
      item: eating.itemName, allocated: eating.allocated, pool: eating.available - eating.reserve, available: eating.available, reserve: eating.reserve, unit: eating.unit,
    }, 'confirmReserve');
  }
  ctx.store.run(`UPDATE allocation_plans SET status = 'approved', approved_by = ?, approved_at = ?, version = version + 1 WHERE id = ?`, [ctx.operator.id, ctx.now, id]);
  // The older revisions' drafts reserve nothing yet; cancelling them is what keeps the day's stock promised once.
  const cancelReason = ctx.t('allocationPlan.superseded', { day: plan.day, revision: plan.revision });
  for (const o of plan.supersedes) {
    ctx.store.run(`UPDATE dispatch_orders SET status = 'cancelled', cancelled_at = ?, cancel_reason = ?, version = version + 1 WHERE id = ? AND status = 'draft'`, [ctx.now, cancelReason, o.id]);
    ctx.store.run('INSERT INTO allocation_superseded (plan_id, order_id) VALUES (?, ?)', [id, o.id]);
    audit(ctx, 'cancel', 'dispatch', o.id, { status: 'draft' }, { status: 'cancelled', reason: cancelReason });
  }
  // One order per unit, in the order the plan first names the units (a Map keeps insertion order).
  const byUnit = new Map<number, { itemId: number; qty: number }[]>();
  for (const l of plan.lines) {
    if (l.allocated <= 0) continue;
    const mine = byUnit.get(l.unitId);
    if (mine) mine.push({ itemId: l.itemId, qty: l.allocated });
    else byUnit.set(l.unitId, [{ itemId: l.itemId, qty: l.allocated }]);
  }
  draftOrders(ctx, id, ctx.t('allocationPlan.orderRemark', { day: plan.day, revision: plan.revision }), byUnit);
  audit(ctx, 'approve', 'plan', id, { status: 'draft' }, { status: 'approved', orders: byUnit.size, superseded: plan.supersedes.length, confirmReserve: Boolean(eating) });
  ctx.emit('data.changed', { entity: 'dispatch' });
  ctx.emit('data.changed', { entity: 'allocation' });
  // The plan as loaded above, now approved: reading 300,000 lines back would tell nothing new.
  const approved = ctx.store.first<{ version: number; approved_at: string }>('SELECT version, approved_at FROM allocation_plans WHERE id = ?', [id])!;
  const header = { ...plan, status: 'approved' as const, approvedBy: ctx.operator.name, approvedAt: approved.approved_at, version: approved.version, orders: planOrders(ctx, id), supersedes: supersededBy(ctx, id) };
  return { ...header, notices: planNotices(header, plan.items, i18nFor(ctx.session.locale)) };
}

/**
 * One draft dispatch order per unit, as dispatch's createOrder makes them (number, header, lines,
 * audit) but with the lines written in bulk: an approval makes up to 1,000 orders of 300 lines.
 * The quantities are the plan's, already whole base units; the units and items were checked when
 * the plan was computed, and are checked again here in one query each.
 */
function draftOrders(ctx: Ctx, planId: number, remarks: string, byUnit: Map<number, { itemId: number; qty: number }[]>): void {
  const activeUnits = new Set(ctx.store.all<{ id: number }>('SELECT id FROM units WHERE active = 1 AND id IN (SELECT value FROM json_each(?))', [JSON.stringify([...byUnit.keys()])]).map((u) => u.id));
  const itemIds = [...new Set([...byUnit.values()].flatMap((lines) => lines.map((l) => l.itemId)))];
  const activeItems = new Set(ctx.store.all<{ id: number }>('SELECT id FROM items WHERE active = 1 AND id IN (SELECT value FROM json_each(?))', [JSON.stringify(itemIds)]).map((i) => i.id));
  const lines: [number, number, number, number, string][] = [];
  for (const [unitId, mine] of byUnit) {
    if (!activeUnits.has(unitId)) throw new DepotError('not_found', { entity: 'unit', id: unitId }, 'unitId');
    const no = nextDocNo(ctx, 'CK');
    const { lastInsertRowid } = ctx.store.run(
      `INSERT INTO dispatch_orders (no, status, unit_id, priority, remarks, plan_id, created_by, created_at) VALUES (?, 'draft', ?, 'normal', ?, ?, ?, ?)`,
      [no, unitId, remarks, planId, ctx.operator.id, ctx.now],
    );
    const orderId = Number(lastInsertRowid);
    mine.forEach((l, i) => {
      if (!activeItems.has(l.itemId)) throw new DepotError('not_found', { entity: 'item', id: l.itemId }, 'itemId');
      lines.push([orderId, i + 1, l.itemId, l.qty, '']);
    });
    audit(ctx, 'create', 'dispatch', orderId, null, { no, unitId, lines: mine.length, planId });
  }
  insertMany(ctx, 'INSERT INTO dispatch_lines (order_id, line_no, item_id, qty, note)', 5, lines, (line, out) => void out.push(...line));
}

/** Saves reports as they are entered at the desk or imported from Excel (a day's row per unit and item is replaced). */
export function saveDemand(ctx: Ctx, day: string, rows: DemandSaveRow[], source: 'desk' | 'excel'): { saved: number } {
  rows.forEach((r, i) => {
    if (!ctx.store.first('SELECT 1 FROM units WHERE id = ?', [r.unitId])) throw new DepotError('not_found', { entity: 'unit', id: r.unitId }, `rows.${i}.unitId`);
    if (!ctx.store.first('SELECT 1 FROM items WHERE id = ?', [r.itemId])) throw new DepotError('not_found', { entity: 'item', id: r.itemId }, `rows.${i}.itemId`);
    ctx.store.run(
      `INSERT INTO demand_reports (day, unit_id, item_id, on_hand, daily_need, minimum_need, requested, carried_from, source, entered_by, entered_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)
       ON CONFLICT (day, unit_id, item_id) DO UPDATE SET on_hand = excluded.on_hand, daily_need = excluded.daily_need,
         minimum_need = excluded.minimum_need, requested = excluded.requested, carried_from = NULL, source = excluded.source,
         entered_by = excluded.entered_by, entered_at = excluded.entered_at`,
      [day, r.unitId, r.itemId, r.onHand, r.dailyNeed, r.minimumNeed, r.requested, source, ctx.operator.id, ctx.now],
    );
  });
  // A round reads only the reports changed since its last read (plans.ts, dayReports); the last 2,000,000 changes are plenty for that.
  ctx.store.run('DELETE FROM demand_changes WHERE seq <= (SELECT max(seq) FROM demand_changes) - 2000000');
  audit(ctx, 'save', 'demand', day, null, { rows: rows.length, source });
  ctx.emit('data.changed', { entity: 'demand' });
  return { saved: rows.length };
}

export const allocationHandlers: DomainHandlers<typeof allocationChannels> = {
  'demand.list': (input, ctx) => demandRows(ctx, input),
  'demand.save': ({ day, rows, source }, ctx) => saveDemand(ctx, day, rows, source),
  'demand.status': ({ day }, ctx) => reportStatus(ctx, day),
  'demand.importPreview': (input, ctx) => previewDemandImport(ctx, input),
  'demand.importCommit': ({ requestId: _, ...input }, ctx) => {
    const { file, rows, leftOut } = demandImportRows(ctx, input);
    saveDemand(ctx, input.day, rows, 'excel');
    audit(ctx, 'import', 'demand', input.day, null, { file, rows: rows.length, leftOut, mode: input.mode });
    return { imported: rows.length, units: new Set(rows.map((r) => r.unitId)).size, leftOut };
  },
  'demand.carryForward': ({ day, unitIds }, ctx) => {
    let carried = 0;
    for (const unitId of unitIds) {
      const last = ctx.store.first<{ day: string }>('SELECT max(day) AS day FROM demand_reports WHERE unit_id = ? AND day < ?', [unitId, day]);
      if (!last?.day) continue;
      carried += ctx.store.run(
        `INSERT INTO demand_reports (day, unit_id, item_id, on_hand, daily_need, minimum_need, requested, carried_from, source, entered_by, entered_at)
         SELECT ?, unit_id, item_id, on_hand, daily_need, minimum_need, requested, coalesce(carried_from, day), 'carried', ?, ?
           FROM demand_reports WHERE unit_id = ? AND day = ?
         ON CONFLICT (day, unit_id, item_id) DO NOTHING`,
        [day, ctx.operator.id, ctx.now, unitId, last.day],
      ).changes;
    }
    audit(ctx, 'carryForward', 'demand', day, null, { units: unitIds.length, rows: carried });
    ctx.emit('data.changed', { entity: 'demand' });
    return { carried };
  },

  'demand.withdraw': ({ day, unitId, itemIds }, ctx) => {
    const rows = ctx.store.all('SELECT * FROM demand_reports WHERE day = ? AND unit_id = ? AND (? IS NULL OR item_id IN (SELECT value FROM json_each(?)))', [
      day,
      unitId,
      itemIds ? 1 : null,
      JSON.stringify(itemIds ?? []),
    ]);
    if (rows.length === 0) throw new DepotError('not_found', { entity: 'demand', id: day });
    ctx.store.run('DELETE FROM demand_reports WHERE id IN (SELECT value FROM json_each(?))', [JSON.stringify(rows.map((r) => (r as { id: number }).id))]);
    // The audit keeps what was withdrawn: a report is never lost without a trace.
    audit(ctx, 'withdraw', 'demand', day, { unitId, rows }, null);
    ctx.emit('data.changed', { entity: 'demand' });
    return { withdrawn: rows.length };
  },

  'allocation.compute': (params, ctx) => preview(ctx, params),
  'allocation.save': ({ requestId: _, overrides, note, ...params }, ctx) => save(ctx, params, overrides, note),
  'allocation.get': ({ id }, ctx) => loadPlan(ctx, id),
  // Summaries straight from the saved lines: listing plans never puts 300,000 reasons into words.
  'allocation.list': ({ day }, ctx) =>
    ctx.store
      .all<{ id: number; day: string; revision: number; status: 'draft' | 'approved'; version: number; created_by: string; approved_by: string | null; approved_at: string | null; cover_days: number; allocated: number | null; shortfall: number | null; over: number; over_reserve: number }>(
        `SELECT p.id, p.day, p.revision, p.status, p.version, p.approved_at, c.name AS created_by, a.name AS approved_by,
                json_extract(p.params, '$.coverDays') AS cover_days,
                (SELECT sum(allocated) FROM allocation_lines WHERE plan_id = p.id) AS allocated,
                (SELECT sum(max(need - allocated, 0)) FROM allocation_lines WHERE plan_id = p.id) AS shortfall,
                EXISTS (SELECT 1 FROM allocation_items i
                         WHERE i.plan_id = p.id
                           AND i.available < (SELECT sum(allocated) FROM allocation_lines l WHERE l.plan_id = p.id AND l.item_id = i.item_id)) AS over,
                EXISTS (SELECT 1 FROM allocation_items i
                         WHERE i.plan_id = p.id
                           AND i.available - i.reserve < (SELECT sum(allocated) FROM allocation_lines l WHERE l.plan_id = p.id AND l.item_id = i.item_id)) AS over_reserve
           FROM allocation_plans p JOIN operators c ON c.id = p.created_by LEFT JOIN operators a ON a.id = p.approved_by
          WHERE (:day IS NULL OR p.day = :day) ORDER BY p.day DESC, p.revision DESC LIMIT 200`,
        { day: day ?? null },
      )
      .map((p): PlanSummary => ({
        id: p.id,
        day: p.day,
        revision: p.revision,
        status: p.status,
        createdBy: p.created_by,
        approvedBy: p.approved_by,
        approvedAt: p.approved_at,
        version: p.version,
        orders: planOrders(ctx, p.id),
        coverDays: p.cover_days,
        allocated: p.allocated ?? 0,
        shortfall: p.shortfall ?? 0,
        over: p.over === 1,
        overReserve: p.over_reserve === 1,
      })),
  'allocation.diff': ({ id }, ctx) => {
    const plan = loadPlan(ctx, id);
    const prev = ctx.store.first<{ id: number; revision: number }>(
      `SELECT id, revision FROM allocation_plans WHERE status = 'approved' AND id <> ? AND (day < ? OR (day = ? AND revision < ?))
        ORDER BY day DESC, revision DESC LIMIT 1`,
      [id, plan.day, plan.day, plan.revision ?? 0],
    );
    if (!prev) return { againstId: null, againstRevision: null, changes: [], superseded: plan.supersedes };
    const before = new Map(loadPlan(ctx, prev.id).lines.map((l) => [`${l.unitId}:${l.itemId}`, l]));
    const keys = new Set([...before.keys(), ...plan.lines.map((l) => `${l.unitId}:${l.itemId}`)]);
    const after = new Map(plan.lines.map((l) => [`${l.unitId}:${l.itemId}`, l]));
    const changes = [...keys]
      .map((k) => {
        const a = after.get(k);
        const b = before.get(k);
        const l = (a ?? b)!;
        return { unitId: l.unitId, unitName: l.unitName, itemId: l.itemId, itemName: l.itemName, before: b?.allocated ?? 0, after: a?.allocated ?? 0 };
      })
      .filter((c) => c.before !== c.after);
    return { againstId: prev.id, againstRevision: prev.revision, changes, superseded: plan.supersedes };
  },
  'allocation.approve': ({ id, version, confirmReserve }, ctx) => approve(ctx, id, version, confirmReserve),
};
