/**
 * Per-instance limits kept in memory. They are a backstop, not the line of defence: in AWS the
 * WAF rate-based rule on the distribution limits addresses across every instance. Keeping them
 * out of the table means no hot counter item per address (a branch's shared Wi-Fi), and no write
 * units spent on counting. Both take the time as an argument, so tests need no clock tricks.
 */

/**
 * At most `limit` events per key in any window of `windowMs` (a sliding window, not calendar
 * minutes). Remembers at most `maxKeys` keys; the least recently used go first.
 */
export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly maxKeys = 50_000,
  ) {}

  /** Counts an event for `key` at `nowMs` if the key is under its limit; else says when it may try again. */
  take(key: string, nowMs: number): { ok: true } | { ok: false; retryAfterMs: number } {
    const recent = this.recent(key, nowMs);
    const full = recent.length >= this.limit;
    if (!full) recent.push(nowMs);
    // A refused key is remembered as used too: an address that keeps flooding is never the one forgotten.
    this.remember(key, recent);
    return full ? { ok: false, retryAfterMs: (recent[0] ?? nowMs) + this.windowMs - nowMs } : { ok: true };
  }

  private recent(key: string, nowMs: number): number[] {
    const since = nowMs - this.windowMs;
    return (this.hits.get(key) ?? []).filter((t) => t > since);
  }

  private remember(key: string, recent: number[]) {
    this.hits.delete(key); // re-inserting moves the key to the end: Map order is recency
    this.hits.set(key, recent);
    if (this.hits.size > this.maxKeys) {
      const oldest = this.hits.keys().next().value;
      if (oldest !== undefined) this.hits.delete(oldest);
    }
  }
}

/**
 * One accepted event per key per window (a device rating an outlet). A repeat of the accepted
 * submission itself (a retry with the same id) is not a repeat.
 */
export class RepeatWindow {
  private readonly accepted = new Map<string, { atMs: number; submissionId: string }>();

  constructor(
    private readonly windowMs: number,
    private readonly maxKeys = 100_000,
  ) {}

  /** How long until `key` may be accepted again, or 0 when it may now. */
  waitMs(key: string, submissionId: string, nowMs: number): number {
    const last = this.accepted.get(key);
    if (!last || last.submissionId === submissionId) return 0;
    return Math.max(0, last.atMs + this.windowMs - nowMs);
  }

  accept(key: string, submissionId: string, nowMs: number) {
    this.accepted.delete(key);
    this.accepted.set(key, { atMs: nowMs, submissionId });
    if (this.accepted.size > this.maxKeys) {
      const oldest = this.accepted.keys().next().value;
      if (oldest !== undefined) this.accepted.delete(oldest);
    }
  }
}
