import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Table } from './client.js';
import { indexPartitions, keys } from './keys.js';
import { queryAll } from './query-all.js';

export interface StaleOutletDay {
  date: string;
  outletId: string;
  markedAt: string;
}

/**
 * Outlet-days to roll up again because a complaint received on them changed later (resolved,
 * rated, reopened, transferred): one small item each in one partition, written by the stream,
 * read and cleared by the next rollup. A few per complaint step, far below a partition's limits.
 */
export class StaleRollupRepository {
  constructor(private readonly table: Table) {}

  async mark(date: string, outletId: string, at: Date): Promise<void> {
    await this.table.doc.send(
      new PutCommand({
        TableName: this.table.name,
        Item: {
          ...keys.staleRollup(date, outletId),
          type: 'stale-rollup',
          date,
          outletId,
          markedAt: at.toISOString(),
        },
      }),
    );
  }

  async all(): Promise<StaleOutletDay[]> {
    const items = await queryAll<StaleOutletDay>(this.table, {
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': indexPartitions.staleRollups() },
    });
    return items.map(({ date, outletId, markedAt }) => ({ date, outletId, markedAt }));
  }

  /** Clears a mark the rollup has dealt with, unless it was marked again since. */
  async clear(stale: StaleOutletDay): Promise<void> {
    try {
      await this.table.doc.send(
        new DeleteCommand({
          TableName: this.table.name,
          Key: keys.staleRollup(stale.date, stale.outletId),
          ConditionExpression: 'markedAt = :at',
          ExpressionAttributeValues: { ':at': stale.markedAt },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
}
