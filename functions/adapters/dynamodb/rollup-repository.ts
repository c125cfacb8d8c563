import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { FeedbackTotals } from '../../domain/feedback-rollup.js';
import type { Table } from './client.js';
import { queryAll } from './query-all.js';

/**
 * Rollups: `ROLLUP#outlet#<outletId>` / `day#<date>`. A rerun overwrites the same item, so a
 * rollup is recomputable and never double-counts. gsi1 (`ROLLUP#day#<date>` / `<region>#<outlet>`)
 * lists every outlet of one day for rankings.
 */
export interface OutletDayRollup {
  outletId: string;
  regionId: string;
  date: string;
  feedback: FeedbackTotals;
  computedAt: string;
}

const key = (outletId: string, date: string) => ({ pk: `ROLLUP#outlet#${outletId}`, sk: `day#${date}` });

export class RollupRepository {
  constructor(private readonly table: Table) {}

  async putOutletDay(rollup: OutletDayRollup): Promise<void> {
    await this.table.doc.send(
      new PutCommand({
        TableName: this.table.name,
        Item: {
          ...key(rollup.outletId, rollup.date),
          type: 'rollup',
          gsi1pk: `ROLLUP#day#${rollup.date}`,
          gsi1sk: `${rollup.regionId}#${rollup.outletId}`,
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
        ':pk': `ROLLUP#outlet#${outletId}`,
        ':from': `day#${from}`,
        ':to': `day#${to}`,
      },
    });
  }
}
