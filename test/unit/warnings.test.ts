import { describe, expect, it } from 'vitest';
import { emptyComplaintTotals } from '../../functions/domain/statistics/complaint-totals.js';
import {
  normalQuantile,
  poissonLowerBound,
  poissonUpperTail,
  twoProportionZ,
  wilsonInterval,
} from '../../functions/domain/statistics/evidence.js';
import { emptyRatingTotals } from '../../functions/domain/statistics/rating-totals.js';
import type { Rollup } from '../../functions/domain/statistics/rollup.js';
import {
  DEFAULT_THRESHOLDS,
  evaluateWarnings,
  type WarningThresholds,
} from '../../functions/domain/statistics/warnings.js';

/**
 * The early-warning rules as the README defines them ("Early warnings (预警)"), each expected
 * value worked out by hand from the formula written above it (a calculator, never this code).
 * Defaults: confidence 0.95 one-sided, so z = Φ⁻¹(0.95) = 1.6448536 (normal tables), z² = 2.7055435.
 */
const Z95 = 1.6448536;

interface Figures {
  ratings?: number;
  satisfied?: number;
  received?: number;
  resolved?: number;
  onTime?: number;
  recurring?: Record<string, number>;
}

/** An outlet's (or department's) month with just the counts the rules read. */
function rollup(id: string, f: Figures, scope: Rollup['scope'] = 'outlet'): Rollup {
  return {
    scope,
    id,
    granularity: 'month',
    period: '2026-11',
    ...(scope === 'outlet' ? { regionId: 'shanghai' } : {}),
    ratings: { ...emptyRatingTotals(), count: f.ratings ?? 0, satisfied: f.satisfied ?? 0 },
    complaints: {
      ...emptyComplaintTotals(),
      received: f.received ?? 0,
      resolved: f.resolved ?? 0,
      resolvedOnTime: f.onTime ?? 0,
      recurring: f.recurring ?? {},
      byCategory: Object.fromEntries(Object.entries(f.recurring ?? {}).map(([c, n]) => [c, n + 1])),
    },
    lowRatings: [],
    majorComplaints: [],
    computedAt: '2026-12-01T00:00:00.000Z',
  };
}

const month = (
  outlets: Rollup[],
  options: { previous?: Rollup[]; departments?: Rollup[]; thresholds?: Partial<WarningThresholds> } = {},
) =>
  evaluateWarnings({
    granularity: 'month',
    period: '2026-11',
    outlets,
    previousOutlets: options.previous ?? [],
    departments: options.departments ?? [],
    thresholds: { ...DEFAULT_THRESHOLDS, ...options.thresholds },
  });
const raised = (warnings: ReturnType<typeof month>) => warnings.map((w) => `${w.rule} ${w.subjectId}`);

describe('the evidence arithmetic', () => {
  it('z of a one-sided confidence level is the normal quantile', () => {
    expect(normalQuantile(0.95)).toBeCloseTo(1.6448536, 7);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 6);
    expect(normalQuantile(0.99)).toBeCloseTo(2.3263479, 7);
    expect(normalQuantile(0.5)).toBe(0);
  });

  it('the Wilson interval of 0 of 10 at z = 1.6448536 is 0 to 2z²/(2n)/(1 + z²/n) = 0.212942', () => {
    // p̂ = 0: centre = z²/2n = 0.1352772, spread = z·√(z²/4n²) = z²/2n, scale = 1 + z²/n = 1.2705543.
    const bounds = wilsonInterval(0, 10, Z95);
    expect(bounds?.lower).toBeCloseTo(0, 9);
    expect(bounds?.upper).toBeCloseTo(0.212942, 6);
    expect(wilsonInterval(0, 0, Z95)).toBeNull();
    // z = 0: both bounds are the share itself.
    expect(wilsonInterval(19, 25, 0)).toEqual({ lower: 0.76, upper: 0.76 });
  });

  it('the Poisson tail and its exact lower bound', () => {
    // P(X ≥ 3 | 0.75) = 1 − e^−0.75 (1 + 0.75 + 0.75²/2) = 1 − 0.4723666 × 2.03125 = 0.0405054
    expect(poissonUpperTail(3, 0.75)).toBeCloseTo(0.0405054, 6);
    expect(poissonUpperTail(0, 0.75)).toBe(1);
    // k = 1: P(X ≥ 1 | μ) = 1 − e^−μ = 0.05 ⇒ μ = −ln 0.95 = 0.0512933
    expect(poissonLowerBound(1, 0.95)).toBeCloseTo(0.0512933, 7);
    // k = 3: half the 5 % quantile of χ² with 6 degrees of freedom (tables: 1.635383) = 0.8176915
    expect(poissonLowerBound(3, 0.95)).toBeCloseTo(0.8176915, 6);
    expect(poissonLowerBound(0, 0.95)).toBe(0);
  });

  it('the pooled two-proportion z of a fall', () => {
    // 180/200 → 136/200: p̄ = 316/400 = 0.79, √(0.79·0.21·(1/200 + 1/200)) = 0.0407308, z = 0.22/0.0407308
    expect(twoProportionZ({ successes: 180, n: 200 }, { successes: 136, n: 200 })).toBeCloseTo(5.401315, 5);
    expect(twoProportionZ({ successes: 20, n: 20 }, { successes: 20, n: 20 })).toBeNull();
  });
});

describe('csat-low: n ≥ 20 and the Wilson upper bound of CSAT under 80%', () => {
  it('warns of 王府井 at 66 % of 150 ratings: the bound is 72.0 %, still under 80 %', () => {
    // p̂ = 0.66: centre = 0.66 + 2.7055435/300 = 0.6690185;
    // spread = 1.6448536·√(0.66·0.34/150 + 2.7055435/90000) = 1.6448536·0.0390648 = 0.0642560;
    // upper = (0.6690185 + 0.0642560) / (1 + 2.7055435/150) = 0.7332745 / 1.0180370 = 0.720283
    const warnings = month([rollup('bj-wangfujing', { ratings: 150, satisfied: 99 })]);
    expect(raised(warnings)).toEqual(['csat-low bj-wangfujing']);
    expect(warnings[0]).toMatchObject({
      id: '2026-11:csat-low:outlet:bj-wangfujing',
      regionId: 'shanghai',
      figures: { csat: 0.66, ratings: 150, threshold: 0.8, confidence: 0.95 },
    });
    expect(warnings[0]?.figures.upperBound).toBeCloseTo(0.720283, 5);
  });

  it('does not warn of 75 % of 20 ratings: the bound is 87.3 %, so it may well be 80 % or more', () => {
    // p̂ = 0.75, n = 20: centre = 0.75 + 2.7055435/40 = 0.8176386;
    // spread = 1.6448536·√(0.009375 + 0.0016910) = 0.1730304; upper = 0.9906690 / 1.1352772 = 0.872623
    expect(month([rollup('few', { ratings: 20, satisfied: 15 })])).toEqual([]);
  });

  it('warns of 40 % of 20 ratings (bound 58.1 %), never of fewer than 20 ratings', () => {
    // p̂ = 0.4: centre = 0.4676386, spread = 1.6448536·√(0.012 + 0.0016910) = 0.1924616,
    // upper = 0.6601002 / 1.1352772 = 0.581444
    const warnings = month([
      rollup('poor', { ratings: 20, satisfied: 8 }),
      rollup('tiny', { ratings: 19, satisfied: 0 }),
    ]);
    expect(raised(warnings)).toEqual(['csat-low poor']);
    expect(warnings[0]?.figures.upperBound).toBeCloseTo(0.581444, 5);
  });

  it('at a confidence of 0.5 (z = 0) compares the point estimate: 76 % of 25 warns', () => {
    expect(
      raised(month([rollup('low', { ratings: 25, satisfied: 19 })], { thresholds: { confidence: 0.5 } })),
    ).toEqual(['csat-low low']);
    // The same at 0.95: upper bound 0.870465, no warning.
    expect(month([rollup('low', { ratings: 25, satisfied: 19 })])).toEqual([]);
  });
});

describe('csat-drop: both periods n ≥ 20, a fall of ≥ 10 points, and the fall significant (z ≥ 1.645)', () => {
  it('warns of 徐家汇 falling from 90 % to 68 % of 200 ratings each: z = 5.40', () => {
    // p̄ = (180 + 136)/400 = 0.79; √(0.79·0.21·(1/200 + 1/200)) = 0.0407308; z = 0.22/0.0407308 = 5.4013
    const warnings = month([rollup('sh-xujiahui', { ratings: 200, satisfied: 136 })], {
      previous: [rollup('sh-xujiahui', { ratings: 200, satisfied: 180 })],
    });
    expect(raised(warnings)).toContain('csat-drop sh-xujiahui');
    const drop = warnings.find((w) => w.rule === 'csat-drop');
    expect(drop?.figures).toMatchObject({
      csat: 0.68,
      previousCsat: 0.9,
      dropPoints: 22,
      ratings: 200,
      previousRatings: 200,
      threshold: 10,
    });
    expect(drop?.figures.zScore).toBeCloseTo(5.4013, 4);
  });

  it('does not warn of 100 % → 90 % of 20 ratings: 10 points, but z = 1.451', () => {
    // p̄ = 38/40 = 0.95; √(0.95·0.05·(1/20 + 1/20)) = 0.0689202; z = 0.1/0.0689202 = 1.45095 < 1.645
    const warnings = month([rollup('dip', { ratings: 20, satisfied: 18 })], {
      previous: [rollup('dip', { ratings: 20, satisfied: 20 })],
    });
    expect(warnings.filter((w) => w.rule === 'csat-drop')).toEqual([]);
  });

  it('warns of 95 % → 75 % of 40 ratings each (z = 2.505), not of a significant fall of 5 points', () => {
    // p̄ = 68/80 = 0.85; √(0.85·0.15·(1/40 + 1/40)) = 0.0798436; z = 0.2/0.0798436 = 2.50490
    // 1900/2000 → 1800/2000 is significant, but only 5 points.
    const warnings = month(
      [rollup('fell', { ratings: 40, satisfied: 30 }), rollup('big', { ratings: 2000, satisfied: 1800 })],
      {
        previous: [
          rollup('fell', { ratings: 40, satisfied: 38 }),
          rollup('big', { ratings: 2000, satisfied: 1900 }),
        ],
        thresholds: { csatBelow: 0.5 },
      },
    );
    expect(raised(warnings)).toEqual(['csat-drop fell']);
    expect(warnings[0]?.figures.zScore).toBeCloseTo(2.5049, 4);
  });
});

describe('complaints-high: n ≥ 20, k ≥ 3 complaints, and the exact Poisson lower bound per 1,000 ratings over 5', () => {
  it('does not warn of 静安寺’s one complaint in 150 ratings (6.7 per 1,000): fewer than 3', () => {
    expect(month([rollup('sh-jingan', { ratings: 150, satisfied: 140, received: 1 })])).toEqual([]);
  });

  it('warns of 3 in 150: P(X ≥ 3 | 0.75 expected at the threshold) = 0.0405 < 0.05', () => {
    // mean at the threshold: 5 × 150 / 1000 = 0.75; lower bound 1000 × 0.8176915 / 150 = 5.451277
    const warnings = month([rollup('busy', { ratings: 150, satisfied: 140, received: 3 })]);
    expect(raised(warnings)).toEqual(['complaints-high busy']);
    expect(warnings[0]?.figures).toMatchObject({
      perThousandRatings: 20,
      complaints: 3,
      ratings: 150,
      threshold: 5,
    });
    expect(warnings[0]?.figures.lowerBound).toBeCloseTo(5.451277, 5);
  });

  it('does not warn of 3 in 200 (P = 0.0803) nor of 6 in 1,000 (P = 0.384), both over 5 per 1,000', () => {
    // 3 in 200: mean 1.0, P(X ≥ 3) = 1 − e⁻¹ (1 + 1 + ½) = 1 − 0.3678794 × 2.5 = 0.0803014
    // 6 in 1,000: mean 5.0, P(X ≥ 6) = 1 − e⁻⁵ (1 + 5 + 12.5 + 20.8333 + 26.0417 + 26.0417) = 0.3840393
    expect(
      month([
        rollup('three', { ratings: 200, satisfied: 190, received: 3 }),
        rollup('six', { ratings: 1000, satisfied: 950, received: 6 }),
      ]),
    ).toEqual([]);
  });
});

describe('on-time-low: resolved ≥ 5, and the Wilson upper bound of the on-time rate under 95 %', () => {
  it('does not warn of 18 of 20 on time (90 %): the bound is 96.6 %', () => {
    // p̂ = 0.9: centre = 0.9676386, spread = 1.6448536·√(0.0045 + 0.0016910) = 0.1294216,
    // upper = 1.0970602 / 1.1352772 = 0.966337
    expect(month([rollup('late', { received: 20, resolved: 20, onTime: 18 })])).toEqual([]);
  });

  it('warns of 70 of 100 (bound 76.9 %) at an outlet and of 1 of 5 (bound 56.5 %) at a department; not of 0 of 4', () => {
    // 70/100: centre = 0.7 + 2.7055435/200 = 0.7135277; spread = 1.6448536·√(0.0021 + 0.0000676) = 0.0765817;
    //   upper = 0.7901094 / 1.0270554 = 0.769296
    // 1/5: centre = 0.2 + 0.2705543 = 0.4705543; spread = 1.6448536·√(0.032 + 0.0270554) = 0.3997216;
    //   upper = 0.8702759 / 1.5411087 = 0.564708
    const warnings = month(
      [
        rollup('slow', { received: 100, resolved: 100, onTime: 70 }),
        rollup('new', { received: 4, resolved: 4, onTime: 0 }),
      ],
      { departments: [rollup('cards', { received: 5, resolved: 5, onTime: 1 }, 'department')] },
    );
    expect(warnings.map((w) => w.id)).toEqual([
      '2026-11:on-time-low:outlet:slow',
      '2026-11:on-time-low:department:cards',
    ]);
    expect(warnings[0]?.figures.upperBound).toBeCloseTo(0.769296, 5);
    expect(warnings[1]?.figures.upperBound).toBeCloseTo(0.564708, 5);
    expect(warnings[1]).not.toHaveProperty('regionId');
  });
});

describe('recurring: as the routing rules counted them', () => {
  it('warns once per category with a recurring complaint', () => {
    expect(month([rollup('again', { recurring: { 'waiting-time': 2, fees: 0 } })]).map((w) => w.id)).toEqual([
      '2026-11:recurring:outlet:again:waiting-time',
    ]);
  });
});

describe('the guards at their edges (README "Early warnings": at least the minimum number of ratings, 20)', () => {
  it('one recurring complaint of a category warns', () => {
    expect(month([rollup('once', { recurring: { fees: 1 } })]).map((w) => w.id)).toEqual([
      '2026-11:recurring:outlet:once:fees',
    ]);
  });

  // 100 % → 50 % of 20 each: p̄ = 30/40 = 0.75; √(0.75·0.25·(1/20 + 1/20)) = 0.1369306;
  // z = 0.5/0.1369306 = 3.6515 ≥ 1.645, a fall of 50 points.
  it('csat-drop warns of 100 % → 50 % with exactly 20 ratings in both periods', () => {
    const warnings = month([rollup('edge', { ratings: 20, satisfied: 10 })], {
      previous: [rollup('edge', { ratings: 20, satisfied: 20 })],
    });
    expect(warnings.find((w) => w.rule === 'csat-drop')?.figures).toMatchObject({
      csat: 0.5,
      previousCsat: 1,
      dropPoints: 50,
      ratings: 20,
      previousRatings: 20,
    });
  });

  it('csat-drop does not warn when either period has 19 ratings, however steep the fall', () => {
    // 19 of 19 → 0 of 20, and 20 of 20 → 0 of 19: a fall of 100 points each.
    const drops = (current: Figures, before: Figures) =>
      month([rollup('few', current)], { previous: [rollup('few', before)] }).filter(
        (w) => w.rule === 'csat-drop',
      );
    expect(drops({ ratings: 20, satisfied: 0 }, { ratings: 19, satisfied: 19 })).toEqual([]);
    expect(drops({ ratings: 19, satisfied: 0 }, { ratings: 20, satisfied: 20 })).toEqual([]);
    expect(drops({ ratings: 20, satisfied: 0 }, { ratings: 20, satisfied: 20 })).toHaveLength(1);
  });

  it('csat-drop needs the previous period: an outlet new this period does not warn', () => {
    expect(
      month([rollup('new', { ratings: 20, satisfied: 0 })]).filter((w) => w.rule === 'csat-drop'),
    ).toEqual([]);
  });

  // 3 complaints in 20 ratings: the lower bound 1000 × 0.8176915 / 20 = 40.88 per 1,000, far over 5.
  it('complaints-high warns of 3 complaints in exactly 20 ratings, never in 19', () => {
    const high = (ratings: number) =>
      month([rollup('small', { ratings, satisfied: ratings, received: 3 })]).filter(
        (w) => w.rule === 'complaints-high',
      );
    expect(high(20)).toHaveLength(1);
    expect(high(20)[0]?.figures.lowerBound).toBeCloseTo(40.884575, 4);
    expect(high(19)).toEqual([]);
  });

  it('complaints-high needs 3 complaints: 2 in 20 ratings do not warn', () => {
    expect(month([rollup('two', { ratings: 20, satisfied: 20, received: 2 })])).toEqual([]);
  });
});

describe('exactly at a threshold (confidence 0.5, z = 0: the point estimates)', () => {
  const half = { confidence: 0.5 };
  it('CSAT of exactly 80 % is not under 80 %: no csat-low', () => {
    expect(month([rollup('edge', { ratings: 20, satisfied: 16 })], { thresholds: half })).toEqual([]);
  });

  it('a fall of exactly 10 points (90 % → 80 %) is a drop of 10 or more', () => {
    const warnings = month([rollup('edge', { ratings: 20, satisfied: 16 })], {
      previous: [rollup('edge', { ratings: 20, satisfied: 18 })],
      thresholds: half,
    });
    expect(raised(warnings)).toEqual(['csat-drop edge']);
  });

  it('on time exactly at the target (19 of 20, 95 %) is not under it', () => {
    expect(month([rollup('edge', { received: 20, resolved: 20, onTime: 19 })], { thresholds: half })).toEqual(
      [],
    );
  });
});
