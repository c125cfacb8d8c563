import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { eventItem, type StoredEvent } from '../../functions/adapters/dynamodb/complaint-repository.js';
import type { Notification } from '../../functions/domain/notifier.js';
import { processStream } from '../../functions/streams/process-stream.js';
import { streamReactions } from '../../functions/streams/reactions.js';
import { usePlatform } from '../support/platform.js';

const ctx = usePlatform();

const notice = (topic: string, trackingNo: string): Notification => ({
  topic,
  subject: `complaint received: ${trackingNo}`,
  body: { trackingNo, event: 'received' },
  attributes: { department: topic },
  deduplicationId: `${trackingNo}:assigned:${topic}`,
});

/** The stream record Lambda would receive for a newly written audit event with two notifications. */
function streamEvent(trackingNo: string): DynamoDBStreamEvent {
  const event: StoredEvent = {
    trackingNo,
    at: new Date().toISOString(),
    seq: 1,
    action: 'assigned',
    actor: { kind: 'system' },
    public: true,
    detail: {},
    notifications: [notice('operations', trackingNo), notice('head-office', trackingNo)],
  };
  return {
    Records: [
      {
        eventID: '1',
        eventName: 'INSERT',
        eventSource: 'aws:dynamodb',
        dynamodb: {
          SequenceNumber: '100',
          // biome-ignore lint/suspicious/noExplicitAny: aws-lambda's AttributeValue type differs from the SDK's only nominally
          NewImage: marshall(eventItem(event), { removeUndefinedValues: true }) as any,
        },
      },
    ],
  };
}

/** A notifier that records what it published and fails for the topics it is told to. */
function notifier(failFor: string[] = []) {
  const published: string[] = [];
  return {
    published,
    async publish(n: Notification) {
      if (failFor.includes(n.topic)) throw new Error(`SNS is down for ${n.topic}`);
      published.push(n.topic);
    },
  };
}

const run = (event: DynamoDBStreamEvent, sink: ReturnType<typeof notifier>) =>
  processStream(event, streamReactions(ctx.platform.deps, sink, ctx.platform.notifier), () => {});

describe('the stream handler (the outbox)', () => {
  it('delivers each notification once however often the record is re-run', async () => {
    const event = streamEvent('OUTB-OXON-CE22');
    const sink = notifier();
    expect(await run(event, sink)).toEqual({ batchItemFailures: [] });
    expect(await run(event, sink)).toEqual({ batchItemFailures: [] });
    expect(await run(event, sink)).toEqual({ batchItemFailures: [] });
    expect(sink.published).toEqual(['operations', 'head-office']);
  });

  it('a failing notifier leaves the record to be retried, and the retry sends only what is missing', async () => {
    const event = streamEvent('OUTB-OXRE-TRY2');
    const down = notifier(['head-office']);
    expect(await run(event, down)).toEqual({ batchItemFailures: [{ itemIdentifier: '100' }] });
    expect(down.published).toEqual(['operations']);

    const up = notifier();
    expect(await run(event, up)).toEqual({ batchItemFailures: [] });
    expect(up.published).toEqual(['head-office']);
    expect(await run(event, up)).toEqual({ batchItemFailures: [] });
    expect(up.published).toEqual(['head-office']);
  });
});
