/**
 * What ratings say, kept as sums and counts (never averages), so totals add up exactly across
 * days, outlets and regions, and every mean or rate is worked out from the sums at the end.
 */
export const ASPECTS = ['environment', 'attitude', 'efficiency', 'professionalism'] as const;
export type Aspect = (typeof ASPECTS)[number];

export interface RatedFeedback {
  rating: number;
  aspects?: Partial<Record<Aspect, number>> | undefined;
  comment?: string | undefined;
}

export interface RatingTotals {
  count: number;
  ratingSum: number;
  /** Ratings 4 and 5: the customers who were satisfied (CSAT's numerator). */
  satisfied: number;
  /** How many ratings of each value; index 0 is rating 1. */
  distribution: [number, number, number, number, number];
  aspects: Record<Aspect, { count: number; sum: number }>;
  /** Ratings that came with a comment. */
  comments: number;
}

export function emptyRatingTotals(): RatingTotals {
  return {
    count: 0,
    ratingSum: 0,
    satisfied: 0,
    distribution: [0, 0, 0, 0, 0],
    aspects: {
      environment: { count: 0, sum: 0 },
      attitude: { count: 0, sum: 0 },
      efficiency: { count: 0, sum: 0 },
      professionalism: { count: 0, sum: 0 },
    },
    comments: 0,
  };
}

export function addRating(totals: RatingTotals, feedback: RatedFeedback): RatingTotals {
  const distribution = [...totals.distribution] as RatingTotals['distribution'];
  distribution[feedback.rating - 1] = (distribution[feedback.rating - 1] ?? 0) + 1;
  const aspects = { ...totals.aspects };
  for (const aspect of ASPECTS) {
    const score = feedback.aspects?.[aspect];
    if (score !== undefined)
      aspects[aspect] = { count: aspects[aspect].count + 1, sum: aspects[aspect].sum + score };
  }
  return {
    count: totals.count + 1,
    ratingSum: totals.ratingSum + feedback.rating,
    satisfied: totals.satisfied + (feedback.rating >= 4 ? 1 : 0),
    distribution,
    aspects,
    comments: totals.comments + (feedback.comment ? 1 : 0),
  };
}

export function sumRatingTotals(a: RatingTotals, b: RatingTotals): RatingTotals {
  const aspects = { ...a.aspects };
  for (const aspect of ASPECTS) {
    aspects[aspect] = {
      count: a.aspects[aspect].count + b.aspects[aspect].count,
      sum: a.aspects[aspect].sum + b.aspects[aspect].sum,
    };
  }
  return {
    count: a.count + b.count,
    ratingSum: a.ratingSum + b.ratingSum,
    satisfied: a.satisfied + b.satisfied,
    distribution: a.distribution.map((n, i) => n + (b.distribution[i] ?? 0)) as RatingTotals['distribution'],
    aspects,
    comments: a.comments + b.comments,
  };
}

/** CSAT: the share of ratings that are 4 or 5, or null when nobody rated. */
export const csat = (t: RatingTotals): number | null => (t.count === 0 ? null : t.satisfied / t.count);
export const meanRating = (t: RatingTotals): number | null => (t.count === 0 ? null : t.ratingSum / t.count);

/** What the repeat rule needs of a stored rating. */
export interface TimedRating {
  receivedAt: string;
  deviceId?: string | undefined;
}

/**
 * The ratings an outlet's figures count. One device may rate an outlet once per window: a
 * rating does not count when the same device rated the same outlet less than `windowMs` before
 * it (the raw records stay; only the figures leave the repeat out). A rating without a deviceId
 * (a browser that keeps no storage) always counts.
 *
 * `day` is one outlet's ratings of one day; `before` are the outlet's ratings of the window just
 * before the day began, so a repeat across midnight is caught too. Both in any order.
 */
export function countedRatings<T extends TimedRating>(
  day: readonly T[],
  windowMs: number,
  before: readonly TimedRating[] = [],
): T[] {
  const last = new Map<string, number>();
  for (const r of [...before].sort(byReceived))
    if (r.deviceId) last.set(r.deviceId, Date.parse(r.receivedAt));
  const counted: T[] = [];
  for (const r of [...day].sort(byReceived)) {
    const at = Date.parse(r.receivedAt);
    const previous = r.deviceId === undefined ? undefined : last.get(r.deviceId);
    if (previous === undefined || at - previous >= windowMs) counted.push(r);
    if (r.deviceId !== undefined) last.set(r.deviceId, at);
  }
  return counted;
}

const byReceived = (a: TimedRating, b: TimedRating) => a.receivedAt.localeCompare(b.receivedAt);
