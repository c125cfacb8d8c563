import type { Hono } from 'hono';
import * as z from 'zod/mini';
import type { Dependencies } from '../dependencies.js';
import { RETRY_AFTER_UNAVAILABLE_SECONDS } from '../domain/errors.js';
import type { AppEnv } from '../http/app-env.js';
import { publicRoute, serve } from '../http/public-route.js';

const HealthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  db: z.enum(['ok', 'unavailable']),
  retryAfter: z.optional(z.number()),
});

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

/** A 503 says when to look again, like every other answer given while the table is away. */
export function serveHealth(router: Hono<AppEnv>, { repositories }: Dependencies) {
  serve(router, healthRoute, async (c) => {
    if (await repositories.ping()) return c.json({ status: 'ok' as const, db: 'ok' as const }, 200);
    c.header('Retry-After', String(RETRY_AFTER_UNAVAILABLE_SECONDS));
    return c.json(
      {
        status: 'degraded' as const,
        db: 'unavailable' as const,
        retryAfter: RETRY_AFTER_UNAVAILABLE_SECONDS,
      },
      503,
    );
  });
}
