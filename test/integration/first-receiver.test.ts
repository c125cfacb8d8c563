import { describe, expect, it } from 'vitest';
import { aComplaint, fileComplaint } from '../support/complaints.js';
import { postJson } from '../support/customer.js';
import { usePlatform } from '../support/platform.js';
import { staffAs, trackingNos } from '../support/staff.js';

/**
 * 首问负责制 ("whoever receives it is responsible"): staff who take a complaint in own it from the
 * start and follow it, across departments, until it is closed. The README's roles section.
 */
const ctx = usePlatform({ RATE_LIMIT_STAFF_ENTRIES_PER_MINUTE: '100', RATE_LIMIT_IP_PER_MINUTE: '1000' });

interface Delivery {
  topic: string;
  body: { trackingNo: string; event: string };
}
async function eventsTold(trackingNo: string, topic: string): Promise<string[]> {
  await ctx.platform.poller.drain();
  const all = (await (await fetch(`${ctx.url}/api/v1/local/deliveries`)).json()) as Delivery[];
  return all
    .filter((d) => d.body.trackingNo === trackingNo && d.topic === topic)
    .map((d) => d.body.event)
    .reverse(); // the feed is newest first
}

async function enter(username: string, body: Record<string, unknown>) {
  return postJson(`${ctx.url}/api/v1/complaints`, body, {
    authorization: `Bearer ${await ctx.token(username)}`,
  });
}

describe('a complaint entered by a hotline agent of another department', () => {
  // Waiting time goes to operations (the default rules); the agent works for the card centre.
  const agent = staffAs(ctx, 'cards.1');
  const operations = staffAs(ctx, 'operations.1');
  const retail = staffAs(ctx, 'retail-banking.1');
  let trackingNo = '';

  it('makes the agent its owner from the start, with the hotline ticket on record', async () => {
    const answer = await enter('cards.1', {
      ...aComplaint('sh-jingan', { category: 'waiting-time' }),
      channel: 'hotline',
      hotlineTicket: '95568-20261124-0042',
    });
    expect(answer.status).toBe(201);
    trackingNo = String(answer.body.trackingNo);
    expect((answer.body.department as { id: string }).id).toBe('operations');

    const seen = await agent.complaint(trackingNo);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({
      channel: 'hotline',
      hotlineTicket: '95568-20261124-0042',
      owner: { username: 'cards.1', departmentId: 'cards' },
      enteredBy: { username: 'cards.1' },
      standing: 'owner-department',
    });
    const timeline = seen.body.timeline as { action: string; detail: Record<string, unknown> }[];
    expect(timeline[0]).toMatchObject({
      action: 'received',
      detail: { channel: 'hotline', hotlineTicket: '95568-20261124-0042', firstReceiver: 'cards.1' },
    });
  });

  it('lists it in the agent’s “received by me” and “mine” views, not a colleague’s', async () => {
    expect(trackingNos(await agent.inbox('received'))).toContain(trackingNo);
    expect(trackingNos(await agent.inbox('mine'))).toContain(trackingNo);
    expect(trackingNos(await staffAs(ctx, 'cards.2').inbox('received'))).not.toContain(trackingNo);
    expect(trackingNos(await operations.inbox('received'))).not.toContain(trackingNo);
  });

  it('keeps the agent as owner when the handling department accepts it', async () => {
    const accepted = await operations.step(trackingNo, { type: 'accept' });
    expect(accepted.status).toBe(200);
    expect(accepted.body.owner).toMatchObject({ username: 'cards.1', departmentId: 'cards' });
    const timeline = accepted.body.timeline as { action: string; detail: Record<string, unknown> }[];
    expect(timeline.at(-1)).toMatchObject({ action: 'accepted', detail: { becameOwner: false } });
  });

  it('lets the agent read it and tells the agent’s department of every step through a transfer to closure', async () => {
    const transferred = await operations.step(trackingNo, {
      type: 'transfer',
      toDepartment: 'retail-banking',
      reason: 'The queue was caused by a retail product launch.',
    });
    expect(transferred.status).toBe(200);
    expect((await agent.complaint(trackingNo)).status).toBe(200);
    const resolved = await retail.step(trackingNo, {
      type: 'resolve',
      decision: 'We opened two more windows at peak hours.',
      rootCause: 'process',
      correctiveAction: 'Peak-hour rota.',
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body.owner).toMatchObject({ username: 'cards.1' });
    const closed = await staffAs(ctx, 'head-office').step(trackingNo, {
      type: 'close',
      reason: 'Confirmed with the customer by phone.',
    });
    expect(closed.status).toBe(200);
    expect((await agent.complaint(trackingNo)).status).toBe(200);
    expect(await eventsTold(trackingNo, 'cards')).toEqual(['accepted', 'transferred', 'resolved', 'closed']);
    // Closed: no longer in the agent's working views.
    expect(trackingNos(await agent.inbox('received'))).not.toContain(trackingNo);
  });
});

describe('how staff received it', () => {
  it.each(['hotline', 'counter', 'letter', 'email', 'visit'])(
    'records a %s entry as such',
    async (channel) => {
      const answer = await enter('consumer-protection.1', { ...aComplaint('sh-jingan'), channel });
      expect(answer.status).toBe(201);
      const seen = await staffAs(ctx, 'consumer-protection.1').complaint(String(answer.body.trackingNo));
      expect(seen.body).toMatchObject({ channel, owner: { username: 'consumer-protection.1' } });
    },
  );

  it('refuses a hotline ticket on anything but a hotline entry by staff', async () => {
    const counter = await enter('cards.1', {
      ...aComplaint('sh-jingan'),
      channel: 'counter',
      hotlineTicket: 'T-1',
    });
    expect(counter.status).toBe(400);
    expect(counter.body.fields).toHaveProperty('hotlineTicket');
    const customer = await postJson(`${ctx.url}/api/v1/complaints`, {
      ...aComplaint('sh-jingan'),
      hotlineTicket: 'T-1',
    });
    expect(customer.status).toBe(400);
  });

  it('gives a customer’s own complaint its owner at the first acceptance, as before', async () => {
    const receipt = await fileComplaint(ctx.platform, 'sh-jingan', { category: 'waiting-time' });
    const accepted = await staffAs(ctx, 'operations.2').step(receipt.trackingNo, { type: 'accept' });
    expect(accepted.body.owner).toMatchObject({ username: 'operations.2', departmentId: 'operations' });
    const timeline = accepted.body.timeline as { action: string; detail: Record<string, unknown> }[];
    expect(timeline.at(-1)).toMatchObject({ action: 'accepted', detail: { becameOwner: true } });
  });
});
