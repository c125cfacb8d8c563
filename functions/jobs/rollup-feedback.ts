import type { Dependencies } from '../dependencies.js';
import { addDays, localDate } from '../domain/calendar.js';
import { addFeedback, countedRatings, emptyTotals } from '../domain/feedback-rollup.js';
import { endOfLocalDay } from '../domain/time-limits.js';

/**
 * Recomputes the outlet-day rollups of the given days (default: yesterday and today in the
 * bank's time zone, so late details on yesterday's ratings are counted). Each outlet-day is one
 * Query of its ratings (and one of the previous day's last window, for a device's repeat across
 * midnight) and one Put; rerunning overwrites: idempotent, its cost grows with outlets × days.
 */
export async function rollupFeedback(deps: Dependencies, dates?: readonly string[]) {
  const { outlets, ratings, rollups } = deps.repositories;
  const { TIME_ZONE, RATE_LIMIT_DEVICE_MINUTES } = deps.config;
  const windowMs = RATE_LIMIT_DEVICE_MINUTES * 60_000;
  const today = localDate(deps.now(), TIME_ZONE);
  const days = dates ?? [addDays(today, -1), today];
  const all = await outlets.list();
  let written = 0;
  for (const outlet of all) {
    for (const date of days) {
      const dayStart = endOfLocalDay(addDays(date, -1), TIME_ZONE).getTime() + 1;
      const [records, before] = await Promise.all([
        ratings.outletDay(outlet.id, date),
        ratings.outletDay(outlet.id, addDays(date, -1), new Date(dayStart - windowMs).toISOString()),
      ]);
      await rollups.putOutletDay({
        outletId: outlet.id,
        regionId: outlet.regionId,
        date,
        feedback: countedRatings(records, windowMs, before).reduce(addFeedback, emptyTotals()),
        computedAt: deps.now().toISOString(),
      });
      written++;
    }
  }
  return { outlets: all.length, days, written };
}
