import { createRoute, z } from '@hono/zod-openapi';
import { isAdmin, isHeadOffice } from '../auth/principal.js';
import { departments } from '../config/departments.js';
import { DEFAULT_TIME_LIMIT_DAYS } from '../domain/time-limits.js';
import { createRouter } from '../http/app-env.js';
import { principalOf, requirePrincipal } from '../http/auth.js';
import { requestLanguage } from '../http/language.js';
import { errorResponses } from '../http/schemas.js';
import { LanguageSchema, OutletIdSchema } from '../http/schemas-common.js';
import type { StaffServices } from '../services/staff-services.js';

const json = (schema: z.ZodType, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const Id = z.string().regex(/^[a-z0-9][a-z0-9-]{1,39}$/, 'field.id');
const Name = z.object({
  'zh-CN': z.string().trim().min(1).max(40),
  'zh-TW': z.string().trim().max(40),
  en: z.string().trim().max(60),
});

export const RoutingRulesSchema = z
  .object({
    categories: z
      .array(
        z.object({
          id: Id,
          name: Name,
          departmentId: z.string().min(1),
          severity: z.enum(['normal', 'major']),
          // The rules allow 15 days to decide; longer is an extension of one complaint, never a category's limit.
          timeLimitDays: z
            .number()
            .int()
            .min(1, 'field.timeLimit.min')
            .max(DEFAULT_TIME_LIMIT_DAYS, 'field.timeLimit.max'),
        }),
      )
      .min(1, 'field.categories.min'),
    regionOverrides: z.array(
      z.object({
        regionId: z.string().min(1),
        categoryId: z.string().min(1),
        departmentId: z.string().min(1),
      }),
    ),
    outletOverrides: z.array(
      z.object({ outletId: OutletIdSchema, categoryId: z.string().min(1), departmentId: z.string().min(1) }),
    ),
    recurring: z.object({
      threshold: z.number().int().min(2).max(50),
      windowDays: z.number().int().min(1).max(365),
    }),
  })
  .openapi('RoutingRules');

const StoredSchema = z
  .object({
    rules: RoutingRulesSchema,
    version: z.number().int(),
    updatedAt: z.string().optional(),
    updatedBy: z.string().optional(),
    departments: z.array(z.object({ id: z.string(), name: Name })),
  })
  .openapi('StoredRoutingRules');

const security = [{ bearer: [] }];
const routes = {
  get: createRoute({
    method: 'get',
    path: '/admin/routing-rules',
    tags: ['admin'],
    security,
    summary: 'The routing rules in force, with the departments they may name',
    responses: { 200: json(StoredSchema, 'Rules'), ...errorResponses(401, 403) },
  }),
  put: createRoute({
    method: 'put',
    path: '/admin/routing-rules',
    tags: ['admin'],
    security,
    summary: 'Replace the routing rules',
    description: '`expectedVersion` is the version last read: a save over someone else’s change answers 409.',
    request: {
      body: {
        required: true,
        content: {
          'application/json': {
            schema: z.object({ rules: RoutingRulesSchema, expectedVersion: z.number().int().min(0) }),
          },
        },
      },
    },
    responses: { 200: json(StoredSchema, 'Saved'), ...errorResponses(400, 401, 403, 409) },
  }),
  preview: createRoute({
    method: 'get',
    path: '/admin/routing-rules/preview',
    tags: ['admin'],
    security,
    summary: 'Where a complaint of this category at this outlet would go now',
    request: {
      query: z.object({
        category: z.string().min(1).max(40),
        outletId: OutletIdSchema,
        lang: LanguageSchema.optional(),
      }),
    },
    responses: {
      200: json(
        z.object({
          departmentId: z.string(),
          departmentName: z.string(),
          severity: z.string(),
          escalated: z.boolean(),
          recurring: z.boolean(),
          timeLimitDays: z.number(),
          chosenBy: z.enum(['category', 'region', 'outlet']),
          sameCategoryCount: z.number().int(),
          explanation: z.array(z.string()).openapi({ description: 'Why, in the language asked for' }),
        }),
        'The decision and why',
      ),
      ...errorResponses(400, 401, 403, 404),
    },
  }),
};

export function adminRoutingRoutes({ routingRules }: StaffServices) {
  const router = createRouter();
  router.use('/admin/routing-rules', async (c, next) =>
    requirePrincipal(c.req.method === 'GET' ? (p) => isAdmin(p) || isHeadOffice(p) : isAdmin)(c, next),
  );
  router.use(
    '/admin/routing-rules/*',
    requirePrincipal((p) => isAdmin(p) || isHeadOffice(p)),
  );
  const departmentList = departments.map(({ id, name }) => ({ id, name }));
  return router
    .openapi(routes.get, async (c) =>
      c.json({ ...(await routingRules.current()), departments: departmentList }, 200),
    )
    .openapi(routes.put, async (c) => {
      const { rules, expectedVersion } = c.req.valid('json');
      const saved = await routingRules.save(rules, expectedVersion, principalOf(c).username);
      return c.json({ ...saved, departments: departmentList }, 200);
    })
    .openapi(routes.preview, async (c) => {
      const { category, outletId } = c.req.valid('query');
      return c.json(await routingRules.preview(category, outletId, requestLanguage(c)), 200);
    });
}
