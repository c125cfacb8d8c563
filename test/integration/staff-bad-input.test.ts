import { describe, expect, it } from 'vitest';
import { SEEDING_PATIENCE } from '../../functions/local/seed.js';
import { describeStatuses } from '../support/bad-input.js';
import { usePlatform } from '../support/platform.js';
import { staffAs } from '../support/staff.js';
import { staffBadInputProperties } from '../support/staff-bad-input.js';

/**
 * Every signed-in read with parameters, under every role, with dates and periods from the
 * calendar's edges and far beyond it (the year 9999, whose next day once sorted before it and
 * listed days forever), granularities, ids, views, cursors and limits: never a 5xx, 4xx for what
 * was built invalid, and each call's DynamoDB requests within its endpoint's bound. The
 * reliability suite runs the same properties with more inputs.
 */
// Hundreds of calls while the whole suite shares one DynamoDB Local on two cores: its calls get a
// batch job's patience, so a slow moment of the database is not a 503 (the property is about the
// caller's input; requests are counted once whatever the SDK's retries).
const ctx = usePlatform({}, { patience: SEEDING_PATIENCE });

describe('bad parameters on the staff and statistics endpoints', () => {
  it('refuses the probe’s request (the year 9999, every granularity) with 400 naming the field', async () => {
    const manager = staffAs(ctx, 'manager.sh-jingan');
    for (const path of ['satisfaction', 'complaints'])
      for (const granularity of ['day', 'week', 'month']) {
        const answer = await manager.get(
          `/stats/${path}?scope=outlet&id=sh-jingan&granularity=${granularity}&from=9999-12-31&to=9999-12-31`,
        );
        expect(answer.status).toBe(400);
        expect(Object.keys(answer.body.fields as object)).toEqual(['from', 'to']);
      }
    const lowRatings = await manager.get(
      '/stats/low-ratings?scope=outlet&id=sh-jingan&from=9999-12-31&to=9999-12-31',
    );
    expect(lowRatings.status).toBe(400);
    const wide = await manager.get(
      '/stats/satisfaction?scope=outlet&id=sh-jingan&granularity=day&from=2000-01-01&to=2099-12-31',
    );
    expect(wide.status).toBe(400);
    expect(wide.body.fields).toEqual({ from: expect.stringContaining('732') });
  });

  it('answers 200 or 4xx within a bound of work, never 5xx', async () => {
    const report = await staffBadInputProperties(ctx.platform, 40, { seed: 2026 });
    expect(report.failures, describeStatuses(report.statuses)).toEqual([]);
    expect(report.inputs).toBeGreaterThanOrEqual(40 * 12);
    // Every endpoint did real work within its bound, not only refusals.
    expect(Object.keys(report.answered).sort()).toEqual(Object.keys(report.mostRequests).sort());
  }, 180_000);
});
