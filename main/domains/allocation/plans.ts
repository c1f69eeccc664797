import type { i18n } from 'i18next';
import type { Plan, PlanItem, PlanLine, RoundParams } from '../../../shared/contract/index.ts';
import { DEMAND_MAX } from '../../../shared/contract/allocation.ts';
import type { Tier, UnitType } from '../../../shared/domain.ts';
import type { Pack } from '../../../shared/packs.ts';
import type { Store } from '../../store/db.ts';
import { localDay } from '../../core/doc-numbers.ts';
import { DepotError } from '../../core/errors.ts';
import { MAX_QUANTITY, type AllocationInput, type AllocationLine, type AllocationReason, type AllocationResult, type DemandColumns, type LeftReason, type ProportionalBasis } from './engine.ts';

interface UnitInfo {
  code: string;
  name: string;
  type: UnitType;
  tier: Tier;
}
interface ItemInfo {
  code: string;
  name: string;
  unit: string;
}

/** A unit left out of a round: the first figure of its reports that no unit can mean. */
export interface LeftOut {
  unitId: number;
  itemId: number;
  field: 'onHand' | 'dailyNeed' | 'minimumNeed';
  value: number;
}

const WIDTH = 5;

/**
 * The day's last reports read, and when: nothing written through this connection since (SQLite's
 * total_changes(), counting trigger rows too) and no other connection's commit (data_version).
 */
const lastRead = new WeakMap<Store, { day: string; changes: number; dataVersion: number; seq: number; raw: Float64Array }>();

/**
 * Where the file stands: what this connection has written (SQLite's total_changes(), counting trigger
 * rows too) and other connections' commits (data_version). Equal twice, nothing at all was written
 * to the file in between.
 */
export function fileState(store: Store): { changes: number; dataVersion: number } {
  return store.db.prepare('SELECT total_changes() AS changes, (SELECT data_version FROM pragma_data_version) AS dataVersion').get() as { changes: number; dataVersion: number };
}

type ReportRow = [number, number, number | null, number | null, number | null];

/** The last change to the reports (demand_changes, migration 027): read before the reports it stands for. */
const lastChange = (store: Store) => (store.db.prepare('SELECT coalesce(max(seq), 0) AS seq FROM demand_changes').get() as { seq: number }).seq;

/** The day's reports read whole, in the array's shape (see dayReports). */
export function readDayReports(store: Store, day: string): Float64Array {
  const rows = store.db
    .prepare('SELECT unit_id, item_id, on_hand, daily_need, minimum_need FROM demand_reports WHERE day = ? ORDER BY unit_id, item_id')
    .raw(true)
    .all(day) as ReportRow[];
  const raw = new Float64Array(rows.length * WIDTH);
  for (let r = 0, at = 0; r < rows.length; r++, at += WIDTH) {
    const row = rows[r]!;
    raw[at] = row[0];
    raw[at + 1] = row[1];
    raw[at + 2] = row[2]!;
    raw[at + 3] = row[3]!;
    raw[at + 4] = row[4]!;
  }
  return raw;
}

/**
 * The reports read before (`raw`, as of change `seq`) brought up to date with only those changed
 * since: each report named in demand_changes is read again, or gone (withdrawn), and merged in its
 * place. Undefined when the changes since were pruned, or are so many that reading the day whole costs less.
 */
function refreshedReports(store: Store, day: string, raw: Float64Array, seq: number, now: number): Float64Array | undefined {
  if (now === seq) return raw;
  const kept = store.db.prepare('SELECT min(seq) AS oldest FROM demand_changes').get() as { oldest: number | null };
  if (kept.oldest === null || kept.oldest > seq + 1) return undefined;
  const changed = store.db
    .prepare(
      `SELECT c.unit_id, c.item_id, d.on_hand, d.daily_need, d.minimum_need
         FROM (SELECT DISTINCT unit_id, item_id FROM demand_changes WHERE seq > :seq AND day = :day) c
         LEFT JOIN demand_reports d ON d.day = :day AND d.unit_id = c.unit_id AND d.item_id = c.item_id
        ORDER BY c.unit_id, c.item_id`,
    )
    .raw(true)
    .all({ seq, day }) as ReportRow[];
  if (changed.length === 0) return raw;
  const n = raw.length / WIDTH;
  if (changed.length > n / 4) return undefined;
  // Each changed report is found in what was read (both in unit, item order), and what lies between is copied whole.
  const find = (unitId: number, itemId: number, lo: number) => {
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const at = mid * WIDTH;
      if (raw[at]! < unitId || (raw[at] === unitId && raw[at + 1]! < itemId)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const out = new Float64Array(raw.length + changed.length * WIDTH);
  let from = 0;
  let o = 0;
  for (const [unitId, itemId, onHand, dailyNeed, minimumNeed] of changed) {
    const p = find(unitId, itemId, from);
    out.set(raw.subarray(from * WIDTH, p * WIDTH), o);
    o += (p - from) * WIDTH;
    // The report read before gives way to the changed one, or to nothing if it was withdrawn.
    from = p < n && raw[p * WIDTH] === unitId && raw[p * WIDTH + 1] === itemId ? p + 1 : p;
    if (onHand === null) continue;
    out[o] = unitId;
    out[o + 1] = itemId;
    out[o + 2] = onHand;
    out[o + 3] = dailyNeed!;
    out[o + 4] = minimumNeed!;
    o += WIDTH;
  }
  out.set(raw.subarray(from * WIDTH), o);
  o += (n - from) * WIDTH;
  return out.subarray(0, o);
}

/**
 * The day's reports, 5 figures a row (unit, item, on hand, daily need, minimum need) in one typed
 * array, by unit and item. Read from the covering index demand_reports_round (migration 025) with
 * no table look-up per row: a city's day is 300,000 reports, and row arrays or objects kept through
 * the round cost more in garbage collection than the engine takes. An operator computes a round
 * again and again with other parameters, then saves it: while nothing at all was written to the file
 * since, the reports are not read again (the array is only read, so it is shared safely); after a
 * write, only the reports changed since are (refreshedReports).
 */
export function dayReports(store: Store, day: string): Float64Array {
  const { changes, dataVersion } = fileState(store);
  const last = lastRead.get(store);
  if (last && last.day === day && last.changes === changes && last.dataVersion === dataVersion) return last.raw;
  // The last change first: one committed by another program while the reports are read is read again next time.
  const seq = lastChange(store);
  const raw = (last && last.day === day ? refreshedReports(store, day, last.raw, last.seq, seq) : undefined) ?? readDayReports(store, day);
  // Kept only when read outside a transaction: inside one, what was read may yet be rolled back.
  if (!store.db.inTransaction) lastRead.set(store, { day, changes, dataVersion, seq, raw });
  return raw;
}

/**
 * Everything a round is computed from, read from the store: the day's reports, stock, and what
 * is already promised to each unit. A unit whose report holds a figure beyond DEMAND_MAX (saved
 * before the door refused them) is left out with its reason, so it cannot stop everyone's round.
 */
export function roundInput(
  store: Store,
  now: string,
  p: RoundParams,
): { input: AllocationInput; units: Map<number, UnitInfo>; items: Map<number, ItemInfo>; leftOut: LeftOut[] } {
  const scope = new Set(p.itemIds);
  const inScope = (itemId: number) => scope.size === 0 || scope.has(itemId);
  const raw = dayReports(store, p.day);
  const n = raw.length / WIDTH;
  const leftOut: LeftOut[] = [];
  const bad = new Set<number>();
  for (let at = 0; at < n * WIDTH; at += WIDTH) {
    const onHand = raw[at + 2]!;
    const dailyNeed = raw[at + 3]!;
    const minimumNeed = raw[at + 4]!;
    if (onHand <= DEMAND_MAX && dailyNeed <= DEMAND_MAX && minimumNeed <= DEMAND_MAX) continue;
    const unitId = raw[at]!;
    const itemId = raw[at + 1]!;
    if (bad.has(unitId) || !inScope(itemId)) continue;
    const field = onHand > DEMAND_MAX ? 'onHand' : dailyNeed > DEMAND_MAX ? 'dailyNeed' : 'minimumNeed';
    bad.add(unitId);
    leftOut.push({ unitId, itemId, field, value: field === 'onHand' ? onHand : field === 'dailyNeed' ? dailyNeed : minimumNeed });
  }
  // The rows come by unit: a unit's id is added once, where its rows begin.
  const unitIdSet = new Set<number>();
  const itemIdSet = new Set<number>(p.itemIds);
  let lastUnit = Number.NaN;
  for (let at = 0; at < n * WIDTH; at += WIDTH) {
    const unitId = raw[at]!;
    const itemId = raw[at + 1]!;
    if ((bad.size > 0 && bad.has(unitId)) || !inScope(itemId)) continue;
    if (unitId !== lastUnit) unitIdSet.add((lastUnit = unitId));
    itemIdSet.add(itemId);
  }
  const unitIds = [...unitIdSet];
  const itemIds = [...itemIdSet];
  const tierOverride = new Map(p.tierOverrides.map((o) => [o.unitId, o.tier]));

  const units = new Map<number, UnitInfo & { staff: number; beds: number }>();
  for (const u of store.all<{ id: number; code: string; name: string; type: UnitType; tier: Tier; staff_count: number; beds: number }>(
    `SELECT id, code, name, type, tier, staff_count, beds FROM units WHERE id IN (SELECT value FROM json_each(?))`,
    [JSON.stringify(unitIds)],
  )) {
    units.set(u.id, { code: u.code, name: u.name, type: u.type, tier: tierOverride.get(u.id) ?? u.tier, staff: u.staff_count, beds: u.beds });
  }

  const items = new Map<number, ItemInfo & { packs: Pack[] }>();
  for (const it of store.all<{ id: number; code: string; name: string; unit: string; packs: string }>(
    'SELECT id, code, name, unit, packs FROM items WHERE id IN (SELECT value FROM json_each(?))',
    [JSON.stringify(itemIds)],
  )) {
    items.set(it.id, { code: it.code, name: it.name, unit: it.unit, packs: JSON.parse(it.packs) as Pack[] });
  }

  const { available, pending, draftedStock } = stockPromised(store, now, p.day);
  const itemReserve = new Map(p.itemReserves.map((r) => [r.itemId, r]));
  // The engine's demand rows as columns: no object per row.
  const column = () => new Float64Array(n);
  const demands: DemandColumns = { length: 0, unitId: column(), itemId: column(), onHand: column(), dailyNeed: column(), minimumNeed: column(), inTransit: column() };
  let m = 0;
  let known = false;
  let mine: Map<number, number> | undefined;
  lastUnit = Number.NaN;
  for (let at = 0; at < n * WIDTH; at += WIDTH) {
    const unitId = raw[at]!;
    const itemId = raw[at + 1]!;
    if (unitId !== lastUnit) {
      lastUnit = unitId;
      known = !bad.has(unitId) && units.has(unitId);
      mine = pending.get(unitId);
    }
    if (!known || !inScope(itemId)) continue;
    demands.unitId[m] = unitId;
    demands.itemId[m] = itemId;
    demands.onHand[m] = raw[at + 2]!;
    demands.dailyNeed[m] = raw[at + 3]!;
    demands.minimumNeed[m] = raw[at + 4]!;
    // Beyond the engine's limit the net need is 0 either way (needs stay below 6 × 10^8): capping keeps one unit's orders from failing the round.
    demands.inTransit[m] = mine === undefined ? 0 : Math.min(MAX_QUANTITY, mine.get(itemId) ?? 0);
    m++;
  }
  demands.length = m;

  return {
    units,
    items,
    leftOut,
    input: {
      coverDays: p.coverDays,
      basis: p.basis,
      topUp: p.topUp,
      units: [...units].map(([unitId, u]) => ({ unitId, code: u.code, tier: u.tier, staffCount: u.staff, beds: u.beds })),
      items: [...items].map(([itemId, it]) => {
        const pack = p.wholePacks ? it.packs[0] : undefined;
        const reserve = itemReserve.get(itemId) ?? p.reserve;
        return {
          itemId,
          available: freeFor(itemId, available, draftedStock),
          reserve: { percent: reserve.percent, quantity: reserve.quantity },
          ...(pack ? { packSize: pack.per, packUnit: pack.unit } : {}),
        };
      }),
      demands,
    },
  };
}

/** Stock an item's round may share: free stock less what other days' plan drafts will take. */
const freeFor = (itemId: number, available: Map<number, number>, draftedStock: Map<number, number>) =>
  Math.max(0, (available.get(itemId) ?? 0) - (draftedStock.get(itemId) ?? 0));

/** Free stock per item, and what is already promised to each unit, for a round of `day`. */
function stockPromised(store: Store, now: string, day: string) {
  // What may be allocated: accepted, unexpired stock not already reserved by approved orders.
  const available = new Map(
    store
      .all<{ item_id: number; free: number }>(
        `SELECT s.item_id, sum(s.on_hand - s.reserved) AS free FROM stock s JOIN lots l ON l.id = s.lot_id
          WHERE l.status = 'accepted' AND (l.expires_on IS NULL OR l.expires_on >= ?) GROUP BY s.item_id`,
        [localDay(now)],
      )
      .map((r) => [r.item_id, r.free]),
  );
  // Already promised to each unit (在途/待发): shipped and not signed for (nor reversed); approved or
  // picked (reserved above); and drafts made by another day's approved plan, which reserve nothing
  // yet, so they come off the stock here too. Drafts of this day's older revisions do not count:
  // approving this revision cancels them.
  const pending = new Map<number, Map<number, number>>();
  const draftedStock = new Map<number, number>();
  for (const r of store.all<{ unit_id: number; item_id: number; qty: number; drafted: number }>(
    `SELECT o.unit_id, dl.item_id, sum(p.qty) AS qty, 0 AS drafted
       FROM dispatch_orders o JOIN dispatch_picks p ON p.order_id = o.id JOIN dispatch_lines dl ON dl.id = p.line_id
      WHERE (o.status IN ('approved', 'picked')
             OR (o.status = 'shipped' AND o.reverses_id IS NULL AND NOT EXISTS (SELECT 1 FROM dispatch_orders r WHERE r.reverses_id = o.id)))
      GROUP BY o.unit_id, dl.item_id
     UNION ALL
     SELECT o.unit_id, dl.item_id, sum(dl.qty), 1
       FROM dispatch_orders o JOIN dispatch_lines dl ON dl.order_id = o.id JOIN allocation_plans ap ON ap.id = o.plan_id
      WHERE o.status = 'draft' AND ap.day <> ?
      GROUP BY o.unit_id, dl.item_id`,
    [day],
  )) {
    let mine = pending.get(r.unit_id);
    if (!mine) pending.set(r.unit_id, (mine = new Map()));
    mine.set(r.item_id, (mine.get(r.item_id) ?? 0) + r.qty);
    if (r.drafted) draftedStock.set(r.item_id, (draftedStock.get(r.item_id) ?? 0) + r.qty);
  }
  return { available, pending, draftedStock };
}

/**
 * What each item of the round may share now (roundInput's available), without reading the day's
 * 300,000 reports into memory: approval checks its plan against it.
 */
export function availableNow(store: Store, now: string, p: RoundParams): Map<number, number> {
  // The round's items as roundInput finds them: those asked for, or else every item reported by a unit not left out.
  const ids =
    p.itemIds.length > 0
      ? p.itemIds
      : store
          .all<{ item_id: number }>(
            `SELECT DISTINCT item_id FROM demand_reports WHERE day = :day AND unit_id NOT IN
               (SELECT unit_id FROM demand_reports WHERE day = :day AND max(on_hand, daily_need, minimum_need) > :max)`,
            { day: p.day, max: DEMAND_MAX },
          )
          .map((r) => r.item_id);
  const { available, draftedStock } = stockPromised(store, now, p.day);
  return new Map(
    store
      .all<{ id: number }>('SELECT id FROM items WHERE id IN (SELECT value FROM json_each(?))', [JSON.stringify(ids)])
      .map((it) => [it.id, freeFor(it.id, available, draftedStock)]),
  );
}

/** Lines grouped once by a key: a round has up to 300,000 lines, so no filtering per item or unit. */
export function groupBy<T>(rows: readonly T[], key: (row: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

export interface Override {
  unitId: number;
  itemId: number;
  allocated: number;
  reason: string;
}

/** Left-out units in words, with their names (they are not in the round's units). */
export function describeLeftOut(store: Store, leftOut: readonly LeftOut[], i18n: i18n): Plan['leftOut'] {
  if (leftOut.length === 0) return [];
  const t = (key: string, values?: Record<string, unknown>) => i18n.t(key, values ?? {});
  const num = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 0 });
  const unitRows = new Map(
    store
      .all<{ id: number; code: string; name: string }>('SELECT id, code, name FROM units WHERE id IN (SELECT value FROM json_each(?))', [JSON.stringify(leftOut.map((l) => l.unitId))])
      .map((u) => [u.id, u]),
  );
  const itemNames = new Map(
    store
      .all<{ id: number; name: string }>('SELECT id, name FROM items WHERE id IN (SELECT value FROM json_each(?))', [JSON.stringify(leftOut.map((l) => l.itemId))])
      .map((i) => [i.id, i.name]),
  );
  return leftOut.map((l) => ({
    unitId: l.unitId,
    unitCode: unitRows.get(l.unitId)?.code ?? String(l.unitId),
    unitName: unitRows.get(l.unitId)?.name ?? String(l.unitId),
    reason: t('allocationPlan.leftOut', { item: itemNames.get(l.itemId) ?? l.itemId, field: t(`demandImport.field.${l.field}`), value: num.format(l.value) }),
  }));
}

/** What a plan's lines add up to for one item or unit. */
interface Totals {
  allocated: number;
  shortfall: number;
  /** Some line has a warning (a proportional unit with no weight). */
  warning: boolean;
}
const NO_LINES: Readonly<Totals> = { allocated: 0, shortfall: 0, warning: false };

export type PlanMeta = { units: Map<number, UnitInfo>; items: Map<number, ItemInfo> };

/**
 * Makes the engine's lines into the plan's, one by one (as the engine computes them, or from lines
 * kept), with their names and overrides applied, and sums each item's and unit's totals on the way.
 */
export interface PlanLines {
  line: (l: Readonly<AllocationLine>) => PlanLine;
  itemTotals: Map<number, Totals>;
  unitTotals: Map<number, Totals>;
  noWeight: string;
}

export function planLines(meta: PlanMeta, overrides: readonly Override[], i18n: i18n, basis: ProportionalBasis): PlanLines {
  const t = (key: string, values?: Record<string, unknown>) => i18n.t(key, values ?? {});
  const override = new Map(overrides.map((o) => [`${o.unitId}:${o.itemId}`, o]));
  const noWeight = t('allocationPlan.warn.noWeight', { weightName: t(`allocation.weightName.${basis}`) });
  // 300,000 lines come item by item, so an item's names and totals are looked up where its lines begin.
  const itemTotals = new Map<number, Totals>();
  const unitTotals = new Map<number, Totals>();
  const unitOf = new Map<number, { info: UnitInfo; totals: Totals }>();
  for (const [unitId, info] of meta.units) {
    const totals = { allocated: 0, shortfall: 0, warning: false };
    unitOf.set(unitId, { info, totals });
    unitTotals.set(unitId, totals);
  }
  let itemId = Number.NaN;
  let it: ItemInfo | undefined;
  let itemSums: Totals = { allocated: 0, shortfall: 0, warning: false };
  const line = (l: Readonly<AllocationLine>): PlanLine => {
    if (l.itemId !== itemId) {
      itemId = l.itemId;
      it = meta.items.get(itemId)!;
      const had = itemTotals.get(itemId);
      if (had) itemSums = had;
      else itemTotals.set(itemId, (itemSums = { allocated: 0, shortfall: 0, warning: false }));
    }
    const unit = unitOf.get(l.unitId)!;
    const u = unit.info;
    const o = override.size === 0 ? undefined : override.get(`${l.unitId}:${l.itemId}`);
    const allocated = o ? o.allocated : l.allocated;
    const shortfall = Math.max(0, l.need - allocated);
    const zeroWeight = l.reason.kind === 'zeroWeight';
    itemSums.allocated += allocated;
    itemSums.shortfall += shortfall;
    itemSums.warning ||= zeroWeight;
    const ut = unit.totals;
    ut.allocated += allocated;
    ut.shortfall += shortfall;
    ut.warning ||= zeroWeight;
    return {
      unitId: l.unitId,
      unitCode: u.code,
      unitName: u.name,
      unitType: u.type,
      itemId,
      itemCode: it!.code,
      itemName: it!.name,
      unit: it!.unit,
      tier: l.tier,
      need: l.need,
      claim: l.claim,
      computed: l.allocated,
      allocated,
      shortfall,
      pending: l.inTransit,
      topUp: l.topUp,
      earmarked: l.earmarked ?? 0,
      packLeftOut: l.packLeftOut,
      onHand: l.onHand,
      dailyNeed: l.dailyNeed,
      minimumNeed: l.minimumNeed,
      why: l.reason,
      // A unit with no staff (or beds) silently gets nothing by the proportional rule: say so.
      warning: zeroWeight ? noWeight : null,
      overrideReason: o ? o.reason : null,
    };
  };
  return { line, itemTotals, unitTotals, noWeight };
}

/** A plan as the operator sees it: the engine's lines with their names, overrides applied, totals checked; reasons stay data. */
export function toPlan(result: AllocationResult, meta: PlanMeta, overrides: readonly Override[], i18n: i18n, header: Omit<Plan, 'lines' | 'items' | 'units' | 'notices'>): Plan {
  const made = planLines(meta, overrides, i18n, result.basis);
  return planOf({ ...result, lines: result.lines.map((l) => made.line(l)) }, made, meta, i18n, header);
}

/** A plan from a round whose lines were made by `made` (planLines) as the engine computed them. */
export function planOf(
  result: AllocationResult<PlanLine>,
  made: PlanLines,
  meta: PlanMeta,
  i18n: i18n,
  header: Omit<Plan, 'lines' | 'items' | 'units' | 'notices'>,
): Plan {
  const t = (key: string, values?: Record<string, unknown>) => i18n.t(key, values ?? {});
  const num = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 0 });
  const { itemTotals, unitTotals, noWeight } = made;
  const lines = result.lines;
  const items: PlanItem[] = result.items.map((s) => {
    const it = meta.items.get(s.itemId)!;
    const mine = itemTotals.get(s.itemId) ?? NO_LINES;
    const allocated = mine.allocated;
    const pool = s.available - s.reserve;
    const unallocated = Math.max(0, pool - allocated);
    return {
      itemId: s.itemId,
      itemCode: it.code,
      itemName: it.name,
      unit: it.unit,
      available: s.available,
      reserve: s.reserve,
      allocated,
      need: s.need,
      shortfall: mine.shortfall,
      packSize: s.packSize,
      packUnit: s.packUnit,
      packRemainder: s.packRemainder,
      rationedTier: s.rationedTier,
      over: allocated > s.available,
      overReserve: allocated > pool,
      topUp: s.topUp,
      unallocated,
      // The engine's reason holds for its own figures; after overrides only "none" can be told for sure.
      unallocatedReason: t(`allocationPlan.unallocated.${unallocated === 0 ? 'none' : s.leftReason}`, {
        unit: s.packUnit ?? t('allocation.packUnit'),
        size: num.format(s.packSize ?? 1),
      }),
    };
  });
  const units = result.units.map((s) => {
    const mine = unitTotals.get(s.unitId) ?? NO_LINES;
    const u = meta.units.get(s.unitId)!;
    return {
      unitId: s.unitId,
      unitCode: u.code,
      unitName: u.name,
      tier: s.tier,
      need: s.need,
      allocated: mine.allocated,
      shortfall: mine.shortfall,
      warning: mine.warning ? noWeight : null,
    };
  });
  return { ...header, notices: planNotices(header, items, i18n), lines, items, units };
}

/** What the approver should read before approving (or, approved, what still holds), in words. */
export function planNotices(header: Pick<Plan, 'status' | 'supersedes' | 'leftOut' | 'revision'>, items: readonly PlanItem[], i18n: i18n): string[] {
  const t = (key: string, values?: Record<string, unknown>) => i18n.t(key, values ?? {});
  const notices: string[] = [];
  if (header.status === 'draft' && header.supersedes.length > 0) {
    const revisions = [...new Set(header.supersedes.map((o) => o.revision))].join('、');
    notices.push(t('allocationPlan.notice.supersedes', { revisions, count: header.supersedes.length, nos: header.supersedes.map((o) => o.no).join('、'), revision: header.revision }));
  }
  if (header.leftOut.length > 0) notices.push(t('allocationPlan.notice.leftOut', { count: header.leftOut.length }));
  const eating = items.filter((i) => i.overReserve && !i.over);
  if (eating.length > 0) notices.push(t('allocationPlan.notice.overReserve', { items: eating.map((i) => i.itemName).join('、') }));
  return notices;
}

interface LineSums {
  need: number;
  allocated: number;
  shortfall: number;
  topUp: number;
  /** Lines short of their need. */
  shortItems: number;
}
const NO_SUMS: Readonly<LineSums> = { need: 0, allocated: 0, shortfall: 0, topUp: 0, shortItems: 0 };

/** The engine's lines summed by item or unit, in one pass. */
function lineSums(lines: readonly AllocationLine[], key: (l: AllocationLine) => number): Map<number, LineSums> {
  const sums = new Map<number, LineSums>();
  for (const l of lines) {
    const k = key(l);
    let s = sums.get(k);
    if (!s) sums.set(k, (s = { ...NO_SUMS }));
    s.need += l.need;
    s.allocated += l.allocated;
    s.shortfall += l.shortfall;
    s.topUp += l.topUp;
    s.shortItems += l.shortfall > 0 ? 1 : 0;
  }
  return sums;
}

/**
 * A plan's lines written 500 to a statement, in the key's order (unit, item), not the plan's (by
 * item, then unit code): each line is then appended to the table's b-tree (WITHOUT ROWID), and the
 * plan is read back in that order. 300,000 lines: a counting sort by unit, and each statement's
 * values set in place and passed as its arguments, with no array, object or text made per line: the
 * figures go to their own columns as numbers (migration 027), the reason is the rule's JSON (each
 * shared one, served, no need…, turned into text once), and the plan's id is written into the
 * statement rather than bound 300,000 times. The plan, its units and its items are checked here once
 * (the table no longer looks them up for each line): a line naming one that does not exist is
 * refused before anything is written.
 */
export function writePlanLines(store: Store, planId: number, lines: readonly PlanLine[]): void {
  const unitIds = [...new Set(lines.map((l) => l.unitId))].sort((a, b) => a - b);
  const itemIds = [...new Set(lines.map((l) => l.itemId))];
  const missing = store.first<{ plan: number; unit: number | null; item: number | null }>(
    `SELECT NOT EXISTS (SELECT 1 FROM allocation_plans WHERE id = :plan) AS plan,
            (SELECT value FROM json_each(:units) WHERE value NOT IN (SELECT id FROM units) LIMIT 1) AS unit,
            (SELECT value FROM json_each(:items) WHERE value NOT IN (SELECT id FROM items) LIMIT 1) AS item`,
    { plan: planId, units: JSON.stringify(unitIds), items: JSON.stringify(itemIds) },
  )!;
  if (missing.plan) throw new DepotError('not_found', { entity: 'plan', id: planId });
  if (missing.unit !== null) throw new DepotError('not_found', { entity: 'unit', id: missing.unit });
  if (missing.item !== null) throw new DepotError('not_found', { entity: 'item', id: missing.item });

  const rankOf = new Map(unitIds.map((unitId, rank) => [unitId, rank]));
  const rank = new Int32Array(lines.length);
  const start = new Int32Array(unitIds.length + 1);
  for (let k = 0; k < lines.length; k++) start[(rank[k] = rankOf.get(lines[k]!.unitId)!) + 1]! += 1;
  for (let r = 0; r < unitIds.length; r++) start[r + 1]! += start[r]!;
  const order = new Int32Array(lines.length);
  for (let k = 0; k < lines.length; k++) order[start[rank[k]!]!++] = k;

  const shared = new Map<AllocationReason, string>();
  const textOf = (reason: AllocationReason) => {
    if (reason.kind === 'rationed' || reason.kind === 'share' || reason.kind === 'capped') return JSON.stringify(reason);
    let text = shared.get(reason);
    if (text === undefined) shared.set(reason, (text = JSON.stringify(reason)));
    return text;
  };
  const WIDTH = 16;
  const CHUNK = 500;
  const id = Math.trunc(planId);
  // Prepared here and not kept (the text names this plan); passing the values as arguments costs less than as one array.
  const statement = (n: number) =>
    store.db.prepare(
      `INSERT INTO allocation_lines (plan_id, unit_id, item_id, tier, need, claim, computed, allocated, on_hand, daily_need, minimum_need, pending, top_up, pack_left_out, earmarked, reason, override_reason)
       VALUES ${Array.from({ length: n }, () => `(${id}, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).join(', ')}`,
    );
  const full = lines.length >= CHUNK ? statement(CHUNK) : undefined;
  let values = new Array<unknown>(CHUNK * WIDTH);
  for (let i = 0; i < lines.length; i += CHUNK) {
    const n = Math.min(CHUNK, lines.length - i);
    if (n < CHUNK) values = new Array<unknown>(n * WIDTH);
    let v = 0;
    for (let j = i; j < i + n; j++) {
      const l = lines[order[j]!]!;
      values[v++] = l.unitId;
      values[v++] = l.itemId;
      values[v++] = l.tier;
      values[v++] = l.need;
      values[v++] = l.claim;
      values[v++] = l.computed;
      values[v++] = l.allocated;
      values[v++] = l.onHand;
      values[v++] = l.dailyNeed;
      values[v++] = l.minimumNeed;
      values[v++] = l.pending;
      values[v++] = l.topUp;
      values[v++] = l.packLeftOut;
      values[v++] = l.earmarked;
      values[v++] = textOf(l.why);
      values[v++] = l.overrideReason;
    }
    (n === CHUNK ? full! : statement(n)).run(...values);
  }
}

/** A saved line as read: unit, item, tier, need, claim, computed, allocated, figures, override reason. */
type SavedRow = [
  number, number, Tier, number, number, number, number,
  | [number, number, number, number, number, number, AllocationLine['reason'], number?]
  // Plans saved before the figures were kept as an array, and before the top-up.
  | Pick<AllocationLine, 'reason' | 'onHand' | 'dailyNeed' | 'minimumNeed' | 'inTransit'>,
  string | null,
];

/**
 * A saved plan's lines back into the engine's shape, so its reasons are told the same way.
 * 300,000 lines come out of SQLite as one JSON text, parsed once (not once per line), in their
 * key's order with no join or sort in SQL, and are put in the plan's order here: by item, then unit
 * code. Saved in that key's order too (see save), they are read from the table front to back.
 */
export function savedResult(store: Store, planId: number, params: RoundParams): { result: AllocationResult; overrides: Override[]; meta: { units: Map<number, UnitInfo>; items: Map<number, ItemInfo> } } {
  const rows = JSON.parse(
    store.first<{ lines: string }>(
      // Figures in their columns (migration 027) come as the array lines saved before kept in their reason text.
      `SELECT json_group_array(json_array(unit_id, item_id, tier, need, claim, computed, allocated,
                CASE WHEN on_hand IS NULL THEN json(reason)
                     ELSE json_array(on_hand, daily_need, minimum_need, pending, top_up, pack_left_out, json(reason), earmarked) END,
                override_reason)) AS lines
         FROM allocation_lines WHERE plan_id = ?`,
      [planId],
    )!.lines,
  ) as SavedRow[];
  const itemRows = store.all<{ item_id: number; available: number; reserve: number; pack_size: number | null; pack_unit: string | null; pack_remainder: number; rationed_tier: Tier | null; left_reason: LeftReason | null }>(
    'SELECT * FROM allocation_items WHERE plan_id = ? ORDER BY item_id',
    [planId],
  );
  const unitIds = [...new Set(rows.map((r) => r[0]))];
  const itemIds = [...new Set(rows.map((r) => r[1]))];
  // Ordered by code in SQL, as the plan's lines always were.
  const unitRows = store.all<{ id: number; code: string; name: string; type: UnitType }>(
    'SELECT id, code, name, type FROM units WHERE id IN (SELECT value FROM json_each(?)) ORDER BY code',
    [JSON.stringify(unitIds)],
  );
  const itemInfo = new Map(
    store
      .all<{ id: number; code: string; name: string; unit: string }>('SELECT id, code, name, unit FROM items WHERE id IN (SELECT value FROM json_each(?))', [JSON.stringify(itemIds)])
      .map((i) => [i.id, { code: i.code, name: i.name, unit: i.unit }]),
  );
  // By item, then unit code: each unit's rows go, in code order, to their item's list.
  const rowsOfUnit = groupBy(rows, (r) => r[0]);
  const rowsOfItem = new Map<number, SavedRow[]>(itemIds.sort((a, b) => a - b).map((id) => [id, []]));
  for (const u of unitRows) for (const r of rowsOfUnit.get(u.id)!) rowsOfItem.get(r[1])!.push(r);
  const ordered = [...rowsOfItem.values()].flat();
  const unitInfo = new Map(unitRows.map((u) => [u.id, u]));

  const units = new Map<number, UnitInfo>();
  const items = new Map<number, ItemInfo>();
  const overrides: Override[] = [];
  const lines: AllocationLine[] = ordered.map(([unitId, itemId, tier, need, claim, computed, allocated, figures, overrideReason]) => {
    // A unit's tier is the one on its last line (they all agree unless the data was edited by hand).
    const unit = units.get(unitId);
    if (!unit) {
      const u = unitInfo.get(unitId)!;
      units.set(unitId, { code: u.code, name: u.name, type: u.type, tier });
    } else unit.tier = tier;
    if (!items.has(itemId)) items.set(itemId, itemInfo.get(itemId)!);
    if (overrideReason !== null) overrides.push({ unitId, itemId, allocated, reason: overrideReason });
    return Array.isArray(figures)
      ? {
          unitId, itemId, tier, need, claim, allocated: computed, shortfall: need - computed,
          onHand: figures[0], dailyNeed: figures[1], minimumNeed: figures[2], inTransit: figures[3], topUp: figures[4], packLeftOut: figures[5], reason: figures[6], earmarked: figures[7] ?? 0,
        }
      : { unitId, itemId, tier, need, claim, allocated: computed, shortfall: need - computed, topUp: 0, packLeftOut: 0, ...figures };
  });
  const byItem = lineSums(lines, (l) => l.itemId);
  const byUnit = lineSums(lines, (l) => l.unitId);
  const result: AllocationResult = {
    coverDays: params.coverDays,
    basis: params.basis,
    topUp: params.topUp,
    lines,
    items: itemRows.map((it) => {
      const mine = byItem.get(it.item_id) ?? NO_SUMS;
      return {
        itemId: it.item_id,
        available: it.available,
        reserve: it.reserve,
        pool: it.available - it.reserve,
        allocated: mine.allocated,
        remainder: it.available - it.reserve - mine.allocated,
        packRemainder: it.pack_remainder,
        packSize: it.pack_size,
        packUnit: it.pack_unit,
        need: mine.need,
        shortfallTotal: mine.shortfall,
        rationedTier: it.rationed_tier,
        topUp: mine.topUp,
        // Plans saved before the reason was kept: the rules of the time gave no top-up.
        leftReason: it.left_reason ?? (mine.allocated === it.available - it.reserve ? 'none' : 'rules'),
      };
    }),
    units: [...units].map(([unitId, u]) => {
      const mine = byUnit.get(unitId) ?? NO_SUMS;
      return { unitId, code: u.code, tier: u.tier, need: mine.need, allocated: mine.allocated, shortfall: mine.shortfall, shortItems: mine.shortItems };
    }),
  };
  return { result, overrides, meta: { units, items } };
}

