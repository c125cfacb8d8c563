/**
 * The cold-start floor the Lambda bundles are compared with: a hello-world hono handler that
 * loads the DynamoDB client, bundled with the same settings as ours.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';

const client = new DynamoDBClient({});
const app = new Hono().get('/', async (c) =>
  c.json({ hello: 'world', region: await client.config.region() }),
);
export const handler = handle(app);
