import { randomUUID } from 'node:crypto';
import { PutCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import {
  distinctStaleDays,
  type StaleChange,
  type StaleOutletDay,
} from '../../domain/statistics/stale-outlet-days.js';
import { deleteAll } from './batch-writer.js';
import type { Table } from './client.js';
import { indexPartitions, keys, type TableKey } from './keys.js';

/** The outlet-days one mark item read, and the item's key to clear it with. */
export interface StaleMarks {
  key: TableKey;
  markedAt: string;
  days: StaleOutletDay[];
}

/**
 * Outlet-days held in one item at most: a stream batch of 10,000 records (the event source's
 * largest) fits in three, each well under DynamoDB's 400 KB (an entry is a date, `#` and an
 * outlet id of at most 40 characters).
 */
const DAYS_PER_ITEM = 4_000;

/**
 * Outlet-days to roll up again because their ratings or complaints changed since their rollup.
 * The stream writes one item per batch (`STALE#rollup` / `<markedAt>#<batch>`), holding the
 * batch's outlet-days as two string sets (`<date>#<outlet>`, by what changed): a batch of a
 * thousand ratings costs one write of about 20 write units, not a thousand writes. The refresh
 * reads the partition (one Query when nothing changed), recomputes, and deletes exactly the items
 * it read; a batch marked meanwhile is another item and waits for the next refresh.
 */
export class StaleRollupRepository {
  constructor(private readonly table: Table) {}

  /** Marks outlet-days stale (each once: a change of complaints covers one of ratings). */
  async mark(days: readonly StaleOutletDay[], at: Date): Promise<void> {
    const distinct = distinctStaleDays(days);
    const markedAt = at.toISOString();
    const batchId = randomUUID();
    for (let part = 0; part * DAYS_PER_ITEM < distinct.length; part++) {
      const slice = distinct.slice(part * DAYS_PER_ITEM, (part + 1) * DAYS_PER_ITEM);
      const entries = (changed: StaleChange) =>
        slice.filter((d) => d.changed === changed).map((d) => `${d.date}#${d.outletId}`);
      const ratings = entries('ratings');
      const complaints = entries('complaints');
      await this.table.doc.send(
        new PutCommand({
          TableName: this.table.name,
          Item: {
            ...keys.staleMarks(markedAt, `${batchId}#${part}`),
            type: 'stale-rollups',
            markedAt,
            // DynamoDB refuses an empty set: a set is written only when it has members.
            ...(ratings.length > 0 ? { ratings: new Set(ratings) } : {}),
            ...(complaints.length > 0 ? { complaints: new Set(complaints) } : {}),
          },
        }),
      );
    }
  }

  /**
   * The marks waiting, oldest first, up to the item that brings the distinct outlet-days past
   * `limit` (so a backlog is worked off over several refreshes, each within its time). Distinct:
   * a busy quarter hour's batches name the same outlets again and again (31,250 ratings at 10,000
   * outlets make 30,000 entries for 9,500 outlet-days), and counting each entry would leave most
   * of a quarter hour's work to the next refresh, a backlog that grows all day.
   */
  async pending(limit = Number.POSITIVE_INFINITY): Promise<StaleMarks[]> {
    const marks: StaleMarks[] = [];
    const days = new Set<string>();
    for await (const page of paginateQuery(
      { client: this.table.doc },
      {
        TableName: this.table.name,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': indexPartitions.staleMarks() },
      },
    )) {
      for (const item of page.Items ?? []) {
        const read = decode(item);
        marks.push(read);
        for (const day of read.days) days.add(`${day.date}#${day.outletId}`);
        if (days.size >= limit) return marks;
      }
    }
    return marks;
  }

  /** Clears the marks a refresh dealt with, 25 to a request. */
  async clear(marks: readonly StaleMarks[]): Promise<void> {
    await deleteAll(
      this.table,
      marks.map((m) => m.key),
    );
  }
}

function decode(item: Record<string, unknown>): StaleMarks {
  const key = { pk: String(item.pk), sk: String(item.sk) };
  // A mark written before marks were batched: one outlet-day whose complaints changed.
  if (typeof item.date === 'string' && typeof item.outletId === 'string')
    return {
      key,
      markedAt: String(item.markedAt),
      days: [{ date: item.date, outletId: item.outletId, changed: 'complaints' }],
    };
  const days = (changed: StaleChange): StaleOutletDay[] =>
    [...((item[changed] as Set<string> | undefined) ?? [])].map((entry) => ({
      // A date is ten characters; the outlet id is the rest after the `#`.
      date: entry.slice(0, 10),
      outletId: entry.slice(11),
      changed,
    }));
  return { key, markedAt: String(item.markedAt), days: [...days('ratings'), ...days('complaints')] };
}
