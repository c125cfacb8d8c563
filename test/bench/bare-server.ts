/**
 * The floor the rating intake is measured against: a bare `node:http` server doing the least a
 * rating needs (floor-write.ts): read the body, parse it, one conditional PutItem, answer 201.
 * No framework. Run as a child of the benchmark; it sends `{ url }` when listening and answers
 * `cpu` with its CPU time so far.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerCpuQueries, writeRating } from './floor-write.js';

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', async () => {
    try {
      const created = await writeRating(JSON.parse(Buffer.concat(chunks).toString()));
      res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify(created));
    } catch {
      res.writeHead(500).end();
    }
  });
});
server.listen(0, '127.0.0.1', () => {
  process.send?.({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
});
answerCpuQueries();
