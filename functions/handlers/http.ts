import type { LambdaContext, LambdaEvent } from 'hono/aws-lambda';
import { handle } from 'hono/aws-lambda';
import { createApp } from '../app.js';
import { awsDependencies } from './aws-dependencies.js';

const deps = awsDependencies();
const app = handle(createApp(deps));

/** API Gateway HTTP API → the hono app; the invocation's metrics are published as it ends. */
export const handler = async (event: LambdaEvent, context: LambdaContext) => {
  try {
    return await app(event, context);
  } finally {
    deps.metrics.flush();
  }
};
