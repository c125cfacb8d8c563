import type { AuditArchive } from '../adapters/archive/audit-archive.js';
import { COMPLAINT_EVENT_TYPE } from '../adapters/dynamodb/complaint-repository.js';
import type { StreamReaction } from './process-stream.js';

/**
 * Every audit event of a complaint, as it is inserted, is also written to the audit archive,
 * where it cannot be changed or deleted. Events are only ever inserted (a step adds one, never
 * edits one), so an INSERT is the whole trail. The archive's key is the event's own, so a retried
 * record finds its object there and nothing is written twice. It runs before the notifications:
 * a record whose archiving fails is retried before anyone is told of the step.
 */
export function archiveAuditEvents(archive: AuditArchive): StreamReaction {
  return {
    name: 'archive-audit-events',
    matches: (change) => change.eventName === 'INSERT' && change.newItem?.type === COMPLAINT_EVENT_TYPE,
    async handle(change) {
      const item = change.newItem ?? {};
      await archive.store({
        trackingNo: String(item.trackingNo),
        seq: Number(item.seq),
        at: String(item.at),
        item,
      });
    },
  };
}
