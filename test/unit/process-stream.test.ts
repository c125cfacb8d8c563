import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { processStream, type StreamReaction } from '../../functions/streams/process-stream.js';

const record = (seq: string, type: string): DynamoDBRecord => ({
  eventName: 'INSERT',
  dynamodb: { SequenceNumber: seq, NewImage: { type: { S: type }, seq: { S: seq } } },
});

describe('processStream', () => {
  it('runs matching reactions in order and reports no failure', async () => {
    const handled: string[] = [];
    const reaction: StreamReaction = {
      name: 'collect',
      matches: (c) => c.newItem?.type === 'complaint',
      handle: async (c) => {
        handled.push(String(c.newItem?.seq));
      },
    };
    const result = await processStream(
      { Records: [record('1', 'complaint'), record('2', 'other'), record('3', 'complaint')] },
      [reaction],
      () => {},
    );
    expect(handled).toEqual(['1', '3']);
    expect(result.batchItemFailures).toEqual([]);
  });

  it('stops at the first failure and reports it, so the rest is retried in order', async () => {
    const handled: string[] = [];
    const errors: unknown[] = [];
    const reaction: StreamReaction = {
      name: 'flaky',
      matches: () => true,
      handle: async (c) => {
        if (c.newItem?.seq === '2') throw new Error('SNS down');
        handled.push(String(c.newItem?.seq));
      },
    };
    const result = await processStream(
      { Records: [record('1', 'a'), record('2', 'a'), record('3', 'a')] },
      [reaction],
      (e) => errors.push(e),
    );
    expect(handled).toEqual(['1']);
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: '2' }]);
    expect(errors).toHaveLength(1);
  });
});
