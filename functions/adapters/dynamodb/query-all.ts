import { paginateQuery, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Table } from './client.js';

type Query = Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>;

/**
 * Every item a Query on one partition returns, across pages (the SDK's paginator). `T` is the
 * caller's word for what the items are: DynamoDB does not check it.
 */
export async function queryAll<T = Record<string, unknown>>(table: Table, query: Query): Promise<T[]> {
  const items: T[] = [];
  for await (const page of paginateQuery({ client: table.doc }, { TableName: table.name, ...query }))
    items.push(...((page.Items ?? []) as T[]));
  return items;
}

/** How many items a Query matches, across pages, without reading them (`Select: COUNT`). */
export async function countAll(table: Table, query: Query): Promise<number> {
  let count = 0;
  for await (const page of paginateQuery(
    { client: table.doc },
    { TableName: table.name, ...query, Select: 'COUNT' },
  ))
    count += page.Count ?? 0;
  return count;
}
