import { createRoute, z } from '@hono/zod-openapi';
import { departmentsOf, isAdmin, isHeadOffice, outletsOf, type Principal } from '../auth/principal.js';
import type { Dependencies } from '../dependencies.js';
import type { StaffRef } from '../domain/complaint.js';
import { pickLanguage } from '../domain/language.js';
import { localized } from '../domain/outlet.js';
import { normalizePhone } from '../domain/phone.js';
import { createRouter } from '../http/app-env.js';
import { errorResponses } from '../http/schemas.js';
import {
  LanguageSchema,
  OutletIdSchema,
  OutletKeySchema,
  SubmissionIdSchema,
} from '../http/schemas-common.js';
import type { PublicServices } from '../services/public-services.js';

const json = (schema: z.ZodType, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const PhoneSchema = z
  .string()
  .max(24)
  .transform((value, ctx) => {
    const phone = normalizePhone(value);
    if (!phone) {
      ctx.addIssue({
        code: 'custom',
        message: 'Use a mainland mobile number (13812345678) or an international number (+85291234567)',
      });
      return z.NEVER;
    }
    return phone;
  })
  .openapi({ type: 'string', example: '13812345678' });

const ComplaintRequestSchema = z
  .object({
    outletId: OutletIdSchema,
    k: OutletKeySchema.optional().openapi({
      description:
        'The key from the outlet’s QR code; omitted when the outlet was chosen from the list or staff enter the complaint',
    }),
    submissionId: SubmissionIdSchema,
    category: z.string().min(1, 'Required').max(40),
    description: z.string().trim().min(10, 'At least 10 characters').max(2000, 'At most 2000 characters'),
    contact: z.object({
      name: z.string().trim().min(1, 'Required').max(60),
      phone: PhoneSchema,
    }),
    preferredChannel: z.enum(['call', 'sms']),
    incidentDate: z.iso.date('Use YYYY-MM-DD').optional(),
    staffInvolved: z.string().trim().max(100).optional(),
    consent: z.literal(true, 'Consent to the processing of personal data is required'),
    lang: LanguageSchema.optional(),
    channel: z.enum(['hotline', 'counter']).optional().openapi({ description: 'Staff entries only' }),
  })
  .openapi('ComplaintRequest');

const ReceiptSchema = z
  .object({
    trackingNo: z.string().openapi({ example: 'K7QM-4HXP-9TWA' }),
    status: z.string(),
    department: z.object({ id: z.string(), name: z.string() }),
    receivedAt: z.string(),
    dueAt: z.string(),
    severity: z.string(),
  })
  .openapi('ComplaintReceipt');

const TrackingSchema = z
  .object({
    trackingNo: z.string(),
    status: z.enum(['assigned', 'accepted', 'resolved', 'closed', 'reopened']),
    category: z.object({ id: z.string(), name: z.string() }),
    outlet: z.object({ id: z.string(), name: z.string() }),
    department: z.object({ id: z.string(), name: z.string() }),
    receivedAt: z.string(),
    dueAt: z.string(),
    extended: z.boolean(),
    canRate: z.boolean(),
    resolution: z
      .object({ decision: z.string(), resolvedAt: z.string(), options: z.array(z.string()) })
      .optional(),
    satisfaction: z.object({ satisfied: z.boolean(), at: z.string() }).optional(),
    timeline: z.array(z.object({ at: z.string(), action: z.string() }).catchall(z.unknown())),
  })
  .openapi('ComplaintTracking');

const TrackingNoParam = z.object({
  trackingNo: z.string().min(1).max(20).openapi({ example: 'K7QM-4HXP-9TWA' }),
});
const Last4Schema = z.string().regex(/^\d{4}$/, 'The last four digits of the phone number');

const routes = {
  submit: createRoute({
    method: 'post',
    path: '/complaints',
    tags: ['customers'],
    summary: 'File a complaint',
    description:
      'Customers send the outlet key from the QR code (or none when they chose the outlet from the list); staff entering a hotline or counter complaint send their bearer token instead. Idempotent by submissionId.',
    request: {
      body: { required: true, content: { 'application/json': { schema: ComplaintRequestSchema } } },
    },
    responses: {
      201: json(ReceiptSchema, 'Received and routed'),
      200: json(ReceiptSchema, 'Already received (a retry)'),
      ...errorResponses(400, 401, 403, 404, 409, 429),
    },
  }),
  track: createRoute({
    method: 'get',
    path: '/complaints/{trackingNo}',
    tags: ['customers'],
    summary: 'Track a complaint with its tracking number and the last four digits of the phone',
    request: {
      params: TrackingNoParam,
      query: z.object({ phoneLast4: Last4Schema, lang: LanguageSchema.optional() }),
    },
    responses: {
      200: json(TrackingSchema, 'The complaint as its customer sees it'),
      ...errorResponses(400, 404, 429),
    },
  }),
  rate: createRoute({
    method: 'post',
    path: '/complaints/{trackingNo}/satisfaction',
    tags: ['customers'],
    summary: 'Rate how a resolved complaint was handled',
    description:
      'Satisfied closes the complaint; unsatisfied reopens it to its owner and flags it to head office.',
    request: {
      params: TrackingNoParam,
      body: {
        required: true,
        content: {
          'application/json': {
            schema: z
              .object({
                phoneLast4: Last4Schema,
                satisfied: z.boolean(),
                comment: z.string().trim().max(500).optional(),
                lang: LanguageSchema.optional(),
              })
              .openapi('ComplaintSatisfaction'),
          },
        },
      },
    },
    responses: { 200: json(TrackingSchema, 'Recorded'), ...errorResponses(400, 404, 409, 429) },
  }),
  categories: createRoute({
    method: 'get',
    path: '/complaint-categories',
    tags: ['customers'],
    summary: 'The complaint categories, named in the requested language',
    request: { query: z.object({ lang: LanguageSchema.optional() }) },
    responses: {
      200: json(z.object({ items: z.array(z.object({ id: z.string(), name: z.string() })) }), 'Categories'),
    },
  }),
  outlets: createRoute({
    method: 'get',
    path: '/outlets',
    tags: ['customers'],
    summary: 'Find an outlet by name (the complaint form’s outlet picker)',
    request: {
      query: z.object({ q: z.string().trim().max(40).optional(), lang: LanguageSchema.optional() }),
    },
    responses: {
      200: json(
        z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), region: z.string() })) }),
        'Up to 20 outlets',
      ),
    },
  }),
};

export const complaintDefinitions = Object.values(routes);

function staffRef(p: Principal): StaffRef {
  const departmentId =
    departmentsOf(p)[0] ??
    (isHeadOffice(p) ? 'head-office' : isAdmin(p) ? 'admin' : `outlet:${outletsOf(p)[0] ?? ''}`);
  return { username: p.username, displayName: p.displayName, departmentId };
}

export function complaintRoutes(
  deps: Dependencies,
  { intake, tracking, routingRules, directory }: PublicServices,
) {
  return createRouter()
    .openapi(routes.submit, async (c) => {
      const { k, ...request } = c.req.valid('json');
      const principal = c.get('principal');
      const caller = principal
        ? { kind: 'staff' as const, principal, staff: staffRef(principal) }
        : { kind: 'customer' as const, key: k, clientAddress: deps.clientAddress(c) };
      const { status, receipt } = await intake.submit(request, caller);
      return c.json(receipt, status);
    })
    .openapi(routes.track, async (c) => {
      const { phoneLast4, lang } = c.req.valid('query');
      c.header('cache-control', 'no-store');
      return c.json(
        await tracking.view(
          c.req.valid('param').trackingNo,
          phoneLast4,
          deps.clientAddress(c),
          lang ?? pickLanguage(c.req.header('accept-language')),
        ),
        200,
      );
    })
    .openapi(routes.rate, async (c) => {
      const { lang, ...verdict } = c.req.valid('json');
      return c.json(
        await tracking.rate(
          c.req.valid('param').trackingNo,
          verdict,
          deps.clientAddress(c),
          lang ?? pickLanguage(c.req.header('accept-language')),
        ),
        200,
      );
    })
    .openapi(routes.categories, async (c) => {
      const lang = c.req.valid('query').lang ?? pickLanguage(c.req.header('accept-language'));
      const { rules } = await routingRules.current();
      return c.json(
        { items: rules.categories.map((cat) => ({ id: cat.id, name: localized(cat.name, lang) })) },
        200,
      );
    })
    .openapi(routes.outlets, async (c) => {
      const { q, lang: requested } = c.req.valid('query');
      const lang = requested ?? pickLanguage(c.req.header('accept-language'));
      const needle = (q ?? '').toLowerCase();
      const matches = (await directory.activeOutlets()).filter(
        (o) =>
          !needle ||
          o.id.includes(needle) ||
          Object.values(o.name).some((n) => n.toLowerCase().includes(needle)),
      );
      const items = await Promise.all(
        matches.slice(0, 20).map(async (o) => {
          const region = await directory.region(o.regionId);
          return {
            id: o.id,
            name: localized(o.name, lang),
            region: region ? localized(region.name, lang) : '',
          };
        }),
      );
      c.header('cache-control', 'public, max-age=300');
      return c.json({ items }, 200);
    });
}
