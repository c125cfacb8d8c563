import { describe, expect, it } from 'vitest';
import type { ComplaintFacts } from '../../functions/domain/statistics/complaint-totals.js';
import { complaintFigures, ratingFigures } from '../../functions/domain/statistics/figures.js';
import {
  departmentDay,
  departmentMajorComplaints,
  outletDayComplaints,
  outletDayRatings,
  outletDayRollup,
  type Rollup,
  sumOfDays,
  sumOfOutlets,
  sumOfRegions,
} from '../../functions/domain/statistics/rollup.js';
import { combined, distinctStaleDays } from '../../functions/domain/statistics/stale-outlet-days.js';

const day = { dayStart: '2026-11-23T16:00:00.000Z', dayEnd: '2026-11-24T15:59:59.999Z' };
const at = (hhmm: string) => new Date(`2026-11-24T${hhmm}:00+08:00`).toISOString();
const complaint = (overrides: Partial<ComplaintFacts>): ComplaintFacts => ({
  trackingNo: 'X',
  outletId: 'sh-jingan',
  regionId: 'shanghai',
  departmentId: 'operations',
  category: 'waiting-time',
  severity: 'normal',
  channel: 'qr',
  status: 'assigned',
  receivedAt: at('10:00'),
  dueAt: '2026-12-09T15:59:59.999Z',
  recurring: false,
  ...overrides,
});

describe('an outlet-day from its records', () => {
  // Built inside each test, not while the file is collected, so a mutation run sees the tests reach it.
  const outletDay = () =>
    outletDayRollup({
      outlet: { id: 'sh-jingan', regionId: 'shanghai' },
      date: '2026-11-24',
      ratings: [
        { receivedAt: at('09:10'), rating: 5 },
        { receivedAt: at('09:40'), rating: 4, aspects: { attitude: 4 } },
        { receivedAt: at('11:00'), rating: 2, comment: '等了一个小时' },
        { receivedAt: at('15:30'), rating: 1, comment: '<b>没人管</b>' },
        { receivedAt: at('16:00'), rating: 1 },
      ],
      complaints: [
        complaint({ trackingNo: 'TODAY-1', severity: 'major', departmentId: 'cards' }),
        complaint({ trackingNo: 'TODAY-2', receivedAt: at('14:00') }),
        // Received in October, still open, due 20 November: overdue at this day's end.
        complaint({
          trackingNo: 'OLD',
          receivedAt: '2026-10-30T02:00:00.000Z',
          dueAt: '2026-11-20T15:59:59.999Z',
        }),
      ],
      ...day,
      now: '2026-11-25T02:00:00.000Z',
    });

  it('counts its ratings: 5, CSAT 2 of 5, mean 13/5, two comments', () => {
    const rollup = outletDay();
    const figures = ratingFigures(rollup.ratings);
    expect(figures).toMatchObject({ count: 5, csat: 2 / 5, mean: 13 / 5, comments: 2 });
    expect(figures.distribution).toEqual({ 1: 2, 2: 1, 3: 0, 4: 1, 5: 1 });
    expect(figures.aspects).toEqual({
      environment: null,
      attitude: 4,
      efficiency: null,
      professionalism: null,
    });
  });

  it('keeps the low ratings with comments, newest first, as written', () => {
    const rollup = outletDay();
    expect(rollup.lowRatings.map((r) => r.comment)).toEqual(['<b>没人管</b>', '等了一个小时']);
  });

  it('counts the complaints received that day, and the older one still overdue at its end', () => {
    const rollup = outletDay();
    expect(rollup.complaints.received).toBe(2);
    expect(rollup.complaints.openOverdue).toBe(1);
    expect(rollup.majorComplaints.map((c) => c.trackingNo)).toEqual(['TODAY-1']);
    expect(rollup.byDepartment?.cards?.received).toBe(1);
    expect(rollup.byDepartment?.operations).toMatchObject({ received: 1, openOverdue: 1 });
    expect(complaintFigures(rollup.complaints, 5).perThousandRatings).toBe(400);
  });
});

const outletRollup = (
  id: string,
  regionId: string,
  figures: { ratings: number[]; received?: number; resolved?: number; onTime?: number; overdue?: number },
): Rollup => {
  const r = outletDayRollup({
    outlet: { id, regionId },
    date: '2026-11-24',
    ratings: figures.ratings.map((rating) => ({ receivedAt: at('10:00'), rating })),
    complaints: [],
    ...day,
    now: day.dayEnd,
  });
  return {
    ...r,
    complaints: {
      ...r.complaints,
      received: figures.received ?? 0,
      resolved: figures.resolved ?? 0,
      resolvedOnTime: figures.onTime ?? 0,
      openOverdue: figures.overdue ?? 0,
    },
    computedAt: day.dayEnd,
  };
};

describe('sums of outlet-days', () => {
  const a = outletRollup('sh-jingan', 'shanghai', {
    ratings: [5, 5, 1],
    received: 2,
    resolved: 1,
    overdue: 1,
  });
  const b = outletRollup('sh-lujiazui', 'shanghai', {
    ratings: [4, 3],
    received: 1,
    resolved: 1,
    overdue: 2,
  });

  it('a region is its outlets summed: counts, never an average of their averages', () => {
    const region = sumOfOutlets([a, b]);
    expect(region.outlets).toBe(2);
    // CSAT of the region is 3 of 5 ratings (60%), not the mean of 2/3 and 1/2 (58.3%).
    expect(ratingFigures(region.ratings).csat).toBe(3 / 5);
    expect(region.complaints).toMatchObject({ received: 3, resolved: 2, openOverdue: 3 });
  });

  it('a week is its days summed, its overdue stock the last day’s', () => {
    const week = sumOfDays([a, b]);
    expect(week.ratings.count).toBe(5);
    expect(week.complaints.openOverdue).toBe(2);
  });

  it('a department’s day is its entries in every outlet-day', () => {
    const withDepartments: Pick<Rollup, 'byDepartment'>[] = [
      {
        byDepartment: {
          cards: { ...a.complaints, received: 2 },
          operations: { ...a.complaints, received: 1 },
        },
      },
      { byDepartment: { cards: { ...a.complaints, received: 3 } } },
      {},
    ];
    expect(departmentDay(withDepartments, 'cards').received).toBe(5);
    expect(departmentDay(withDepartments, 'credit').received).toBe(0);
  });
});

describe('an outlet-day in two halves, and sums that never need every outlet', () => {
  const input = {
    outlet: { id: 'sh-jingan', regionId: 'shanghai' },
    date: '2026-11-24',
    ratings: [
      { receivedAt: at('09:10'), rating: 5 },
      { receivedAt: at('11:00'), rating: 2, comment: '等了一个小时' },
    ],
    complaints: [
      complaint({ trackingNo: 'A', severity: 'major', departmentId: 'cards' }),
      complaint({
        trackingNo: 'B',
        receivedAt: '2026-10-30T02:00:00.000Z',
        dueAt: '2026-11-20T15:59:59.999Z',
      }),
    ],
    ...day,
    now: '2026-11-25T02:00:00.000Z',
  };

  it('is its ratings half and its complaints half: a refresh of ratings keeps the complaints half as stored', () => {
    const { scope, id, granularity, period, regionId, ...figures } = outletDayRollup(input);
    expect({ scope, id, granularity, period, regionId }).toEqual({
      scope: 'outlet',
      id: 'sh-jingan',
      granularity: 'day',
      period: '2026-11-24',
      regionId: 'shanghai',
    });
    expect(figures).toEqual({ ...outletDayRatings(input), ...outletDayComplaints(input) });
    expect(Object.keys(outletDayRatings(input)).sort()).toEqual(['lowRatings', 'ratings']);
    expect(Object.keys(outletDayComplaints(input)).sort()).toEqual([
      'byDepartment',
      'complaints',
      'majorComplaints',
    ]);
  });

  const outletDay = (id: string, regionId: string, minutes: number, department: string, overdue = false) =>
    ({
      ...outletDayRollup({
        ...input,
        outlet: { id, regionId },
        ratings: [{ receivedAt: at(`10:${String(minutes).padStart(2, '0')}`), rating: 1, comment: '慢' }],
        complaints: [
          complaint({
            trackingNo: `${id}-1`,
            outletId: id,
            severity: 'major',
            departmentId: department,
            receivedAt: at('12:00'),
            // Every list item at the same instant: only what it is orders them.
            ...(overdue ? { receivedAt: '2026-10-30T02:00:00.000Z', dueAt: '2026-11-20T15:59:59.999Z' } : {}),
          }),
        ],
      }),
      computedAt: day.dayEnd,
    }) satisfies Rollup;
  const allOutlets = () => [
    outletDay('a', 'north', 0, 'cards'),
    outletDay('b', 'north', 0, 'operations', true),
    outletDay('c', 'south', 0, 'cards'),
    outletDay('d', 'south', 5, 'cards', true),
  ];
  const region = (outlets: Rollup[], id: string) => ({
    ...sumOfOutlets(outlets.filter((o) => o.regionId === id)),
    scope: 'region' as const,
    id,
  });

  it('a region-day keeps its outlets’ entries per department, so a department’s day sums region-days', () => {
    const outlets = allOutlets();
    const regions = [region(outlets, 'north'), region(outlets, 'south')];
    for (const department of ['cards', 'operations', 'credit']) {
      expect(departmentDay(regions, department)).toEqual(departmentDay(outlets, department));
      expect(departmentMajorComplaints(regions, department)).toEqual(
        departmentMajorComplaints(outlets, department),
      );
    }
    expect(departmentDay(regions, 'cards')).toMatchObject({ received: 2, openOverdue: 1 });
  });

  it('the bank’s day sums the regions’ days: the same figures as all its outlets, and the outlets counted', () => {
    const outlets = allOutlets();
    const bank = sumOfRegions([region(outlets, 'north'), region(outlets, 'south')]);
    const { outlets: count, byDepartment: _, ...all } = sumOfOutlets(outlets);
    expect(bank).toEqual({ ...all, outlets: count });
    expect(bank.outlets).toBe(4);
  });

  it('lists equal instants in the same order whatever order they were summed in', () => {
    const outlets = allOutlets();
    const forwards = sumOfOutlets(outlets);
    const backwards = sumOfOutlets([...outlets].reverse());
    expect(backwards.lowRatings).toEqual(forwards.lowRatings);
    expect(backwards.majorComplaints).toEqual(forwards.majorComplaints);
    expect(forwards.lowRatings.map((r) => r.outletId)).toEqual(['d', 'a', 'b', 'c']);
  });
});

describe('stale outlet-days', () => {
  it('are each read once per change, oldest first', () => {
    expect(
      distinctStaleDays([
        { date: '2026-11-25', outletId: 'b', changed: 'ratings' },
        { date: '2026-11-25', outletId: 'a', changed: 'ratings' },
        { date: '2026-11-25', outletId: 'a', changed: 'complaints' },
        { date: '2026-11-25', outletId: 'a', changed: 'ratings' },
        { date: '2026-11-20', outletId: 'b', changed: 'complaints' },
      ]),
    ).toEqual([
      { date: '2026-11-20', outletId: 'b', changed: 'complaints' },
      { date: '2026-11-25', outletId: 'a', changed: 'complaints' },
      { date: '2026-11-25', outletId: 'a', changed: 'ratings' },
      { date: '2026-11-25', outletId: 'b', changed: 'ratings' },
    ]);
  });

  it('a day whose ratings and complaints both changed is read whole', () => {
    expect(combined(undefined, 'ratings')).toBe('ratings');
    expect(combined('ratings', 'ratings')).toBe('ratings');
    expect(combined('ratings', 'complaints')).toBe('all');
    expect(combined('complaints', 'all')).toBe('all');
  });
});
