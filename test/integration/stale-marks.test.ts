import { describe, expect, it } from 'vitest';
import type { StaleOutletDay } from '../../functions/domain/statistics/stale-outlet-days.js';
import { TestClock } from '../support/clock.js';
import { usePlatform } from '../support/platform.js';

/**
 * The stale marks a refresh takes at most: `limit` DISTINCT outlet-days (README, "Rollups follow
 * what changed"), however often the stream's batches name the same ones. A busy quarter hour at
 * the bank's size names 9,500 outlet-days in 30,000 entries; counting entries would leave two
 * thirds of every quarter hour to the next refresh, and the backlog would grow all day.
 */
const clock = new TestClock('2026-11-25T10:00:00+08:00');
const ctx = usePlatform({}, { now: clock.now, streams: false });

const days = (outlets: readonly string[], date = '2026-11-25'): StaleOutletDay[] =>
  outlets.map((outletId) => ({ date, outletId, changed: 'ratings' }));
const outlets = (from: number, n: number) => Array.from({ length: n }, (_, i) => `o${from + i}`);

describe('the stale marks a refresh takes', () => {
  it('counts each outlet-day once however many batches name it, and stops past the limit of distinct ones', async () => {
    const { staleRollups } = ctx.platform.deps.repositories;
    await staleRollups.clear(await staleRollups.pending());
    // Five batches naming the same ten outlet-days, then two of ten new ones each.
    for (let batch = 0; batch < 5; batch++) {
      clock.advance(1_000);
      await staleRollups.mark(days(outlets(0, 10)), clock.now());
    }
    clock.advance(1_000);
    await staleRollups.mark(days(outlets(10, 10)), clock.now());
    clock.advance(1_000);
    await staleRollups.mark(days(outlets(20, 10)), clock.now());

    // Limit 15: the five repeating batches are 10 distinct outlet-days, under it; the sixth
    // brings 20, past it, and is the last taken.
    const taken = await staleRollups.pending(15);
    expect(taken).toHaveLength(6);
    expect(new Set(taken.flatMap((m) => m.days.map((d) => d.outletId))).size).toBe(20);
    // Limit 10 is reached by the first batch already; unlimited takes all seven.
    expect(await staleRollups.pending(10)).toHaveLength(1);
    expect(await staleRollups.pending()).toHaveLength(7);
    await staleRollups.clear(taken);
    expect((await staleRollups.pending()).map((m) => m.days.map((d) => d.outletId))).toEqual([
      outlets(20, 10),
    ]);
  });
});
