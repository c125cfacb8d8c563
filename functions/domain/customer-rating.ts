import type { Complaint, ComplaintEvent } from './complaint.js';
import { reopen } from './lifecycle/transitions.js';

/**
 * The customer's verdict on a resolved complaint: satisfied closes it; unsatisfied reopens it to
 * its owner and escalates it to head office (the owner stays accountable until the customer is
 * satisfied: 首问负责制).
 */
export type RatingOutcome =
  | { ok: true; complaint: Complaint; event: Omit<ComplaintEvent, 'trackingNo' | 'seq'> }
  | { ok: false; reason: string };

export function rateResolution(
  complaint: Complaint,
  verdict: { satisfied: boolean; comment?: string | undefined },
  now: Date,
  timeZone: string,
): RatingOutcome {
  if (complaint.status !== 'resolved') {
    return { ok: false, reason: 'Only a resolved complaint can be rated' };
  }
  const at = now.toISOString();
  const satisfaction = { satisfied: verdict.satisfied, comment: verdict.comment, at };
  const before = { status: complaint.status };
  if (verdict.satisfied) {
    return {
      ok: true,
      complaint: {
        ...complaint,
        status: 'closed',
        satisfaction,
        closedAt: at,
        version: complaint.version + 1,
      },
      event: {
        at,
        action: 'closed',
        actor: { kind: 'customer' },
        public: true,
        detail: { reason: 'customer-satisfied' },
        before,
        after: { status: 'closed' },
      },
    };
  }
  const reopened: Complaint = { ...complaint, satisfaction, version: complaint.version + 1 };
  reopen(reopened, now, timeZone);
  return {
    ok: true,
    complaint: reopened,
    event: {
      at,
      action: 'reopened',
      actor: { kind: 'customer' },
      public: true,
      detail: { reason: 'customer-unsatisfied', comment: verdict.comment, dueAt: reopened.dueAt },
      before,
      after: { status: 'reopened', escalated: true, dueAt: reopened.dueAt },
    },
  };
}
