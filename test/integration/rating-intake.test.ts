import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/app.js';
import { countCapacity } from '../support/capacity.js';
import { MINUTE, TestClock } from '../support/clock.js';
import { keyFor, newSubmissionId, postJson } from '../support/customer.js';
import { usePlatform } from '../support/platform.js';
import { rollUp } from '../support/rollup.js';

// 23:59:58 in Shanghai on 24 November: two seconds before the bank's midnight.
const clock = new TestClock('2026-11-24T23:59:58+08:00');
// Without the stream: these tests cost the intake's own requests, and the stream's reaction to a
// rating (its stale mark, a separate Lambda in AWS) would otherwise land in a measurement now and
// then; that reaction is costed by the statistics-refresh tests. The rollups here are ranged.
const ctx = usePlatform(
  { RATE_LIMIT_IP_PER_MINUTE: '1000', RATE_LIMIT_DEVICE_MINUTES: '10' },
  { now: clock.now, streams: false },
);
let capacity: ReturnType<typeof countCapacity>;
beforeAll(() => {
  capacity = countCapacity(ctx.platform.table);
});

const rating = async (outletId: string, fields: Record<string, unknown> = {}) => ({
  outletId,
  k: await keyFor(ctx.platform, outletId),
  submissionId: newSubmissionId(),
  rating: 5,
  ...fields,
});
const post = (body: unknown) => postJson(`${ctx.url}/api/v1/feedback`, body);

/**
 * Another instance of the API (another Lambda), on the same table: its in-memory limits know
 * nothing of this one's, as in AWS.
 */
function anotherInstance() {
  const app = createApp({ ...ctx.platform.deps, clientAddress: () => '198.51.100.7' });
  return async (body: unknown) => {
    const response = await app.request('/api/v1/feedback', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
}

const countedOn = async (outletId: string, date: string) =>
  (await ctx.platform.deps.repositories.rollups.get('outlet', outletId, 'day', date))?.ratings.count;
const storedOn = async (outletId: string, date: string) =>
  (await ctx.platform.deps.repositories.ratings.outletDay(outletId, date)).length;

describe('a one-tap rating', () => {
  it('is one conditional write: 2 write units (the item and its one index entry), no read', async () => {
    clock.set('2026-11-24T10:00:00+08:00');
    expect((await post(await rating('sh-lujiazui'))).status).toBe(201); // a warm instance knows the outlet
    const body = await rating('sh-lujiazui', { deviceId: 'device-cost-0001' });
    let status = 0;
    const cost = await capacity.measure(async () => {
      status = (await post(body)).status;
    });
    expect(status).toBe(201);
    expect(cost).toEqual({ requests: 1, readUnits: 0, writeUnits: 2 });
    // Its retry: the same single request, refused by its condition and answered from it.
    const replay = await capacity.measure(async () => {
      status = (await post(body)).status;
    });
    expect(status).toBe(200);
    expect(replay).toEqual({ requests: 1, readUnits: 0, writeUnits: 1 });
  });

  it('replayed across the bank’s midnight is answered with its first id and counted once', async () => {
    clock.set('2026-11-24T23:59:59+08:00');
    const body = await rating('sh-jingan', { rating: 2 });
    const first = await post(body);
    expect(first.status).toBe(201);
    clock.advance(2_000); // 00:00:01 on the 25th: another bank day
    const again = await post(body);
    expect(again).toMatchObject({ status: 200, body: { id: first.body.id } });
    await rollUp(ctx.url, '2026-11-24', '2026-11-25');
    expect(await countedOn('sh-jingan', '2026-11-24')).toBe(1);
    expect(await countedOn('sh-jingan', '2026-11-25')).toBe(0);
    expect(await storedOn('sh-jingan', '2026-11-25')).toBe(0);
  });
});

describe('one rating per device per outlet per window (10 minutes here)', () => {
  it('refuses an obvious repeat at once, and leaves one stored by another instance out of the figures', async () => {
    clock.set('2026-11-26T10:00:00+08:00');
    const device = { deviceId: 'device-repeat-0001' };
    const elsewhere = anotherInstance();
    expect((await post(await rating('sh-xujiahui', device))).status).toBe(201); // 10:00, counted
    clock.advance(MINUTE);
    const repeat = await post(await rating('sh-xujiahui', device)); // 10:01, same instance
    expect(repeat.status).toBe(429);
    expect(Number(repeat.headers.get('retry-after'))).toBe(9 * 60);
    clock.advance(4 * MINUTE);
    expect((await elsewhere(await rating('sh-xujiahui', device))).status).toBe(201); // 10:05, stored
    clock.advance(6 * MINUTE);
    // 10:11: 11 minutes after the counted one, but 6 after the one stored elsewhere.
    expect((await post(await rating('sh-xujiahui', device))).status).toBe(201);
    clock.advance(10 * MINUTE);
    expect((await post(await rating('sh-xujiahui', device))).status).toBe(201); // 10:21, counted
    expect((await post(await rating('sh-xujiahui', { deviceId: 'device-other-0002' }))).status).toBe(201);
    await rollUp(ctx.url, '2026-11-26');
    expect(await storedOn('sh-xujiahui', '2026-11-26')).toBe(5);
    // 10:00, 10:21 and the other device; 10:05 and 10:11 each came within 10 minutes of the device's last rating.
    expect(await countedOn('sh-xujiahui', '2026-11-26')).toBe(3);
  });

  it('leaves a repeat across the bank’s midnight out of the new day', async () => {
    clock.set('2026-11-27T23:58:00+08:00');
    const device = { deviceId: 'device-midnight-01' };
    expect((await post(await rating('bj-guomao', device))).status).toBe(201);
    clock.set('2026-11-28T00:03:00+08:00');
    expect((await anotherInstance()(await rating('bj-guomao', device))).status).toBe(201);
    clock.set('2026-11-28T00:15:00+08:00');
    expect((await post(await rating('bj-guomao', device))).status).toBe(201);
    await rollUp(ctx.url, '2026-11-27', '2026-11-28');
    expect(await countedOn('bj-guomao', '2026-11-27')).toBe(1);
    expect(await storedOn('bj-guomao', '2026-11-28')).toBe(2);
    expect(await countedOn('bj-guomao', '2026-11-28')).toBe(1); // 00:15 counts, 00:03 does not
  });
});
