import { createStaffApp } from '../apps/staff-app.js';
import { awsDependencies } from './aws-dependencies.js';
import { lambdaHttpHandler } from './lambda-http.js';

const deps = awsDependencies();

/** The staff function: the signed-in side of the API (see apps/staff-app.ts). */
export const handler = lambdaHttpHandler(createStaffApp(deps), deps);
