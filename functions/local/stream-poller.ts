import { existsSync, readFileSync } from 'node:fs';
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { replaceFile } from '../adapters/files/whole-files.js';

export type StreamHandler = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>;

export interface StreamPollerOptions {
  client: DynamoDBClient;
  endpoint: string;
  region: string;
  tableName: string;
  handler: StreamHandler;
  /** Where shard positions are kept so a restart resumes instead of replaying; memory only if unset. */
  checkpointFile?: string;
  intervalMs?: number;
  onError?: (error: unknown) => void;
}

export interface StreamPoller {
  stop(): Promise<void>;
  /** Resolves once every record written so far has been handed to the handler successfully. */
  drain(timeoutMs?: number): Promise<void>;
}

/**
 * Does locally what Lambda's event source mapping does in AWS: reads the table's stream shard by
 * shard, hands batches to the very same stream handler, and on a reported batch item failure
 * retries from that record (after a pause) instead of moving on.
 */
export function startStreamPoller(options: StreamPollerOptions): StreamPoller {
  const streams = new DynamoDBStreamsClient({
    endpoint: options.endpoint,
    region: options.region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const checkpoints: Record<string, string> =
    options.checkpointFile && existsSync(options.checkpointFile)
      ? (JSON.parse(readFileSync(options.checkpointFile, 'utf8')) as Record<string, string>)
      : {};
  const iterators = new Map<string, string | null>();
  let streamArn: string | undefined;
  let running = true;
  /**
   * Polls started so far, and the number of the last one that found nothing new. `drain` waits
   * for an empty poll that STARTED after it was called: a poll already under way may have read the
   * shard before the record drain waits for was written, and must not count.
   */
  let pollsStarted = 0;
  let lastEmptyPoll = 0;
  let loop: Promise<void> = Promise.resolve();
  const interval = options.intervalMs ?? 250;

  const saveCheckpoints = () => {
    if (options.checkpointFile) replaceFile(options.checkpointFile, JSON.stringify(checkpoints));
  };

  async function iteratorFor(shardId: string): Promise<string | undefined> {
    const known = iterators.get(shardId);
    if (known === null) return undefined; // closed and fully read
    if (known) return known;
    const after = checkpoints[shardId];
    const { ShardIterator } = await streams.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shardId,
        ShardIteratorType: after ? 'AFTER_SEQUENCE_NUMBER' : 'TRIM_HORIZON',
        SequenceNumber: after,
      }),
    );
    return ShardIterator;
  }

  async function pollOnce(): Promise<boolean> {
    if (!streamArn) {
      const { Table } = await options.client.send(new DescribeTableCommand({ TableName: options.tableName }));
      streamArn = Table?.LatestStreamArn;
      if (!streamArn) return false;
    }
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    let sawRecords = false;
    for (const shard of StreamDescription?.Shards ?? []) {
      const shardId = shard.ShardId;
      if (!shardId) continue;
      const iterator = await iteratorFor(shardId);
      if (!iterator) continue;
      const { Records = [], NextShardIterator } = await streams.send(
        new GetRecordsCommand({ ShardIterator: iterator, Limit: 100 }),
      );
      if (Records.length === 0) {
        iterators.set(shardId, NextShardIterator ?? null);
        continue;
      }
      sawRecords = true;
      const event: DynamoDBStreamEvent = { Records: Records.map((r) => toLambdaRecord(r, streamArn ?? '')) };
      const { batchItemFailures } = await options.handler(event);
      const failed = batchItemFailures[0]?.itemIdentifier;
      const processed = failed
        ? Records.filter((r) => BigInt(r.dynamodb?.SequenceNumber ?? '0') < BigInt(failed))
        : Records;
      const last = processed.at(-1)?.dynamodb?.SequenceNumber;
      if (last) {
        checkpoints[shardId] = last;
        saveCheckpoints();
      }
      if (failed) {
        // Resume from the failed record on the next round, like Lambda's retry of a batch failure.
        iterators.delete(shardId);
        throw new Error(`Stream record ${failed} failed; it will be retried`);
      }
      iterators.set(shardId, NextShardIterator ?? null);
    }
    return sawRecords;
  }

  loop = (async () => {
    let backoff = interval;
    while (running) {
      try {
        const poll = ++pollsStarted;
        const busy = await pollOnce();
        if (!busy) lastEmptyPoll = poll;
        backoff = interval;
        if (!busy) await sleep(interval);
      } catch (error) {
        options.onError?.(error);
        await sleep(backoff);
        backoff = Math.min(backoff * 2, 5000);
      }
    }
  })();

  return {
    async stop() {
      running = false;
      await loop;
      streams.destroy();
    },
    async drain(timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      const after = pollsStarted;
      while (lastEmptyPoll <= after) {
        if (Date.now() > deadline) throw new Error('The stream poller did not catch up in time');
        await sleep(50);
      }
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The Streams API's record in the shape Lambda hands to a stream handler. */
function toLambdaRecord(record: StreamRecord, eventSourceARN: string): DynamoDBRecord {
  const { ApproximateCreationDateTime, NewImage, OldImage, ...dynamodb } = record.dynamodb ?? {};
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventSource: 'aws:dynamodb',
    eventVersion: record.eventVersion,
    awsRegion: record.awsRegion,
    eventSourceARN,
    dynamodb: {
      ...(dynamodb as DynamoDBRecord['dynamodb']),
      ...(NewImage ? { NewImage: repairEmptyMaps(NewImage) as LambdaImage } : {}),
      ...(OldImage ? { OldImage: repairEmptyMaps(OldImage) as LambdaImage } : {}),
      ...(ApproximateCreationDateTime
        ? { ApproximateCreationDateTime: Math.floor(ApproximateCreationDateTime.getTime() / 1000) }
        : {}),
    },
  };
}

/**
 * DynamoDB Local's stream (as the SDK reads it) renders an empty map as `{}` instead of
 * `{"M":{}}`, which no unmarshaller accepts; Lambda receives the proper form. Put it back.
 */
function repairEmptyMaps(image: Record<string, unknown>): Record<string, AttributeValueLike> {
  const repair = (value: unknown): AttributeValueLike => {
    if (!value || typeof value !== 'object' || Object.keys(value).length === 0) return { M: {} };
    const v = value as AttributeValueLike;
    if (v.M) return { M: repairEmptyMaps(v.M) };
    if (v.L) return { L: v.L.map(repair) };
    return v;
  };
  return Object.fromEntries(Object.entries(image).map(([k, v]) => [k, repair(v)]));
}

type LambdaImage = NonNullable<NonNullable<DynamoDBRecord['dynamodb']>['NewImage']>;
type AttributeValueLike = { M?: Record<string, unknown>; L?: unknown[]; [type: string]: unknown };
