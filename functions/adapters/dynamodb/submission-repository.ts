import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { RatingRecord } from '../../domain/feedback.js';
import type { Table } from './client.js';
import { KEY_ATTRIBUTES, keys } from './keys.js';

/**
 * What sits at a client-made submissionId (`SUBMISSION#<id>`): a rating (the item is the rating
 * itself) or the marker of a complaint (which holds the receipt). Both intakes write there with
 * a condition, so a submissionId is used once, for one thing.
 */
export type StoredSubmission =
  | { type: 'rating'; rating: RatingRecord }
  | { type: 'complaint'; fingerprint: string; resultId: string; receipt: unknown };

export const RATING_TYPE = 'rating';
export const COMPLAINT_SUBMISSION_TYPE = 'complaint-submission';

export class SubmissionRepository {
  constructor(private readonly table: Table) {}

  /** Strongly consistent: a retry right after the first write must see it. */
  async find(submissionId: string): Promise<StoredSubmission | undefined> {
    const { Item } = await this.table.doc.send(
      new GetCommand({
        TableName: this.table.name,
        Key: keys.submission(submissionId),
        ConsistentRead: true,
      }),
    );
    return Item ? decodeSubmission(Item) : undefined;
  }
}

export function decodeSubmission(item: Record<string, unknown>): StoredSubmission {
  if (item.type === RATING_TYPE) return { type: 'rating', rating: decodeRating(item) };
  return {
    type: 'complaint',
    fingerprint: String(item.fingerprint),
    resultId: String(item.resultId),
    receipt: item.receipt,
  };
}

export function decodeRating(item: Record<string, unknown>): RatingRecord {
  const copy = { ...item };
  for (const key of [...KEY_ATTRIBUTES, 'type']) delete copy[key];
  if (copy.comment === null) delete copy.comment;
  return copy as unknown as RatingRecord;
}
