import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TestClock } from '../support/clock.js';
import { postJson } from '../support/customer.js';
import { ownPhotos } from '../support/own-photos.js';
import { usePlatform } from '../support/platform.js';
import { staffAs } from '../support/staff.js';

/**
 * The monthly circular (通报) through the API, from inspections made through the API on DynamoDB
 * Local. Expected figures come from the README's definitions ("Service supervision": the figures,
 * the circular) and the default checklist's points, worked out below.
 *
 * Tuesday 10 November 2026, 10:00 in Shanghai: self-check rounds were owed on the weekdays of 2–9
 * November before today (2, 3, 4, 5, 6, 9: 6 days, 18 rounds).
 */
const clock = new TestClock('2026-11-10T10:00:00+08:00');
const ctx = usePlatform({}, { now: clock.now });

type Item = {
  id: string;
  points: number;
  redLine: boolean;
  kind: { type: string; max?: number };
  photoOnFail: boolean;
};
type Checklist = { id: string; version: number; sections: { items: Item[] }[] };
type Figures = {
  checkScore: number | null;
  inspectionsByKind: Record<string, number>;
  redLineFailures: number;
  findingsPerCheck: number | null;
  selfCheck: { done: number; owed: number; rate: number | null };
  rectification: { due: number; onTime: number; rate: number | null };
};
type Named = { outletId: string; name: string; rank?: number; figures: Figures; overdue: number };
type Circular = {
  month: string;
  underway: boolean;
  owedDays: number;
  bank: Figures;
  regions: { regionId: string; name: string; rank?: number; figures: Figures; outlets: number }[];
  best: Named[];
  weakest: Named[];
  overdue: Named[];
  mostFailed: { itemId: string; failures: number; text: string }[];
  redLineFindings: { outletName: string; itemText: string; status: string }[];
};

const as = (username: string) => staffAs(ctx, username);
async function post(username: string, path: string, body: unknown) {
  return postJson(`${ctx.url}/api/v1${path}`, body, { authorization: `Bearer ${await ctx.token(username)}` });
}
async function circular(username: string, month: string): Promise<Circular> {
  const answer = await as(username).get(`/supervision/circular?month=${month}`);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body as unknown as Circular;
}
function answers(list: Checklist, failing: string[] = []) {
  return list.sections.flatMap((s) =>
    s.items.map((item) => {
      const fails = failing.includes(item.id);
      const evidence = fails && item.photoOnFail ? { photo: `photos/test/${item.id}.jpg` } : {};
      if (item.kind.type === 'yes-no') return { itemId: item.id, passed: !fails, ...evidence };
      if (item.kind.type === 'score')
        return { itemId: item.id, mark: fails ? 0 : (item.kind.max ?? 1), ...evidence };
      return { itemId: item.id, value: fails ? 40 : 5, ...evidence };
    }),
  );
}
const inspection = (list: Checklist, kind: string, outletId: string, failing: string[] = [], extra = {}) =>
  ownPhotos({
    id: randomUUID(),
    kind,
    outletId,
    checklistId: list.id,
    checklistVersion: list.version,
    startedAt: clock.now().toISOString(),
    answers: answers(list, failing),
    ...extra,
  });

describe('the monthly circular', () => {
  it('ranks outlets and regions by their checks, counts red lines, rounds and rectifications, and a blind visit only once released', async () => {
    const list = (await as('head-office').get('/supervision/checklists/service'))
      .body as unknown as Checklist;
    const points = new Map(list.sections.flatMap((s) => s.items).map((i) => [i.id, i.points]));
    const envClean = points.get('env-clean') as number;

    // 静安寺: a spot check failing one item, the region's joint check passing everything, two
    // opening rounds (the same round twice counts once) and a midday round.
    expect(
      (
        await post(
          'inspector.1',
          '/supervision/inspections',
          inspection(list, 'spot-check', 'sh-jingan', ['env-clean']),
        )
      ).status,
    ).toBe(201);
    expect(
      (
        await post(
          'inspector.shanghai',
          '/supervision/inspections',
          inspection(list, 'joint-check', 'sh-jingan'),
        )
      ).status,
    ).toBe(201);
    for (const round of ['opening', 'opening', 'midday'])
      expect(
        (
          await post(
            'lobby.sh-jingan',
            '/supervision/inspections',
            inspection(list, 'self-check', 'sh-jingan', [], { round }),
          )
        ).status,
      ).toBe(201);
    // 国贸: a spot check failing a red line (customers' privacy), scoring 100 less its points.
    expect(
      (
        await post(
          'inspector.1',
          '/supervision/inspections',
          inspection(list, 'spot-check', 'bj-guomao', ['quality-privacy']),
        )
      ).status,
    ).toBe(201);
    // A mystery visit to 国贸, all passing, blind until released.
    const planned = await post('head-office', '/supervision/mystery-visits', {
      outletId: 'bj-guomao',
      deadline: '2026-11-20T23:59:59+08:00',
    });
    const visit = inspection(list, 'mystery-visit', 'bj-guomao');
    expect(
      (await postJson(`${ctx.url}/api/v1/mystery/${planned.body.token}/inspections`, visit)).status,
    ).toBe(201);

    const before = await circular('head-office', '2026-11');
    expect(before).toMatchObject({ month: '2026-11', underway: true, owedDays: 6 });
    expect(before.bank.inspectionsByKind).toEqual({
      'self-check': 3,
      'spot-check': 2,
      'joint-check': 1,
      'mystery-visit': 0,
    });
    expect(before.bank.redLineFailures).toBe(1);
    // 2 findings over 3 outside checks.
    expect(before.bank.findingsPerCheck).toBe(0.67);
    // Two rounds done of the 18 owed by each of the two outlets with checks.
    expect(before.bank.selfCheck).toEqual({ done: 2, owed: 36, rate: 2 / 36 });
    // Means are given to one decimal.
    const oneDecimal = (n: number) => Math.round(n * 10) / 10;
    const jingan = oneDecimal((100 - envClean + 100) / 2);
    const guomao = 100 - (points.get('quality-privacy') as number);
    // 国贸 crossed a red line: it ranks after 静安寺 whatever the scores.
    const expectedOrder = ['sh-jingan', 'bj-guomao'];
    expect(before.best.map((o) => [o.outletId, o.rank, o.figures.checkScore])).toEqual(
      expectedOrder.map((id, i) => [id, i + 1, id === 'sh-jingan' ? jingan : guomao]),
    );
    expect(before.best.map((o) => o.name)).toEqual(
      expectedOrder.map((id) => (id === 'sh-jingan' ? '静安寺支行' : '国贸支行')),
    );
    expect(before.regions.map((r) => [r.name, r.figures.checkScore])).toEqual(
      expect.arrayContaining([
        ['上海分行', jingan],
        ['北京分行', guomao],
      ]),
    );
    expect(before.mostFailed.map((i) => [i.itemId, i.failures])).toEqual([
      ['env-clean', 1],
      ['quality-privacy', 1],
    ]);
    expect(before.mostFailed.every((i) => /[\u4e00-\u9fff]/.test(i.text))).toBe(true);
    expect(before.redLineFindings).toEqual([
      expect.objectContaining({ outletName: '国贸支行', status: 'open' }),
    ]);
    // Nothing is overdue while the month is under way.
    expect(before.overdue).toEqual([]);

    const released = await post('head-office', `/supervision/inspections/${visit.id}/release`, {});
    expect(released.status).toBe(200);
    const after = await circular('head-office', '2026-11');
    expect(after.bank.inspectionsByKind['mystery-visit']).toBe(1);
    const guomaoAfter = after.best.find((o) => o.outletId === 'bj-guomao');
    expect(guomaoAfter?.figures.checkScore).toBe(oneDecimal((guomao + 100) / 2));

    // The manager puts 静安寺's finding right and the centre accepts it: on time, in the month it is due.
    const [task] = (await as('manager.sh-jingan').get('/supervision/rectifications?outletId=sh-jingan')).body
      .items as { id: string; version: number; dueAt: string }[];
    expect(task?.dueAt).toBe('2026-11-25T15:59:59.999Z'); // 15 days, to the end of the bank day
    const answered = await post('manager.sh-jingan', `/supervision/rectifications/${task?.id}/actions`, {
      type: 'answer',
      note: '已清洁',
      expectedVersion: task?.version,
    });
    expect(answered.status).toBe(200);
    expect(
      (
        await post('inspector.1', `/supervision/rectifications/${task?.id}/actions`, {
          type: 'accept',
          expectedVersion: answered.body.version,
        })
      ).status,
    ).toBe(200);
    const rectified = await circular('head-office', '2026-11');
    expect(rectified.bank.rectification).toEqual({ due: 2, onTime: 1, rate: 0.5 });

    // After the month, what was not put right in time is listed: 国贸's red line.
    clock.set('2026-12-02T10:00:00+08:00');
    const ended = await circular('manager.sh-jingan', '2026-11');
    expect(ended.underway).toBe(false);
    expect(ended.owedDays).toBe(21); // the weekdays of November 2026
    expect(ended.overdue.map((o) => [o.name, o.overdue])).toEqual([['国贸支行', 1]]);
    clock.set('2026-11-10T10:00:00+08:00');
  });

  it('is for head office and the centre while the month is under way, for everyone in supervision after', async () => {
    const now = await as('manager.sh-jingan').get('/supervision/circular?month=2026-11');
    expect(now.status).toBe(403);
    expect(now.body.message).toBe('本月通报尚未发布，月末后可查看');
    expect((await as('inspector.1').get('/supervision/circular?month=2026-11')).status).toBe(200);
    expect((await as('manager.sh-jingan').get('/supervision/circular?month=2026-10')).status).toBe(200);
    expect((await as('lobby.sh-jingan').get('/supervision/circular?month=2026-10')).status).toBe(200);
    expect((await as('operations.1').get('/supervision/circular?month=2026-10')).status).toBe(403);
    const future = await as('head-office').get('/supervision/circular?month=2026-12');
    expect(future.status).toBe(400);
    expect(future.body.fields).toEqual({ month: '这个月份还没到' });
  });

  it('answers each table as CSV headed in the caller’s language', async () => {
    const token = await ctx.token('head-office');
    const csv = async (table: string, lang = 'zh-CN') => {
      const response = await fetch(
        `${ctx.url}/api/v1/supervision/circular?month=2026-11&format=csv&table=${table}`,
        {
          headers: { authorization: `Bearer ${token}`, 'accept-language': lang },
        },
      );
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
      return (await response.text())
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
    };
    const outlets = await csv('outlets');
    expect(outlets[0]).toMatch(/^"排名","网点","分行","检查平均分"/);
    expect(outlets).toHaveLength(3); // the two outlets checked this month
    expect(outlets.slice(1).join('\n')).toMatch(/静安寺支行/);
    expect((await csv('regions'))[0]).toMatch(/^"排名","分行","网点数"/);
    expect((await csv('items', 'zh-TW'))[0]).toBe('"檢查項","不合格次數"');
    const redLines = await csv('red-lines', 'en');
    expect(redLines[0]).toBe('"Outlet","Region","Checklist item","Found","Due","Status","Repeated"');
    expect(redLines).toHaveLength(2);
  });
});
