import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { type ChangedItem, toChange } from '../adapters/dynamodb/stream-records.js';

export type { ChangedItem };

/** A reaction to changes of the table: it must be idempotent, the stream delivers at least once. */
export interface StreamReaction {
  name: string;
  /** Cheap filter on the changed item (usually its `type` attribute). */
  matches(change: ChangedItem): boolean;
  handle(change: ChangedItem): Promise<void>;
}

/**
 * A reaction that gathers what a whole batch says and acts once for it (one write for a thousand
 * ratings, rather than one each). Idempotent like any reaction: a batch may be delivered again.
 */
export interface BatchedStreamReaction {
  name: string;
  matches(change: ChangedItem): boolean;
  /** A collector for one batch: it is given each matching change in order, then flushed once. */
  collect(): { add(change: ChangedItem): void; flush(): Promise<void> };
}

export type AnyStreamReaction = StreamReaction | BatchedStreamReaction;

const isBatched = (reaction: AnyStreamReaction): reaction is BatchedStreamReaction => 'collect' in reaction;

/**
 * Runs the reactions for a batch of stream records, in order. On the first failure it stops and
 * reports that record and every later one as failed (ReportBatchItemFailures), so Lambda, or the
 * local poller, retries from there: nothing is skipped and order per item is kept. Batched
 * reactions are flushed once, with every record handled before the failure (those are not
 * retried); if a flush fails, the whole batch is reported failed and retried from its first
 * record, whose reactions are idempotent.
 */
export async function processStream(
  event: DynamoDBStreamEvent,
  reactions: readonly AnyStreamReaction[],
  onError: (error: unknown, record: DynamoDBRecord) => void,
): Promise<DynamoDBBatchResponse> {
  const collectors = reactions
    .filter(isBatched)
    .map((reaction) => ({ reaction, collector: reaction.collect() }));
  let failure: DynamoDBBatchResponse = { batchItemFailures: [] };
  for (const record of event.Records) {
    try {
      // Inside the try: a record that cannot even be read is reported like any other failure.
      const change = toChange(record);
      if (!change) continue;
      for (const reaction of reactions) {
        if (!isBatched(reaction) && reaction.matches(change)) await reaction.handle(change);
      }
      for (const { reaction, collector } of collectors) if (reaction.matches(change)) collector.add(change);
    } catch (error) {
      onError(error, record);
      failure = failedFrom(record);
      break;
    }
  }
  const first = event.Records[0];
  for (const { collector } of collectors) {
    try {
      await collector.flush();
    } catch (error) {
      if (!first) throw error;
      onError(error, first);
      return failedFrom(first);
    }
  }
  return failure;
}

function failedFrom(record: DynamoDBRecord): DynamoDBBatchResponse {
  const sequenceNumber = record.dynamodb?.SequenceNumber;
  return sequenceNumber
    ? { batchItemFailures: [{ itemIdentifier: sequenceNumber }] }
    : { batchItemFailures: [] };
}
