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

  describe('its service supervision', () => {
    const OUTLETS = [
      'sh-lujiazui',
      'sh-xujiahui',
      'sh-jingan',
      'bj-guomao',
      'bj-zhongguancun',
      'bj-wangfujing',
    ];
    interface Inspection {
      kind: string;
      date: string;
      released: boolean;
      round?: string;
      result: { score: number | null; redLineFailed: boolean; passed: boolean };
    }
    interface Task {
      outletId: string;
      redLine: boolean;
      foundAt: string;
      dueAt: string;
      status: string;
      answer?: { at: string };
      escalatedAt?: string;
    }
    const inspections = (outletId: string, month: string, kind?: string) =>
      get<{ items: Inspection[] }>(
        `/supervision/inspections?outletId=${outletId}&month=${month}${kind ? `&kind=${kind}` : ''}`,
      ).then((r) => r.items);
    /** The rule: the end of the bank day (Shanghai, UTC+8) `days` calendar days after the finding. */
    const dueByRule = (foundAt: string, days: number) => {
      const found = new Date(Date.parse(foundAt) + 8 * 3_600_000).toISOString().slice(0, 10);
      const last = new Date(Date.parse(`${found}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
      return new Date(`${last}T23:59:59.999+08:00`).toISOString();
    };

    it('has each outlet’s monthly joint check and its lobby manager’s rounds, the lagging outlets doing worse', async () => {
      const selfCheckShare: Record<string, number> = {};
      const meanScore: Record<string, number> = {};
      for (const outlet of OUTLETS) {
        const october = await inspections(outlet, LAST_MONTH);
        // The region inspects every outlet once a month (the cadence's default).
        expect(
          october.filter((i) => i.kind === 'joint-check'),
          outlet,
        ).toHaveLength(1);
        expect(await inspections(outlet, '2026-09', 'joint-check'), outlet).toHaveLength(1);
        const selfChecks = october.filter((i) => i.kind === 'self-check');
        const days = new Set(selfChecks.map((i) => i.date)).size;
        // Three rounds a day the outlet was seen open.
        selfCheckShare[outlet] = selfChecks.length / (3 * days);
        for (const i of selfChecks) expect(['opening', 'midday', 'closing']).toContain(i.round);
        const scores = october.map((i) => i.result.score ?? 0);
        meanScore[outlet] = scores.reduce((a, b) => a + b, 0) / scores.length;
        // A failed red line fails the inspection, whatever its points.
        for (const i of october) expect(i.result.passed).toBe(!i.result.redLineFailed);
      }
      const others = OUTLETS.filter((o) => o !== LOW_OUTLET && o !== DECLINING_OUTLET);
      for (const o of others) {
        expect(selfCheckShare[o], o).toBeGreaterThanOrEqual(0.9);
        expect(meanScore[LOW_OUTLET]).toBeLessThan(meanScore[o] as number);
        expect(selfCheckShare[LOW_OUTLET]).toBeLessThan(selfCheckShare[o] as number);
      }
    });

    it('has one mystery visit, to the weakest outlet, released so its manager sees it', async () => {
      const response = await fetch(`${platform.url}/api/v1/local/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: `manager.${LOW_OUTLET}` }),
      });
      const manager = ((await response.json()) as { token: string }).token;
      const visits: Inspection[] = [];
      for (const outlet of OUTLETS)
        for (const month of ['2026-08', '2026-09', '2026-10', '2026-11']) {
          const as = outlet === LOW_OUTLET ? manager : token;
          const found = await fetch(
            `${platform.url}/api/v1/supervision/inspections?outletId=${outlet}&month=${month}&kind=mystery-visit`,
            { headers: { authorization: `Bearer ${as}` } },
          );
          expect(found.status).toBe(200);
          visits.push(...((await found.json()) as { items: Inspection[] }).items);
        }
      expect(visits).toHaveLength(1);
      expect(visits[0]?.released).toBe(true);
    });

    it('gives last month’s circular every outlet, a lagging one weakest', async () => {
      const circular = await get<{
        underway: boolean;
        best: { outletId: string }[];
        weakest: { outletId: string; name: string }[];
        regions: { outlets: number }[];
        mostFailed: unknown[];
      }>(`/supervision/circular?month=${LAST_MONTH}`);
      expect(circular.underway).toBe(false);
      expect(circular.regions.reduce((n, r) => n + r.outlets, 0)).toBe(6);
      // The lagging outlets fail more items and red lines in their checks (the history's profiles):
      // the weakest of the month is one of them (a month's two or three outside checks are few).
      expect(['王府井支行', '徐家汇支行']).toContain(circular.weakest[0]?.name);
      expect(circular.mostFailed.length).toBeGreaterThan(0);
    });

    it('has findings put right on time, late and not yet, each due by the rule (red line 3 days, others 15)', async () => {
      const tasks: Task[] = [];
      for (const outlet of OUTLETS)
        tasks.push(...(await get<{ items: Task[] }>(`/supervision/rectifications?outletId=${outlet}`)).items);
      expect(tasks.length).toBeGreaterThan(10);
      for (const task of tasks) expect(task.dueAt).toBe(dueByRule(task.foundAt, task.redLine ? 3 : 15));
      const now = clock.now().toISOString();
      const accepted = tasks.filter((t) => t.status === 'accepted');
      expect(accepted.some((t) => (t.answer?.at ?? '') <= t.dueAt)).toBe(true);
      expect(accepted.some((t) => (t.answer?.at ?? '') > t.dueAt)).toBe(true);
      const overdue = tasks.filter((t) => t.status === 'open' && t.dueAt < now);
      expect(overdue.length).toBeGreaterThan(0);
      // Each breach was reported once already: a first start does not send the history's alerts.
      for (const t of overdue) expect(t.escalatedAt).toBeDefined();
      // The weakest outlet puts fewer of its findings right in time.
      const onTimeShare = (outlets: string[]) => {
        const due = tasks.filter((t) => outlets.includes(t.outletId) && t.dueAt < now);
        return due.filter((t) => t.answer && t.answer.at <= t.dueAt).length / Math.max(1, due.length);
      };
      expect(onTimeShare([LOW_OUTLET])).toBeLessThan(
        onTimeShare(OUTLETS.filter((o) => o !== LOW_OUTLET && o !== DECLINING_OUTLET)),
      );
    });

    it('stores a real picture under each photo its findings and answers name, read through the photos endpoint as any upload is', async () => {
      const tasks = (
        await get<{ items: (Task & { inspectionId: string; answer?: { photo?: string } })[] }>(
          `/supervision/rectifications?outletId=${LOW_OUTLET}`,
        )
      ).items;
      const answered = tasks.find((t) => t.answer?.photo);
      const answerKey = answered?.answer?.photo ?? '';
      // Keys of the shape an upload gives, which the photos endpoint accepts (no other is read).
      expect(answerKey).toMatch(/^photos\/rectifications\/[A-Za-z0-9._-]+\/[A-Za-z0-9_-]+\.jpg$/);
      const inspection = await get<{ answers: { photo?: string }[] }>(
        `/supervision/inspections/${answered?.inspectionId}`,
      );
      const findingKeys = inspection.answers.flatMap((a) => (a.photo ? [a.photo] : []));
      for (const key of findingKeys)
        expect(key).toMatch(/^photos\/inspections\/[A-Za-z0-9._-]+\/[A-Za-z0-9_-]+\.jpg$/);
      // The outlet's manager follows the endpoint's redirect to a JPEG; another outlet's gets 404.
      const as = async (username: string) => {
        const answer = await fetch(`${platform.url}/api/v1/local/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username }),
        });
        return `Bearer ${((await answer.json()) as { token: string }).token}`;
      };
      const manager = await as(`manager.${LOW_OUTLET}`);
      for (const key of [answerKey, ...findingKeys]) {
        const photo = await fetch(
          `${platform.url}/api/v1/supervision/photos?key=${encodeURIComponent(key)}`,
          {
            headers: { authorization: manager },
          },
        );
        expect(photo.status, key).toBe(200);
        const bytes = new Uint8Array(await photo.arrayBuffer());
        // A JPEG: it starts with the SOI marker and ends with EOI.
        expect([bytes[0], bytes[1]]).toEqual([0xff, 0xd8]);
        expect([bytes.at(-2), bytes.at(-1)]).toEqual([0xff, 0xd9]);
      }
      const stranger = await fetch(
        `${platform.url}/api/v1/supervision/photos?key=${encodeURIComponent(answerKey)}`,
        {
          headers: { authorization: await as('manager.sh-jingan') },
          redirect: 'manual',
        },
      );
      expect(stranger.status).toBe(404);
    });
  });
});
