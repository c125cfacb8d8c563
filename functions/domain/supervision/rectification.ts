import { dueDate } from '../time-limits.js';

/**
 * 限期整改: every failed item of an inspection becomes a task for the outlet's manager, due by its
 * severity (a red line in 3 days, anything else in 15: the bank's to configure), counted like
 * complaint time limits in calendar days of the bank's time zone to the end of the last day. The
 * manager answers with a note and a photo; the inspector (or the region's team) accepts it or
 * sends it back with a reason, and it is open again under the same due date. Before the due date
 * the sweeper reminds once; a breach is reported once to the region and head office (督办). An
 * item that fails again at the next inspection of the same outlet is marked repeated (屡查屡犯).
 */
export type RectificationStatus = 'open' | 'submitted' | 'accepted';

export interface RectificationDeadlines {
  /** Days to put right a red-line finding. */
  redLineDays: number;
  /** Days to put right any other finding. */
  otherDays: number;
  /** The manager is reminded this many days before the due date. */
  remindBeforeDays: number;
}

export const DEFAULT_RECTIFICATION_DEADLINES: RectificationDeadlines = {
  redLineDays: 3,
  otherDays: 15,
  remindBeforeDays: 1,
};

export interface Rectification {
  id: string;
  inspectionId: string;
  outletId: string;
  regionId: string;
  itemId: string;
  redLine: boolean;
  /** The same item failed at the outlet's previous inspection too. */
  repeated: boolean;
  foundAt: string;
  dueAt: string;
  status: RectificationStatus;
  /** The manager's answer: what was done, and its proof. */
  answer?: { note: string; photo?: string | undefined; by: string; at: string } | undefined;
  /** Why the last answer was sent back. */
  returned?: { reason: string; by: string; at: string } | undefined;
  acceptedAt?: string | undefined;
  acceptedBy?: string | undefined;
  remindedAt?: string | undefined;
  escalatedAt?: string | undefined;
  /** When the sweeper next owes it something (`nextAlertAt`); absent once it owes nothing. */
  alertAt?: string | undefined;
  version: number;
}

/** When a finding made at `foundAt` must be put right. */
export function rectificationDue(
  foundAt: Date,
  redLine: boolean,
  deadlines: RectificationDeadlines,
  timeZone: string,
): Date {
  return dueDate(foundAt, redLine ? deadlines.redLineDays : deadlines.otherDays, timeZone);
}

export type RectificationAction =
  | { type: 'answer'; note: string; photo?: string | undefined }
  | { type: 'accept' }
  | { type: 'return'; reason: string };

export type RectificationRefusal = 'notNow' | 'notYours';

/** Who acts on a task: the outlet's manager answers it, an inspector of its reach reviews it. */
export type RectificationActor = { role: 'manager' | 'reviewer'; username: string };

export type RectificationOutcome =
  | { ok: true; task: Rectification }
  | { ok: false; refusal: RectificationRefusal };

/**
 * The task's one lifecycle: open → (answer) → submitted → accepted, or back to open with the
 * reason (return). A manager only answers; a reviewer only accepts or returns.
 */
export function actOnRectification(
  task: Rectification,
  action: RectificationAction,
  actor: RectificationActor,
  now: Date,
): RectificationOutcome {
  const at = now.toISOString();
  const next = { ...task, version: task.version + 1 };
  switch (action.type) {
    case 'answer':
      if (actor.role !== 'manager') return { ok: false, refusal: 'notYours' };
      if (task.status !== 'open') return { ok: false, refusal: 'notNow' };
      return {
        ok: true,
        task: {
          ...next,
          status: 'submitted',
          answer: { note: action.note, photo: action.photo, by: actor.username, at },
        },
      };
    case 'accept':
      if (actor.role !== 'reviewer') return { ok: false, refusal: 'notYours' };
      if (task.status !== 'submitted') return { ok: false, refusal: 'notNow' };
      return { ok: true, task: { ...next, status: 'accepted', acceptedAt: at, acceptedBy: actor.username } };
    case 'return':
      if (actor.role !== 'reviewer') return { ok: false, refusal: 'notYours' };
      if (task.status !== 'submitted') return { ok: false, refusal: 'notNow' };
      return {
        ok: true,
        task: { ...next, status: 'open', returned: { reason: action.reason, by: actor.username, at } },
      };
  }
}

/** Whether a task was put right by its due date: accepted, and its accepted answer given in time. */
export function rectifiedOnTime(task: Rectification): boolean {
  return task.status === 'accepted' && task.answer !== undefined && task.answer.at <= task.dueAt;
}

/**
 * What the sweeper owes a task now: a reminder before the due date, a breach report after it;
 * each once. A task answered and waiting for review owes nothing: the manager acted in time, and
 * a return after the due date opens it past due, to be reported then.
 */
export function rectificationAlert(
  task: Rectification,
  now: Date,
  deadlines: RectificationDeadlines,
): 'remind' | 'escalate' | undefined {
  if (task.status !== 'open') return undefined;
  const due = Date.parse(task.dueAt);
  if (now.getTime() > due) return task.escalatedAt ? undefined : 'escalate';
  if (task.remindedAt) return undefined;
  return now.getTime() >= due - deadlines.remindBeforeDays * 86_400_000 ? 'remind' : undefined;
}

/**
 * When the sweeper next owes a task something: its reminder, then (past the due date) its breach
 * report; nothing for a task answered or accepted, or once both were sent. What `rectificationAlert`
 * decides at that instant, so the sweeper reads only the tasks it has work for.
 */
export function nextAlertAt(task: Rectification, deadlines: RectificationDeadlines): string | undefined {
  if (task.status !== 'open') return undefined;
  const due = Date.parse(task.dueAt);
  if (!task.remindedAt && !task.escalatedAt)
    return new Date(due - deadlines.remindBeforeDays * 86_400_000).toISOString();
  if (!task.escalatedAt) return new Date(due + 1).toISOString();
  return undefined;
}

/** The items failed at an inspection that had failed at the outlet's previous one too (屡查屡犯). */
export function repeatedItems(failedNow: readonly string[], failedLastTime: readonly string[]): Set<string> {
  const before = new Set(failedLastTime);
  return new Set(failedNow.filter((id) => before.has(id)));
}
