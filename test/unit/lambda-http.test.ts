import { Logger } from '@aws-lambda-powertools/logger';
import { Hono } from 'hono';
import type { LambdaContext, LambdaEvent } from 'hono/aws-lambda';
import { describe, expect, it } from 'vitest';
import { API_PREFIX, createHttpApp } from '../../functions/apps/http-app.js';
import type { Dependencies } from '../../functions/dependencies.js';
import { lambdaHttpHandler } from '../../functions/handlers/lambda-http.js';
import type { AppEnv } from '../../functions/http/app-env.js';

/** An HTTP API (payload 2.0) event as API Gateway sends it, with its own request id. */
const event = (requestId: string, headers: Record<string, string> = {}) =>
  ({
    version: '2.0',
    routeKey: '$default',
    rawPath: `${API_PREFIX}/ping`,
    rawQueryString: '',
    headers: { host: 'api.example', ...headers },
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example',
      domainPrefix: 'api',
      http: {
        method: 'GET',
        path: `${API_PREFIX}/ping`,
        protocol: 'HTTP/1.1',
        sourceIp: '203.0.113.9',
        userAgent: 'test',
      },
      requestId,
      routeKey: '$default',
      stage: '$default',
      time: '24/Nov/2026:10:00:00 +0000',
      timeEpoch: 1_795_514_400_000,
    },
    isBase64Encoded: false,
  }) as unknown as LambdaEvent;

const context = {
  functionName: 'public',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:ap-east-1:123456789012:function:public',
  memoryLimitInMB: '512',
  awsRequestId: 'lambda-invocation-1',
  logGroupName: '/aws/lambda/public',
  logStreamName: 'stream',
  callbackWaitsForEmptyEventLoop: false,
  getRemainingTimeInMillis: () => 10_000,
} as unknown as LambdaContext;

describe('a request in Lambda is named by API Gateway’s request id everywhere', () => {
  const logger = new Logger({ serviceName: 'test', logLevel: 'ERROR' });
  const deps = {
    verifyToken: async () => undefined,
    logger,
    metrics: { flush: () => {} },
  } as unknown as Dependencies;
  const api = new Hono<AppEnv>();
  const app = createHttpApp(deps, api, (a) => {
    a.get('/ping', (c) => c.json({ requestId: c.get('requestId') }));
  });
  const handler = lambdaHttpHandler(app, deps);

  it('in the answer’s X-Request-Id, in the route, and as the logs’ correlation id', async () => {
    const answer = (await handler(event('Jq7LhgWpAMEEPmg='), context)) as {
      statusCode: number;
      headers: Record<string, string>;
      body: string;
    };
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['x-request-id']).toBe('Jq7LhgWpAMEEPmg=');
    expect(JSON.parse(answer.body)).toEqual({ requestId: 'Jq7LhgWpAMEEPmg=' });
    expect(logger.getCorrelationId()).toBe('Jq7LhgWpAMEEPmg=');
  });

  it('never takes the id a client sends', async () => {
    const answer = (await handler(event('Kx1abcdEFGH=', { 'x-request-id': 'forged-id' }), context)) as {
      headers: Record<string, string>;
    };
    expect(answer.headers['x-request-id']).toBe('Kx1abcdEFGH=');
    expect(logger.getCorrelationId()).toBe('Kx1abcdEFGH=');
  });
});
