import { Logger } from '@aws-lambda-powertools/logger';
import { getConnInfo } from 'hono/aws-lambda';
import * as z from 'zod/mini';
import { connectTable } from '../adapters/dynamodb/client.js';
import { createRepositories } from '../adapters/dynamodb/repositories.js';
import { PowertoolsMetricsAdapter } from '../adapters/metrics/powertools-metrics.js';
import type { SecretStore } from '../adapters/secrets/secret-store.js';
import { SecretsManagerStore } from '../adapters/secrets/secrets-manager-store.js';
import { createTokenVerifier } from '../auth/token-verifier.js';
import { readConfig } from '../config/env.js';
import type { Dependencies } from '../dependencies.js';
import { trustedClientAddress } from '../http/client-address.js';
import { OriginVerify, type OriginVerifySecret, originVerifySecretSchema } from '../http/origin-verify.js';

/** The Lambda's dependencies, and what its HTTP handler does before each request. */
export interface AwsDependencies extends Dependencies {
  /** Refreshes run-time secrets the request checks synchronously (the origin-verify value). */
  beforeRequest(): Promise<void>;
}

/**
 * Wires the app for AWS Lambda: the table, Secrets Manager (read on first use), Cognito's JWKS
 * for tokens, and API Gateway's source IP (or CloudFront's viewer address, when proven) as the
 * client address. Built once per cold start. The stream function adds its SNS notifier itself:
 * nothing else publishes, so nothing else builds an SNS client.
 *
 * Each function is given only the secrets it uses (infra/function-access.ts): a secret's ARN is
 * in the environment only where the function may read it, and asking for one that is not fails
 * with a message naming it, never a call Secrets Manager would refuse.
 */
export function awsDependencies(env: Record<string, string | undefined> = process.env): AwsDependencies {
  const config = readConfig(env);
  const table = connectTable({ tableName: config.TABLE_NAME, region: config.AWS_REGION });
  const logger = new Logger({ serviceName: 'branch-feedback', logLevel: config.LOG_LEVEL });
  const originVerifyArn = optionalArn(env.ORIGIN_VERIFY_SECRET_ARN);
  const originVerify = originVerifyArn
    ? new OriginVerify(() => readOriginVerify(originVerifyArn), config.ORIGIN_VERIFY_OVERLAP_HOURS)
    : undefined;
  const now = () => new Date();
  return {
    config,
    repositories: createRepositories(table),
    secrets: boundSecrets(optionalArn(env.QR_SECRET_ARN), optionalArn(env.PHONE_KEY_SECRET_ARN)),
    verifyToken: createTokenVerifier({
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      jwksUrl: config.JWKS_URL,
    }),
    clientAddress: (c) =>
      trustedClientAddress(
        { get: (name) => c.req.header(name) },
        getConnInfo(c).remote.address,
        (proof) => originVerify?.accepts(proof, now()) ?? false,
      ),
    now,
    logger,
    metrics: new PowertoolsMetricsAdapter('BranchFeedback', 'branch-feedback', config.STAGE),
    beforeRequest: async () => {
      const failed = await originVerify?.refresh();
      if (failed) logger.warn('Could not read the origin-verify secret', { error: failed as Error });
    },
  };
}

const optionalArn = (value: string | undefined) =>
  z.optional(z.string().check(z.minLength(1))).parse(value || undefined);

/** `{"value": …, "previous"?: …}` (origin-verify.ts), cached five minutes. */
async function readOriginVerify(arn: string): Promise<OriginVerifySecret> {
  // Loaded on first use (with its Secrets Manager client), not when the function starts.
  const { getSecret } = await import('@aws-lambda-powertools/parameters/secrets');
  const raw = await getSecret(arn, { maxAge: 300 });
  if (typeof raw !== 'string') throw new Error('The origin-verify secret must be a JSON string');
  return originVerifySecretSchema.parse(JSON.parse(raw));
}

/** The secrets this function was bound to; the others refuse with the variable that is missing. */
function boundSecrets(qrArn: string | undefined, personalDataArn: string | undefined): SecretStore {
  const store = new SecretsManagerStore(qrArn ?? '', personalDataArn ?? '');
  const unbound = (variable: string) =>
    Promise.reject(new Error(`This function is not bound to that secret (${variable} is not set)`));
  return {
    qrSecrets: () => (qrArn ? store.qrSecrets() : unbound('QR_SECRET_ARN')),
    personalDataKeys: () => (personalDataArn ? store.personalDataKeys() : unbound('PHONE_KEY_SECRET_ARN')),
  };
}
