import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Checklist } from '../../domain/supervision/checklist.js';
import type { Table } from './client.js';
import { KEY_ATTRIBUTES, keys, partitions } from './keys.js';
import { queryAll } from './query-all.js';

export const CHECKLIST_TYPE = 'checklist';

/**
 * Checklists: every published version is an item that never changes (`V#00001`, …), so an
 * inspection scored on version 3 can always be read against version 3; a `CURRENT` item holds a
 * copy of the latest, so the capture page's checklist is one read. Publishing writes both in one
 * transaction, conditional on the version the editor started from (two admins publishing at once
 * cannot both win).
 */
export class ChecklistRepository {
  constructor(private readonly table: Table) {}

  async current(id: string): Promise<Checklist | undefined> {
    const { Item } = await this.table.doc.send(
      new GetCommand({ TableName: this.table.name, Key: keys.checklistCurrent(id) }),
    );
    return Item ? decode(Item) : undefined;
  }

  async version(id: string, version: number): Promise<Checklist | undefined> {
    const { Item } = await this.table.doc.send(
      new GetCommand({ TableName: this.table.name, Key: keys.checklistVersion(id, version) }),
    );
    return Item ? decode(Item) : undefined;
  }

  /** Every version of a checklist, oldest first (a few a year). */
  async versions(id: string): Promise<Checklist[]> {
    const items = await queryAll(this.table, {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :v)',
      ExpressionAttributeValues: { ':pk': `${partitions.table.checklist}${id}`, ':v': 'V#' },
    });
    return items.map(decode);
  }

  /** Publishes `checklist` as the next version after `expectedVersion` (0: the first); false if someone published since. */
  async publish(checklist: Checklist, expectedVersion: number): Promise<boolean> {
    const item = { type: CHECKLIST_TYPE, ...checklist };
    try {
      await this.table.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.table.name,
                Item: { ...keys.checklistVersion(checklist.id, checklist.version), ...item },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: this.table.name,
                Item: { ...keys.checklistCurrent(checklist.id), ...item },
                ...(expectedVersion === 0
                  ? { ConditionExpression: 'attribute_not_exists(pk)' }
                  : {
                      ConditionExpression: 'version = :expected',
                      ExpressionAttributeValues: { ':expected': expectedVersion },
                    }),
              },
            },
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

function decode(item: Record<string, unknown>): Checklist {
  const copy: Record<string, unknown> = { ...item };
  for (const key of [...KEY_ATTRIBUTES, 'type']) delete copy[key];
  return copy as unknown as Checklist;
}
