import type { Dependencies } from '../dependencies.js';
import { addDays, localDate } from '../domain/calendar.js';
import { datesBetween, daysOf, periodOf, periodsBetween } from '../domain/statistics/periods.js';
import { type RollupProgress, RollupService, workOfStale } from '../services/rollups.js';
import { WarningService } from '../services/warnings.js';

/**
 * Outlet-days one refresh (or close) recomputes at most, oldest marks first: a backlog (after an
 * outage of the stream, say) is worked off over several runs, each within the function's time.
 */
export const MAX_STALE_OUTLET_DAYS_PER_RUN = 20_000;

/**
 * Every 15 minutes: the outlet-days marked stale since the last run (a rating stored, a
 * complaint received or moved on; see streams/mark-stale-rollups.ts), and what holds them. One
 * Query when nothing changed; otherwise the work follows the outlet-days that changed, not the
 * outlets that exist.
 */
export async function rollUpToday(deps: Dependencies) {
  const { staleRollups } = deps.repositories;
  const marks = await staleRollups.pending(MAX_STALE_OUTLET_DAYS_PER_RUN);
  const result = await new RollupService(deps).rollUpStale(marks.flatMap((m) => m.days));
  // Only the marks read: a batch marked meanwhile is another item, left for the next run.
  await staleRollups.clear(marks);
  return { ...result, marks: marks.length };
}

/**
 * Daily at 00:30 in the bank's time zone: yesterday's statistics of every outlet, final (read
 * again from all their records), and today's first figures of every outlet (today's stock of
 * overdue complaints counts all of them, whatever happens at each today), with any stale
 * outlet-days of earlier dates; and when yesterday was the last day of a week or a month, that
 * period's early warnings.
 */
export async function closeDay(deps: Dependencies) {
  const { staleRollups } = deps.repositories;
  const today = localDate(deps.now(), deps.config.TIME_ZONE);
  const yesterday = addDays(today, -1);
  const marks = await staleRollups.pending(MAX_STALE_OUTLET_DAYS_PER_RUN);
  const stale = workOfStale(marks.flatMap((m) => m.days));
  const marked = (date: string) => stale.find((w) => w.date === date)?.outlets ?? new Map();
  const rolled = await new RollupService(deps).run([
    ...stale.filter((w) => w.date !== yesterday && w.date !== today),
    // Yesterday from all its records, final.
    { date: yesterday, outlets: new Map(), others: 'all' },
    // Today's stock of overdue complaints at every outlet; its ratings so far as rolled up
    // (read again where marked stale).
    { date: today, outlets: marked(today), others: 'complaints' },
  ]);
  await staleRollups.clear(marks);
  const warnings = new WarningService(deps);
  const closed = [];
  for (const granularity of ['week', 'month'] as const) {
    const period = periodOf(yesterday, granularity);
    if (daysOf(period, granularity).last === yesterday)
      closed.push(await warnings.closePeriod(granularity, period));
  }
  return { ...rolled, marks: marks.length, closed };
}

/**
 * Recomputes every day from `from` to `to` (and their weeks and months), then closes each week
 * and month that ended within the range, raising any warning not raised yet. Rerunning a range
 * rewrites the same figures and raises nothing twice.
 */
export async function recomputeRange(
  deps: Dependencies,
  from: string,
  to: string,
  progress?: RollupProgress,
) {
  const result = await new RollupService(deps).rollUp(datesBetween(from, to), progress);
  const yesterday = addDays(localDate(deps.now(), deps.config.TIME_ZONE), -1);
  const warnings = new WarningService(deps);
  const closed = [];
  for (const granularity of ['week', 'month'] as const) {
    for (const period of periodsBetween(from, to, granularity)) {
      const { first, last } = daysOf(period, granularity);
      if (first >= from && last <= to && last <= yesterday)
        closed.push(await warnings.closePeriod(granularity, period));
    }
  }
  return { days: result.days.length, outletDays: result.outletDays, closed };
}
