import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { keys } from '../../functions/adapters/dynamodb/keys.js';
import type { Notification } from '../../functions/domain/notifier.js';
import { processStream } from '../../functions/streams/process-stream.js';
import { streamReactions } from '../../functions/streams/reactions.js';
import { TestClock } from '../support/clock.js';
import { postJson } from '../support/customer.js';
import { usePlatform } from '../support/platform.js';
import { staffAs } from '../support/staff.js';

/**
 * Publishing the month's circular (通报), as the README says ("Service supervision", the circular):
 * the supervision centre (`inspector`, no region) publishes a month once it has ended, once; a
 * second publication is 409, the month under way 409, a month to come 400; every other role 403.
 * Publishing tells every outlet manager by ONE message on the alerts topic with `audience`
 * `outlet-manager`, event `circular-published`, the month, a link to `/circular?month=` and a
 * deduplication id of the month; the notice rides on the publication's record through the outbox,
 * so it is sent once the record exists, and again (once) after the notifier comes back.
 *
 * Thursday 3 December 2026, 10:00 in Shanghai: November has ended, December is under way.
 */
const clock = new TestClock('2026-12-03T10:00:00+08:00');
const ctx = usePlatform({}, { now: clock.now });

const publish = async (username: string, month: unknown, lang = 'zh-CN') =>
  postJson(
    `${ctx.url}/api/v1/supervision/circular/publications?lang=${lang}`,
    { month },
    { authorization: `Bearer ${await ctx.token(username)}` },
  );

async function circularNotices(month: string) {
  await ctx.platform.poller.drain();
  return ctx.platform.notifier
    .list()
    .filter((d) => d.body.event === 'circular-published' && d.body.month === month);
}

describe('publishing the circular', () => {
  it('the supervision centre publishes an ended month once; outlet managers are told by one message; the circular says when and by whom', async () => {
    const first = await publish('inspector.1', '2026-11');
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toEqual({
      month: '2026-11',
      publishedAt: clock.now().toISOString(),
      publishedBy: '钱进 · 服务督导中心',
    });

    const again = await publish('inspector.1', '2026-11');
    expect(again.status).toBe(409);
    expect(JSON.stringify(again.body)).toContain('2026-11 的通报已经发布过了');
    const againEn = await publish('inspector.1', '2026-11', 'en');
    expect(JSON.stringify(againEn.body)).toContain('The circular of 2026-11 was published already');

    const notices = await circularNotices('2026-11');
    expect(notices).toHaveLength(1);
    const [notice] = notices;
    expect(notice?.topic).toBe('alerts');
    expect(notice?.attributes).toMatchObject({
      event: 'circular-published',
      audience: 'outlet-manager',
      month: '2026-11',
    });
    expect(notice?.deduplicationId).toBe('circular:2026-11');
    expect(String(notice?.body.circularUrl)).toMatch(/\/circular\?month=2026-11$/);
    // Drained again, nothing more is sent.
    expect(await circularNotices('2026-11')).toHaveLength(1);

    // Every outlet manager may read it, and sees when and by whom (a name, not a sign-in id).
    for (const username of ['manager.sh-lujiazui', 'manager.bj-wangfujing', 'inspector.1', 'head-office']) {
      const read = await staffAs(ctx, username).get('/supervision/circular?month=2026-11');
      expect(read.status, username).toBe(200);
      expect(read.body.published, username).toEqual({
        publishedAt: clock.now().toISOString(),
        publishedBy: '钱进 · 服务督导中心',
      });
      expect(read.body.mayPublish, username).toBe(false);
    }
  });

  it('refuses the month under way (409) and a month to come (400), in the caller’s language', async () => {
    const underway = await publish('inspector.1', '2026-12');
    expect(underway.status).toBe(409);
    expect(JSON.stringify(underway.body)).toContain('2026-12 还没有结束，月末后才能发布通报');
    const underwayTw = await publish('inspector.1', '2026-12', 'zh-TW');
    expect(JSON.stringify(underwayTw.body)).toContain('2026-12 還沒有結束，月底後才能發布通報');

    const future = await publish('inspector.1', '2027-01');
    expect(future.status).toBe(400);
    expect(JSON.stringify(future.body)).toContain('这个月份还没到');
    const malformed = await publish('inspector.1', 'November', 'en');
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(malformed.body)).toContain('month');

    expect(await circularNotices('2026-12')).toHaveLength(0);
    const read = await staffAs(ctx, 'inspector.1').get('/supervision/circular?month=2026-12');
    expect(read.body.published).toBeNull();
    expect(read.body.mayPublish).toBe(false);
  });

  it('only the supervision centre publishes: every other role 403, and nothing is stored', async () => {
    const october = await staffAs(ctx, 'inspector.1').get('/supervision/circular?month=2026-10');
    expect(october.body.mayPublish).toBe(true);
    for (const username of [
      'head-office',
      'admin',
      'operations.1',
      'manager.sh-lujiazui',
      'lobby.sh-lujiazui',
      'inspector.shanghai',
    ]) {
      const refused = await publish(username, '2026-10', 'en');
      expect(refused.status, username).toBe(403);
      expect(JSON.stringify(refused.body), username).toContain(
        'Only the supervision centre may publish the circular',
      );
    }
    const stored = await ctx.platform.table.doc.send(
      new GetCommand({ TableName: ctx.platform.table.name, Key: keys.circularPublication('2026-10') }),
    );
    expect(stored.Item).toBeUndefined();
    const signedOut = await postJson(`${ctx.url}/api/v1/supervision/circular/publications`, {
      month: '2026-10',
    });
    expect(signedOut.status).toBe(401);
  });

  it('a notifier that is down loses nothing: the publication is stored, and its notice goes once the notifier is back', async () => {
    expect((await publish('inspector.1', '2026-09')).status).toBe(201);
    const { Item } = await ctx.platform.table.doc.send(
      new GetCommand({ TableName: ctx.platform.table.name, Key: keys.circularPublication('2026-09') }),
    );
    expect(Item).toBeDefined();
    // The record the stream hands the outbox (a fresh claim key: the test's own copy of the record).
    const copy = { ...Item, pk: `${String(Item?.pk)}-replay` };
    const event: DynamoDBStreamEvent = {
      Records: [
        {
          eventID: '1',
          eventName: 'INSERT',
          eventSource: 'aws:dynamodb',
          // biome-ignore lint/suspicious/noExplicitAny: aws-lambda's AttributeValue type differs from the SDK's only nominally
          dynamodb: { SequenceNumber: '7', NewImage: marshall(copy) as any },
        },
      ],
    };
    const sent: Notification[] = [];
    const sink = (down: boolean) => ({
      async publish(n: Notification) {
        if (down) throw new Error('SNS is down');
        sent.push(n);
      },
    });
    const run = (down: boolean) =>
      processStream(event, streamReactions(ctx.platform.deps, sink(down), ctx.platform.notifier), () => {});
    expect(await run(true)).toEqual({ batchItemFailures: [{ itemIdentifier: '7' }] });
    expect(sent).toHaveLength(0);
    expect(await run(false)).toEqual({ batchItemFailures: [] });
    expect(await run(false)).toEqual({ batchItemFailures: [] });
    expect(sent.map((n) => [n.attributes.audience, n.deduplicationId])).toEqual([
      ['outlet-manager', 'circular:2026-09'],
    ]);
  });
});
