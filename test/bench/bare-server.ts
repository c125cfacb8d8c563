/**
 * The floor the rating intake is measured against: a bare `node:http` server doing the least a
 * rating needs — read the body, parse it, one conditional PutItem keyed by the submission on the
 * same DynamoDB Local, answer 201. No framework, no validation, no key check. Run as a child of
 * the benchmark; it sends `{ url }` when listening and answers `cpu` with its CPU time so far.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { connectTable } from '../../functions/adapters/dynamodb/client.js';

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
      await table.doc.send(
        new PutCommand({
          TableName: table.name,
          Item: { pk: `BARE#${String(body.submissionId)}`, sk: 'BARE', id, ...body },
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
