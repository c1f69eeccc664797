import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Plan, StockRow } from '../../../shared/contract/index.ts';
import { CATEGORIES } from '../../../shared/domain.ts';
import { invoke, useQuery } from '../../api.ts';
import { fmtNumber } from '../../widgets/format.ts';
import { Chart, type ChartOption } from './Chart.tsx';
import { useRefreshOnMoves } from './common.ts';
import './ledger.css';
import { LateStrip } from '../supply/LateStrip.tsx';
import { Refusal } from '../../widgets/Refusal.tsx';

const COLORS = { accent: '#2f6690', soft: '#8fb3cf', bad: '#b3261e', out: '#c0782c', grid: '#d5dae0', ink: '#1f2933', inkSoft: '#52606d' };
const KEY_ITEMS = 12;
const TOP_SHORTAGES = 10;
const DAYS = 28;

const GRID = { left: 12, right: 28, top: 36, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' } as const;
/** Horizontal bars carry their value at the end: room on the right for "12,000只". */
const BAR_GRID = { ...GRID, top: 8, right: 76 } as const;
const AXIS_LABEL = { color: COLORS.inkSoft, fontSize: 13 };
const SPLIT = { lineStyle: { color: COLORS.grid } };

/** An item as the days-of-cover chart needs it (the stock rows are per lot and location). */
interface Cover {
  itemId: number;
  label: string;
  unit: string;
  onHand: number;
  days: number;
  belowSafety: boolean;
}

function covers(rows: readonly StockRow[]): Cover[] {
  const byItem = new Map<number, Cover>();
  for (const r of rows) {
    if (r.daysOfCover === null) continue;
    const c = byItem.get(r.itemId) ?? { itemId: r.itemId, label: `${r.itemName} ${r.spec.split(' ')[0] ?? ''}`.trim(), unit: r.unit, onHand: 0, days: r.daysOfCover, belowSafety: r.belowSafety };
    c.onHand += r.onHand;
    byItem.set(r.itemId, c);
  }
  return [...byItem.values()].sort((a, b) => a.days - b.days).slice(0, KEY_ITEMS);
}

/** 看板: stock by category, days of cover of the items that run out first, daily in and out, the latest plan's shortages. */
export function DashboardPage() {
  const { t } = useTranslation();
  const stock = useQuery('stock.list', {});
  const daily = useQuery('stats.daily', { days: DAYS });
  useRefreshOnMoves(daily.refresh);
  const plans = useQuery('allocation.list', {});
  const latest = plans.data?.[0];
  const [plan, setPlan] = useState<Plan | null>(null);
  useEffect(() => {
    let current = true;
    if (!latest?.id) setPlan(null);
    else void invoke('allocation.get', { id: latest.id }).then((r) => current && setPlan(r.ok ? r.data : null));
    return () => {
      current = false;
    };
  }, [latest?.id, latest?.version]);

  const byCategory = useMemo((): ChartOption | null => {
    if (!stock.data) return null;
    const sum = (c: string, f: 'onHand' | 'available') => stock.data!.rows.filter((r) => r.category === c).reduce((n, r) => n + r[f], 0);
    return {
      grid: GRID,
      legend: { top: 0, right: 8, textStyle: AXIS_LABEL },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'category', data: CATEGORIES.map((c) => t(`category.${c}`)), axisLabel: { ...AXIS_LABEL, interval: 0, width: 84, overflow: 'break' } },
      yAxis: { type: 'value', axisLabel: AXIS_LABEL, splitLine: SPLIT },
      series: [
        { type: 'bar', name: t('dashboard.onHand'), data: CATEGORIES.map((c) => sum(c, 'onHand')), itemStyle: { color: COLORS.accent }, barMaxWidth: 36 },
        { type: 'bar', name: t('dashboard.available'), data: CATEGORIES.map((c) => sum(c, 'available')), itemStyle: { color: COLORS.soft }, barMaxWidth: 36 },
      ],
    };
  }, [stock.data, t]);

  const cover = useMemo(() => covers(stock.data?.rows ?? []), [stock.data]);
  const coverOption = useMemo((): ChartOption | null => {
    if (cover.length === 0) return null;
    // Top to bottom: the item that runs out first on top.
    const list = [...cover].reverse();
    return {
      grid: BAR_GRID,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', axisLabel: AXIS_LABEL, splitLine: SPLIT, name: t('dashboard.daysUnit'), nameTextStyle: AXIS_LABEL },
      yAxis: { type: 'category', data: list.map((c) => c.label), axisLabel: { ...AXIS_LABEL, color: COLORS.ink } },
      series: [
        {
          type: 'bar',
          name: t('dashboard.cover'),
          barMaxWidth: 22,
          data: list.map((c) => ({ value: c.days, itemStyle: { color: c.belowSafety ? COLORS.bad : COLORS.accent } })),
          label: { show: true, position: 'right', color: COLORS.ink, formatter: (p) => t('dashboard.days', { n: fmtNumber(p.value as number) }) },
        },
      ],
    };
  }, [cover, t]);

  const dailyOption = useMemo((): ChartOption | null => {
    if (!daily.data) return null;
    return {
      grid: GRID,
      legend: { top: 0, right: 8, textStyle: AXIS_LABEL },
      tooltip: { trigger: 'axis' },
      // A label a week apart, counted back from today (which always has one).
      xAxis: { type: 'category', boundaryGap: false, data: daily.data.map((d) => d.day.slice(5)), axisLabel: { ...AXIS_LABEL, interval: (i: number) => (DAYS - 1 - i) % 7 === 0 } },
      yAxis: { type: 'value', axisLabel: AXIS_LABEL, splitLine: SPLIT },
      series: [
        { type: 'line', name: t('dashboard.received'), data: daily.data.map((d) => d.received.pieces), itemStyle: { color: COLORS.accent }, symbolSize: 6 },
        { type: 'line', name: t('dashboard.dispatched'), data: daily.data.map((d) => d.dispatched.pieces), itemStyle: { color: COLORS.out }, symbolSize: 6 },
      ],
    };
  }, [daily.data, t]);

  const shortages = useMemo(() => (plan?.items ?? []).filter((i) => i.shortfall > 0).sort((a, b) => b.shortfall - a.shortfall).slice(0, TOP_SHORTAGES), [plan]);
  const shortageOption = useMemo((): ChartOption | null => {
    if (shortages.length === 0) return null;
    const list = [...shortages].reverse();
    return {
      grid: BAR_GRID,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', axisLabel: AXIS_LABEL, splitLine: SPLIT },
      // Items of one name differ by code (the sizes of a protective suit).
      yAxis: { type: 'category', data: list.map((i) => `${i.itemName} ${i.itemCode}`), axisLabel: { ...AXIS_LABEL, color: COLORS.ink } },
      series: [
        {
          type: 'bar',
          name: t('dashboard.shortfall'),
          barMaxWidth: 22,
          itemStyle: { color: COLORS.bad },
          data: list.map((i) => i.shortfall),
          label: { show: true, position: 'right', color: COLORS.ink, formatter: (p) => `${fmtNumber(p.value as number)}${list[p.dataIndex]!.unit}` },
        },
      ],
    };
  }, [shortages, t]);

  const error = stock.error ?? daily.error ?? plans.error;
  return (
    <div className="page ledger-page dashboard">
      <div className="toolbar">
        <h2>{t('nav.dashboard')}</h2>
        {stock.data && <span className="soft">{t('dashboard.totals', { onHand: fmtNumber(stock.data.totals.onHand), available: fmtNumber(stock.data.totals.available) })}</span>}
        {error && <Refusal>{error.message}</Refusal>}
      </div>
      <LateStrip />
      <div className="dash-grid">
        <Panel title={t('dashboard.byCategory')} option={byCategory} empty={t('dashboard.noStock')} />
        <Panel
          title={t('dashboard.coverTitle')}
          note={
            <span className="dash-legend">
              <i className="swatch bad" /> {t('dashboard.belowSafety')} <i className="swatch" /> {t('dashboard.aboveSafety')}
            </span>
          }
          option={coverOption}
          empty={t('dashboard.noCover')}
        />
        <Panel title={t('dashboard.dailyTitle', { days: DAYS })} option={dailyOption} empty="" />
        <Panel
          title={t('dashboard.shortageTitle')}
          note={plan && <span className="soft">{t('dashboard.plan', { day: plan.day, revision: plan.revision ?? '', status: t(`dashboard.planStatus.${plan.status}`) })}</span>}
          option={shortageOption}
          empty={plan ? t('dashboard.noShortage') : t('dashboard.noPlan')}
        />
        <ExpiryPanel />
      </div>
    </div>
  );
}

function Panel({ title, note, option, empty }: { title: string; note?: ReactNode; option: ChartOption | null; empty: string }) {
  return (
    <section className="dash-panel" aria-label={title}>
      <header>
        <h3>{title}</h3>
        {note}
      </header>
      {option ? <Chart option={option} label={title} /> : <p className="chart-empty soft">{empty}</p>}
    </section>
  );
}

/**
 * 近效期预警: lots that can still go out and expire within the depot's bands (30/60/90 days),
 * soonest first, each with the unit the latest round left shortest of it — who could use it first.
 */
function ExpiryPanel() {
  const { t } = useTranslation();
  const expiring = useQuery('trace.expiring', {});
  useRefreshOnMoves(expiring.refresh);
  const data = expiring.data;
  const title = t('dashboard.expiryTitle', { bands: data ? data.bands.join('/') : '' });
  return (
    <section className="dash-panel dash-wide" aria-label={t('dashboard.expiryLabel')}>
      <header>
        <h3>{title}</h3>
      </header>
      {!data || data.lots.length === 0 ? (
        <p className="chart-empty soft">{t('dashboard.noExpiring')}</p>
      ) : (
        <div className="dash-table-box">
          <table className="plain dash-expiry">
            <thead>
              <tr>
                <th>{t('dashboard.expiryItem')}</th>
                <th>{t('dashboard.expiryLot')}</th>
                <th className="n">{t('dashboard.expiryDays')}</th>
                <th className="n">{t('dashboard.available')}</th>
                <th>{t('dashboard.expiryUse')}</th>
              </tr>
            </thead>
            <tbody>
              {data.lots.slice(0, 12).map((l) => (
                <tr key={l.lotId} className={`band-${data.bands.indexOf(l.band)}`}>
                  <td>
                    {l.itemName} <span className="soft">{l.itemCode}</span>
                  </td>
                  <td>
                    {l.lotNo} <span className="soft">{l.expiresOn}</span>
                  </td>
                  <td className="n">{t('dashboard.daysLeft', { n: l.days })}</td>
                  <td className="n">
                    {fmtNumber(l.available)}
                    {l.unit}
                  </td>
                  <td>{l.suggestion ? t('dashboard.useFirst', { unit: l.suggestion.unitName, short: `${fmtNumber(l.suggestion.short)}${l.unit}` }) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {data.lots.length > 12 && <p className="soft">{t('dashboard.moreExpiring', { count: data.lots.length - 12 })}</p>}
        </div>
      )}
    </section>
  );
}
