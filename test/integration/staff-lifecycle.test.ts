import { describe, expect, it } from 'vitest';
import { ComplaintRepository } from '../../functions/adapters/dynamodb/complaint-repository.js';
import { runJob } from '../../functions/jobs/run-job.js';
import { fileComplaint } from '../support/complaints.js';
import { postJson } from '../support/customer.js';
import { usePlatform } from '../support/platform.js';
import { staffAs, trackingNos } from '../support/staff.js';

const ctx = usePlatform({ RATE_LIMIT_IP_PER_MINUTE: '1000', LOG_LEVEL: 'WARN' });
const track = async (trackingNo: string) => {
  const response = await fetch(`${ctx.url}/api/v1/complaints/${trackingNo}?phoneLast4=5678&lang=en`);
  return (await response.json()) as Record<string, unknown> & { timeline: Record<string, unknown>[] };
};

describe('a complaint worked through its lifecycle', () => {
  it('accept → transfer → note → extend → resolve → the customer sees the decision and closes it', async () => {
    const { trackingNo } = await fileComplaint(ctx.platform, 'sh-jingan'); // waiting-time → operations
    const ops1 = staffAs(ctx, 'operations.1');
    const ops2 = staffAs(ctx, 'operations.2');
    const cards = staffAs(ctx, 'cards.1');
    const headOffice = staffAs(ctx, 'head-office');

    const fresh = await ops1.inbox('new');
    expect(fresh.status).toBe(200);
    expect(trackingNos(fresh)).toContain(trackingNo);
    expect((fresh.body.counts as Record<string, number>).new).toBeGreaterThanOrEqual(1);

    // The first to accept owns it; a second accept is a conflict that names what is allowed.
    const accepted = await ops1.act(trackingNo, { type: 'accept', expectedVersion: 1 });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({
      status: 'accepted',
      version: 2,
      owner: { username: 'operations.1', departmentId: 'operations' },
      allowedActions: expect.arrayContaining(['transfer', 'resolve', 'extend']),
    });
    const second = await ops2.act(trackingNo, { type: 'accept', expectedVersion: 2 });
    expect(second.status).toBe(409);
    expect(second.body.message).toMatch(/Cannot accept a complaint that is accepted; allowed now: transfer/);
    expect(trackingNos(await ops1.inbox('mine'))).toContain(trackingNo);
    expect(trackingNos(await ops2.inbox('mine'))).not.toContain(trackingNo);

    // Transfer: cards does the work, the owner stays accountable and both see it as transferred.
    const transferred = await ops1.act(trackingNo, {
      type: 'transfer',
      toDepartment: 'cards',
      reason: 'The queue was at the card desk',
      expectedVersion: 2,
    });
    expect(transferred.status).toBe(200);
    expect(transferred.body).toMatchObject({
      department: { id: 'cards' },
      owner: { username: 'operations.1' },
      standing: 'owner-department',
    });
    expect(trackingNos(await cards.inbox('transferred'))).toContain(trackingNo);
    expect(trackingNos(await ops1.inbox('transferred'))).toContain(trackingNo);
    expect(trackingNos(await ops1.inbox('mine'))).toContain(trackingNo);

    expect(
      (await cards.step(trackingNo, { type: 'note', text: '<b>Checked</b> the camera recordings' })).status,
    ).toBe(200);
    const extended = await cards.step(trackingNo, {
      type: 'extend',
      days: 30,
      reason: 'Waiting for the CCTV',
    });
    expect(extended.status).toBe(200);
    expect(extended.body).toMatchObject({ timeLimitDays: 30, flags: { extended: true } });

    // 60 days only with head office's approval.
    const requested = await cards.step(trackingNo, {
      type: 'extend',
      days: 60,
      reason: 'Third party involved',
    });
    expect(requested.body).toMatchObject({ timeLimitDays: 30, extensionRequest: { days: 60 } });
    expect((await cards.step(trackingNo, { type: 'approve-extension' })).status).toBe(403);
    const approved = await headOffice.step(trackingNo, { type: 'approve-extension', note: 'OK' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ timeLimitDays: 60 });

    // Resolve needs the decision, a root cause from the list and the corrective action.
    const incomplete = await cards.step(trackingNo, { type: 'resolve', decision: '' });
    expect(incomplete.status).toBe(400);
    expect(Object.keys(incomplete.body.fields as object).sort()).toEqual([
      'correctiveAction',
      'decision',
      'rootCause',
    ]);
    const badCause = await cards.step(trackingNo, {
      type: 'resolve',
      decision: 'We opened a second desk.',
      rootCause: 'bad-luck',
      correctiveAction: 'Two desks at peak times.',
    });
    expect(badCause.status).toBe(400);
    expect(badCause.body.fields).toMatchObject({ rootCause: expect.stringMatching(/staff-conduct/) });
    const resolved = await cards.step(trackingNo, {
      type: 'resolve',
      decision: 'We opened a second desk and apologise for the wait.',
      rootCause: 'process',
      correctiveAction: 'Two desks at peak times.',
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ status: 'resolved', resolution: { rootCause: 'process' } });

    // The customer sees the public steps only, with the new due date and the decision.
    const seen = await track(trackingNo);
    expect(seen).toMatchObject({
      status: 'resolved',
      canRate: true,
      extended: true,
      resolution: { decision: 'We opened a second desk and apologise for the wait.' },
    });
    expect(seen.timeline.map((e) => e.action)).toEqual([
      'received',
      'assigned',
      'accepted',
      'transferred',
      'extended',
      'extended',
      'resolved',
    ]);
    // Extension reasons are the customer's to see; notes, names and root causes are not.
    expect(seen.timeline.filter((e) => e.action === 'extended').map((e) => e.reason)).toEqual([
      'Waiting for the CCTV',
      'Third party involved',
    ]);
    expect(JSON.stringify(seen)).not.toMatch(/camera|operations\.1|rootCause|Two desks/);

    const rated = await postJson(`${ctx.url}/api/v1/complaints/${trackingNo}/satisfaction`, {
      phoneLast4: '5678',
      satisfied: true,
    });
    expect(rated.status).toBe(200);
    expect(rated.body.status).toBe('closed');

    // The internal timeline: every step, in order, with who, which role, and before/after.
    const record = await ops1.complaint(trackingNo);
    const timeline = record.body.timeline as {
      action: string;
      seq: number;
      actor: { username?: string; role?: string };
      before?: { status: string };
      after?: { status: string };
    }[];
    expect(timeline.map((e) => e.action)).toEqual([
      'received',
      'assigned',
      'accepted',
      'transferred',
      'noted',
      'extended',
      'extension-requested',
      'extended',
      'resolved',
      'closed',
    ]);
    expect(timeline.map((e) => e.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(timeline[2]).toMatchObject({
      actor: { username: 'operations.1', role: 'dept:operations' },
      before: { status: 'assigned' },
      after: { status: 'accepted' },
    });
    expect(timeline[7]).toMatchObject({ actor: { username: 'head-office', role: 'head-office' } });
    // Closed: nothing left to do but read the number on record and make the follow-up call (回访).
    expect(record.body).toMatchObject({ status: 'closed', allowedActions: ['reveal-phone', 'follow-up'] });
  });

  it('optimistic locking: of two staff acting on the same version, exactly one wins', async () => {
    const { trackingNo } = await fileComplaint(ctx.platform, 'sh-jingan');
    const answers = await Promise.all([
      staffAs(ctx, 'operations.1').act(trackingNo, { type: 'accept', expectedVersion: 1 }),
      staffAs(ctx, 'operations.2').act(trackingNo, { type: 'accept', expectedVersion: 1 }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const stale = await staffAs(ctx, 'operations.1').act(trackingNo, {
      type: 'note',
      text: 'x',
      expectedVersion: 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toMatch(/changed this complaint since you read it/);
    const record = await staffAs(ctx, 'operations.1').complaint(trackingNo);
    expect((record.body.timeline as unknown[]).length).toBe(3);
  });

  it('a staff member named in the complaint cannot accept it; a colleague can', async () => {
    const { trackingNo } = await fileComplaint(ctx.platform, 'sh-lujiazui', {
      category: 'service-attitude',
      staffInvolved: '3号窗口的王芳',
    });
    const named = await staffAs(ctx, 'retail-banking.1').step(trackingNo, { type: 'accept' }); // 王芳
    expect(named.status).toBe(403);
    expect(named.body.message).toMatch(/named as staff involved/);
    expect((await staffAs(ctx, 'retail-banking.2').step(trackingNo, { type: 'accept' })).status).toBe(200);
  });

  it('reveals the phone number only on request, and audits every reveal', async () => {
    const { trackingNo } = await fileComplaint(ctx.platform, 'sh-jingan');
    const staff = staffAs(ctx, 'operations.2');
    const masked = await staff.complaint(trackingNo);
    expect(masked.body.contact).toEqual({ name: '王**', phone: '*******5678' });
    expect(JSON.stringify(masked.body)).not.toMatch(/1234/);
    const revealed = await staff.step(trackingNo, { type: 'reveal-phone' });
    expect(revealed.body.revealed).toEqual({ name: '王小明', phone: '+8613812345678' });
    const audit = (await staff.complaint(trackingNo)).body.timeline as {
      action: string;
      actor: { username: string };
    }[];
    expect(audit.at(-1)).toMatchObject({ action: 'phone-revealed', actor: { username: 'operations.2' } });
  });

  it('an unsatisfied customer reopens the complaint to its owner and head office hears of it', async () => {
    const { trackingNo } = await fileComplaint(ctx.platform, 'sh-jingan');
    const owner = staffAs(ctx, 'operations.1');
    await owner.acceptAndResolve(trackingNo, 'We explained the queue system.', 'misunderstanding');
    const rated = await postJson(`${ctx.url}/api/v1/complaints/${trackingNo}/satisfaction`, {
      phoneLast4: '5678',
      satisfied: false,
      comment: 'Nobody apologised.',
    });
    expect(rated.body.status).toBe('reopened');
    const record = await owner.complaint(trackingNo);
    expect(record.body).toMatchObject({
      status: 'reopened',
      owner: { username: 'operations.1' },
      flags: { escalated: true },
      allowedActions: expect.arrayContaining(['resolve']),
    });
    expect(trackingNos(await owner.inbox('mine'))).toContain(trackingNo);
    await ctx.platform.poller.drain();
    const toHeadOffice = ctx.platform.notifier
      .list()
      .filter((d) => d.topic === 'head-office' && d.body.trackingNo === trackingNo);
    expect(toHeadOffice.filter((d) => d.body.event === 'reopened')).toHaveLength(1);
  });
});

describe('the time-limit sweeper', () => {
  const repository = () => new ComplaintRepository(ctx.platform.table);
  /** Moves a complaint's due date as if time had passed (the clock itself is real). */
  async function dueIn(trackingNo: string, ms: number) {
    const complaint = await repository().get(trackingNo);
    if (!complaint) throw new Error('missing complaint');
    const moved = {
      ...complaint,
      dueAt: new Date(Date.now() + ms).toISOString(),
      version: complaint.version + 1,
    };
    expect(await repository().update(moved, complaint.version, [])).toBe(true);
  }
  const deliveriesFor = (trackingNo: string) =>
    ctx.platform.notifier.list().filter((d) => d.body.trackingNo === trackingNo);

  it('reminds once 2 days before, then marks the breach and alerts head office once', async () => {
    const { trackingNo } = await fileComplaint(ctx.platform, 'sh-jingan');
    await staffAs(ctx, 'operations.1').step(trackingNo, { type: 'accept' });

    await dueIn(trackingNo, 86_400_000);
    await runJob('sweep-time-limits', ctx.platform.deps);
    await runJob('sweep-time-limits', ctx.platform.deps);
    await dueIn(trackingNo, -60_000);
    await runJob('sweep-time-limits', ctx.platform.deps);
    await runJob('sweep-time-limits', ctx.platform.deps);
    await ctx.platform.poller.drain();

    const record = await staffAs(ctx, 'operations.1').complaint(trackingNo);
    expect(record.body.flags).toMatchObject({ overdue: true });
    const actions = (record.body.timeline as { action: string }[]).map((e) => e.action);
    expect(actions.filter((a) => a === 'due-soon')).toHaveLength(1);
    expect(actions.filter((a) => a === 'overdue')).toHaveLength(1);
    const sent = deliveriesFor(trackingNo).map((d) => `${d.topic}:${String(d.body.event)}`);
    expect(sent.filter((s) => s === 'operations:due-soon')).toHaveLength(1);
    expect(sent.filter((s) => s === 'alerts:overdue')).toHaveLength(1);
    expect(trackingNos(await staffAs(ctx, 'operations.2').inbox('overdue'))).toContain(trackingNo);
  });

  it('closes a resolution the customer did not rate within 7 days', async () => {
    const { trackingNo } = await fileComplaint(ctx.platform, 'sh-jingan');
    const staff = staffAs(ctx, 'operations.1');
    await staff.acceptAndResolve(trackingNo, 'We apologise.', 'process');
    await runJob('sweep-time-limits', ctx.platform.deps);
    expect((await staff.complaint(trackingNo)).body.status).toBe('resolved');

    const complaint = await repository().get(trackingNo);
    if (!complaint?.resolution) throw new Error('not resolved');
    const eightDaysAgo = new Date(Date.now() - 8 * 86_400_000).toISOString();
    await repository().update(
      {
        ...complaint,
        resolution: { ...complaint.resolution, resolvedAt: eightDaysAgo },
        version: complaint.version + 1,
      },
      complaint.version,
      [],
    );
    await runJob('sweep-time-limits', ctx.platform.deps);
    const closed = await staff.complaint(trackingNo);
    expect(closed.body.status).toBe('closed');
    expect((closed.body.timeline as { action: string; detail: unknown }[]).at(-1)).toMatchObject({
      action: 'closed',
      detail: { reason: 'no-rating-within-7-days' },
    });
  });
});
