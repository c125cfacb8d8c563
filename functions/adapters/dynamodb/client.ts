import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { RETRY_AFTER_UNAVAILABLE_SECONDS, unavailable } from '../../domain/errors.js';
import { keys } from './keys.js';

/** The document client and the table name: everything a repository needs to reach its items. */
export interface Table {
  readonly doc: DynamoDBDocumentClient;
  readonly name: string;
}

export interface TableOptions {
  tableName: string;
  region: string;
  /** DynamoDB Local's endpoint; unset in AWS. */
  endpoint?: string | undefined;
  /** How long one call may take and how often it is tried; a request's patience when unset. */
  patience?: Patience;
}

/** How long the SDK waits for one call to DynamoDB, and how many times it tries it. */
export interface Patience {
  connectionTimeoutMs: number;
  requestTimeoutMs: number;
  /** Tries of one call, the first included (the SDK's own backoff in between). */
  maxAttempts: number;
}

/**
 * For requests a client is waiting on: a try and one retry of 2 s each, well under the functions'
 * timeouts (public 10 s), so a frozen or unreachable database answers 503 in about four seconds
 * instead of hanging. The SDK only warns about a request past its timeout unless told to throw
 * (`throwOnRequestTimeout`).
 */
const REQUEST_PATIENCE: Patience = { connectionTimeoutMs: 1_000, requestTimeoutMs: 2_000, maxAttempts: 2 };

export function connectTable({
  tableName,
  region,
  endpoint,
  patience = REQUEST_PATIENCE,
}: TableOptions): Table {
  const client = new DynamoDBClient({
    region,
    maxAttempts: patience.maxAttempts,
    requestHandler: {
      connectionTimeout: patience.connectionTimeoutMs,
      requestTimeout: patience.requestTimeoutMs,
      throwOnRequestTimeout: true,
    },
    ...(endpoint ? { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
  const doc = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  // Outermost, so it sees the error that is left after the SDK's retries.
  doc.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        if (isUnreachable(error)) throw unavailable('unavailable.database', RETRY_AFTER_UNAVAILABLE_SECONDS);
        throw error;
      }
    },
    { step: 'initialize', name: 'databaseUnavailable', priority: 'high' },
  );
  return { doc, name: tableName };
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const BUSY_ERRORS = new Set([
  'TimeoutError',
  'RequestTimeout',
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
]);

/**
 * The database did not answer, or answered that it cannot serve now: the network refused or
 * timed out, DynamoDB throttled, or it failed on its side. Not a client's mistake, not a bug of
 * ours: a 503 the client may retry.
 */
export function isUnreachable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const e = error as Error & {
    code?: string;
    cause?: { code?: string };
    $metadata?: { httpStatusCode?: number };
  };
  if (BUSY_ERRORS.has(e.name)) return true;
  if (NETWORK_CODES.has(e.code ?? '') || NETWORK_CODES.has(e.cause?.code ?? '')) return true;
  return (e.$metadata?.httpStatusCode ?? 0) >= 500;
}

/** A data-plane read of a key that never exists: proves the table answers, at the cost of 0.5 RCU. */
export async function pingTable(table: Table): Promise<boolean> {
  try {
    await table.doc.send(new GetCommand({ TableName: table.name, Key: keys.health() }));
    return true;
  } catch {
    return false;
  }
}
