import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Granularity } from '../../domain/statistics/periods.js';
import type { Rollup, Scope } from '../../domain/statistics/rollup.js';
import { writeAll } from './batch-writer.js';
import type { Table } from './client.js';
import { indexKeys, indexPartitions, KEY_ATTRIBUTES, keys } from './keys.js';
import { queryAll } from './query-all.js';

/**
 * Rollups: one item per scope, id, granularity and period (`ROLLUP#<scope>#<id>` /
 * `<granularity>#<period>`), so a scope's periods over any range are one Query, and a rerun
 * overwrites the same item: recomputable, never counted twice. Outlets' and regions' rollups also
 * appear in gsi1 (`RANK#<scope>#<granularity>#<period>` / `<region>#<id>` for an outlet, `<id>`
 * for a region): every outlet (or region) of one period is one Query. Weeks and months are
 * ranked and warned on; days are summed: a region's day is one Query of its outlets' days, the
 * bank's one Query of the regions' days, whatever the size of the bank.
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
   * Every outlet's (or region's) rollup of one period, optionally one region's outlets only, in
   * the index's order: by region, then id.
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

const rankOrder = (r: Rollup) => (r.scope === 'outlet' ? `${r.regionId ?? ''}#${r.id}` : r.id);

/** A rollup as an item: its own key, and its gsi1 entry when it is an outlet's or a region's. */
export function rollupItem(rollup: Rollup): Record<string, unknown> {
  const ranked =
    rollup.scope === 'outlet' || rollup.scope === 'region'
      ? indexKeys.ranking(rollup.scope, rollup.granularity, rollup.period, rankOrder(rollup))
      : {};
  return {
    ...keys.rollup(rollup.scope, rollup.id, rollup.granularity, rollup.period),
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
