import { addDays } from '../calendar.js';

/**
 * The periods statistics are kept for: bank days (`2026-11-24`), ISO weeks (`2026-W48`, Monday
 * to Sunday, week 1 holds the year's first Thursday) and months (`2026-11`). Days are the bank's
 * (its time zone); a week or month is a run of bank days, so every figure of a week or month is
 * a sum over its days.
 */
export const GRANULARITIES = ['day', 'week', 'month'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const WEEK = /^(\d{4})-W(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;

/**
 * The calendar the platform answers for: every day, week and month it accepts lies within it.
 * A bank's history starts this century and its plans end in it; past year 9999 the ISO date
 * text gains a sign (`+010000-01-01`) and stops sorting as a date, so a range was once listed
 * forever. Every date parameter is checked against this one definition (`isCalendarDay`).
 */
export const CALENDAR = { first: '2000-01-01', last: '2099-12-31' } as const;

/** The period of granularity `g` that a bank day belongs to. */
export function periodOf(date: string, g: Granularity): string {
  switch (g) {
    case 'day':
      return date;
    case 'month':
      return date.slice(0, 7);
    case 'week': {
      const { year, week } = isoWeek(date);
      return `${year}-W${String(week).padStart(2, '0')}`;
    }
  }
}

/** The first and last bank day of a period. */
export function daysOf(period: string, g: Granularity): { first: string; last: string } {
  switch (g) {
    case 'day':
      return { first: period, last: period };
    case 'month': {
      const first = `${period}-01`;
      return { first, last: addDays(`${nextMonth(period)}-01`, -1) };
    }
    case 'week': {
      const [, year, week] = WEEK.exec(period) ?? [];
      const monday = addDays(mondayOfWeek1(Number(year)), (Number(week) - 1) * 7);
      return { first: monday, last: addDays(monday, 6) };
    }
  }
}

/** Every bank day of a period, in order. */
export function datesOf(period: string, g: Granularity): string[] {
  const { first, last } = daysOf(period, g);
  return datesBetween(first, last);
}

/** Every bank day from `first` to `last` inclusive (none when `first` is after `last`). */
export function datesBetween(first: string, last: string): string[] {
  return Array.from({ length: periodCount(first, last, 'day') }, (_, i) => addDays(first, i));
}

/** Every period of granularity `g` that has a day between `from` and `to` inclusive, in order. */
export function periodsBetween(from: string, to: string, g: Granularity): string[] {
  const periods: string[] = [];
  let period = periodOf(from, g);
  for (let i = periodCount(from, to, g); i > 0; i--) {
    periods.push(period);
    period = nextPeriod(period, g);
  }
  return periods;
}

/**
 * How many periods of granularity `g` have a day between `from` and `to` inclusive, worked out
 * by arithmetic (nothing is listed), so a caller can refuse a range before building it. Both
 * must be calendar days (`isCalendarDay`); 0 when `from` is after `to`.
 */
export function periodCount(from: string, to: string, g: Granularity): number {
  if (!isCalendarDay(from) || !isCalendarDay(to)) throw new RangeError(`Not calendar days: ${from}, ${to}`);
  if (from > to) return 0;
  switch (g) {
    case 'day':
      return dayNumber(to) - dayNumber(from) + 1;
    case 'week':
      return (dayNumber(mondayOf(to)) - dayNumber(mondayOf(from))) / 7 + 1;
    case 'month':
      return monthNumber(to) - monthNumber(from) + 1;
  }
}

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;
const monthNumber = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7));
const mondayOf = (date: string) => addDays(date, -((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7));

export function nextPeriod(period: string, g: Granularity): string {
  return periodOf(addDays(daysOf(period, g).last, 1), g);
}

export function previousPeriod(period: string, g: Granularity): string {
  return periodOf(addDays(daysOf(period, g).first, -1), g);
}

/**
 * Which granularity a period string is, or undefined if it is none of ours: not a real date,
 * week or month, or one outside the calendar (`CALENDAR`).
 */
export function granularityOf(period: string): Granularity | undefined {
  if (DAY.test(period)) return isCalendarDay(period) ? 'day' : undefined;
  const week = WEEK.exec(period);
  if (week) {
    const n = Number(week[2]);
    if (!(n >= 1 && n <= weeksInYear(Number(week[1])))) return undefined;
    const { first, last } = daysOf(period, 'week');
    return isCalendarDay(first) && isCalendarDay(last) ? 'week' : undefined;
  }
  const month = MONTH.exec(period);
  if (month) {
    const m = Number(month[2]);
    return m >= 1 && m <= 12 && isCalendarDay(`${period}-01`) ? 'month' : undefined;
  }
  return undefined;
}

/** A real day (`2026-11-24`, not `2026-02-30`) within the calendar the platform answers for. */
export const isCalendarDay = (date: string) => {
  if (!DAY.test(date) || date < CALENDAR.first || date > CALENDAR.last) return false;
  const d = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === date;
};

/** ISO-8601 week-numbering year and week of a day. */
export function isoWeek(date: string): { year: number; week: number } {
  const d = new Date(`${date}T00:00:00Z`);
  const weekday = (d.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  // The Thursday of this week decides the year the week belongs to.
  const thursday = new Date(d.getTime() + (3 - weekday) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000));
  return { year, week };
}

function mondayOfWeek1(year: number): string {
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const weekday = (jan4.getUTCDay() + 6) % 7;
  return new Date(jan4.getTime() - weekday * 86_400_000).toISOString().slice(0, 10);
}

function weeksInYear(year: number): number {
  return isoWeek(`${year}-12-28`).week; // 28 December is always in the year's last week
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}
