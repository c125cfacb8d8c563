import { createRoute, z } from '@hono/zod-openapi';
import { isAdmin, isHeadOffice } from '../auth/principal.js';
import { createRouter } from '../http/app-env.js';
import { requirePrincipal } from '../http/auth.js';
import { errorResponses } from '../http/schemas.js';
import { OutletIdSchema } from '../http/schemas-common.js';
import type { StaffServices } from '../services/staff-services.js';

const NameSchema = z
  .object({
    'zh-CN': z.string().trim().min(1, 'field.required').max(60),
    'zh-TW': z.string().trim().max(60).default(''),
    en: z.string().trim().max(80).default(''),
  })
  .openapi('LocalizedName');

const OutletFieldsSchema = z.object({
  name: NameSchema,
  regionId: z.string().min(1, 'field.required').max(40),
  address: z.string().trim().max(200).default(''),
  openingHours: z.string().trim().max(200).default(''),
  active: z.boolean().default(true),
});

const OutletCreateSchema = OutletFieldsSchema.extend({ id: OutletIdSchema }).openapi('OutletCreate');
const OutletUpdateSchema = OutletFieldsSchema.openapi('OutletUpdate');

const OutletSchema = OutletFieldsSchema.extend({
  id: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  surveyUrl: z.url().openapi({ description: 'What the QR code encodes' }),
  complaintUrl: z.url(),
}).openapi('Outlet');

const RegionSchema = z.object({ id: z.string(), name: NameSchema }).openapi('Region');
const json = (schema: z.ZodType, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const IdParam = z.object({ outletId: OutletIdSchema });
const security = [{ bearer: [] }];
const tags = ['admin'];

const routes = {
  list: createRoute({
    method: 'get',
    path: '/admin/outlets',
    tags,
    security,
    summary: 'All outlets, or one region’s, with their survey and complaint URLs',
    request: { query: z.object({ region: z.string().max(40).optional() }) },
    responses: {
      200: json(z.object({ items: z.array(OutletSchema) }), 'Outlets'),
      ...errorResponses(401, 403),
    },
  }),
  create: createRoute({
    method: 'post',
    path: '/admin/outlets',
    tags,
    security,
    summary: 'Open an outlet',
    request: { body: { required: true, content: { 'application/json': { schema: OutletCreateSchema } } } },
    responses: { 201: json(OutletSchema, 'Created'), ...errorResponses(400, 401, 403, 409) },
  }),
  get: createRoute({
    method: 'get',
    path: '/admin/outlets/{outletId}',
    tags,
    security,
    summary: 'One outlet',
    request: { params: IdParam },
    responses: { 200: json(OutletSchema, 'The outlet'), ...errorResponses(401, 403, 404) },
  }),
  update: createRoute({
    method: 'put',
    path: '/admin/outlets/{outletId}',
    tags,
    security,
    summary: 'Change an outlet (names, region, address, hours, active)',
    request: {
      params: IdParam,
      body: { required: true, content: { 'application/json': { schema: OutletUpdateSchema } } },
    },
    responses: { 200: json(OutletSchema, 'Updated'), ...errorResponses(400, 401, 403, 404) },
  }),
  qr: createRoute({
    method: 'get',
    path: '/admin/outlets/{outletId}/{file}',
    tags,
    security,
    summary: 'The outlet’s QR codes: the survey (qr.*) and the complaint form (complaint-qr.*)',
    request: {
      params: IdParam.extend({ file: z.enum(['qr.svg', 'qr.png', 'complaint-qr.svg', 'complaint-qr.png']) }),
    },
    responses: {
      200: {
        description: 'The QR code',
        content: {
          'image/svg+xml': { schema: z.string() },
          'image/png': { schema: z.string().openapi({ format: 'binary' }) },
        },
      },
      ...errorResponses(401, 403, 404),
    },
  }),
  regions: createRoute({
    method: 'get',
    path: '/admin/regions',
    tags,
    security,
    summary: 'Regions outlets can belong to',
    responses: {
      200: json(z.object({ items: z.array(RegionSchema) }), 'Regions'),
      ...errorResponses(401, 403),
    },
  }),
};

export function adminOutletRoutes({ outletAdmin }: StaffServices) {
  const router = createRouter();
  // Reading the network is for admins and head office; changing it is for admins only.
  router.use('/admin/*', async (c, next) =>
    requirePrincipal(c.req.method === 'GET' ? (p) => isAdmin(p) || isHeadOffice(p) : isAdmin)(c, next),
  );
  return router
    .openapi(routes.list, async (c) =>
      c.json({ items: await outletAdmin.list(c.req.valid('query').region) }, 200),
    )
    .openapi(routes.create, async (c) => {
      const { id, ...fields } = c.req.valid('json');
      return c.json(await outletAdmin.create(id, fields), 201);
    })
    .openapi(routes.get, async (c) => c.json(await outletAdmin.get(c.req.valid('param').outletId), 200))
    .openapi(routes.update, async (c) =>
      c.json(await outletAdmin.update(c.req.valid('param').outletId, c.req.valid('json')), 200),
    )
    .openapi(routes.qr, async (c) => {
      const { outletId, file } = c.req.valid('param');
      const format = file.endsWith('.svg') ? 'svg' : 'png';
      const target = file.startsWith('complaint') ? 'complaint' : 'survey';
      const image = await outletAdmin.qrCode(outletId, format, target);
      c.header('content-type', format === 'svg' ? 'image/svg+xml' : 'image/png');
      c.header('content-disposition', `inline; filename="${outletId}-${file}"`);
      c.header('cache-control', 'private, no-store');
      return c.body(typeof image === 'string' ? image : new Uint8Array(image), 200);
    })
    .openapi(routes.regions, async (c) => c.json({ items: await outletAdmin.regions() }, 200));
}
