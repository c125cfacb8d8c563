import { createPublicApp } from '../apps/public-app.js';
import { awsHttpDependencies } from './aws-dependencies.js';
import { lambdaHttpHandler } from './lambda-http.js';

const deps = awsHttpDependencies();

/**
 * The public function: what customers' phones call (see apps/public-app.ts), through CloudFront
 * only (the origin-verify gate, see aws-dependencies.ts).
 */
export const handler = lambdaHttpHandler(createPublicApp(deps), deps);
