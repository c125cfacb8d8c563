import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Outlet, Region } from '../../domain/outlet.js';
import { getAll } from './batch-get.js';
import type { Table } from './client.js';
import { indexKeys, indexPartitions, keys, outletListOrder } from './keys.js';
import { type Page, queryPage } from './paged-query.js';
import { queryAll } from './query-all.js';

/** An outlet as an item: keyed by its id, listed in gsi1 by region. */
export function outletItem(outlet: Outlet): Record<string, unknown> {
  return {
    ...keys.outlet(outlet.id),
    type: 'outlet',
    ...indexKeys.outletList(outlet.regionId, outlet.id),
    ...outlet,
  };
}

/** A region as an item, listed in gsi1. */
export function regionItem(region: Region): Record<string, unknown> {
  return { ...keys.region(region.id), type: 'region', ...indexKeys.regionList(region.id), ...region };
}

/**
 * Outlets: `OUTLET#<id>` / `OUTLET`, listed through gsi1 (`OUTLETS` / `<region>#<id>`) so one
 * Query pages through the whole network, or one region of it, in order. Regions: `REGION#<id>`.
 */
export class OutletRepository {
  constructor(private readonly table: Table) {}

  async get(id: string): Promise<Outlet | undefined> {
    const { Item } = await this.table.doc.send(
      new GetCommand({ TableName: this.table.name, Key: keys.outlet(id) }),
    );
    return Item ? toOutlet(Item) : undefined;
  }

  /** The outlets of these ids that exist: BatchGets of 100, never the whole directory. */
  async getMany(ids: readonly string[]): Promise<Outlet[]> {
    return (await getAll(this.table, ids.map(keys.outlet))).map(toOutlet);
  }

  /** One page of a region's outlets, by id (one Query of the directory's run for the region). */
  async pageOfRegion(regionId: string, limit: number, cursor?: string): Promise<Page<Outlet>> {
    const page = await queryPage(this.table, {
      ranges: [
        {
          index: 'gsi1',
          partition: indexPartitions.outletList(),
          prefix: outletListOrder.inRegion(regionId),
        },
      ],
      limit,
      cursor,
    });
    return { ...page, items: page.items.map(toOutlet) };
  }

  /** Writes an outlet; `mode: 'create'` refuses to overwrite one that exists (returns false). */
  async put(outlet: Outlet, mode: 'create' | 'replace'): Promise<boolean> {
    try {
      await this.table.doc.send(
        new PutCommand({
          TableName: this.table.name,
          Item: outletItem(outlet),
          ...(mode === 'create'
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : { ConditionExpression: 'attribute_exists(pk)' }),
        }),
      );
      return true;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  /** All outlets, or one region's, ordered by region then id. */
  async list(regionId?: string): Promise<Outlet[]> {
    const items = await queryAll(this.table, {
      IndexName: 'gsi1',
      KeyConditionExpression: regionId ? 'gsi1pk = :p AND begins_with(gsi1sk, :r)' : 'gsi1pk = :p',
      ExpressionAttributeValues: {
        ':p': indexPartitions.outletList(),
        ...(regionId ? { ':r': outletListOrder.inRegion(regionId) } : {}),
      },
    });
    return items.map(toOutlet);
  }

  async putRegion(region: Region): Promise<void> {
    await this.table.doc.send(
      new PutCommand({
        TableName: this.table.name,
        Item: regionItem(region),
      }),
    );
  }

  /** One page of the regions, by id. */
  async pageOfRegions(limit: number, cursor?: string): Promise<Page<Region>> {
    const page = await queryPage(this.table, {
      ranges: [{ index: 'gsi1', partition: indexPartitions.regionList() }],
      limit,
      cursor,
    });
    return { ...page, items: page.items.map(toRegion) };
  }

  async listRegions(): Promise<Region[]> {
    const items = await queryAll(this.table, {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': indexPartitions.regionList() },
    });
    return items.map(toRegion);
  }
}

const toRegion = (item: Record<string, unknown>): Region => ({
  id: item.id as string,
  name: item.name as Region['name'],
});

function toOutlet(item: Record<string, unknown>): Outlet {
  return {
    id: item.id as string,
    name: item.name as Outlet['name'],
    regionId: item.regionId as string,
    address: (item.address as string | undefined) ?? '',
    openingHours: (item.openingHours as string | undefined) ?? '',
    active: item.active !== false,
    createdAt: item.createdAt as string,
    updatedAt: item.updatedAt as string,
  };
}
