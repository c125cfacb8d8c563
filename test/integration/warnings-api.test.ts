import { beforeAll, describe, expect, it } from 'vitest';
import type { Warning } from '../../functions/domain/statistics/warnings.js';
import { countCapacity } from '../support/capacity.js';
import { TestClock } from '../support/clock.js';
import { postJson } from '../support/customer.js';
import { usePlatform } from '../support/platform.js';

/**
 * The warnings panel's API: pages of a period's warnings narrowed by rule, region and status,
 * their counts by rule and region, and head office acknowledging several at once. The warnings
 * are raised straight through the repository (as the period's close raises them), so the counts
 * are known by construction:
 *
 * November 2026
 *   csat-low        shanghai: sh-jingan, sh-lujiazui, sh-xujiahui and 30 generated outlets (33)
 *                   beijing: bj-guomao (1)
 *   complaints-high shanghai: sh-jingan (1); beijing: bj-wangfujing (1)
 *   recurring       shanghai: sh-jingan, waiting time (1)
 *   on-time-low     the cards department, no region (1)
 *   → 38 open, none acknowledged.
 */
const clock = new TestClock('2026-12-02T10:00:00+08:00');
const ctx = usePlatform({}, { now: clock.now });
const PERIOD = '2026-11';
const GENERATED = Array.from({ length: 30 }, (_, i) => `gen-${String(i + 1).padStart(3, '0')}`);

const warning = (
  rule: Warning['rule'],
  subjectId: string,
  regionId: string | undefined,
  extra: Partial<Warning> = {},
): Warning => ({
  id: [
    PERIOD,
    rule,
    regionId ? 'outlet' : 'department',
    subjectId,
    ...(extra.category ? [extra.category] : []),
  ].join(':'),
  rule,
  granularity: 'month',
  period: PERIOD,
  scope: regionId ? 'outlet' : 'department',
  subjectId,
  ...(regionId ? { regionId } : {}),
  figures:
    rule === 'csat-low'
      ? { csat: 0.66, upperBound: 0.72, ratings: 150, threshold: 0.8, confidence: 0.95 }
      : rule === 'complaints-high'
        ? {
            perThousandRatings: 20,
            lowerBound: 5.45,
            complaints: 3,
            ratings: 150,
            threshold: 5,
            confidence: 0.95,
          }
        : rule === 'on-time-low'
          ? {
              onTimeRate: 0.7,
              upperBound: 0.77,
              resolved: 100,
              resolvedOnTime: 70,
              threshold: 0.95,
              confidence: 0.95,
            }
          : { complaints: 4, recurring: 3 },
  ...extra,
});

const id = (rule: string, subject: string, category?: string) =>
  [
    PERIOD,
    rule,
    subject === 'cards' ? 'department' : 'outlet',
    subject,
    ...(category ? [category] : []),
  ].join(':');

let capacity: ReturnType<typeof countCapacity>;

beforeAll(async () => {
  const { warnings } = ctx.platform.deps.repositories;
  const all = [
    ...['sh-jingan', 'sh-lujiazui', 'sh-xujiahui', ...GENERATED].map((o) =>
      warning('csat-low', o, 'shanghai'),
    ),
    warning('csat-low', 'bj-guomao', 'beijing'),
    warning('complaints-high', 'sh-jingan', 'shanghai'),
    warning('complaints-high', 'bj-wangfujing', 'beijing'),
    warning('recurring', 'sh-jingan', 'shanghai', { category: 'waiting-time' }),
    warning('on-time-low', 'cards', undefined),
  ];
  const raisedAt = clock.now();
  for (const w of all) expect(await warnings.raise(w, [], raisedAt)).toBe(true);
  // Raising one again changes nothing, its count included.
  expect(await warnings.raise(all[0] as Warning, [], raisedAt)).toBe(false);
  capacity = countCapacity(ctx.platform.table);
});

const as = async (user: string, lang?: string) => ({
  authorization: `Bearer ${await ctx.token(user)}`,
  ...(lang ? { 'accept-language': lang } : {}),
});
async function get<T = Record<string, unknown>>(path: string, user = 'head-office', lang?: string) {
  const response = await fetch(`${ctx.url}/api/v1${path}`, { headers: await as(user, lang) });
  return { status: response.status, body: (await response.json()) as T };
}
interface Listed {
  items: { id: string; subjectName: string; region?: string; acknowledged?: { note?: string } }[];
  nextCursor?: string;
}
interface Summary {
  open: number;
  acknowledged: number;
  groups: { rule: string; regionId?: string; region?: string; open: number; acknowledged: number }[];
}
const acknowledge = async (ids: string[], user = 'head-office', lang?: string, note = '已督促整改') =>
  postJson(`${ctx.url}/api/v1/stats/warnings/acknowledge`, { ids, note }, await as(user, lang));

describe('the warnings of a period, counted by rule and region', () => {
  it('counts them from the stored counts: one Query, whatever the number of warnings', async () => {
    let summary = { status: 0, body: {} as Summary };
    const cost = await capacity.measure(async () => {
      summary = await get<Summary>(`/stats/warnings/summary?period=${PERIOD}`);
    });
    expect(summary.status).toBe(200);
    expect(summary.body).toMatchObject({ open: 38, acknowledged: 0 });
    expect(summary.body.groups.map((g) => [g.rule, g.region ?? '—', g.open, g.acknowledged])).toEqual([
      ['csat-low', '上海分行', 33, 0],
      ['csat-low', '北京分行', 1, 0],
      ['on-time-low', '—', 1, 0],
      // As many open: by the region's name (北京 bei before 上海 shang).
      ['complaints-high', '北京分行', 1, 0],
      ['complaints-high', '上海分行', 1, 0],
      ['recurring', '上海分行', 1, 0],
    ]);
    // The summary Query, and the regions' names (the directory's cache may already hold them).
    expect(cost.requests).toBeLessThanOrEqual(2);
  });

  it('shows an outlet’s manager and a department only their own, counted the same way', async () => {
    const manager = await get<Summary>(`/stats/warnings/summary?period=${PERIOD}`, 'manager.sh-jingan');
    expect(manager.body.groups.map((g) => [g.rule, g.open])).toEqual([
      ['csat-low', 1],
      ['complaints-high', 1],
      ['recurring', 1],
    ]);
    const listed = await get<Listed>(`/stats/warnings?period=${PERIOD}`, 'manager.sh-jingan');
    expect(listed.body.items.map((w) => w.id).sort()).toEqual(
      [
        id('complaints-high', 'sh-jingan'),
        id('csat-low', 'sh-jingan'),
        id('recurring', 'sh-jingan', 'waiting-time'),
      ].sort(),
    );
    const cards = await get<Listed>(`/stats/warnings?period=${PERIOD}`, 'cards.1');
    expect(cards.body.items.map((w) => w.id)).toEqual([id('on-time-low', 'cards')]);
  });
});

describe('pages of warnings, narrowed by rule, region and status', () => {
  it('pages through a rule and region 10 at a time: every warning once, in order, each page a bounded read', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const query = `period=${PERIOD}&rule=csat-low&region=shanghai&status=open&limit=10${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      let page = { status: 0, body: {} as Listed };
      const cost = await capacity.measure(async () => {
        page = await get<Listed>(`/stats/warnings?${query}`);
      });
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(10);
      // One Query for the page, one BatchGet for its outlets' names, the regions' names.
      expect(cost.requests).toBeLessThanOrEqual(3);
      seen.push(...page.body.items.map((w) => w.id));
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(4);
    expect(seen).toHaveLength(33);
    expect(new Set(seen).size).toBe(33);
    expect(seen).toEqual([...seen].sort());
  });

  it('narrows to a region over every rule, naming outlets and regions', async () => {
    const { body } = await get<Listed>(`/stats/warnings?period=${PERIOD}&region=beijing`);
    expect(body.items.map((w) => [w.id, w.subjectName, w.region])).toEqual([
      [id('csat-low', 'bj-guomao'), '国贸支行', '北京分行'],
      [id('complaints-high', 'bj-wangfujing'), '王府井支行', '北京分行'],
    ]);
  });

  it('refuses a cursor it did not make, in the caller’s language', async () => {
    const forged = Buffer.from(
      JSON.stringify({ r: 0, o: 0, k: { pk: 'X', sk: 'Y', gsi1pk: 'WARNINGS#2026-10', gsi1sk: 'open#' } }),
    ).toString('base64url');
    const zh = await get<{ fields: Record<string, string> }>(
      `/stats/warnings?period=${PERIOD}&cursor=${forged}`,
    );
    expect(zh.status).toBe(400);
    expect(zh.body.fields.cursor).toBe('翻页标记无效，请从第一页重新开始');
    const en = await get<{ fields: Record<string, string> }>(
      `/stats/warnings?period=${PERIOD}&cursor=nonsense`,
      'head-office',
      'en',
    );
    expect(en.status).toBe(400);
    expect(en.body.fields.cursor).toBe('This page marker is not valid; start again from the first page');
  });

  it('downloads a page as CSV in words: the rule named, the figures a sentence, no field names', async () => {
    const response = await fetch(
      `${ctx.url}/api/v1/stats/warnings?period=${PERIOD}&region=beijing&format=csv`,
      {
        headers: await as('head-office'),
      },
    );
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
    const lines = text.split('\r\n');
    expect(lines[0]).toBe(
      '\uFEFF"期间","预警类型","对象","分行","指标","预警时间","确认人","确认时间","备注"',
    );
    expect(lines[1]).toBe(
      '"2026-11","满意度偏低","国贸支行","北京分行","满意度 66.0%（150 条评价）；按 95% 置信度，满意度至多 72.0%，低于阈值 80%","2026-12-02 10:00:00",,,',
    );
    expect(text).not.toMatch(/perThousandRatings|upperBound|threshold=|csat-low/);
  });
});

describe('acknowledging several at once', () => {
  const three = [id('csat-low', 'gen-001'), id('csat-low', 'gen-002'), id('csat-low', 'gen-003')];

  it('is head office’s only, refused in the caller’s language', async () => {
    for (const user of ['admin', 'manager.sh-jingan', 'operations.1']) {
      const refused = await acknowledge(three, user);
      expect(refused.status, user).toBe(403);
      expect(refused.body.message).toBe('预警由总行确认');
    }
    expect((await acknowledge(three, 'admin', 'en')).body.message).toBe('Head office acknowledges warnings');
  });

  it('refuses a list naming one twice, one too long, or none, and names the field', async () => {
    const twice = await acknowledge([three[0] as string, three[0] as string]);
    expect(twice.status).toBe(400);
    expect((twice.body.fields as Record<string, string>).ids).toBe('同一条预警只能列一次');
    const many = await acknowledge(
      Array.from({ length: 51 }, (_, i) => `${PERIOD}:csat-low:outlet:x${i}`),
      'head-office',
      'zh-TW',
    );
    expect(many.status).toBe(400);
    expect((many.body.fields as Record<string, string>).ids).toBe('一次最多確認 50 條預警');
    expect((await acknowledge([])).status).toBe(400);
    const unknown = await acknowledge([three[0] as string, `${PERIOD}:csat-low:outlet:nowhere`]);
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toBe('有 1 条预警不存在，本次没有确认任何预警');
  });

  it('acknowledges them all with one note, in one transaction with their counts', async () => {
    let answer = { status: 0, body: {} as Record<string, unknown> };
    const cost = await capacity.measure(async () => {
      answer = await acknowledge(three);
    });
    expect(answer.status).toBe(200);
    const items = answer.body.items as Listed['items'];
    expect(items.map((w) => w.id)).toEqual(three);
    expect(items.every((w) => w.acknowledged?.note === '已督促整改')).toBe(true);
    // A BatchGet of the warnings, the transaction, and their names.
    expect(cost.requests).toBeLessThanOrEqual(4);
    const summary = await get<Summary>(`/stats/warnings/summary?period=${PERIOD}`);
    expect(summary.body).toMatchObject({ open: 35, acknowledged: 3 });
    expect(summary.body.groups[0]).toMatchObject({
      rule: 'csat-low',
      regionId: 'shanghai',
      open: 30,
      acknowledged: 3,
    });
    const seen = await get<Listed>(`/stats/warnings?period=${PERIOD}&status=acknowledged`);
    expect(seen.body.items.map((w) => w.id)).toEqual(three);
    const open = await get<Listed>(
      `/stats/warnings?period=${PERIOD}&rule=csat-low&region=shanghai&status=open&limit=100`,
    );
    expect(open.body.items.map((w) => w.id)).not.toContain(three[0]);
    expect(open.body.items).toHaveLength(30);
  });

  it('acknowledges each once: a list holding one already acknowledged is 409 naming it, and nothing changes', async () => {
    const fresh = id('csat-low', 'gen-004');
    const again = await acknowledge([fresh, three[1] as string]);
    expect(again.status).toBe(409);
    expect(again.body.message).toBe(
      '其中 1 条预警已被他人确认（gen-002），本次没有确认任何预警，请刷新后重新选择',
    );
    const english = await acknowledge([three[1] as string], 'head-office', 'en');
    expect(english.body.message).toBe(
      '1 of these warnings were acknowledged by someone else (gen-002); none was acknowledged now, refresh and choose again',
    );
    const summary = await get<Summary>(`/stats/warnings/summary?period=${PERIOD}`);
    expect(summary.body).toMatchObject({ open: 35, acknowledged: 3 });
    const stored = await ctx.platform.deps.repositories.warnings.get(fresh);
    expect(stored?.acknowledged).toBeUndefined();
  });

  it('two acknowledgements racing for the same warnings: one wins, the other is 409', async () => {
    const pair = [id('csat-low', 'gen-010'), id('csat-low', 'gen-011')];
    const answers = await Promise.all([acknowledge(pair), acknowledge([...pair].reverse())]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const summary = await get<Summary>(`/stats/warnings/summary?period=${PERIOD}`);
    expect(summary.body).toMatchObject({ open: 33, acknowledged: 5 });
  });
});
