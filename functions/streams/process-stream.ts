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
 * Runs the reactions for a batch of stream records, in order. On the first failure it stops and
 * reports that record and every later one as failed (ReportBatchItemFailures), so Lambda, or the
 * local poller, retries from there: nothing is skipped and order per item is kept.
 */
export async function processStream(
  event: DynamoDBStreamEvent,
  reactions: readonly StreamReaction[],
  onError: (error: unknown, record: DynamoDBRecord) => void,
): Promise<DynamoDBBatchResponse> {
  for (const record of event.Records) {
    try {
      // Inside the try: a record that cannot even be read is reported like any other failure.
      const change = toChange(record);
      for (const reaction of reactions) {
        if (change && reaction.matches(change)) await reaction.handle(change);
      }
    } catch (error) {
      onError(error, record);
      const sequenceNumber = record.dynamodb?.SequenceNumber;
      return sequenceNumber
        ? { batchItemFailures: [{ itemIdentifier: sequenceNumber }] }
        : { batchItemFailures: [] };
    }
  }
  return { batchItemFailures: [] };
}
