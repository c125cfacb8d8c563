import { COMPLAINT_TYPE } from '../adapters/dynamodb/complaint-repository.js';
import { RATING_TYPE } from '../adapters/dynamodb/submission-repository.js';
import type { Dependencies } from '../dependencies.js';
import { localDate } from '../domain/calendar.js';
import type { Complaint } from '../domain/complaint.js';
import { complaintFacts, isOpenOverdueAt } from '../domain/statistics/complaint-totals.js';
import type { StaleOutletDay } from '../domain/statistics/stale-outlet-days.js';
import type { BatchedStreamReaction, ChangedItem } from './process-stream.js';

/**
 * The refresh every 15 minutes recomputes only the outlet-days marked here, so every change that
 * alters an outlet-day's figures marks it, once per stream batch (one write for the batch):
 * - a rating stored, or its details added: its own outlet-day, ratings only;
 * - a complaint received or moved on (accepted, resolved, rated, reopened, transferred, breached):
 *   the day it was received (its cohort's rates belong there), and today's outlet-day when the
 *   complaint is, or was until now, open and overdue (today's stock of overdue complaints).
 * Earlier days' stock is taken at their end and does not change with a later step.
 */
export function markStaleRollups(deps: Dependencies): BatchedStreamReaction {
  return {
    name: 'mark-stale-rollups',
    matches: (change) =>
      (change.eventName === 'INSERT' || change.eventName === 'MODIFY') &&
      (change.newItem?.type === RATING_TYPE || change.newItem?.type === COMPLAINT_TYPE),
    collect() {
      const days: StaleOutletDay[] = [];
      return {
        add: (change) => days.push(...staleDaysOf(change, deps)),
        flush: async () => {
          if (days.length > 0) await deps.repositories.staleRollups.mark(days, deps.now());
        },
      };
    },
  };
}

function staleDaysOf(change: ChangedItem, deps: Dependencies): StaleOutletDay[] {
  const item = change.newItem ?? {};
  const outletId = String(item.outletId);
  if (item.type === RATING_TYPE) return [{ date: String(item.date), outletId, changed: 'ratings' }];
  const { TIME_ZONE } = deps.config;
  const now = deps.now();
  const received = localDate(new Date(String(item.receivedAt)), TIME_ZONE);
  const today = localDate(now, TIME_ZONE);
  const overdueNow = (complaint: Record<string, unknown> | undefined) =>
    complaint !== undefined &&
    isOpenOverdueAt(complaintFacts(complaint as unknown as Complaint), now.toISOString());
  const inTodaysStock = today !== received && (overdueNow(change.oldItem) || overdueNow(change.newItem));
  return [
    { date: received, outletId, changed: 'complaints' },
    ...(inTodaysStock ? [{ date: today, outletId, changed: 'complaints' as const }] : []),
  ];
}
