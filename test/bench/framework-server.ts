/**
 * A reference, not a goal: the floor's work (floor-write.ts) inside a hono app on
 * `@hono/node-server`, the framework and adapter the platform runs on. Between it and the bare
 * floor is what the framework costs; between it and the platform, what the platform itself does
 * for a rating (validation, the outlet key, limits, security headers, the error mapping).
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { answerCpuQueries, writeRating } from './floor-write.js';

const app = new Hono();
app.post('/api/v1/feedback', async (c) => c.json(await writeRating(await c.req.json()), 201));
serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
  process.send?.({ url: `http://127.0.0.1:${info.port}` });
});
answerCpuQueries();
