import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RepeatWindow, SlidingWindowLimiter } from '../../functions/domain/rate-limits.js';

const S = 1000;

describe('SlidingWindowLimiter: at most N in any window, not per calendar minute', () => {
  it('takes N, refuses the next with the wait until the oldest leaves the window', () => {
    const limiter = new SlidingWindowLimiter(3, 60 * S);
    expect(limiter.take('a', 0)).toEqual({ ok: true });
    expect(limiter.take('a', 50 * S)).toEqual({ ok: true });
    expect(limiter.take('a', 59 * S)).toEqual({ ok: true });
    // At 61 s the first has left: one place, even though a calendar minute would still be full.
    expect(limiter.take('a', 59.5 * S)).toEqual({ ok: false, retryAfterMs: 0.5 * S });
    expect(limiter.take('a', 61 * S)).toEqual({ ok: true });
    expect(limiter.take('a', 62 * S)).toEqual({ ok: false, retryAfterMs: 48 * S });
  });

  it('counts each key on its own and forgets the least recently used beyond its size', () => {
    const limiter = new SlidingWindowLimiter(1, 60 * S, 2);
    expect(limiter.take('a', 0).ok).toBe(true);
    expect(limiter.take('b', 0).ok).toBe(true);
    expect(limiter.take('a', 1).ok).toBe(false);
    expect(limiter.take('c', 2).ok).toBe(true); // 'b' is forgotten, 'a' was used more recently
    expect(limiter.take('b', 3).ok).toBe(true);
  });
});

describe('SlidingWindowLimiter under any sequence of requests (fast-check)', () => {
  it('refuses exactly when the window already holds N accepted, and then says when one leaves', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.integer({ min: 0, max: 30 * S }), { minLength: 1, maxLength: 300 }),
        (limit, gaps) => {
          const limiter = new SlidingWindowLimiter(limit, 60 * S);
          const accepted: number[] = [];
          let now = 0;
          for (const gap of gaps) {
            now += gap;
            // The rule, counted by hand: accepted requests in the window (now - 60 s, now].
            const inWindow = accepted.filter((t) => t > now - 60 * S);
            const answer = limiter.take('address', now);
            if (inWindow.length < limit) {
              expect(answer).toEqual({ ok: true });
              accepted.push(now);
            } else {
              expect(answer).toEqual({ ok: false, retryAfterMs: (inWindow[0] ?? 0) + 60 * S - now });
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('lets an address that floods through at its limit, minute after minute', () => {
    const limiter = new SlidingWindowLimiter(120, 60 * S);
    let refused = 0;
    // 200,000 requests from one address over 10 minutes: 120 accepted per minute, the rest refused.
    for (let i = 0; i < 200_000; i++) if (!limiter.take('flood', i * 3).ok) refused++;
    expect(200_000 - refused).toBe(1_200);
  });
});

describe('RepeatWindow: one accepted per key per window', () => {
  it('refuses another submission within the window, never a retry of the accepted one', () => {
    const window = new RepeatWindow(10 * 60 * S);
    expect(window.waitMs('device@outlet', 's1', 0)).toBe(0);
    window.accept('device@outlet', 's1', 0);
    expect(window.waitMs('device@outlet', 's1', 60 * S)).toBe(0);
    expect(window.waitMs('device@outlet', 's2', 60 * S)).toBe(9 * 60 * S);
    expect(window.waitMs('device@other', 's2', 60 * S)).toBe(0);
    expect(window.waitMs('device@outlet', 's2', 10 * 60 * S)).toBe(0);
  });
});

describe('the window’s edges (issue 23)', () => {
  it('an event exactly one window after another is in the next window: (now − window, now]', () => {
    const limiter = new SlidingWindowLimiter(1, 60 * S);
    expect(limiter.take('a', 0).ok).toBe(true);
    expect(limiter.take('a', 60 * S - 1)).toEqual({ ok: false, retryAfterMs: 1 });
    expect(limiter.take('a', 60 * S)).toEqual({ ok: true });
  });

  it('a clock set back is taken as the latest time accepted', () => {
    const limiter = new SlidingWindowLimiter(2, 60 * S);
    for (const t of [0, 70, 140]) expect(limiter.take('a', t * S).ok).toBe(true);
    // Back to 135 s: counted as at 140 s, so two stay in the window until 200 s.
    expect(limiter.take('a', 135 * S).ok).toBe(true);
    expect(limiter.take('a', 196 * S)).toEqual({ ok: false, retryAfterMs: 4 * S });
  });

  it('a repeat window forgets the least recently accepted key only beyond its size', () => {
    const window = new RepeatWindow(60 * S, 2);
    window.accept('a', 's1', 0);
    window.accept('b', 's2', 0);
    expect(window.waitMs('a', 'other', 1)).toBe(60 * S - 1);
    window.accept('c', 's3', 2);
    expect(window.waitMs('a', 'other', 3)).toBe(0);
    expect(window.waitMs('b', 'other', 3)).toBe(60 * S - 3);
  });
});
