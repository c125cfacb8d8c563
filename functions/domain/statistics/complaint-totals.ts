import type { Complaint } from '../complaint.js';

/**
 * What the complaints of a period say. Flows are counted over the complaints *received* in the
 * period (the period's cohort), as the bank's rules define its rates: of the complaints received,
 * how many were resolved (办结率), how many of those on time (按时办结率), how many customers who
 * gave a verdict were satisfied (满意率). A complaint resolved later changes its own period's
 * figures, so those periods are rolled up again. `openOverdue` is a stock, not a flow: the
 * complaints open and past their due date at the period's end, whenever they were received.
 */
export interface ComplaintTotals {
  received: number;
  byCategory: Record<string, number>;
  bySeverity: Record<string, number>;
  byChannel: Record<string, number>;
  /** Decided (resolved or closed) and not reopened. */
  resolved: number;
  /** Resolved no later than the due date in force then. */
  resolvedOnTime: number;
  /** Hours from receipt to decision, summed over the resolved ones. */
  hoursToResolve: number;
  /** Customers who gave a verdict on the handling, and those satisfied. */
  rated: number;
  satisfied: number;
  /** Root causes named by the resolved ones. */
  rootCauses: Record<string, number>;
  /** Complaints routed as recurring (3 or more of a category at an outlet in 30 days), by category. */
  recurring: Record<string, number>;
  /** Open and past their due date at the period's end (or now, for a period not over). */
  openOverdue: number;
}

export function emptyComplaintTotals(): ComplaintTotals {
  return {
    received: 0,
    byCategory: {},
    bySeverity: {},
    byChannel: {},
    resolved: 0,
    resolvedOnTime: 0,
    hoursToResolve: 0,
    rated: 0,
    satisfied: 0,
    rootCauses: {},
    recurring: {},
    openOverdue: 0,
  };
}

/** The facts of a complaint the statistics need, as its record holds them now. */
export interface ComplaintFacts {
  trackingNo: string;
  outletId: string;
  regionId: string;
  departmentId: string;
  category: string;
  severity: string;
  channel: string;
  status: Complaint['status'];
  receivedAt: string;
  dueAt: string;
  resolvedAt?: string | undefined;
  /** The due date in force when it was resolved. */
  dueAtResolution?: string | undefined;
  reopenedAt?: string | undefined;
  rootCause?: string | undefined;
  verdict?: 'satisfied' | 'unsatisfied' | undefined;
  recurring: boolean;
}

/** What the statistics read of a complaint's record: the fields its facts come from. */
export type ComplaintFactsSource = Pick<
  Complaint,
  | 'trackingNo'
  | 'outletId'
  | 'regionId'
  | 'handlingDepartmentId'
  | 'category'
  | 'severity'
  | 'channel'
  | 'status'
  | 'receivedAt'
  | 'dueAt'
  | 'reopenedAt'
> & {
  resolution?: Pick<NonNullable<Complaint['resolution']>, 'resolvedAt' | 'dueAt' | 'rootCause'> | undefined;
  satisfaction?: Pick<NonNullable<Complaint['satisfaction']>, 'satisfied'> | undefined;
  routing: Pick<Complaint['routing'], 'recurring'>;
};

export function complaintFacts(c: ComplaintFactsSource): ComplaintFacts {
  return {
    trackingNo: c.trackingNo,
    outletId: c.outletId,
    regionId: c.regionId,
    departmentId: c.handlingDepartmentId,
    category: c.category,
    severity: c.severity,
    channel: c.channel,
    status: c.status,
    receivedAt: c.receivedAt,
    dueAt: c.dueAt,
    resolvedAt: c.resolution?.resolvedAt,
    dueAtResolution: c.resolution?.dueAt,
    reopenedAt: c.reopenedAt,
    rootCause: c.resolution?.rootCause,
    verdict: c.satisfaction ? (c.satisfaction.satisfied ? 'satisfied' : 'unsatisfied') : undefined,
    recurring: c.routing.recurring,
  };
}

/** Decided and not reopened since. */
export const isResolved = (c: ComplaintFacts) => c.status === 'resolved' || c.status === 'closed';

/** Resolved no later than the due date in force when it was decided. */
export const isResolvedOnTime = (c: ComplaintFacts) =>
  isResolved(c) && c.resolvedAt !== undefined && c.resolvedAt <= (c.dueAtResolution ?? c.dueAt);

/**
 * Whether the complaint was open and past its due date at `instant`: received by then, not yet
 * decided then (or reopened by then), and its due date of that time passed. A complaint reopened
 * more than once is judged by its last decision and reopening.
 */
export function isOpenOverdueAt(c: ComplaintFacts, instant: string): boolean {
  if (c.receivedAt > instant) return false;
  const decidedBy = c.resolvedAt !== undefined && c.resolvedAt <= instant;
  if (c.status === 'reopened' && c.reopenedAt !== undefined && c.reopenedAt <= instant) {
    return c.dueAt < instant; // open again since the reopening, with its new due date
  }
  if (decidedBy) return false;
  if (c.resolvedAt !== undefined) return (c.dueAtResolution ?? c.dueAt) < instant; // decided later
  return c.dueAt < instant; // never decided
}

/** Adds one complaint of the period's cohort (its flows; not `openOverdue`). */
export function addComplaint(t: ComplaintTotals, c: ComplaintFacts): ComplaintTotals {
  const resolved = isResolved(c);
  const hours =
    resolved && c.resolvedAt ? (Date.parse(c.resolvedAt) - Date.parse(c.receivedAt)) / 3_600_000 : 0;
  return {
    received: t.received + 1,
    byCategory: bump(t.byCategory, c.category),
    bySeverity: bump(t.bySeverity, c.severity),
    byChannel: bump(t.byChannel, c.channel),
    resolved: t.resolved + (resolved ? 1 : 0),
    resolvedOnTime: t.resolvedOnTime + (isResolvedOnTime(c) ? 1 : 0),
    hoursToResolve: t.hoursToResolve + hours,
    rated: t.rated + (c.verdict ? 1 : 0),
    satisfied: t.satisfied + (c.verdict === 'satisfied' ? 1 : 0),
    rootCauses: resolved && c.rootCause ? bump(t.rootCauses, c.rootCause) : t.rootCauses,
    recurring: c.recurring ? bump(t.recurring, c.category) : t.recurring,
    openOverdue: t.openOverdue,
  };
}

/**
 * The sum of two totals. `openOverdue` is a stock: summed across outlets at the same instant
 * (`stock: 'add'`), or taken from the later period when days run into a week or month
 * (`stock: 'later'`, with `b` the later one).
 */
export function sumComplaintTotals(
  a: ComplaintTotals,
  b: ComplaintTotals,
  stock: 'add' | 'later',
): ComplaintTotals {
  return {
    received: a.received + b.received,
    byCategory: merge(a.byCategory, b.byCategory),
    bySeverity: merge(a.bySeverity, b.bySeverity),
    byChannel: merge(a.byChannel, b.byChannel),
    resolved: a.resolved + b.resolved,
    resolvedOnTime: a.resolvedOnTime + b.resolvedOnTime,
    hoursToResolve: a.hoursToResolve + b.hoursToResolve,
    rated: a.rated + b.rated,
    satisfied: a.satisfied + b.satisfied,
    rootCauses: merge(a.rootCauses, b.rootCauses),
    recurring: merge(a.recurring, b.recurring),
    openOverdue: stock === 'add' ? a.openOverdue + b.openOverdue : b.openOverdue,
  };
}

const bump = (counts: Record<string, number>, key: string) => ({ ...counts, [key]: (counts[key] ?? 0) + 1 });

function merge(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const out = { ...a };
  for (const [key, n] of Object.entries(b)) out[key] = (out[key] ?? 0) + n;
  return out;
}

/** A rate, or null when nothing was there to measure (never 0, never NaN). */
export const rate = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

/** 办结率: of the complaints received, the share resolved. */
export const completionRate = (t: Pick<ComplaintTotals, 'resolved' | 'received'>) =>
  rate(t.resolved, t.received);
/** 按时办结率: of those resolved, the share resolved by their due date. */
export const onTimeRate = (t: Pick<ComplaintTotals, 'resolvedOnTime' | 'resolved'>) =>
  rate(t.resolvedOnTime, t.resolved);
/** 满意率: customers satisfied with the handling, of those who gave a verdict. */
export const satisfactionRate = (t: ComplaintTotals) => rate(t.satisfied, t.rated);
export const meanHoursToResolve = (t: ComplaintTotals) => rate(t.hoursToResolve, t.resolved);
/** Complaints per 1,000 (counted) ratings. */
export const perThousandRatings = (t: ComplaintTotals, ratings: number) =>
  ratings === 0 ? null : (t.received / ratings) * 1000;
