import { describe, expect, it } from 'vitest';
import { aComplaint } from '../support/complaints.js';
import { keyFor, newSubmissionId, postJson } from '../support/customer.js';
import { usePlatform } from '../support/platform.js';

// A table of its own: nothing else counts against this file's address limit.
const ctx = usePlatform({ RATE_LIMIT_IP_PER_MINUTE: '4' });

describe('address limit', () => {
  it('accepts the first N ratings of a minute from one address, then answers 429, ignoring X-Forwarded-For', async () => {
    const secondsIntoMinute = new Date().getUTCSeconds();
    if (secondsIntoMinute > 50) await new Promise((r) => setTimeout(r, (61 - secondsIntoMinute) * 1000));
    const outletId = 'bj-guomao';
    const k = await keyFor(ctx.platform, outletId);
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof postJson>> | undefined;
    for (let i = 0; i < 6; i++) {
      last = await postJson(
        `${ctx.url}/api/v1/feedback`,
        { outletId, k, submissionId: newSubmissionId(), rating: 4 },
        { 'x-forwarded-for': `10.0.0.${i}`, 'x-real-ip': `10.0.1.${i}` },
      );
      statuses.push(last.status);
    }
    expect(statuses).toEqual([201, 201, 201, 201, 429, 429]);
    expect(last?.body).toMatchObject({ error: 'rate_limited', message: expect.stringContaining('minute') });
    expect(Number(last?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(last?.headers.get('retry-after'))).toBeLessThanOrEqual(60);
  });

  it('limits complaints from one address the same way, and still answers a retry of a stored one', async () => {
    const secondsIntoMinute = new Date().getUTCSeconds();
    if (secondsIntoMinute > 50) await new Promise((r) => setTimeout(r, (61 - secondsIntoMinute) * 1000));
    const k = await keyFor(ctx.platform, 'sh-xujiahui');
    const bodies = Array.from({ length: 6 }, () => ({ ...aComplaint('sh-xujiahui'), k }));
    const statuses: number[] = [];
    for (const body of bodies) statuses.push((await postJson(`${ctx.url}/api/v1/complaints`, body)).status);
    expect(statuses).toEqual([201, 201, 201, 201, 429, 429]);
    const retry = await postJson(`${ctx.url}/api/v1/complaints`, bodies[0]);
    expect(retry.status).toBe(200);
  });
});
