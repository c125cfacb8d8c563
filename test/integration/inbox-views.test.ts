import { beforeAll, describe, expect, it } from 'vitest';
import { runJob } from '../../functions/jobs/run-job.js';
import { DAY, MINUTE, TestClock } from '../support/clock.js';
import { aComplaint, fileComplaint } from '../support/complaints.js';
import { postJson } from '../support/customer.js';
import { usePlatform } from '../support/platform.js';
import { staffAs, trackingNos } from '../support/staff.js';

/**
 * Every inbox view and the time-limit sweeper, on a clock the test moves: the README's rules
 * ("Time limits" and "Views by role") give each expectation.
 *
 * Everything is filed on Monday 2 November 2026 at 10:00 in Beijing. Waiting time goes to
 * operations (the default rules) with the standard 15 calendar days, counted in the bank's time
 * zone and ending at the end of the last day: due Tuesday 17 November, 23:59:59.999 Beijing time.
 */
const clock = new TestClock('2026-11-02T02:00:00Z');
const DUE = '2026-11-17T15:59:59.999Z';
const ctx = usePlatform({ RATE_LIMIT_IP_PER_MINUTE: '1000' }, { now: clock.now });

const ops1 = staffAs(ctx, 'operations.1');
const ops2 = staffAs(ctx, 'operations.2');
const cards = staffAs(ctx, 'cards.1');

/** One complaint in each situation a view is about, all of operations' (waiting time). */
const c = { fresh: '', mine: '', transferred: '', resolved: '', entered: '' };

const sweep = () => runJob('sweep-time-limits', ctx.platform.deps);
const view = async (staff: typeof ops1, name: string) =>
  trackingNos(await staff.inbox(name))
    .filter((no) => Object.values(c).includes(no))
    .sort();
const names = (...keys: (keyof typeof c)[]) => keys.map((k) => c[k]).sort();
const timeline = async (trackingNo: string) =>
  ((await ops2.complaint(trackingNo)).body.timeline as { action: string; detail?: unknown }[]).map(
    (e) => e.action,
  );

beforeAll(async () => {
  const file = async () => (await fileComplaint(ctx.platform, 'sh-jingan')).trackingNo;
  c.fresh = await file();
  c.mine = await file();
  await ops1.step(c.mine, { type: 'accept' });
  c.transferred = await file();
  await ops1.step(c.transferred, { type: 'accept' });
  await ops1.step(c.transferred, { type: 'transfer', toDepartment: 'cards', reason: 'A card fee' });
  c.resolved = await file();
  await ops1.acceptAndResolve(c.resolved, 'A second window opens at lunchtime.');
  const entered = await postJson(
    `${ctx.url}/api/v1/complaints`,
    { ...aComplaint('sh-jingan'), channel: 'counter' },
    { authorization: `Bearer ${await ctx.token('operations.2')}` },
  );
  c.entered = String(entered.body.trackingNo);
});

describe('the inbox views on the day the complaints came in', () => {
  it('give each complaint the due date of the rule', async () => {
    for (const trackingNo of Object.values(c))
      expect((await ops2.complaint(trackingNo)).body.dueAt).toBe(DUE);
  });

  it('new: what the department has received and nobody has accepted (entered by staff too)', async () => {
    expect(await view(ops1, 'new')).toEqual(names('fresh', 'entered'));
    expect(await view(ops2, 'new')).toEqual(names('fresh', 'entered'));
    expect(await view(cards, 'new')).toEqual([]);
  });

  it('mine: what I own and is not closed (what I accepted, what I entered)', async () => {
    expect(await view(ops1, 'mine')).toEqual(names('mine', 'transferred', 'resolved'));
    expect(await view(ops2, 'mine')).toEqual(names('entered'));
  });

  it('received: what I took in myself, whoever works it', async () => {
    expect(await view(ops2, 'received')).toEqual(names('entered'));
    expect(await view(ops1, 'received')).toEqual([]);
  });

  it('transferred: worked by one department, owned by another, in both inboxes', async () => {
    expect(await view(ops1, 'transferred')).toEqual(names('transferred'));
    expect(await view(cards, 'transferred')).toEqual(names('transferred'));
  });

  it('resolved: waiting for the customer; follow-up: the call back owed', async () => {
    expect(await view(ops2, 'resolved')).toEqual(names('resolved'));
    expect(await view(ops1, 'follow-up')).toEqual(names('resolved'));
    expect(await view(cards, 'resolved')).toEqual([]);
  });

  it('due-soon and overdue: nothing yet, 15 days ahead', async () => {
    expect(await view(ops1, 'due-soon')).toEqual([]);
    expect(await view(ops1, 'overdue')).toEqual([]);
  });
});

describe('as the days pass', () => {
  it('three days before the due date nothing is due soon and the sweeper says nothing', async () => {
    clock.set(new Date(Date.parse(DUE) - 3 * DAY));
    await sweep();
    expect(await view(ops1, 'due-soon')).toEqual([]);
    expect(await timeline(c.fresh)).not.toContain('due-soon');
  });

  it('two days before, the handling department sees what is due soon and is reminded once', async () => {
    clock.set(new Date(Date.parse(DUE) - 2 * DAY + MINUTE));
    await sweep();
    await sweep();
    const open = names('fresh', 'mine', 'entered');
    expect(await view(ops1, 'due-soon')).toEqual(open);
    expect(await view(cards, 'due-soon')).toEqual(names('transferred'));
    for (const trackingNo of open)
      expect((await timeline(trackingNo)).filter((a) => a === 'due-soon')).toHaveLength(1);
    await ctx.platform.poller.drain();
    const reminders = ctx.platform.notifier
      .list()
      .filter((d) => d.body.trackingNo === c.fresh && d.body.event === 'due-soon');
    expect(reminders.map((d) => d.topic)).toEqual(['operations']);
  });

  it('a minute past the due date the complaint is overdue for the handling and the owning department, and head office is alerted once', async () => {
    clock.set(new Date(Date.parse(DUE) + MINUTE));
    expect(await view(ops1, 'due-soon')).toEqual([]);
    await sweep();
    await sweep();
    expect(await view(ops1, 'overdue')).toEqual(names('fresh', 'mine', 'transferred', 'entered'));
    expect(await view(cards, 'overdue')).toEqual(names('transferred'));
    const record = await ops2.complaint(c.fresh);
    expect(record.body.flags).toMatchObject({ overdue: true });
    expect((await timeline(c.fresh)).filter((a) => a === 'overdue')).toHaveLength(1);
    await ctx.platform.poller.drain();
    const alerts = ctx.platform.notifier
      .list()
      .filter((d) => d.body.trackingNo === c.fresh && d.body.event === 'overdue' && d.topic === 'alerts');
    expect(alerts).toHaveLength(1);
  });
});

describe('a resolution the customer does not rate', () => {
  it('stays resolved for 7 days, then the sweeper closes it', async () => {
    const receipt = await fileComplaint(ctx.platform, 'sh-jingan');
    const resolvedAt = clock.now().getTime();
    await ops1.acceptAndResolve(receipt.trackingNo, 'We apologise for the wait.');

    clock.set(new Date(resolvedAt + 7 * DAY - MINUTE));
    await sweep();
    expect((await ops1.complaint(receipt.trackingNo)).body.status).toBe('resolved');

    clock.set(new Date(resolvedAt + 7 * DAY + MINUTE));
    await sweep();
    const closed = await ops1.complaint(receipt.trackingNo);
    expect(closed.body.status).toBe('closed');
    expect((closed.body.timeline as { action: string; detail: unknown }[]).at(-1)).toMatchObject({
      action: 'closed',
      detail: { reason: 'no-rating-within-7-days' },
    });
  });
});
