import { createStaffApp } from '../apps/staff-app.js';
import { awsHttpDependencies } from './aws-dependencies.js';
import { lambdaHttpHandler } from './lambda-http.js';

const deps = awsHttpDependencies();

/**
 * The staff function: the signed-in side of the API (see apps/staff-app.ts), through CloudFront
 * only (the origin-verify gate, see aws-dependencies.ts).
 */
export const handler = lambdaHttpHandler(createStaffApp(deps), deps);
