import { describe, expect, it } from 'vitest';
import { MINUTE, TestClock } from '../support/clock.js';
import { keyFor, newSubmissionId, postJson } from '../support/customer.js';
import { usePlatform } from '../support/platform.js';

const clock = new TestClock('2026-11-24T10:00:00+08:00');
const ctx = usePlatform(
  { RATE_LIMIT_IP_PER_MINUTE: '1000', RATE_LIMIT_DEVICE_MINUTES: '10' },
  { now: clock.now },
);

describe('ballot-stuffing limits', () => {
  it('lets one device rate one outlet once per window, and replays still answer 200', async () => {
    const outletId = 'sh-xujiahui';
    const k = await keyFor(ctx.platform, outletId);
    const deviceId = 'device-aaaaaaaa';
    const first = { outletId, k, submissionId: newSubmissionId(), rating: 5, deviceId };
    expect((await postJson(`${ctx.url}/api/v1/feedback`, first)).status).toBe(201);

    clock.advance(MINUTE);
    const second = await postJson(`${ctx.url}/api/v1/feedback`, {
      ...first,
      submissionId: newSubmissionId(),
    });
    expect(second.status).toBe(429);
    expect(second.body).toMatchObject({ error: 'rate_limited', retryAfter: expect.any(Number) });
    expect(Number(second.headers.get('retry-after'))).toBe(9 * 60);

    // The same device may still rate another outlet, and its first rating may be retried.
    const elsewhere = {
      ...first,
      outletId: 'sh-jingan',
      k: await keyFor(ctx.platform, 'sh-jingan'),
      submissionId: newSubmissionId(),
    };
    expect((await postJson(`${ctx.url}/api/v1/feedback`, elsewhere)).status).toBe(201);
    expect((await postJson(`${ctx.url}/api/v1/feedback`, first)).status).toBe(200);

    const stored = await ctx.platform.deps.repositories.ratings.outletDay(outletId, '2026-11-24');
    expect(stored.filter((r) => r.outletId === outletId)).toHaveLength(1);
  });
});
