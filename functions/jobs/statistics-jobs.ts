import type { Dependencies } from '../dependencies.js';
import { addDays, localDate } from '../domain/calendar.js';
import { datesBetween, daysOf, periodOf, periodsBetween } from '../domain/statistics/periods.js';
import { type RollupProgress, RollupService } from '../services/rollups.js';
import { WarningService } from '../services/warnings.js';

/**
 * Every 15 minutes: today's statistics, and any earlier outlet-day whose complaints changed
 * since it was rolled up (a late resolution or verdict changes its period's rates).
 */
export async function rollUpToday(deps: Dependencies) {
  const today = localDate(deps.now(), deps.config.TIME_ZONE);
  return rollUpWithStale(deps, [today], { onlyChanged: true });
}

/**
 * Daily at 00:30 in the bank's time zone: yesterday's statistics, final; and when yesterday was
 * the last day of a week or a month, that period's early warnings.
 */
export async function closeDay(deps: Dependencies) {
  const yesterday = addDays(localDate(deps.now(), deps.config.TIME_ZONE), -1);
  const rolled = await rollUpWithStale(deps, [yesterday]);
  const warnings = new WarningService(deps);
  const closed = [];
  for (const granularity of ['week', 'month'] as const) {
    const period = periodOf(yesterday, granularity);
    if (daysOf(period, granularity).last === yesterday)
      closed.push(await warnings.closePeriod(granularity, period));
  }
  return { ...rolled, closed };
}

async function rollUpWithStale(deps: Dependencies, days: string[], options: { onlyChanged?: boolean } = {}) {
  const { staleRollups } = deps.repositories;
  const stale = await staleRollups.all();
  const result = await new RollupService(deps).rollUp(
    [...days, ...stale.map((s) => s.date)],
    undefined,
    options,
  );
  await Promise.all(stale.map((s) => staleRollups.clear(s)));
  return { ...result, staleDays: stale.length };
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
