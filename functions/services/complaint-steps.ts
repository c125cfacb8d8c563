import type { StoredEvent } from '../adapters/dynamodb/complaint-repository.js';
import type { Dependencies } from '../dependencies.js';
import type { Complaint } from '../domain/complaint.js';
import { complaintNotice } from '../domain/complaint-notifications.js';
import { customerNotice } from '../domain/customer-notices.js';
import type { PendingEvent } from '../domain/lifecycle/transitions.js';
import { noticeContext } from './complaint-intake.js';

/**
 * Stores one lifecycle step: the changed complaint and its audit event, with the notifications
 * the event causes, in one conditional transaction on the version as read. The stream delivers
 * the notifications afterwards (the outbox). False when someone else changed the complaint first.
 */
export async function recordStep(
  deps: Dependencies,
  read: Complaint,
  step: { complaint: Complaint; event: PendingEvent; notify: string[] },
): Promise<StoredEvent | undefined> {
  // Intake writes events 0 and 1 at version 1, and every step adds one event and one version, so
  // the new version numbers the event: unique, in order, and known without reading the timeline.
  const seq = step.complaint.version;
  const eventId = `${step.event.action}-${seq}`;
  const toCustomer = customerNotice(step.complaint, step.event, eventId, noticeContext(deps, step.complaint));
  const event: StoredEvent = {
    ...step.event,
    trackingNo: step.complaint.trackingNo,
    seq,
    notifications: [
      ...step.notify.map((topic) =>
        complaintNotice(step.complaint, topic, step.event.action, deps.config.PUBLIC_BASE_URL, eventId),
      ),
      ...(toCustomer ? [toCustomer] : []),
    ],
  };
  const stored = await deps.repositories.complaints.update(step.complaint, read.version, [event]);
  return stored ? event : undefined;
}
