import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Warning } from '../../domain/statistics/warnings.js';
import type { Notification } from '../notifier/notifier.js';
import type { Table } from './client.js';
import { indexKeys, indexPartitions, KEY_ATTRIBUTES, keys } from './keys.js';
import { queryAll } from './query-all.js';

export interface Acknowledgement {
  by: string;
  byName: string;
  at: string;
  note?: string | undefined;
}

export type StoredWarning = Warning & { raisedAt: string; acknowledged?: Acknowledgement | undefined };

/** What the stream looks for on a new warning item: its alert, delivered once by the outbox. */
export const WARNING_TYPE = 'warning';

/**
 * Warnings: `WARNING#<id>`, the id deterministic, so a period's warning is stored once however
 * often the close runs (a conditional write), and its alert, carried on the item, is published
 * once by the outbox. gsi1 `WARNINGS#<period>` lists a period's warnings.
 */
export class WarningRepository {
  constructor(private readonly table: Table) {}

  /** Stores the warning unless it exists; true when this call raised it. */
  async raise(warning: Warning, notifications: Notification[], at: Date): Promise<boolean> {
    try {
      await this.table.doc.send(
        new PutCommand({
          TableName: this.table.name,
          Item: {
            ...keys.warning(warning.id),
            ...indexKeys.warnings(
              warning.period,
              `${warning.rule}#${warning.scope}#${warning.subjectId}#${warning.category ?? ''}`,
            ),
            type: WARNING_TYPE,
            ...warning,
            raisedAt: at.toISOString(),
            notifications,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async get(id: string): Promise<StoredWarning | undefined> {
    const { Item } = await this.table.doc.send(
      new GetCommand({ TableName: this.table.name, Key: keys.warning(id) }),
    );
    return Item ? decode(Item) : undefined;
  }

  async ofPeriod(period: string): Promise<StoredWarning[]> {
    const items = await queryAll(this.table, {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': indexPartitions.warnings(period) },
    });
    return items.map(decode);
  }

  /**
   * Records who acknowledged it, once: `acknowledged` with the stored warning, `already` (with
   * the first acknowledgement) or `missing`.
   */
  async acknowledge(
    id: string,
    acknowledgement: Acknowledgement,
  ): Promise<{ result: 'acknowledged' | 'already'; warning: StoredWarning } | { result: 'missing' }> {
    try {
      const { Attributes } = await this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.name,
          Key: keys.warning(id),
          UpdateExpression: 'SET acknowledged = :ack',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(acknowledged)',
          ExpressionAttributeValues: { ':ack': acknowledgement },
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { result: 'acknowledged', warning: decode(Attributes ?? {}) };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      if (!error.Item) return { result: 'missing' };
      return { result: 'already', warning: decode(unmarshall(error.Item)) };
    }
  }
}

function decode(item: Record<string, unknown>): StoredWarning {
  const copy = { ...item };
  for (const key of [...KEY_ATTRIBUTES, 'type', 'notifications']) delete copy[key];
  return copy as unknown as StoredWarning;
}
