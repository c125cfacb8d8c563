import type { Context } from 'aws-lambda';
import type { Hono } from 'hono';
import type { LambdaContext, LambdaEvent } from 'hono/aws-lambda';
import { handle } from 'hono/aws-lambda';
import type { Dependencies } from '../dependencies.js';
import type { AppEnv } from '../http/app-env.js';

/**
 * API Gateway HTTP API → a hono app; the invocation's metrics are published as it ends. Every log
 * line of the invocation carries the Lambda context and API Gateway's request id as its
 * correlation id: the id the client gets back in `X-Request-Id` (http-app.ts), the API's access
 * log and the function's logs all name a request the same way.
 */
export function lambdaHttpHandler(app: Hono<AppEnv>, deps: Dependencies) {
  const handler = handle(app);
  return async (event: LambdaEvent, context: LambdaContext) => {
    deps.logger.addContext(context as unknown as Context);
    deps.logger.setCorrelationId(apiRequestId(event));
    try {
      return await handler(event, context);
    } finally {
      deps.metrics.flush();
    }
  };
}

/** API Gateway's id of the request (HTTP API and REST API events both carry one). */
export function apiRequestId(event: unknown): string | undefined {
  return (event as { requestContext?: { requestId?: unknown } }).requestContext?.requestId?.toString();
}
