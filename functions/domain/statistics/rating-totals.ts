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
export const csat = (t: Pick<RatingTotals, 'count' | 'satisfied'>): number | null =>
  t.count === 0 ? null : t.satisfied / t.count;
export const meanRating = (t: RatingTotals): number | null => (t.count === 0 ? null : t.ratingSum / t.count);

/** What the counting rules need of a stored rating. */
export interface TimedRating {
  receivedAt: string;
  deviceId?: string | undefined;
  /** A keyed hash of the client address it came from (never the address); absent on old ratings. */
  addressKey?: string | undefined;
}

/** The counting rules' settings: the window and how many ratings one address may count in it. */
export interface CountingRules {
  windowMs: number;
  /** Counted ratings one address may contribute to one outlet in any window. */
  perAddress: number;
}

/**
 * The ratings an outlet's figures count; the raw records stay whatever is counted. Both rules look
 * at what was stored before a rating, counted or not, so each is exact with one window of history:
 * - one device may rate an outlet once per window: a rating does not count when the same device
 *   rated the same outlet less than `windowMs` before it;
 * - one address may rate an outlet `perAddress` times per window: a rating does not count when
 *   that many ratings from its address reached the outlet in the `windowMs` before it. A browser
 *   that keeps no device id, or makes a new one each time, is held by this; a branch's shared
 *   Wi-Fi or a carrier's shared address still counts several customers.
 *
 * `day` is one outlet's ratings of one day; `before` are the outlet's ratings of the window just
 * before the day began, so a repeat across midnight is caught too. Both in any order.
 */
export function countedRatings<T extends TimedRating>(
  day: readonly T[],
  rules: CountingRules,
  before: readonly TimedRating[] = [],
): T[] {
  const lastByDevice = new Map<string, number>();
  const recentByAddress = new Map<string, number[]>();
  const seen = (r: TimedRating, at: number) => {
    if (r.deviceId !== undefined) lastByDevice.set(r.deviceId, at);
    if (r.addressKey === undefined) return;
    const times = recentByAddress.get(r.addressKey);
    if (times) times.push(at);
    else recentByAddress.set(r.addressKey, [at]);
  };
  for (const r of [...before].sort(byReceived)) seen(r, Date.parse(r.receivedAt));
  const counted: T[] = [];
  for (const r of [...day].sort(byReceived)) {
    const at = Date.parse(r.receivedAt);
    const previous = r.deviceId === undefined ? undefined : lastByDevice.get(r.deviceId);
    const deviceAllows = previous === undefined || at - previous >= rules.windowMs;
    const fromAddress = r.addressKey === undefined ? [] : (recentByAddress.get(r.addressKey) ?? []);
    while (fromAddress.length > 0 && at - (fromAddress[0] ?? 0) >= rules.windowMs) fromAddress.shift();
    if (deviceAllows && fromAddress.length < rules.perAddress) counted.push(r);
    seen(r, at);
  }
  return counted;
}

const byReceived = (a: TimedRating, b: TimedRating) => a.receivedAt.localeCompare(b.receivedAt);
