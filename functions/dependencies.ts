import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context, MiddlewareHandler } from 'hono';
import type { Repositories } from './adapters/dynamodb/repositories.js';
import type { Metrics } from './adapters/metrics/metrics.js';
import type { SecretStore } from './adapters/secrets/secret-store.js';
import type { TokenVerifier } from './auth/token-verifier.js';
import type { AppConfig } from './config/env.js';
import type { PhotoStore } from './domain/supervision/ports.js';

/** Where the caller's address comes from: a value the platform can trust, never a client header. */
export type ClientAddress = (c: Context) => string;

/**
 * Everything the app, its stream reactions and its jobs need from the outside world. The Lambda
 * entry points and the local platform are the only places that build one. Publishing (the
 * Notifier) is not here: only the stream function publishes, and it is handed its notifier.
 */
export interface Dependencies {
  config: AppConfig;
  repositories: Repositories;
  secrets: SecretStore;
  verifyToken: TokenVerifier;
  clientAddress: ClientAddress;
  now: () => Date;
  logger: Logger;
  metrics: Metrics;
  /**
   * Inspection and rectification photos (S3): only the staff function, which serves supervision
   * and the mystery shopper's link, is given one; the others never touch the bucket.
   */
  photos?: PhotoStore | undefined;
  /**
   * What the host checks before any route, where it has something to check: in AWS, that the
   * request came through CloudFront (http/origin-verify.ts); none locally or in tests.
   */
  gate?: MiddlewareHandler | undefined;
}
