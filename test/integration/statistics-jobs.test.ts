import { describe, expect, it } from 'vitest';
import { TestClock } from '../support/clock.js';
import { fileComplaint } from '../support/complaints.js';
import { keyFor, newSubmissionId, postJson } from '../support/customer.js';
import { usePlatform } from '../support/platform.js';
import { staffAs } from '../support/staff.js';

// Monday 30 November 2026: the last day of a month and the first of ISO week 49 (to 6 December).
const clock = new TestClock('2026-11-30T10:00:00+08:00');
// Small numbers: a CSAT warning from 3 ratings, a complaints warning from one complaint (each still
// needs its evidence at the default 95 % confidence: 1 of 4 satisfied, 1 complaint per 4 ratings).
const ctx = usePlatform(
  { RATE_LIMIT_IP_PER_MINUTE: '100000', WARN_MIN_RATINGS: '3', WARN_MIN_COMPLAINTS: '1' },
  { now: clock.now },
);

const run = async (job: string) => {
  const response = await fetch(`${ctx.url}/api/v1/local/jobs/${job}`, { method: 'POST' });
  expect(response.status).toBe(200);
  return ((await response.json()) as { result: Record<string, unknown> }).result;
};
async function rate(rating: number) {
  const answer = await postJson(`${ctx.url}/api/v1/feedback`, {
    outletId: 'sh-jingan',
    k: await keyFor(ctx.platform, 'sh-jingan'),
    submissionId: newSubmissionId(),
    rating,
  });
  expect(answer.status).toBe(201);
}
const figures = async (kind: 'satisfaction' | 'complaints', date: string) => {
  const query = `scope=outlet&id=sh-jingan&granularity=day&from=${date}&to=${date}`;
  const { body } = await staffAs(ctx, 'head-office').get(`/stats/${kind}?${query}`);
  return (body as unknown as { series: Record<string, Record<string, number | null>>[] }).series[0] ?? {};
};
const warningIds = async (period: string) =>
  (
    (await staffAs(ctx, 'head-office').get(`/stats/warnings?period=${period}`)).body as unknown as {
      items: { id: string }[];
    }
  ).items
    .map((w) => w.id)
    .sort();

describe('the scheduled statistics jobs', () => {
  it('refresh every 15 minutes the outlet-days the stream marked stale, and nothing when nothing is new', async () => {
    for (const r of [1, 1, 5]) await rate(r);
    await ctx.platform.poller.drain(); // the stream marks today's outlet-day of sh-jingan stale
    // One outlet rated: one outlet-day recomputed, none of the five others.
    expect(await run('rollup-today')).toMatchObject({
      days: ['2026-11-30'],
      outletDays: 1,
      changedOutletDays: 1,
    });
    expect((await figures('satisfaction', '2026-11-30')).ratings).toMatchObject({ count: 3, csat: 1 / 3 });
    clock.advance(15 * 60_000);
    expect(await run('rollup-today')).toMatchObject({ days: [], outletDays: 0, marks: 0 });
    await rate(2);
    await ctx.platform.poller.drain();
    expect(await run('rollup-today')).toMatchObject({ outletDays: 1, changedOutletDays: 1 });
    expect((await figures('satisfaction', '2026-11-30')).ratings).toMatchObject({ count: 4, csat: 1 / 4 });
  });

  it('close the day at 00:30; November ended, so its warning is raised: CSAT 1 of 4', async () => {
    clock.set('2026-12-01T00:30:00+08:00');
    const closed = await run('close-day');
    // Yesterday final, and today's first figures, for every outlet.
    expect(closed).toMatchObject({ days: ['2026-11-30', '2026-12-01'], outletDays: 12 });
    expect(closed.closed).toEqual([{ granularity: 'month', period: '2026-11', found: 1, raised: 1 }]);
    expect(await warningIds('2026-11')).toEqual(['2026-11:csat-low:outlet:sh-jingan']);
  });

  it('roll a complaint’s own day up again when it is resolved days later', async () => {
    clock.set('2026-12-01T10:00:00+08:00');
    const { trackingNo } = await fileComplaint(ctx.platform, 'sh-jingan');
    await ctx.platform.poller.drain(); // a complaint received marks its day stale too
    await run('rollup-today');
    expect((await figures('complaints', '2026-12-01')).complaints).toMatchObject({
      received: 1,
      resolved: 0,
    });
    clock.set('2026-12-03T10:00:00+08:00');
    expect((await staffAs(ctx, 'operations.1').acceptAndResolve(trackingNo, '已处理')).status).toBe(200);
    await ctx.platform.poller.drain(); // the stream marks 1 December's outlet-day stale
    expect(await run('rollup-today')).toMatchObject({ days: ['2026-12-01'], outletDays: 1 });
    expect((await figures('complaints', '2026-12-01')).complaints).toMatchObject({
      received: 1,
      resolved: 1,
      completionRate: 1,
      onTimeRate: 1,
    });
  });

  it('close ISO week 49 on the Monday after it; its warnings are raised once however often it runs', async () => {
    // Week 49 holds the four ratings (CSAT 1 of 4) and the complaint: 1 per 4 ratings, 250 per 1,000.
    clock.set('2026-12-07T00:30:00+08:00');
    const first = await run('close-day');
    expect(first.closed).toEqual([{ granularity: 'week', period: '2026-W49', found: 2, raised: 2 }]);
    expect(await run('close-day')).toMatchObject({ closed: [{ period: '2026-W49', found: 2, raised: 0 }] });
    expect(await warningIds('2026-W49')).toEqual([
      '2026-W49:complaints-high:outlet:sh-jingan',
      '2026-W49:csat-low:outlet:sh-jingan',
    ]);
  });
});
