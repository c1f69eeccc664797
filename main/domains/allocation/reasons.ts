/**
 * A plan line's reason in words, in the reader's language: "足量供给：需求 3 天×500 − 库存 300 =
 * 1,200，全额". Kept apart from the engine so that 300,000 lines cost no strings until someone
 * reads them. Imports only shared/, like the engine.
 */
import type { i18n } from 'i18next';
import type { AllocationReason } from './engine.ts';

const formats = new Map<string, { whole: Intl.NumberFormat; oneDecimal: Intl.NumberFormat }>();

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

export function describeReason(reason: AllocationReason, i18n: i18n): string {
  const t = (key: string, values?: Record<string, string>) => i18n.t(`allocation.${key}`, values ?? {});
  const { whole, oneDecimal } = formatsFor(i18n.language);
  const num = (n: number) => whole.format(n);
  // An exact share shows one decimal unless it is whole, so "555.0" never passes for 555.
  const exact = (n: number) => (Number.isInteger(n) ? whole.format(n) : oneDecimal.format(n));

  const pack = reason.pack;
  const packUnit = pack?.unit ?? t('packUnit');
  /** A quantity of the outcome, which counts packs when rounding to packs. */
  const qty = (n: number) => (pack ? `${num(n)} ${packUnit}` : num(n));
  /** A final amount: with packs, also in base units. */
  const amount = (n: number) => (pack ? t('packQty', { packs: num(n), unit: packUnit, base: num(n * pack.size) }) : num(n));
  /**
   * Largest remainder does not always round to the nearest: 993.5 can become 993 when others'
   * remainders are larger. Say so whenever the shown exact share would round otherwise.
   */
  const rounded = (exactShare: number, allocated: number) => {
    const shown = Math.round(exactShare * 10) / 10;
    return amount(allocated) + (Math.round(shown) === allocated ? '' : t('largestRemainder'));
  };
  const packNote = (claim: number) => (pack ? t('pack', { unit: packUnit, size: num(pack.size), claim: amount(claim) }) : '');

  const exprValues = {
    days: num(reason.coverDays),
    daily: num(reason.dailyNeed),
    onHand: num(reason.onHand),
    inTransit: num(reason.inTransit),
  };
  const expr = t(reason.inTransit > 0 ? 'exprTransit' : 'expr', exprValues);
  const need = t('need', { expr, need: num(reason.need) });
  const label = t(`label.${reason.tier === 'proportional' ? reason.basis : reason.tier}`);
  const minimum = num(reason.minimumNeed);

  switch (reason.kind) {
    case 'noNeed':
      return t('reason.noNeed', { label, expr });
    case 'served': {
      if (reason.tier === 'full') return t('reason.servedFull', { label, need, pack: packNote(reason.claim) });
      if (reason.tier === 'minimum') {
        const claim = num(reason.claim * (pack?.size ?? 1));
        return t('reason.servedMinimum', { label, need, minimum, pack: packNote(reason.claim), claim });
      }
      return t('reason.servedProportional', { label, need, pack: packNote(reason.claim) });
    }
    case 'rationed':
      return t(reason.tier === 'minimum' ? 'reason.rationedMinimum' : 'reason.rationedFull', {
        label,
        need,
        minimum,
        pack: packNote(reason.claim),
        pool: qty(reason.pool),
        claim: num(reason.claim),
        claimTotal: num(reason.claimTotal),
        exact: exact(reason.exact),
        allocated: rounded(reason.exact, reason.allocated),
      });
    case 'share':
      return t(reason.cappedUnits > 0 ? 'reason.shareAfterCaps' : 'reason.share', {
        label,
        remaining: qty(reason.remaining),
        weight: num(reason.weight),
        weightTotal: num(reason.weightTotal),
        exact: exact(reason.exact),
        allocated: rounded(reason.exact, reason.allocated),
        capped: num(reason.cappedUnits),
      });
    case 'capped':
      return t('reason.capped', { label, need, pack: packNote(reason.claim), exact: exact(reason.exact) });
    case 'zeroWeight':
      return t('reason.zeroWeight', { label, weightName: t(`weightName.${reason.basis}`) });
    case 'higherTierShort':
      return t('reason.higherTierShort', { label, need, shortTier: t(`label.${reason.shortTier}`) });
  }
}
