import { describe, expect, it } from 'vitest';
import { circular } from '../../functions/domain/supervision/circular.js';
import type { InspectionScore } from '../../functions/domain/supervision/scoring.js';
import {
  acceptedTaskCounts,
  inspectionCounts,
  mergeTallyChanges,
  roundOf,
  type SupervisionTally,
  sumTallies,
  supervisionFigures,
  tallyChanges,
} from '../../functions/domain/supervision/tally.js';

/**
 * The supervision figures and the circular, from the README's definitions ("Service supervision":
 * the figures, the circular): mean score per kind, the outside checks' mean that ranks outlets,
 * red-line failures, findings per outside check, self-check completion (rounds done once each over
 * rounds owed), rectifications on time (accepted with an answer by the due date, over those due).
 */
const score = (value: number | null, failed: string[] = [], redLineFailed = false): InspectionScore => ({
  earned: value ?? 0,
  possible: 100,
  score: value,
  redLineFailed,
  passed: !redLineFailed,
  items: failed.map((itemId) => ({ itemId, earned: 0, possible: 10, failed: true, redLine: false })),
});

const tallyOf = (
  inspections: {
    kind: Parameters<typeof inspectionCounts>[0]['kind'];
    result: InspectionScore;
    date?: string;
    round?: 'opening' | 'midday' | 'closing';
  }[],
): SupervisionTally =>
  sumTallies(
    inspections.map((i) => {
      const round = roundOf({ kind: i.kind, date: i.date ?? '2026-11-02', round: i.round });
      return { counts: inspectionCounts(i), rounds: round ? [round] : [] };
    }),
  );

describe('what an inspection adds to its tallies', () => {
  it('counts a spot check with its score, its failed items and its findings', () => {
    expect(inspectionCounts({ kind: 'spot-check', result: score(85, ['five-s', 'waiting']) })).toEqual({
      'inspections:spot-check': 1,
      'scored:spot-check': 1,
      'scoreSum:spot-check': 85,
      findings: 2,
      'fail:five-s': 1,
      'fail:waiting': 1,
    });
  });

  it('counts a self-check’s failed items but not as findings (they are put right on the spot)', () => {
    expect(inspectionCounts({ kind: 'self-check', result: score(90, ['five-s']) })).toEqual({
      'inspections:self-check': 1,
      'scored:self-check': 1,
      'scoreSum:self-check': 90,
      'fail:five-s': 1,
    });
  });

  it('counts a red-line failure, and no score when nothing could be scored', () => {
    expect(inspectionCounts({ kind: 'joint-check', result: score(null, [], true) })).toEqual({
      'inspections:joint-check': 1,
      redLineFailures: 1,
      checkRedLineFailures: 1,
    });
    // A self-check's red line counts as a failure, not against the outlet's ranking.
    expect(inspectionCounts({ kind: 'self-check', result: score(null, [], true) })).toEqual({
      'inspections:self-check': 1,
      redLineFailures: 1,
    });
  });

  it('adds the same counts to the outlet, its region and the bank, and merges changes to one tally', () => {
    const at = { outletId: 'sh-jingan', regionId: 'shanghai' };
    const changes = mergeTallyChanges([
      ...tallyChanges(at, '2026-11', { 'inspections:spot-check': 1 }),
      ...tallyChanges(at, '2026-11', { tasksDue: 1 }),
      ...tallyChanges(at, '2026-12', { tasksDue: 1 }),
    ]);
    expect(changes.map((c) => [c.scope, c.id, c.month, c.counts])).toEqual([
      ['outlet', 'sh-jingan', '2026-11', { 'inspections:spot-check': 1, tasksDue: 1 }],
      ['region', 'shanghai', '2026-11', { 'inspections:spot-check': 1, tasksDue: 1 }],
      ['bank', 'bank', '2026-11', { 'inspections:spot-check': 1, tasksDue: 1 }],
      ['outlet', 'sh-jingan', '2026-12', { tasksDue: 1 }],
      ['region', 'shanghai', '2026-12', { tasksDue: 1 }],
      ['bank', 'bank', '2026-12', { tasksDue: 1 }],
    ]);
  });

  it('counts an accepted task on time only when its accepted answer came by the due date', () => {
    const dueAt = '2026-11-17T15:59:59.999Z';
    const answer = (at: string) => ({ note: 'done', by: 'manager.x', at });
    expect(acceptedTaskCounts({ status: 'accepted', dueAt, answer: answer(dueAt) })).toEqual({
      tasksOnTime: 1,
    });
    expect(
      acceptedTaskCounts({ status: 'accepted', dueAt, answer: answer('2026-11-17T16:00:00.000Z') }),
    ).toEqual({});
    expect(acceptedTaskCounts({ status: 'submitted', dueAt, answer: answer(dueAt) })).toEqual({});
  });
});

describe('the figures of a tally', () => {
  it('takes each kind’s mean, the outside checks’ mean, findings per outside check and completion', () => {
    const tally = tallyOf([
      { kind: 'spot-check', result: score(80, ['a', 'b']) },
      { kind: 'joint-check', result: score(90, ['a']) },
      { kind: 'mystery-visit', result: score(70, [], true) },
      { kind: 'self-check', result: score(100), round: 'opening' },
      { kind: 'self-check', result: score(95), round: 'midday' },
      // The same round twice counts once.
      { kind: 'self-check', result: score(90, ['c']), round: 'midday' },
    ]);
    const figures = supervisionFigures(
      { ...tally, counts: { ...tally.counts, tasksDue: 4, tasksOnTime: 3 } },
      6,
    );
    expect(figures.meanScore).toEqual({
      'self-check': 95, // (100 + 95 + 90) / 3
      'spot-check': 80,
      'joint-check': 90,
      'mystery-visit': 70,
    });
    expect(figures.checkScore).toBe(80); // (80 + 90 + 70) / 3
    expect(figures.inspections).toBe(6);
    expect(figures.redLineFailures).toBe(1);
    expect(figures.findingsPerCheck).toBe(1); // 3 findings over 3 outside checks
    expect(figures.selfCheck).toEqual({ done: 2, owed: 6, rate: 2 / 6 });
    expect(figures.rectification).toEqual({ due: 4, onTime: 3, rate: 0.75 });
  });

  it('has no rate over nothing, and never more rounds done than owed', () => {
    const figures = supervisionFigures(
      tallyOf([{ kind: 'self-check', result: score(100), round: 'opening' }]),
      0,
    );
    expect(figures.checkScore).toBeNull();
    expect(figures.findingsPerCheck).toBeNull();
    expect(figures.selfCheck).toEqual({ done: 0, owed: 0, rate: null });
    expect(figures.rectification.rate).toBeNull();
  });
});

describe('the circular', () => {
  const outlet = (
    outletId: string,
    regionId: string,
    checks: [number, boolean?][],
    rounds = 0,
    due = 0,
    onTime = 0,
  ) => {
    const tally = tallyOf([
      ...checks.map(([value, redLine]) => ({
        kind: 'spot-check' as const,
        result: score(value, [], redLine ?? false),
      })),
      ...Array.from({ length: rounds }, (_, i) => ({
        kind: 'self-check' as const,
        result: score(100),
        date: `2026-11-${String(2 + Math.floor(i / 3)).padStart(2, '0')}`,
        round: (['opening', 'midday', 'closing'] as const)[i % 3],
      })),
    ]);
    return {
      outletId,
      regionId,
      tally: { ...tally, counts: { ...tally.counts, tasksDue: due, tasksOnTime: onTime } },
    };
  };

  it('ranks outlets with fewer red-line failures first, then by their outside checks’ mean, unchecked ones unranked', () => {
    // c scores highest but crossed a red line: it ranks after every outlet that did not.
    const outlets = [
      outlet('a', 'north', [[90]]),
      outlet('b', 'north', [[95]]),
      outlet('c', 'south', [[99, true]], 0, 2, 0),
      outlet('d', 'south', [], 3),
    ];
    const result = circular({
      month: '2026-11',
      outlets,
      regions: new Map(),
      bank: sumTallies(outlets.map((o) => o.tally)),
      redLineFindings: [],
      owedRounds: 6,
      top: 2,
      ended: false,
    });
    expect(result.outlets.map((o) => [o.outletId, o.rank])).toEqual([
      ['b', 1],
      ['a', 2],
      ['c', 3],
      ['d', undefined],
    ]);
    expect(result.best.map((o) => o.outletId)).toEqual(['b', 'a']);
    expect(result.weakest.map((o) => o.outletId)).toEqual(['c', 'a']);
    // No outlet had its joint check.
    expect(result.outlets.every((o) => o.jointCheckMissing)).toBe(true);
    // While the month is under way nothing is overdue yet (its tasks may still be put right).
    expect(result.overdue).toEqual([]);
  });

  it('gives a region its outlets’ self-check rounds over what they owed, and lists rectifications not in time', () => {
    const outlets = [outlet('a', 'north', [[90]], 6, 3, 3), outlet('b', 'north', [[80]], 3, 4, 1)];
    const north = sumTallies(outlets.map((o) => o.tally));
    const result = circular({
      month: '2026-11',
      outlets,
      regions: new Map([['north', north]]),
      bank: north,
      redLineFindings: [],
      owedRounds: 6,
      top: 10,
      ended: true,
    });
    const [region] = result.regions;
    expect(region?.figures.selfCheck).toEqual({ done: 9, owed: 12, rate: 0.75 });
    expect(region?.figures.checkScore).toBe(85);
    expect(region?.figures.rectification).toEqual({ due: 7, onTime: 4, rate: 4 / 7 });
    expect(result.overdue.map((o) => [o.outletId, o.overdue])).toEqual([['b', 3]]);
    expect(result.bank.selfCheck).toEqual({ done: 9, owed: 12, rate: 0.75 });
  });
});
