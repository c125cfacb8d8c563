import { describe, expect, it } from 'vitest';
import {
  type ComplaintTotals,
  emptyComplaintTotals,
} from '../../functions/domain/statistics/complaint-totals.js';
import {
  addRating,
  emptyRatingTotals,
  type RatingTotals,
  sumRatingTotals,
} from '../../functions/domain/statistics/rating-totals.js';
import {
  type Rollup,
  sumOfDays,
  sumOfOutlets,
  sumOfRegions,
} from '../../functions/domain/statistics/rollup.js';

/**
 * The README ("How figures are computed"): a region's, the bank's, a week's and a month's figures
 * are sums of outlet-days, field by field, never averages; only the overdue stock of a longer
 * period is its last day's. Each part below has different non-zero counts, so a sum can only come
 * out as the sum: a difference, or one part alone, gives another number.
 */
const ratings = (
  count: number,
  ratingSum: number,
  satisfied: number,
  distribution: RatingTotals['distribution'],
  aspect: number,
  comments: number,
): RatingTotals => ({
  count,
  ratingSum,
  satisfied,
  distribution,
  aspects: {
    environment: { count: aspect, sum: aspect * 5 },
    attitude: { count: 2 * aspect, sum: aspect * 4 },
    efficiency: { count: 3 * aspect, sum: aspect * 3 },
    professionalism: { count: 4 * aspect, sum: aspect * 2 },
  },
  comments,
});

const complaints = (n: number, overrides: Partial<ComplaintTotals> = {}): ComplaintTotals => ({
  ...emptyComplaintTotals(),
  received: 10 * n,
  resolved: 8 * n,
  resolvedOnTime: 7 * n,
  hoursToResolve: 100 * n,
  rated: 5 * n,
  satisfied: 3 * n,
  openOverdue: n,
  byCategory: { fees: n },
  bySeverity: { normal: n },
  byChannel: { qr: n },
  rootCauses: { process: n },
  recurring: { fees: n },
  ...overrides,
});

const part = (n: number, outlets?: number): Rollup => ({
  scope: 'outlet',
  id: `o${n}`,
  granularity: 'day',
  period: '2026-11-24',
  ratings: ratings(4 * n, 15 * n, 3 * n, [n, 0, 0, n, 2 * n], n, 2 * n),
  complaints: complaints(n),
  lowRatings: [],
  majorComplaints: [],
  outlets,
  computedAt: '2026-11-25T00:00:00.000Z',
});

// Parts 1, 2 and 4: every sum below is 7 times the part-1 figure; any one part, or a difference, is not.
const parts = [part(1, 3), part(2, 5), part(4, 11)];

const expectedRatings: RatingTotals = ratings(28, 105, 21, [7, 0, 0, 7, 14], 7, 14);

describe('a region’s, the bank’s, a week’s and a month’s figures are sums of their parts', () => {
  it('ratings: count, rating sum, satisfied, the distribution, each aspect’s count and sum, comments', () => {
    expect(sumOfOutlets(parts).ratings).toEqual(expectedRatings);
    expect(sumOfRegions(parts).ratings).toEqual(expectedRatings);
    expect(sumOfDays(parts).ratings).toEqual(expectedRatings);
  });

  it('complaints: received, resolved, on time, hours, rated, satisfied and every count by kind', () => {
    const flows = {
      received: 70,
      resolved: 56,
      resolvedOnTime: 49,
      hoursToResolve: 700,
      rated: 35,
      satisfied: 21,
      byCategory: { fees: 7 },
      bySeverity: { normal: 7 },
      byChannel: { qr: 7 },
      rootCauses: { process: 7 },
      recurring: { fees: 7 },
    };
    // A region and the bank hold their parts' overdue stock together (all taken at the day's end);
    // a week or a month holds its last day's.
    expect(sumOfOutlets(parts).complaints).toEqual({ ...flows, openOverdue: 7 });
    expect(sumOfRegions(parts).complaints).toEqual({ ...flows, openOverdue: 7 });
    expect(sumOfDays(parts).complaints).toEqual({ ...flows, openOverdue: 4 });
  });

  it('a region counts its outlets; the bank adds up its regions’ outlets', () => {
    expect(sumOfOutlets(parts).outlets).toBe(3);
    expect(sumOfRegions(parts).outlets).toBe(3 + 5 + 11);
    expect(sumOfRegions([part(1), part(2, 5)]).outlets).toBe(5);
  });

  it('a region keeps its outlets’ entries per department, summed', () => {
    const withDepartments: Rollup[] = [
      { ...part(1), byDepartment: { cards: complaints(1), operations: complaints(2) } },
      { ...part(2), byDepartment: { cards: complaints(4) } },
    ];
    const { byDepartment } = sumOfOutlets(withDepartments);
    expect(byDepartment.cards).toMatchObject({ received: 50, resolvedOnTime: 35, hoursToResolve: 500 });
    expect(byDepartment.cards).toMatchObject({ rated: 25, satisfied: 15, openOverdue: 5 });
    expect(byDepartment.operations).toMatchObject({ received: 20, openOverdue: 2 });
  });

  it('two rating totals add field by field', () => {
    const a = ratings(2, 9, 2, [0, 0, 0, 1, 1], 1, 1);
    const b = ratings(3, 7, 1, [1, 1, 0, 0, 1], 2, 0);
    expect(sumRatingTotals(a, b)).toEqual(ratings(5, 16, 3, [1, 1, 0, 1, 2], 3, 1));
  });
});

describe('one rating added to the totals', () => {
  it('counts it, its value, its place in the distribution, each aspect given and a comment', () => {
    const once = addRating(emptyRatingTotals(), {
      rating: 3,
      aspects: { attitude: 2, efficiency: 5 },
      comment: '排队太久',
    });
    expect(once).toEqual({
      count: 1,
      ratingSum: 3,
      satisfied: 0,
      distribution: [0, 0, 1, 0, 0],
      aspects: {
        environment: { count: 0, sum: 0 },
        attitude: { count: 1, sum: 2 },
        efficiency: { count: 1, sum: 5 },
        professionalism: { count: 0, sum: 0 },
      },
      comments: 1,
    });
    const twice = addRating(once, { rating: 5, aspects: { attitude: 4 } });
    expect(twice).toMatchObject({
      count: 2,
      ratingSum: 8,
      satisfied: 1,
      distribution: [0, 0, 1, 0, 1],
      comments: 1,
    });
    expect(twice.aspects.attitude).toEqual({ count: 2, sum: 6 });
  });

  it('satisfied means 4 or 5: 3 is not, 4 is', () => {
    const values = [1, 2, 3, 4, 5].map((rating) => addRating(emptyRatingTotals(), { rating }).satisfied);
    expect(values).toEqual([0, 0, 0, 1, 1]);
  });
});
