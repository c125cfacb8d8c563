import { FeedbackRepository } from '../adapters/dynamodb/feedback-repository.js';
import { OutletRepository } from '../adapters/dynamodb/outlet-repository.js';
import { RollupRepository } from '../adapters/dynamodb/rollup-repository.js';
import type { Dependencies } from '../dependencies.js';
import { addDays, localDate } from '../domain/calendar.js';
import { addFeedback, emptyTotals } from '../domain/feedback-rollup.js';

/**
 * Recomputes the outlet-day rollups of the given days (default: yesterday and today in the
 * bank's time zone, so late details on yesterday's ratings are counted). Each outlet-day is one
 * Query and one Put, and rerunning overwrites: idempotent, and its cost grows with outlets × days.
 */
export async function rollupFeedback(deps: Dependencies, dates?: readonly string[]) {
  const today = localDate(deps.now(), deps.config.TIME_ZONE);
  const days = dates ?? [addDays(today, -1), today];
  const outlets = await new OutletRepository(deps.table).list();
  const feedback = new FeedbackRepository(deps.table);
  const rollups = new RollupRepository(deps.table);
  let written = 0;
  for (const outlet of outlets) {
    for (const date of days) {
      const records = await feedback.listDay(outlet.id, date);
      await rollups.putOutletDay({
        outletId: outlet.id,
        regionId: outlet.regionId,
        date,
        feedback: records.reduce(addFeedback, emptyTotals()),
        computedAt: deps.now().toISOString(),
      });
      written++;
    }
  }
  return { outlets: outlets.length, days, written };
}
