import type { Complaint } from '../complaint.js';

/**
 * Head office's bank-wide views of the complaints not closed yet: the major ones (重大投诉), those
 * the customer or head office reopened, the overdue ones, the 60-day extension requests waiting
 * for head office's decision, and those referred to it to assign because their handlers are named
 * in them (回避).
 */
export const oversightViews = ['major', 'reopened', 'overdue', 'extension-requests', 'referred'] as const;
export type OversightView = (typeof oversightViews)[number];

export function inOversightView(view: OversightView, c: Complaint, now: Date): boolean {
  if (c.status === 'closed') return false;
  switch (view) {
    case 'major':
      return c.severity === 'major';
    case 'reopened':
      return c.status === 'reopened';
    case 'overdue':
      return c.status !== 'resolved' && (c.flags.overdue || Date.parse(c.dueAt) <= now.getTime());
    case 'extension-requests':
      return c.extensionRequest !== undefined;
    case 'referred':
      return c.referral !== undefined;
  }
}

/**
 * What an outlet's manager sees of the outlet's complaints: open ones (being handled) or closed
 * ones (decided and done). Resolved complaints waiting for the customer's verdict count as open.
 */
export const outletComplaintStates = ['open', 'closed', 'all'] as const;
export type OutletComplaintState = (typeof outletComplaintStates)[number];

export function inOutletState(state: OutletComplaintState, c: Complaint): boolean {
  if (state === 'all') return true;
  return state === 'closed' ? c.status === 'closed' : c.status !== 'closed';
}
