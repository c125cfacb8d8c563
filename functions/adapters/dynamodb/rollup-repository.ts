import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Granularity } from '../../domain/statistics/periods.js';
import { RANKED_ATTRIBUTES, type RankedRollup, type RankingOrder } from '../../domain/statistics/ranking.js';
import type { Rollup, Scope } from '../../domain/statistics/rollup.js';
import { getAll } from './batch-get.js';
import { writeAll } from './batch-writer.js';
import type { Table } from './client.js';
import { indexKeys, indexPartitions, KEY_ATTRIBUTES, keys, rankingOrder } from './keys.js';
import { type KeyRange, type Page, queryPage } from './paged-query.js';
import { queryAll } from './query-all.js';

/**
 * Rollups: one item per scope, id, granularity and period (`ROLLUP#<scope>#<id>` /
 * `<granularity>#<period>`), so a scope's periods over any range are one Query, and a rerun
 * overwrites the same item: recomputable, never counted twice. Outlets' and regions' weeks and
 * months also appear in gsi1 in ranking order (`RANK#<scope>#<granularity>#<period>` /
 * `<region>#<order>` for an outlet, `<order>` for a region; `rankingOrder` in keys.ts), and
 * outlets' in gsi3 across regions (`BEST#outlet#<granularity>#<period>` / `<order>`): a page of
 * any ranking, from either end, is one Query of its first items, whatever the number of outlets.
 * Their days appear in gsi1 in id order (`<region>#<id>` for an outlet, `<id>` for a region), to
 * be summed: a region's day is one Query of its outlets' days, the bank's one Query of the
 * regions' days, whatever the size of the bank.
 */
export class RollupRepository {
  constructor(private readonly table: Table) {}

  async put(rollup: Rollup): Promise<void> {
    await this.table.doc.send(new PutCommand({ TableName: this.table.name, Item: rollupItem(rollup) }));
  }

  /** Writes many rollups, 25 to a request (each overwrites its own item). */
  async putMany(rollups: readonly Rollup[]): Promise<void> {
    await writeAll(this.table, rollups.map(rollupItem), { concurrency: 4 });
  }

  async get(scope: Scope, id: string, granularity: Granularity, period: string): Promise<Rollup | undefined> {
    const { Item } = await this.table.doc.send(
      new GetCommand({ TableName: this.table.name, Key: keys.rollup(scope, id, granularity, period) }),
    );
    return Item ? decode(Item) : undefined;
  }

  /**
   * One scope's rollups of `granularity` from period `from` to `to` inclusive, oldest first: one
   * Query. `consistent` reads what was written just before (twice the read units).
   */
  async range(
    scope: Scope,
    id: string,
    granularity: Granularity,
    from: string,
    to: string,
    options: { consistent?: boolean } = {},
  ): Promise<Rollup[]> {
    const first = keys.rollup(scope, id, granularity, from);
    const items = await queryAll(this.table, {
      ...(options.consistent ? { ConsistentRead: true } : {}),
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': first.pk,
        ':from': first.sk,
        ':to': keys.rollup(scope, id, granularity, to).sk,
      },
    });
    return items.map(decode);
  }

  /**
   * One page of a period's ranking, best or worst first (the worst: those rated, worst first,
   * then those without a rating): every region, every outlet of the bank, or one region's outlets.
   * Only the counts a list shows are read back.
   */
  async ranked(
    scope: 'outlet' | 'region',
    granularity: Granularity,
    period: string,
    options: {
      regionId?: string | undefined;
      order: RankingOrder;
      limit: number;
      cursor?: string | undefined;
    },
  ): Promise<Page<RankedRollup>> {
    const ranking = indexPartitions.ranking(scope, granularity, period);
    const run = (prefix: string): Pick<KeyRange, 'index' | 'partition' | 'prefix'> =>
      scope === 'outlet' && options.regionId
        ? { index: 'gsi1', partition: ranking, prefix: rankingOrder.inRegion(options.regionId, prefix) }
        : scope === 'outlet'
          ? { index: 'gsi3', partition: indexPartitions.bestOutlets(granularity, period), prefix }
          : { index: 'gsi1', partition: ranking, prefix };
    const ranges: KeyRange[] =
      options.order === 'best'
        ? [run('')]
        : [{ ...run(rankingOrder.rated), descending: true }, run(rankingOrder.unrated)];
    return queryPage<RankedRollup>(this.table, {
      ranges,
      limit: options.limit,
      cursor: options.cursor,
      projection: RANKED_ATTRIBUTES,
    });
  }

  /** The counts of many subjects' rollups (a heat map's cells, a page's previous period): BatchGets. */
  async countsOf(
    wanted: readonly { scope: Scope; id: string; granularity: Granularity; period: string }[],
  ): Promise<RankedRollup[]> {
    const items = await getAll(
      this.table,
      wanted.map((w) => keys.rollup(w.scope, w.id, w.granularity, w.period)),
      RANKED_ATTRIBUTES,
    );
    return items.map((item) => decode(item) as unknown as RankedRollup);
  }

  /** The first period of `granularity` a subject has a rollup of (the start of its figures): one Query of one item. */
  async earliest(scope: Scope, id: string, granularity: Granularity): Promise<string | undefined> {
    const key = keys.rollup(scope, id, granularity, '');
    const { Items } = await this.table.doc.send(
      new QueryCommand({
        TableName: this.table.name,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :granularity)',
        ExpressionAttributeValues: { ':pk': key.pk, ':granularity': key.sk },
        ProjectionExpression: 'period',
        Limit: 1,
      }),
    );
    return Items?.[0]?.period as string | undefined;
  }

  /** How many outlet rollups went into a region's or the bank's rollup of one period (a ranking's length). */
  async outletsIn(scope: 'region' | 'bank', id: string, granularity: Granularity, period: string) {
    const { Item } = await this.table.doc.send(
      new GetCommand({
        TableName: this.table.name,
        Key: keys.rollup(scope, id, granularity, period),
        ProjectionExpression: 'outlets',
      }),
    );
    return typeof Item?.outlets === 'number' ? Item.outlets : 0;
  }

  /**
   * Every outlet's (or region's) rollup of one period, optionally one region's outlets only, in
   * the index's order: by region, then id for days, ranking order for weeks and months.
   */
  async allOf(
    scope: 'outlet' | 'region',
    granularity: Granularity,
    period: string,
    regionId?: string,
  ): Promise<Rollup[]> {
    const items = await queryAll(this.table, {
      IndexName: 'gsi1',
      KeyConditionExpression: regionId ? 'gsi1pk = :pk AND begins_with(gsi1sk, :region)' : 'gsi1pk = :pk',
      ExpressionAttributeValues: {
        ':pk': indexPartitions.ranking(scope, granularity, period),
        ...(regionId ? { ':region': `${regionId}#` } : {}),
      },
    });
    return items.map(decode);
  }
}

/**
 * A rollup as stored, with its index entries. A region's week or month is in its ranking
 * partition, an outlet's in its region's run of the outlets' partition and in the bank-wide one,
 * in ranking order. Days are not ranked but summed: an outlet's or a region's day is in gsi1 in
 * id order (an outlet's within its region), what a region's and the bank's day are read from.
 */
export function rollupItem(rollup: Rollup): Record<string, unknown> {
  const order = rankingOrder.of(rollup.ratings, rollup.id);
  const { scope, granularity, period } = rollup;
  const inRegion = (part: string) => rankingOrder.inRegion(rollup.regionId ?? '', part);
  const ranked =
    scope === 'region'
      ? indexKeys.ranking(scope, granularity, period, granularity === 'day' ? rollup.id : order)
      : scope === 'outlet'
        ? granularity === 'day'
          ? indexKeys.ranking(scope, granularity, period, inRegion(rollup.id))
          : {
              ...indexKeys.ranking(scope, granularity, period, inRegion(order)),
              ...indexKeys.bestOutlets(granularity, period, order),
            }
        : {};
  return {
    ...keys.rollup(scope, rollup.id, granularity, period),
    ...ranked,
    type: 'rollup',
    ...rollup,
  };
}

function decode(item: Record<string, unknown>): Rollup {
  const copy = { ...item };
  for (const key of [...KEY_ATTRIBUTES, 'type']) delete copy[key];
  return copy as unknown as Rollup;
}
