import type { Complaint, ComplaintEvent } from './complaint.js';
import { reopen } from './lifecycle/transitions.js';

/**
 * The customer's verdict on a resolved complaint:
 * - `satisfied`: closed, counted as satisfied;
 * - `review`: not satisfied, and the customer asks for a review: reopened to its owner (who stays
 *   accountable until the customer is satisfied: 首问负责制) and escalated to head office;
 * - `close-unsatisfied`: not satisfied, but the customer does not want it looked at again:
 *   closed, counted as unsatisfied (the 满意率 must count it honestly).
 */
export const VERDICTS = ['satisfied', 'review', 'close-unsatisfied'] as const;
export type Verdict = (typeof VERDICTS)[number];

export type RatingOutcome =
  | { ok: true; complaint: Complaint; event: Omit<ComplaintEvent, 'trackingNo' | 'seq'> }
  | { ok: false; reason: 'not-resolved' };

export function rateResolution(
  complaint: Complaint,
  input: { verdict: Verdict; comment?: string | undefined },
  now: Date,
  timeZone: string,
): RatingOutcome {
  if (complaint.status !== 'resolved') {
    return { ok: false, reason: 'not-resolved' };
  }
  const at = now.toISOString();
  const satisfaction = {
    satisfied: input.verdict === 'satisfied',
    verdict: input.verdict,
    comment: input.comment,
    at,
  };
  const before = { status: complaint.status };
  if (input.verdict !== 'review') {
    const reason = input.verdict === 'satisfied' ? 'customer-satisfied' : 'customer-unsatisfied';
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
        detail: { reason, verdict: input.verdict, comment: input.comment },
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
      detail: {
        reason: 'customer-review',
        verdict: input.verdict,
        comment: input.comment,
        dueAt: reopened.dueAt,
      },
      before,
      after: { status: 'reopened', escalated: true, dueAt: reopened.dueAt },
    },
  };
}
