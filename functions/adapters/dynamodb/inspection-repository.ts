import { createHash } from 'node:crypto';
import {
  type CancellationReason,
  ConditionalCheckFailedException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Notification } from '../../domain/notifier.js';
import type { CircularPublication } from '../../domain/supervision/circular-publication.js';
import type { Inspection, InspectionKind } from '../../domain/supervision/inspections.js';
import type { MysteryVisit } from '../../domain/supervision/mystery.js';
import type { Rectification } from '../../domain/supervision/rectification.js';
import type { SupervisionTally, TallyChange } from '../../domain/supervision/tally.js';
import { getAll } from './batch-get.js';
import type { Table } from './client.js';
import { indexKeys, indexPartitions, KEY_ATTRIBUTES, keys } from './keys.js';
import { queryAll } from './query-all.js';

export const INSPECTION_TYPE = 'inspection';
export const RECTIFICATION_TYPE = 'rectification';
export const MYSTERY_VISIT_TYPE = 'mystery-visit';
/** The sweeper's reminder or breach report of a task, carrying its notification for the outbox. */
export const RECTIFICATION_ALERT_TYPE = 'rectification-alert';
/** A month's circular as published, carrying its notice to every outlet manager for the outbox. */
export const CIRCULAR_PUBLICATION_TYPE = 'circular-publication';

/** Shards of the sweeper's index of rectifications owing an alert (gsi4 `RECTDUE#<n>`). */
export const RECTIFICATION_ALERT_SHARDS = 8;

export type SubmitOutcome =
  | { kind: 'created' }
  | { kind: 'exists'; existing: Inspection }
  /** The mystery visit's link was used already, or its deadline passed, in the meantime. */
  | { kind: 'visit-closed' };

/**
 * Inspections, their rectification tasks and mystery visits.
 *
 * An inspection is one transaction: the inspection (keyed by the id its client made, so a retry
 * from the offline capture page fails the condition and is answered from what is stored), a task
 * for each failed item, and, for a mystery visit, its assignment marked submitted (so a link is
 * used once). At most 1 + the checklist's items + 1 writes, far under DynamoDB's 100.
 */
export class InspectionRepository {
  constructor(private readonly table: Table) {}

  async submit(
    inspection: Inspection,
    tasks: Rectification[],
    visit: { tokenHash: string; now: string } | undefined,
    tallies: readonly TallyChange[],
  ): Promise<SubmitOutcome> {
    try {
      await this.table.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.table.name,
                Item: inspectionItem(inspection),
                ConditionExpression: 'attribute_not_exists(pk)',
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
              },
            },
            ...tasks.map((task) => ({
              Put: {
                TableName: this.table.name,
                Item: rectificationItem(task),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            })),
            ...tallies.map((change) => this.tallyUpdate(change)),
            ...(visit
              ? [
                  {
                    Update: {
                      TableName: this.table.name,
                      Key: keys.mysteryVisit(visit.tokenHash),
                      UpdateExpression: 'SET #status = :submitted, inspectionId = :id',
                      ConditionExpression: '#status = :planned AND deadline >= :now',
                      ExpressionAttributeNames: { '#status': 'status' },
                      ExpressionAttributeValues: {
                        ':submitted': 'submitted',
                        ':planned': 'planned',
                        ':id': inspection.id,
                        ':now': visit.now,
                      },
                    },
                  },
                ]
              : []),
          ],
        }),
      );
      return { kind: 'created' };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons: CancellationReason[] = error.CancellationReasons ?? [];
      const first = reasons[0];
      if (first?.Code === 'ConditionalCheckFailed' && first.Item)
        return { kind: 'exists', existing: decode<Inspection>(unmarshall(first.Item)) };
      if (visit && reasons.at(-1)?.Code === 'ConditionalCheckFailed') return { kind: 'visit-closed' };
      throw error;
    }
  }

  async get(id: string): Promise<Inspection | undefined> {
    const { Item } = await this.table.doc.send(
      new GetCommand({ TableName: this.table.name, Key: keys.inspection(id) }),
    );
    return Item ? decode<Inspection>(Item) : undefined;
  }

  /** An outlet's inspections of one month, by kind and time (one Query). */
  async ofOutletMonth(outletId: string, month: string, kind?: InspectionKind): Promise<Inspection[]> {
    const items = await queryAll(this.table, {
      IndexName: 'gsi2',
      KeyConditionExpression: kind ? 'gsi2pk = :pk AND begins_with(gsi2sk, :kind)' : 'gsi2pk = :pk',
      ExpressionAttributeValues: {
        ':pk': indexPartitions.outletMonthInspections(outletId, month),
        ...(kind ? { ':kind': `${kind}#` } : {}),
      },
    });
    return items.map((i) => decode<Inspection>(i));
  }

  /**
   * Releases a mystery visit's inspection to the outlet and its region, with the tasks its findings
   * open, in one transaction; false if it is not a blind one (any longer).
   */
  async release(
    inspection: Inspection,
    tasks: Rectification[],
    at: string,
    tallies: readonly TallyChange[],
  ): Promise<boolean> {
    try {
      await this.table.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.table.name,
                Key: keys.inspection(inspection.id),
                UpdateExpression: 'SET released = :true, releasedAt = :at',
                ConditionExpression: 'kind = :mystery AND released = :false',
                ExpressionAttributeValues: {
                  ':true': true,
                  ':false': false,
                  ':at': at,
                  ':mystery': 'mystery-visit',
                },
              },
            },
            ...tasks.map((task) => ({
              Put: {
                TableName: this.table.name,
                Item: rectificationItem(task),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            })),
            ...tallies.map((change) => this.tallyUpdate(change)),
          ],
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof TransactionCanceledException) return false;
      throw error;
    }
  }

  // -------------------------------------------------------------------------------------------
  // Rectification tasks

  async rectification(id: string): Promise<Rectification | undefined> {
    const { Item } = await this.table.doc.send(
      new GetCommand({ TableName: this.table.name, Key: keys.rectification(id) }),
    );
    return Item ? decode<Rectification>(Item) : undefined;
  }

  /** An outlet's tasks, by status then due date; `status` narrows to one. */
  async rectificationsOf(outletId: string, status?: Rectification['status']): Promise<Rectification[]> {
    const items = await queryAll(this.table, {
      IndexName: 'gsi1',
      KeyConditionExpression: status ? 'gsi1pk = :pk AND begins_with(gsi1sk, :status)' : 'gsi1pk = :pk',
      ExpressionAttributeValues: {
        ':pk': indexPartitions.outletRectifications(outletId),
        ...(status ? { ':status': `${status}#` } : {}),
      },
    });
    return items.map((i) => decode<Rectification>(i));
  }

  /**
   * Saves a task over `expectedVersion`, with what it adds to the tallies (an acceptance in time)
   * in the same transaction; false when someone changed it in between.
   */
  async saveRectification(
    task: Rectification,
    expectedVersion: number,
    tallies: readonly TallyChange[] = [],
  ): Promise<boolean> {
    const put = {
      TableName: this.table.name,
      Item: rectificationItem(task),
      ConditionExpression: 'version = :expected',
      ExpressionAttributeValues: { ':expected': expectedVersion },
    };
    try {
      if (tallies.length === 0) await this.table.doc.send(new PutCommand(put));
      else
        await this.table.doc.send(
          new TransactWriteCommand({
            TransactItems: [{ Put: put }, ...tallies.map((change) => this.tallyUpdate(change))],
          }),
        );
      return true;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      if (
        error instanceof TransactionCanceledException &&
        error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed'
      )
        return false;
      throw error;
    }
  }

  /**
   * Records the sweeper's alert of a task once: the task saved over `expectedVersion` (marked
   * reminded or escalated, its next alert time) and the alert item with its notification, which
   * the outbox delivers from the stream, in one transaction. The alert item's key is the task's and
   * the kind's, so of two sweeps that overlap only one writes it; false for the other.
   */
  async recordAlert(
    next: Rectification,
    expectedVersion: number,
    kind: 'remind' | 'escalate',
    notification: Notification,
    at: string,
  ): Promise<boolean> {
    try {
      await this.table.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.table.name,
                Item: rectificationItem(next),
                ConditionExpression: 'version = :expected',
                ExpressionAttributeValues: { ':expected': expectedVersion },
              },
            },
            {
              Put: {
                TableName: this.table.name,
                Item: {
                  ...keys.rectificationAlert(next.id, kind),
                  type: RECTIFICATION_ALERT_TYPE,
                  rectificationId: next.id,
                  kind,
                  at,
                  notifications: [notification],
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof TransactionCanceledException) return false;
      throw error;
    }
  }

  /** Tasks of one shard owing the sweeper an alert at or before `until`. */
  async rectificationsOwingAlerts(shard: number, until: string): Promise<Rectification[]> {
    const items = await queryAll(this.table, {
      IndexName: 'gsi4',
      KeyConditionExpression: 'gsi4pk = :pk AND gsi4sk <= :until',
      ExpressionAttributeValues: {
        ':pk': indexPartitions.rectificationAlerts(shard),
        ':until': `${until}#~`,
      },
    });
    return items.map((i) => decode<Rectification>(i));
  }

  // -------------------------------------------------------------------------------------------
  // Supervision tallies

  /** Adds a change to its tally, creating it at the first (one Update, no read). */
  private tallyUpdate(change: TallyChange) {
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const adds = Object.entries(change.counts).map(([name, n], i) => {
      names[`#c${i}`] = `${TALLY_PREFIX}${name}`;
      values[`:c${i}`] = n;
      return `#c${i} :c${i}`;
    });
    if (change.round) {
      adds.push('rounds :round');
      values[':round'] = new Set([change.round]);
    }
    const sets = ['#type = :type', '#scope = :scope', 'subjectId = :id', '#month = :month'];
    names['#type'] = 'type';
    names['#scope'] = 'scope';
    names['#month'] = 'month';
    Object.assign(values, {
      ':type': TALLY_TYPE,
      ':scope': change.scope,
      ':id': change.id,
      ':month': change.month,
    });
    if (change.scope === 'outlet' && change.regionId) {
      const index = indexKeys.supervisionMonth(change.month, change.regionId, change.id);
      sets.push('gsi1pk = :g1pk', 'gsi1sk = :g1sk', 'regionId = :region');
      Object.assign(values, { ':g1pk': index.gsi1pk, ':g1sk': index.gsi1sk, ':region': change.regionId });
    }
    return {
      Update: {
        TableName: this.table.name,
        Key: keys.supervisionTally(change.scope, change.id, change.month),
        UpdateExpression: `SET ${sets.join(', ')}${adds.length ? ` ADD ${adds.join(', ')}` : ''}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    };
  }

  // -------------------------------------------------------------------------------------------
  // The circular's publication (通报)

  /**
   * Publishes a month's circular: one conditional put of its record, which carries the notice to
   * outlet managers, so the stream's outbox delivers it once the record exists (never lost if the
   * notifier is down, never sent for a publication that was not stored). False if the month was
   * published already.
   */
  async publishCircular(publication: CircularPublication, notification: Notification): Promise<boolean> {
    try {
      await this.table.doc.send(
        new PutCommand({
          TableName: this.table.name,
          Item: {
            ...keys.circularPublication(publication.month),
            type: CIRCULAR_PUBLICATION_TYPE,
            ...publication,
            notifications: [notification],
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

  /** A month's publication, if it was published (one GetItem). */
  async circularPublication(month: string): Promise<CircularPublication | undefined> {
    const { Item } = await this.table.doc.send(
      new GetCommand({ TableName: this.table.name, Key: keys.circularPublication(month) }),
    );
    if (!Item) return undefined;
    const { month: m, publishedAt, publishedBy, publishedByUsername } = Item as CircularPublication;
    return { month: m, publishedAt, publishedBy, publishedByUsername };
  }

  /** Tallies of one scope and month, by id (one BatchGet per 100; missing ones are empty). */
  async tallies(
    scope: 'region' | 'bank',
    ids: readonly string[],
    month: string,
  ): Promise<Map<string, SupervisionTally>> {
    const found = await getAll(
      this.table,
      ids.map((id) => keys.supervisionTally(scope, id, month)),
    );
    return new Map(found.map((item) => [String(item.subjectId), tallyOf(item)]));
  }

  /** Every outlet's tally of a month, by region: what the circular ranks (one Query, paged by 1 MB). */
  async outletTallies(
    month: string,
  ): Promise<{ outletId: string; regionId: string; tally: SupervisionTally }[]> {
    const items = await queryAll(this.table, {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': indexPartitions.supervisionMonth(month) },
    });
    return items.map((item) => ({
      outletId: String(item.subjectId),
      regionId: String(item.regionId),
      tally: tallyOf(item),
    }));
  }

  /** One region's outlets' tallies of a month (one Query of the month's index, by the region's prefix). */
  async regionOutletTallies(
    month: string,
    regionId: string,
  ): Promise<{ outletId: string; regionId: string; tally: SupervisionTally }[]> {
    const items = await queryAll(this.table, {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :region)',
      ExpressionAttributeValues: {
        ':pk': indexPartitions.supervisionMonth(month),
        ':region': indexPartitions.supervisionMonthRegion(regionId),
      },
    });
    return items.map((item) => ({
      outletId: String(item.subjectId),
      regionId: String(item.regionId),
      tally: tallyOf(item),
    }));
  }

  /** One outlet's tally of each month asked for. */
  async outletTallyOf(outletId: string, months: readonly string[]): Promise<Map<string, SupervisionTally>> {
    const found = await getAll(
      this.table,
      months.map((m) => keys.supervisionTally('outlet', outletId, m)),
    );
    return new Map(found.map((item) => [String(item.month), tallyOf(item)]));
  }

  /** The month's red-line findings, in the order found (a sparse index: red lines only). */
  async redLineFindings(month: string): Promise<Rectification[]> {
    const items = await queryAll(this.table, {
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :pk',
      ExpressionAttributeValues: { ':pk': indexPartitions.redLineFindings(month) },
    });
    return items.map((i) => decode<Rectification>(i));
  }

  // -------------------------------------------------------------------------------------------
  // Mystery visits

  async planVisit(visit: MysteryVisit, tokenHash: string): Promise<void> {
    await this.table.doc.send(
      new PutCommand({
        TableName: this.table.name,
        Item: mysteryVisitItem(visit, tokenHash),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async visitByToken(tokenHash: string): Promise<MysteryVisit | undefined> {
    const { Item } = await this.table.doc.send(
      new GetCommand({ TableName: this.table.name, Key: keys.mysteryVisit(tokenHash) }),
    );
    return Item ? decode<MysteryVisit>(Item) : undefined;
  }

  /** Head office's plan: every visit of a half-year, by outlet. */
  async visitsOf(halfYear: string): Promise<MysteryVisit[]> {
    const items = await queryAll(this.table, {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': indexPartitions.mysteryPlan(halfYear) },
    });
    return items.map((i) => decode<MysteryVisit>(i));
  }

  /** The outlet's inspections of the month before `month` and of `month`, newest first, of a kind: the previous one's findings. */
  async latestBefore(
    outletId: string,
    month: string,
    previousMonth: string,
    before: string,
  ): Promise<Inspection | undefined> {
    for (const m of [month, previousMonth]) {
      const { Items } = await this.table.doc.send(
        new QueryCommand({
          TableName: this.table.name,
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :pk',
          ExpressionAttributeValues: { ':pk': indexPartitions.outletMonthInspections(outletId, m) },
        }),
      );
      const earlier = (Items ?? [])
        .map((i) => decode<Inspection>(i))
        .filter((i) => i.submittedAt < before && i.kind !== 'self-check')
        .sort((a, b) => b.submittedAt.localeCompare(a.submittedAt));
      if (earlier[0]) return earlier[0];
    }
    return undefined;
  }
}

/** Where a link's token is kept: only its hash, so the table never holds a working link. */
export const tokenHash = (token: string) =>
  createHash('sha256').update(`mystery:${token}`).digest('base64url');

const shardOf = (outletId: string) =>
  createHash('sha256').update(outletId).digest().readUInt8(0) % RECTIFICATION_ALERT_SHARDS;

export function inspectionItem(inspection: Inspection): Record<string, unknown> {
  return {
    ...keys.inspection(inspection.id),
    ...indexKeys.outletMonthInspections(
      inspection.outletId,
      inspection.date.slice(0, 7),
      inspection.kind,
      inspection.submittedAt,
      inspection.id,
    ),
    type: INSPECTION_TYPE,
    ...inspection,
  };
}

/** A task as an item: in its outlet's list by status, and in the sweeper's index while it owes an alert. */
export function rectificationItem(task: Rectification): Record<string, unknown> {
  return {
    ...keys.rectification(task.id),
    ...indexKeys.outletRectifications(task.outletId, task.status, task.dueAt, task.id),
    ...(task.alertAt ? indexKeys.rectificationAlerts(shardOf(task.outletId), task.alertAt, task.id) : {}),
    ...(task.redLine && task.month ? indexKeys.redLineFindings(task.month, task.foundAt, task.id) : {}),
    type: RECTIFICATION_TYPE,
    ...task,
  };
}

/** A planned visit, under the hash of its link, in head office's plan of the half-year. */
export function mysteryVisitItem(visit: MysteryVisit, tokenHash: string): Record<string, unknown> {
  return {
    ...keys.mysteryVisit(tokenHash),
    ...indexKeys.mysteryPlan(visit.halfYear, visit.outletId, visit.id),
    type: MYSTERY_VISIT_TYPE,
    ...visit,
  };
}

const TALLY_TYPE = 'supervision-tally';
/** Tally counts are attributes of their own, named apart from the item's other attributes. */
const TALLY_PREFIX = 't:';

/** A whole tally as an item, for writing in bulk (the demo history); live writes add to it instead. */
export function supervisionTallyItem(
  change: Omit<TallyChange, 'counts' | 'round'>,
  tally: SupervisionTally,
): Record<string, unknown> {
  return {
    ...keys.supervisionTally(change.scope, change.id, change.month),
    ...(change.scope === 'outlet' && change.regionId
      ? { ...indexKeys.supervisionMonth(change.month, change.regionId, change.id), regionId: change.regionId }
      : {}),
    type: TALLY_TYPE,
    scope: change.scope,
    subjectId: change.id,
    month: change.month,
    ...Object.fromEntries(Object.entries(tally.counts).map(([name, n]) => [`${TALLY_PREFIX}${name}`, n])),
    ...(tally.rounds.length ? { rounds: new Set(tally.rounds) } : {}),
  };
}

function tallyOf(item: Record<string, unknown>): SupervisionTally {
  const counts: Record<string, number> = {};
  for (const [name, value] of Object.entries(item))
    if (name.startsWith(TALLY_PREFIX) && typeof value === 'number')
      counts[name.slice(TALLY_PREFIX.length)] = value;
  const rounds = item.rounds instanceof Set ? [...(item.rounds as Set<string>)] : [];
  return { counts, rounds };
}

function decode<T>(item: Record<string, unknown>): T {
  const copy: Record<string, unknown> = { ...item };
  for (const key of [...KEY_ATTRIBUTES, 'type']) delete copy[key];
  return copy as T;
}
