import { type CancellationReason, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Table } from './client.js';

/**
 * The one write pattern of every customer submission (a rating, a complaint): in a single
 * transaction, a marker item for the client-made submissionId, the records themselves, and the
 * rate-limit counters. So a retry can never count twice, a refused submission counts nothing,
 * and the hot path is one round trip.
 */
export interface RateLimit {
  /** Why this limit exists, returned when it refuses. */
  kind: 'device' | 'address';
  key: { pk: string; sk: string };
  /** Builds the update; `nowEpoch` is seconds. */
  update: {
    expression: string;
    condition: string;
    values: Record<string, unknown>;
    names?: Record<string, string>;
  };
  retryAfterSeconds: (old: Record<string, unknown> | undefined) => number;
}

export type SubmissionOutcome =
  | { kind: 'created' }
  | { kind: 'replay'; marker: Record<string, unknown> }
  | { kind: 'rate-limited'; limit: RateLimit['kind']; retryAfterSeconds: number };

const MARKER_TTL_DAYS = 90;

export const markerKey = (submissionId: string) => ({ pk: `SUBMISSION#${submissionId}`, sk: 'SUBMISSION' });

export async function writeSubmission(
  table: Table,
  input: {
    submissionId: string;
    marker: Record<string, unknown>;
    puts: Record<string, unknown>[];
    limits: RateLimit[];
    now: Date;
  },
): Promise<SubmissionOutcome> {
  const nowEpoch = Math.floor(input.now.getTime() / 1000);
  const items: NonNullable<TransactWriteCommandInput['TransactItems']> = [
    {
      Put: {
        TableName: table.name,
        Item: {
          ...markerKey(input.submissionId),
          type: 'submission',
          ...input.marker,
          createdAt: input.now.toISOString(),
          ttl: nowEpoch + MARKER_TTL_DAYS * 86_400,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    ...input.puts.map((Item) => ({
      Put: { TableName: table.name, Item, ConditionExpression: 'attribute_not_exists(pk)' },
    })),
    ...input.limits.map((limit) => ({
      Update: {
        TableName: table.name,
        Key: limit.key,
        UpdateExpression: limit.update.expression,
        ConditionExpression: limit.update.condition,
        ExpressionAttributeValues: limit.update.values,
        ...(limit.update.names ? { ExpressionAttributeNames: limit.update.names } : {}),
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
      },
    })),
  ];

  for (let attempt = 0; ; attempt++) {
    try {
      await table.doc.send(new TransactWriteCommand({ TransactItems: items }));
      return { kind: 'created' };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons: CancellationReason[] = error.CancellationReasons ?? [];
      if (reasons[0]?.Code === 'ConditionalCheckFailed') {
        const { Item } = await table.doc.send(
          new GetCommand({ TableName: table.name, Key: markerKey(input.submissionId), ConsistentRead: true }),
        );
        if (Item) return { kind: 'replay', marker: Item };
      }
      const limitOffset = 1 + input.puts.length;
      const refused = input.limits.findIndex(
        (_, i) => reasons[limitOffset + i]?.Code === 'ConditionalCheckFailed',
      );
      const limit = input.limits[refused];
      if (limit) {
        const old = reasons[limitOffset + refused]?.Item;
        return {
          kind: 'rate-limited',
          limit: limit.kind,
          retryAfterSeconds: Math.max(1, limit.retryAfterSeconds(old ? unmarshall(old) : undefined)),
        };
      }
      // Two requests touching the same counter at once: the loser retries, as DynamoDB advises.
      if (reasons.some((r) => r.Code === 'TransactionConflict') && attempt < 4) {
        await new Promise((r) => setTimeout(r, 20 * 2 ** attempt + Math.random() * 20));
        continue;
      }
      throw error;
    }
  }
}

/** A device may submit for one subject once per window. */
export function deviceLimit(deviceId: string, subject: string, now: Date, windowMinutes: number): RateLimit {
  const nowEpoch = Math.floor(now.getTime() / 1000);
  const until = nowEpoch + windowMinutes * 60;
  return {
    kind: 'device',
    key: { pk: `LIMIT#device#${deviceId}#${subject}`, sk: 'LIMIT' },
    update: {
      expression: 'SET #until = :until, #ttl = :ttl',
      condition: 'attribute_not_exists(#until) OR #until <= :now',
      names: { '#until': 'until', '#ttl': 'ttl' },
      values: { ':until': until, ':ttl': until + 3600, ':now': nowEpoch },
    },
    retryAfterSeconds: (old) => Number(old?.until ?? until) - nowEpoch,
  };
}

/** An address may submit at most `perMinute` times in a calendar minute. */
export function addressLimit(addressHash: string, scope: string, now: Date, perMinute: number): RateLimit {
  const nowEpoch = Math.floor(now.getTime() / 1000);
  const minute = Math.floor(nowEpoch / 60);
  return {
    kind: 'address',
    key: { pk: `LIMIT#address#${scope}#${addressHash}#${minute}`, sk: 'LIMIT' },
    update: {
      expression: 'ADD hits :one SET #ttl = :ttl',
      condition: 'attribute_not_exists(hits) OR hits < :max',
      names: { '#ttl': 'ttl' },
      values: { ':one': 1, ':max': perMinute, ':ttl': (minute + 2) * 60 },
    },
    retryAfterSeconds: () => (minute + 1) * 60 - nowEpoch,
  };
}
