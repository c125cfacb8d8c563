import {
  addComplaint,
  type ComplaintFacts,
  type ComplaintTotals,
  emptyComplaintTotals,
  isOpenOverdueAt,
  isResolved,
  sumComplaintTotals,
} from './complaint-totals.js';
import type { Granularity } from './periods.js';
import {
  addRating,
  emptyRatingTotals,
  type RatedFeedback,
  type RatingTotals,
  sumRatingTotals,
} from './rating-totals.js';

/** What a rollup sums over: one outlet, a region's outlets, the whole bank, or one department's complaints. */
export const SCOPES = ['outlet', 'region', 'bank', 'department'] as const;
export type Scope = (typeof SCOPES)[number];
/** The id of the one bank scope. */
export const BANK = 'bank';

/** A rating of 1 or 2 that came with a comment: what head office reads first. */
export interface LowRating {
  receivedAt: string;
  outletId: string;
  rating: number;
  comment: string;
}

/** A major complaint of the period, for the monthly report. */
export interface MajorComplaint {
  trackingNo: string;
  outletId: string;
  category: string;
  status: string;
  departmentId: string;
  receivedAt: string;
  rootCause?: string | undefined;
}

/** The figures of one scope in one period: sums and counts only, and short lists. */
export interface Rollup {
  scope: Scope;
  id: string;
  granularity: Granularity;
  period: string;
  /** For an outlet: its region (rankings filter by it). */
  regionId?: string | undefined;
  ratings: RatingTotals;
  complaints: ComplaintTotals;
  /** For an outlet-day: its complaints by the department handling them, which department rollups sum. */
  byDepartment?: Record<string, ComplaintTotals> | undefined;
  /** The latest low ratings with comments, newest first. */
  lowRatings: LowRating[];
  /** The period's major complaints, newest first. */
  majorComplaints: MajorComplaint[];
  /** How many outlet rollups went into it (regions, the bank). */
  outlets?: number | undefined;
  computedAt: string;
}

export const LOW_RATINGS_KEPT = 10;
export const MAJOR_COMPLAINTS_KEPT = 50;

export interface OutletDayInput {
  outlet: { id: string; regionId: string };
  date: string;
  /** The ratings the figures count (a device's repeats already left out), with what they said. */
  ratings: readonly (RatedFeedback & { receivedAt: string })[];
  /**
   * The outlet's complaints that may matter to this day: those received on it, and any received
   * before that may still have been open at its end.
   */
  complaints: readonly ComplaintFacts[];
  /** The day's first and last instants (ISO), in the bank's time zone. */
  dayStart: string;
  dayEnd: string;
  /** Now: the stock of a day not over yet is taken now, not at its end. */
  now: string;
}

/** What an outlet-day's ratings say: their totals and the low ratings with comments. */
export type OutletDayRatings = Pick<Rollup, 'ratings' | 'lowRatings'>;
/** What an outlet-day's complaints say: the day's cohort, the stock at its end, per department. */
export type OutletDayComplaints = Pick<Rollup, 'complaints' | 'byDepartment' | 'majorComplaints'>;

/** One outlet's day, from its raw records. */
export function outletDayRollup(input: OutletDayInput): Omit<Rollup, 'computedAt'> {
  return {
    scope: 'outlet',
    id: input.outlet.id,
    granularity: 'day',
    period: input.date,
    regionId: input.outlet.regionId,
    ...outletDayRatings(input),
    ...outletDayComplaints(input),
  };
}

/**
 * The ratings half of an outlet-day. A refresh that knows only the outlet's ratings changed
 * recomputes this half and keeps the stored complaints half, which no rating can change.
 */
export function outletDayRatings(input: Pick<OutletDayInput, 'outlet' | 'ratings'>): OutletDayRatings {
  const lowRatings = input.ratings
    .filter((r) => r.rating <= 2 && r.comment)
    .map((r) => ({
      receivedAt: r.receivedAt,
      outletId: input.outlet.id,
      rating: r.rating,
      comment: r.comment ?? '',
    }));
  return {
    ratings: input.ratings.reduce(addRating, emptyRatingTotals()),
    lowRatings: newest(lowRatings, LOW_RATINGS_KEPT),
  };
}

/** The complaints half of an outlet-day: its cohort's flows, the overdue stock, per department. */
export function outletDayComplaints(
  input: Omit<OutletDayInput, 'outlet' | 'date' | 'ratings'>,
): OutletDayComplaints {
  const received = input.complaints.filter(
    (c) => c.receivedAt >= input.dayStart && c.receivedAt <= input.dayEnd,
  );
  // ISO instants compare as strings: the earlier of now and the day's end.
  const [stockAt = input.dayEnd] = [input.now, input.dayEnd].sort();
  const byDepartment: Record<string, ComplaintTotals> = {};
  const forDepartment = (id: string) => {
    byDepartment[id] ??= emptyComplaintTotals();
    return byDepartment[id];
  };
  let complaints = emptyComplaintTotals();
  for (const c of received) {
    complaints = addComplaint(complaints, c);
    byDepartment[c.departmentId] = addComplaint(forDepartment(c.departmentId), c);
  }
  for (const c of input.complaints) {
    if (!isOpenOverdueAt(c, stockAt)) continue;
    complaints.openOverdue++;
    forDepartment(c.departmentId).openOverdue++;
  }
  const majorComplaints = received
    .filter((c) => c.severity === 'major')
    .map((c) => ({
      trackingNo: c.trackingNo,
      outletId: c.outletId,
      category: c.category,
      status: c.status,
      departmentId: c.departmentId,
      receivedAt: c.receivedAt,
      rootCause: isResolved(c) ? c.rootCause : undefined,
    }));
  return { complaints, byDepartment, majorComplaints: newest(majorComplaints, MAJOR_COMPLAINTS_KEPT) };
}

type Figures = Pick<Rollup, 'ratings' | 'complaints' | 'lowRatings' | 'majorComplaints'>;

/**
 * Outlets' days of one date summed into their region's day: every count adds up, the stock too
 * (it is taken at the same instant for all of them), and so do their entries per department, so
 * that a department's day is a sum of region-days rather than of every outlet-day.
 */
export function sumOfOutlets(
  rollups: readonly (Figures & Pick<Rollup, 'byDepartment'>)[],
): Figures & { outlets: number; byDepartment: Record<string, ComplaintTotals> } {
  const byDepartment: Record<string, ComplaintTotals> = {};
  for (const rollup of rollups) {
    for (const [id, totals] of Object.entries(rollup.byDepartment ?? {}))
      byDepartment[id] = sumComplaintTotals(byDepartment[id] ?? emptyComplaintTotals(), totals, 'add');
  }
  return { ...sum(rollups, 'add'), outlets: rollups.length, byDepartment };
}

/** Regions' days of one date summed into the bank's day: figures and outlets add up. */
export function sumOfRegions(rollups: readonly (Figures & Pick<Rollup, 'outlets'>)[]): Figures & {
  outlets: number;
} {
  return { ...sum(rollups, 'add'), outlets: rollups.reduce((n, r) => n + (r.outlets ?? 0), 0) };
}

/**
 * Consecutive days (oldest first) summed into their week or month: every flow adds up; the
 * stock is the last day's, the state at the period's end.
 */
export function sumOfDays(days: readonly Figures[]): Figures {
  return sum(days, 'later');
}

/** One department's complaint figures of a day: its entries in every outlet-day (or region-day) summed. */
export function departmentDay(
  days: readonly Pick<Rollup, 'byDepartment'>[],
  departmentId: string,
): ComplaintTotals {
  return days
    .map((d) => d.byDepartment?.[departmentId])
    .filter((t): t is ComplaintTotals => t !== undefined)
    .reduce((a, b) => sumComplaintTotals(a, b, 'add'), emptyComplaintTotals());
}

/** One department's major complaints of a day, the newest first, from the days' lists. */
export function departmentMajorComplaints(
  days: readonly Pick<Rollup, 'majorComplaints'>[],
  departmentId: string,
): MajorComplaint[] {
  return newest(
    days.flatMap((d) => d.majorComplaints.filter((c) => c.departmentId === departmentId)),
    MAJOR_COMPLAINTS_KEPT,
  );
}

function sum(items: readonly Figures[], stock: 'add' | 'later'): Figures {
  let ratings = emptyRatingTotals();
  let complaints = emptyComplaintTotals();
  const lowRatings: LowRating[] = [];
  const majorComplaints: MajorComplaint[] = [];
  for (const item of items) {
    ratings = sumRatingTotals(ratings, item.ratings);
    complaints = sumComplaintTotals(complaints, item.complaints, stock);
    lowRatings.push(...item.lowRatings);
    majorComplaints.push(...item.majorComplaints);
  }
  return {
    ratings,
    complaints,
    lowRatings: newest(lowRatings, LOW_RATINGS_KEPT),
    majorComplaints: newest(majorComplaints, MAJOR_COMPLAINTS_KEPT),
  };
}

/**
 * The newest `keep` items, newest first. Equal instants are ordered by what the item is (its
 * outlet and comment, or its tracking number), so a list comes out the same whichever order its
 * parts were summed in: a region summed in one go and one summed outlet by outlet agree.
 */
function newest<T extends LowRating | MajorComplaint>(items: readonly T[], keep: number): T[] {
  const identity = (item: T) =>
    'trackingNo' in item ? item.trackingNo : `${item.outletId}\u0000${item.rating}\u0000${item.comment}`;
  return [...items]
    .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt) || compareText(identity(a), identity(b)))
    .slice(0, keep);
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
