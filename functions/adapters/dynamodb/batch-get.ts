import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import type { Table } from './client.js';
import type { TableKey } from './keys.js';
import { projectionOf } from './projection.js';

/** DynamoDB's limit: at most 100 keys in one BatchGetItem. */
const BATCH_SIZE = 100;
const MAX_ATTEMPTS = 5;

/**
 * The items of many keys (duplicates asked once), 100 to a BatchGetItem: the outlets named on a
 * page, the rollups of a heat map. Keys DynamoDB leaves unprocessed when busy are asked again
 * after a short, growing pause. Items that do not exist are simply absent. Eventually consistent,
 * like every statistics read.
 */
export async function getAll(
  table: Table,
  keys: readonly TableKey[],
  paths?: readonly string[],
): Promise<Record<string, unknown>[]> {
  const unique = [...new Map(keys.map((k) => [`${k.pk}\u0000${k.sk}`, k])).values()];
  const found: Record<string, unknown>[] = [];
  // The keys come back too: they say which item is which.
  const projection = paths?.length ? projectionOf(['pk', 'sk', ...paths]) : {};
  for (let i = 0; i < unique.length; i += BATCH_SIZE) {
    let pending: Record<string, unknown>[] = unique
      .slice(i, i + BATCH_SIZE)
      .map((k) => ({ pk: k.pk, sk: k.sk }));
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > MAX_ATTEMPTS)
        throw new Error(`${pending.length} keys were still unprocessed after ${MAX_ATTEMPTS} tries`);
      if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt));
      const { Responses, UnprocessedKeys } = await table.doc.send(
        new BatchGetCommand({
          RequestItems: {
            [table.name]: {
              Keys: pending,
              ...projection,
            },
          },
        }),
      );
      found.push(...(Responses?.[table.name] ?? []));
      pending = UnprocessedKeys?.[table.name]?.Keys ?? [];
    }
  }
  return found;
}
