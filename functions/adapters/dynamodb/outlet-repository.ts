import { BatchGetCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Outlet, Region } from '../../domain/outlet.js';
import type { Table } from './client.js';
import { indexKeys, indexPartitions, keys } from './keys.js';
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

/** DynamoDB's limit: at most 100 keys in one BatchGetItem. */
const KEYS_PER_BATCH_GET = 100;
const BATCH_GET_TRIES = 8;

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

  /**
   * The outlets of `ids` that exist, 100 to a request (eventually consistent: half a read unit
   * each), for a job that needs a few outlets of a large bank rather than the whole list.
   */
  async getMany(ids: readonly string[]): Promise<Outlet[]> {
    const found: Outlet[] = [];
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += KEYS_PER_BATCH_GET) {
      let pending: Record<string, unknown>[] = unique
        .slice(i, i + KEYS_PER_BATCH_GET)
        .map((id) => ({ ...keys.outlet(id) }));
      for (let attempt = 1; pending.length > 0; attempt++) {
        if (attempt > BATCH_GET_TRIES)
          throw new Error(`${pending.length} outlets were still unread after ${BATCH_GET_TRIES} tries`);
        // DynamoDB may leave part of a batch unread when busy: that part again, after a pause.
        if (attempt > 1) await new Promise((resume) => setTimeout(resume, 50 * 2 ** (attempt - 2)));
        const { Responses, UnprocessedKeys } = await this.table.doc.send(
          new BatchGetCommand({ RequestItems: { [this.table.name]: { Keys: pending } } }),
        );
        found.push(...(Responses?.[this.table.name] ?? []).map(toOutlet));
        pending = UnprocessedKeys?.[this.table.name]?.Keys ?? [];
      }
    }
    return found;
  }

  /** All outlets, or one region's, ordered by region then id. */
  async list(regionId?: string): Promise<Outlet[]> {
    const items = await queryAll(this.table, {
      IndexName: 'gsi1',
      KeyConditionExpression: regionId ? 'gsi1pk = :p AND begins_with(gsi1sk, :r)' : 'gsi1pk = :p',
      ExpressionAttributeValues: {
        ':p': indexPartitions.outletList(),
        ...(regionId ? { ':r': `${regionId}#` } : {}),
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

  async listRegions(): Promise<Region[]> {
    const items = await queryAll(this.table, {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': indexPartitions.regionList() },
    });
    return items.map((i) => ({ id: i.id as string, name: i.name as Region['name'] }));
  }
}

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
