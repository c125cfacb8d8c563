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

/**
 * The real clock, shifted by hand: for tests where a real browser's clock must agree with the
 * platform's (a page counts days left against its own Date.now), the platform takes in a
 * complaint "18 days ago" and then goes back to the present, instead of a test rewriting the
 * stored dates.
 */
export class ShiftedClock {
  private offset = 0;

  readonly now = () => new Date(Date.now() + this.offset);

  /** From now on the platform's time is the real time plus `ms` (0: the present again). */
  shift(ms: number) {
    this.offset = ms;
  }
}

export const SECOND = 1_000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
