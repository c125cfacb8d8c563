/**
 * The floor the rating intake is measured against: a bare `node:http` server doing the least a
 * rating needs — read the body, parse it, one conditional PutItem keyed by the submission on the
 * same DynamoDB Local, carrying the index entry that files it under its outlet and day (the
 * rollups read ratings by it, so a rating without it is not stored as it must be), answer 201.
 * No framework, no validation, no key check. Run as a child of the benchmark; it sends `{ url }`
 * when listening and answers `cpu` with its CPU time so far.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { connectTable } from '../../functions/adapters/dynamodb/client.js';
import { indexKeys } from '../../functions/adapters/dynamodb/keys.js';

const table = connectTable({
  tableName: process.env.TABLE_NAME ?? 'bench',
  region: 'local',
  endpoint: process.env.DYNAMODB_ENDPOINT,
});

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', async () => {
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>;
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
      res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id }));
    } catch {
      res.writeHead(500).end();
    }
  });
});
server.listen(0, '127.0.0.1', () => {
  process.send?.({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
});
process.on('message', (m) => {
  if (m === 'cpu') process.send?.({ cpu: process.cpuUsage() });
});
