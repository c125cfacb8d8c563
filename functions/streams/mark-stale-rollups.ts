import { COMPLAINT_TYPE } from '../adapters/dynamodb/complaint-repository.js';
import type { Dependencies } from '../dependencies.js';
import { localDate } from '../domain/calendar.js';
import type { StreamReaction } from './process-stream.js';

/**
 * A complaint's statistics belong to the day it was received (its cohort): when it is resolved,
 * rated, reopened or moved later, that day's figures, and its week's and month's, are out of
 * date. This marks the outlet-day; the next rollup recomputes it. Today's days need no mark:
 * today is recomputed every 15 minutes anyway.
 */
export function markStaleRollups(deps: Dependencies): StreamReaction {
  return {
    name: 'mark-stale-rollups',
    matches: (change) => change.eventName === 'MODIFY' && change.newItem?.type === COMPLAINT_TYPE,
    async handle(change) {
      const item = change.newItem ?? {};
      const { TIME_ZONE } = deps.config;
      const received = localDate(new Date(String(item.receivedAt)), TIME_ZONE);
      if (received >= localDate(deps.now(), TIME_ZONE)) return;
      await deps.repositories.staleRollups.mark(received, String(item.outletId), deps.now());
    },
  };
}
