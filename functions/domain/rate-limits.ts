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
  /**
   * Each key's accepted times, oldest first, from `head` on (earlier ones have left the window).
   * Expired times are skipped by moving `head`, not by copying the array: a request costs the
   * same whether its address sent 3 or 30,000 in the last minute (a flood must not also cost CPU).
   */
  private readonly hits = new Map<string, { times: number[]; head: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly maxKeys = 50_000,
  ) {}

  /** Counts an event for `key` at `nowMs` if the key is under its limit; else says when it may try again. */
  take(key: string, nowMs: number): { ok: true } | { ok: false; retryAfterMs: number } {
    const recent = this.recent(key, nowMs);
    const full = recent.times.length - recent.head >= this.limit;
    // Times only grow (a clock set back is taken as now), so the oldest is always at `head`.
    if (!full) recent.times.push(Math.max(nowMs, recent.times.at(-1) ?? nowMs));
    // A refused key is remembered as used too: an address that keeps flooding is never the one forgotten.
    this.remember(key, recent);
    return full
      ? { ok: false, retryAfterMs: (recent.times[recent.head] ?? nowMs) + this.windowMs - nowMs }
      : { ok: true };
  }

  private recent(key: string, nowMs: number): { times: number[]; head: number } {
    const since = nowMs - this.windowMs;
    const entry = this.hits.get(key) ?? { times: [], head: 0 };
    while (entry.head < entry.times.length && (entry.times[entry.head] ?? 0) <= since) entry.head++;
    // Drop the expired prefix once it is most of the array, so memory stays within the limit.
    if (entry.head > 64 && entry.head * 2 > entry.times.length) {
      entry.times = entry.times.slice(entry.head);
      entry.head = 0;
    }
    return entry;
  }

  private remember(key: string, recent: { times: number[]; head: number }) {
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
