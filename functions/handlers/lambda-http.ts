import type { Hono } from 'hono';
import type { LambdaContext, LambdaEvent } from 'hono/aws-lambda';
import { handle } from 'hono/aws-lambda';
import type { Dependencies } from '../dependencies.js';
import type { AppEnv } from '../http/app-env.js';

/** API Gateway HTTP API → a hono app; the invocation's metrics are published as it ends. */
export function lambdaHttpHandler(app: Hono<AppEnv>, deps: Dependencies) {
  const handler = handle(app);
  return async (event: LambdaEvent, context: LambdaContext) => {
    try {
      return await handler(event, context);
    } finally {
      deps.metrics.flush();
    }
  };
}
