import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { runJob } from '../../functions/jobs/run-job.js';
import { TestClock } from '../support/clock.js';
import { postJson } from '../support/customer.js';
import { ownPhotos } from '../support/own-photos.js';
import { usePlatform } from '../support/platform.js';
import { staffAs } from '../support/staff.js';

/**
 * The rectification sweeper on DynamoDB Local, on an injected clock: a task still open is reminded
 * to its outlet's manager RECTIFY_REMIND_BEFORE_DAYS (1) before its due date, once, and its breach
 * is reported to the region and head office once, however many sweeps run and even when two run
 * at the same time; a task answered, or answered and accepted, owes nothing. Due dates come from
 * the rule (README, "Service supervision"): a red line found on Wednesday 2 December is due at the
 * end of Saturday 5 December in Shanghai (2026-12-05T15:59:59.999Z), anything else at the end of
 * Thursday 17 December.
 */
const clock = new TestClock('2026-12-02T10:00:00+08:00');
const ctx = usePlatform({}, { now: clock.now });

type Task = { id: string; itemId: string; version: number; dueAt: string; status: string };
type Checklist = {
  id: string;
  version: number;
  sections: { items: { id: string; kind: { type: string; max?: number } }[] }[];
};

async function post(username: string, path: string, body: unknown) {
  return postJson(`${ctx.url}/api/v1${path}`, body, { authorization: `Bearer ${await ctx.token(username)}` });
}
const sweep = () => runJob('sweep-rectifications', ctx.platform.deps);

async function alertsAbout(taskId: string) {
  await ctx.platform.poller.drain();
  return ctx.platform.notifier
    .list()
    .filter((d) => d.body.rectificationId === taskId)
    .map((d) => ({ topic: d.topic, event: String(d.body.event), audience: d.attributes.audience }))
    .sort((x, y) => x.event.localeCompare(y.event));
}

describe('the rectification sweeper', () => {
  it('reminds the manager once before the due date and reports the breach once to the region and head office; nothing for answered or accepted tasks', async () => {
    const list = (await staffAs(ctx, 'inspector.1').get('/supervision/checklists/service'))
      .body as unknown as Checklist;
    const failing = ['quality-complaint-posted', 'env-clean', 'env-five-unified'];
    const answers = list.sections.flatMap((s) =>
      s.items.map((item) => {
        const fails = failing.includes(item.id);
        const photo = fails ? { photo: `photos/test/${item.id}.jpg` } : {};
        if (item.kind.type === 'yes-no') return { itemId: item.id, passed: !fails, ...photo };
        if (item.kind.type === 'score') return { itemId: item.id, mark: item.kind.max ?? 1 };
        return { itemId: item.id, value: 5 };
      }),
    );
    const spot = await post(
      'inspector.1',
      '/supervision/inspections',
      ownPhotos({
        id: randomUUID(),
        kind: 'spot-check',
        outletId: 'sh-lujiazui',
        checklistId: list.id,
        checklistVersion: list.version,
        startedAt: clock.now().toISOString(),
        answers,
      }),
    );
    expect(spot.status).toBe(201);
    const open = await staffAs(ctx, 'manager.sh-lujiazui').get(
      '/supervision/rectifications?outletId=sh-lujiazui&status=open',
    );
    const byItem = new Map((open.body.items as Task[]).map((t) => [t.itemId, t]));
    const redLine = byItem.get('quality-complaint-posted') as Task;
    const answered = byItem.get('env-clean') as Task;
    const accepted = byItem.get('env-five-unified') as Task;
    expect(redLine.dueAt).toBe('2026-12-05T15:59:59.999Z');
    expect(answered.dueAt).toBe('2026-12-17T15:59:59.999Z');

    // The manager answers two tasks at once; an inspector accepts one of them.
    const act = (task: Task, username: string, body: Record<string, unknown>) =>
      post(username, `/supervision/rectifications/${encodeURIComponent(task.id)}/actions`, body);
    expect(
      (await act(answered, 'manager.sh-lujiazui', { type: 'answer', note: '已清理', expectedVersion: 1 }))
        .status,
    ).toBe(200);
    expect(
      (await act(accepted, 'manager.sh-lujiazui', { type: 'answer', note: '已更换', expectedVersion: 1 }))
        .status,
    ).toBe(200);
    expect((await act(accepted, 'inspector.1', { type: 'accept', expectedVersion: 2 })).status).toBe(200);

    // Friday 4 December 23:00 in Shanghai: more than a day before the red line's due date.
    clock.set('2026-12-04T23:00:00+08:00');
    expect(await sweep()).toMatchObject({ remind: 0, escalate: 0 });
    expect(await alertsAbout(redLine.id)).toEqual([]);

    // Saturday 00:30: within the day before. Two sweeps at once, then a third: one reminder.
    clock.set('2026-12-05T00:30:00+08:00');
    const [a, b] = await Promise.all([sweep(), sweep()]);
    expect(
      (a as { remind: number }).remind + (b as { remind: number }).remind,
      'one of two overlapping sweeps sends the reminder',
    ).toBe(1);
    await sweep();
    expect(await alertsAbout(redLine.id)).toEqual([
      { topic: 'alerts', event: 'rectification-reminder', audience: 'outlet-manager' },
    ]);

    // Sunday 6 December 00:30: the due date has passed. Two sweeps at once, then another: one report.
    clock.set('2026-12-06T00:30:00+08:00');
    const [c, d] = await Promise.all([sweep(), sweep()]);
    expect((c as { escalate: number }).escalate + (d as { escalate: number }).escalate).toBe(1);
    await sweep();
    expect(await alertsAbout(redLine.id)).toEqual([
      { topic: 'alerts', event: 'rectification-breach', audience: 'region,head-office' },
      { topic: 'alerts', event: 'rectification-reminder', audience: 'outlet-manager' },
    ]);
    const reported = await staffAs(ctx, 'inspector.shanghai').get(
      '/supervision/rectifications?outletId=sh-lujiazui&status=open',
    );
    expect((reported.body.items as Task[]).find((t) => t.id === redLine.id)).toMatchObject({
      remindedAt: '2026-12-04T16:30:00.000Z',
      escalatedAt: '2026-12-05T16:30:00.000Z',
    });

    // Past the other tasks' due date (end of 17 December): nothing for the answered and the accepted one.
    clock.set('2026-12-18T09:00:00+08:00');
    await sweep();
    expect(await alertsAbout(answered.id)).toEqual([]);
    expect(await alertsAbout(accepted.id)).toEqual([]);
    expect(await alertsAbout(redLine.id)).toHaveLength(2);
  });
});
