import { Logger } from '@aws-lambda-powertools/logger';
import { SNSClient } from '@aws-sdk/client-sns';
import { getConnInfo } from 'hono/aws-lambda';
import { z } from 'zod';
import { connectTable } from '../adapters/dynamodb/client.js';
import { PowertoolsMetricsAdapter } from '../adapters/metrics/powertools-metrics.js';
import { SnsNotifier } from '../adapters/notifier/sns-notifier.js';
import { SecretsManagerStore } from '../adapters/secrets/secrets-manager-store.js';
import { createTokenVerifier } from '../auth/token-verifier.js';
import { readConfig } from '../config/env.js';
import type { Dependencies } from '../dependencies.js';
import { trustedClientAddress } from '../http/client-address.js';

/**
 * Wires the app for AWS Lambda: SNS for notifications, Cognito's JWKS for tokens, and API
 * Gateway's source IP (or CloudFront's viewer address, when proven) as the client address. Built once per cold start.
 */
export function awsDependencies(env: Record<string, string | undefined> = process.env): Dependencies {
  const config = readConfig(env);
  const topicArns = z.record(z.string(), z.string()).parse(JSON.parse(env.TOPIC_ARNS ?? '{}'));
  return {
    config,
    table: connectTable({ tableName: config.TABLE_NAME, region: config.AWS_REGION }),
    secrets: new SecretsManagerStore(
      z.string().min(1).parse(env.QR_SECRET_ARN),
      z.string().min(1).parse(env.PHONE_KEY_SECRET_ARN),
    ),
    notifier: new SnsNotifier(new SNSClient({ region: config.AWS_REGION }), topicArns),
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
