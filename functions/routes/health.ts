import type { Hono } from 'hono';
import * as z from 'zod/mini';
import type { Dependencies } from '../dependencies.js';
import type { AppEnv } from '../http/app-env.js';
import { publicRoute, serve } from '../http/public-route.js';

const HealthSchema = z.object({ status: z.enum(['ok', 'degraded']), db: z.enum(['ok', 'unavailable']) });

export const healthRoute = publicRoute({
  method: 'get',
  path: '/health',
  tags: ['platform'],
  summary: 'Liveness and table reachability',
  responses: [
    { status: 200, description: 'The API and its table answer', schema: HealthSchema },
    { status: 503, description: 'The table cannot be reached', schema: HealthSchema },
  ],
  errors: [],
});

export function serveHealth(router: Hono<AppEnv>, { repositories }: Dependencies) {
  serve(router, healthRoute, async (c) =>
    (await repositories.ping())
      ? c.json({ status: 'ok' as const, db: 'ok' as const }, 200)
      : c.json({ status: 'degraded' as const, db: 'unavailable' as const }, 503),
  );
}
