import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'hono';
import type { Table } from './adapters/dynamodb/client.js';
import type { Metrics } from './adapters/metrics/metrics.js';
import type { Notifier } from './adapters/notifier/notifier.js';
import type { SecretStore } from './adapters/secrets/secret-store.js';
import type { TokenVerifier } from './auth/token-verifier.js';
import type { AppConfig } from './config/env.js';

/** Where the caller's address comes from: a value the platform can trust, never a client header. */
export type ClientAddress = (c: Context) => string;

/**
 * Everything the app needs from the outside world. `createApp(deps)` takes it; the Lambda entry
 * points and the local server are the only places that build one.
 */
export interface Dependencies {
  config: AppConfig;
  table: Table;
  notifier: Notifier;
  secrets: SecretStore;
  verifyToken: TokenVerifier;
  clientAddress: ClientAddress;
  now: () => Date;
  logger: Logger;
  metrics: Metrics;
}
