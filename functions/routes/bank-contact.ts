import type { Hono } from 'hono';
import * as z from 'zod/mini';
import type { Dependencies } from '../dependencies.js';
import type { AppEnv } from '../http/app-env.js';
import { publicRoute, serve } from '../http/public-route.js';

export const bankContactRoute = publicRoute({
  method: 'get',
  path: '/bank-contact',
  tags: ['customers'],
  summary: 'The bank’s complaint hotline, as the posters and customer pages print it',
  responses: [
    {
      status: 200,
      description: 'How customers reach the bank',
      schema: z.object({ hotline: z.string() }),
    },
  ],
  errors: [],
});

export function serveBankContact(router: Hono<AppEnv>, deps: Dependencies) {
  serve(router, bankContactRoute, async (c) => {
    c.header('cache-control', 'public, max-age=3600');
    return c.json({ hotline: deps.config.BANK_HOTLINE }, 200);
  });
}
