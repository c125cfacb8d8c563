import type { LambdaContext, LambdaEvent } from 'hono/aws-lambda';
import { createPublicApp } from '../apps/public-app.js';
import { awsDependencies } from './aws-dependencies.js';
import { lambdaHttpHandler } from './lambda-http.js';

const deps = awsDependencies();
const http = lambdaHttpHandler(createPublicApp(deps), deps);

/**
 * The public function: what customers' phones call (see apps/public-app.ts). The origin-verify
 * value, which tells the client address, is read from Secrets Manager (cached) before a request.
 */
export const handler = async (event: LambdaEvent, context: LambdaContext) => {
  await deps.beforeRequest();
  return http(event, context);
};
