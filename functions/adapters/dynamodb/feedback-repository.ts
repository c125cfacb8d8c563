import type { Table } from './client.js';
import { queryAll } from './query-all.js';

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
    return queryAll<FeedbackRecord>(this.table, {
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `FEEDBACK#${outletId}#${date}` },
    });
  }
}
