import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { Refusal } from '../../domain/errors.js';
import { isUnreachable, type Table } from './client.js';
import type { TableKey } from './keys.js';

/** DynamoDB's limit: at most 25 puts or deletes in one BatchWriteItem. */
const BATCH_SIZE = 25;

export interface WriteAllOptions {
  /** Batches in flight at once. */
  concurrency?: number;
  /** Tries of one batch (the unprocessed part of it) before giving up. */
  maxAttempts?: number;
  /** Called after each batch is fully written, with the items written so far. */
  progress?: (written: number, total: number) => void;
}

/**
 * Writes many items as plain puts (each overwrites an item with the same key), 25 per
 * BatchWriteItem with several batches in flight: bulk loads such as the local demo history.
 * DynamoDB may leave part of a batch unprocessed when busy; that part is sent again after a
 * growing, jittered pause, and so is a whole batch the database did not answer. No conditions
 * and no transactions: only for items nobody else writes at the same time.
 */
export async function writeAll(
  table: Table,
  items: readonly Record<string, unknown>[],
  options: WriteAllOptions = {},
): Promise<number> {
  return sendAll(
    table,
    items.map((Item) => ({ PutRequest: { Item } })),
    options,
  );
}

/** Deletes many items by key, 25 per BatchWriteItem, like `writeAll` (deleting a missing item is no error). */
export async function deleteAll(
  table: Table,
  keys: readonly TableKey[],
  options: WriteAllOptions = {},
): Promise<number> {
  return sendAll(
    table,
    keys.map((Key) => ({ DeleteRequest: { Key: { ...Key } } })),
    options,
  );
}

type WriteRequest =
  | { PutRequest: { Item: Record<string, unknown> } }
  | { DeleteRequest: { Key: Record<string, unknown> } };

async function sendAll(
  table: Table,
  requests: readonly WriteRequest[],
  options: WriteAllOptions,
): Promise<number> {
  const concurrency = Math.max(1, options.concurrency ?? 6);
  const maxAttempts = options.maxAttempts ?? 8;
  const batches: WriteRequest[][] = [];
  for (let i = 0; i < requests.length; i += BATCH_SIZE) batches.push(requests.slice(i, i + BATCH_SIZE));
  let next = 0;
  let written = 0;

  const writeBatch = async (batch: WriteRequest[]) => {
    let pending = batch;
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > maxAttempts)
        throw new Error(`${pending.length} items were still unprocessed after ${maxAttempts} tries`);
      if (attempt > 1) await sleep(backoffMs(attempt));
      try {
        const { UnprocessedItems } = await table.doc.send(
          new BatchWriteCommand({ RequestItems: { [table.name]: pending } }),
        );
        pending = (UnprocessedItems?.[table.name] ?? []).filter(
          (r): r is WriteRequest => r.PutRequest?.Item !== undefined || r.DeleteRequest?.Key !== undefined,
        );
      } catch (error) {
        // Busy or unreachable (the client maps those to a 503 refusal): the same puts again are harmless.
        if (!isRetryable(error) || attempt >= maxAttempts) throw error;
      }
    }
    written += batch.length;
    options.progress?.(written, requests.length);
  };

  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++] as WriteRequest[];
      await writeBatch(batch);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, batches.length) }, worker));
  return written;
}

const isRetryable = (error: unknown) =>
  (error instanceof Refusal && error.kind === 'unavailable') || isUnreachable(error);

/** 50 ms, 100 ms, 200 ms, … up to 2 s, each with up to half again at random so retries spread out. */
function backoffMs(attempt: number): number {
  const base = Math.min(2_000, 50 * 2 ** (attempt - 2));
  return base + Math.random() * base * 0.5;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
