import type { AuditArchive } from '../adapters/archive/audit-archive.js';
import { COMPLAINT_EVENT_TYPE, COMPLAINT_TYPE } from '../adapters/dynamodb/complaint-repository.js';
import type { CustomerNotifier } from '../adapters/notifier/customer-notifier.js';
import type { Dependencies } from '../dependencies.js';
import type { Notifier } from '../domain/notifier.js';
import { archiveAuditEvents } from './archive-audit-events.js';
import { deliverNotifications, NOTIFYING_ITEM_TYPES } from './deliver-notifications.js';
import { markStaleRollups } from './mark-stale-rollups.js';
import type { StreamReaction } from './process-stream.js';

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
): StreamReaction[] {
  return [
    ...(archive ? [archiveAuditEvents(archive)] : []),
    deliverNotifications(deps, notifier, customers),
    markStaleRollups(deps),
  ];
}

/**
 * The changes any reaction cares about: the stream event source's filter is built from this
 * (infra/stream.ts), so nothing else (a rating, a rollup, a limit) ever invokes the function.
 * Every inserted complaint event passes, with or without notifications: the archive needs them all.
 */
export const STREAM_TRIGGERS = [
  { eventName: 'INSERT', itemTypes: [...new Set([COMPLAINT_EVENT_TYPE, ...NOTIFYING_ITEM_TYPES])] },
  { eventName: 'MODIFY', itemTypes: [COMPLAINT_TYPE] },
] as const;
