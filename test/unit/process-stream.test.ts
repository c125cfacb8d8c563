import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import {
  type BatchedStreamReaction,
  processStream,
  type StreamReaction,
} from '../../functions/streams/process-stream.js';

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

  /** A batched reaction that records what each flush was given. */
  const gathering = (failFlush = false) => {
    const flushed: string[][] = [];
    const reaction: BatchedStreamReaction = {
      name: 'gather',
      matches: (c) => c.newItem?.type === 'rating',
      collect() {
        const seen: string[] = [];
        return {
          add: (c) => seen.push(String(c.newItem?.seq)),
          flush: async () => {
            if (failFlush) throw new Error('table busy');
            flushed.push(seen);
          },
        };
      },
    };
    return { reaction, flushed };
  };

  it('gives a batched reaction every matching record of the batch, and flushes it once', async () => {
    const { reaction, flushed } = gathering();
    const result = await processStream(
      { Records: [record('1', 'rating'), record('2', 'complaint'), record('3', 'rating')] },
      [reaction],
      () => {},
    );
    expect(flushed).toEqual([['1', '3']]);
    expect(result.batchItemFailures).toEqual([]);
  });

  it('flushes what came before a failed record (not retried) and reports the failed one', async () => {
    const { reaction, flushed } = gathering();
    const failing: StreamReaction = {
      name: 'failing',
      matches: () => true,
      handle: async (c) => {
        if (c.newItem?.seq === '3') throw new Error('SNS down');
      },
    };
    const result = await processStream(
      {
        Records: [record('1', 'rating'), record('2', 'rating'), record('3', 'rating'), record('4', 'rating')],
      },
      [failing, reaction],
      () => {},
    );
    expect(flushed).toEqual([['1', '2']]);
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: '3' }]);
  });

  it('reports the whole batch failed when a flush fails, so it is retried from its first record', async () => {
    const { reaction } = gathering(true);
    const errors: unknown[] = [];
    const result = await processStream(
      { Records: [record('1', 'rating'), record('2', 'rating')] },
      [reaction],
      (e) => errors.push(e),
    );
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: '1' }]);
    expect(errors).toHaveLength(1);
  });
});
