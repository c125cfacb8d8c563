import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { recomputeRange } from '../../functions/jobs/statistics-jobs.js';
import { type LocalPlatform, startLocalPlatform } from '../../functions/local/platform.js';
import { TestClock } from '../support/clock.js';

/**
 * The demo history `npm start` writes on a first start: 90 days of ratings and complaints,
 * rolled up, seen through the statistics API as head office sees it on the dashboard.
 * 10:00 on 24 November 2026 in Shanghai: the history runs from 26 August to 23 November, the
 * last complete month is October, the last closed week 2026-W47 (16–22 November).
 */
const clock = new TestClock('2026-11-24T02:00:00Z');
const FROM = '2026-08-26';
const TO = '2026-11-23';
const LAST_MONTH = '2026-10';
const LAST_WEEK = '2026-W47';
const LOW_OUTLET = 'bj-wangfujing';
const DECLINING_OUTLET = 'sh-xujiahui';
const DEPARTMENTS = ['retail-banking', 'operations', 'cards', 'credit', 'digital', 'consumer-protection'];

const tableName = `test-${randomUUID()}`;
let platform: LocalPlatform;
let token: string;

beforeAll(async () => {
  platform = await startLocalPlatform({
    port: 0,
    dynamoEndpoint: inject('dynamoEndpoint'),
    tableName,
    scheduler: false,
    env: { LOG_LEVEL: 'ERROR' },
    now: clock.now,
    demoHistory: true,
  });
  const response = await fetch(`${platform.url}/api/v1/local/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'head-office' }),
  });
  token = ((await response.json()) as { token: string }).token;
}, 120_000);

afterAll(async () => {
  await platform?.stop();
});

async function get<T>(path: string): Promise<T> {
  const response = await fetch(`${platform.url}/api/v1${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status, `${path}: ${response.status}`).toBe(200);
  return (await response.json()) as T;
}

interface Series {
  series: { period: string; ratings: { count: number; csat: number | null } }[];
}
interface ComplaintSeries {
  series: {
    period: string;
    complaints: { received: number; resolved: number; rated: number; satisfied: number; openOverdue: number };
  }[];
}
interface Warnings {
  items: { rule: string; subjectId: string; scope: string; figures: Record<string, number> }[];
}
interface InboxPage {
  items: { trackingNo: string; status: string }[];
}

const monthly = (scope: string, id?: string) =>
  `/stats/satisfaction?scope=${scope}${id ? `&id=${id}` : ''}&granularity=month&from=${FROM}&to=${TO}`;

describe('the demo history of a first start', () => {
  it('gives the bank ratings in every month of the 90 days', async () => {
    const { series } = await get<Series>(monthly('bank'));
    expect(series.map((s) => s.period)).toEqual(['2026-08', '2026-09', '2026-10', '2026-11']);
    for (const month of series) expect(month.ratings.count, month.period).toBeGreaterThan(0);
    // A whole month of the six outlets: hundreds of ratings, most of them 4 or 5.
    const october = series.find((s) => s.period === LAST_MONTH);
    expect(october?.ratings.count).toBeGreaterThan(500);
    expect(october?.ratings.csat).toBeGreaterThan(0.75);
  });

  it('has one outlet lagging all along and one falling behind in the last complete month', async () => {
    const low = await get<Series>(monthly('outlet', LOW_OUTLET));
    for (const month of low.series.filter((s) => s.period !== '2026-08'))
      expect(month.ratings.csat, month.period).toBeLessThan(0.8);
    const declining = await get<Series>(monthly('outlet', DECLINING_OUTLET));
    const csat = (period: string) => declining.series.find((s) => s.period === period)?.ratings.csat ?? 0;
    expect(csat('2026-09')).toBeGreaterThan(0.8);
    expect(csat(LAST_MONTH)).toBeLessThan(0.8);
    expect((csat('2026-09') - csat(LAST_MONTH)) * 100).toBeGreaterThanOrEqual(15);
  });

  it('raises the early warnings of the last complete month and the last closed week', async () => {
    const month = await get<Warnings>(`/stats/warnings?period=${LAST_MONTH}`);
    const raised = (w: Warnings, rule: string, subjectId: string) =>
      w.items.some((i) => i.rule === rule && i.subjectId === subjectId);
    expect(raised(month, 'csat-low', LOW_OUTLET)).toBe(true);
    expect(raised(month, 'csat-low', DECLINING_OUTLET)).toBe(true);
    expect(raised(month, 'csat-drop', DECLINING_OUTLET)).toBe(true);
    const week = await get<Warnings>(`/stats/warnings?period=${LAST_WEEK}`);
    expect(raised(week, 'csat-low', LOW_OUTLET)).toBe(true);
    expect(raised(week, 'csat-low', DECLINING_OUTLET)).toBe(true);
  });

  it('flags no other outlet for its figures, and none for a complaint or two', async () => {
    // Every outlet draws a complaint now and then: with ~150 ratings a month, one complaint is
    // 6.7 per 1,000, over the threshold of 5, yet no evidence that the outlet is worse than that.
    for (const period of ['2026-09', LAST_MONTH, '2026-W46', LAST_WEEK]) {
      const { items } = await get<Warnings>(`/stats/warnings?period=${period}&limit=1000`);
      const figures = items.filter((i) => ['csat-low', 'csat-drop', 'complaints-high'].includes(i.rule));
      for (const w of figures)
        expect([LOW_OUTLET, DECLINING_OUTLET], `${period} ${w.rule}`).toContain(w.subjectId);
      for (const w of items.filter((i) => i.rule === 'complaints-high'))
        expect(w.figures.complaints, `${period} ${w.subjectId}`).toBeGreaterThanOrEqual(3);
    }
  });

  it('has complaints in several states, their trails numbered as the services number them', async () => {
    const { series } = await get<ComplaintSeries>(
      `/stats/complaints?scope=bank&granularity=month&from=${FROM}&to=${TO}`,
    );
    const sum = (field: keyof ComplaintSeries['series'][number]['complaints']) =>
      series.reduce((n, s) => n + s.complaints[field], 0);
    expect(sum('received')).toBeGreaterThan(20);
    expect(sum('resolved')).toBeGreaterThan(0);
    expect(sum('resolved')).toBeLessThan(sum('received')); // some are still open today
    expect(sum('satisfied')).toBeGreaterThan(0); // customers satisfied with the handling: closed

    // What the departments' inboxes hold today: the complaints not closed yet.
    const statuses = new Set<string>(['closed']);
    const trackingNos: string[] = [];
    let overdue = 0;
    for (const department of DEPARTMENTS) {
      for (const view of ['new', 'due-soon', 'overdue', 'transferred', 'resolved']) {
        const page = await get<InboxPage>(`/inbox?view=${view}&department=${department}&limit=100`);
        if (view === 'overdue') overdue += page.items.length;
        for (const item of page.items) {
          statuses.add(item.status);
          trackingNos.push(item.trackingNo);
        }
      }
    }
    expect(statuses.size).toBeGreaterThanOrEqual(3);
    expect(overdue).toBeGreaterThan(0);

    // A complaint's trail as staff see it: 0 and 1 at intake, then one number per step.
    const trackingNo = trackingNos[0] ?? '';
    const view = await get<{ version: number; timeline: { seq: number; at: string }[] }>(
      `/staff/complaints/${trackingNo}`,
    );
    expect(view.timeline.map((e) => e.seq)).toEqual(Array.from({ length: view.version + 1 }, (_, i) => i));
    // History reaches nobody: no stored event carries notifications.
    const stored = await platform.deps.repositories.complaints.getWithTimeline(trackingNo);
    expect(stored?.events.length).toBe(view.timeline.length);
    expect(stored?.events.every((e) => e.notifications === undefined)).toBe(true);
  });

  it('rolls up to the same figures when the range is recomputed', async () => {
    const before = await get<Series>(monthly('bank'));
    const complaintsBefore = await get<ComplaintSeries>(
      `/stats/complaints?scope=bank&granularity=month&from=${FROM}&to=${TO}`,
    );
    const rerun = await recomputeRange(platform.deps, FROM, TO);
    expect(rerun.closed.every((c) => c.raised === 0)).toBe(true); // nothing raised twice
    expect(await get<Series>(monthly('bank'))).toEqual(before);
    expect(
      await get<ComplaintSeries>(`/stats/complaints?scope=bank&granularity=month&from=${FROM}&to=${TO}`),
    ).toEqual(complaintsBefore);
  }, 90_000);

  it('is written on the first start only: a later start reuses it', async () => {
    const before = await get<Series>(monthly('bank'));
    const lines: string[] = [];
    const again = await startLocalPlatform({
      port: 0,
      dynamoEndpoint: inject('dynamoEndpoint'),
      tableName,
      scheduler: false,
      env: { LOG_LEVEL: 'ERROR' },
      now: clock.now,
      demoHistory: true,
      log: (line) => lines.push(line),
    });
    try {
      expect(lines.filter((l) => l.includes('history') || l.includes('Seeded'))).toEqual([]);
    } finally {
      await again.stop();
    }
    expect(await get<Series>(monthly('bank'))).toEqual(before);
  });
});
