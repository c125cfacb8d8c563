import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Complaint, ComplaintEvent } from '../../domain/complaint.js';
import type { Notification } from '../notifier/notifier.js';
import type { Table } from './client.js';
import { countAll, queryAll } from './query-all.js';

/**
 * Complaints and their audit trail share one partition, `COMPLAINT#<trackingNo>`: the record at
 * `A#COMPLAINT`, events at `E#<at>#<seq>` after it, so one Query reads a complaint with its
 * timeline in order. Indexes:
 * - gsi1 `INBOX#<department>` / `<dueAt>#<trackingNo>`: the open complaints a department works, by
 *   due date; resolved ones (waiting for the customer's rating) sort after them as
 *   `R#<resolvedAt>#<trackingNo>`; closed ones move to `CLOSED#<department>`;
 * - gsi2 `OUTLET#<outlet>#COMPLAINTS` / `<receivedAt>#<trackingNo>`: an outlet's complaints by time
 *   (a day, or the 30-day recurring window);
 * - gsi3 `PHONE#<hash>` / `<receivedAt>`: one customer's complaints (repeat complainants);
 * - gsi4 `OWNER#<department>` / `<dueAt>#<trackingNo>` (sparse): the open complaints a department
 *   owns (first-contact ownership), wherever they are worked now.
 * An event may carry the notifications it causes: the stream delivers them (the outbox).
 */
export const complaintPk = (trackingNo: string) => `COMPLAINT#${trackingNo}`;
const COMPLAINT_SK = 'A#COMPLAINT';

export type StoredEvent = ComplaintEvent & { notifications?: Notification[] | undefined };

export function complaintItem(c: Complaint): Record<string, unknown> {
  const open = c.status !== 'closed';
  const owned =
    open && c.owner ? { gsi4pk: `OWNER#${c.owner.departmentId}`, gsi4sk: `${c.dueAt}#${c.trackingNo}` } : {};
  return {
    pk: complaintPk(c.trackingNo),
    sk: COMPLAINT_SK,
    type: 'complaint',
    ...c,
    gsi1pk: `${open ? 'INBOX' : 'CLOSED'}#${c.handlingDepartmentId}`,
    gsi1sk:
      c.status === 'resolved' && c.resolution
        ? `${RESOLVED_PREFIX}${c.resolution.resolvedAt}#${c.trackingNo}`
        : `${c.dueAt}#${c.trackingNo}`,
    gsi2pk: `OUTLET#${c.outletId}#COMPLAINTS`,
    gsi2sk: `${c.receivedAt}#${c.trackingNo}`,
    gsi3pk: `PHONE#${c.contact.phoneHash}`,
    gsi3sk: c.receivedAt,
    ...owned,
  };
}

/** Sorts after every ISO date, so a due-date range never meets a resolved complaint. */
export const RESOLVED_PREFIX = 'R#';

export function eventItem(e: StoredEvent): Record<string, unknown> {
  return {
    pk: complaintPk(e.trackingNo),
    sk: `E#${e.at}#${String(e.seq).padStart(4, '0')}`,
    type: 'complaint-event',
    ...e,
  };
}

const INDEX_ATTRIBUTES = [
  'pk',
  'sk',
  'type',
  ...['gsi1', 'gsi2', 'gsi3', 'gsi4'].flatMap((i) => [`${i}pk`, `${i}sk`]),
];
function strip<T>(item: Record<string, unknown>): T {
  const copy = { ...item };
  for (const key of INDEX_ATTRIBUTES) delete copy[key];
  return copy as T;
}

export class ComplaintRepository {
  constructor(private readonly table: Table) {}

  async get(trackingNo: string): Promise<Complaint | undefined> {
    const { Item } = await this.table.doc.send(
      new GetCommand({ TableName: this.table.name, Key: { pk: complaintPk(trackingNo), sk: COMPLAINT_SK } }),
    );
    return Item ? strip<Complaint>(Item) : undefined;
  }

  /** The complaint and its whole audit trail in order: one Query. */
  async getWithTimeline(
    trackingNo: string,
  ): Promise<{ complaint: Complaint; events: StoredEvent[] } | undefined> {
    const items = await queryAll(this.table, {
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': complaintPk(trackingNo) },
    });
    const record = items.find((i) => i.sk === COMPLAINT_SK);
    if (!record) return undefined;
    return {
      complaint: strip<Complaint>(record),
      events: items.filter((i) => i.type === 'complaint-event').map((i) => strip<StoredEvent>(i)),
    };
  }

  /** Every complaint a department works now that is not closed (due-date order, then resolved). */
  async handledBy(departmentId: string): Promise<Complaint[]> {
    return this.queryIndex('gsi1', `INBOX#${departmentId}`);
  }

  /** Every open complaint a department owns (its staff accepted it first), wherever it is worked. */
  async ownedBy(departmentId: string): Promise<Complaint[]> {
    return this.queryIndex('gsi4', `OWNER#${departmentId}`);
  }

  /** A department's unresolved complaints due before `iso` (the sweeper's reminders and breaches). */
  async dueBefore(departmentId: string, iso: string): Promise<Complaint[]> {
    return this.queryIndex('gsi1', `INBOX#${departmentId}`, { below: iso });
  }

  /** A department's resolved complaints resolved before `iso` (the sweeper's auto-close). */
  async resolvedBefore(departmentId: string, iso: string): Promise<Complaint[]> {
    return this.queryIndex('gsi1', `INBOX#${departmentId}`, {
      from: RESOLVED_PREFIX,
      below: `${RESOLVED_PREFIX}${iso}`,
    });
  }

  private async queryIndex(
    index: 'gsi1' | 'gsi4',
    partition: string,
    range: { from?: string; below?: string } = {},
  ): Promise<Complaint[]> {
    const conditions = [`${index}pk = :pk`];
    const values: Record<string, string> = { ':pk': partition };
    if (range.from !== undefined && range.below !== undefined) {
      conditions.push(`${index}sk BETWEEN :from AND :below`);
      Object.assign(values, { ':from': range.from, ':below': range.below });
    } else if (range.below !== undefined) {
      conditions.push(`${index}sk < :below`);
      values[':below'] = range.below;
    }
    const items = await queryAll(this.table, {
      IndexName: index,
      KeyConditionExpression: conditions.join(' AND '),
      ExpressionAttributeValues: values,
    });
    return items.map((i) => strip<Complaint>(i));
  }

  /** How many complaints of a category an outlet received since `sinceIso`. */
  async countRecent(outletId: string, category: string, sinceIso: string): Promise<number> {
    return countAll(this.table, {
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk >= :since',
      FilterExpression: 'category = :category',
      ExpressionAttributeValues: {
        ':pk': `OUTLET#${outletId}#COMPLAINTS`,
        ':since': sinceIso,
        ':category': category,
      },
    });
  }

  /**
   * Writes a changed complaint with its new events, only if nobody changed it since it was read
   * (`version`): optimistic locking, so two staff acting at once cannot both win.
   * Returns false when the version no longer matches.
   */
  async update(complaint: Complaint, expectedVersion: number, events: StoredEvent[]): Promise<boolean> {
    try {
      await this.table.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.table.name,
                Item: complaintItem(complaint),
                ConditionExpression: 'version = :expected',
                ExpressionAttributeValues: { ':expected': expectedVersion },
              },
            },
            ...events.map((e) => ({
              Put: {
                TableName: this.table.name,
                Item: eventItem(e),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            })),
          ],
        }),
      );
      return true;
    } catch (error) {
      if ((error as Error).name === 'TransactionCanceledException') return false;
      throw error;
    }
  }
}
