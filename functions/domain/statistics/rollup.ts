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

/** One outlet's day, from its raw records. */
export function outletDayRollup(input: OutletDayInput): Omit<Rollup, 'computedAt'> {
  const ratings = input.ratings.reduce(addRating, emptyRatingTotals());
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
  const lowRatings = input.ratings
    .filter((r) => r.rating <= 2 && r.comment)
    .map((r) => ({
      receivedAt: r.receivedAt,
      outletId: input.outlet.id,
      rating: r.rating,
      comment: r.comment ?? '',
    }));
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
  return {
    scope: 'outlet',
    id: input.outlet.id,
    granularity: 'day',
    period: input.date,
    regionId: input.outlet.regionId,
    ratings,
    complaints,
    byDepartment,
    lowRatings: newest(lowRatings, LOW_RATINGS_KEPT),
    majorComplaints: newest(majorComplaints, MAJOR_COMPLAINTS_KEPT),
  };
}

type Figures = Pick<Rollup, 'ratings' | 'complaints' | 'lowRatings' | 'majorComplaints'>;

/**
 * Outlets' rollups of the same period summed into their region's, or the bank's: every count
 * adds up, the stock too (it is taken at the same instant for all of them).
 */
export function sumOfOutlets(rollups: readonly Figures[]): Figures & { outlets: number } {
  return { ...sum(rollups, 'add'), outlets: rollups.length };
}

/**
 * Consecutive days (oldest first) summed into their week or month: every flow adds up; the
 * stock is the last day's, the state at the period's end.
 */
export function sumOfDays(days: readonly Figures[]): Figures {
  return sum(days, 'later');
}

/** One department's complaint figures of a day: its entries in every outlet-day summed. */
export function departmentDay(
  outletDays: readonly Pick<Rollup, 'byDepartment'>[],
  departmentId: string,
): ComplaintTotals {
  return outletDays
    .map((d) => d.byDepartment?.[departmentId])
    .filter((t): t is ComplaintTotals => t !== undefined)
    .reduce((a, b) => sumComplaintTotals(a, b, 'add'), emptyComplaintTotals());
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

function newest<T extends { receivedAt: string }>(items: T[], keep: number): T[] {
  return [...items].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt)).slice(0, keep);
}
