import { addDays, localDate } from '../../domain/calendar.js';
import { endOfLocalDay } from '../../domain/time-limits.js';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/**
 * Instants and bank days in the bank's time zone, for making up a history: "10:42 on
 * 2026-10-13 in Shanghai", the bank day of an instant, the next moment staff are at work.
 */
export class BankClock {
  private readonly starts = new Map<string, number>();

  constructor(private readonly timeZone: string) {}

  /** The first millisecond of a bank day. */
  dayStart(date: string): number {
    let start = this.starts.get(date);
    if (start === undefined) {
      start = endOfLocalDay(addDays(date, -1), this.timeZone).getTime() + 1;
      this.starts.set(date, start);
    }
    return start;
  }

  /** `minutes` after local midnight of `date`. */
  at(date: string, minutes: number): number {
    return this.dayStart(date) + Math.round(minutes * MINUTE_MS);
  }

  dateOf(ms: number): string {
    return localDate(new Date(ms), this.timeZone);
  }

  /** 0 = Sunday … 6 = Saturday. */
  weekday(date: string): number {
    return new Date(`${date}T00:00:00Z`).getUTCDay();
  }

  /**
   * The moment back-office staff would act, at or after `ms`: Monday to Friday, 9:00 to 18:00.
   * Outside those hours the work waits for the next working morning (a little after nine).
   */
  workingMoment(ms: number, jitterMinutes: () => number): number {
    let date = this.dateOf(ms);
    let minutes = (ms - this.dayStart(date)) / MINUTE_MS;
    for (let i = 0; i < 8; i++) {
      const weekday = this.weekday(date);
      const workday = weekday >= 1 && weekday <= 5;
      if (workday && minutes >= 9 * 60 && minutes < 18 * 60) return this.at(date, minutes);
      if (workday && minutes < 9 * 60) return this.at(date, 9 * 60 + jitterMinutes());
      date = addDays(date, 1);
      minutes = 0;
    }
    return ms + DAY_MS;
  }
}
