import type { TFunction } from 'i18next';
import type { Briefing, StatsSummary, Tally } from '../../../shared/contract/ledger.ts';
import type { Locale } from '../../../shared/domain.ts';
import { i18nFor } from '../../../shared/i18n/index.ts';

const tr = (locale: Locale): TFunction => i18nFor(locale).t;

const number = (n: number) => n.toLocaleString('en-US');

/**
 * The briefing (通报) in official wording, e.g.
 *   截至4月10日18时，市本级储备库累计接收物资32种215,430件，其中上级调拨…、捐赠…；累计拨付物资…，
 *   其中向方舱医院拨付床及床上用品类物资9,200件，…；共完成入库71笔、出库306笔。其中当日…。
 * Every number comes from the statistics; only parts above zero are named, largest first.
 * "N种" is left out where there is a single kind, as the command center writes it.
 */
export function briefingText(s: StatsSummary, locale: Locale, lines: Briefing['lines'] = []): string {
  const t = tr(locale);
  const tally = (x: Tally) => (x.kinds > 1 ? t('briefing.kindsPieces', { kinds: number(x.kinds), pieces: number(x.pieces) }) : t('briefing.pieces', { pieces: number(x.pieces) }));
  const byPieces = <T extends Tally>(list: readonly T[]) => list.filter((x) => x.pieces > 0).sort((a, b) => b.pieces - a.pieces);
  const c = s.cumulative;

  const at = new Date(s.at);
  const minute = at.getMinutes();
  const date = t(minute === 0 ? 'briefing.asOfDate' : 'briefing.asOfDateMinutes', {
    month: locale === 'en' ? at.toLocaleString('en-GB', { month: 'long' }) : at.getMonth() + 1,
    day: at.getDate(),
    hour: locale === 'en' ? String(at.getHours()).padStart(2, '0') : at.getHours(),
    minute: String(minute).padStart(2, '0'),
  });

  let received = c.received.total.pieces > 0 ? t('briefing.received', { depot: s.depotName, tally: tally(c.received.total) }) : t('briefing.receivedNone', { depot: s.depotName });
  const sources = byPieces(c.received.bySource);
  if (sources.length > 0) {
    received += t('briefing.clauseSep') + t('briefing.including', { list: sources.map((x) => t('briefing.sourcePart', { name: t(`sourceType.${x.sourceType}`), tally: tally(x) })).join(t('briefing.listSep')) });
  }

  let dispatched = c.dispatched.total.pieces > 0 ? t('briefing.dispatched', { tally: tally(c.dispatched.total) }) : t('briefing.dispatchedNone');
  // Goods lost in transit (no unit type) count in the total but were delivered to no one.
  const unitTypes = byPieces(c.dispatched.byUnitType.filter((u) => u.unitType !== null));
  if (unitTypes.length > 0) {
    const parts = unitTypes.map((u) => {
      const categories = byPieces(c.dispatched.byUnitTypeCategory.filter((x) => x.unitType === u.unitType));
      const list = categories.map((x) => t('briefing.categoryPart', { category: t(`category.${x.category}`), tally: tally(x) })).join(t('briefing.listSep'));
      return t('briefing.toUnitType', { unitType: t(`unitType.${u.unitType}`), list });
    });
    dispatched += t('briefing.clauseSep') + t('briefing.including', { list: parts.join(t('briefing.unitTypeSep')) });
  }

  const documents = t('briefing.documents', { inbound: number(c.documents.inbound), outbound: number(c.documents.outbound) });
  const d = s.today;
  const today = t('briefing.today', {
    received: tally(d.received.total),
    dispatched: tally(d.dispatched.total),
    inbound: number(d.documents.inbound),
    outbound: number(d.documents.outbound),
  });
  // Yesterday's postings undone today are said as 红冲, not as negative receipts or dispatches.
  const r = d.reversedEarlier;
  const reversed = [
    r.inbound.documents > 0 ? t('briefing.reversedInbound', { n: number(r.inbound.documents), tally: tally(r.inbound) }) : '',
    r.outbound.documents > 0 ? t('briefing.reversedOutbound', { n: number(r.outbound.documents), tally: tally(r.outbound) }) : '',
  ].filter(Boolean);
  const todayText = reversed.length > 0 ? today + t('briefing.clauseSep') + reversed.join(t('briefing.listSep')) : today;
  const end = t('briefing.end');
  const space = locale === 'en' ? ' ' : '';
  // The whole depot's dispatches per category, then the command center's own lines, each a sentence of its own.
  const categories = byPieces(c.dispatched.byCategory);
  const byCategory =
    categories.length > 0
      ? `${space}${t('briefing.byCategory', { list: categories.map((x) => t('briefing.categoryPart', { category: t(`category.${x.category}`), tally: tally(x) })).join(t('briefing.listSep')) })}${end}`
      : '';
  // Written off (报损) is no dispatch: said apart, only when there is any.
  const writtenOff = c.writtenOff.pieces > 0 ? `${space}${t('briefing.writtenOff', { tally: tally(c.writtenOff) })}${end}` : '';
  const own = lines.length > 0 ? `${space}${lines.map((l) => (locale === 'en' ? l.en : l.zh)).join(t('briefing.partSep'))}${end}` : '';
  return `${t('briefing.asOf', { date })}${t('briefing.clauseSep')}${received}${t('briefing.partSep')}${dispatched}${t('briefing.partSep')}${documents}${end}${space}${todayText}${end}${byCategory}${writtenOff}${own}`;
}

export function briefing(s: StatsSummary, locale: Locale, lines: Briefing['lines'] = []): Briefing {
  const zh = briefingText(s, 'zh-CN', lines);
  const en = briefingText(s, 'en', lines);
  return { at: s.at, text: locale === 'en' ? en : zh, zh, en, summary: s, lines };
}
