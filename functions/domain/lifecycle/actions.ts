import type { ComplaintStatus } from '../complaint.js';

/**
 * What staff (and the platform itself) can do to a complaint. Each action is validated at the
 * HTTP edge with zod; the state machine in transitions.ts decides whether it may happen now.
 */
export type StaffAction =
  | { type: 'accept' }
  | { type: 'transfer'; toDepartment: string; reason: string }
  | { type: 'note'; text: string }
  | { type: 'contact'; channel: 'call' | 'sms'; summary: string }
  | { type: 'reveal-phone' }
  | { type: 'extend'; days: 30 | 60; reason: string }
  | { type: 'approve-extension'; note?: string | undefined }
  | { type: 'decline-extension'; reason: string }
  | { type: 'resolve'; decision: string; rootCause: string; correctiveAction: string }
  | { type: 'reopen'; reason: string }
  | { type: 'close'; reason: string }
  | { type: 'follow-up'; reached: boolean; summary: string }
  | { type: 'refer' };

export type ActionType = StaffAction['type'];

/**
 * How the one acting stands to this complaint:
 * - `handler`: staff of the department working it now (after a transfer, the receiving one);
 * - `owner-department`: staff of the first-contact owner's department, which stays accountable;
 * - `head-office`: oversight, approvals and reviews;
 * - `system`: the time-limit sweeper.
 */
export type Standing = 'handler' | 'owner-department' | 'head-office' | 'system';

export interface Actor {
  standing: Standing;
  username: string;
  displayName: string;
  /** The department the actor acts for (staff), absent for head office and the system. */
  departmentId?: string | undefined;
  /** The role the actor used, as written in the audit trail (`dept:cards`, `head-office`, `system`). */
  role: string;
}

const OPEN: ComplaintStatus[] = ['assigned', 'accepted', 'reopened'];
const IN_HAND: ComplaintStatus[] = ['accepted', 'reopened'];
const NOT_CLOSED: ComplaintStatus[] = ['assigned', 'accepted', 'reopened', 'resolved'];
const ALL: ComplaintStatus[] = [...NOT_CLOSED, 'closed'];

/**
 * The lifecycle table: who may take each action, and from which states. Guards that depend on
 * more than the state (recusal, extension rules, the 7-day auto-close) live in transitions.ts.
 */
export const actionRules: Record<ActionType, { by: readonly Standing[]; from: readonly ComplaintStatus[] }> =
  {
    accept: { by: ['handler'], from: ['assigned'] },
    // Head office transfers only a complaint referred to it (the guard in transitions.ts).
    transfer: { by: ['handler', 'head-office'], from: OPEN },
    note: { by: ['handler', 'owner-department', 'head-office'], from: NOT_CLOSED },
    contact: { by: ['handler', 'owner-department'], from: NOT_CLOSED },
    'reveal-phone': { by: ['handler', 'owner-department', 'head-office'], from: ALL },
    extend: { by: ['handler'], from: IN_HAND },
    'approve-extension': { by: ['head-office'], from: OPEN },
    'decline-extension': { by: ['head-office'], from: OPEN },
    resolve: { by: ['handler'], from: IN_HAND },
    reopen: { by: ['head-office'], from: ['resolved', 'closed'] },
    close: { by: ['head-office', 'system'], from: ['resolved'] },
    'follow-up': { by: ['handler', 'owner-department'], from: ['resolved', 'closed'] },
    // Only a handler named in the complaint, who may do nothing else to it (the guard in transitions.ts).
    refer: { by: ['handler'], from: OPEN },
  };

export const actionTypes = Object.keys(actionRules) as ActionType[];
