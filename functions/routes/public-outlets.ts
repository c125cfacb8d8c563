import { createRoute, z } from '@hono/zod-openapi';
import { pickLanguage } from '../domain/language.js';
import { localized } from '../domain/outlet.js';
import { createRouter } from '../http/app-env.js';
import { errorResponses } from '../http/schemas.js';
import { LanguageSchema, OutletIdSchema, OutletKeySchema } from '../http/schemas-common.js';
import type { PublicServices } from '../services/public-services.js';

const PublicOutletSchema = z
  .object({
    id: z.string(),
    name: z.string().openapi({ example: '陆家嘴支行' }),
    region: z.string().openapi({ example: '上海分行' }),
    lang: LanguageSchema,
  })
  .openapi('PublicOutlet');

const route = createRoute({
  method: 'get',
  path: '/outlets/{outletId}',
  tags: ['customers'],
  summary: 'The outlet a QR code belongs to, in the customer’s language',
  request: {
    params: z.object({ outletId: OutletIdSchema }),
    query: z.object({ k: OutletKeySchema, lang: LanguageSchema.optional() }),
  },
  responses: {
    200: { description: 'The outlet', content: { 'application/json': { schema: PublicOutletSchema } } },
    ...errorResponses(400, 403, 404),
  },
});

export const publicOutletDefinitions = [route];

export function publicOutletRoutes({ access }: PublicServices) {
  return createRouter().openapi(route, async (c) => {
    const { outletId } = c.req.valid('param');
    const { k, lang: requested } = c.req.valid('query');
    const outlet = await access.outletForCustomer(outletId, k);
    const lang = requested ?? pickLanguage(c.req.header('accept-language'));
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
