import { Logger } from '@aws-lambda-powertools/logger';
import type { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
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
import {
  OriginVerify,
  type OriginVerifySecret,
  originGate,
  originVerifySecretSchema,
} from '../http/origin-verify.js';

/**
 * Wires the app for AWS Lambda: the table, Secrets Manager (read on first use), Cognito's JWKS
 * for tokens, and API Gateway's source IP as the client address. Built once per cold start. The
 * HTTP functions add the origin-verify gate (`awsHttpDependencies`); the stream function adds its
 * SNS notifier itself: nothing else publishes, so nothing else builds an SNS client.
 *
 * Each function is given only the secrets it uses (infra/function-access.ts): a secret's ARN is
 * in the environment only where the function may read it, and asking for one that is not fails
 * with a message naming it, never a call Secrets Manager would refuse.
 */
export function awsDependencies(env: Record<string, string | undefined> = process.env): Dependencies {
  const config = readConfig(env);
  const table = connectTable({ tableName: config.TABLE_NAME, region: config.AWS_REGION });
  return {
    config,
    repositories: createRepositories(table),
    secrets: boundSecrets(optionalArn(env.QR_SECRET_ARN), optionalArn(env.PHONE_KEY_SECRET_ARN)),
    verifyToken: createTokenVerifier({
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      jwksUrl: config.JWKS_URL,
    }),
    clientAddress: (c) => getConnInfo(c).remote.address ?? 'unknown',
    now: () => new Date(),
    logger: new Logger({ serviceName: 'branch-feedback', logLevel: config.LOG_LEVEL }),
    metrics: new PowertoolsMetricsAdapter('BranchFeedback', 'branch-feedback', config.STAGE),
  };
}

/**
 * The public and staff functions: behind API Gateway, whose own execute-api address anyone can
 * call, skipping CloudFront and its WAF. Every request must carry the origin-verify value
 * CloudFront adds (http/origin-verify.ts), or it is refused before any route; and the client
 * address is CloudFront's viewer address, proven the same way. A function built without
 * ORIGIN_VERIFY_SECRET_ARN does not start: it would answer requests that skipped the WAF.
 */
export function awsHttpDependencies(env: Record<string, string | undefined> = process.env): Dependencies {
  const deps = awsDependencies(env);
  const arn = optionalArn(env.ORIGIN_VERIFY_SECRET_ARN);
  if (!arn) {
    throw new Error(
      'Invalid configuration: ORIGIN_VERIFY_SECRET_ARN: an HTTP function must be bound to the origin-verify secret',
    );
  }
  const origin = new OriginVerify(() => readOriginVerify(arn), deps.config.ORIGIN_VERIFY_OVERLAP_HOURS);
  return {
    ...deps,
    clientAddress: (c) =>
      trustedClientAddress({ get: (name) => c.req.header(name) }, getConnInfo(c).remote.address, (proof) =>
        origin.accepts(proof, deps.now()),
      ),
    gate: originGate(origin, deps.now, deps.logger),
  };
}

const optionalArn = (value: string | undefined) =>
  z.optional(z.string().check(z.minLength(1))).parse(value || undefined);

/**
 * Secrets Manager as the gate reads it: every request waits for a read whenever the cache has
 * expired, so a read that cannot connect gives up within seconds (then 503, or the last value
 * read), as the table's calls do, instead of holding the request until the function times out.
 */
let originVerifyProvider: Promise<SecretsProvider> | undefined;

/** `{"value": …, "previous"?: …}` (origin-verify.ts), cached five minutes. */
async function readOriginVerify(arn: string): Promise<OriginVerifySecret> {
  // Loaded on first use (with its Secrets Manager client), not when the function starts.
  originVerifyProvider ??= import('@aws-lambda-powertools/parameters/secrets').then(
    ({ SecretsProvider }) =>
      new SecretsProvider({
        clientConfig: {
          maxAttempts: 2,
          requestHandler: { connectionTimeout: 1_000, requestTimeout: 2_000, throwOnRequestTimeout: true },
        },
      }),
  );
  const raw = await (await originVerifyProvider).get(arn, { maxAge: 300 });
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
