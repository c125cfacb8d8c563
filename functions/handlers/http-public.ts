import { createPublicApp } from '../apps/public-app.js';
import { awsDependencies } from './aws-dependencies.js';
import { lambdaHttpHandler } from './lambda-http.js';

const deps = awsDependencies();

/** The public function: what customers' phones call (see apps/public-app.ts). */
export const handler = lambdaHttpHandler(createPublicApp(deps), deps);
