import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { invalid } from '../../domain/errors.js';
import type { Table } from './client.js';
import { projectionOf } from './projection.js';
import type { IndexName } from './table-design.js';

/**
 * One page of a list that is a run of key ranges read in order (each a Query of one index
 * partition), e.g. open warnings of every rule then the acknowledged ones, or the rated outlets
 * worst first then those without a rating. A page reads at most `limit` items, so its requests
 * and bytes are bounded by the page, never by the partition; the cursor says where the next page
 * starts (which range, after which key) and how many came before (for rank numbers).
 */
export interface KeyRange {
  index: IndexName;
  partition: string;
  /** Only sort keys that begin with this. */
  prefix?: string | undefined;
  descending?: boolean | undefined;
}

export interface PageQuery {
  ranges: readonly KeyRange[];
  limit: number;
  /** From the previous page's `next`; absent for the first page. */
  cursor?: string | undefined;
  /** Attributes to return (every key attribute comes back with the page's last key anyway). */
  projection?: readonly string[] | undefined;
}

export interface Page<T> {
  items: T[];
  /** How many items came before this page. */
  offset: number;
  /** The cursor of the next page, or undefined when this one is the last. */
  next?: string | undefined;
}

/** A cursor's size on the wire: a key of a few attributes, the range and the offset. */
const MAX_CURSOR_LENGTH = 1_000;
const MAX_OFFSET = 10_000_000;

interface Position {
  range: number;
  offset: number;
  after?: Record<string, string> | undefined;
}

export async function queryPage<T = Record<string, unknown>>(
  table: Table,
  query: PageQuery,
): Promise<Page<T>> {
  const start = decodeCursor(query.cursor, query.ranges);
  const items: T[] = [];
  let range = start.range;
  let after = start.after;
  while (range < query.ranges.length && items.length < query.limit) {
    const r = query.ranges[range] as KeyRange;
    const { Items = [], LastEvaluatedKey } = await table.doc.send(
      new QueryCommand({
        TableName: table.name,
        IndexName: r.index,
        ...keyCondition(r),
        ScanIndexForward: !r.descending,
        Limit: query.limit - items.length,
        ...(after ? { ExclusiveStartKey: after } : {}),
        ...projectionOf(query.projection),
      }),
    );
    items.push(...(Items as T[]));
    if (LastEvaluatedKey) {
      after = LastEvaluatedKey as Record<string, string>;
      if (items.length >= query.limit)
        return {
          items,
          offset: start.offset,
          next: encodeCursor({ range, offset: start.offset + items.length, after }),
        };
      continue; // a page cut short by the 1 MB limit: the same range goes on
    }
    range++;
    after = undefined;
  }
  const more = range < query.ranges.length;
  return {
    items,
    offset: start.offset,
    ...(more ? { next: encodeCursor({ range, offset: start.offset + items.length }) } : {}),
  };
}

function keyCondition(r: KeyRange) {
  const pk = `${r.index}pk`;
  const sk = `${r.index}sk`;
  const values: Record<string, string> = { ':pk': r.partition };
  if (!r.prefix) return { KeyConditionExpression: `${pk} = :pk`, ExpressionAttributeValues: values };
  values[':prefix'] = r.prefix;
  return {
    KeyConditionExpression: `${pk} = :pk AND begins_with(${sk}, :prefix)`,
    ExpressionAttributeValues: values,
  };
}

function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify({ r: position.range, o: position.offset, k: position.after })).toString(
    'base64url',
  );
}

/**
 * A cursor back to a position, refused (400, `field.cursor`) unless it could only have come from
 * a page of these very ranges: its key must lie in the range it names. DynamoDB itself would
 * refuse a start key from another partition, as a 500; a forged one inside the range only moves
 * where the caller's own list starts.
 */
function decodeCursor(cursor: string | undefined, ranges: readonly KeyRange[]): Position {
  if (!cursor) return { range: 0, offset: 0 };
  const refuse = () => invalid({ cursor: 'field.cursor' });
  if (cursor.length > MAX_CURSOR_LENGTH) throw refuse();
  let parsed: { r?: unknown; o?: unknown; k?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as typeof parsed;
  } catch {
    throw refuse();
  }
  const { r, o, k } = parsed ?? {};
  if (typeof r !== 'number' || !Number.isInteger(r) || r < 0 || r > ranges.length) throw refuse();
  if (typeof o !== 'number' || !Number.isInteger(o) || o < 0 || o > MAX_OFFSET) throw refuse();
  if (k === undefined) return { range: r, offset: o };
  const range = ranges[r];
  if (!range || typeof k !== 'object' || k === null) throw refuse();
  const key = k as Record<string, unknown>;
  const expected = ['pk', 'sk', `${range.index}pk`, `${range.index}sk`].sort();
  if (JSON.stringify(Object.keys(key).sort()) !== JSON.stringify(expected)) throw refuse();
  if (!Object.values(key).every((v) => typeof v === 'string' && v.length <= 400)) throw refuse();
  const sortKey = key[`${range.index}sk`] as string;
  if (key[`${range.index}pk`] !== range.partition) throw refuse();
  if (range.prefix !== undefined && !sortKey.startsWith(range.prefix)) throw refuse();
  return { range: r, offset: o, after: key as Record<string, string> };
}
