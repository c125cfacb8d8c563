import type { Table } from '../../functions/adapters/dynamodb/client.js';
import { keys } from '../../functions/adapters/dynamodb/keys.js';
import { queryAll } from '../../functions/adapters/dynamodb/query-all.js';
import type { Scope } from '../../functions/domain/statistics/rollup.js';

/** Runs the ranged rollup on the local platform under test (what `npm run rollup` does) and waits for it. */
export async function rollUp(
  url: string,
  from: string,
  to = from,
): Promise<{ days: number; closed: unknown[] }> {
  const response = await fetch(`${url}/api/v1/local/rollup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from, to }),
  });
  if (!response.ok) throw new Error(`rollup answered ${response.status}: ${await response.text()}`);
  const lines = (await response.text()).trim().split('\n');
  const last = JSON.parse(lines.at(-1) ?? '{}') as { result?: { days: number; closed: unknown[] } };
  if (!last.result) throw new Error(`rollup did not finish: ${lines.at(-1)}`);
  return last.result;
}

/**
 * Every rollup item stored for these subjects, by `pk sk` (one Query per subject's partition; no
 * Scan): what a test compares before and after a run to see exactly which items it wrote.
 */
export async function storedRollups(
  table: Table,
  subjects: readonly { scope: Scope; id: string }[],
): Promise<Map<string, Record<string, unknown>>> {
  const found = new Map<string, Record<string, unknown>>();
  let next = 0;
  // A few partitions at a time: hundreds of Queries at once would time out on DynamoDB Local.
  const worker = async () => {
    while (next < subjects.length) {
      const subject = subjects[next++] as { scope: Scope; id: string };
      const items = await queryAll(table, {
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.rollup(subject.scope, subject.id, 'day', '').pk },
      });
      for (const item of items) found.set(`${item.pk} ${item.sk}`, item);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return found;
}
