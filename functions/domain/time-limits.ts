import { addDays, formatterPerZone, localDate } from './calendar.js';

/**
 * Handling time limits (投诉处理时限), following the 2020 rules for banking consumer complaints:
 * decide within 15 days of receipt; a complex case may be extended to 30 days by the department;
 * a particularly complex one to 60 days at most, with head-office approval. Days are calendar
 * days in the bank's time zone; the limit ends at the end of the last day.
 */
export const DEFAULT_TIME_LIMIT_DAYS = 15;
export const DEPARTMENT_EXTENSION_DAYS = 30;
export const HEAD_OFFICE_EXTENSION_DAYS = 60;
/** The owner's department is reminded this long before the due date. */
export const REMINDER_BEFORE_DUE_DAYS = 2;
/** The owner contacts the customer again (回访) within this many days of the resolution. */
export const FOLLOW_UP_WITHIN_DAYS = 3;
/** A resolved complaint without the customer's rating closes itself after this. */
export const AUTO_CLOSE_AFTER_DAYS = 7;

/** The instant a time limit of `days` calendar days from `receivedAt` runs out. */
export function dueDate(receivedAt: Date, days: number, timeZone: string): Date {
  const lastDay = addDays(localDate(receivedAt, timeZone), days);
  return endOfLocalDay(lastDay, timeZone);
}

/** 23:59:59.999 of a bank day, as an instant. */
export function endOfLocalDay(date: string, timeZone: string): Date {
  const nextMidnightUtc = Date.parse(`${addDays(date, 1)}T00:00:00Z`);
  // The zone's offset at that moment (exact for zones without a change at midnight).
  const offset = zoneOffsetMs(new Date(nextMidnightUtc), timeZone);
  return new Date(nextMidnightUtc - offset - 1);
}

function zoneOffsetMs(instant: Date, timeZone: string): number {
  const parts = clockFormat(timeZone).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** Whole days left until `due` (negative once it has passed), for plain display. */
export function daysLeft(now: Date, due: Date): number {
  return Math.floor((due.getTime() - now.getTime()) / 86_400_000);
}

const clockFormat = formatterPerZone('en-US', {
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});
