import { describe, expect, it } from 'vitest';
import { HOUR, TestClock } from '../support/clock.js';
import { fileComplaint } from '../support/complaints.js';
import { fetchFrom, postJson } from '../support/customer.js';
import { usePlatform } from '../support/platform.js';
import { staffAs } from '../support/staff.js';

const clock = new TestClock('2026-11-24T10:00:00+08:00');
const ctx = usePlatform({ RATE_LIMIT_IP_PER_MINUTE: '1000' }, { now: clock.now });
const track = (trackingNo: string, last4: string, lang = 'en') =>
  fetch(`${ctx.url}/api/v1/complaints/${trackingNo}?phoneLast4=${last4}&lang=${lang}`);
const trackFrom = (address: string, trackingNo: string, last4: string) =>
  fetchFrom(address, `${ctx.url}/api/v1/complaints/${trackingNo}?phoneLast4=${last4}`);
const rate = (trackingNo: string, body: Record<string, unknown>) =>
  postJson(`${ctx.url}/api/v1/complaints/${trackingNo}/satisfaction`, body);

describe('GET /api/v1/complaints/{trackingNo}', () => {
  it('shows the customer the status, department, due date and public timeline', async () => {
    const receipt = await fileComplaint(ctx.platform, 'sh-jingan');
    const response = await track(receipt.trackingNo, '5678');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toMatchObject({
      trackingNo: receipt.trackingNo,
      status: 'assigned',
      category: { id: 'waiting-time', name: 'Waiting time' },
      outlet: { id: 'sh-jingan' },
      department: { id: 'operations', name: 'Operations' },
      dueAt: receipt.dueAt,
      canRate: false,
      timeline: [
        { action: 'received', at: receipt.receivedAt },
        { action: 'assigned', department: 'Operations', dueAt: receipt.dueAt },
      ],
    });
  });

  it('accepts the number typed loosely: lower case, spaces, no dashes', async () => {
    const { trackingNo } = await fileComplaint(ctx.platform, 'sh-jingan');
    const loose = trackingNo.toLowerCase().replaceAll('-', ' ');
    expect((await track(encodeURIComponent(loose), '5678')).status).toBe(200);
  });

  it('answers a wrong phone exactly like an unknown number', async () => {
    const { trackingNo } = await fileComplaint(ctx.platform, 'sh-jingan');
    const unknown = await track('ABCD-EFGH-JKLM', '5678');
    const wrong = await track(trackingNo, '0000');
    expect(wrong.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(await wrong.json()).toEqual(await unknown.json());
  });

  it('stops an address after 10 failed tries in an hour, but not the customer on their own address', async () => {
    const { trackingNo } = await fileComplaint(ctx.platform, 'sh-jingan');
    const guesser = '127.0.0.11';
    for (let i = 0; i < 10; i++) expect((await trackFrom(guesser, trackingNo, '1111')).status).toBe(404);
    const limited = await trackFrom(guesser, trackingNo, '5678'); // even the right digits, from there
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ error: 'rate_limited' });
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    // The guesser is stopped on any other number too; the customer, elsewhere, is not.
    expect((await trackFrom(guesser, 'ABCD-EFGH-JKLM', '1111')).status).toBe(429);
    expect((await trackFrom('127.0.0.12', trackingNo, '5678')).status).toBe(200);
  });

  it('a guess the address limit refuses spends none of the number’s tries: one address cannot lock the customer out', async () => {
    const { trackingNo } = await fileComplaint(ctx.platform, 'sh-jingan');
    const attacker = '127.0.0.14';
    // 10 failures use the address's tries; the next 30 are refused before anything is compared.
    for (let i = 0; i < 10; i++) expect((await trackFrom(attacker, trackingNo, '1111')).status).toBe(404);
    for (let i = 0; i < 30; i++) expect((await trackFrom(attacker, trackingNo, '1111')).status).toBe(429);
    // The number has spent 10 of its 30, so the customer, from anywhere, still gets in and can rate.
    expect((await trackFrom('127.0.0.15', trackingNo, '5678')).status).toBe(200);
    for (let i = 0; i < 19; i++)
      expect((await trackFrom(`127.0.2.${i}`, trackingNo, '1111')).status).toBe(404);
    expect((await trackFrom('127.0.0.16', trackingNo, '5678')).status).toBe(200);
  });

  it('a refusal by the number’s limit gives the address its try back', async () => {
    const { trackingNo } = await fileComplaint(ctx.platform, 'sh-jingan');
    for (let i = 0; i < 30; i++)
      expect((await trackFrom(`127.0.3.${i}`, trackingNo, '2222')).status).toBe(404);
    const bystander = '127.0.0.17';
    // Refused by the number's limit 10 times: nothing compared, so the bystander's address keeps its tries.
    for (let i = 0; i < 10; i++) expect((await trackFrom(bystander, trackingNo, '2222')).status).toBe(429);
    const { trackingNo: own } = await fileComplaint(ctx.platform, 'sh-jingan');
    expect((await trackFrom(bystander, own, '0000')).status).toBe(404);
    expect((await trackFrom(bystander, own, '5678')).status).toBe(200);
  });

  it('compares at most 10 of 100 guesses sent at once from one address', async () => {
    const { trackingNo } = await fileComplaint(ctx.platform, 'sh-jingan');
    const guesses = Array.from({ length: 100 }, (_, i) => String(5600 + i)); // 5678 among them
    const answers = await Promise.all(guesses.map((g) => trackFrom('127.0.0.13', trackingNo, g)));
    // A compared guess answers 200 or 404; the rest are refused before comparing: 429, or 503 when
    // a loaded machine keeps the database from answering in time (never compared either).
    const compared = answers.filter((a) => a.status === 200 || a.status === 404);
    expect(compared.length).toBeLessThanOrEqual(10);
    expect(answers.filter((a) => a.status === 429 || a.status === 503).length).toBeGreaterThanOrEqual(90);
  });

  it('stops guesses at one number from many addresses after 30 failures in an hour', async () => {
    const { trackingNo } = await fileComplaint(ctx.platform, 'sh-jingan');
    for (let i = 0; i < 30; i++) {
      expect((await trackFrom(`127.0.1.${i % 5}`, trackingNo, '2222')).status).toBe(404);
    }
    expect((await trackFrom('127.0.1.9', trackingNo, '2222')).status).toBe(429);
    // Another number from a fresh address is unaffected; the next hour starts afresh.
    expect((await trackFrom('127.0.1.10', 'ABCD-EFGH-JKLM', '2222')).status).toBe(404);
    clock.advance(HOUR);
    expect((await trackFrom('127.0.1.9', trackingNo, '5678')).status).toBe(200);
  });

  it('answers 400 for digits that are not four', async () => {
    const response = await track('ABCD-EFGH-JKLM', '12a');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ fields: { phoneLast4: expect.any(String) } });
  });
});

describe('POST /api/v1/complaints/{trackingNo}/satisfaction', () => {
  it('is refused with 409 before the complaint is resolved', async () => {
    const { trackingNo } = await fileComplaint(ctx.platform, 'sh-jingan');
    const answer = await rate(trackingNo, { phoneLast4: '5678', satisfied: true });
    expect(answer.status).toBe(409);
    expect(answer.body.message).toBe('投诉办结后才能评价处理结果；当前状态：已分派');
  });

  it('closes a resolved complaint when satisfied; the same verdict again is a harmless retry', async () => {
    const { trackingNo } = await fileComplaint(ctx.platform, 'sh-jingan');
    const staff = staffAs(ctx, 'operations.1');
    await staff.acceptAndResolve(trackingNo, 'A second window now opens at lunchtime.', 'process');
    const seen = await (await track(trackingNo, '5678')).json();
    expect(seen).toMatchObject({
      status: 'resolved',
      canRate: true,
      resolution: { decision: 'A second window now opens at lunchtime.', options: expect.any(Array) },
    });
    expect((seen as { resolution: { options: string[] } }).resolution.options.join(' ')).toMatch(
      /review.*mediation.*arbitration/s,
    );
    const first = await rate(trackingNo, { phoneLast4: '5678', verdict: 'satisfied', comment: 'Thanks' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      status: 'closed',
      satisfaction: { satisfied: true, verdict: 'satisfied' },
    });
    const again = await rate(trackingNo, { phoneLast4: '5678', verdict: 'satisfied' });
    expect(again.status).toBe(200);
    const changedMind = await rate(trackingNo, { phoneLast4: '5678', verdict: 'review' });
    expect(changedMind.status).toBe(409);
    expect(await rate(trackingNo, { phoneLast4: '0000', verdict: 'satisfied' })).toMatchObject({
      status: 404,
    });
  });

  it('closes a complaint the customer is not satisfied with but does not want reviewed, and tells the departments and head office', async () => {
    const { trackingNo } = await fileComplaint(ctx.platform, 'sh-jingan');
    await staffAs(ctx, 'operations.1').acceptAndResolve(
      trackingNo,
      'The queue system is explained on a poster now.',
    );
    const answer = await rate(trackingNo, {
      phoneLast4: '5678',
      verdict: 'close-unsatisfied',
      comment: 'Still slow.',
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      status: 'closed',
      canRate: false,
      satisfaction: { satisfied: false, verdict: 'close-unsatisfied' },
    });
    await ctx.platform.poller.drain();
    const told = ctx.platform.notifier
      .list()
      .filter((d) => d.body.trackingNo === trackingNo && d.body.event === 'closed')
      .map((d) => d.topic)
      .sort();
    expect(told).toEqual(['head-office', 'operations']);
  });

  it('takes `satisfied: true|false` from pages that predate the three verdicts (false asks for a review)', async () => {
    const { trackingNo } = await fileComplaint(ctx.platform, 'sh-jingan');
    await staffAs(ctx, 'operations.1').acceptAndResolve(trackingNo, 'We apologised.');
    const answer = await rate(trackingNo, { phoneLast4: '5678', satisfied: false });
    expect(answer.body).toMatchObject({ status: 'reopened', satisfaction: { verdict: 'review' } });
  });

  it('answers 400 naming the verdict when none is given', async () => {
    const answer = await rate('ABCD-EFGH-JKLM', { phoneLast4: '5678' });
    expect(answer.status).toBe(400);
    expect(answer.body.fields).toHaveProperty('verdict');
  });
});
