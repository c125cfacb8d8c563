import { createRoute, z } from '@hono/zod-openapi';
import { localDateTime } from '../domain/calendar.js';
import { notFound } from '../domain/errors.js';
import { INSPECTION_KINDS, SELF_CHECK_ROUNDS } from '../domain/supervision/inspections.js';
import { PHOTO_TYPES } from '../domain/supervision/ports.js';
import { createRouter } from '../http/app-env.js';
import { principalOf, requirePrincipal } from '../http/auth.js';
import { csvResponse, toCsv } from '../http/csv.js';
import { requestLanguage } from '../http/language.js';
import { errorResponses } from '../http/schemas.js';
import { LanguageSchema, MonthSchema, OutletIdSchema } from '../http/schemas-common.js';
import type { StaffServices } from '../services/staff-services.js';
import {
  CIRCULAR_TABLES,
  itemColumns,
  outletColumns,
  redLineColumns,
  regionColumns,
} from './supervision-csv.js';

const json = (schema: z.ZodType, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const security = [{ bearer: [] }];
const tags = ['supervision'];

const ItemIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'field.id');
const ChecklistIdSchema = ItemIdSchema.openapi({ example: 'service' });
const text = (max: number) => z.string().trim().min(1, 'field.required').max(max, 'field.tooLong');
const Localized = z.object({ 'zh-CN': text(200), 'zh-TW': text(200), en: text(200) });
/** A photo already uploaded under the inspection's prefix (its key, as the upload answered it). */
const PhotoSchema = z
  .string()
  .max(200)
  .regex(/^photos\/[A-Za-z0-9/_.-]+$/, 'field.invalid');
const evidence = {
  photo: PhotoSchema.optional(),
  note: z.string().trim().max(500, 'field.tooLong').optional(),
};

const AnswerSchema = z
  .union([
    z.object({ itemId: ItemIdSchema, notApplicable: z.literal(true) }).strict(),
    z.object({ itemId: ItemIdSchema, passed: z.boolean(), ...evidence }).strict(),
    z
      .object({
        itemId: ItemIdSchema,
        mark: z.number().int('field.wholeNumber').min(0).max(100),
        ...evidence,
      })
      .strict(),
    z.object({ itemId: ItemIdSchema, value: z.number().min(0).max(100_000), ...evidence }).strict(),
  ])
  .openapi('InspectionAnswer');

const InspectionRequestSchema = z
  .object({
    id: z
      .string()
      .uuid('field.uuid')
      .openapi({ description: 'Made by the client once; a retry sends the same one' }),
    kind: z.enum(INSPECTION_KINDS),
    outletId: OutletIdSchema,
    checklistId: ChecklistIdSchema,
    checklistVersion: z.number().int().min(1),
    round: z.enum(SELF_CHECK_ROUNDS).optional().openapi({ description: 'Self-checks only' }),
    startedAt: z.string().datetime({ offset: true }),
    answers: z.array(AnswerSchema).min(1).max(200),
  })
  .openapi('InspectionRequest');

const ItemKindSchema = z.union([
  z.object({ type: z.literal('yes-no') }).strict(),
  z.object({ type: z.literal('score'), max: z.number().int().min(1).max(100) }).strict(),
  z
    .object({
      type: z.literal('number'),
      unit: Localized,
      passAtMost: z.number().min(0).optional(),
      passAtLeast: z.number().min(0).optional(),
    })
    .strict(),
]);
const ChecklistDraftSchema = z
  .object({
    name: Localized,
    sections: z
      .array(
        z.object({
          id: ItemIdSchema,
          title: Localized,
          items: z
            .array(
              z.object({
                id: ItemIdSchema,
                text: Localized,
                points: z.number().min(0).max(1000),
                kind: ItemKindSchema,
                allowNotApplicable: z.boolean(),
                photoOnFail: z.boolean(),
                redLine: z.boolean(),
              }),
            )
            .max(100),
        }),
      )
      .min(1)
      .max(30),
    expectedVersion: z.number().int().min(0),
  })
  .openapi('ChecklistDraft');

/** What a photo upload is for, its type and size: the answer is a presigned POST (see README, "Photos"). */
const photoFile = {
  contentType: z.enum(PHOTO_TYPES, { message: 'field.photo.type' }),
  size: z
    .number()
    .int('field.wholeNumber')
    .min(1, 'field.photo.empty')
    .max(Number.MAX_SAFE_INTEGER)
    .openapi({ description: 'Bytes; at most PHOTO_MAX_BYTES (1,500,000 by default)' }),
};
const PhotoUploadSchema = z
  .object({
    inspectionId: z
      .string()
      .uuid('field.uuid')
      .optional()
      .openapi({ description: 'The inspection being filled (its client-made id); or rectificationId' }),
    rectificationId: z
      .string()
      .max(120, 'field.tooLong')
      .regex(/^[A-Za-z0-9._-]+$/, 'field.id')
      .optional()
      .openapi({ description: 'The task being answered; or inspectionId' }),
    ...photoFile,
  })
  .strict()
  .openapi('PhotoUploadRequest');
const PhotoUploadAnswer = z
  .object({
    url: z.string(),
    fields: z.record(z.string(), z.string()),
    key: z.string(),
    maxBytes: z.number(),
    expiresAt: z.string(),
  })
  .openapi('PhotoUpload');

const Anything = z.record(z.string(), z.unknown());
const IdParam = z.object({ id: z.string().min(1).max(120) });
const TokenParam = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{32}$/, 'field.invalid') });

const routes = {
  checklist: createRoute({
    method: 'get',
    path: '/supervision/checklists/{id}',
    tags,
    security,
    summary: 'A checklist: the version in force, or the one named',
    request: {
      params: z.object({ id: ChecklistIdSchema }),
      query: z.object({ version: z.coerce.number().int().min(1).max(100_000).optional() }),
    },
    responses: { 200: json(Anything, 'The checklist'), ...errorResponses(400, 401, 404) },
  }),
  versions: createRoute({
    method: 'get',
    path: '/supervision/checklists/{id}/versions',
    tags,
    security,
    summary: 'Every published version of a checklist, oldest first',
    request: { params: z.object({ id: ChecklistIdSchema }) },
    responses: {
      200: json(z.object({ items: z.array(Anything) }), 'Versions'),
      ...errorResponses(401, 403, 404),
    },
  }),
  publish: createRoute({
    method: 'put',
    path: '/supervision/checklists/{id}',
    tags,
    security,
    summary: 'Publish a new version of a checklist (admins); past inspections keep theirs',
    request: {
      params: z.object({ id: ChecklistIdSchema }),
      body: { required: true, content: { 'application/json': { schema: ChecklistDraftSchema } } },
    },
    responses: { 200: json(Anything, 'Published'), ...errorResponses(400, 401, 403, 409) },
  }),
  submit: createRoute({
    method: 'post',
    path: '/supervision/inspections',
    tags,
    security,
    summary: 'Submit an inspection (idempotent by its id): a self-check, a spot check or a joint check',
    request: {
      body: { required: true, content: { 'application/json': { schema: InspectionRequestSchema } } },
    },
    responses: {
      201: json(Anything, 'Recorded, with its score and findings'),
      200: json(Anything, 'Already recorded (a retry)'),
      ...errorResponses(400, 401, 403, 404, 409),
    },
  }),
  list: createRoute({
    method: 'get',
    path: '/supervision/inspections',
    tags,
    security,
    summary:
      'An outlet’s inspections of a month, within the caller’s reach (blind visits before release: head office only)',
    request: {
      query: z.object({
        outletId: OutletIdSchema,
        month: MonthSchema,
        kind: z.enum(INSPECTION_KINDS).optional(),
      }),
    },
    responses: {
      200: json(z.object({ items: z.array(Anything) }), 'Inspections'),
      ...errorResponses(400, 401, 403, 404),
    },
  }),
  get: createRoute({
    method: 'get',
    path: '/supervision/inspections/{id}',
    tags,
    security,
    summary: 'One inspection with its answers and score',
    request: { params: IdParam },
    responses: { 200: json(Anything, 'The inspection'), ...errorResponses(401, 404) },
  }),
  release: createRoute({
    method: 'post',
    path: '/supervision/inspections/{id}/release',
    tags,
    security,
    summary: 'Release a mystery visit (head office): the outlet sees it and its findings become tasks',
    request: { params: IdParam },
    responses: { 200: json(Anything, 'Released'), ...errorResponses(401, 403, 404, 409) },
  }),
  rectifications: createRoute({
    method: 'get',
    path: '/supervision/rectifications',
    tags,
    security,
    summary: 'An outlet’s rectification tasks (限期整改), by status and due date',
    request: {
      query: z.object({
        outletId: OutletIdSchema,
        status: z.enum(['open', 'submitted', 'accepted']).optional(),
      }),
    },
    responses: {
      200: json(z.object({ items: z.array(Anything) }), 'Tasks'),
      ...errorResponses(400, 401, 403, 404),
    },
  }),
  rectify: createRoute({
    method: 'post',
    path: '/supervision/rectifications/{id}/actions',
    tags,
    security,
    summary:
      'Answer a task (the outlet’s manager), or accept or return the answer (an inspector of its reach)',
    request: {
      params: IdParam,
      body: {
        required: true,
        content: {
          'application/json': {
            schema: z.discriminatedUnion('type', [
              z.object({
                type: z.literal('answer'),
                note: text(1000),
                photo: PhotoSchema.optional(),
                expectedVersion: z.number().int().min(1),
              }),
              z.object({ type: z.literal('accept'), expectedVersion: z.number().int().min(1) }),
              z.object({
                type: z.literal('return'),
                reason: text(500),
                expectedVersion: z.number().int().min(1),
              }),
            ]),
          },
        },
      },
    },
    responses: { 200: json(Anything, 'The task'), ...errorResponses(400, 401, 403, 404, 409) },
  }),
  planVisit: createRoute({
    method: 'post',
    path: '/supervision/mystery-visits',
    tags,
    security,
    summary: 'Plan a mystery visit (head office): the answer holds the shopper’s link, shown once',
    request: {
      body: {
        required: true,
        content: {
          'application/json': {
            schema: z.object({
              outletId: OutletIdSchema,
              deadline: z.string().datetime({ offset: true }),
              pseudonym: z.string().trim().min(1).max(40).optional(),
            }),
          },
        },
      },
    },
    responses: { 201: json(Anything, 'Planned'), ...errorResponses(400, 401, 403, 404) },
  }),
  visits: createRoute({
    method: 'get',
    path: '/supervision/mystery-visits',
    tags,
    security,
    summary: 'Head office’s mystery visits of a half-year',
    request: { query: z.object({ halfYear: z.string().regex(/^20\d\d-H[12]$/, 'field.invalid') }) },
    responses: {
      200: json(z.object({ items: z.array(Anything) }), 'Visits'),
      ...errorResponses(400, 401, 403),
    },
  }),
  photoUpload: createRoute({
    method: 'post',
    path: '/supervision/photo-uploads',
    tags,
    security,
    summary:
      'A presigned POST for one photo of an inspection being filled (its client-made id) or of a task’s answer; S3 enforces the key, type and size',
    request: {
      body: { required: true, content: { 'application/json': { schema: PhotoUploadSchema } } },
    },
    responses: {
      201: json(PhotoUploadAnswer, 'Where and how to upload'),
      ...errorResponses(400, 401, 403, 404),
    },
  }),
  photo: createRoute({
    method: 'get',
    path: '/supervision/photos',
    tags,
    security,
    summary:
      'A photo by its key (`?key=photos/…`; also GET /supervision/photos/{key+}, what follows it taken as the key): 302 to a presigned GET valid 5 minutes, for a caller who may see its inspection or task (404 otherwise); pages use it as <img src>',
    request: {
      query: z.object({ key: PhotoSchema }),
    },
    responses: { 302: { description: 'To the photo' }, ...errorResponses(401, 404) },
  }),
  photoUploadByLink: createRoute({
    method: 'post',
    path: '/mystery/{token}/photo-uploads',
    tags,
    summary: 'A presigned POST for one photo of the mystery visit the link opens (no sign-in)',
    request: {
      params: TokenParam,
      body: { required: true, content: { 'application/json': { schema: PhotoUploadSchema } } },
    },
    responses: { 201: json(PhotoUploadAnswer, 'Where and how to upload'), ...errorResponses(400, 404) },
  }),
  byLink: createRoute({
    method: 'get',
    path: '/mystery/{token}',
    tags,
    summary: 'What a mystery shopper’s link opens: the outlet, the deadline and the checklist (no sign-in)',
    request: { params: TokenParam },
    responses: { 200: json(Anything, 'The visit'), ...errorResponses(400, 404) },
  }),
  submitByLink: createRoute({
    method: 'post',
    path: '/mystery/{token}/inspections',
    tags,
    summary: 'Submit the mystery visit the link opens (once; blind until head office releases it)',
    request: {
      params: TokenParam,
      body: { required: true, content: { 'application/json': { schema: InspectionRequestSchema } } },
    },
    responses: {
      201: json(Anything, 'Recorded'),
      200: json(Anything, 'Already recorded (a retry)'),
      ...errorResponses(400, 404, 409),
    },
  }),
  circular: createRoute({
    method: 'get',
    path: '/supervision/circular',
    tags,
    security,
    summary:
      'The month’s circular (通报): scores by outlet and region ranked, the most failed items, red-line findings, rectifications not in time; `format=csv` with `table=` answers one table',
    request: {
      query: z.object({
        month: MonthSchema,
        format: z.enum(['json', 'csv']).default('json'),
        table: z.enum(CIRCULAR_TABLES).default('outlets'),
        lang: LanguageSchema.optional(),
      }),
    },
    responses: {
      200: {
        description: 'The circular',
        content: {
          'application/json': { schema: Anything },
          'text/csv': { schema: z.string().openapi({ description: 'With `format=csv`: UTF-8 with a BOM' }) },
        },
      },
      ...errorResponses(400, 401, 403),
    },
  }),
  publishCircular: createRoute({
    method: 'post',
    path: '/supervision/circular/publications',
    tags,
    security,
    summary:
      'Publish a month’s circular (通报) once it has ended (the supervision centre): every outlet manager is told by one message on the alerts topic (`audience` `outlet-manager`)',
    request: {
      body: {
        required: true,
        content: { 'application/json': { schema: z.object({ month: MonthSchema }).strict() } },
      },
    },
    responses: {
      201: json(
        z
          .object({
            month: z.string(),
            publishedAt: z.string().openapi({ description: 'ISO-8601 UTC' }),
            publishedBy: z.string().openapi({ description: 'The publisher’s display name' }),
          })
          .openapi('CircularPublication'),
        'Published',
      ),
      ...errorResponses(400, 401, 403, 409),
    },
  }),
};

export function supervisionRoutes({ supervision, directory }: StaffServices, timeZone: string) {
  const router = createRouter();
  router.use('/supervision/*', requirePrincipal());
  // A photo with its key in the path (`/supervision/photos/inspections/…`, or `…/photos/photos/…`):
  // the same as `?key=`, for pages that put it in <img src> as a path.
  router.get('/supervision/photos/:rest{.+}', async (c) => {
    const rest = c.req.param('rest');
    const key = rest.startsWith('photos/') ? rest : `photos/${rest}`;
    if (key.length > 200 || !/^photos\/[A-Za-z0-9/_.-]+$/.test(key)) throw notFound('notFound.photo');
    return c.redirect(await supervision.photoUrl(principalOf(c), key), 302);
  });
  return router
    .openapi(routes.checklist, async (c) => {
      const { id } = c.req.valid('param');
      return c.json(await supervision.checklist(id, c.req.valid('query').version), 200);
    })
    .openapi(routes.versions, async (c) => {
      return c.json({ items: await supervision.versions(c.req.valid('param').id) }, 200);
    })
    .openapi(routes.publish, async (c) => {
      const { expectedVersion, ...draft } = c.req.valid('json');
      return c.json(
        await supervision.publish(principalOf(c), c.req.valid('param').id, draft, expectedVersion),
        200,
      );
    })
    .openapi(routes.submit, async (c) => {
      const { status, inspection } = await supervision.submit(
        { kind: 'staff', principal: principalOf(c) },
        c.req.valid('json'),
      );
      return status === 201 ? c.json(inspection, 201) : c.json(inspection, 200);
    })
    .openapi(routes.list, async (c) => {
      return c.json({ items: await supervision.list(principalOf(c), c.req.valid('query')) }, 200);
    })
    .openapi(routes.get, async (c) =>
      c.json(await supervision.get(principalOf(c), c.req.valid('param').id), 200),
    )
    .openapi(routes.release, async (c) =>
      c.json(await supervision.release(principalOf(c), c.req.valid('param').id), 200),
    )
    .openapi(routes.rectifications, async (c) => {
      const { outletId, status } = c.req.valid('query');
      return c.json({ items: await supervision.rectifications(principalOf(c), outletId, status) }, 200);
    })
    .openapi(routes.rectify, async (c) => {
      const { expectedVersion, ...action } = c.req.valid('json');
      return c.json(
        await supervision.actOnRectification(
          principalOf(c),
          c.req.valid('param').id,
          action,
          expectedVersion,
        ),
        200,
      );
    })
    .openapi(routes.planVisit, async (c) => {
      const { visit, token } = await supervision.planVisit(principalOf(c), c.req.valid('json'));
      return c.json({ ...visit, token }, 201);
    })
    .openapi(routes.visits, async (c) => {
      return c.json({ items: await supervision.visits(principalOf(c), c.req.valid('query').halfYear) }, 200);
    })
    .openapi(routes.photoUpload, async (c) =>
      c.json(
        await supervision.presignPhoto({ kind: 'staff', principal: principalOf(c) }, c.req.valid('json')),
        201,
      ),
    )
    .openapi(routes.photo, async (c) =>
      c.redirect(await supervision.photoUrl(principalOf(c), c.req.valid('query').key), 302),
    )
    .openapi(routes.photoUploadByLink, async (c) =>
      c.json(
        await supervision.presignPhoto(
          { kind: 'mystery', token: c.req.valid('param').token },
          c.req.valid('json'),
        ),
        201,
      ),
    )
    .openapi(routes.byLink, async (c) => {
      const { visit, checklist } = await supervision.visitByLink(c.req.valid('param').token);
      const outlet = await directory.outlet(visit.outletId);
      // The shopper learns the outlet and the deadline, nothing of the plan or other visits.
      return c.json(
        {
          outletId: visit.outletId,
          outletName: outlet?.name,
          deadline: visit.deadline,
          pseudonym: visit.pseudonym,
          checklist,
        },
        200,
      );
    })
    .openapi(routes.circular, async (c) => {
      const { month, format, table } = c.req.valid('query');
      const lang = requestLanguage(c);
      const view = await supervision.circular(principalOf(c), month, lang);
      c.header('cache-control', 'no-store');
      if (format === 'json') {
        const { allOutlets: _, ...shown } = view;
        return c.json(shown, 200);
      }
      const time = (iso: string) => localDateTime(new Date(iso), timeZone);
      const csv =
        table === 'outlets'
          ? toCsv(outletColumns(lang), await view.allOutlets())
          : table === 'regions'
            ? toCsv(regionColumns(lang), view.regions)
            : table === 'items'
              ? toCsv(itemColumns(lang), view.mostFailed)
              : toCsv(redLineColumns(lang, time), view.redLineFindings);
      return csvResponse(c, `circular-${month}-${table}.csv`, csv);
    })
    .openapi(routes.publishCircular, async (c) => {
      const { month, publishedAt, publishedBy } = await supervision.publishCircular(
        principalOf(c),
        c.req.valid('json').month,
      );
      return c.json({ month, publishedAt, publishedBy }, 201);
    })
    .openapi(routes.submitByLink, async (c) => {
      const { status, inspection } = await supervision.submit(
        { kind: 'mystery', token: c.req.valid('param').token },
        c.req.valid('json'),
      );
      // The shopper is told it was received, and nothing of the score: it is head office's.
      const receipt = { id: inspection.id, submittedAt: inspection.submittedAt };
      return status === 201 ? c.json(receipt, 201) : c.json(receipt, 200);
    });
}
