import { Logger } from '@aws-lambda-powertools/logger';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { API_PREFIX, createHttpApp } from '../../functions/apps/http-app.js';
import type { Dependencies } from '../../functions/dependencies.js';
import { lambdaHttpHandler } from '../../functions/handlers/lambda-http.js';
import type { AppEnv } from '../../functions/http/app-env.js';
import { lambdaContext as context, type HttpApiAnswer, httpApiEvent } from '../support/lambda-events.js';

const event = (requestId: string, headers: Record<string, string> = {}) =>
  httpApiEvent({ path: `${API_PREFIX}/ping`, requestId, headers });

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
    const answer = (await handler(event('Jq7LhgWpAMEEPmg='), context)) as HttpApiAnswer;
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['x-request-id']).toBe('Jq7LhgWpAMEEPmg=');
    expect(JSON.parse(answer.body)).toEqual({ requestId: 'Jq7LhgWpAMEEPmg=' });
    expect(logger.getCorrelationId()).toBe('Jq7LhgWpAMEEPmg=');
  });

  it('never takes the id a client sends', async () => {
    const answer = (await handler(
      event('Kx1abcdEFGH=', { 'x-request-id': 'forged-id' }),
      context,
    )) as HttpApiAnswer;
    expect(answer.headers['x-request-id']).toBe('Kx1abcdEFGH=');
    expect(logger.getCorrelationId()).toBe('Kx1abcdEFGH=');
  });
});
