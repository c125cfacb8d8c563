import { beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../functions/adapters/dynamodb/keys.js';
import { departmentIds } from '../../functions/config/departments.js';
import { datesBetween } from '../../functions/domain/statistics/periods.js';
import { BANK, type Scope } from '../../functions/domain/statistics/rollup.js';
import { SEEDING_PATIENCE } from '../../functions/local/seed.js';
import { RollupService } from '../../functions/services/rollups.js';
import { writeBank } from '../support/bank.js';
import { countCapacity } from '../support/capacity.js';
import { TestClock } from '../support/clock.js';
import { fileComplaint } from '../support/complaints.js';
import { keyFor, newSubmissionId, postJson } from '../support/customer.js';
import { usePlatform } from '../support/platform.js';
import { storedRollups } from '../support/rollup.js';
import { staffAs } from '../support/staff.js';

/**
 * The statistics' cost follows the outlet-days that changed, not the outlets that exist. A bank
 * of 306 outlets in 12 regions (the demo's six and 300 generated), batch-written: ratings
 * yesterday and today, complaints of the last week, every outlet's day rolled up on 18, 24 and 25
 * November. Then the rules, each counted in DynamoDB requests (never timed): a refresh with
 * nothing new, a rating through the stream, one stale outlet-day, the close of a day, and an
 * incremental refresh against a full recompute of the same days, item by item.
 */
// Wednesday 25 November 2026, 10:00 in Shanghai.
const TODAY = '2026-11-25';
const clock = new TestClock('2026-11-25T10:00:00+08:00');
// Jobs over a bank of 306 outlets with the whole suite sharing one DynamoDB Local on two cores:
// its calls get a batch job's patience (a request's 2 s would fail a slow moment as 503). Requests
// are counted once whatever the retries (the counter sits before the SDK's retry).
const ctx = usePlatform(
  { RATE_LIMIT_IP_PER_MINUTE: '100000' },
  { now: clock.now, patience: SEEDING_PATIENCE },
);
/** The earlier day a complaint was received on, to be resolved today: Wednesday of ISO week 47. */
const STALE_DAY = '2026-11-18';
const YESTERDAY = '2026-11-24';
/** The ISO week of TODAY, Monday 23 to Sunday 29 November. */
const THIS_WEEK = '2026-W48';
/** The days rolled up for every outlet before the rules are tested. */
const ROLLED_UP = [STALE_DAY, YESTERDAY, TODAY];
const STALE_OUTLET = 'r03-o00003';
let outletIds: string[] = [];
let regionIds: string[] = [];
let staleComplaint = '';
let capacity: ReturnType<typeof countCapacity>;

const run = async (job: string) => {
  const response = await fetch(`${ctx.url}/api/v1/local/jobs/${job}`, { method: 'POST' });
  expect(response.status).toBe(200);
  return ((await response.json()) as { result: Record<string, unknown> }).result;
};
const subjects = () => [
  ...outletIds.map((id) => ({ scope: 'outlet' as const, id })),
  ...regionIds.map((id) => ({ scope: 'region' as const, id })),
  { scope: 'bank' as const, id: BANK },
  ...departmentIds.map((id) => ({ scope: 'department' as const, id })),
];
const snapshot = () => storedRollups(ctx.platform.table, subjects());
const withoutComputedAt = (items: Map<string, Record<string, unknown>>) =>
  new Map([...items].map(([key, { computedAt: _, ...item }]) => [key, item]));
/** The items written between two snapshots (new, or different in anything, computedAt included). */
const written = (before: Map<string, unknown>, after: Map<string, unknown>) =>
  [...after.keys()]
    .filter((key) => JSON.stringify(before.get(key)) !== JSON.stringify(after.get(key)))
    .sort();
const itemKey = (scope: Scope, id: string, granularity: string, period: string) => {
  const { pk, sk } = keys.rollup(scope, id, granularity, period);
  return `${pk} ${sk}`;
};
async function rate(outletId: string, rating: number, comment?: string) {
  const submission = { outletId, k: await keyFor(ctx.platform, outletId), submissionId: newSubmissionId() };
  const answer = await postJson(`${ctx.url}/api/v1/feedback`, {
    ...submission,
    rating,
    ...(comment ? { comment } : {}),
  });
  expect(answer.status).toBe(201);
  return { ...submission, id: String(answer.body.id) };
}
/** Ratings a subject has in this week's ranking (an index entry the refresh writes with the rollup). */
const rankedRatings = async (scope: 'outlet' | 'region', id: string, region?: string) => {
  const query = `scope=${scope}&granularity=week&period=${THIS_WEEK}&limit=100${region ? `&region=${region}` : ''}`;
  const { body } = await staffAs(ctx, 'head-office').get(`/stats/rankings?${query}`);
  return (body as unknown as { items: { id: string; ratings: number }[] }).items.find((i) => i.id === id)
    ?.ratings;
};
const ratingsCount = async (scope: Scope, id: string) => {
  const query = `scope=${scope}&id=${id}&granularity=day&from=${TODAY}&to=${TODAY}`;
  const { body } = await staffAs(ctx, 'head-office').get(`/stats/satisfaction?${query}`);
  return (body as unknown as { series: { ratings: { count: number } }[] }).series[0]?.ratings.count;
};

beforeAll(async () => {
  const { deps, table } = ctx.platform;
  const bank = await writeBank(deps, table, {
    outlets: 300,
    regions: 10,
    ratingDays: [YESTERDAY, TODAY],
    ratingVolume: 0.5,
    complaintDays: datesBetween(STALE_DAY, YESTERDAY),
    complaintVolume: 4,
  });
  const [outlets, regions] = await Promise.all([
    deps.repositories.outlets.list(),
    deps.repositories.outlets.listRegions(),
  ]);
  outletIds = outlets.map((o) => o.id);
  regionIds = regions.map((r) => r.id);
  expect(bank.ratings).toBeGreaterThan(1000);
  expect(bank.complaints).toBeGreaterThan(100);
  // A complaint received on the stale day, to be resolved today.
  clock.set(`${STALE_DAY}T10:00:00+08:00`);
  staleComplaint = (await fileComplaint(ctx.platform, STALE_OUTLET, { category: 'waiting-time' })).trackingNo;
  clock.set('2026-11-25T10:00:00+08:00');
  // Every outlet's days, as the close and `npm run rollup` write them; the marks the stream made
  // of everything written are dropped (those days are rolled up whole, the others left out).
  await new RollupService(deps).rollUp(ROLLED_UP);
  await ctx.platform.poller.drain(30_000);
  const { staleRollups } = deps.repositories;
  await staleRollups.clear(await staleRollups.pending());
  capacity = countCapacity(table);
}, 180_000);

describe('a refresh’s cost follows the outlet-days that changed', () => {
  it('a refresh with nothing new makes at most one request per 100 outlets', async () => {
    const cost = await capacity.measure(() => run('rollup-today'));
    expect(outletIds).toHaveLength(306);
    expect(cost.requests).toBeLessThanOrEqual(Math.floor(outletIds.length / 100));
  });

  it('a rating marks its outlet-day stale through the stream, and the next refresh counts it, in the rankings too, for at most 20 requests', async () => {
    clock.advance(5 * 60_000);
    const outlet = 'r07-o00017';
    const before = await Promise.all([
      ratingsCount('outlet', outlet),
      ratingsCount('region', 'region-07'),
      ratingsCount('bank', BANK),
    ]);
    const rankedBefore = await Promise.all([
      rankedRatings('outlet', outlet, 'region-07'),
      rankedRatings('region', 'region-07'),
    ]);
    expect(rankedBefore.every((n) => typeof n === 'number')).toBe(true);
    await rate(outlet, 2, '柜台只开了一个');
    await ctx.platform.poller.drain();
    const cost = await capacity.measure(() => run('rollup-today'));
    expect(cost.requests).toBeLessThanOrEqual(20);
    expect(
      await Promise.all([
        ratingsCount('outlet', outlet),
        ratingsCount('region', 'region-07'),
        ratingsCount('bank', BANK),
      ]),
    ).toEqual(before.map((n) => (n ?? 0) + 1));
    // The outlet's and its region's weeks were re-summed with their ranking entries (gsi1).
    expect(
      await Promise.all([rankedRatings('outlet', outlet, 'region-07'), rankedRatings('region', 'region-07')]),
    ).toEqual(rankedBefore.map((n) => (n ?? 0) + 1));
  }, 60_000);

  it('one stale outlet-day costs at most 20 requests and rewrites exactly what holds it, no other outlet’s', async () => {
    clock.advance(10 * 60_000);
    const before = await snapshot();
    expect((await staffAs(ctx, 'operations.1').acceptAndResolve(staleComplaint, '已处理')).status).toBe(200);
    await ctx.platform.poller.drain(); // the stream marks 18 November's outlet-day of r03-o00003 stale
    const cost = await capacity.measure(() => run('rollup-today'));
    expect(cost.requests).toBeLessThanOrEqual(20);
    const holders: [Scope, string][] = [
      ['outlet', STALE_OUTLET],
      ['region', 'region-03'],
      ['bank', BANK],
      ['department', 'operations'],
    ];
    expect(written(before, await snapshot())).toEqual(
      holders
        .flatMap(([scope, id]) => [
          itemKey(scope, id, 'day', STALE_DAY),
          itemKey(scope, id, 'week', '2026-W47'),
          itemKey(scope, id, 'month', '2026-11'),
        ])
        .sort(),
    );
  }, 60_000);

  it('the close of a day rolls up every outlet’s yesterday and today for at most 5 requests an outlet', async () => {
    const before = capacity.tally.requests;
    const closed = await run('close-day');
    const requests = capacity.tally.requests - before;
    expect(closed).toMatchObject({ days: [YESTERDAY, TODAY], outletDays: 2 * outletIds.length });
    expect(requests / outletIds.length).toBeLessThanOrEqual(5);
  }, 120_000);

  it('an incremental refresh leaves every item as a full recompute of the same days writes it', async () => {
    clock.advance(10 * 60_000);
    for (const [outlet, rating] of [
      ['r01-o00001', 5],
      ['r01-o00011', 1],
      ['r02-o00002', 4],
      ['r09-o00009', 3],
      ['sh-jingan', 5],
    ] as const)
      await rate(outlet, rating, rating <= 2 ? '等了很久' : undefined);
    // A rating given its details later: the rating's item changes, its outlet-day goes stale again.
    const { id, ...submission } = await rate('r05-o00005', 2);
    await ctx.platform.poller.drain();
    await run('rollup-today');
    const details = { ...submission, comment: '没有人解释', aspects: { efficiency: 1 } };
    expect((await postJson(`${ctx.url}/api/v1/feedback/${id}/details`, details)).status).toBe(200);
    await fileComplaint(ctx.platform, 'r04-o00004', { category: 'mis-selling' });
    await ctx.platform.poller.drain();
    await run('rollup-today');
    const incremental = withoutComputedAt(await snapshot());
    // Every outlet of the days the refreshes above touched: today, and the stale day.
    await new RollupService(ctx.platform.deps).rollUp([STALE_DAY, TODAY]);
    expect(withoutComputedAt(await snapshot())).toEqual(incremental);
  }, 120_000);
});
