import { type ComplaintTotals, completionRate, onTimeRate } from './complaint-totals.js';
import { csat, type RatingTotals } from './rating-totals.js';
import type { Scope } from './rollup.js';

/**
 * What a ranking, a heat map or a page of warnings reads of a rollup: the counts its figures are
 * worked out from, nothing else (a rollup also carries comments and complaint lists, which a
 * list of outlets never shows).
 */
export interface RankedRollup {
  scope: Scope;
  id: string;
  period: string;
  regionId?: string | undefined;
  ratings: Pick<RatingTotals, 'count' | 'satisfied'>;
  complaints: Pick<ComplaintTotals, 'received' | 'resolved' | 'resolvedOnTime'>;
}

/** The attributes of a stored rollup a RankedRollup is read from. */
export const RANKED_ATTRIBUTES = [
  'scope',
  'id',
  'period',
  'regionId',
  'ratings.count',
  'ratings.satisfied',
  'complaints.received',
  'complaints.resolved',
  'complaints.resolvedOnTime',
] as const;

/** Which end of a ranking a list starts from: the best CSAT, or the worst (those rated first). */
export const RANKING_ORDERS = ['best', 'worst'] as const;
export type RankingOrder = (typeof RANKING_ORDERS)[number];

/** A ranked subject's figures as lists show them. */
export function rankedFigures(r: RankedRollup | undefined) {
  const ratings = r?.ratings ?? { count: 0, satisfied: 0 };
  const complaints = r?.complaints ?? { received: 0, resolved: 0, resolvedOnTime: 0 };
  return {
    csat: csat(ratings),
    ratings: ratings.count,
    complaints: complaints.received,
    completionRate: completionRate(complaints),
    onTimeRate: onTimeRate(complaints),
  };
}
