import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Table } from './client.js';
import { keys } from './keys.js';

export type TrackingSubject = 'number' | 'address';

/**
 * Tries at the tracking look-up (a tracking number with the last four digits of a phone), counted
 * per subject per window. A try is taken by one conditional update before the phone is compared,
 * so however many guesses arrive at once, no more than the limit are ever compared; a right
 * answer gives its try back.
 */
export class TrackingLimitRepository {
  constructor(private readonly table: Table) {}

  /** Takes a try if fewer than `max` were taken in this window; false when they are used up. */
  async take(subject: TrackingSubject, id: string, window: number, max: number, expiresAt: number) {
    try {
      await this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.name,
          Key: keys.trackingLimit(subject, id, window),
          UpdateExpression: 'ADD tries :one SET #ttl = :ttl',
          ConditionExpression: 'attribute_not_exists(tries) OR tries < :max',
          ExpressionAttributeNames: { '#ttl': 'ttl' },
          ExpressionAttributeValues: { ':one': 1, ':max': max, ':ttl': expiresAt },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async giveBack(subject: TrackingSubject, id: string, window: number): Promise<void> {
    await this.table.doc.send(
      new UpdateCommand({
        TableName: this.table.name,
        Key: keys.trackingLimit(subject, id, window),
        UpdateExpression: 'ADD tries :minusOne',
        ConditionExpression: 'tries > :zero',
        ExpressionAttributeValues: { ':minusOne': -1, ':zero': 0 },
      }),
    );
  }
}
