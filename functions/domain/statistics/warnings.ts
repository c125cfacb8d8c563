import { INSPECTION_KINDS } from '../supervision/inspections.js';
import { type SupervisionTally, supervisionFigures } from '../supervision/tally.js';
import { onTimeRate, perThousandRatings } from './complaint-totals.js';
import { normalQuantile, poissonLowerBound, twoProportionZ, wilsonInterval } from './evidence.js';
import type { Granularity } from './periods.js';
import { csat } from './rating-totals.js';
import type { Rollup } from './rollup.js';

/**
 * Early warnings (预警), evaluated when a week or a month closes, for outlets that lag and
 * departments that miss their time limits. Pure: the job reads the closed period's rollups, this
 * decides, the job stores each warning once (its id is the same however often it runs).
 */
export const WARNING_RULES = [
  'csat-low',
  'csat-drop',
  'on-time-low',
  'complaints-high',
  'recurring',
  'supervision-score-low',
  'self-check-low',
  'rectification-overdue',
] as const;
export type WarningRule = (typeof WARNING_RULES)[number];

export interface WarningThresholds {
  /** An outlet's CSAT under this share warns… */
  csatBelow: number;
  /** …with at least this many ratings in the period (and in the previous one, for a drop). */
  minRatings: number;
  /** CSAT down this many percentage points or more from the previous period. */
  csatDropPoints: number;
  /** An outlet's or department's on-time rate under this share… */
  onTimeBelow: number;
  /** …with at least this many complaints resolved in the period. */
  minResolved: number;
  /** More complaints than this per 1,000 ratings… */
  complaintsPerThousandAbove: number;
  /** …with at least this many complaints received in the period. */
  minComplaints: number;
  /**
   * How sure the evidence must be (one-sided, 0.5 to 0.999): a rate's confidence bound at this
   * level, not its point estimate, must be past the threshold; a drop must be significant at it.
   */
  confidence: number;
  /** An outlet's mean outside-check score (spot, joint, released mystery) under this (0–100)… */
  supervisionScoreBelow: number;
  /** …with at least this many scored outside checks in the month. */
  minScoredChecks: number;
  /** An outlet's self-check completion (rounds done ÷ rounds owed) under this share. */
  selfCheckBelow: number;
  /** An outlet's rectifications due in the month and not put right in time: this many or more. */
  overdueRectifications: number;
}

export const DEFAULT_THRESHOLDS: WarningThresholds = {
  csatBelow: 0.8,
  minRatings: 20,
  csatDropPoints: 10,
  onTimeBelow: 0.95,
  minResolved: 5,
  complaintsPerThousandAbove: 5,
  minComplaints: 3,
  confidence: 0.95,
  supervisionScoreBelow: 80,
  minScoredChecks: 2,
  selfCheckBelow: 0.9,
  overdueRectifications: 3,
};

export interface Warning {
  /** Deterministic: the same lag in the same period is the same warning. */
  id: string;
  rule: WarningRule;
  granularity: Extract<Granularity, 'week' | 'month'>;
  period: string;
  scope: 'outlet' | 'department';
  subjectId: string;
  regionId?: string | undefined;
  category?: string | undefined;
  /** The figures that raised it, the bound that was past the threshold, and the threshold. */
  figures: Record<string, number | null>;
}

export interface WarningInput {
  granularity: Warning['granularity'];
  period: string;
  /** Every outlet's rollup of the period, and of the period before. */
  outlets: readonly Rollup[];
  previousOutlets: readonly Rollup[];
  /** Every department's rollup of the period. */
  departments: readonly Rollup[];
  thresholds: WarningThresholds;
}

/**
 * A warning's id: fixed by its period, rule and subject (and category), e.g.
 * `2026-11:csat-low:outlet:sh-jingan`, so the same lag in the same period is the same warning,
 * and an outlet's warnings of a period can be named without listing the period's.
 */
export const warningId = (
  period: string,
  w: Pick<Warning, 'rule' | 'scope' | 'subjectId' | 'category'>,
): string => [period, w.rule, w.scope, w.subjectId, ...(w.category ? [w.category] : [])].join(':');

/** Two rates that differ by less than this are equal (float noise, e.g. 1 − 0.9 = 0.09999…). */
const EPSILON = 1e-9;

/**
 * The rules, as the README defines them ("Early warnings"), z being the normal quantile of the
 * confidence level (1.645 at 0.95):
 * - csat-low: n ≥ minRatings, and the Wilson upper bound of CSAT < csatBelow;
 * - csat-drop: both periods n ≥ minRatings, CSAT fell by ≥ csatDropPoints, and the pooled
 *   two-proportion z of the fall ≥ z;
 * - on-time-low: resolved ≥ minResolved, and the Wilson upper bound of the on-time rate < onTimeBelow;
 * - complaints-high: n ≥ minRatings, complaints k ≥ minComplaints, and the exact Poisson lower
 *   bound of complaints per 1,000 ratings > complaintsPerThousandAbove (equivalently
 *   P(X ≥ k | mean = threshold × n / 1000) < 1 − confidence);
 * - recurring: a category's recurring complaints (the routing rules' pattern), as counted.
 */
export function evaluateWarnings(input: WarningInput): Warning[] {
  const { granularity, period, thresholds: t } = input;
  const z = normalQuantile(t.confidence);
  const warnings: Warning[] = [];
  const warn = (w: Omit<Warning, 'id' | 'granularity' | 'period'>) =>
    warnings.push({ id: warningId(period, w), granularity, period, ...w });
  const previous = new Map(input.previousOutlets.map((r) => [r.id, r]));
  for (const outlet of input.outlets) {
    const base = { scope: 'outlet' as const, subjectId: outlet.id, regionId: outlet.regionId };
    const ratings = outlet.ratings.count;
    const score = csat(outlet.ratings);
    const csatBound = wilsonInterval(outlet.ratings.satisfied, ratings, z);
    if (ratings >= t.minRatings && score !== null && csatBound && csatBound.upper < t.csatBelow - EPSILON) {
      warn({
        ...base,
        rule: 'csat-low',
        figures: {
          csat: score,
          upperBound: csatBound.upper,
          ratings,
          threshold: t.csatBelow,
          confidence: t.confidence,
        },
      });
    }
    const before = previous.get(outlet.id);
    const scoreBefore = before ? csat(before.ratings) : null;
    const fall =
      before && before.ratings.count >= t.minRatings && ratings >= t.minRatings
        ? twoProportionZ(
            { successes: before.ratings.satisfied, n: before.ratings.count },
            { successes: outlet.ratings.satisfied, n: ratings },
          )
        : null;
    if (
      before &&
      score !== null &&
      scoreBefore !== null &&
      fall !== null &&
      (scoreBefore - score) * 100 >= t.csatDropPoints - EPSILON &&
      fall >= z - EPSILON
    ) {
      warn({
        ...base,
        rule: 'csat-drop',
        figures: {
          csat: score,
          previousCsat: scoreBefore,
          dropPoints: Math.round((scoreBefore - score) * 1000) / 10,
          ratings,
          previousRatings: before.ratings.count,
          zScore: fall,
          threshold: t.csatDropPoints,
          confidence: t.confidence,
        },
      });
    }
    const onTime = onTimeWarning(outlet, t, z);
    if (onTime) warn({ ...base, rule: 'on-time-low', figures: onTime });
    const received = outlet.complaints.received;
    const perThousand = perThousandRatings(outlet.complaints, ratings);
    if (ratings >= t.minRatings && received >= t.minComplaints && perThousand !== null) {
      const lowerBound = (poissonLowerBound(received, t.confidence) / ratings) * 1000;
      if (lowerBound > t.complaintsPerThousandAbove + EPSILON) {
        warn({
          ...base,
          rule: 'complaints-high',
          figures: {
            perThousandRatings: perThousand,
            lowerBound,
            complaints: received,
            ratings,
            threshold: t.complaintsPerThousandAbove,
            confidence: t.confidence,
          },
        });
      }
    }
    for (const [category, recurring] of Object.entries(outlet.complaints.recurring)) {
      if (recurring < 1) continue;
      warn({
        ...base,
        rule: 'recurring',
        category,
        figures: { complaints: outlet.complaints.byCategory[category] ?? recurring, recurring },
      });
    }
  }
  for (const department of input.departments) {
    const onTime = onTimeWarning(department, t, z);
    if (onTime) {
      warn({ scope: 'department', subjectId: department.id, rule: 'on-time-low', figures: onTime });
    }
  }
  return warnings;
}

/** The on-time rule's figures when it warns, else undefined. */
function onTimeWarning(r: Rollup, t: WarningThresholds, z: number) {
  const { resolved, resolvedOnTime } = r.complaints;
  const rate = onTimeRate(r.complaints);
  const bound = wilsonInterval(resolvedOnTime, resolved, z);
  if (resolved < t.minResolved || rate === null || !bound || bound.upper >= t.onTimeBelow - EPSILON)
    return undefined;
  return {
    onTimeRate: rate,
    upperBound: bound.upper,
    resolved,
    resolvedOnTime,
    threshold: t.onTimeBelow,
    confidence: t.confidence,
  };
}

/** What the supervision rules read of a closed month: each outlet's tally (empty without one). */
export interface SupervisionWarningInput {
  month: string;
  outlets: readonly { outletId: string; regionId: string; tally: SupervisionTally }[];
  /** The self-check rounds each outlet owed in the month (rounds a day × the days owed). */
  owedRounds: number;
  thresholds: Pick<
    WarningThresholds,
    'supervisionScoreBelow' | 'minScoredChecks' | 'selfCheckBelow' | 'overdueRectifications'
  >;
}

/**
 * The supervision rules, evaluated when a month closes, from the month's tallies alone (as the
 * README defines them, "Early warnings"):
 * - supervision-score-low: scored outside checks ≥ minScoredChecks, and their mean score <
 *   supervisionScoreBelow (self-checks are the outlet's own, not counted; a blind mystery visit
 *   counts once released, as in the tallies);
 * - self-check-low: rounds owed > 0, and rounds done ÷ rounds owed < selfCheckBelow (a round done
 *   twice counts once; an outlet with no tally did none);
 * - rectification-overdue: tasks due in the month − those accepted with an answer in time ≥
 *   overdueRectifications.
 * The counts are what they are (a score is measured, not sampled), so no confidence bound.
 */
export function evaluateSupervisionWarnings(input: SupervisionWarningInput): Warning[] {
  const { month, thresholds: t } = input;
  const warnings: Warning[] = [];
  const warn = (w: Omit<Warning, 'id' | 'granularity' | 'period'>) =>
    warnings.push({ id: warningId(month, w), granularity: 'month', period: month, ...w });
  for (const { outletId, regionId, tally } of input.outlets) {
    const base = { scope: 'outlet' as const, subjectId: outletId, regionId };
    const f = supervisionFigures(tally, input.owedRounds);
    const scoredChecks = INSPECTION_KINDS.filter((k) => k !== 'self-check').reduce(
      (n, k) => n + (tally.counts[`scored:${k}`] ?? 0),
      0,
    );
    if (
      f.checkScore !== null &&
      scoredChecks >= t.minScoredChecks &&
      f.checkScore < t.supervisionScoreBelow - EPSILON
    ) {
      warn({
        ...base,
        rule: 'supervision-score-low',
        figures: {
          score: f.checkScore,
          scoredChecks,
          threshold: t.supervisionScoreBelow,
          minChecks: t.minScoredChecks,
        },
      });
    }
    const { done, owed, rate } = f.selfCheck;
    if (rate !== null && owed > 0 && rate < t.selfCheckBelow - EPSILON) {
      warn({
        ...base,
        rule: 'self-check-low',
        figures: { rate, done, owed, threshold: t.selfCheckBelow },
      });
    }
    const { due, onTime } = f.rectification;
    const overdue = Math.max(0, due - onTime);
    if (overdue >= t.overdueRectifications) {
      warn({
        ...base,
        rule: 'rectification-overdue',
        figures: { overdue, due, onTime, threshold: t.overdueRectifications },
      });
    }
  }
  return warnings;
}
