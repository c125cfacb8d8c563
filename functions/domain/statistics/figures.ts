import {
  type ComplaintTotals,
  completionRate,
  meanHoursToResolve,
  onTimeRate,
  perThousandRatings,
  satisfactionRate,
} from './complaint-totals.js';
import { ASPECTS, type Aspect, csat, meanRating, type RatingTotals } from './rating-totals.js';

/**
 * The figures people read, worked out from a rollup's sums at the last moment: a rate or mean
 * over nothing is null (shown as "—"), never 0 and never NaN.
 */
export function ratingFigures(t: RatingTotals) {
  return {
    count: t.count,
    mean: meanRating(t),
    csat: csat(t),
    distribution: {
      1: t.distribution[0],
      2: t.distribution[1],
      3: t.distribution[2],
      4: t.distribution[3],
      5: t.distribution[4],
    },
    aspects: Object.fromEntries(
      ASPECTS.map((a) => [a, t.aspects[a].count === 0 ? null : t.aspects[a].sum / t.aspects[a].count]),
    ) as Record<Aspect, number | null>,
    comments: t.comments,
  };
}

export function complaintFigures(t: ComplaintTotals, ratingsCounted: number) {
  return {
    received: t.received,
    resolved: t.resolved,
    resolvedOnTime: t.resolvedOnTime,
    completionRate: completionRate(t),
    onTimeRate: onTimeRate(t),
    rated: t.rated,
    satisfied: t.satisfied,
    satisfactionRate: satisfactionRate(t),
    openOverdue: t.openOverdue,
    perThousandRatings: perThousandRatings(t, ratingsCounted),
    byCategory: t.byCategory,
    bySeverity: t.bySeverity,
    byChannel: t.byChannel,
    meanHoursToResolve: meanHoursToResolve(t),
    rootCauses: t.rootCauses,
  };
}

export type RatingFigures = ReturnType<typeof ratingFigures>;
export type ComplaintFigures = ReturnType<typeof complaintFigures>;
