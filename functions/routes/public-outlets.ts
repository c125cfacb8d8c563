import type { Hono } from 'hono';
import * as z from 'zod/mini';
import { pickLanguage } from '../domain/language.js';
import { localized } from '../domain/outlet.js';
import type { AppEnv } from '../http/app-env.js';
import { publicRoute, serve } from '../http/public-route.js';
import { LanguageSchema, OutletIdSchema, OutletKeySchema } from '../http/public-schemas.js';
import type { PublicServices } from '../services/public-services.js';

const PublicOutletSchema = z.object({
  id: z.string(),
  name: z.string(),
  region: z.string(),
  lang: LanguageSchema,
});

export const outletLookUpRoute = publicRoute({
  method: 'get',
  path: '/outlets/{outletId}',
  tags: ['customers'],
  summary: 'The outlet a QR code belongs to, in the customer’s language',
  params: z.object({ outletId: OutletIdSchema }),
  query: z.object({ k: OutletKeySchema, lang: z.optional(LanguageSchema) }),
  responses: [{ status: 200, description: 'The outlet', schema: PublicOutletSchema }],
  errors: [400, 403, 404],
});

export function serveOutletLookUp(router: Hono<AppEnv>, { access }: PublicServices) {
  serve(router, outletLookUpRoute, async (c, { params, query }) => {
    const outlet = await access.outletForCustomer(params.outletId, query.k);
    const lang = query.lang ?? pickLanguage(c.req.header('accept-language'));
    const region = await access.directory.region(outlet.regionId);
    c.header('cache-control', 'private, max-age=60');
    return c.json(
      {
        id: outlet.id,
        name: localized(outlet.name, lang),
        region: region ? localized(region.name, lang) : '',
        lang,
      },
      200,
    );
  });
}
