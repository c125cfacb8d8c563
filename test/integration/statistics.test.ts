import { beforeAll, describe, expect, it } from 'vitest';
import { countCapacity } from '../support/capacity.js';
import { TestClock } from '../support/clock.js';
import { fileComplaint } from '../support/complaints.js';
import { keyFor, newSubmissionId, postJson } from '../support/customer.js';
import { usePlatform } from '../support/platform.js';
import { rollUp } from '../support/rollup.js';
import { staffAs } from '../support/staff.js';

/**
 * November 2026 at three outlets, written through the API at the instants below, then rolled up
 * on 2 December. Every expected figure is worked out by hand from these records.
 *
 * Ratings
 *   sh-jingan   2 Nov: 5, 4, 2 (with a comment), 1        → 4 ratings, 2 satisfied
 *   sh-lujiazui 2 Nov: 5, 5, 5, 4                          → 4 ratings, 4 satisfied
 *   bj-guomao   3 Nov: 3, 3, 5                             → 3 ratings, 1 satisfied
 *   bank: 11 ratings, 7 satisfied (CSAT 7/11), rating sum 42
 * Complaints (time limit 15 days: due at the end of the 15th day after receipt, Shanghai time)
 *   C1 sh-jingan 2 Nov 10:00, waiting-time → operations; resolved 3 Nov 10:00 (24 h, on time,
 *      root cause process); the customer is satisfied (closed)
 *   C2 sh-jingan 2 Nov 11:00, mis-selling (major) → consumer-protection; due 17 Nov; resolved
 *      20 Nov 10:00 (431 h, late, root cause staff-conduct); no verdict
 *   C3 bj-guomao 3 Nov 10:00, waiting-time → operations; never handled; due 18 Nov
 */
const clock = new TestClock('2026-11-02T09:00:00+08:00');
// A handful of records stand for a month: the warnings compare point estimates (confidence 0.5
// makes each bound the figure itself) from 3 ratings, 1 complaint and 1 resolved complaint.
const ctx = usePlatform(
  {
    RATE_LIMIT_IP_PER_MINUTE: '100000',
    WARN_MIN_RATINGS: '3',
    WARN_MIN_COMPLAINTS: '1',
    WARN_MIN_RESOLVED: '1',
    WARN_CONFIDENCE: '0.5',
  },
  { now: clock.now },
);
const trackingNos: Record<'c1' | 'c2' | 'c3', string> = { c1: '', c2: '', c3: '' };
let capacity: ReturnType<typeof countCapacity>;

async function rate(outletId: string, rating: number, comment?: string) {
  const response = await postJson(`${ctx.url}/api/v1/feedback`, {
    outletId,
    k: await keyFor(ctx.platform, outletId),
    submissionId: newSubmissionId(),
    rating,
    ...(comment ? { comment } : {}),
  });
  expect(response.status).toBe(201);
}

const EVIL_COMMENT = '=HYPERLINK("http://evil.example","点这里")';
/** The comment as a spreadsheet-safe CSV cell: an apostrophe first, quotes doubled. */
const EVIL_COMMENT_CELL = `"'=HYPERLINK(""http://evil.example"",""点这里"")"`;

beforeAll(async () => {
  capacity = countCapacity(ctx.platform.table);
  for (const r of [5, 4]) await rate('sh-jingan', r);
  await rate('sh-jingan', 2, EVIL_COMMENT);
  await rate('sh-jingan', 1);
  for (const r of [5, 5, 5, 4]) await rate('sh-lujiazui', r);
  clock.set('2026-11-02T10:00:00+08:00');
  trackingNos.c1 = (await fileComplaint(ctx.platform, 'sh-jingan', { category: 'waiting-time' })).trackingNo;
  clock.set('2026-11-02T11:00:00+08:00');
  trackingNos.c2 = (await fileComplaint(ctx.platform, 'sh-jingan', { category: 'mis-selling' })).trackingNo;
  clock.set('2026-11-02T15:00:00+08:00');
  const protection = staffAs(ctx, 'consumer-protection.1');
  expect((await protection.step(trackingNos.c2, { type: 'accept' })).status).toBe(200);

  clock.set('2026-11-03T09:00:00+08:00');
  for (const r of [3, 3, 5]) await rate('bj-guomao', r);
  const operations = staffAs(ctx, 'operations.1');
  expect((await operations.step(trackingNos.c1, { type: 'accept' })).status).toBe(200);
  clock.set('2026-11-03T10:00:00+08:00');
  trackingNos.c3 = (await fileComplaint(ctx.platform, 'bj-guomao', { category: 'waiting-time' })).trackingNo;
  const resolve = { type: 'resolve', decision: '已处理', correctiveAction: '调整排班' };
  expect((await operations.step(trackingNos.c1, { ...resolve, rootCause: 'process' })).status).toBe(200);
  clock.set('2026-11-04T09:00:00+08:00');
  const verdict = await postJson(`${ctx.url}/api/v1/complaints/${trackingNos.c1}/satisfaction`, {
    phoneLast4: '5678',
    satisfied: true,
  });
  expect(verdict.body.status).toBe('closed');

  clock.set('2026-11-20T10:00:00+08:00');
  expect((await protection.step(trackingNos.c2, { ...resolve, rootCause: 'staff-conduct' })).status).toBe(
    200,
  );

  clock.set('2026-12-02T10:00:00+08:00');
  await ctx.platform.poller.drain();
  await rollUp(ctx.url, '2026-11-01', '2026-11-30');
  await ctx.platform.poller.drain();
}, 60_000);

const headOffice = () => staffAs(ctx, 'head-office');
const stats = (path: string, user = 'head-office') => staffAs(ctx, user).get(`/stats/${path}`);
type Series<T> = { series: { period: string } & T[] };

describe('satisfaction figures, as the ratings imply', () => {
  it('the bank’s November: 11 ratings, CSAT 7/11, mean 42/11, the distribution, one comment', async () => {
    const { status, body } = await stats(
      'satisfaction?scope=bank&granularity=month&from=2026-11-01&to=2026-11-30',
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({ scope: 'bank', id: 'bank', name: '全行', granularity: 'month' });
    expect((body as unknown as Series<object>).series).toEqual([
      {
        period: '2026-11',
        ratings: {
          count: 11,
          mean: 42 / 11,
          csat: 7 / 11,
          distribution: { 1: 1, 2: 1, 3: 2, 4: 2, 5: 5 },
          aspects: { environment: null, attitude: null, efficiency: null, professionalism: null },
          comments: 1,
        },
      },
    ]);
  });

  it('per day, empty days included with a null CSAT', async () => {
    const { body } = await stats('satisfaction?scope=bank&granularity=day&from=2026-11-01&to=2026-11-04');
    const series = (
      body as unknown as { series: { period: string; ratings: { count: number; csat: number | null } }[] }
    ).series;
    expect(series.map((s) => [s.period, s.ratings.count, s.ratings.csat])).toEqual([
      ['2026-11-01', 0, null],
      ['2026-11-02', 8, 6 / 8],
      ['2026-11-03', 3, 1 / 3],
      ['2026-11-04', 0, null],
    ]);
  });

  it('regions, outlets and ISO weeks are sums of the same records', async () => {
    const figure = async (query: string) =>
      (
        (await stats(`satisfaction?${query}`)).body as unknown as {
          series: { ratings: { count: number; csat: number } }[];
        }
      ).series[0]?.ratings;
    expect(
      await figure('scope=region&id=shanghai&granularity=month&from=2026-11-01&to=2026-11-30'),
    ).toMatchObject({ count: 8, csat: 6 / 8 });
    expect(
      await figure('scope=region&id=beijing&granularity=month&from=2026-11-01&to=2026-11-30'),
    ).toMatchObject({ count: 3, csat: 1 / 3 });
    expect(
      await figure('scope=outlet&id=sh-jingan&granularity=month&from=2026-11-01&to=2026-11-30'),
    ).toMatchObject({ count: 4, csat: 0.5 });
    // 2 and 3 November are in ISO week 45 (Monday 2 November to Sunday 8 November).
    expect(await figure('scope=bank&granularity=week&from=2026-11-02&to=2026-11-08')).toMatchObject({
      count: 11,
      csat: 7 / 11,
    });
  });

  it('reads rollups only: a year of the bank’s months is one Query', async () => {
    const cost = await capacity.measure(() =>
      stats('satisfaction?scope=bank&granularity=month&from=2026-01-01&to=2026-12-31'),
    );
    expect(cost.requests).toBe(1);
  });
});

describe('complaint figures, as the complaints imply', () => {
  it('the bank’s November: 办结率 2/3, 按时办结率 1/2, 满意率 1/1, one open and overdue at month end', async () => {
    const { body } = await stats('complaints?scope=bank&granularity=month&from=2026-11-01&to=2026-11-30');
    expect((body as unknown as Series<object>).series).toEqual([
      {
        period: '2026-11',
        complaints: {
          received: 3,
          resolved: 2,
          resolvedOnTime: 1,
          completionRate: 2 / 3,
          onTimeRate: 1 / 2,
          rated: 1,
          satisfied: 1,
          satisfactionRate: 1,
          openOverdue: 1,
          perThousandRatings: (3 / 11) * 1000,
          byCategory: { 'waiting-time': 2, 'mis-selling': 1 },
          bySeverity: { normal: 2, major: 1 },
          byChannel: { qr: 3 },
          meanHoursToResolve: (24 + 431) / 2,
          rootCauses: { process: 1, 'staff-conduct': 1 },
        },
      },
    ]);
  });

  it('counts the overdue stock at each day’s end: C2 from 18 Nov until decided on the 20th, C3 from the 19th', async () => {
    const { body } = await stats('complaints?scope=bank&granularity=day&from=2026-11-17&to=2026-11-21');
    const series = (body as unknown as { series: { period: string; complaints: { openOverdue: number } }[] })
      .series;
    expect(series.map((s) => s.complaints.openOverdue)).toEqual([0, 1, 2, 1, 1]);
  });

  it('per department: the department handling each complaint', async () => {
    const month = async (id: string) =>
      (
        (await stats(`complaints?scope=department&id=${id}&granularity=month&from=2026-11-01&to=2026-11-30`))
          .body as unknown as {
          series: { complaints: Record<string, unknown> }[];
        }
      ).series[0]?.complaints;
    expect(await month('operations')).toMatchObject({
      received: 2,
      resolved: 1,
      onTimeRate: 1,
      completionRate: 0.5,
      openOverdue: 1,
    });
    expect(await month('consumer-protection')).toMatchObject({
      received: 1,
      resolved: 1,
      resolvedOnTime: 0,
      onTimeRate: 0,
    });
    expect(await month('cards')).toMatchObject({ received: 0, completionRate: null, onTimeRate: null });
  });
});

describe('rankings', () => {
  it('ranks November’s outlets by CSAT, those without ratings last, with names', async () => {
    const { body } = await stats('rankings?scope=outlet&granularity=month&period=2026-11&lang=en');
    const items = (
      body as unknown as { items: { id: string; name: string; rank: number; csat: number | null }[] }
    ).items;
    expect(items.map((i) => [i.rank, i.id, i.csat])).toEqual([
      [1, 'sh-lujiazui', 1],
      [2, 'sh-jingan', 0.5],
      [3, 'bj-guomao', 1 / 3],
      [4, 'bj-wangfujing', null],
      [5, 'bj-zhongguancun', null],
      [6, 'sh-xujiahui', null],
    ]);
    expect(items[0]?.name).toBe('Lujiazui Sub-branch');
  });

  it('pages through the outlets from either end, each page a bounded read, with the ranking’s length', async () => {
    type Ranked = { items: { id: string; rank: number }[]; total: number; nextCursor?: string };
    const page = async (query: string) =>
      (await stats(`rankings?scope=outlet&granularity=month&period=2026-11&${query}`))
        .body as unknown as Ranked;
    const first = await page('limit=2');
    expect(first.items.map((i) => [i.rank, i.id])).toEqual([
      [1, 'sh-lujiazui'],
      [2, 'sh-jingan'],
    ]);
    expect(first.total).toBe(6);
    const cost = await capacity.measure(() =>
      stats(`rankings?scope=outlet&granularity=month&period=2026-11&limit=2&cursor=${first.nextCursor}`),
    );
    // The page, its previous period, its outlets' names (or the cache), the ranking's length.
    expect(cost.requests).toBeLessThanOrEqual(4);
    const second = await page(`limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((i) => [i.rank, i.id])).toEqual([
      [3, 'bj-guomao'],
      [4, 'bj-wangfujing'],
    ]);
    // Worst first: those rated, lowest CSAT first (1/3, 1/2, 1), then those without a rating.
    const worst = await page('order=worst');
    expect(worst.items.map((i) => i.id)).toEqual([
      'bj-guomao',
      'sh-jingan',
      'sh-lujiazui',
      'bj-wangfujing',
      'bj-zhongguancun',
      'sh-xujiahui',
    ]);
    expect(worst.nextCursor).toBeUndefined();
    const beijing = await page('order=worst&region=beijing&limit=2');
    expect(beijing.items.map((i) => i.id)).toEqual(['bj-guomao', 'bj-wangfujing']);
    expect(beijing.total).toBe(3);
  });

  it('draws the heat map of the regions, and of one region’s outlets, by week', async () => {
    type Heat = {
      periods: string[];
      rows: { id: string; name: string; cells: { csat: number | null; ratings: number }[] }[];
    };
    const regions = (await stats('heatmap?scope=region&granularity=week&to=2026-W45&periods=2'))
      .body as unknown as Heat;
    expect(regions.periods).toEqual(['2026-W44', '2026-W45']);
    expect(regions.rows.map((r) => [r.name, ...r.cells.map((c) => [c.csat, c.ratings])])).toEqual([
      ['北京分行', [null, 0], [1 / 3, 3]],
      ['上海分行', [null, 0], [6 / 8, 8]],
    ]);
    const shanghai = (
      await stats('heatmap?scope=outlet&region=shanghai&granularity=week&to=2026-W45&periods=1')
    ).body as unknown as Heat;
    expect(shanghai.rows.map((r) => [r.id, r.cells[0]?.csat, r.cells[0]?.ratings])).toEqual([
      ['sh-jingan', 0.5, 4],
      ['sh-lujiazui', 1, 4],
      ['sh-xujiahui', null, 0],
    ]);
    const noRegion = await stats('heatmap?scope=outlet&granularity=week&to=2026-W45');
    expect(noRegion.status).toBe(400);
    expect((noRegion.body.fields as Record<string, string>).region).toBe('请先选择一个分行');
    const manager = await stats('heatmap?scope=region&granularity=week&to=2026-W45', 'manager.sh-jingan');
    expect(manager.status).toBe(403);
    expect(manager.body.message).toBe('热力图仅供总行查看');
  });

  it('says where the figures start: the bank’s first day rolled up', async () => {
    expect((await stats('first-day')).body).toEqual({ firstDay: '2026-11-01' });
    expect((await stats('first-day', 'manager.sh-jingan')).status).toBe(200);
  });

  it('ranks regions, and one region’s outlets', async () => {
    const regions = (await stats('rankings?scope=region&granularity=month&period=2026-11'))
      .body as unknown as { items: { id: string; csat: number }[] };
    expect(regions.items.map((i) => [i.id, i.csat])).toEqual([
      ['shanghai', 6 / 8],
      ['beijing', 1 / 3],
    ]);
    const beijing = (await stats('rankings?scope=outlet&granularity=month&period=2026-11&region=beijing'))
      .body as unknown as { items: { id: string }[] };
    expect(beijing.items.map((i) => i.id)).toEqual(['bj-guomao', 'bj-wangfujing', 'bj-zhongguancun']);
  });
});

describe('early warnings (预警), CSAT threshold counted from 3 ratings here', () => {
  const monthWarnings = [
    '2026-11:complaints-high:outlet:bj-guomao',
    '2026-11:complaints-high:outlet:sh-jingan',
    '2026-11:csat-low:outlet:bj-guomao',
    '2026-11:csat-low:outlet:sh-jingan',
    '2026-11:on-time-low:department:consumer-protection',
    '2026-11:on-time-low:outlet:sh-jingan',
  ];
  const alertsFor = (period: string) =>
    ctx.platform.notifier
      .list()
      .filter((d) => d.topic === 'alerts' && String(d.body.id ?? '').startsWith(`${period}:`));

  it('raises each of November’s warnings, with its figures, and alerts head office once', async () => {
    const { body } = await stats('warnings?period=2026-11');
    const items = (body as unknown as { items: { id: string; figures: Record<string, number> }[] }).items;
    expect(items.map((w) => w.id).sort()).toEqual(monthWarnings);
    expect(items.find((w) => w.id === '2026-11:csat-low:outlet:sh-jingan')?.figures).toEqual({
      csat: 0.5,
      upperBound: 0.5,
      ratings: 4,
      threshold: 0.8,
      confidence: 0.5,
    });
    expect(
      alertsFor('2026-11')
        .map((d) => d.body.id)
        .sort(),
    ).toEqual(monthWarnings);
    // Week 45 holds the same records: the same lags, as weekly warnings.
    expect(alertsFor('2026-W45')).toHaveLength(6);
  });

  it('rerunning the rollup changes no figure and raises nothing again', async () => {
    const read = async () =>
      Promise.all(
        [
          'satisfaction?scope=bank&granularity=day&from=2026-11-01&to=2026-11-30',
          'complaints?scope=bank&granularity=day&from=2026-11-01&to=2026-11-30',
          'satisfaction?scope=outlet&id=sh-jingan&granularity=week&from=2026-11-01&to=2026-11-30',
          'complaints?scope=region&id=beijing&granularity=month&from=2026-11-01&to=2026-11-30',
          'rankings?scope=outlet&granularity=month&period=2026-11',
          'warnings?period=2026-11',
        ].map(async (q) => (await stats(q)).body),
      );
    const before = await read();
    await rollUp(ctx.url, '2026-11-01', '2026-11-30');
    await ctx.platform.poller.drain();
    expect(await read()).toEqual(before);
    expect(alertsFor('2026-11')).toHaveLength(monthWarnings.length);
  });

  it('is acknowledged once, by head office, with who, when and a note', async () => {
    const id = encodeURIComponent('2026-11:csat-low:outlet:sh-jingan');
    const path = `${ctx.url}/api/v1/stats/warnings/${id}/acknowledge`;
    const as = async (user: string) => ({ authorization: `Bearer ${await ctx.token(user)}` });
    expect((await postJson(path, { note: '已约谈网点负责人' }, await as('admin'))).status).toBe(403);
    const first = await postJson(path, { note: '已约谈网点负责人' }, await as('head-office'));
    expect(first.status).toBe(200);
    expect(first.body.acknowledged).toEqual({
      by: 'head-office',
      byName: '总行消保 Head Office',
      at: '2026-12-02T02:00:00.000Z',
      note: '已约谈网点负责人',
    });
    expect((await postJson(path, {}, await as('head-office'))).status).toBe(409);
    const open = (await stats('warnings?period=2026-11&status=open')).body as unknown as {
      items: { id: string }[];
    };
    expect(open.items.map((w) => w.id)).not.toContain('2026-11:csat-low:outlet:sh-jingan');
    expect(
      (await postJson(`${ctx.url}/api/v1/stats/warnings/nope/acknowledge`, {}, await as('head-office')))
        .status,
    ).toBe(404);
  });
});

describe('who sees what', () => {
  const month = 'granularity=month&from=2026-11-01&to=2026-11-30';
  it.each([
    ['head-office', `satisfaction?scope=bank&${month}`, 200],
    ['admin', `satisfaction?scope=region&id=shanghai&${month}`, 200],
    ['manager.sh-jingan', `satisfaction?scope=outlet&id=sh-jingan&${month}`, 200],
    ['manager.sh-jingan', `complaints?scope=outlet&id=sh-jingan&${month}`, 200],
    ['manager.sh-jingan', `satisfaction?scope=outlet&id=sh-lujiazui&${month}`, 403],
    ['manager.sh-jingan', `satisfaction?scope=region&id=shanghai&${month}`, 403],
    ['manager.sh-jingan', `satisfaction?scope=bank&${month}`, 403],
    ['manager.sh-jingan', 'rankings?scope=outlet&granularity=month&period=2026-11', 403],
    ['operations.1', `complaints?scope=department&id=operations&${month}`, 200],
    ['operations.1', `complaints?scope=department&id=cards&${month}`, 403],
    ['operations.1', `satisfaction?scope=bank&${month}`, 403],
    ['operations.1', `complaints?scope=outlet&id=sh-jingan&${month}`, 403],
    ['head-office', `satisfaction?scope=outlet&id=sh-nowhere&${month}`, 404],
    ['head-office', `satisfaction?scope=department&id=cards&${month}`, 400],
    ['head-office', 'satisfaction?scope=bank&granularity=month&from=2026-11-30&to=2026-11-01', 400],
    ['head-office', 'satisfaction?scope=bank&granularity=month&from=2026-02-30&to=2026-03-01', 400],
    ['head-office', 'rankings?scope=outlet&granularity=week&period=2026-11', 400],
  ])('%s: %s → %i', async (user, query, status) => {
    expect((await stats(query, user)).status).toBe(status);
  });

  it('shows an outlet’s manager only its own warnings, and nobody anything without signing in', async () => {
    const own = (await stats('warnings?period=2026-11', 'manager.sh-jingan')).body as unknown as {
      items: { subjectId: string }[];
    };
    expect(new Set(own.items.map((w) => w.subjectId))).toEqual(new Set(['sh-jingan']));
    expect((await fetch(`${ctx.url}/api/v1/stats/satisfaction?scope=bank&${month}`)).status).toBe(401);
  });
});

describe('downloads', () => {
  const csv = async (path: string) => {
    const response = await fetch(`${ctx.url}/api/v1/stats/${path}`, {
      headers: { authorization: `Bearer ${await ctx.token('head-office')}` },
    });
    // Decoded with the byte-order mark kept (response.text() would drop it).
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
    return { response, text };
  };

  it('answers CSV for Excel: UTF-8 with a BOM, headed in the caller’s language, the same figures', async () => {
    const { response, text } = await csv(
      'satisfaction?scope=bank&granularity=month&from=2026-11-01&to=2026-11-30&format=csv&lang=zh-CN',
    );
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toContain('attachment');
    expect(text.startsWith('\uFEFF"期间","评价数","平均分","满意度 (%)"')).toBe(true);
    // 11 ratings, mean 3.82, CSAT 63.6 %.
    expect(text.split('\r\n')[1]).toBe('"2026-11",11,3.82,63.6,1,1,2,2,5,,,,,1');
  });

  it('exports the raw ratings with comments, a formula-like comment neutralised', async () => {
    const { text } = await csv(
      'export/ratings?scope=outlet&id=sh-jingan&from=2026-11-01&to=2026-11-30&lang=en',
    );
    const lines = text.split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(1 + 4);
    expect(lines[0]).toBe(
      '\uFEFF"Received","Outlet","Rating","Environment","Attitude","Efficiency","Professionalism","Comment","Language","Counted"',
    );
    expect(text).toContain(EVIL_COMMENT_CELL);
    // All four were rated at 09:00:00 on the bank's clock, and every one counts.
    const rows = lines.slice(1).map((line) => line.replace(EVIL_COMMENT_CELL, '"comment"'));
    expect(rows.sort()).toEqual(
      [1, 2, 4, 5]
        .map(
          (rating) =>
            `"2026-11-02 09:00:00","Jing'an Temple Sub-branch",${rating},,,,,${rating === 2 ? '"comment"' : ''},"zh-CN",TRUE`,
        )
        .sort(),
    );
  });

  it('answers CSV from every statistics endpoint the API documents, headed in Chinese, without codes', async () => {
    const month = 'from=2026-11-01&to=2026-11-30';
    const asked: Record<string, string> = {
      '/stats/satisfaction': `scope=bank&granularity=month&${month}`,
      '/stats/complaints': `scope=bank&granularity=month&${month}`,
      '/stats/rankings': 'scope=outlet&granularity=month&period=2026-11',
      '/stats/heatmap': 'scope=outlet&region=shanghai&granularity=week&to=2026-W45',
      '/stats/warnings': 'period=2026-11',
      '/stats/warnings/summary': 'period=2026-11',
      '/stats/low-ratings': `scope=bank&${month}`,
      '/stats/major-complaints': 'month=2026-11',
      '/stats/first-day': '',
      '/stats/export/ratings': `scope=outlet&id=sh-jingan&${month}`,
      '/stats/supervision': 'period=2026-11',
    };
    const document = (await (await fetch(`${ctx.url}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = Object.entries(document.paths)
      .filter(([path, methods]) => path.startsWith('/stats/') && 'get' in methods)
      .map(([path]) => path.replace(/^\/api\/v1/, ''));
    expect(documented.sort()).toEqual(Object.keys(asked).sort());
    for (const [path, query] of Object.entries(asked)) {
      const { response, text } = await csv(`${path.slice('/stats/'.length)}?${query}&format=csv&lang=zh-CN`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type'), path).toBe('text/csv; charset=utf-8');
      const [head = ''] = text.split('\r\n');
      expect(head.startsWith('\uFEFF"'), path).toBe(true);
      expect(head, path).toMatch(/[\u4e00-\u9fff]/);
      expect(head, path).not.toMatch(/"[A-Za-z ]+"/);
      expect(text, path).not.toMatch(
        /severity:|channel:|perThousand|upperBound|csat-low|on-time-low|complaints-high/,
      );
    }
  });

  it('names severities, channels and categories in the complaints CSV’s language', async () => {
    const { text } = await csv(
      'complaints?scope=bank&granularity=month&from=2026-11-01&to=2026-11-30&format=csv',
    );
    const head = text.split('\r\n')[0] ?? '';
    for (const name of ['"排队等候"', '"误导销售"', '"级别：一般"', '"级别：重大"', '"受理渠道：网点二维码"'])
      expect(head).toContain(name);
    const english = await csv(
      'complaints?scope=bank&granularity=month&from=2026-11-01&to=2026-11-30&format=csv&lang=en',
    );
    expect(english.text.split('\r\n')[0]).toContain(
      '"Severity: Major","Severity: Normal","Channel: outlet QR code"',
    );
  });

  it('downloads the low ratings with the comment neutralised, and the major complaints in words', async () => {
    const low = await csv('low-ratings?scope=bank&from=2026-11-01&to=2026-11-30&format=csv');
    expect(low.text.split('\r\n')[0]).toBe('\uFEFF"评价时间","网点","评分","留言"');
    expect(low.text).toContain(`"2026-11-02 09:00:00","静安寺支行",2,${EVIL_COMMENT_CELL}`);
    const major = await csv('major-complaints?month=2026-11&format=csv');
    expect(major.text.split('\r\n').slice(0, 2)).toEqual([
      '\uFEFF"投诉编号","受理时间","网点","投诉类别","承办部门","状态","根本原因"',
      `"${trackingNos.c2}","2026-11-02 11:00:00","静安寺支行","误导销售","消费者权益保护部","已办结","员工行为"`,
    ]);
    const cost = await capacity.measure(() => stats('major-complaints?month=2026-11'));
    // The month's rollup, the routing rules' category names, one BatchGet of the outlets.
    expect(cost.requests).toBeLessThanOrEqual(3);
  });

  it('refuses a region export of more than 31 days and a bank-wide one', async () => {
    const long = await headOffice().get(
      '/stats/export/ratings?scope=region&id=shanghai&from=2026-10-01&to=2026-11-30',
    );
    expect(long.status).toBe(400);
    const bank = await headOffice().get(
      '/stats/export/ratings?scope=bank&id=bank&from=2026-11-01&to=2026-11-02',
    );
    expect(bank.status).toBe(400);
  });
});
