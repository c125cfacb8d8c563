import type { Complaint, ComplaintEvent, StaffRef } from '../complaint.js';
import { type Message, type MessageKey, message } from '../messages.js';
import {
  AUTO_CLOSE_AFTER_DAYS,
  DEFAULT_TIME_LIMIT_DAYS,
  dueDate,
  FOLLOW_UP_WITHIN_DAYS,
} from '../time-limits.js';
import { type ActionType, type Actor, actionRules, actionTypes, type StaffAction } from './actions.js';
import { isRecused } from './recusal.js';

export interface LifecycleContext {
  now: Date;
  timeZone: string;
  /** The configurable list a resolution's root cause must come from. */
  rootCauses: readonly string[];
  departmentIds: readonly string[];
  /**
   * Traditional Chinese to Simplified (OpenCC), so a name written in either script matches the
   * other in recusal (`徐麗` is `徐丽`). Loaded on first use by the service that needs it; without
   * it, names match as written.
   */
  toSimplified?: ((text: string) => string) | undefined;
}

/** An audit event before it is numbered and stored. */
export type PendingEvent = Omit<ComplaintEvent, 'trackingNo' | 'seq'>;

export type Refusal =
  | { error: 'forbidden'; message: Message }
  | { error: 'conflict'; message: Message; allowed: ActionType[] }
  | { error: 'validation'; message: Message; fields: Record<string, Message> };

export type Outcome =
  | {
      ok: true;
      complaint: Complaint;
      event: PendingEvent;
      /** Topics (department ids, `head-office`, `alerts`) told about this step. */
      notify: string[];
    }
  | ({ ok: false } & Refusal);

/**
 * The complaint lifecycle: assigned → accepted → resolved → closed, with reopened, and the flags
 * overdue, escalated and extended. Pure: it takes the complaint as last read and returns the
 * complaint as it should be stored with the audit event that records the step, or why not.
 */
export function applyAction(
  complaint: Complaint,
  action: StaffAction,
  actor: Actor,
  ctx: LifecycleContext,
): Outcome {
  const refusal = guard(complaint, action.type, actor, ctx);
  if (refusal) return { ok: false, ...refusal };
  const at = ctx.now.toISOString();
  const next: Complaint = { ...complaint, version: complaint.version + 1 };
  const step = (
    eventName: string,
    options: { public: boolean; detail?: Record<string, unknown>; notify?: string[] },
  ): Outcome => ({
    ok: true,
    complaint: next,
    event: {
      at,
      action: eventName,
      actor: {
        kind: actor.standing === 'system' ? 'system' : 'staff',
        username: actor.username,
        displayName: actor.displayName,
        role: actor.role,
      },
      public: options.public,
      detail: options.detail ?? {},
      before: snapshot(complaint),
      after: snapshot(next),
    },
    notify: options.notify ?? stakeholders(next, actor),
  });

  switch (action.type) {
    case 'accept':
      next.status = 'accepted';
      // The first receiver (a staff entry) stays the owner; otherwise the first to accept becomes it.
      next.owner = complaint.owner ?? staffRef(actor);
      return step('accepted', {
        public: true,
        detail: { becameOwner: complaint.owner === undefined },
        notify: stakeholders(next, actor),
      });

    case 'transfer': {
      if (!ctx.departmentIds.includes(action.toDepartment))
        return invalid({ toDepartment: message('field.department.unknown') });
      if (action.toDepartment === complaint.handlingDepartmentId)
        return invalid({ toDepartment: message('field.department.same') });
      next.handlingDepartmentId = action.toDepartment;
      next.referral = undefined;
      return step('transferred', {
        public: true,
        detail: {
          departmentId: action.toDepartment,
          fromDepartmentId: complaint.handlingDepartmentId,
          reason: action.reason,
          dueAt: complaint.dueAt,
        },
        notify: unique([action.toDepartment, complaint.owner?.departmentId]),
      });
    }

    case 'note':
      return step('noted', { public: false, detail: { text: action.text } });

    case 'contact':
      return step('contacted', {
        public: false,
        detail: { channel: action.channel, summary: action.summary },
      });

    case 'reveal-phone':
      return step('phone-revealed', { public: false, notify: [] });

    case 'extend': {
      if (action.days === 30) {
        if (complaint.timeLimitDays >= 30) return invalid({ days: message('field.extend.ask60') });
        extendTo(next, 30, ctx);
        return step('extended', {
          public: true,
          detail: { days: 30, dueAt: next.dueAt, reason: action.reason },
        });
      }
      next.extensionRequest = {
        days: 60,
        reason: action.reason,
        requestedBy: staffRef(actor),
        requestedAt: at,
      };
      return step('extension-requested', {
        public: false,
        detail: { days: 60, reason: action.reason },
        notify: ['head-office'],
      });
    }

    case 'approve-extension': {
      const request = complaint.extensionRequest;
      if (!request) throw new Error('guarded: an extension request is waiting');
      extendTo(next, request.days, ctx);
      next.extensionRequest = undefined;
      return step('extended', {
        public: true,
        detail: { days: request.days, dueAt: next.dueAt, reason: request.reason, note: action.note },
      });
    }

    case 'decline-extension':
      next.extensionRequest = undefined;
      return step('extension-declined', { public: false, detail: { reason: action.reason } });

    case 'resolve': {
      if (!ctx.rootCauses.includes(action.rootCause))
        return invalid({ rootCause: message('field.rootCause') });
      next.status = 'resolved';
      next.resolution = {
        decision: action.decision,
        rootCause: action.rootCause,
        correctiveAction: action.correctiveAction,
        resolvedAt: at,
        resolvedBy: staffRef(actor),
        dueAt: complaint.dueAt,
      };
      next.extensionRequest = undefined;
      // 回访: the owner calls the customer back within a few days, whatever the customer's verdict.
      next.followUp = { dueAt: dueDate(ctx.now, FOLLOW_UP_WITHIN_DAYS, ctx.timeZone).toISOString() };
      return step('resolved', {
        public: true,
        detail: {
          decision: action.decision,
          rootCause: action.rootCause,
          correctiveAction: action.correctiveAction,
        },
      });
    }

    case 'reopen':
      reopen(next, ctx.now, ctx.timeZone);
      return step('reopened', {
        public: true,
        detail: { reason: action.reason, dueAt: next.dueAt },
        notify: unique([complaint.handlingDepartmentId, complaint.owner?.departmentId]),
      });

    case 'follow-up':
      next.followUp = {
        ...(complaint.followUp ?? { dueAt: at }),
        doneAt: at,
        by: staffRef(actor),
        reached: action.reached,
        summary: action.summary,
      };
      return step('followed-up', {
        public: false,
        detail: { reached: action.reached, summary: action.summary },
      });

    case 'refer':
      next.referral = { by: staffRef(actor), at };
      return step('referred', { public: false, notify: ['head-office'] });

    case 'close':
      next.status = 'closed';
      next.closedAt = at;
      return step('closed', {
        public: true,
        detail: { reason: action.reason },
        notify: actor.standing === 'system' ? [] : stakeholders(next, actor),
      });
  }
}

/** The actions `actor` may take on `complaint` right now (what the inbox offers as buttons). */
export function allowedActions(complaint: Complaint, actor: Actor, ctx: LifecycleContext): ActionType[] {
  return actionTypes.filter((type) => !check(complaint, type, actor, ctx));
}

/**
 * A complaint the customer was not satisfied with (or head office reopened for review) gets a
 * fresh standard time limit from now: the review is a new handling period, and the old due
 * date, long gone, must not mark it overdue at once.
 */
export function reopen(complaint: Complaint, now: Date, timeZone: string): void {
  complaint.status = 'reopened';
  complaint.followUp = undefined;
  complaint.flags = { ...complaint.flags, escalated: true, overdue: false };
  complaint.dueAt = dueDate(now, DEFAULT_TIME_LIMIT_DAYS, timeZone).toISOString();
  complaint.closedAt = undefined;
  complaint.reopenedAt = now.toISOString();
}

type Check =
  | { error: 'forbidden'; message: Message }
  | { error: 'conflict'; message: Message; reason: Message }
  | undefined;

/** Why `type` may not happen now, naming the actions that may (for the 409's message). */
function guard(
  complaint: Complaint,
  type: ActionType,
  actor: Actor,
  ctx: LifecycleContext,
): Refusal | undefined {
  const problem = check(complaint, type, actor, ctx);
  if (!problem || problem.error === 'forbidden') return problem;
  const allowed = allowedActions(complaint, actor, ctx);
  const allowedNames = allowed.length
    ? allowed.map((a) => message(`action.${a}`))
    : [message('conflict.transition.none')];
  return {
    error: 'conflict',
    message: message('conflict.transition', {
      status: message(`state.${complaint.status}`),
      action: message(`action.${type}`),
      reason: problem.reason,
      allowed: allowedNames,
    }),
    allowed,
  };
}

function check(complaint: Complaint, type: ActionType, actor: Actor, ctx: LifecycleContext): Check {
  const rule = actionRules[type];
  const conflict = (key: MessageKey) => ({
    error: 'conflict' as const,
    message: message(key),
    reason: message(key),
  });
  // Before the table: whatever the state, a named staff member does nothing to this complaint but
  // hand it to head office to assign (when everyone who could act on it is named, it would stall).
  const recused = actor.standing !== 'system' && isRecused(complaint.staffInvolved, actor, ctx.toSimplified);
  if (recused && type !== 'refer') return { error: 'forbidden', message: message('forbidden.recused') };
  if (!recused && type === 'refer')
    return { error: 'forbidden', message: message('forbidden.referOnlyNamed') };
  if (!rule.by.includes(actor.standing))
    return {
      error: 'forbidden',
      message: message('forbidden.action', { action: message(`action.${type}`) }),
    };
  if (!rule.from.includes(complaint.status)) return conflict('conflict.notNow');
  if (type === 'extend') {
    if (complaint.flags.overdue || ctx.now.getTime() >= Date.parse(complaint.dueAt))
      return conflict('conflict.deadlinePassed');
    if (complaint.extensionRequest) return conflict('conflict.extensionWaiting');
    if (complaint.timeLimitDays >= 60) return conflict('conflict.extensionMax');
  }
  if (type === 'follow-up' && (!complaint.followUp || complaint.followUp.doneAt))
    return conflict('conflict.noFollowUp');
  if ((type === 'approve-extension' || type === 'decline-extension') && !complaint.extensionRequest)
    return conflict('conflict.noExtensionRequest');
  if (type === 'transfer' && actor.standing === 'head-office' && !complaint.referral)
    return conflict('conflict.notReferred');
  if (type === 'refer' && complaint.referral) return conflict('conflict.alreadyReferred');
  if (type === 'close' && actor.standing === 'system') {
    const resolvedAt = Date.parse(complaint.resolution?.resolvedAt ?? '');
    if (!(ctx.now.getTime() - resolvedAt >= AUTO_CLOSE_MS)) return conflict('conflict.customerMayRate');
  }
  return undefined;
}

const AUTO_CLOSE_MS = AUTO_CLOSE_AFTER_DAYS * 86_400_000;

function invalid(fields: Record<string, Message>): Outcome {
  return { ok: false, error: 'validation', message: message('fields.invalid'), fields };
}

function extendTo(complaint: Complaint, days: number, ctx: LifecycleContext): void {
  complaint.timeLimitDays = days;
  complaint.dueAt = dueDate(new Date(complaint.receivedAt), days, ctx.timeZone).toISOString();
  complaint.flags = { ...complaint.flags, extended: true };
}

function staffRef(actor: Actor): StaffRef {
  return { username: actor.username, displayName: actor.displayName, departmentId: actor.departmentId ?? '' };
}

/** The departments involved (working it, owning it), except the actor's own: they know already. */
function stakeholders(complaint: Complaint, actor: Actor): string[] {
  return unique([complaint.handlingDepartmentId, complaint.owner?.departmentId]).filter(
    (d) => d !== actor.departmentId,
  );
}

function unique(values: (string | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => Boolean(v)))];
}

/** What an audit event records as "before" and "after": the fields the lifecycle changes. */
function snapshot(c: Complaint): Record<string, unknown> {
  return {
    status: c.status,
    handlingDepartmentId: c.handlingDepartmentId,
    owner: c.owner?.username,
    dueAt: c.dueAt,
    timeLimitDays: c.timeLimitDays,
    flags: { ...c.flags },
    version: c.version,
  };
}
