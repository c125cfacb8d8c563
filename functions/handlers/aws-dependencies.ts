import { Logger } from '@aws-lambda-powertools/logger';
import { getConnInfo } from 'hono/aws-lambda';
import * as z from 'zod/mini';
import { connectTable } from '../adapters/dynamodb/client.js';
import { createRepositories } from '../adapters/dynamodb/repositories.js';
import { PowertoolsMetricsAdapter } from '../adapters/metrics/powertools-metrics.js';
import { SecretsManagerStore } from '../adapters/secrets/secrets-manager-store.js';
import { createTokenVerifier } from '../auth/token-verifier.js';
import { readConfig } from '../config/env.js';
import type { Dependencies } from '../dependencies.js';
import { trustedClientAddress } from '../http/client-address.js';

/**
 * Wires the app for AWS Lambda: the table, Secrets Manager (read on first use), Cognito's JWKS
 * for tokens, and API Gateway's source IP (or CloudFront's viewer address, when proven) as the
 * client address. Built once per cold start. The stream function adds its SNS notifier itself:
 * nothing else publishes, so nothing else builds an SNS client.
 */
export function awsDependencies(env: Record<string, string | undefined> = process.env): Dependencies {
  const config = readConfig(env);
  const table = connectTable({ tableName: config.TABLE_NAME, region: config.AWS_REGION });
  return {
    config,
    repositories: createRepositories(table),
    secrets: new SecretsManagerStore(
      z.string().check(z.minLength(1)).parse(env.QR_SECRET_ARN),
      z.string().check(z.minLength(1)).parse(env.PHONE_KEY_SECRET_ARN),
    ),
    verifyToken: createTokenVerifier({
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      jwksUrl: config.JWKS_URL,
    }),
    clientAddress: (c) =>
      trustedClientAddress(
        { get: (name) => c.req.header(name) },
        getConnInfo(c).remote.address,
        env.ORIGIN_VERIFY,
      ),
    now: () => new Date(),
    logger: new Logger({ serviceName: 'branch-feedback', logLevel: config.LOG_LEVEL }),
    metrics: new PowertoolsMetricsAdapter('BranchFeedback', 'branch-feedback', config.STAGE),
  };
}
