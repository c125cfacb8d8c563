import type { ConsumedCapacity } from '@aws-sdk/client-dynamodb';
import type { Table } from '../../functions/adapters/dynamodb/client.js';

/** Commands that only read; everything else the platform sends writes. */
const READS = new Set(
  ['Get', 'GetItem', 'Query', 'Scan', 'BatchGet', 'BatchGetItem', 'TransactGet', 'TransactGetItems'].map(
    (name) => `${name}Command`,
  ),
);

export interface CapacityTally {
  requests: number;
  readUnits: number;
  writeUnits: number;
  /** Per command name, for a breakdown. */
  byCommand: Record<string, { requests: number; units: number }>;
  /**
   * Per access pattern: the command, the index and the partition's kind, ids left out
   * (`Query gsi2 COMPLAINTS#`, `Query table ROLLUP#outlet#`), to see which reads dominate.
   */
  byPattern: Record<string, { requests: number; units: number }>;
}

/** The kind of a partition key: its prefix and the scope or granularity words after it, ids dropped. */
const KIND_WORDS = new Set(['outlet', 'region', 'bank', 'department', 'day', 'week', 'month', 'rollup']);
function partitionKind(value: unknown): string {
  if (typeof value !== 'string') return '';
  const [prefix = '', ...rest] = value.split('#');
  const words = [];
  for (const part of rest) {
    if (!KIND_WORDS.has(part)) break;
    words.push(part);
  }
  return [`${prefix}#`, ...words].join('');
}

function patternOf(command: string, input: Record<string, unknown>): string {
  const name = command.replace(/Command$/, '');
  const values = (input.ExpressionAttributeValues ?? {}) as Record<string, unknown>;
  const key = (input.Key ?? input.Item ?? {}) as Record<string, unknown>;
  const requests = Object.values((input.RequestItems ?? {}) as Record<string, unknown>)[0];
  const first = Array.isArray(requests)
    ? ((requests[0]?.PutRequest?.Item ?? requests[0]?.DeleteRequest?.Key) as
        | Record<string, unknown>
        | undefined)
    : ((requests as { Keys?: Record<string, unknown>[] } | undefined)?.Keys?.[0] ?? undefined);
  const pk = values[':pk'] ?? values[':p'] ?? key.pk ?? first?.pk;
  return `${name} ${String(input.IndexName ?? 'table')} ${partitionKind(pk)}`;
}

/**
 * Counts what the platform's requests cost in DynamoDB capacity units, as DynamoDB Local reports
 * them (`ReturnConsumedCapacity: INDEXES` added to every request), which follows AWS's published
 * rules: a write unit per KB per item, twice that in a transaction, one more per index entry
 * written; a read unit per 4 KB read strongly, half that eventually. A write refused by its
 * condition is not reported by DynamoDB Local, so it is counted here as AWS charges it. Attach it
 * to the platform's client; read the tally around the requests you want to cost.
 */
export function countCapacity(
  table: Table,
  options: {
    /** Access patterns left out of the tally (say, the stream's own writes, costed apart). */
    except?: (pattern: string) => boolean;
  } = {},
) {
  const tally: CapacityTally = { requests: 0, readUnits: 0, writeUnits: 0, byCommand: {}, byPattern: {} };
  table.doc.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Record<string, unknown>;
      input.ReturnConsumedCapacity = 'INDEXES';
      const record = (output: unknown) => {
        const command = String(context.commandName);
        if (options.except?.(patternOf(command, input))) return;
        const consumed = (output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] })
          ?.ConsumedCapacity;
        const units = [consumed ?? []].flat().reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
        tally.requests++;
        if (READS.has(command)) tally.readUnits += units;
        else tally.writeUnits += units;
        const entry = tally.byCommand[command] ?? { requests: 0, units: 0 };
        tally.byCommand[command] = entry;
        entry.requests++;
        entry.units += units;
        const pattern = patternOf(command, input);
        const byPattern = tally.byPattern[pattern] ?? { requests: 0, units: 0 };
        tally.byPattern[pattern] = byPattern;
        byPattern.requests++;
        byPattern.units += units;
      };
      try {
        const result = await next(args);
        record(result.output);
        return result;
      } catch (error) {
        // A write refused by its condition still costs write units, which the error does not
        // report: one for an item under 1 KB, two in a transaction (AWS's published rules).
        const name = (error as Error).name;
        const units =
          name === 'ConditionalCheckFailedException' ? 1 : name === 'TransactionCanceledException' ? 2 : 0;
        record({ ConsumedCapacity: { CapacityUnits: units } });
        throw error;
      }
    },
    { step: 'initialize', name: 'countCapacity', priority: 'low' },
  );
  return {
    tally,
    /** Runs `work` and answers what it cost. */
    async measure(work: () => Promise<unknown>): Promise<Omit<CapacityTally, 'byCommand' | 'byPattern'>> {
      const before = { ...tally };
      await work();
      return {
        requests: tally.requests - before.requests,
        readUnits: tally.readUnits - before.readUnits,
        writeUnits: tally.writeUnits - before.writeUnits,
      };
    },
  };
}
