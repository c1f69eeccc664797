/**
 * A plan line's reason in words, in the reader's language: "足量供给：需求 3 天×500 − 库存 300 =
 * 1,200，全额". The engine and the plans keep reasons as data (the rule and its figures); they
 * become words only where someone reads them — a grid's visible rows, a tooltip, a printout — so
 * a city's round of 300,000 lines costs no strings. Here in shared/ so the core and the screens
 * tell them the same way.
 */
import type { i18n } from 'i18next';
import type { Tier } from './domain.ts';
import type { Plan, PlanLine } from './contract/allocation.ts';

export type ProportionalBasis = 'staff' | 'beds' | 'equal';

/**
 * Why a line got what it got, beyond the line's own numbers: `kind` says which rule decided, and
 * each kind carries the figures of its rule. Pool, remaining and exact shares are in allocation
 * units — whole packs when the item is rounded to packs, base units otherwise. reasons.ts puts
 * a line and its reason into words. The kinds without figures are shared frozen objects.
 */
export type AllocationReason =
  /** Net need is zero: stock on hand and in transit cover the days. */
  | { readonly kind: 'noNeed' }
  /** The whole claim was given. */
  | { readonly kind: 'served' }
  /** Full or minimum tier short: pool × claim / claimTotal, then largest remainder. */
  | { readonly kind: 'rationed'; readonly pool: number; readonly claimTotal: number; readonly exact: number }
  /** Proportional tier short: remaining × weight / weightTotal, after `cappedUnits` units were capped at their need. */
  | {
      readonly kind: 'share';
      readonly remaining: number;
      readonly weight: number;
      readonly weightTotal: number;
      readonly exact: number;
      readonly cappedUnits: number;
    }
  /** Proportional tier short, but this unit's share (`exact`) reached its need: it gets the need, the excess goes on. */
  | { readonly kind: 'capped'; readonly exact: number }
  /** Proportional tier with a zero weight (no staff, no beds): no share. */
  | { readonly kind: 'zeroWeight' }
  /** A higher tier was rationed, so this tier gets nothing. */
  | { readonly kind: 'higherTierShort'; readonly shortTier: Tier };

/** What describeReason reads of a line: the engine's line, or a plan's line through planLineReason. */
export interface ReasonLine {
  itemId: number;
  tier: Tier;
  onHand: number;
  dailyNeed: number;
  minimumNeed: number;
  inTransit: number;
  need: number;
  claim: number;
  /** What the rules gave (before any override). */
  allocated: number;
  topUp: number;
  reason: AllocationReason;
}

/** What a line needs from its round to be told: an AllocationResult, or a saved plan's header. */
export interface ReasonContext {
  coverDays: number;
  basis: ProportionalBasis;
  items: readonly { itemId: number; packSize: number | null; packUnit: string | null }[];
}

const formats = new Map<string, { whole: Intl.NumberFormat; oneDecimal: Intl.NumberFormat }>();
const itemIndexes = new WeakMap<ReasonContext['items'], Map<number, ReasonContext['items'][number]>>();

function formatsFor(locale: string) {
  let f = formats.get(locale);
  if (!f) {
    f = {
      whole: new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }),
      oneDecimal: new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
    };
    formats.set(locale, f);
  }
  return f;
}

type Template = (values: Record<string, string>) => string;
const templates = new Map<string, Map<string, Template>>();

/**
 * A reason's sentence compiled once per language: i18next's lookup and interpolation cost several
 * microseconds a call, and a city's round puts 300,000 lines into words, six sentences each.
 * Placeholders are plain {{name}} (the texts are not HTML-escaped), so joining the parts is exact.
 */
function template(i18n: i18n, key: string): Template {
  let byKey = templates.get(i18n.language);
  if (!byKey) templates.set(i18n.language, (byKey = new Map()));
  let compiled = byKey.get(key);
  if (!compiled) {
    const text = String(i18n.getResource(i18n.language, 'translation', key) ?? i18n.t(key));
    const parts = text.split(/\{\{\s*(\w+)\s*\}\}/);
    compiled = (values) => {
      let out = parts[0]!;
      for (let i = 1; i < parts.length; i += 2) out += (values[parts[i]!] ?? '') + parts[i + 1]!;
      return out;
    };
    byKey.set(key, compiled);
  }
  return compiled;
}

function itemOf(round: ReasonContext, itemId: number) {
  let index = itemIndexes.get(round.items);
  if (!index) {
    index = new Map(round.items.map((it) => [it.itemId, it]));
    itemIndexes.set(round.items, index);
  }
  return index.get(itemId);
}

export function describeReason(line: ReasonLine, round: ReasonContext, i18n: i18n): string {
  const rule = describeRule(line, round, i18n);
  if (line.topUp === 0) return rule;
  const per = itemOf(round, line.itemId)?.packSize ?? 1;
  const full = line.allocated >= line.need - (line.need % per);
  const { whole } = formatsFor(i18n.language);
  return rule + template(i18n, full ? 'allocation.topUp' : 'allocation.topUpPartial')({ amount: whole.format(line.topUp) });
}

function describeRule(line: ReasonLine, round: ReasonContext, i18n: i18n): string {
  const t = (key: string, values?: Record<string, string>) => template(i18n, `allocation.${key}`)(values ?? {});
  const { whole, oneDecimal } = formatsFor(i18n.language);
  const num = (n: number) => whole.format(n);
  // An exact share shows one decimal unless it is whole, so "555.0" never passes for 555.
  const exact = (n: number) => (Number.isInteger(n) ? whole.format(n) : oneDecimal.format(n));

  const item = itemOf(round, line.itemId);
  const packSize = item?.packSize ?? null;
  const packUnit = item?.packUnit ?? t('packUnit');
  const per = packSize ?? 1;
  /** A quantity in allocation units: packs when rounding to packs. */
  const qty = (n: number) => (packSize ? `${num(n)} ${packUnit}` : num(n));
  /** A final amount in base units; with packs, counted in packs first. */
  const amount = (base: number) => (packSize ? t('packQty', { packs: num(base / per), unit: packUnit, base: num(base) }) : num(base));
  /**
   * Largest remainder does not always round to the nearest: 993.5 can become 993 when others'
   * remainders are larger. Say so whenever the shown exact share would round the other way.
   */
  const rounded = (exactShare: number) => {
    const shown = Math.round(exactShare * 10) / 10;
    return amount(line.allocated) + (Math.round(shown) === line.allocated / per ? '' : t('largestRemainder'));
  };
  const pack = packSize ? t('pack', { unit: packUnit, size: num(packSize), claim: amount(line.claim) }) : '';

  const expr = t(line.inTransit > 0 ? 'exprTransit' : 'expr', {
    days: num(round.coverDays),
    daily: num(line.dailyNeed),
    onHand: num(line.onHand),
    inTransit: num(line.inTransit),
  });
  const need = t('need', { expr, need: num(line.need) });
  const label = t(`label.${line.tier === 'proportional' ? round.basis : line.tier}`);
  const minimum = num(line.minimumNeed);
  const reason = line.reason;

  switch (reason.kind) {
    case 'noNeed':
      return t('reason.noNeed', { label, expr });
    case 'served':
      if (line.tier === 'full') return t('reason.servedFull', { label, need, pack });
      if (line.tier === 'minimum') return t('reason.servedMinimum', { label, need, minimum, pack, claim: num(line.claim) });
      return t('reason.servedProportional', { label, need, pack });
    case 'rationed':
      return t(line.tier === 'minimum' ? 'reason.rationedMinimum' : 'reason.rationedFull', {
        label,
        need,
        minimum,
        pack,
        pool: qty(reason.pool),
        claim: num(line.claim / per),
        claimTotal: num(reason.claimTotal),
        exact: exact(reason.exact),
        allocated: rounded(reason.exact),
      });
    case 'share':
      return t(reason.cappedUnits > 0 ? 'reason.shareAfterCaps' : 'reason.share', {
        label,
        remaining: qty(reason.remaining),
        weight: num(reason.weight),
        weightTotal: num(reason.weightTotal),
        exact: exact(reason.exact),
        allocated: rounded(reason.exact),
        capped: num(reason.cappedUnits),
      });
    case 'capped':
      return t('reason.capped', { label, need, pack, exact: packSize ? `${exact(reason.exact)} ${packUnit}` : exact(reason.exact) });
    case 'zeroWeight':
      return t('reason.zeroWeight', { label, weightName: t(`weightName.${round.basis}`) });
    case 'higherTierShort':
      return t('reason.higherTierShort', { label, need, shortTier: t(`label.${reason.shortTier}`) });
  }
}

/** A plan's line in words (what the grid, the tooltip and the override dialog show). */
export function planLineReason(plan: Pick<Plan, 'params' | 'items'>, line: PlanLine, i18n: i18n): string {
  return describeReason(
    {
      itemId: line.itemId,
      tier: line.tier,
      onHand: line.onHand,
      dailyNeed: line.dailyNeed,
      minimumNeed: line.minimumNeed,
      inTransit: line.pending,
      need: line.need,
      claim: line.claim,
      allocated: line.computed,
      topUp: line.topUp,
      reason: line.why,
    },
    { coverDays: plan.params.coverDays, basis: plan.params.basis, items: plan.items },
    i18n,
  );
}
