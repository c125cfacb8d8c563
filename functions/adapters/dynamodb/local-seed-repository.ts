import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Table } from './client.js';
import { keys } from './keys.js';

/**
 * The local platform's record of which data layout it seeded (local only; no Lambda uses it).
 * A table seeded by an older checkout, whose items are keyed differently, is recognised rather
 * than silently misread.
 */
export class LocalSeedRepository {
  constructor(private readonly table: Table) {}

  /** The layout versions seeded into this table, oldest first. */
  async seededVersions(): Promise<string[]> {
    const { Items = [] } = await this.table.doc.send(
      new QueryCommand({
        TableName: this.table.name,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.localSeed('').pk },
      }),
    );
    return Items.map((i) => String(i.sk));
  }

  async markSeeded(version: string, at: Date): Promise<void> {
    await this.table.doc.send(
      new PutCommand({
        TableName: this.table.name,
        Item: { ...keys.localSeed(version), seededAt: at.toISOString() },
      }),
    );
  }
}
