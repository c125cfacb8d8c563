import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';

/** A change to one item of the table, as the stream reactions see it: plain values, not DynamoDB JSON. */
export interface ChangedItem {
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  newItem: Record<string, unknown> | undefined;
  oldItem: Record<string, unknown> | undefined;
}

/** Reads a stream record (Lambda's shape, DynamoDB JSON images); undefined for one without an event name. */
export function toChange(record: DynamoDBRecord): ChangedItem | undefined {
  const eventName = record.eventName;
  if (!eventName) return undefined;
  const image = (value: unknown) => (value ? unmarshall(value as Record<string, AttributeValue>) : undefined);
  return { eventName, newItem: image(record.dynamodb?.NewImage), oldItem: image(record.dynamodb?.OldImage) };
}
