import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TestClock } from '../support/clock.js';
import { postJson } from '../support/customer.js';
import { ownPhotos } from '../support/own-photos.js';
import { usePlatform } from '../support/platform.js';
import { staffAs } from '../support/staff.js';

/**
 * The supervision warnings (README, "Early warnings (预警)") raised by the job that closes a month,
 * from inspections made through the API on DynamoDB Local, with the clock injected:
 * - supervision-score-low: mean outside-check score under 80 with at least 2 scored checks;
 * - self-check-low: self-check rounds done ÷ owed under 90%;
 * - rectification-overdue: 3 or more tasks due in the month not put right in time.
 * Each is stored once and published once; closing the month again raises and publishes nothing.
 *
 * Monday 2 November 2026, 10:00 in Shanghai. November's self-check days (Monday to Friday, the
 * default): 2–6, 9–13, 16–20, 23–27 and 30 November, 21 days × 3 rounds = 63 rounds owed.
 */
const clock = new TestClock('2026-11-02T10:00:00+08:00');
const ctx = usePlatform({}, { now: clock.now });
const OWED = 63;

type Item = {
  id: string;
  points: number;
  redLine: boolean;
  kind: { type: string; max?: number };
  photoOnFail: boolean;
};
type Checklist = { id: string; version: number; sections: { items: Item[] }[] };
type Warning = { id: string; rule: string; subjectId: string; figures: Record<string, number> };

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
const run = async (job: string) => {
  const response = await fetch(`${ctx.url}/api/v1/local/jobs/${job}`, { method: 'POST' });
  expect(response.status).toBe(200);
  return ((await response.json()) as { result: Record<string, unknown> }).result;
};
const warnings = async (period: string) =>
  (
    (await staffAs(ctx, 'head-office').get(`/stats/warnings?period=${period}&limit=1000`))
      .body as unknown as {
      items: Warning[];
    }
  ).items;
const alertsFor = (period: string) =>
  ctx.platform.notifier
    .list()
    .filter((d) => d.topic === 'alerts' && String(d.body.id ?? '').startsWith(`${period}:`));

describe('supervision warnings when a month closes', () => {
  const failing: Item[] = [];
  let possible = 0;

  it('November: two weak spot checks at 静安寺, their tasks left undone, two self-check rounds and a blind visit at 国贸', async () => {
    const list = (await staffAs(ctx, 'head-office').get('/supervision/checklists/service'))
      .body as unknown as Checklist;
    const items = list.sections.flatMap((s) => s.items);
    possible = items.reduce((n, i) => n + i.points, 0);
    // The heaviest yes/no items that are not red lines, until at least 21 points and 2 items fail.
    for (const item of items
      .filter((i) => !i.redLine && i.kind.type === 'yes-no')
      .sort((a, b) => b.points - a.points)) {
      if (failing.reduce((n, i) => n + i.points, 0) >= 21 && failing.length >= 2) break;
      failing.push(item);
    }
    for (const username of ['inspector.1', 'inspector.shanghai']) {
      const kind = username === 'inspector.1' ? 'spot-check' : 'joint-check';
      const answer = await post(
        username,
        '/supervision/inspections',
        inspection(
          list,
          kind,
          'sh-jingan',
          failing.map((i) => i.id),
        ),
      );
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    }
    for (const round of ['opening', 'midday']) {
      const answer = await post(
        'lobby.bj-guomao',
        '/supervision/inspections',
        inspection(list, 'self-check', 'bj-guomao', [], { round }),
      );
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    }
    // 国贸: a spot check passing everything, and a blind mystery visit failing every item that is
    // not a red line. Counted, the two would average under 80 (a warning); blind, the visit is not
    // counted, and one scored check is too few to judge.
    const allFailing = items.filter((i) => !i.redLine && i.kind.type === 'yes-no');
    const blindScore = ((possible - allFailing.reduce((n, i) => n + i.points, 0)) / possible) * 100;
    expect((100 + blindScore) / 2).toBeLessThan(80);
    const spot = await post(
      'inspector.1',
      '/supervision/inspections',
      inspection(list, 'spot-check', 'bj-guomao', []),
    );
    expect(spot.status, JSON.stringify(spot.body)).toBe(201);
    const planned = await post('head-office', '/supervision/mystery-visits', {
      outletId: 'bj-guomao',
      deadline: '2026-11-20T23:59:59+08:00',
    });
    expect(planned.status).toBe(201);
    const visit = inspection(
      list,
      'mystery-visit',
      'bj-guomao',
      allFailing.map((x) => x.id),
    );
    const blind = await postJson(`${ctx.url}/api/v1/mystery/${planned.body.token}/inspections`, visit);
    expect(blind.status, JSON.stringify(blind.body)).toBe(201);
  });

  it('closing November raises each rule once, for the outlets the rules name, and alerts head office once', async () => {
    clock.set('2026-12-01T00:30:00+08:00');
    await run('close-day');
    const found = (await warnings('2026-11')).filter((w) =>
      ['supervision-score-low', 'self-check-low', 'rectification-overdue'].includes(w.rule),
    );
    const lost = failing.reduce((n, i) => n + i.points, 0);
    // Both checks scored earned ÷ possible × 100, to one decimal; their mean is that score.
    const score = Math.round(((possible - lost) / possible) * 1000) / 10;
    expect(score).toBeLessThan(80);
    const active = (await ctx.platform.deps.repositories.outlets.list()).filter((o) => o.active);
    expect(found.map((w) => w.id).sort()).toEqual(
      [
        '2026-11:supervision-score-low:outlet:sh-jingan',
        '2026-11:rectification-overdue:outlet:sh-jingan',
        // Nobody did 90% of the rounds: 国贸 did 2 of 63, the others none.
        ...active.map((o) => `2026-11:self-check-low:outlet:${o.id}`),
      ].sort(),
    );
    const of = (id: string) => found.find((w) => w.id === id)?.figures;
    expect(of('2026-11:supervision-score-low:outlet:sh-jingan')).toEqual({
      score,
      scoredChecks: 2,
      threshold: 80,
      minChecks: 2,
    });
    // Each check's failed items opened a task each, due 15 days later (17 November): none answered.
    const tasks = failing.length * 2;
    expect(of('2026-11:rectification-overdue:outlet:sh-jingan')).toEqual({
      overdue: tasks,
      due: tasks,
      onTime: 0,
      threshold: 3,
    });
    expect(of('2026-11:self-check-low:outlet:bj-guomao')).toEqual({
      rate: 2 / OWED,
      done: 2,
      owed: OWED,
      threshold: 0.9,
    });
    await ctx.platform.poller.drain();
    const alerts = alertsFor('2026-11').filter((d) =>
      ['supervision-score-low', 'self-check-low', 'rectification-overdue'].includes(String(d.body.rule)),
    );
    expect(alerts.map((d) => d.body.id).sort()).toEqual(found.map((w) => w.id).sort());
    const scoreAlert = alerts.find((d) => d.body.rule === 'supervision-score-low');
    expect(scoreAlert?.subject).toContain('督导检查得分偏低 Low supervision score');
    expect(scoreAlert?.body.words).toContain('低于阈值 80');
  });

  it('closing November again raises nothing new and publishes nothing twice', async () => {
    const before = (await warnings('2026-11')).map((w) => w.id).sort();
    const alertsBefore = alertsFor('2026-11').length;
    const again = await run('close-day');
    expect(again.closed).toEqual([
      expect.objectContaining({ granularity: 'month', period: '2026-11', raised: 0 }),
    ]);
    await ctx.platform.poller.drain();
    expect((await warnings('2026-11')).map((w) => w.id).sort()).toEqual(before);
    expect(alertsFor('2026-11')).toHaveLength(alertsBefore);
  });

  it('an outlet’s manager sees its outlet’s supervision warnings, in its language', async () => {
    const own = (await staffAs(ctx, 'manager.sh-jingan').get('/stats/warnings?period=2026-11&lang=en'))
      .body as unknown as { items: Warning[] };
    expect(own.items.map((w) => w.rule).sort()).toEqual([
      'rectification-overdue',
      'self-check-low',
      'supervision-score-low',
    ]);
  });
});
