import type { DailyFigures } from '../../../shared/contract/ledger.ts';
import type { Store } from '../../store/db.ts';
import { dayStart, localDay, nextDay, previousDay } from './period.ts';
import { statsTotals } from './stats.ts';

/**
 * The statistics day by day, for the dashboard's lines: each day is the same window the
 * statistics page shows as 今日 (received and dispatched as the briefing counts them); the days,
 * less what later days reversed (红冲), add up to the cumulative figures. Today ends at `at`, like stats.summary's today.
 */
export function dailyFigures(store: Store, at: string, days: number): DailyFigures[] {
  const end = new Date(Date.parse(new Date(at).toISOString()) + 1).toISOString();
  const today = localDay(new Date(at).toISOString());
  const list = [today];
  while (list.length < days) list.unshift(previousDay(list[0]!));
  return list.map((day) => {
    // The window's totals only: the same figures as statsWindow's, without the breakdowns no day shows.
    const w = statsTotals(store, dayStart(day), day === today ? end : dayStart(nextDay(day)));
    return { day, received: w.received, dispatched: w.dispatched, documents: w.documents, reversedEarlier: w.reversedEarlier };
  });
}
