import { describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../functions/domain/calendar.js';

describe('calendar in the bank time zone', () => {
  it('puts an early-morning Shanghai instant on the Shanghai day, not the UTC day', () => {
    expect(localDate(new Date('2026-11-22T23:30:00Z'), 'Asia/Shanghai')).toBe('2026-11-23');
    expect(localDate(new Date('2026-11-22T23:30:00Z'), 'UTC')).toBe('2026-11-22');
  });

  it('adds calendar days across month and year ends', () => {
    expect(addDays('2026-12-25', 15)).toBe('2027-01-09');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});
