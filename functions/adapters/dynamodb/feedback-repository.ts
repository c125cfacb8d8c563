import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Table } from './client.js';

/** A stored rating. Keyed `FEEDBACK#<outletId>#<date>` / `<id>`: one Query reads an outlet's day. */
export interface FeedbackRecord {
  id: string;
  outletId: string;
  regionId: string;
  date: string;
  rating: number;
  aspects?: Partial<Record<'environment' | 'attitude' | 'efficiency' | 'professionalism', number>>;
  comment?: string;
  lang: string;
  submissionId: string;
  receivedAt: string;
  detailsAt?: string;
}

export const feedbackKey = (outletId: string, date: string, id: string) => ({
  pk: `FEEDBACK#${outletId}#${date}`,
  sk: id,
});

export class FeedbackRepository {
  constructor(private readonly table: Table) {}

  /** Every rating of one outlet on one day (the outlet-day rollup's only read). */
  async listDay(outletId: string, date: string): Promise<FeedbackRecord[]> {
    const records: FeedbackRecord[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.table.doc.send(
        new QueryCommand({
          TableName: this.table.name,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': `FEEDBACK#${outletId}#${date}` },
          ExclusiveStartKey,
        }),
      );
      records.push(...((page.Items ?? []) as FeedbackRecord[]));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return records;
  }
}
