import { describe, expect, it } from 'vitest';
import { DAY, TestClock } from '../support/clock.js';
import { fileComplaint } from '../support/complaints.js';
import { postJson } from '../support/customer.js';
import { usePlatform } from '../support/platform.js';
import { staffAs, trackingNos } from '../support/staff.js';

/**
 * Every role sees its part (the README's roles table): an outlet's manager its outlet's complaints,
 * read-only and without contact details; head office the bank-wide views.
 */
const clock = new TestClock('2026-11-02T02:00:00Z'); // Monday 10:00 in Shanghai
const ctx = usePlatform({ RATE_LIMIT_IP_PER_MINUTE: '1000' }, { now: clock.now });

describe('an outlet manager’s list', () => {
  const manager = staffAs(ctx, 'manager.sh-jingan');

  it('lists the outlet’s open and closed complaints, named, with the time left, no contact details', async () => {
    const open = await fileComplaint(ctx.platform, 'sh-jingan', { category: 'waiting-time' });
    const done = await fileComplaint(ctx.platform, 'sh-jingan', { category: 'waiting-time' });
    const elsewhere = await fileComplaint(ctx.platform, 'bj-guomao', { category: 'waiting-time' });
    await staffAs(ctx, 'operations.1').acceptAndResolve(done.trackingNo, 'A second window at lunchtime.');
    await postJson(`${ctx.url}/api/v1/complaints/${done.trackingNo}/satisfaction`, {
      phoneLast4: '5678',
      verdict: 'satisfied',
    });

    const listed = await manager.get('/staff/outlets/sh-jingan/complaints?lang=zh-CN');
    expect(listed.status).toBe(200);
    expect(trackingNos(listed)).toContain(open.trackingNo);
    expect(trackingNos(listed)).not.toContain(done.trackingNo);
    expect(trackingNos(listed)).not.toContain(elsewhere.trackingNo);
    const item = (listed.body.items as Record<string, unknown>[]).find(
      (i) => i.trackingNo === open.trackingNo,
    );
    // Received Monday 2 November 10:00: 15 days run to the end of Tuesday 17 November, Beijing time.
    expect(item).toMatchObject({
      outletName: '静安寺支行',
      categoryName: '排队等候',
      department: { name: '运营管理部' },
      dueAt: '2026-11-17T15:59:59.999Z',
      hoursLeft: 15 * 24 + 13, // from 10:00 on the 2nd to 23:59 on the 17th
    });
    expect(JSON.stringify(listed.body)).not.toMatch(/5678|王小明|contact/);

    const closed = await manager.get('/staff/outlets/sh-jingan/complaints?state=closed');
    expect(trackingNos(closed)).toEqual([done.trackingNo]);
    expect(closed.body.counts).toMatchObject({ closed: 1 });
  });

  it('is refused another outlet’s list, and so are department staff; head office may read any', async () => {
    expect((await manager.get('/staff/outlets/bj-guomao/complaints')).status).toBe(403);
    expect((await staffAs(ctx, 'operations.1').get('/staff/outlets/sh-jingan/complaints')).status).toBe(403);
    expect((await staffAs(ctx, 'head-office').get('/staff/outlets/bj-guomao/complaints')).status).toBe(200);
  });
});

describe('head office’s bank-wide views', () => {
  const headOffice = staffAs(ctx, 'head-office');
  const view = async (name: string) => headOffice.get(`/staff/oversight?view=${name}`);

  it('lists the major, reopened, overdue complaints and the extension requests waiting, with counts', async () => {
    clock.set('2026-11-02T02:00:00Z');
    const major = await fileComplaint(ctx.platform, 'sh-jingan', { category: 'mis-selling' });
    const reopened = await fileComplaint(ctx.platform, 'sh-jingan', { category: 'waiting-time' });
    const extending = await fileComplaint(ctx.platform, 'bj-guomao', { category: 'waiting-time' });
    const operations = staffAs(ctx, 'operations.1');
    await operations.acceptAndResolve(reopened.trackingNo, 'We explained the queue.');
    await postJson(`${ctx.url}/api/v1/complaints/${reopened.trackingNo}/satisfaction`, {
      phoneLast4: '5678',
      verdict: 'review',
    });
    await operations.step(extending.trackingNo, { type: 'accept' });
    await operations.step(extending.trackingNo, { type: 'extend', days: 30, reason: 'Waiting for CCTV.' });
    await operations.step(extending.trackingNo, { type: 'extend', days: 60, reason: 'Cross-border case.' });

    expect(trackingNos(await view('major'))).toContain(major.trackingNo);
    expect(trackingNos(await view('reopened'))).toEqual(expect.arrayContaining([reopened.trackingNo]));
    expect(trackingNos(await view('extension-requests'))).toContain(extending.trackingNo);
    expect(trackingNos(await view('overdue'))).not.toContain(major.trackingNo);

    // Sixteen days on, the major complaint nobody accepted is past its 15 days.
    clock.advance(16 * DAY);
    const overdue = await view('overdue');
    expect(trackingNos(overdue)).toContain(major.trackingNo);
    expect(trackingNos(overdue)).not.toContain(extending.trackingNo); // extended to 30 days
    const counts = overdue.body.counts as Record<string, number>;
    expect(counts.overdue).toBe((overdue.body.items as unknown[]).length);
    expect(counts['extension-requests']).toBeGreaterThanOrEqual(1);
  });

  it('is for head office only', async () => {
    expect((await staffAs(ctx, 'operations.1').get('/staff/oversight?view=major')).status).toBe(403);
    expect((await staffAs(ctx, 'manager.sh-jingan').get('/staff/oversight?view=major')).status).toBe(403);
  });
});
