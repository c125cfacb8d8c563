import { createRoute, z } from '@hono/zod-openapi';
import {
  departmentsOf,
  formatRole,
  inspectedRegionsOf,
  isHeadOffice,
  isSupervisionCentre,
  lobbiesOf,
  outletsOf,
  type Principal,
} from '../auth/principal.js';
import { departments } from '../config/departments.js';
import { rootCauseNames } from '../config/root-causes.js';
import type { Dependencies } from '../dependencies.js';
import { localDate } from '../domain/calendar.js';
import { type Language, pickLanguage } from '../domain/language.js';
import { actionTypes } from '../domain/lifecycle/actions.js';
import { inboxViews } from '../domain/lifecycle/inbox-views.js';
import { outletComplaintStates, oversightViews } from '../domain/lifecycle/oversight-views.js';
import { createRouter } from '../http/app-env.js';
import { principalOf, requirePrincipal } from '../http/auth.js';
import { errorResponses } from '../http/schemas.js';
import { LanguageSchema, OutletIdSchema } from '../http/schemas-common.js';
import type { StaffServices } from '../services/staff-services.js';

const json = (schema: z.ZodType, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const text = (max: number) => z.string().trim().min(1, 'field.required').max(max, 'field.tooLong');
const version = {
  expectedVersion: z.number().int().min(1).openapi({ description: 'The `version` last read' }),
};

export const StaffActionSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('accept'), ...version }),
    z.object({ type: z.literal('transfer'), toDepartment: z.string().min(1), reason: text(500), ...version }),
    z.object({ type: z.literal('note'), text: text(2000), ...version }),
    z.object({
      type: z.literal('contact'),
      channel: z.enum(['call', 'sms']),
      summary: text(1000),
      ...version,
    }),
    z.object({ type: z.literal('reveal-phone'), ...version }),
    z.object({
      type: z.literal('extend'),
      days: z.union([z.literal(30), z.literal(60)]),
      reason: text(500),
      ...version,
    }),
    z.object({
      type: z.literal('approve-extension'),
      note: z.string().trim().max(500).optional(),
      ...version,
    }),
    z.object({ type: z.literal('decline-extension'), reason: text(500), ...version }),
    z.object({
      type: z.literal('resolve'),
      decision: text(2000),
      rootCause: z.string().min(1, 'field.required'),
      correctiveAction: text(1000),
      ...version,
    }),
    z.object({ type: z.literal('reopen'), reason: text(500), ...version }),
    z.object({ type: z.literal('close'), reason: text(500), ...version }),
    z.object({
      type: z.literal('follow-up'),
      reached: z.boolean().openapi({ description: 'Whether the customer was reached' }),
      summary: text(1000),
      ...version,
    }),
    z
      .object({ type: z.literal('refer'), ...version })
      .openapi({ description: 'A handler named in the complaint hands it to head office to assign' }),
  ])
  .openapi('StaffAction');

const StaffRefSchema = z.object({ username: z.string(), displayName: z.string(), departmentId: z.string() });
const EventSchema = z
  .object({
    at: z.string(),
    seq: z.number(),
    action: z.string(),
    actor: z.object({
      kind: z.enum(['customer', 'staff', 'system']),
      username: z.string().optional(),
      displayName: z.string().optional(),
      role: z.string().optional(),
    }),
    public: z.boolean(),
    detail: z.record(z.string(), z.unknown()),
    before: z.record(z.string(), z.unknown()).optional(),
    after: z.record(z.string(), z.unknown()).optional(),
  })
  .openapi('AuditEvent');
const FlagsSchema = z.object({ overdue: z.boolean(), escalated: z.boolean(), extended: z.boolean() });

const StaffComplaintSchema = z
  .object({
    trackingNo: z.string(),
    version: z.number().int(),
    status: z.enum(['assigned', 'accepted', 'resolved', 'closed', 'reopened']),
    outletId: z.string(),
    outletName: z.string().openapi({ description: 'In the language asked for' }),
    regionId: z.string(),
    category: z.string(),
    categoryName: z.string(),
    description: z.string(),
    contact: z.object({ name: z.string(), phone: z.string().openapi({ example: '138****5678' }) }),
    preferredChannel: z.enum(['call', 'sms']),
    incidentDate: z.string().optional(),
    staffInvolved: z.string().optional(),
    channel: z.string(),
    severity: z.enum(['normal', 'major']),
    flags: FlagsSchema,
    department: z.object({ id: z.string(), name: z.string() }),
    owner: StaffRefSchema.optional(),
    referral: z
      .object({ by: StaffRefSchema, at: z.string() })
      .optional()
      .openapi({ description: 'A handler named in the complaint referred it to head office to assign' }),
    receivedAt: z.string(),
    dueAt: z.string(),
    timeLimitDays: z.number().int(),
    standing: z.enum(['handler', 'owner-department', 'head-office', 'system', 'outlet-manager']),
    allowedActions: z.array(z.enum(actionTypes as [string, ...string[]])),
    timeline: z.array(EventSchema),
    revealed: z
      .object({ name: z.string(), phone: z.string() })
      .optional()
      .openapi({ description: 'Only in the answer to `reveal-phone`, which is audited' }),
  })
  .catchall(z.unknown())
  .openapi('StaffComplaint');

/** What every list shows of a complaint (services/inbox.ts `complaintInList`). */
const ComplaintInListSchema = z.object({
  trackingNo: z.string(),
  status: z.string(),
  category: z.string(),
  categoryName: z.string(),
  outletId: z.string(),
  outletName: z.string(),
  severity: z.string(),
  flags: FlagsSchema,
  excerpt: z.string(),
  department: z.object({ id: z.string(), name: z.string() }),
  receivedAt: z.string(),
  dueAt: z.string(),
});

/** A complaint in head office's and an outlet manager's lists. */
const ListedComplaintSchema = ComplaintInListSchema.extend({
  owner: z.object({ displayName: z.string(), departmentId: z.string() }).optional(),
  hoursLeft: z
    .number()
    .int()
    .optional()
    .openapi({ description: 'Hours to the due date, negative when overdue; absent once decided' }),
  extensionRequest: z.object({ days: z.number().int(), reason: z.string() }).optional(),
}).openapi('ListedComplaint');

const InboxSchema = z
  .object({
    view: z.enum(inboxViews),
    department: z.object({ id: z.string(), name: z.string() }),
    counts: z.record(z.enum(inboxViews), z.number().int()),
    items: z.array(
      ComplaintInListSchema.extend({ owner: StaffRefSchema.optional(), version: z.number().int() }),
    ),
    nextCursor: z.string().optional(),
  })
  .openapi('Inbox');

const TrackingNoParam = z.object({
  trackingNo: z.string().min(1).max(20).openapi({ example: 'K7QM-4HXP-9TWA' }),
});
const security = [{ bearer: [] }];

const routes = {
  me: createRoute({
    method: 'get',
    path: '/staff/me',
    tags: ['staff'],
    security,
    summary: 'Who is signed in, their departments, and the lists the inbox needs',
    request: { query: z.object({ lang: LanguageSchema.optional() }) },
    responses: {
      200: json(
        z.object({
          username: z.string(),
          displayName: z.string(),
          roles: z.array(z.string()),
          departments: z.array(z.object({ id: z.string(), name: z.string() })),
          allDepartments: z.array(z.object({ id: z.string(), name: z.string() })),
          outlets: z.array(z.string()),
          lobbies: z.array(z.string()).openapi({ description: 'Outlets whose self-checks the user makes' }),
          supervisionCentre: z.boolean(),
          inspectedRegions: z
            .array(z.string())
            .openapi({ description: 'Regions whose joint checks the user makes' }),
          headOffice: z.boolean(),
          rootCauses: z
            .array(z.object({ id: z.string(), name: z.string() }))
            .openapi({ description: 'The root causes a resolution may name, in the bank’s order' }),
          categories: z
            .array(z.object({ id: z.string(), name: z.string() }))
            .openapi({ description: 'Complaint categories of the routing rules' }),
          timeZone: z.string().openapi({ description: 'The bank’s time zone: pages show every time in it' }),
          today: z
            .string()
            .openapi({ description: 'Today in the bank’s time zone (YYYY-MM-DD), by the server’s clock' }),
        }),
        'The signed-in staff member',
      ),
      ...errorResponses(401, 403),
    },
  }),
  inbox: createRoute({
    method: 'get',
    path: '/inbox',
    tags: ['staff'],
    security,
    summary: 'A department’s complaints in one view, by due date, paged, with the count of every view',
    request: {
      query: z.object({
        view: z.enum(inboxViews).default('new'),
        department: z
          .string()
          .max(40)
          .optional()
          .openapi({ description: 'Needed by head office and by staff of several departments' }),
        limit: z.coerce.number().int().min(1).max(100).default(20),
        cursor: z.string().max(200).optional(),
        lang: LanguageSchema.optional(),
      }),
    },
    responses: { 200: json(InboxSchema, 'One page of the view'), ...errorResponses(400, 401, 403) },
  }),
  oversight: createRoute({
    method: 'get',
    path: '/staff/oversight',
    tags: ['staff'],
    security,
    summary: 'Head office’s bank-wide views: major, reopened, overdue, extension requests waiting',
    request: {
      query: z.object({ view: z.enum(oversightViews).default('major'), lang: LanguageSchema.optional() }),
    },
    responses: {
      200: json(
        z.object({
          view: z.enum(oversightViews),
          counts: z.record(z.enum(oversightViews), z.number().int()),
          items: z.array(ListedComplaintSchema),
        }),
        'The view, by due date, with the count of every view',
      ),
      ...errorResponses(400, 401, 403),
    },
  }),
  outletComplaints: createRoute({
    method: 'get',
    path: '/staff/outlets/{outletId}/complaints',
    tags: ['staff'],
    security,
    summary: 'An outlet’s complaints of the last 180 days, read-only, for its manager and head office',
    request: {
      params: z.object({ outletId: OutletIdSchema }),
      query: z.object({
        state: z.enum(outletComplaintStates).default('open'),
        lang: LanguageSchema.optional(),
      }),
    },
    responses: {
      200: json(
        z.object({
          outlet: z.object({ id: z.string(), name: z.string() }),
          state: z.enum(outletComplaintStates),
          counts: z.object({ open: z.number().int(), closed: z.number().int() }),
          items: z.array(ListedComplaintSchema),
        }),
        'Newest first, without the customers’ contact details',
      ),
      ...errorResponses(400, 401, 403),
    },
  }),
  get: createRoute({
    method: 'get',
    path: '/staff/complaints/{trackingNo}',
    tags: ['staff'],
    security,
    summary: 'A complaint with its internal timeline and the actions the caller may take now',
    request: { params: TrackingNoParam, query: z.object({ lang: LanguageSchema.optional() }) },
    responses: { 200: json(StaffComplaintSchema, 'The complaint'), ...errorResponses(401, 403, 404) },
  }),
  act: createRoute({
    method: 'post',
    path: '/staff/complaints/{trackingNo}/actions',
    tags: ['staff'],
    security,
    summary:
      'Take an action on a complaint (accept, transfer, note, contact, reveal-phone, extend, resolve, …)',
    description:
      'Invalid transitions answer 409 naming the allowed actions; a stale `expectedVersion` answers 409 (optimistic locking). Every action is kept in the audit trail.',
    request: {
      params: TrackingNoParam,
      query: z.object({ lang: LanguageSchema.optional() }),
      body: { required: true, content: { 'application/json': { schema: StaffActionSchema } } },
    },
    responses: {
      200: json(StaffComplaintSchema, 'The updated complaint'),
      ...errorResponses(400, 401, 403, 404, 409),
    },
  }),
};

const isStaff = (p: Principal) =>
  departmentsOf(p).length > 0 ||
  isHeadOffice(p) ||
  outletsOf(p).length > 0 ||
  lobbiesOf(p).length > 0 ||
  isSupervisionCentre(p) ||
  inspectedRegionsOf(p).length > 0;

export function staffRoutes(
  deps: Dependencies,
  { inbox, staffComplaints, routingRules, oversight }: StaffServices,
) {
  const router = createRouter();
  router.use('/staff/*', requirePrincipal(isStaff));
  router.use('/inbox', requirePrincipal(isStaff));
  const langOf = (c: { req: { header: (n: string) => string | undefined } }, lang?: Language) =>
    lang ?? pickLanguage(c.req.header('accept-language'));
  return router
    .openapi(routes.me, async (c) => {
      const p = principalOf(c);
      const lang = langOf(c, c.req.valid('query').lang);
      const named = (d: (typeof departments)[number]) => ({ id: d.id, name: d.name[lang] });
      const { rules } = await routingRules.current();
      return c.json(
        {
          username: p.username,
          displayName: p.displayName,
          roles: p.roles.map(formatRole),
          departments: departments.filter((d) => departmentsOf(p).includes(d.id)).map(named),
          allDepartments: departments.map(named),
          outlets: outletsOf(p),
          lobbies: lobbiesOf(p),
          supervisionCentre: isSupervisionCentre(p),
          inspectedRegions: inspectedRegionsOf(p),
          headOffice: isHeadOffice(p),
          rootCauses: deps.config.ROOT_CAUSES.map((id) => ({ id, name: rootCauseNames[id]?.[lang] ?? id })),
          categories: rules.categories.map((c) => ({ id: c.id, name: c.name[lang] })),
          timeZone: deps.config.TIME_ZONE,
          today: localDate(deps.now(), deps.config.TIME_ZONE),
        },
        200,
      );
    })
    .openapi(routes.inbox, async (c) => {
      const { lang, ...query } = c.req.valid('query');
      c.header('cache-control', 'no-store');
      return c.json(await inbox.list(principalOf(c), query, langOf(c, lang)), 200);
    })
    .openapi(routes.oversight, async (c) => {
      const { view, lang } = c.req.valid('query');
      c.header('cache-control', 'no-store');
      return c.json(await oversight.bankWide(principalOf(c), view, langOf(c, lang)), 200);
    })
    .openapi(routes.outletComplaints, async (c) => {
      const { state, lang } = c.req.valid('query');
      c.header('cache-control', 'no-store');
      return c.json(
        await oversight.ofOutlet(principalOf(c), c.req.valid('param').outletId, state, langOf(c, lang)),
        200,
      );
    })
    .openapi(routes.get, async (c) => {
      c.header('cache-control', 'no-store');
      const view = await staffComplaints.get(
        c.req.valid('param').trackingNo,
        principalOf(c),
        langOf(c, c.req.valid('query').lang),
      );
      return c.json(view, 200);
    })
    .openapi(routes.act, async (c) => {
      const { expectedVersion, ...action } = c.req.valid('json');
      c.header('cache-control', 'no-store');
      const view = await staffComplaints.act(
        c.req.valid('param').trackingNo,
        action,
        expectedVersion,
        principalOf(c),
        langOf(c, c.req.valid('query').lang),
      );
      return c.json(view, 200);
    });
}
