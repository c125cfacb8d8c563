import { describe, expect, it } from 'vitest';
import { warningInWords } from '../../functions/domain/statistics/warning-words.js';
import {
  DEFAULT_THRESHOLDS,
  evaluateSupervisionWarnings,
  type WarningThresholds,
} from '../../functions/domain/statistics/warnings.js';
import type { SupervisionTally } from '../../functions/domain/supervision/tally.js';

/**
 * The supervision rules as the README's table states them ("Early warnings (预警)"), evaluated
 * when a month closes from each outlet's tally of the month:
 * - supervision-score-low: at least WARN_SUPERVISION_MIN_CHECKS (2) scored outside checks (spot,
 *   joint, released mystery) and their mean under WARN_SUPERVISION_SCORE_BELOW (80);
 * - self-check-low: rounds done ÷ rounds owed under WARN_SELF_CHECK_BELOW (90%);
 * - rectification-overdue: tasks due in the month − those put right in time ≥
 *   WARN_RECTIFICATIONS_OVERDUE (3).
 * Expected values come from these sentences, worked by hand.
 */
const MONTH = '2026-11';
/** November 2026, Monday to Friday: 21 days × 3 rounds. */
const OWED = 63;

/** `n` distinct self-check rounds done (days 01…, round 1–3). */
const rounds = (n: number) =>
  Array.from({ length: n }, (_, i) => `${String(Math.floor(i / 3) + 1).padStart(2, '0')}#${(i % 3) + 1}`);

function outlet(id: string, tally: Partial<SupervisionTally> & { counts?: Record<string, number> }) {
  return {
    outletId: id,
    regionId: 'shanghai',
    tally: { counts: tally.counts ?? {}, rounds: tally.rounds ?? rounds(OWED) },
  };
}

const evaluate = (
  outlets: ReturnType<typeof outlet>[],
  thresholds: Partial<WarningThresholds> = {},
  owedRounds = OWED,
) =>
  evaluateSupervisionWarnings({
    month: MONTH,
    outlets,
    owedRounds,
    thresholds: { ...DEFAULT_THRESHOLDS, ...thresholds },
  });

const rules = (found: { rule: string; subjectId: string }[]) => found.map((w) => `${w.subjectId}:${w.rule}`);

describe('defaults, as the README states them', () => {
  it('80 points, 2 checks, 90%, 3 overdue', () => {
    expect(DEFAULT_THRESHOLDS).toMatchObject({
      supervisionScoreBelow: 80,
      minScoredChecks: 2,
      selfCheckBelow: 0.9,
      overdueRectifications: 3,
    });
  });
});

describe('supervision-score-low', () => {
  it('warns under 80 with two scored outside checks, not at exactly 80', () => {
    const found = evaluate([
      // (75 + 84) / 2 = 79.5 < 80
      outlet('low', {
        counts: {
          'scored:spot-check': 1,
          'scoreSum:spot-check': 75,
          'scored:joint-check': 1,
          'scoreSum:joint-check': 84,
        },
      }),
      // (76 + 84) / 2 = 80: not under
      outlet('edge', {
        counts: {
          'scored:spot-check': 1,
          'scoreSum:spot-check': 76,
          'scored:joint-check': 1,
          'scoreSum:joint-check': 84,
        },
      }),
    ]);
    expect(rules(found)).toEqual(['low:supervision-score-low']);
    expect(found[0]).toMatchObject({
      id: '2026-11:supervision-score-low:outlet:low',
      granularity: 'month',
      period: MONTH,
      regionId: 'shanghai',
      figures: { score: 79.5, scoredChecks: 2, threshold: 80, minChecks: 2 },
    });
  });

  it('one scored check is not evidence enough, however low', () => {
    const found = evaluate([
      outlet('one', { counts: { 'scored:spot-check': 1, 'scoreSum:spot-check': 40 } }),
    ]);
    expect(found).toEqual([]);
  });

  it('self-checks are the outlet’s own: they neither lower nor raise the score', () => {
    const found = evaluate([
      // outside checks (90 + 88) / 2 = 89; self-checks 3 at 50 each would drag any mixed mean under 80
      outlet('own', {
        counts: {
          'scored:spot-check': 2,
          'scoreSum:spot-check': 178,
          'scored:self-check': 3,
          'scoreSum:self-check': 150,
        },
      }),
      // two self-checks at 50 and no outside check: nothing to judge
      outlet('self-only', { counts: { 'scored:self-check': 2, 'scoreSum:self-check': 100 } }),
    ]);
    expect(found).toEqual([]);
  });

  it('a released mystery visit counts like the other outside checks (a blind one is not in the tally at all)', () => {
    // (70 + 80) / 2 = 75
    const found = evaluate([
      outlet('m', {
        counts: {
          'scored:mystery-visit': 1,
          'scoreSum:mystery-visit': 70,
          'scored:spot-check': 1,
          'scoreSum:spot-check': 80,
        },
      }),
    ]);
    expect(found[0]?.figures).toMatchObject({ score: 75, scoredChecks: 2 });
  });

  it('follows the configured threshold and minimum', () => {
    const tally = { counts: { 'scored:spot-check': 3, 'scoreSum:spot-check': 255 } }; // 85
    expect(evaluate([outlet('a', tally)], { supervisionScoreBelow: 85 })).toEqual([]);
    expect(rules(evaluate([outlet('a', tally)], { supervisionScoreBelow: 85.5 }))).toEqual([
      'a:supervision-score-low',
    ]);
    expect(evaluate([outlet('a', tally)], { supervisionScoreBelow: 90, minScoredChecks: 4 })).toEqual([]);
  });
});

describe('self-check-low', () => {
  it('warns under 90% of the rounds owed, not at exactly 90%', () => {
    // 56 / 63 = 88.9% < 90%; 57 / 63 = 90.5%; with 60 owed, 54 / 60 = 90% exactly
    const found = evaluate([outlet('under', { rounds: rounds(56) }), outlet('over', { rounds: rounds(57) })]);
    expect(rules(found)).toEqual(['under:self-check-low']);
    expect(found[0]?.figures).toEqual({ rate: 56 / 63, done: 56, owed: 63, threshold: 0.9 });
    expect(evaluate([outlet('exact', { rounds: rounds(54) })], {}, 60)).toEqual([]);
  });

  it('an outlet that did no round at all warns at 0%', () => {
    const found = evaluate([outlet('none', { rounds: [] })]);
    expect(found[0]).toMatchObject({ rule: 'self-check-low', figures: { rate: 0, done: 0, owed: 63 } });
  });

  it('nothing owed (no self-check weekday in the month) is nothing to warn about', () => {
    expect(evaluate([outlet('none', { rounds: [] })], {}, 0)).toEqual([]);
  });
});

describe('rectification-overdue', () => {
  it('warns at 3 tasks due in the month and not put right in time, not at 2', () => {
    const found = evaluate([
      outlet('three', { counts: { tasksDue: 5, tasksOnTime: 2 } }),
      outlet('two', { counts: { tasksDue: 5, tasksOnTime: 3 } }),
    ]);
    expect(rules(found)).toEqual(['three:rectification-overdue']);
    expect(found[0]?.figures).toEqual({ overdue: 3, due: 5, onTime: 2, threshold: 3 });
  });

  it('follows the configured count: 1 warns at the first overdue task', () => {
    expect(
      rules(evaluate([outlet('one', { counts: { tasksDue: 1 } })], { overdueRectifications: 1 })),
    ).toEqual(['one:rectification-overdue']);
  });
});

describe('an outlet can raise all three, each with its own id', () => {
  it('three warnings, three ids', () => {
    const found = evaluate([
      outlet('bad', {
        rounds: [],
        counts: { 'scored:spot-check': 2, 'scoreSum:spot-check': 120, tasksDue: 4 },
      }),
    ]);
    expect(found.map((w) => w.id).sort()).toEqual([
      '2026-11:rectification-overdue:outlet:bad',
      '2026-11:self-check-low:outlet:bad',
      '2026-11:supervision-score-low:outlet:bad',
    ]);
  });
});

describe('the words, in three languages', () => {
  const found = evaluate([
    outlet('bad', {
      rounds: rounds(30),
      counts: { 'scored:spot-check': 2, 'scoreSum:spot-check': 151, tasksDue: 4, tasksOnTime: 1 },
    }),
  ]);
  const of = (rule: string) => {
    const w = found.find((x) => x.rule === rule);
    if (!w) throw new Error(`no ${rule}`);
    return w;
  };
  it('say the figures that raised each', () => {
    // 151 / 2 = 75.5; 30 / 63 = 47.6%; 4 − 1 = 3 overdue
    expect(warningInWords(of('supervision-score-low'), 'zh-CN')).toBe(
      '外部检查平均得分 75.5（2 次评分检查，至少 2 次才判断），低于阈值 80',
    );
    expect(warningInWords(of('self-check-low'), 'zh-TW')).toBe(
      '自查完成率 47.6%（應巡檢 63 輪，完成 30 輪），低於目標 90%',
    );
    expect(warningInWords(of('rectification-overdue'), 'en')).toBe(
      '3 rectifications overdue of 4 due this month (1 on time), at or above the threshold 3',
    );
  });
});
