import { type CancellationReason, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Complaint, ComplaintEvent } from '../../domain/complaint.js';
import type { Notification } from '../../domain/notifier.js';
import {
  type ComplaintFacts,
  type ComplaintFactsSource,
  complaintFacts,
} from '../../domain/statistics/complaint-totals.js';
import type { Table } from './client.js';
import {
  inboxOrder,
  indexKeys,
  indexPartitions,
  isComplaintRecordKey,
  KEY_ATTRIBUTES,
  keys,
} from './keys.js';
import { countAll, queryAll } from './query-all.js';
import {
  COMPLAINT_SUBMISSION_TYPE,
  decodeSubmission,
  type StoredSubmission,
} from './submission-repository.js';

/**
 * Complaints and their audit trail share one partition, `COMPLAINT#<trackingNo>`: the record at
 * `A#COMPLAINT`, events at `E#<at>#<seq>` after it, so one Query reads a complaint with its
 * timeline in order. Indexes:
 * - gsi1 `INBOX#<department>` / `<dueAt>#<trackingNo>`: the open complaints a department works, by
 *   due date; resolved ones (waiting for the customer's rating) sort after them as
 *   `R#<resolvedAt>#<trackingNo>`; closed ones move to `CLOSED#<department>`;
 * - gsi2 `COMPLAINTS#<outlet>` / `<receivedAt>#<trackingNo>`: an outlet's complaints by time
 *   (a day, or the 30-day recurring window);
 * - gsi3 `PHONE#<hash>` / `<receivedAt>`: one customer's complaints (repeat complainants);
 * - gsi4 `OWNER#<department>` / `<dueAt>#<trackingNo>` (sparse): the open complaints a department
 *   owns (first-contact ownership), wherever they are worked now.
 * An event may carry the notifications it causes: the stream delivers them (the outbox).
 */
export type StoredEvent = ComplaintEvent & { notifications?: Notification[] | undefined };

/** The attributes (and nested paths) a complaint's statistics are made of: see ComplaintFactsSource. */
const FACT_ATTRIBUTES = [
  'trackingNo',
  'outletId',
  'regionId',
  'handlingDepartmentId',
  'category',
  'severity',
  'channel',
  'status',
  'receivedAt',
  'dueAt',
  'reopenedAt',
  'resolution.resolvedAt',
  'resolution.dueAt',
  'resolution.rootCause',
  'satisfaction.satisfied',
  'routing.recurring',
] as const satisfies readonly (
  | keyof ComplaintFactsSource
  | `${'resolution' | 'satisfaction' | 'routing'}.${string}`
)[];

/** The `type` of a complaint's record and of each of its audit events (streams match on them). */
export const COMPLAINT_TYPE = 'complaint';
export const COMPLAINT_EVENT_TYPE = 'complaint-event';

export function complaintItem(c: Complaint): Record<string, unknown> {
  // A closed complaint whose follow-up (回访) is still to make stays in its departments' inboxes.
  const followUpWaiting = c.followUp !== undefined && !c.followUp.doneAt;
  const open = c.status !== 'closed' || followUpWaiting;
  const byDue = inboxOrder.byDue(c.dueAt, c.trackingNo);
  const inbox =
    (c.status === 'resolved' || c.status === 'closed') && c.resolution
      ? indexKeys.inbox(c.handlingDepartmentId, inboxOrder.resolved(c.resolution.resolvedAt, c.trackingNo))
      : indexKeys.inbox(c.handlingDepartmentId, byDue);
  return {
    ...keys.complaint(c.trackingNo),
    type: COMPLAINT_TYPE,
    ...c,
    ...(open ? inbox : indexKeys.closed(c.handlingDepartmentId, byDue)),
    ...indexKeys.outletComplaints(c.outletId, c.receivedAt, c.trackingNo),
    ...indexKeys.phone(c.contact.phoneHash, c.receivedAt),
    ...(open && c.owner ? indexKeys.owner(c.owner.departmentId, byDue) : {}),
  };
}

export function eventItem(e: StoredEvent): Record<string, unknown> {
  return { ...keys.complaintEvent(e.trackingNo, e.at, e.seq), type: COMPLAINT_EVENT_TYPE, ...e };
}

function strip<T>(item: Record<string, unknown>): T {
  const copy = { ...item };
  for (const key of [...KEY_ATTRIBUTES, 'type']) delete copy[key];
  return copy as T;
}

/** The marker of a complaint's submission: the receipt a retry of it is answered with. */
export interface ComplaintSubmission {
  submissionId: string;
  fingerprint: string;
  resultId: string;
  receipt: unknown;
}

/** Markers of complaint submissions expire; a rating's item is the rating itself and stays. */
const MARKER_TTL_SECONDS = 90 * 86_400;

export class ComplaintRepository {
  constructor(private readonly table: Table) {}

  /**
   * Takes a complaint in: its record, its first audit events and the marker of its submission in
   * one transaction, so a retry can never store it twice and nothing is half-written. A used
   * submissionId answers what is stored there (read from the failed transaction, no second round
   * trip).
   */
  async create(
    complaint: Complaint,
    events: StoredEvent[],
    submission: ComplaintSubmission,
    now: Date,
  ): Promise<{ kind: 'created' } | { kind: 'exists'; existing: StoredSubmission }> {
    const put = (Item: Record<string, unknown>) => ({
      Put: { TableName: this.table.name, Item, ConditionExpression: 'attribute_not_exists(pk)' },
    });
    try {
      await this.table.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.table.name,
                Item: {
                  ...keys.submission(submission.submissionId),
                  type: COMPLAINT_SUBMISSION_TYPE,
                  ...submission,
                  createdAt: now.toISOString(),
                  ttl: Math.floor(now.getTime() / 1000) + MARKER_TTL_SECONDS,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
              },
            },
            put(complaintItem(complaint)),
            ...events.map((e) => put(eventItem(e))),
          ],
        }),
      );
      return { kind: 'created' };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const marker: CancellationReason | undefined = error.CancellationReasons?.[0];
      if (marker?.Code !== 'ConditionalCheckFailed' || !marker.Item) throw error;
      return { kind: 'exists', existing: decodeSubmission(unmarshall(marker.Item)) };
    }
  }

  async get(trackingNo: string): Promise<Complaint | undefined> {
    const { Item } = await this.table.doc.send(
      new GetCommand({ TableName: this.table.name, Key: keys.complaint(trackingNo) }),
    );
    return Item ? strip<Complaint>(Item) : undefined;
  }

  /** The complaint and its whole audit trail in order: one Query. */
  async getWithTimeline(
    trackingNo: string,
  ): Promise<{ complaint: Complaint; events: StoredEvent[] } | undefined> {
    const items = await queryAll(this.table, {
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.complaint(trackingNo).pk },
    });
    const record = items.find((i) => isComplaintRecordKey(i.sk));
    if (!record) return undefined;
    return {
      complaint: strip<Complaint>(record),
      events: items.filter((i) => i.type === COMPLAINT_EVENT_TYPE).map((i) => strip<StoredEvent>(i)),
    };
  }

  /** Every complaint a department works now that is not closed (due-date order, then resolved). */
  async handledBy(departmentId: string): Promise<Complaint[]> {
    return this.queryIndex('gsi1', indexPartitions.inbox(departmentId));
  }

  /** Every open complaint a department owns (its staff accepted it first), wherever it is worked. */
  async ownedBy(departmentId: string): Promise<Complaint[]> {
    return this.queryIndex('gsi4', indexPartitions.owner(departmentId));
  }

  /** A department's unresolved complaints due before `iso` (the sweeper's reminders and breaches). */
  async dueBefore(departmentId: string, iso: string): Promise<Complaint[]> {
    return this.queryIndex('gsi1', indexPartitions.inbox(departmentId), { below: iso });
  }

  /** A department's resolved complaints resolved before `iso` (the sweeper's auto-close). */
  async resolvedBefore(departmentId: string, iso: string): Promise<Complaint[]> {
    return this.queryIndex('gsi1', indexPartitions.inbox(departmentId), inboxOrder.resolvedBefore(iso));
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

  /** An outlet's complaints received from `fromIso` to `toIso` inclusive, oldest first. */
  async receivedBetween(outletId: string, fromIso: string, toIso: string): Promise<Complaint[]> {
    const items = await queryAll(this.table, {
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': indexPartitions.outletComplaints(outletId),
        ':from': fromIso,
        // Sort keys are `<receivedAt>#<trackingNo>`: anything received at `toIso` sorts before `toIso#~`.
        ':to': `${toIso}#~`,
      },
    });
    return items.map((i) => strip<Complaint>(i));
  }

  /**
   * What the statistics need of an outlet's complaints received between two instants: only the
   * attributes their facts come from (a projection: the read units are the whole items', but the
   * function parses a fifth of the bytes, which is most of a rollup's time at 10,000 outlets).
   */
  async factsReceivedBetween(outletId: string, fromIso: string, toIso: string): Promise<ComplaintFacts[]> {
    const names = Object.fromEntries(
      FACT_ATTRIBUTES.flatMap((path) => path.split('.')).map((a) => [`#${a}`, a]),
    );
    const items = await queryAll<ComplaintFactsSource>(this.table, {
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk BETWEEN :from AND :to',
      ProjectionExpression: FACT_ATTRIBUTES.map((path) =>
        path
          .split('.')
          .map((a) => `#${a}`)
          .join('.'),
      ).join(', '),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: {
        ':pk': indexPartitions.outletComplaints(outletId),
        ':from': fromIso,
        ':to': `${toIso}#~`,
      },
    });
    return items.map(complaintFacts);
  }

  /** How many complaints of a category an outlet received since `sinceIso`. */
  async countRecent(outletId: string, category: string, sinceIso: string): Promise<number> {
    return countAll(this.table, {
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk >= :since',
      FilterExpression: 'category = :category',
      ExpressionAttributeValues: {
        ':pk': indexPartitions.outletComplaints(outletId),
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
