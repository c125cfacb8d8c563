import { describe, expect, it } from 'vitest';
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
    expect(second.body.message).toMatch(
      /^当前状态不能进行此操作（投诉当前为“处理中”，不能“受理”）。现在可以：转办、/,
    );
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
    expect(badCause.body.fields).toEqual({ rootCause: '请从列表中选择根本原因' });
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
    expect(stale.body.message).toMatch(/^在您查看之后有人修改了这个投诉（现为第 \d+ 版），请刷新后重试$/);
    const record = await staffAs(ctx, 'operations.1').complaint(trackingNo);
    expect((record.body.timeline as unknown[]).length).toBe(3);
  });

  it('a staff member named in the complaint may read it but do nothing to it; a colleague handles it', async () => {
    const { trackingNo } = await fileComplaint(ctx.platform, 'sh-lujiazui', {
      category: 'service-attitude',
      staffInvolved: '3号窗口的王芳',
    });
    const named = staffAs(ctx, 'retail-banking.1'); // 王芳
    const read = await named.complaint(trackingNo);
    expect(read.status).toBe(200);
    expect(read.body.allowedActions).toEqual(['refer']);
    expect(read.body.contact).toEqual({ name: '王**', phone: '*******5678' });
    const attempts = [
      { type: 'accept' },
      { type: 'reveal-phone' },
      { type: 'transfer', toDepartment: 'cards', reason: 'Not ours' },
      { type: 'note', text: 'The customer is mistaken.' },
      { type: 'contact', channel: 'call', summary: 'Called the customer.' },
    ];
    for (const action of attempts) {
      const answer = await named.step(trackingNo, action);
      expect(answer.status, action.type).toBe(403);
      expect(answer.body.message).toMatch(/^投诉中点名了您/);
      expect(JSON.stringify(answer.body)).not.toMatch(/1381234|王小明/);
    }
    const colleague = staffAs(ctx, 'retail-banking.2');
    expect((await colleague.step(trackingNo, { type: 'accept' })).status).toBe(200);
    // Nothing the named one tried is in the trail: received, assigned, then the colleague's accept.
    const timeline = (await colleague.complaint(trackingNo)).body.timeline as { action: string }[];
    expect(timeline.map((e) => e.action)).toEqual(['received', 'assigned', 'accepted']);
  });

  it('a complaint naming every member of a department, in the other script, goes to head office to assign instead of stalling', async () => {
    // waiting-time goes to operations, whose two members are 张伟 (operations.1) and 刘洋 (operations.2).
    const { trackingNo } = await fileComplaint(ctx.platform, 'sh-jingan', {
      staffInvolved: '大堂的張偉和劉洋都不理人',
    });
    const [zhang, liu] = [staffAs(ctx, 'operations.1'), staffAs(ctx, 'operations.2')];
    for (const named of [zhang, liu]) {
      expect((await named.complaint(trackingNo)).body.allowedActions).toEqual(['refer']);
      const refused = await named.step(trackingNo, { type: 'accept' });
      expect(refused.status).toBe(403);
    }
    const referred = await liu.step(trackingNo, { type: 'refer' });
    expect(referred.status).toBe(200);
    expect(referred.body.referral).toMatchObject({ by: { username: 'operations.2' } });
    expect((await zhang.step(trackingNo, { type: 'refer' })).status).toBe(409);

    const headOffice = staffAs(ctx, 'head-office');
    const waiting = await headOffice.get('/staff/oversight?view=referred');
    expect(trackingNos(waiting)).toContain(trackingNo);
    expect((waiting.body.counts as Record<string, number>).referred).toBeGreaterThanOrEqual(1);
    const moved = await headOffice.step(trackingNo, {
      type: 'transfer',
      toDepartment: 'retail-banking',
      reason: '运营管理部被点名的员工回避',
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ department: { id: 'retail-banking' } });
    expect(moved.body.referral).toBeUndefined();
    expect(trackingNos(await headOffice.get('/staff/oversight?view=referred'))).not.toContain(trackingNo);
    expect((await staffAs(ctx, 'retail-banking.1').step(trackingNo, { type: 'accept' })).status).toBe(200);
    // Head office assigns only what was referred to it.
    const other = await fileComplaint(ctx.platform, 'sh-jingan');
    const refused = await headOffice.step(other.trackingNo, {
      type: 'transfer',
      toDepartment: 'cards',
      reason: 'x',
    });
    expect(refused.status).toBe(409);
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
