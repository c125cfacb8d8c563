import type { Hono } from 'hono';
import * as z from 'zod/mini';
import { departmentsOf, isAdmin, isHeadOffice, outletsOf, type Principal } from '../auth/principal.js';
import type { Dependencies } from '../dependencies.js';
import { STAFF_CHANNELS, type StaffRef } from '../domain/complaint.js';
import { VERDICTS } from '../domain/customer-rating.js';
import { invalid } from '../domain/errors.js';
import { type Language, pickLanguage } from '../domain/language.js';
import { localized } from '../domain/outlet.js';
import { normalizePhone } from '../domain/phone.js';
import type { AppEnv } from '../http/app-env.js';
import { described, publicRoute, serve } from '../http/public-route.js';
import {
  CalendarDaySchema,
  LanguageSchema,
  OutletIdSchema,
  OutletKeySchema,
  SubmissionIdSchema,
  TrackingNoSchema,
  text,
} from '../http/public-schemas.js';
import type { PublicServices } from '../services/public-services.js';

/** A phone number as typed (spaces, dashes, +86), stored in one canonical form. */
const PhoneSchema = described(
  z.pipe(
    z.string().check(z.maxLength(24)),
    z.transform((value: string, ctx) => {
      const phone = normalizePhone(value);
      if (phone) return phone;
      ctx.issues.push({ code: 'custom', message: 'field.phone', input: value });
      return z.NEVER;
    }),
  ),
  { example: '13812345678' },
);

const ComplaintRequestSchema = z.object({
  outletId: OutletIdSchema,
  k: z.optional(
    described(OutletKeySchema, {
      description:
        'The key from the outlet’s QR code; omitted when the outlet was chosen from the list or staff enter the complaint',
    }),
  ),
  submissionId: SubmissionIdSchema,
  category: z.string().check(z.minLength(1, 'field.category.choose'), z.maxLength(40)),
  description: text(2000, 10, 'field.description.tooShort'),
  contact: z.object({ name: text(60, 1), phone: PhoneSchema }),
  preferredChannel: z.enum(['call', 'sms']),
  notices: z.optional(
    described(z.boolean(), {
      description:
        'The customer agrees to a text message at receipt, each extension, the decision and closing',
    }),
  ),
  incidentDate: z.optional(CalendarDaySchema),
  staffInvolved: z.optional(text(100)),
  consent: z.literal(true, 'field.consent'),
  lang: z.optional(LanguageSchema),
  channel: z.optional(
    described(z.enum(STAFF_CHANNELS), {
      description: 'Staff entries only: how the complaint reached them (hotline when omitted)',
    }),
  ),
  hotlineTicket: z.optional(
    described(z.string().check(z.regex(/^[A-Za-z0-9-]{1,32}$/, 'field.ticket')), {
      description: 'Staff entries by hotline only: the hotline system’s ticket number',
      example: '95568-20261124-0042',
    }),
  ),
});

const ReceiptSchema = z.object({
  trackingNo: TrackingNoSchema,
  status: z.string(),
  department: z.object({ id: z.string(), name: z.string() }),
  receivedAt: z.string(),
  dueAt: z.string(),
  severity: z.string(),
});

const TrackingSchema = z.object({
  trackingNo: z.string(),
  status: z.enum(['assigned', 'accepted', 'resolved', 'closed', 'reopened']),
  category: z.object({ id: z.string(), name: z.string() }),
  outlet: z.object({ id: z.string(), name: z.string() }),
  department: z.object({ id: z.string(), name: z.string() }),
  receivedAt: z.string(),
  dueAt: z.string(),
  extended: z.boolean(),
  canRate: z.boolean(),
  resolution: z.optional(
    z.object({ decision: z.string(), resolvedAt: z.string(), options: z.array(z.string()) }),
  ),
  satisfaction: z.optional(z.object({ satisfied: z.boolean(), verdict: z.enum(VERDICTS), at: z.string() })),
  timeline: z.array(z.catchall(z.object({ at: z.string(), action: z.string() }), z.unknown())),
});

const TrackingNoParam = z.object({ trackingNo: TrackingNoSchema });
const Last4Schema = z.string().check(z.regex(/^\d{4}$/, 'field.phoneLast4'));
const Named = z.object({ id: z.string(), name: z.string() });

export const fileComplaintRoute = publicRoute({
  method: 'post',
  path: '/complaints',
  tags: ['customers'],
  summary: 'File a complaint',
  description:
    'Customers send the outlet key from the QR code (or none when they chose the outlet from the list); staff entering a complaint taken by hotline, at the counter, by letter, e-mail or visit send their bearer token instead and become its first receiver (首问负责人). Idempotent by submissionId.',
  body: ComplaintRequestSchema,
  responses: [
    { status: 201, description: 'Received and routed', schema: ReceiptSchema },
    { status: 200, description: 'Already received (a retry)', schema: ReceiptSchema },
  ],
  errors: [400, 401, 403, 404, 409, 429, 503],
});

export const trackRoute = publicRoute({
  method: 'get',
  path: '/complaints/{trackingNo}',
  tags: ['customers'],
  summary: 'Track a complaint with its tracking number and the last four digits of the phone',
  params: TrackingNoParam,
  query: z.object({ phoneLast4: Last4Schema, lang: z.optional(LanguageSchema) }),
  responses: [{ status: 200, description: 'The complaint as its customer sees it', schema: TrackingSchema }],
  errors: [400, 404, 429, 503],
});

export const verdictRoute = publicRoute({
  method: 'post',
  path: '/complaints/{trackingNo}/satisfaction',
  tags: ['customers'],
  summary: 'Rate how a resolved complaint was handled',
  description:
    '`verdict`: `satisfied` closes the complaint; `review` (not satisfied, look again) reopens it to its owner and flags it to head office; `close-unsatisfied` closes it, counted as not satisfied. Pages from before the three verdicts send `satisfied: true|false` instead (true = satisfied, false = review).',
  params: TrackingNoParam,
  body: z.object({
    phoneLast4: Last4Schema,
    verdict: z.optional(z.enum(VERDICTS)),
    satisfied: z.optional(z.boolean()),
    comment: z.optional(text(500)),
    lang: z.optional(LanguageSchema),
  }),
  responses: [{ status: 200, description: 'Recorded', schema: TrackingSchema }],
  errors: [400, 404, 409, 429, 503],
});

export const categoriesRoute = publicRoute({
  method: 'get',
  path: '/complaint-categories',
  tags: ['customers'],
  summary: 'The complaint categories, named in the requested language',
  query: z.object({ lang: z.optional(LanguageSchema) }),
  responses: [{ status: 200, description: 'Categories', schema: z.object({ items: z.array(Named) }) }],
  errors: [400, 503],
});

export const findOutletRoute = publicRoute({
  method: 'get',
  path: '/outlets',
  tags: ['customers'],
  summary: 'Find an outlet by name (the complaint form’s outlet picker)',
  query: z.object({ q: z.optional(text(40)), lang: z.optional(LanguageSchema) }),
  responses: [
    {
      status: 200,
      description: 'Up to 20 outlets',
      schema: z.object({
        items: z.array(z.object({ id: z.string(), name: z.string(), region: z.string() })),
      }),
    },
  ],
  errors: [400, 503],
});

function staffRef(p: Principal): StaffRef {
  const departmentId =
    departmentsOf(p)[0] ??
    (isHeadOffice(p) ? 'head-office' : isAdmin(p) ? 'admin' : `outlet:${outletsOf(p)[0] ?? ''}`);
  return { username: p.username, displayName: p.displayName, departmentId };
}

export function serveComplaints(
  router: Hono<AppEnv>,
  deps: Dependencies,
  { intake, tracking, routingRules, directory }: PublicServices,
) {
  const langOf = (c: { req: { header(name: string): string | undefined } }, lang?: Language) =>
    lang ?? pickLanguage(c.req.header('accept-language'));

  serve(router, fileComplaintRoute, async (c, { body }) => {
    const { k, ...request } = body;
    const principal = c.get('principal');
    const caller = principal
      ? { kind: 'staff' as const, principal, staff: staffRef(principal) }
      : { kind: 'customer' as const, key: k, clientAddress: deps.clientAddress(c) };
    const { status, receipt } = await intake.submit(request, caller);
    return c.json(receipt, status);
  });

  serve(router, trackRoute, async (c, { params, query }) => {
    c.header('cache-control', 'no-store');
    const view = await tracking.view(
      params.trackingNo,
      query.phoneLast4,
      deps.clientAddress(c),
      langOf(c, query.lang),
    );
    return c.json(view, 200);
  });

  serve(router, verdictRoute, async (c, { params, body }) => {
    const { lang, satisfied, verdict, ...rest } = body;
    const chosen = verdict ?? (satisfied === undefined ? undefined : satisfied ? 'satisfied' : 'review');
    if (!chosen) throw invalid({ verdict: 'field.verdict' });
    return c.json(
      await tracking.rate(
        params.trackingNo,
        { ...rest, verdict: chosen },
        deps.clientAddress(c),
        langOf(c, lang),
      ),
      200,
    );
  });

  serve(router, categoriesRoute, async (c, { query }) => {
    const lang = langOf(c, query.lang);
    const { rules } = await routingRules.current();
    return c.json(
      { items: rules.categories.map((cat) => ({ id: cat.id, name: localized(cat.name, lang) })) },
      200,
    );
  });

  serve(router, findOutletRoute, async (c, { query }) => {
    const lang = langOf(c, query.lang);
    const needle = (query.q ?? '').toLowerCase();
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
