/**
 * A clock the test moves by hand, handed to the local platform as its `now`: time-dependent
 * rules (windows, due dates, bank days) are tested at the instants that matter, without sleeping
 * and without rewriting stored dates.
 */
export class TestClock {
  private at: number;

  constructor(start: string | Date) {
    this.at = new Date(start).getTime();
  }

  readonly now = () => new Date(this.at);

  set(instant: string | Date) {
    this.at = new Date(instant).getTime();
  }

  advance(ms: number) {
    this.at += ms;
  }
}

export const SECOND = 1_000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
