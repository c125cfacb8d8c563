import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Notification } from '../../domain/notifier.js';
import type { Warning, WarningRule } from '../../domain/statistics/warnings.js';
import { getAll } from './batch-get.js';
import type { Table } from './client.js';
import { indexKeys, indexPartitions, KEY_ATTRIBUTES, keys, warningOrder } from './keys.js';
import { type KeyRange, type Page, queryPage } from './paged-query.js';
import { queryAll } from './query-all.js';

export interface Acknowledgement {
  by: string;
  byName: string;
  at: string;
  note?: string | undefined;
}

export type StoredWarning = Warning & { raisedAt: string; acknowledged?: Acknowledgement | undefined };

/** What the stream looks for on a new warning item: its alert, delivered once by the outbox. */
export const WARNING_TYPE = 'warning';
const SUMMARY_TYPE = 'warning-summary';

/** A period's warnings of one rule and region, counted as they were raised and acknowledged. */
export interface WarningCount {
  rule: WarningRule;
  /** Undefined for departments' warnings. */
  regionId?: string | undefined;
  raised: number;
  acknowledged: number;
}

export interface WarningFilter {
  rule?: WarningRule | undefined;
  regionId?: string | undefined;
  /** Only the departments' warnings (they have no region). */
  departments?: boolean | undefined;
  status: 'open' | 'acknowledged' | 'all';
}

export type AcknowledgeOutcome =
  | { result: 'acknowledged'; warnings: StoredWarning[] }
  | { result: 'conflict'; missing: string[]; already: StoredWarning[] }
  /** Another transaction held one of them at that moment: read them again and retry. */
  | { result: 'busy' };

/**
 * Warnings: `WARNING#<id>`, the id deterministic, so a period's warning is stored once however
 * often the close runs (a conditional write), and its alert, carried on the item, is published
 * once by the outbox. gsi1 `WARNINGS#<period>` lists a period's warnings in `warningOrder` (open
 * first, by rule, region and subject), so every filter the dashboard offers is a few key ranges
 * read a page at a time. Beside them, `WARNSUM#<period>` / `<rule>#<region>` counts them: raising
 * and acknowledging change the count in the same transaction, so the panel's summary is one Query
 * of a few hundred small items at most (rules × regions), never a listing of the warnings.
 */
export class WarningRepository {
  constructor(private readonly table: Table) {}

  /** Stores the warning unless it exists, counting it; true when this call raised it. */
  async raise(warning: Warning, notifications: Notification[], at: Date): Promise<boolean> {
    try {
      await this.table.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.table.name,
                Item: {
                  ...keys.warning(warning.id),
                  ...indexKeys.warnings(warning.period, warningOrder.of(warning, false)),
                  type: WARNING_TYPE,
                  ...warning,
                  raisedAt: at.toISOString(),
                  notifications,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            { Update: this.count(warning.period, warning.rule, warning.regionId, 'raised', 1) },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (cancelledBy(error)?.[0]?.Code === 'ConditionalCheckFailed') return false;
      throw error;
    }
  }

  async get(id: string): Promise<StoredWarning | undefined> {
    const { Item } = await this.table.doc.send(
      new GetCommand({ TableName: this.table.name, Key: keys.warning(id) }),
    );
    return Item ? decode(Item) : undefined;
  }

  /** The warnings of these ids that exist (BatchGets, 100 ids each). */
  async getMany(ids: readonly string[]): Promise<StoredWarning[]> {
    return (await getAll(this.table, ids.map(keys.warning))).map(decode);
  }

  /** Every warning of a period (the jobs; the API lists pages). */
  async ofPeriod(period: string): Promise<StoredWarning[]> {
    const items = await queryAll(this.table, {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': indexPartitions.warnings(period) },
    });
    return items.map(decode);
  }

  /**
   * One page of a period's warnings: open ones first, then by rule, region and subject. A rule
   * and a region (or the departments) narrow each status to one range; without a rule, one per rule.
   */
  async page(
    period: string,
    filter: WarningFilter,
    rules: readonly WarningRule[],
    page: { limit: number; cursor?: string | undefined },
  ): Promise<Page<StoredWarning>> {
    const statuses = filter.status === 'all' ? [false, true] : [filter.status === 'acknowledged'];
    const narrowed = filter.regionId !== undefined || filter.departments;
    const ruleRuns = filter.rule ? [filter.rule] : narrowed ? rules : [undefined];
    const ranges: KeyRange[] = statuses.flatMap((acknowledged) =>
      ruleRuns.map((rule) => ({
        index: 'gsi1' as const,
        partition: indexPartitions.warnings(period),
        prefix: warningOrder.prefix(acknowledged, rule, filter.regionId, filter.departments),
      })),
    );
    const found = await queryPage(this.table, { ranges, limit: page.limit, cursor: page.cursor });
    return { ...found, items: found.items.map(decode) };
  }

  /** The period's warnings counted by rule and region: one Query of the summary's partition. */
  async counts(period: string): Promise<WarningCount[]> {
    const { Items = [] } = await this.table.doc.send(
      new QueryCommand({
        TableName: this.table.name,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': indexPartitions.warningSummary(period) },
      }),
    );
    return Items.map((item) => ({
      ...(warningOrder.summaryOf(String(item.sk)) as { rule: WarningRule; regionId?: string }),
      raised: Number(item.raised ?? 0),
      acknowledged: Number(item.acknowledged ?? 0),
    }));
  }

  /**
   * Records who acknowledged each of `warnings` (as read just before), all or none, in one
   * transaction with their counts: each only if it exists and was not acknowledged meanwhile.
   * At most 50 warnings (with their counts, within a transaction's 100 actions).
   */
  async acknowledgeAll(
    warnings: readonly StoredWarning[],
    acknowledgement: Acknowledgement,
  ): Promise<AcknowledgeOutcome> {
    const byCount = new Map<string, { warning: StoredWarning; n: number }>();
    for (const w of warnings) {
      const group = `${w.rule}#${w.regionId ?? ''}`;
      byCount.set(group, { warning: w, n: (byCount.get(group)?.n ?? 0) + 1 });
    }
    try {
      await this.table.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            ...warnings.map((w) => ({
              Update: {
                TableName: this.table.name,
                Key: keys.warning(w.id),
                UpdateExpression: 'SET acknowledged = :ack, gsi1sk = :order',
                ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(acknowledged)',
                ExpressionAttributeValues: { ':ack': acknowledgement, ':order': warningOrder.of(w, true) },
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
              },
            })),
            ...[...byCount.values()].map(({ warning, n }) => ({
              Update: this.count(warning.period, warning.rule, warning.regionId, 'acknowledged', n),
            })),
          ],
        }),
      );
      return {
        result: 'acknowledged',
        warnings: warnings.map((w) => ({ ...w, acknowledged: acknowledgement })),
      };
    } catch (error) {
      const reasons = cancelledBy(error);
      if (!reasons) throw error;
      if (reasons.some((r) => r.Code === 'TransactionConflict')) return { result: 'busy' };
      const missing: string[] = [];
      const already: StoredWarning[] = [];
      warnings.forEach((w, i) => {
        const reason = reasons[i];
        if (reason?.Code !== 'ConditionalCheckFailed') return;
        if (reason.Item) already.push(decode(unmarshall(reason.Item)));
        else missing.push(w.id);
      });
      if (missing.length === 0 && already.length === 0) throw error;
      return { result: 'conflict', missing, already };
    }
  }

  private count(
    period: string,
    rule: WarningRule,
    regionId: string | undefined,
    what: 'raised' | 'acknowledged',
    n: number,
  ) {
    return {
      TableName: this.table.name,
      Key: keys.warningSummary(period, rule, regionId),
      UpdateExpression: 'SET #type = :type ADD #what :n',
      ExpressionAttributeNames: { '#type': 'type', '#what': what },
      ExpressionAttributeValues: { ':type': SUMMARY_TYPE, ':n': n },
    };
  }
}

/** Why a transaction was cancelled, one reason per action; undefined for any other error. */
function cancelledBy(error: unknown) {
  if (error instanceof TransactionCanceledException) return error.CancellationReasons ?? [];
  if ((error as Error | undefined)?.name === 'TransactionCanceledException')
    return (error as TransactionCanceledException).CancellationReasons ?? [];
  return undefined;
}

function decode(item: Record<string, unknown>): StoredWarning {
  const copy = { ...item };
  for (const key of [...KEY_ATTRIBUTES, 'type', 'notifications']) delete copy[key];
  return copy as unknown as StoredWarning;
}
