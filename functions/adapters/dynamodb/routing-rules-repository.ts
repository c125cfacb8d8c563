import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { defaultRoutingRules } from '../../domain/default-routing-rules.js';
import type { RoutingRules } from '../../domain/routing.js';
import type { Table } from './client.js';
import { keys } from './keys.js';

export interface StoredRoutingRules {
  rules: RoutingRules;
  version: number;
  updatedAt?: string;
  updatedBy?: string;
}

const KEY = keys.routingRules();

/** The routing rules: one versioned item; the defaults until an admin saves their own. */
export class RoutingRulesRepository {
  constructor(private readonly table: Table) {}

  async get(): Promise<StoredRoutingRules> {
    const { Item } = await this.table.doc.send(new GetCommand({ TableName: this.table.name, Key: KEY }));
    if (!Item) return { rules: defaultRoutingRules, version: 0 };
    return {
      rules: Item.rules as RoutingRules,
      version: Item.version as number,
      updatedAt: Item.updatedAt,
      updatedBy: Item.updatedBy,
    };
  }

  /** Saves over `expectedVersion` only (0: nothing saved yet); false when someone saved in between. */
  async save(
    rules: RoutingRules,
    expectedVersion: number,
    updatedBy: string,
    at: Date,
  ): Promise<StoredRoutingRules | undefined> {
    const stored = { rules, version: expectedVersion + 1, updatedAt: at.toISOString(), updatedBy };
    try {
      await this.table.doc.send(
        new PutCommand({
          TableName: this.table.name,
          Item: { ...KEY, type: 'config', ...stored },
          ConditionExpression: expectedVersion === 0 ? 'attribute_not_exists(pk)' : 'version = :v',
          ...(expectedVersion === 0 ? {} : { ExpressionAttributeValues: { ':v': expectedVersion } }),
        }),
      );
      return stored;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return undefined;
      throw error;
    }
  }
}
