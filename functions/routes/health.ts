import { createRoute, z } from '@hono/zod-openapi';
import type { Dependencies } from '../dependencies.js';
import { createRouter } from '../http/app-env.js';

const HealthSchema = z
  .object({ status: z.enum(['ok', 'degraded']), db: z.enum(['ok', 'unavailable']) })
  .openapi('Health');

const route = createRoute({
  method: 'get',
  path: '/health',
  tags: ['platform'],
  summary: 'Liveness and table reachability',
  responses: {
    200: {
      description: 'The API and its table answer',
      content: { 'application/json': { schema: HealthSchema } },
    },
    503: {
      description: 'The table cannot be reached',
      content: { 'application/json': { schema: HealthSchema } },
    },
  },
});

/** For the API document and the API Gateway routes of the public function. */
export const healthDefinitions = [route];

export function healthRoutes({ repositories }: Dependencies) {
  return createRouter().openapi(route, async (c) =>
    (await repositories.ping())
      ? c.json({ status: 'ok' as const, db: 'ok' as const }, 200)
      : c.json({ status: 'degraded' as const, db: 'unavailable' as const }, 503),
  );
}
