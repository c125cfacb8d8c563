/**
 * The least a rating needs, shared by both floors (bare-server.ts and framework-server.ts):
 * one conditional PutItem keyed by the submission on the benchmark's DynamoDB Local, carrying the
 * index entry that files it under its outlet and day (the rollups read ratings by it, so a rating
 * without it is not stored as it must be). No validation, no key check, no limits.
 */
import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { connectTable } from '../../functions/adapters/dynamodb/client.js';
import { indexKeys } from '../../functions/adapters/dynamodb/keys.js';

const table = connectTable({
  tableName: process.env.TABLE_NAME ?? 'bench',
  region: 'local',
  endpoint: process.env.DYNAMODB_ENDPOINT,
});

/** Stores the parsed body as a rating; answers the new id. */
export async function writeRating(body: Record<string, unknown>): Promise<{ id: string }> {
  const id = randomUUID();
  const receivedAt = new Date().toISOString();
  const day = receivedAt.slice(0, 10);
  const submissionId = String(body.submissionId);
  await table.doc.send(
    new PutCommand({
      TableName: table.name,
      Item: {
        pk: `BARE#${submissionId}`,
        sk: 'BARE',
        ...indexKeys.outletDayRatings(String(body.outletId), day, receivedAt, submissionId),
        id,
        ...body,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
  return { id };
}

/** The messages every bench server answers: its CPU time so far, for the CPU per rating. */
export function answerCpuQueries() {
  process.on('message', (m) => {
    if (m === 'cpu') process.send?.({ cpu: process.cpuUsage() });
  });
}
