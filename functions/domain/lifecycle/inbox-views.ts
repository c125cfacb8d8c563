import type { Complaint } from '../complaint.js';
import { REMINDER_BEFORE_DUE_DAYS } from '../time-limits.js';

export const inboxViews = [
  'new',
  'mine',
  'received',
  'due-soon',
  'overdue',
  'transferred',
  'resolved',
  'follow-up',
] as const;
export type InboxView = (typeof inboxViews)[number];

const DAY_MS = 86_400_000;
const isOpen = (c: Complaint) =>
  c.status === 'assigned' || c.status === 'accepted' || c.status === 'reopened';
const isOverdue = (c: Complaint, now: number) => c.flags.overdue || Date.parse(c.dueAt) <= now;

/**
 * Which of a department's complaints each inbox view shows. `complaints` are the department's
 * complaints that are not closed: those it works now and those it owns (accepted first) wherever
 * they are worked, since a missed time limit counts against the owner's department.
 */
export function inInboxView(
  view: InboxView,
  c: Complaint,
  department: string,
  me: string,
  now: Date,
): boolean {
  const handling = c.handlingDepartmentId === department;
  const owning = c.owner?.departmentId === department;
  const t = now.getTime();
  switch (view) {
    case 'new':
      return handling && c.status === 'assigned';
    case 'mine':
      return c.owner?.username === me && c.status !== 'closed';
    case 'received':
      // The complaints I took in myself (hotline, counter, letter, …), followed until closed.
      return c.enteredBy?.username === me && c.status !== 'closed';
    case 'due-soon':
      return (
        handling &&
        isOpen(c) &&
        !isOverdue(c, t) &&
        Date.parse(c.dueAt) - t <= REMINDER_BEFORE_DUE_DAYS * DAY_MS
      );
    case 'overdue':
      return (handling || owning) && isOpen(c) && isOverdue(c, t);
    case 'transferred':
      return c.owner !== undefined && c.status !== 'closed' && handling !== owning;
    case 'resolved':
      return handling && c.status === 'resolved';
    case 'follow-up':
      // The owner calls back; without an owner, the department that resolved it.
      return (
        c.followUp !== undefined && !c.followUp.doneAt && (owning || (handling && c.owner === undefined))
      );
  }
}

/** Due date first (the most urgent on top), then tracking number for a stable order. */
export function byDueDate(a: Complaint, b: Complaint): number {
  return a.dueAt.localeCompare(b.dueAt) || a.trackingNo.localeCompare(b.trackingNo);
}
