import { onTimeRate, perThousandRatings } from './complaint-totals.js';
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
] as const;
export type WarningRule = (typeof WARNING_RULES)[number];

export interface WarningThresholds {
  /** An outlet's CSAT under this share warns… */
  csatBelow: number;
  /** …with at least this many ratings in the period (and in the previous one, for a drop). */
  minRatings: number;
  /** CSAT down this many percentage points or more from the previous period. */
  csatDropPoints: number;
  /** An outlet's or department's on-time rate under this share. */
  onTimeBelow: number;
  /** More complaints than this per 1,000 ratings. */
  complaintsPerThousandAbove: number;
}

export const DEFAULT_THRESHOLDS: WarningThresholds = {
  csatBelow: 0.8,
  minRatings: 20,
  csatDropPoints: 10,
  onTimeBelow: 0.95,
  complaintsPerThousandAbove: 5,
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
  /** The figures that raised it, and the threshold it crossed. */
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

export function evaluateWarnings(input: WarningInput): Warning[] {
  const { granularity, period, thresholds: t } = input;
  const warnings: Warning[] = [];
  const warn = (w: Omit<Warning, 'id' | 'granularity' | 'period'>) =>
    warnings.push({
      id: [period, w.rule, w.scope, w.subjectId, ...(w.category ? [w.category] : [])].join(':'),
      granularity,
      period,
      ...w,
    });
  const previous = new Map(input.previousOutlets.map((r) => [r.id, r]));
  for (const outlet of input.outlets) {
    const base = { scope: 'outlet' as const, subjectId: outlet.id, regionId: outlet.regionId };
    const ratings = outlet.ratings.count;
    const score = csat(outlet.ratings);
    if (ratings >= t.minRatings && score !== null && score < t.csatBelow) {
      warn({ ...base, rule: 'csat-low', figures: { csat: score, ratings, threshold: t.csatBelow } });
    }
    const before = previous.get(outlet.id);
    const scoreBefore = before ? csat(before.ratings) : null;
    if (
      before &&
      ratings >= t.minRatings &&
      before.ratings.count >= t.minRatings &&
      score !== null &&
      scoreBefore !== null &&
      (scoreBefore - score) * 100 >= t.csatDropPoints - 1e-9
    ) {
      warn({
        ...base,
        rule: 'csat-drop',
        figures: {
          csat: score,
          previousCsat: scoreBefore,
          dropPoints: Math.round((scoreBefore - score) * 1000) / 10,
          ratings,
          threshold: t.csatDropPoints,
        },
      });
    }
    const onTime = onTimeRate(outlet.complaints);
    if (onTime !== null && onTime < t.onTimeBelow) {
      warn({ ...base, rule: 'on-time-low', figures: onTimeFigures(outlet, onTime, t) });
    }
    const perThousand = perThousandRatings(outlet.complaints, ratings);
    if (ratings >= t.minRatings && perThousand !== null && perThousand > t.complaintsPerThousandAbove) {
      warn({
        ...base,
        rule: 'complaints-high',
        figures: {
          perThousandRatings: perThousand,
          complaints: outlet.complaints.received,
          ratings,
          threshold: t.complaintsPerThousandAbove,
        },
      });
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
    const onTime = onTimeRate(department.complaints);
    if (onTime !== null && onTime < t.onTimeBelow) {
      warn({
        scope: 'department',
        subjectId: department.id,
        rule: 'on-time-low',
        figures: onTimeFigures(department, onTime, t),
      });
    }
  }
  return warnings;
}

function onTimeFigures(r: Rollup, onTime: number, t: WarningThresholds) {
  return {
    onTimeRate: onTime,
    resolved: r.complaints.resolved,
    resolvedOnTime: r.complaints.resolvedOnTime,
    threshold: t.onTimeBelow,
  };
}
