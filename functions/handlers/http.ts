import { handle } from 'hono/aws-lambda';
import { createApp } from '../app.js';
import { awsDependencies } from './aws-dependencies.js';

/** API Gateway HTTP API → the hono app. */
export const handler = handle(createApp(awsDependencies()));
