import { describe, expect, it } from 'vitest';
import {
  circularPublishedNotice,
  monthEnded,
} from '../../functions/domain/supervision/circular-publication.js';
import type { Rectification } from '../../functions/domain/supervision/rectification.js';
import { rectificationNotice } from '../../functions/domain/supervision/rectification-notice.js';
import {
  type MonthTallies,
  monthsOfPeriod,
  owedRoundsOf,
  regionRows,
  type SupervisionRow,
  supervisionRows,
  weakestFirst,
} from '../../functions/domain/supervision/statistics.js';
import { supervisionFigures } from '../../functions/domain/supervision/tally.js';

/**
 * Supervision's periods, owed rounds, rows and notices as the README states them ("Supervision
 * statistics", "Publishing the circular", the rectification sweeper): expected values worked by
 * hand from those sentences. Monday to Friday is `[1, 2, 3, 4, 5]` (ISO weekdays, Monday 1).
 */
const WEEKDAYS = [1, 2, 3, 4, 5];

describe('periods and the self-check rounds owed', () => {
  it('a month is itself; a quarter is its three months; anything else is no period', () => {
    expect(monthsOfPeriod('2026-11')).toEqual(['2026-11']);
    expect(monthsOfPeriod('2026-Q1')).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(monthsOfPeriod('2026-Q4')).toEqual(['2026-10', '2026-11', '2026-12']);
    for (const bad of ['2026-13', '2026-00', '2026-Q5', '2026-Q0', '2026-11-01', 'x2026-11', '2026-11x', ''])
      expect(monthsOfPeriod(bad), bad).toBeUndefined();
  });

  it('3 rounds on each working day: the whole month once over, up to yesterday while under way, none before', () => {
    // November 2026: 1 November is a Sunday; 21 days Monday to Friday.
    expect(owedRoundsOf('2026-11', '2026-12-03', WEEKDAYS)).toBe(63);
    // Under way on Wednesday 4 November: Monday 2 and Tuesday 3 owed, not today.
    expect(owedRoundsOf('2026-11', '2026-11-04', WEEKDAYS)).toBe(6);
    // On its first day nothing is owed yet; a month to come owes nothing.
    expect(owedRoundsOf('2026-11', '2026-11-01', WEEKDAYS)).toBe(0);
    expect(owedRoundsOf('2026-11', '2026-11-02', WEEKDAYS)).toBe(0);
    expect(owedRoundsOf('2026-12', '2026-11-20', WEEKDAYS)).toBe(0);
    // Every day of the week: 30 days.
    expect(owedRoundsOf('2026-11', '2026-12-01', [1, 2, 3, 4, 5, 6, 7])).toBe(90);
  });
});

describe('rows of outlets, regions and the bank', () => {
  const tally = (counts: Record<string, number>, rounds: string[] = []) => ({ counts, rounds });
  const nov: MonthTallies = {
    month: '2026-11',
    owedRounds: 6,
    inUse: true,
    outlets: [
      {
        outletId: 'a',
        regionId: 'north',
        tally: tally(
          {
            'inspections:spot-check': 1,
            'scored:spot-check': 1,
            'scoreSum:spot-check': 70,
            tasksDue: 2,
            tasksOnTime: 1,
          },
          ['02#1', '02#2', '02#3', '03#1'],
        ),
      },
      // More rounds than owed count as owed, no more.
      {
        outletId: 'b',
        regionId: 'south',
        tally: tally({}, ['02#1', '02#2', '02#3', '03#1', '03#2', '03#3', '04#1']),
      },
    ],
  };
  const outlets = [
    { id: 'a', regionId: 'north' },
    { id: 'b', regionId: 'south' },
    { id: 'c', regionId: 'north' }, // no tally: owed its rounds, did none
  ];

  it('each outlet owes its rounds in a month supervision was in use, a tally or not; done is never more than owed', () => {
    const { outlets: rows, total } = supervisionRows([nov], outlets);
    const byId = new Map(rows.map((r) => [r.id, r.figures]));
    expect(byId.get('a')?.selfCheck).toEqual({ done: 4, owed: 6, rate: 4 / 6 });
    expect(byId.get('b')?.selfCheck).toEqual({ done: 6, owed: 6, rate: 1 });
    expect(byId.get('c')?.selfCheck).toEqual({ done: 0, owed: 6, rate: 0 });
    expect(byId.get('a')?.checkScore).toBe(70);
    expect(byId.get('a')?.rectification).toEqual({ due: 2, onTime: 1, rate: 0.5 });
    // The bank: 10 of 18 rounds; one scored check.
    expect(total.selfCheck).toEqual({ done: 10, owed: 18, rate: 10 / 18 });
    expect(total.checkScore).toBe(70);
  });

  it('a month nobody used supervision owes nothing; a quarter adds its months', () => {
    const oct: MonthTallies = { month: '2026-10', owedRounds: 66, inUse: false, outlets: [] };
    const dec: MonthTallies = {
      ...nov,
      month: '2026-12',
      owedRounds: 3,
      outlets: [
        {
          outletId: 'a',
          regionId: 'north',
          tally: tally({ 'inspections:spot-check': 1, 'scored:spot-check': 1, 'scoreSum:spot-check': 90 }, [
            '01#1',
          ]),
        },
      ],
    };
    const a = supervisionRows([oct, nov, dec], outlets).outlets.find((r) => r.id === 'a')?.figures;
    expect(a?.selfCheck).toEqual({ done: 5, owed: 9, rate: 5 / 9 });
    expect(a?.checkScore).toBe(80); // (70 + 90) ÷ 2
    expect(a?.inspectionsByKind['spot-check']).toBe(2);
  });

  it('regions are their outlets summed, counted by the region each belongs to', () => {
    const regions = new Map(regionRows([nov], outlets).map((r) => [r.id, r]));
    expect(regions.get('north')?.outlets).toBe(2);
    expect(regions.get('north')?.figures.selfCheck).toEqual({ done: 4, owed: 12, rate: 4 / 12 });
    expect(regions.get('south')?.outlets).toBe(1);
    expect(regions.get('south')?.figures.selfCheck).toEqual({ done: 6, owed: 6, rate: 1 });
  });

  it('weakest first: more red-line failures in outside checks, then the lower score, then unscored, then by id', () => {
    const row = (id: string, score: number | null, redLines = 0): SupervisionRow => ({
      id,
      figures: {
        ...supervisionFigures({ counts: {}, rounds: [] }, 0),
        checkScore: score,
        checkRedLineFailures: redLines,
      },
    });
    const rows = [row('e', null), row('d', 95), row('c', 60), row('b', 99, 1), row('a', 95), row('f', null)];
    expect(rows.sort(weakestFirst).map((r) => r.id)).toEqual(['b', 'c', 'a', 'd', 'e', 'f']);
  });
});

describe('the circular published and the rectification alerts', () => {
  it('a month may be published from the first day of the next', () => {
    expect(monthEnded('2026-11', '2026-12-01')).toBe(true);
    expect(monthEnded('2026-11', '2026-11-30')).toBe(false);
    expect(monthEnded('2026-12', '2026-12-01')).toBe(false);
    expect(monthEnded('2025-12', '2026-01-01')).toBe(true);
  });

  it('one notice on the alerts topic for every outlet manager, deduplicated by month, linking to the circular', () => {
    const notice = circularPublishedNotice(
      {
        month: '2026-11',
        publishedAt: '2026-12-01T02:00:00.000Z',
        publishedBy: '钱进',
        publishedByUsername: 'inspector.1',
      },
      'https://feedback.example.com',
    );
    expect(notice.topic).toBe('alerts');
    expect(notice.attributes).toEqual({
      event: 'circular-published',
      audience: 'outlet-manager',
      month: '2026-11',
    });
    expect(notice.deduplicationId).toBe('circular:2026-11');
    expect(notice.body).toEqual({
      event: 'circular-published',
      month: '2026-11',
      publishedAt: '2026-12-01T02:00:00.000Z',
      circularUrl: 'https://feedback.example.com/circular?month=2026-11',
    });
    expect(notice.subject).toContain('2026-11');
  });

  const task: Rectification = {
    id: 'insp-1.env-clean',
    inspectionId: 'insp-1',
    outletId: 'sh-jingan',
    regionId: 'shanghai',
    itemId: 'env-clean',
    redLine: true,
    repeated: true,
    foundAt: '2026-10-12T02:00:00.000Z',
    dueAt: '2026-10-15T15:59:59.999Z',
    status: 'open',
    version: 1,
  };

  it('a reminder is for the outlet manager, a breach (督办) for the region and head office, each once per task', () => {
    const remind = rectificationNotice(task, 'remind', 'https://x.example');
    expect(remind.topic).toBe('alerts');
    expect(remind.attributes).toEqual({
      event: 'rectification-reminder',
      audience: 'outlet-manager',
      outlet: 'sh-jingan',
      region: 'shanghai',
    });
    expect(remind.deduplicationId).toBe('rectification:insp-1.env-clean:remind');
    expect(remind.body).toMatchObject({
      event: 'rectification-reminder',
      rectificationId: 'insp-1.env-clean',
      inspectionId: 'insp-1',
      itemId: 'env-clean',
      redLine: true,
      repeated: true,
      dueAt: '2026-10-15T15:59:59.999Z',
    });
    const breach = rectificationNotice(task, 'escalate', 'https://x.example');
    expect(breach.attributes).toEqual({
      event: 'rectification-breach',
      audience: 'region,head-office',
      outlet: 'sh-jingan',
      region: 'shanghai',
    });
    expect(breach.deduplicationId).toBe('rectification:insp-1.env-clean:escalate');
    expect(breach.subject).toContain('shanghai');
    expect(remind.subject).not.toBe(breach.subject);
  });
});
