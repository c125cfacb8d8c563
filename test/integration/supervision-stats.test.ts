import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TestClock } from '../support/clock.js';
import { postJson } from '../support/customer.js';
import { ownPhotos } from '../support/own-photos.js';
import { usePlatform } from '../support/platform.js';
import { staffAs } from '../support/staff.js';

/**
 * GET /stats/supervision (README, "Service supervision on the dashboard") from inspections made
 * through the API on DynamoDB Local. Expected figures from the README's definitions:
 * mean score per kind; findings per outside check; self-check completion = rounds done ÷ rounds
 * owed by every active outlet (in a month supervision is in use); rectifications on time ÷ due.
 *
 * Tuesday 10 November 2026, 10:00 in Shanghai: rounds were owed on 2–6 and 9 November (6
 * weekdays before today) × 3 = 18 per outlet; the seeded bank has 6 active outlets, 3 a region.
 */
const clock = new TestClock('2026-11-10T10:00:00+08:00');
const ctx = usePlatform({}, { now: clock.now });
const OWED = 18;

type Item = {
  id: string;
  points: number;
  redLine: boolean;
  kind: { type: string; max?: number };
  photoOnFail: boolean;
};
type Checklist = { id: string; version: number; sections: { items: Item[] }[] };
type Figures = {
  inspectionsByKind: Record<string, number>;
  meanScore: Record<string, number | null>;
  redLineFailures: number;
  findingsPerCheck: number | null;
  selfCheck: { done: number; owed: number; rate: number | null };
  rectification: { due: number; onTime: number; rate: number | null };
};
type Row = { id: string; name: string; outlets?: number; figures: Figures };
type Answer = {
  period: string;
  months: string[];
  owedRounds: number;
  bank?: Figures;
  regions?: Row[];
  region?: Row;
  outlets?: { total: number; items: Row[]; nextCursor?: string };
};

async function post(username: string, path: string, body: unknown) {
  return postJson(`${ctx.url}/api/v1${path}`, body, { authorization: `Bearer ${await ctx.token(username)}` });
}
function inspection(list: Checklist, kind: string, outletId: string, failing: string[], extra = {}) {
  return ownPhotos({
    id: randomUUID(),
    kind,
    outletId,
    checklistId: list.id,
    checklistVersion: list.version,
    startedAt: clock.now().toISOString(),
    answers: list.sections.flatMap((s) =>
      s.items.map((item) => {
        const fails = failing.includes(item.id);
        const evidence = fails && item.photoOnFail ? { photo: `photos/test/${item.id}.jpg` } : {};
        if (item.kind.type === 'yes-no') return { itemId: item.id, passed: !fails, ...evidence };
        if (item.kind.type === 'score') return { itemId: item.id, mark: item.kind.max ?? 1 };
        return { itemId: item.id, value: 5 };
      }),
    ),
    ...extra,
  });
}
const get = async (user: string, query: string) => {
  const answer = await staffAs(ctx, user).get(`/stats/supervision?${query}`);
  return answer;
};
const ok = async (user: string, query: string) => {
  const answer = await get(user, query);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body as unknown as Answer;
};

describe('supervision statistics', () => {
  let spotScore = 0;
  it('November so far: a spot check failing one item and a joint check at 静安寺, two rounds, a blind visit at 国贸', async () => {
    const list = (await staffAs(ctx, 'head-office').get('/supervision/checklists/service'))
      .body as unknown as Checklist;
    const items = list.sections.flatMap((s) => s.items);
    const possible = items.reduce((n, i) => n + i.points, 0);
    const envClean = items.find((i) => i.id === 'env-clean') as Item;
    spotScore = Math.round(((possible - envClean.points) / possible) * 1000) / 10;
    const made = [
      await post(
        'inspector.1',
        '/supervision/inspections',
        inspection(list, 'spot-check', 'sh-jingan', ['env-clean']),
      ),
      await post(
        'inspector.shanghai',
        '/supervision/inspections',
        inspection(list, 'joint-check', 'sh-jingan', []),
      ),
      ...(await Promise.all(
        ['opening', 'midday'].map((round) =>
          post(
            'lobby.sh-jingan',
            '/supervision/inspections',
            inspection(list, 'self-check', 'sh-jingan', [], { round }),
          ),
        ),
      )),
    ];
    for (const answer of made) expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    const planned = await post('head-office', '/supervision/mystery-visits', {
      outletId: 'bj-guomao',
      deadline: '2026-11-20T23:59:59+08:00',
    });
    const blind = await postJson(
      `${ctx.url}/api/v1/mystery/${planned.body.token}/inspections`,
      inspection(list, 'mystery-visit', 'bj-guomao', ['env-clean']),
    );
    expect(blind.status, JSON.stringify(blind.body)).toBe(201);
  });

  it('answers the bank and each region, by name, a blind visit not counted', async () => {
    const answer = await ok('head-office', 'period=2026-11');
    expect(answer).toMatchObject({ period: '2026-11', months: ['2026-11'], owedRounds: OWED });
    expect(answer.bank).toMatchObject({
      inspectionsByKind: { 'self-check': 2, 'spot-check': 1, 'joint-check': 1, 'mystery-visit': 0 },
      meanScore: { 'self-check': 100, 'spot-check': spotScore, 'joint-check': 100, 'mystery-visit': null },
      redLineFailures: 0,
      // one failed item over two outside checks
      findingsPerCheck: 0.5,
      selfCheck: { done: 2, owed: OWED * 6, rate: 2 / (OWED * 6) },
      // the spot check's task falls due on 25 November, not yet put right
      rectification: { due: 1, onTime: 0, rate: 0 },
    });
    expect(
      answer.regions?.map((r) => [r.name, r.outlets, r.figures.selfCheck.done, r.figures.selfCheck.owed]),
    ).toEqual([
      ['北京分行', 3, 0, OWED * 3],
      ['上海分行', 3, 2, OWED * 3],
    ]);
  });

  it('drills into a region’s outlets, named, weakest first, paged', async () => {
    const first = await ok('head-office', 'period=2026-11&region=shanghai&limit=2&lang=en');
    expect(first.region).toMatchObject({ id: 'shanghai', name: 'Shanghai Branch', outlets: 3 });
    expect(first.outlets?.total).toBe(3);
    // 静安寺 is the only one checked; the others, unscored, after it by id.
    expect(first.outlets?.items.map((o) => o.id)).toEqual(['sh-jingan', 'sh-lujiazui']);
    expect(first.outlets?.items[0]?.figures.selfCheck).toEqual({ done: 2, owed: OWED, rate: 2 / OWED });
    expect(first.outlets?.nextCursor).toBeDefined();
    const next = await ok(
      'head-office',
      `period=2026-11&region=shanghai&limit=2&cursor=${first.outlets?.nextCursor}`,
    );
    expect(next.outlets?.items.map((o) => o.id)).toEqual(['sh-xujiahui']);
    expect(next.outlets?.nextCursor).toBeUndefined();
  });

  it('a quarter sums its months: October had no supervision, December has not begun', async () => {
    const quarter = await ok('head-office', 'period=2026-Q4');
    expect(quarter).toMatchObject({ months: ['2026-10', '2026-11', '2026-12'], owedRounds: OWED });
    const month = await ok('head-office', 'period=2026-11');
    expect(quarter.bank).toEqual(month.bank);
  });

  it('downloads CSV headed in the page’s language, the bank first', async () => {
    const response = await fetch(`${ctx.url}/api/v1/stats/supervision?period=2026-11&format=csv&lang=zh-TW`, {
      headers: { authorization: `Bearer ${await ctx.token('head-office')}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const lines = (await response.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toContain('"自查完成率 (%)"');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['"全行"', '"北京分行"', '"上海分行"']);
  });

  it('refuses a bad period with the field’s message in the caller’s language', async () => {
    for (const period of ['2026-13', '2026-Q5', '2026-11-01', 'x']) {
      const answer = await get('head-office', `period=${period}&lang=en`);
      expect(answer.status).toBe(400);
      expect((answer.body as unknown as { fields: Record<string, string> }).fields.period).toBe(
        'Use a month (2026-11) or a quarter (2026-Q4)',
      );
    }
    const future = await get('head-office', 'period=2027-01');
    expect(future.status).toBe(400);
  });

  it('keeps each reader to its reach', async () => {
    // A region's team: its region only, no bank.
    const team = await ok('inspector.shanghai', 'period=2026-11');
    expect(team.bank).toBeUndefined();
    expect(team.regions?.map((r) => r.id)).toEqual(['shanghai']);
    expect((await get('inspector.shanghai', 'period=2026-11&region=beijing')).status).toBe(403);
    // An outlet's manager: its outlet's row only.
    const own = await ok('manager.sh-jingan', 'period=2026-11');
    expect(own.bank).toBeUndefined();
    expect(own.outlets?.items.map((o) => [o.id, o.name])).toEqual([['sh-jingan', '静安寺支行']]);
    expect((await get('manager.sh-jingan', 'period=2026-11&region=shanghai')).status).toBe(403);
    // The supervision centre sees everything.
    expect((await ok('inspector.1', 'period=2026-11')).bank).toBeDefined();
  });
});
