import type { Complaint } from '../complaint.js';
import { AUTO_CLOSE_AFTER_DAYS, REMINDER_BEFORE_DUE_DAYS } from '../time-limits.js';
import type { Actor } from './actions.js';
import { applyAction, type LifecycleContext, type Outcome } from './transitions.js';

const DAY_MS = 86_400_000;

export const SWEEPER: Actor = {
  standing: 'system',
  username: 'time-limit-sweeper',
  displayName: 'Time-limit sweeper',
  role: 'system',
};

/** The topic head office watches for breaches (the alerts topic). */
export const ALERTS_TOPIC = 'alerts';

/** How far ahead of now the sweeper must look to find every complaint it may act on. */
export const SWEEP_HORIZON_MS = REMINDER_BEFORE_DUE_DAYS * DAY_MS;

/**
 * What the time-limit sweeper does with one complaint now, if anything: remind the owner's
 * department 2 days before the due date, mark a breach and alert head office once it has passed,
 * or close a resolution the customer never rated after 7 days. Each happens once per complaint
 * and due date however often the sweeper runs: the complaint remembers the due date it reminded
 * about and the one it reported breached (an extension or a review brings a new due date, and so
 * a new reminder).
 */
export function sweepComplaint(complaint: Complaint, ctx: LifecycleContext): Outcome | undefined {
  const now = ctx.now.getTime();
  const due = Date.parse(complaint.dueAt);
  const alerts = complaint.timeLimitAlerts ?? {};
  const open =
    complaint.status === 'assigned' || complaint.status === 'accepted' || complaint.status === 'reopened';
  const accountable = complaint.owner?.departmentId ?? complaint.handlingDepartmentId;
  const at = ctx.now.toISOString();

  if (open && now >= due && alerts.breachedFor !== complaint.dueAt) {
    const next: Complaint = {
      ...complaint,
      flags: { ...complaint.flags, overdue: true },
      timeLimitAlerts: { ...alerts, breachedFor: complaint.dueAt },
      version: complaint.version + 1,
    };
    return systemStep(complaint, next, at, 'overdue', { dueAt: complaint.dueAt, accountable }, [
      ALERTS_TOPIC,
      accountable,
      complaint.handlingDepartmentId,
    ]);
  }
  if (open && now < due && now >= due - SWEEP_HORIZON_MS && alerts.remindedFor !== complaint.dueAt) {
    const next: Complaint = {
      ...complaint,
      timeLimitAlerts: { ...alerts, remindedFor: complaint.dueAt },
      version: complaint.version + 1,
    };
    return systemStep(complaint, next, at, 'due-soon', { dueAt: complaint.dueAt }, [
      accountable,
      complaint.handlingDepartmentId,
    ]);
  }
  const followUp = complaint.followUp;
  if (followUp && !followUp.doneAt && !followUp.remindedAt && now >= Date.parse(followUp.dueAt)) {
    const next: Complaint = {
      ...complaint,
      followUp: { ...followUp, remindedAt: at },
      version: complaint.version + 1,
    };
    return systemStep(complaint, next, at, 'follow-up-due', { dueAt: followUp.dueAt }, [accountable]);
  }
  const resolvedAt = Date.parse(complaint.resolution?.resolvedAt ?? '');
  if (complaint.status === 'resolved' && now - resolvedAt >= AUTO_CLOSE_AFTER_DAYS * DAY_MS) {
    return applyAction(complaint, { type: 'close', reason: 'no-rating-within-7-days' }, SWEEPER, ctx);
  }
  return undefined;
}

function systemStep(
  before: Complaint,
  after: Complaint,
  at: string,
  action: string,
  detail: Record<string, unknown>,
  topics: string[],
): Outcome {
  return {
    ok: true,
    complaint: after,
    event: {
      at,
      action,
      actor: { kind: 'system', username: SWEEPER.username, displayName: SWEEPER.displayName, role: 'system' },
      public: false,
      detail,
      before: { flags: before.flags, timeLimitAlerts: before.timeLimitAlerts ?? {}, version: before.version },
      after: { flags: after.flags, timeLimitAlerts: after.timeLimitAlerts, version: after.version },
    },
    notify: [...new Set(topics)],
  };
}
