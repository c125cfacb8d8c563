import { createRoute, z } from '@hono/zod-openapi';
import type { Dependencies } from '../dependencies.js';
import { ASPECTS } from '../domain/statistics/rating-totals.js';
import { createRouter } from '../http/app-env.js';
import { errorResponses } from '../http/schemas.js';
import {
  LanguageSchema,
  OutletIdSchema,
  OutletKeySchema,
  ScoreSchema,
  SubmissionIdSchema,
} from '../http/schemas-common.js';
import type { PublicServices } from '../services/public-services.js';

const AspectsSchema = z
  .object(
    Object.fromEntries(ASPECTS.map((a) => [a, ScoreSchema.optional()])) as Record<
      (typeof ASPECTS)[number],
      z.ZodOptional<typeof ScoreSchema>
    >,
  )
  .strict()
  .openapi('Aspects', { description: 'Optional scores (1–5) of four aspects of the visit' });

const CommentSchema = z.string().trim().max(500, 'At most 500 characters').openapi({
  description: 'Stored as plain text and escaped wherever shown',
});

const FeedbackRequestSchema = z
  .object({
    outletId: OutletIdSchema,
    k: OutletKeySchema,
    submissionId: SubmissionIdSchema,
    rating: ScoreSchema.openapi({ description: '1 very unsatisfied … 5 very satisfied' }),
    aspects: AspectsSchema.optional(),
    comment: CommentSchema.optional(),
    lang: LanguageSchema.optional(),
    deviceId: z
      .string()
      .min(8)
      .max(64)
      .regex(/^[\w-]+$/, 'Letters, digits, - and _ only')
      .optional(),
  })
  .openapi('FeedbackRequest');

const DetailsRequestSchema = z
  .object({
    outletId: OutletIdSchema,
    k: OutletKeySchema,
    submissionId: SubmissionIdSchema,
    aspects: AspectsSchema.optional(),
    comment: CommentSchema.optional(),
  })
  .openapi('FeedbackDetailsRequest');

const FeedbackCreatedSchema = z
  .object({ id: z.string().openapi({ example: '20261124-7k3m9x2q4w8r5t6y' }) })
  .openapi('FeedbackCreated');
const json = (schema: z.ZodType, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const submitRoute = createRoute({
  method: 'post',
  path: '/feedback',
  tags: ['customers'],
  summary: 'Rate a visit (one tap)',
  description:
    'Idempotent by submissionId: the same submission again answers 200 with the same id, whatever the rate limits; a different body with a used submissionId answers 409.',
  request: { body: { required: true, content: { 'application/json': { schema: FeedbackRequestSchema } } } },
  responses: {
    201: json(FeedbackCreatedSchema, 'Recorded'),
    200: json(FeedbackCreatedSchema, 'Already recorded (a retry)'),
    ...errorResponses(400, 403, 404, 409, 429),
  },
});

const detailsRoute = createRoute({
  method: 'post',
  path: '/feedback/{id}/details',
  tags: ['customers'],
  summary: 'Add the optional aspects and comment to a rating',
  request: {
    params: z.object({ id: z.string().max(40) }),
    body: { required: true, content: { 'application/json': { schema: DetailsRequestSchema } } },
  },
  responses: { 200: json(FeedbackCreatedSchema, 'Details stored'), ...errorResponses(400, 403, 404, 409) },
});

export const feedbackDefinitions = [submitRoute, detailsRoute];

export function feedbackRoutes(deps: Dependencies, { feedback }: PublicServices) {
  return createRouter()
    .openapi(submitRoute, async (c) => {
      const { k, ...submission } = c.req.valid('json');
      const result = await feedback.submit(submission, k, deps.clientAddress(c));
      return c.json({ id: result.id }, result.status);
    })
    .openapi(detailsRoute, async (c) =>
      c.json(await feedback.addDetails(c.req.valid('param').id, c.req.valid('json')), 200),
    );
}
