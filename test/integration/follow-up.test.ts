import { describe, expect, it } from 'vitest';
import { runJob } from '../../functions/jobs/run-job.js';
import { DAY, TestClock } from '../support/clock.js';
import { fileComplaint } from '../support/complaints.js';
import { postJson } from '../support/customer.js';
import { usePlatform } from '../support/platform.js';
import { staffAs, trackingNos } from '../support/staff.js';

/** 回访: after the resolution the owner calls the customer back within 3 days; the sweeper reminds once. */
const clock = new TestClock('2026-11-02T02:00:00Z'); // Monday 10:00 in Shanghai
const ctx = usePlatform({ RATE_LIMIT_IP_PER_MINUTE: '1000' }, { now: clock.now });

describe('the follow-up contact after a resolution', () => {
  it('is listed as due, reminded once when late, kept after the customer closes it, and done once', async () => {
    const { trackingNo } = await fileComplaint(ctx.platform, 'sh-jingan', { category: 'waiting-time' });
    const owner = staffAs(ctx, 'operations.1');
    const resolved = await owner.acceptAndResolve(trackingNo, 'A second window at lunchtime.');
    // Resolved Monday 2 November: the follow-up is due by the end of Thursday 5 November, Beijing time.
    expect(resolved.body.followUp).toEqual({ dueAt: '2026-11-05T15:59:59.999Z' });
    expect(trackingNos(await staffAs(ctx, 'operations.2').inbox('follow-up'))).toContain(trackingNo);

    // The customer is satisfied and closes it: the call back is still owed.
    await postJson(`${ctx.url}/api/v1/complaints/${trackingNo}/satisfaction`, {
      phoneLast4: '5678',
      verdict: 'satisfied',
    });
    expect(trackingNos(await owner.inbox('follow-up'))).toContain(trackingNo);

    clock.advance(2 * DAY); // Wednesday: not late yet
    await runJob('sweep-time-limits', ctx.platform.deps);
    clock.advance(2 * DAY); // Friday: late
    await runJob('sweep-time-limits', ctx.platform.deps);
    await runJob('sweep-time-limits', ctx.platform.deps);
    const reminded = await owner.complaint(trackingNo);
    const actions = (reminded.body.timeline as { action: string }[]).map((e) => e.action);
    expect(actions.filter((a) => a === 'follow-up-due')).toHaveLength(1);
    await ctx.platform.poller.drain();
    const told = ctx.platform.notifier
      .list()
      .filter((d) => d.body.trackingNo === trackingNo && d.body.event === 'follow-up-due')
      .map((d) => d.topic);
    expect(told).toEqual(['operations']);

    const done = await owner.step(trackingNo, {
      type: 'follow-up',
      reached: true,
      summary: 'The customer says lunchtime queues are short now.',
    });
    expect(done.status).toBe(200);
    expect(done.body.followUp).toMatchObject({ reached: true, by: { username: 'operations.1' } });
    expect(trackingNos(await owner.inbox('follow-up'))).not.toContain(trackingNo);
    expect(
      (await owner.step(trackingNo, { type: 'follow-up', reached: true, summary: 'Again.' })).status,
    ).toBe(409);
  });

  it('is not for staff outside the owner’s and the handling department', async () => {
    const { trackingNo } = await fileComplaint(ctx.platform, 'sh-jingan', { category: 'waiting-time' });
    await staffAs(ctx, 'operations.1').acceptAndResolve(trackingNo, 'We apologised.');
    const outsider = await staffAs(ctx, 'cards.1').act(trackingNo, {
      type: 'follow-up',
      reached: false,
      summary: 'x',
      expectedVersion: 3,
    });
    expect(outsider.status).toBe(404);
  });
});
