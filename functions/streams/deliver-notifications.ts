import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Notification } from '../adapters/notifier/notifier.js';
import type { Dependencies } from '../dependencies.js';
import type { StreamReaction } from './process-stream.js';

const LEASE_SECONDS = 120;

/**
 * The outbox: when an audit event that carries notifications is written, publish each one.
 * The stream delivers at least once and Lambda retries failed batches, so each (event, topic)
 * is claimed with a conditional write first and marked sent after: a re-run skips what was
 * sent, and a publish that failed leaves the claim to expire and the record to be retried.
 */
export function deliverNotifications(deps: Dependencies): StreamReaction {
  return {
    name: 'deliver-notifications',
    matches: (change) =>
      change.eventName === 'INSERT' &&
      change.newItem?.type === 'complaint-event' &&
      Array.isArray(change.newItem.notifications) &&
      change.newItem.notifications.length > 0,
    async handle(change) {
      const item = change.newItem ?? {};
      for (const notification of item.notifications as Notification[]) {
        const key = { pk: `OUTBOX#${String(item.pk)}#${String(item.sk)}`, sk: notification.topic };
        if (!(await claim(deps, key))) continue;
        try {
          await deps.notifier.publish(notification);
          deps.metrics.count('NotificationPublished');
        } catch (error) {
          await release(deps, key); // let the retry publish at once instead of after the lease
          throw error;
        }
        await deps.table.doc.send(
          new UpdateCommand({
            TableName: deps.table.name,
            Key: key,
            UpdateExpression: 'SET #state = :sent, sentAt = :at',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: { ':sent': 'sent', ':at': deps.now().toISOString() },
          }),
        );
      }
    },
  };
}

/**
 * True when this run may publish: never sent, or an earlier attempt's lease ran out. False when
 * it was sent already. While another attempt holds the lease, throws: the record is retried.
 */
async function claim(deps: Dependencies, key: { pk: string; sk: string }): Promise<boolean> {
  const now = Math.floor(deps.now().getTime() / 1000);
  try {
    await deps.table.doc.send(
      new PutCommand({
        TableName: deps.table.name,
        Item: {
          ...key,
          type: 'outbox',
          state: 'sending',
          leaseUntil: now + LEASE_SECONDS,
          ttl: now + 30 * 86_400,
        },
        ConditionExpression: 'attribute_not_exists(pk) OR (#state = :sending AND leaseUntil < :now)',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':sending': 'sending', ':now': now },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return true;
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    if (error.Item?.state?.S === 'sent') return false;
    throw new Error(`Notification ${key.pk} → ${key.sk} is being sent by another attempt; retrying later`);
  }
}

async function release(deps: Dependencies, key: { pk: string; sk: string }): Promise<void> {
  await deps.table.doc
    .send(
      new DeleteCommand({
        TableName: deps.table.name,
        Key: key,
        ConditionExpression: '#state = :sending',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':sending': 'sending' },
      }),
    )
    .catch(() => {}); // if the release fails, the lease still runs out and the retry succeeds then
}
