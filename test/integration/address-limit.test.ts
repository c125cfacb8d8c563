import { describe, expect, it } from 'vitest';
import { SECOND, TestClock } from '../support/clock.js';
import { aComplaint } from '../support/complaints.js';
import { keyFor, newSubmissionId, postJson } from '../support/customer.js';
import { usePlatform } from '../support/platform.js';

const clock = new TestClock('2026-11-24T10:00:30+08:00');
const ctx = usePlatform({ RATE_LIMIT_IP_PER_MINUTE: '4' }, { now: clock.now });

describe('address limit (4 a minute here, sliding)', () => {
  it('accepts 4 ratings from one address in any 60 seconds, then 429, ignoring X-Forwarded-For', async () => {
    const outletId = 'bj-guomao';
    const k = await keyFor(ctx.platform, outletId);
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof postJson>> | undefined;
    for (let i = 0; i < 6; i++) {
      if (i > 0) clock.advance(5 * SECOND);
      last = await postJson(
        `${ctx.url}/api/v1/feedback`,
        { outletId, k, submissionId: newSubmissionId(), rating: 4 },
        { 'x-forwarded-for': `10.0.0.${i}`, 'x-real-ip': `10.0.1.${i}` },
      );
      statuses.push(last.status);
    }
    expect(statuses).toEqual([201, 201, 201, 201, 429, 429]);
    expect(last?.body).toMatchObject({
      error: 'rate_limited',
      message: '此网络刚才提交的评价过多，请一分钟后再试。',
    });
    // Tries at 0, 5, 10, 15 s were taken; at 25 s the first of them leaves the window 35 s later.
    expect(Number(last?.headers.get('retry-after'))).toBe(35);
    clock.advance(35 * SECOND); // 60 s after the first: one place frees up, not a new calendar minute
    const rate = () =>
      postJson(`${ctx.url}/api/v1/feedback`, { outletId, k, submissionId: newSubmissionId(), rating: 4 });
    expect((await rate()).status).toBe(201);
    expect((await rate()).status).toBe(429);
  });

  it('limits complaints from one address the same way, and still answers a retry of a stored one', async () => {
    clock.advance(10 * 60 * SECOND);
    const k = await keyFor(ctx.platform, 'sh-xujiahui');
    const bodies = Array.from({ length: 6 }, () => ({ ...aComplaint('sh-xujiahui'), k }));
    const statuses: number[] = [];
    for (const body of bodies) statuses.push((await postJson(`${ctx.url}/api/v1/complaints`, body)).status);
    expect(statuses).toEqual([201, 201, 201, 201, 429, 429]);
    const retry = await postJson(`${ctx.url}/api/v1/complaints`, bodies[0]);
    expect(retry.status).toBe(200);
  });
});
