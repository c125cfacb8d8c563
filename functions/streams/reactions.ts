import type { AuditArchive } from '../adapters/archive/audit-archive.js';
import { COMPLAINT_EVENT_TYPE, COMPLAINT_TYPE } from '../adapters/dynamodb/complaint-repository.js';
import { RATING_TYPE } from '../adapters/dynamodb/submission-repository.js';
import type { CustomerNotifier } from '../adapters/notifier/customer-notifier.js';
import type { Dependencies } from '../dependencies.js';
import type { Notifier } from '../domain/notifier.js';
import { archiveAuditEvents } from './archive-audit-events.js';
import { deliverNotifications, NOTIFYING_ITEM_TYPES } from './deliver-notifications.js';
import { markStaleRollups } from './mark-stale-rollups.js';
import type { AnyStreamReaction } from './process-stream.js';

/**
 * Every reaction to table changes; the Lambda stream handler and the local poller run this list.
 * With an audit archive, every complaint event is archived first (AWS: the Object Lock bucket;
 * locally: a folder under DATA_DIR).
 */
export function streamReactions(
  deps: Dependencies,
  notifier: Notifier,
  customers: CustomerNotifier,
  archive?: AuditArchive,
): AnyStreamReaction[] {
  return [
    ...(archive ? [archiveAuditEvents(archive)] : []),
    deliverNotifications(deps, notifier, customers),
    markStaleRollups(deps),
  ];
}

/**
 * The changes any reaction cares about, in two event sources (infra/stream.ts builds each one's
 * filter from these), so nothing else (a rollup, a limit, a marker) ever invokes the function.
 *
 * The complaints' source: every inserted complaint event passes, with or without notifications
 * (the archive needs them all), and every complaint inserted or changed (its days go stale).
 */
export const STREAM_TRIGGERS = [
  {
    eventName: 'INSERT',
    itemTypes: [...new Set([COMPLAINT_EVENT_TYPE, ...NOTIFYING_ITEM_TYPES, COMPLAINT_TYPE])],
  },
  { eventName: 'MODIFY', itemTypes: [COMPLAINT_TYPE] },
] as const;

/**
 * The ratings' source: a rating stored or given details only marks its outlet-day stale, so it
 * is read in large batches on its own, never delaying a complaint's notification (nor delayed
 * by one that is being retried).
 */
export const RATING_TRIGGERS = [
  { eventName: 'INSERT', itemTypes: [RATING_TYPE] },
  { eventName: 'MODIFY', itemTypes: [RATING_TYPE] },
] as const;
