import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Table } from './client.js';
import { keys, type TableKey } from './keys.js';

/** How long a claim keeps other attempts from publishing the same notification. */
const LEASE_SECONDS = 120;
/** Claims are kept this long, past any stream retry, then expire by TTL. */
const KEEP_SECONDS = 30 * 86_400;

/**
 * The outbox's memory of what was published: one claim per (stored item, topic). The stream
 * delivers at least once, so a notification is claimed with a conditional write before it is
 * published and marked sent after.
 */
export class OutboxRepository {
  constructor(private readonly table: Table) {}

  /**
   * `claimed` when this attempt may publish (never sent, or an earlier attempt's lease ran out),
   * `sent` when it was published already, `busy` while another attempt holds the lease.
   */
  async claim(source: TableKey, topic: string, now: Date): Promise<'claimed' | 'sent' | 'busy'> {
    const nowEpoch = Math.floor(now.getTime() / 1000);
    try {
      await this.table.doc.send(
        new PutCommand({
          TableName: this.table.name,
          Item: {
            ...keys.outbox(source, topic),
            type: 'outbox',
            state: 'sending',
            leaseUntil: nowEpoch + LEASE_SECONDS,
            ttl: nowEpoch + KEEP_SECONDS,
          },
          ConditionExpression: 'attribute_not_exists(pk) OR (#state = :sending AND leaseUntil < :now)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':sending': 'sending', ':now': nowEpoch },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return 'claimed';
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return error.Item?.state?.S === 'sent' ? 'sent' : 'busy';
    }
  }

  async markSent(source: TableKey, topic: string, at: Date): Promise<void> {
    await this.table.doc.send(
      new UpdateCommand({
        TableName: this.table.name,
        Key: keys.outbox(source, topic),
        UpdateExpression: 'SET #state = :sent, sentAt = :at',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':sent': 'sent', ':at': at.toISOString() },
      }),
    );
  }

  /** Gives a claim back after a failed publish, so the retry may publish at once. */
  async release(source: TableKey, topic: string): Promise<void> {
    await this.table.doc.send(
      new DeleteCommand({
        TableName: this.table.name,
        Key: keys.outbox(source, topic),
        ConditionExpression: '#state = :sending',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':sending': 'sending' },
      }),
    );
  }
}
