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

/** Every bank day from `first` to `last` inclusive. */
export function datesBetween(first: string, last: string): string[] {
  const dates: string[] = [];
  for (let d = first; d <= last; d = addDays(d, 1)) dates.push(d);
  return dates;
}

/** Every period of granularity `g` that has a day between `from` and `to` inclusive, in order. */
export function periodsBetween(from: string, to: string, g: Granularity): string[] {
  const periods: string[] = [];
  for (let p = periodOf(from, g); p <= periodOf(to, g); p = nextPeriod(p, g)) periods.push(p);
  return periods;
}

export function nextPeriod(period: string, g: Granularity): string {
  return periodOf(addDays(daysOf(period, g).last, 1), g);
}

export function previousPeriod(period: string, g: Granularity): string {
  return periodOf(addDays(daysOf(period, g).first, -1), g);
}

/** Which granularity a period string is, or undefined if it is none of ours (or not a real date). */
export function granularityOf(period: string): Granularity | undefined {
  const day = DAY.exec(period);
  if (day) return isRealDay(period) ? 'day' : undefined;
  const week = WEEK.exec(period);
  if (week) {
    const n = Number(week[2]);
    return n >= 1 && n <= weeksInYear(Number(week[1])) ? 'week' : undefined;
  }
  const month = MONTH.exec(period);
  if (month) return Number(month[2]) >= 1 && Number(month[2]) <= 12 ? 'month' : undefined;
  return undefined;
}

export const isRealDay = (date: string) => {
  if (!DAY.test(date)) return false;
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
