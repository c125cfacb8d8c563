import { describe, expect, it } from 'vitest';
import { MINUTE, TestClock } from '../support/clock.js';
import { fetchFrom, keyFor, newSubmissionId, postJson } from '../support/customer.js';
import { usePlatform } from '../support/platform.js';
import { rollUp } from '../support/rollup.js';
import { staffAs } from '../support/staff.js';

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

describe('ratings from one address without a device id (README: at most 5 per address and outlet in 10 minutes)', () => {
  it('stores all 25 ratings sent in a minute, counts 5, and the export says which', async () => {
    clock.set('2026-11-25T11:00:00+08:00');
    const outletId = 'bj-guomao';
    const k = await keyFor(ctx.platform, outletId);
    for (let i = 0; i < 25; i++) {
      const body = {
        outletId,
        k,
        submissionId: newSubmissionId(),
        rating: 5,
        ...(i % 2 ? { deviceId: `fresh-device-${i}` } : {}),
      };
      expect(
        (await fetchFrom('127.0.0.21', `${ctx.url}/api/v1/feedback`, { method: 'POST', body })).status,
      ).toBe(201);
      clock.advance(2_000);
    }
    // A customer on another address in the same minute counts as usual.
    const other = { outletId, k, submissionId: newSubmissionId(), rating: 1 };
    expect(
      (await fetchFrom('127.0.0.22', `${ctx.url}/api/v1/feedback`, { method: 'POST', body: other })).status,
    ).toBe(201);

    const stored = await ctx.platform.deps.repositories.ratings.outletDay(outletId, '2026-11-25');
    expect(stored).toHaveLength(26);
    expect(stored.every((r) => r.addressKey && !r.addressKey.includes('127.0.0'))).toBe(true);
    await rollUp(ctx.url, '2026-11-25');
    const headOffice = staffAs(ctx, 'head-office');
    const figures = await headOffice.get(
      `/stats/satisfaction?scope=outlet&id=${outletId}&granularity=day&from=2026-11-25&to=2026-11-25`,
    );
    expect(figures.body.series).toEqual([
      expect.objectContaining({
        ratings: expect.objectContaining({ count: 6, distribution: { 1: 1, 2: 0, 3: 0, 4: 0, 5: 5 } }),
      }),
    ]);
    const token = await ctx.token('head-office');
    const csv = await (
      await fetch(
        `${ctx.url}/api/v1/stats/export/ratings?scope=outlet&id=${outletId}&from=2026-11-25&to=2026-11-25&lang=en`,
        {
          headers: { authorization: `Bearer ${token}` },
        },
      )
    ).text();
    const rows = csv.trim().split('\n').slice(1);
    expect(rows).toHaveLength(26);
    expect(rows.filter((row) => /,TRUE\r?$/.test(row))).toHaveLength(6);
  });
});
