import { describe, expect, it } from 'vitest';
import { daysLeft, dueDate, endOfLocalDay } from '../../functions/domain/time-limits.js';

describe('complaint time limits', () => {
  it('end 15 calendar days after receipt, at the end of the day in Shanghai', () => {
    // Received 10:00 on 24 Nov in Shanghai → due end of 9 Dec in Shanghai (15:59:59.999Z).
    expect(dueDate(new Date('2026-11-24T02:00:00Z'), 15, 'Asia/Shanghai').toISOString()).toBe(
      '2026-12-09T15:59:59.999Z',
    );
  });

  it('count the bank day of receipt, not the UTC day', () => {
    // 23:30 UTC on 23 Nov is already 07:30 on 24 Nov in Shanghai.
    expect(dueDate(new Date('2026-11-23T23:30:00Z'), 15, 'Asia/Shanghai').toISOString()).toBe(
      '2026-12-09T15:59:59.999Z',
    );
  });

  it('cross month, year and leap days', () => {
    expect(dueDate(new Date('2027-12-20T04:00:00Z'), 15, 'Asia/Shanghai').toISOString()).toBe(
      '2028-01-04T15:59:59.999Z',
    );
    expect(dueDate(new Date('2028-02-14T04:00:00Z'), 15, 'Asia/Shanghai').toISOString()).toBe(
      '2028-02-29T15:59:59.999Z',
    );
  });

  it('extend to 30 and 60 days from the same receipt', () => {
    const received = new Date('2026-11-24T02:00:00Z');
    expect(dueDate(received, 30, 'Asia/Shanghai').toISOString()).toBe('2026-12-24T15:59:59.999Z');
    expect(dueDate(received, 60, 'Asia/Shanghai').toISOString()).toBe('2027-01-23T15:59:59.999Z');
  });

  it('work in zones with daylight saving time', () => {
    expect(endOfLocalDay('2026-07-01', 'Europe/London').toISOString()).toBe('2026-07-01T22:59:59.999Z');
    expect(endOfLocalDay('2026-12-01', 'Europe/London').toISOString()).toBe('2026-12-01T23:59:59.999Z');
  });
});

describe('whole days left until a due date', () => {
  const due = new Date('2026-12-09T15:59:59.999Z');
  it('counts whole days, rounding down, and goes negative once the date has passed', () => {
    expect(daysLeft(new Date('2026-12-07T15:59:59.999Z'), due)).toBe(2);
    expect(daysLeft(new Date('2026-12-07T16:00:00.000Z'), due)).toBe(1);
    expect(daysLeft(new Date('2026-12-09T15:59:59.999Z'), due)).toBe(0);
    expect(daysLeft(new Date('2026-12-09T16:00:00.000Z'), due)).toBe(-1);
  });
});
