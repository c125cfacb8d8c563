import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TestClock } from '../support/clock.js';
import { postJson } from '../support/customer.js';
import { ownPhotos } from '../support/own-photos.js';
import { usePlatform } from '../support/platform.js';
import { staffAs } from '../support/staff.js';

/**
 * Service supervision through the API, on DynamoDB Local: the checklist and its versions, each
 * kind's reach, blind mystery visits before and after release, retries counted once, and the
 * rectification tasks of findings. Expected scores and due dates are worked out from the rules
 * (README, "Service supervision"), on the bank's default checklist.
 */
const clock = new TestClock('2026-12-01T10:00:00+08:00');
const ctx = usePlatform({}, { now: clock.now });

type Item = {
  id: string;
  points: number;
  redLine: boolean;
  kind: { type: string; max?: number };
  photoOnFail: boolean;
};
type Checklist = { id: string; version: number; sections: { items: Item[] }[] };

const as = (username: string) => staffAs(ctx, username);
async function post(username: string, path: string, body: unknown) {
  return postJson(`${ctx.url}/api/v1${path}`, body, { authorization: `Bearer ${await ctx.token(username)}` });
}
async function checklist(): Promise<Checklist> {
  const answer = await as('lobby.sh-jingan').get('/supervision/checklists/service');
  expect(answer.status).toBe(200);
  return answer.body as unknown as Checklist;
}
/** Every item answered as passing: yes, full marks, a waiting time of 5 minutes. */
function passing(list: Checklist, failing: string[] = []) {
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
const inspection = (list: Checklist, kind: string, outletId: string, extra: Record<string, unknown> = {}) =>
  ownPhotos({
    id: randomUUID(),
    kind,
    outletId,
    checklistId: list.id,
    checklistVersion: list.version,
    startedAt: clock.now().toISOString(),
    answers: passing(list),
    ...extra,
  });

describe('the checklist', () => {
  it('starts as the bank’s default, version 1, worth 100 points with its red lines', async () => {
    const list = await checklist();
    expect(list.version).toBe(1);
    const items = list.sections.flatMap((s) => s.items);
    expect(items.reduce((sum, i) => sum + i.points, 0)).toBe(100);
    expect(items.filter((i) => i.redLine).map((i) => i.id)).toEqual([
      'elderly-cash',
      'quality-complaint-posted',
      'quality-privacy',
    ]);
  });
});

describe('self-checks by the outlet’s lobby staff', () => {
  it('are stored once, whatever the retries, and refused for another outlet', async () => {
    const list = await checklist();
    const round = inspection(list, 'self-check', 'sh-jingan', { round: 'opening' });
    const first = await post('lobby.sh-jingan', '/supervision/inspections', round);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      result: { score: 100, passed: true },
      date: '2026-12-01',
      released: true,
    });
    const again = await post('lobby.sh-jingan', '/supervision/inspections', round);
    expect(again.status).toBe(200);
    expect(again.body.submittedAt).toBe(first.body.submittedAt);
    const other = await post('lobby.sh-jingan', '/supervision/inspections', { ...round, round: 'midday' });
    expect(other.status).toBe(409);
    expect(other.body.message).toBe('此检查编号已用于另一份不同的检查');
    const listed = await as('manager.sh-jingan').get(
      '/supervision/inspections?outletId=sh-jingan&month=2026-12',
    );
    expect((listed.body.items as unknown[]).length).toBe(1);

    const elsewhere = await post(
      'lobby.sh-jingan',
      '/supervision/inspections',
      inspection(list, 'self-check', 'bj-guomao', { round: 'opening' }),
    );
    expect(elsewhere.status).toBe(403);
    const noRound = await post(
      'lobby.sh-jingan',
      '/supervision/inspections',
      inspection(list, 'self-check', 'sh-jingan'),
    );
    expect(noRound.status).toBe(400);
    expect(noRound.body.fields).toEqual({ round: '自查须注明是开门、午间还是打烊巡检' });
  });

  it('refuses a failed item without its photo, an answer out of range and an item not in the version, by item', async () => {
    const list = await checklist();
    const answers = passing(list).map((a) =>
      a.itemId === 'env-clean'
        ? { itemId: 'env-clean', passed: false }
        : a.itemId === 'env-5s'
          ? { itemId: 'env-5s', mark: 9 }
          : a,
    );
    const refused = await post('lobby.sh-jingan', '/supervision/inspections', {
      ...inspection(list, 'self-check', 'sh-jingan', { round: 'midday' }),
      answers: [...answers, { itemId: 'no-such-item', passed: true }],
    });
    expect(refused.status).toBe(400);
    expect(refused.body.fields).toEqual({
      'answers.env-clean': '不合格时须拍照留证',
      'answers.env-5s': '分数超出此项的范围',
      'answers.no-such-item': '检查表中没有此项',
    });
  });
});

describe('spot and joint checks, and the rectification tasks of their findings', () => {
  it('opens a task per finding, due in 3 days for a red line and 15 for others, answered by the manager and reviewed by an inspector', async () => {
    const list = await checklist();
    clock.set('2026-12-02T10:00:00+08:00');
    const check = {
      ...inspection(list, 'spot-check', 'sh-lujiazui', {
        answers: passing(list, ['env-clean', 'quality-complaint-posted']),
      }),
    };
    const spot = await post('inspector.1', '/supervision/inspections', check);
    expect(spot.status).toBe(201);
    // 100 − 6 (env-clean) − 0.5 (the red line) = 93.5; failed for the red line.
    expect(spot.body).toMatchObject({
      result: { earned: 93.5, score: 93.5, redLineFailed: true, passed: false },
    });

    const tasks = await as('manager.sh-lujiazui').get(
      '/supervision/rectifications?outletId=sh-lujiazui&status=open',
    );
    const byItem = new Map(
      (tasks.body.items as { itemId: string; dueAt: string; id: string; version: number }[]).map((t) => [
        t.itemId,
        t,
      ]),
    );
    expect(byItem.get('quality-complaint-posted')?.dueAt).toBe('2026-12-05T15:59:59.999Z');
    expect(byItem.get('env-clean')?.dueAt).toBe('2026-12-17T15:59:59.999Z');

    const task = byItem.get('env-clean');
    if (!task) throw new Error('no task');
    const path = `/supervision/rectifications/${encodeURIComponent(task.id)}/actions`;
    // Not the manager's to review, not the inspector's to answer, nobody else's to see.
    expect(
      (await post('inspector.shanghai', path, { type: 'answer', note: 'x', expectedVersion: 1 })).status,
    ).toBe(403);
    expect(
      (await post('manager.bj-guomao', path, { type: 'answer', note: 'x', expectedVersion: 1 })).status,
    ).toBe(404);
    const answered = await post('manager.sh-lujiazui', path, {
      type: 'answer',
      note: '已清理并安排专人巡查',
      photo: `photos/rectifications/${task.id}/after.jpg`,
      expectedVersion: 1,
    });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ status: 'submitted', version: 2 });
    const returned = await post('inspector.shanghai', path, {
      type: 'return',
      reason: '照片看不清',
      expectedVersion: 2,
    });
    expect(returned.body).toMatchObject({ status: 'open', returned: { reason: '照片看不清' } });
    await post('manager.sh-lujiazui', path, {
      type: 'answer',
      note: '重新拍照',
      photo: `photos/rectifications/${task.id}/after2.jpg`,
      expectedVersion: 3,
    });
    const accepted = await post('inspector.1', path, { type: 'accept', expectedVersion: 4 });
    expect(accepted.body).toMatchObject({ status: 'accepted', acceptedBy: 'inspector.1' });
    const stale = await post('inspector.1', path, { type: 'accept', expectedVersion: 4 });
    expect(stale.status).toBe(409);

    // The next check finding the same item again marks it repeated (屡查屡犯).
    clock.set('2026-12-09T10:00:00+08:00');
    const next = inspection(list, 'spot-check', 'sh-lujiazui', { answers: passing(list, ['env-clean']) });
    expect((await post('inspector.1', '/supervision/inspections', next)).status).toBe(201);
    const open = await as('manager.sh-lujiazui').get(
      '/supervision/rectifications?outletId=sh-lujiazui&status=open',
    );
    const again = (open.body.items as { itemId: string; inspectionId: string; repeated: boolean }[]).find(
      (t) => t.inspectionId === next.id,
    );
    expect(again).toMatchObject({ itemId: 'env-clean', repeated: true });
  });

  it('lets a region’s team check its own outlets only, and the supervision centre any', async () => {
    const list = await checklist();
    expect(
      (
        await post(
          'inspector.shanghai',
          '/supervision/inspections',
          inspection(list, 'joint-check', 'sh-jingan'),
        )
      ).status,
    ).toBe(201);
    expect(
      (
        await post(
          'inspector.shanghai',
          '/supervision/inspections',
          inspection(list, 'joint-check', 'bj-guomao'),
        )
      ).status,
    ).toBe(403);
    expect(
      (await post('inspector.1', '/supervision/inspections', inspection(list, 'joint-check', 'bj-guomao')))
        .status,
    ).toBe(403);
    expect(
      (await post('inspector.1', '/supervision/inspections', inspection(list, 'spot-check', 'bj-guomao')))
        .status,
    ).toBe(201);
    expect(
      (await post('lobby.sh-jingan', '/supervision/inspections', inspection(list, 'spot-check', 'sh-jingan')))
        .status,
    ).toBe(403);
  });
});

describe('blind mystery visits', () => {
  it('are head office’s alone until released: nobody else sees a trace; the link works once', async () => {
    const list = await checklist();
    clock.set('2026-12-10T10:00:00+08:00');
    const planned = await post('head-office', '/supervision/mystery-visits', {
      outletId: 'bj-wangfujing',
      deadline: '2026-12-20T23:59:59+08:00',
    });
    expect(planned.status).toBe(201);
    const token = String(planned.body.token);
    expect(planned.body).toMatchObject({ status: 'planned', pseudonym: expect.stringMatching(/^神秘人 /) });

    const opened = await fetch(`${ctx.url}/api/v1/mystery/${token}`);
    expect(opened.status).toBe(200);
    expect(await opened.json()).toMatchObject({
      outletId: 'bj-wangfujing',
      checklist: { version: list.version },
    });

    const visit = {
      ...inspection(list, 'mystery-visit', 'bj-wangfujing', { answers: passing(list, ['conduct-dress']) }),
    };
    const submitted = await postJson(`${ctx.url}/api/v1/mystery/${token}/inspections`, visit);
    expect(submitted.status).toBe(201);
    expect(submitted.body).toEqual({ id: visit.id, submittedAt: expect.any(String) }); // no score for the shopper
    expect((await postJson(`${ctx.url}/api/v1/mystery/${token}/inspections`, visit)).status).toBe(200); // a retry
    const secondVisit = await postJson(`${ctx.url}/api/v1/mystery/${token}/inspections`, {
      ...visit,
      id: randomUUID(),
    });
    expect(secondVisit.status).toBe(404); // the link is spent
    expect((await fetch(`${ctx.url}/api/v1/mystery/${token}`)).status).toBe(404);

    const month = '/supervision/inspections?outletId=bj-wangfujing&month=2026-12';
    for (const user of ['manager.bj-wangfujing', 'inspector.beijing', 'inspector.1']) {
      const seen = await as(user).get(month);
      expect(
        (seen.body.items as { id: string }[]).map((i) => i.id),
        user,
      ).not.toContain(visit.id);
      expect((await as(user).get(`/supervision/inspections/${visit.id}`)).status, user).toBe(404);
    }
    const tasksBefore = await as('manager.bj-wangfujing').get(
      '/supervision/rectifications?outletId=bj-wangfujing',
    );
    expect(tasksBefore.body.items).toEqual([]);
    const headOffice = await as('head-office').get(`/supervision/inspections/${visit.id}`);
    expect(headOffice.body).toMatchObject({
      released: false,
      inspector: { displayName: planned.body.pseudonym },
    });
    expect(JSON.stringify(headOffice.body.inspector)).not.toMatch(/username/);

    expect((await post('inspector.1', `/supervision/inspections/${visit.id}/release`, {})).status).toBe(403);
    const released = await post('head-office', `/supervision/inspections/${visit.id}/release`, {});
    expect(released.status).toBe(200);
    expect((await post('head-office', `/supervision/inspections/${visit.id}/release`, {})).status).toBe(409);
    const seenNow = await as('manager.bj-wangfujing').get(month);
    expect((seenNow.body.items as { id: string }[]).map((i) => i.id)).toContain(visit.id);
    const tasks = await as('manager.bj-wangfujing').get('/supervision/rectifications?outletId=bj-wangfujing');
    expect((tasks.body.items as { itemId: string }[]).map((t) => t.itemId)).toEqual(['conduct-dress']);
  });

  it('refuses a link past its deadline, and plans only for head office', async () => {
    clock.set('2026-12-10T10:00:00+08:00');
    expect(
      (
        await post('inspector.1', '/supervision/mystery-visits', {
          outletId: 'sh-jingan',
          deadline: '2026-12-11T00:00:00+08:00',
        })
      ).status,
    ).toBe(403);
    const planned = await post('head-office', '/supervision/mystery-visits', {
      outletId: 'sh-jingan',
      deadline: '2026-12-11T00:00:00+08:00',
    });
    clock.set('2026-12-11T00:00:01+08:00');
    expect((await fetch(`${ctx.url}/api/v1/mystery/${String(planned.body.token)}`)).status).toBe(404);
  });
});

describe('checklist versions', () => {
  it('a new version never changes a past inspection’s score', async () => {
    const v1 = await checklist();
    clock.set('2026-12-12T10:00:00+08:00');
    const past = inspection(v1, 'spot-check', 'bj-guomao', { answers: passing(v1, ['env-clean']) });
    const scored = await post('inspector.1', '/supervision/inspections', past);
    expect(scored.body).toMatchObject({ result: { score: 94 } }); // 100 − 6
    const {
      id: _,
      version,
      publishedAt: __,
      publishedBy: ___,
      ...draft
    } = v1 as Checklist & Record<string, unknown>;
    const heavier = {
      ...draft,
      sections: v1.sections.map((s) => ({
        ...s,
        items: s.items.map((i) => (i.id === 'env-clean' ? { ...i, points: 26 } : i)),
      })),
      expectedVersion: version,
    };
    expect((await post('inspector.1', '/supervision/checklists/service', heavier)).status).toBe(404); // PUT only
    const put = await fetch(`${ctx.url}/api/v1/supervision/checklists/service`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await ctx.token('admin')}` },
      body: JSON.stringify(heavier),
    });
    expect(put.status).toBe(200);
    expect((await checklist()).version).toBe(version + 1);
    const again = await as('inspector.1').get(`/supervision/inspections/${past.id}`);
    expect(again.body).toMatchObject({ checklistVersion: version, result: { score: 94 } });
    const stale = await fetch(`${ctx.url}/api/v1/supervision/checklists/service`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await ctx.token('admin')}` },
      body: JSON.stringify(heavier),
    });
    expect(stale.status).toBe(409);
  });
});
