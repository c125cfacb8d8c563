import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localDate } from '../../functions/domain/calendar.js';
import {
  CALENDAR,
  datesBetween,
  daysOf,
  type Granularity,
  granularityOf,
  isCalendarDay,
  periodCount,
  periodOf,
  periodsBetween,
  previousPeriod,
} from '../../functions/domain/statistics/periods.js';
import { bankDay } from '../../functions/services/rollups.js';

// 2026 starts on a Thursday, so it has 53 ISO weeks: W01 is Mon 2025-12-29 … Sun 2026-01-04,
// W48 is Mon 2026-11-23 … Sun 2026-11-29, W53 is Mon 2026-12-28 … Sun 2027-01-03.
describe('periods: bank days, ISO weeks, months', () => {
  it.each([
    ['2026-11-24', 'week', '2026-W48'],
    ['2026-11-23', 'week', '2026-W48'],
    ['2026-11-22', 'week', '2026-W47'],
    ['2026-01-01', 'week', '2026-W01'],
    ['2025-12-29', 'week', '2026-W01'],
    ['2026-12-31', 'week', '2026-W53'],
    ['2027-01-03', 'week', '2026-W53'],
    ['2027-01-04', 'week', '2027-W01'],
    ['2024-12-30', 'week', '2025-W01'],
    ['2026-11-24', 'month', '2026-11'],
    ['2026-11-24', 'day', '2026-11-24'],
  ] as const)('%s is in %s %s', (date, granularity, period) => {
    expect(periodOf(date, granularity)).toBe(period);
  });

  it('knows the first and last day of weeks across a year end and of months', () => {
    expect(daysOf('2026-W53', 'week')).toEqual({ first: '2026-12-28', last: '2027-01-03' });
    expect(daysOf('2026-W01', 'week')).toEqual({ first: '2025-12-29', last: '2026-01-04' });
    expect(daysOf('2026-02', 'month')).toEqual({ first: '2026-02-01', last: '2026-02-28' });
    expect(daysOf('2028-02', 'month')).toEqual({ first: '2028-02-01', last: '2028-02-29' });
    expect(daysOf('2026-12', 'month')).toEqual({ first: '2026-12-01', last: '2026-12-31' });
  });

  it('lists the periods of a range and steps back across a year end', () => {
    expect(periodsBetween('2026-12-20', '2027-01-10', 'week')).toEqual([
      '2026-W51',
      '2026-W52',
      '2026-W53',
      '2027-W01',
    ]);
    expect(periodsBetween('2026-11-30', '2027-02-01', 'month')).toEqual([
      '2026-11',
      '2026-12',
      '2027-01',
      '2027-02',
    ]);
    expect(previousPeriod('2027-W01', 'week')).toBe('2026-W53');
    expect(previousPeriod('2026-W01', 'week')).toBe('2025-W52');
    expect(previousPeriod('2027-01', 'month')).toBe('2026-12');
    expect(previousPeriod('2026-03-01', 'day')).toBe('2026-02-28');
  });

  it('tells a period’s granularity, refusing days, weeks and months that do not exist', () => {
    expect(granularityOf('2026-W53')).toBe('week');
    expect(granularityOf('2025-W53')).toBeUndefined(); // 2025 starts on a Wednesday: 52 weeks
    expect(granularityOf('2026-W00')).toBeUndefined();
    expect(granularityOf('2026-11')).toBe('month');
    expect(granularityOf('2026-13')).toBeUndefined();
    expect(granularityOf('2026-02-29')).toBeUndefined();
    expect(granularityOf('2028-02-29')).toBe('day');
    expect(granularityOf('11/24/2026')).toBeUndefined();
  });

  it('counts a bank day in the bank’s time zone: Shanghai’s 24 November is 16:00 UTC on the 23rd to 15:59:59.999 on the 24th', () => {
    expect(bankDay('2026-11-24', 'Asia/Shanghai')).toEqual({
      start: '2026-11-23T16:00:00.000Z',
      end: '2026-11-24T15:59:59.999Z',
    });
    expect(localDate(new Date('2026-11-23T16:30:00Z'), 'Asia/Shanghai')).toBe('2026-11-24');
    expect(localDate(new Date('2026-11-23T15:59:59Z'), 'Asia/Shanghai')).toBe('2026-11-23');
  });
});

describe('the calendar the platform answers for', () => {
  const calendarDay = fc
    .integer({
      min: Date.parse(`${CALENDAR.first}T00:00:00Z`),
      max: Date.parse(`${CALENDAR.last}T00:00:00Z`),
    })
    .map((ms) => new Date(ms - (ms % 86_400_000)).toISOString().slice(0, 10));
  const anyGranularity = fc.constantFrom('day', 'week', 'month') as fc.Arbitrary<Granularity>;

  it('accepts real days from 2000-01-01 to 2099-12-31 and nothing outside', () => {
    for (const day of ['2000-01-01', '2026-11-24', '2099-12-31', '2028-02-29'])
      expect(isCalendarDay(day)).toBe(true);
    for (const day of ['1999-12-31', '2100-01-01', '9999-12-31', '0001-01-01', '2026-02-29', '+010000-01-01'])
      expect(isCalendarDay(day)).toBe(false);
    expect(granularityOf('9999-12')).toBeUndefined();
    expect(granularityOf('9999-W52')).toBeUndefined();
    expect(granularityOf('1999-12')).toBeUndefined();
    expect(granularityOf('2099-12')).toBe('month');
    // 2099 has 53 ISO weeks; the 53rd ends on 3 January 2100, past the calendar.
    expect(granularityOf('2099-W52')).toBe('week');
    expect(granularityOf('2099-W53')).toBeUndefined();
  });

  it('counts the periods of a range by arithmetic, the same number the list then has', () => {
    fc.assert(
      fc.property(calendarDay, calendarDay, anyGranularity, (a, b, g) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const count = periodCount(from, to, g);
        if (count > 800) return; // listing is what the count exists to avoid; the rule is checked below
        const listed = g === 'day' ? datesBetween(from, to) : periodsBetween(from, to, g);
        expect(listed).toHaveLength(count);
        expect(new Set(listed).size).toBe(count);
        expect(listed[0]).toBe(periodOf(from, g));
        expect(listed.at(-1)).toBe(periodOf(to, g));
      }),
      { numRuns: 300 },
    );
  });

  it('counts from the rule: days inclusive, Monday-to-Sunday weeks, calendar months', () => {
    expect(periodCount('2026-11-24', '2026-11-24', 'day')).toBe(1);
    expect(periodCount('2026-11-25', '2026-11-24', 'day')).toBe(0);
    expect(periodCount('2000-01-01', '2099-12-31', 'day')).toBe(36_525);
    expect(periodCount('2026-11-29', '2026-11-30', 'week')).toBe(2); // Sunday, then Monday
    expect(periodCount('2026-11-23', '2026-11-29', 'week')).toBe(1);
    expect(periodCount('2026-11-30', '2027-02-01', 'month')).toBe(4);
    expect(periodCount('2000-01-01', '2099-12-31', 'month')).toBe(1_200);
    expect(() => periodCount('9999-12-31', '9999-12-31', 'day')).toThrow(RangeError);
  });

  it('lists the last days of the calendar without running past them', () => {
    expect(datesBetween('2099-12-30', '2099-12-31')).toEqual(['2099-12-30', '2099-12-31']);
    expect(periodsBetween('2099-11-15', '2099-12-31', 'month')).toEqual(['2099-11', '2099-12']);
  });
});
