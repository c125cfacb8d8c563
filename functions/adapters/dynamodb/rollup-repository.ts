import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { FeedbackTotals } from '../../domain/feedback-rollup.js';
import type { Table } from './client.js';
import { indexKeys, keys } from './keys.js';
import { queryAll } from './query-all.js';

/**
 * Rollups: one item per scope, id, granularity and period. A rerun overwrites the same item, so
 * a rollup is recomputable and never double-counts. gsi1 lists every outlet of one period for
 * rankings.
 */
export interface OutletDayRollup {
  outletId: string;
  regionId: string;
  date: string;
  feedback: FeedbackTotals;
  computedAt: string;
}

const key = (outletId: string, date: string) => keys.rollup('outlet', outletId, 'day', date);

export class RollupRepository {
  constructor(private readonly table: Table) {}

  async putOutletDay(rollup: OutletDayRollup): Promise<void> {
    await this.table.doc.send(
      new PutCommand({
        TableName: this.table.name,
        Item: {
          ...key(rollup.outletId, rollup.date),
          type: 'rollup',
          ...indexKeys.ranking('outlet', 'day', rollup.date, `${rollup.regionId}#${rollup.outletId}`),
          ...rollup,
        },
      }),
    );
  }

  async getOutletDay(outletId: string, date: string): Promise<OutletDayRollup | undefined> {
    const { Item } = await this.table.doc.send(
      new GetCommand({ TableName: this.table.name, Key: key(outletId, date) }),
    );
    return Item as OutletDayRollup | undefined;
  }

  /** One outlet's days from `from` to `to` inclusive, oldest first: a single-partition Query. */
  async outletDays(outletId: string, from: string, to: string): Promise<OutletDayRollup[]> {
    // Three years of days is past one 1 MB page, so read every page.
    return queryAll<OutletDayRollup>(this.table, {
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': key(outletId, from).pk,
        ':from': key(outletId, from).sk,
        ':to': key(outletId, to).sk,
      },
    });
  }
}
