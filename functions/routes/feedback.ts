import type { Hono } from 'hono';
import * as z from 'zod/mini';
import type { Dependencies } from '../dependencies.js';
import { ASPECTS } from '../domain/statistics/rating-totals.js';
import type { AppEnv } from '../http/app-env.js';
import { described, publicRoute, serve } from '../http/public-route.js';
import {
  LanguageSchema,
  OutletIdSchema,
  OutletKeySchema,
  ScoreSchema,
  SubmissionIdSchema,
  text,
} from '../http/public-schemas.js';
import type { PublicServices } from '../services/public-services.js';

const AspectsSchema = described(
  z.strictObject(
    Object.fromEntries(ASPECTS.map((a) => [a, z.optional(ScoreSchema)])) as Record<
      (typeof ASPECTS)[number],
      z.ZodMiniOptional<typeof ScoreSchema>
    >,
  ),
  { description: 'Optional scores (1–5) of four aspects of the visit' },
);

const CommentSchema = described(text(500), {
  description: 'Stored as plain text and escaped wherever shown',
});

const FeedbackRequestSchema = z.object({
  outletId: OutletIdSchema,
  k: OutletKeySchema,
  submissionId: SubmissionIdSchema,
  rating: described(ScoreSchema, { description: '1 very unsatisfied … 5 very satisfied' }),
  aspects: z.optional(AspectsSchema),
  comment: z.optional(CommentSchema),
  lang: z.optional(LanguageSchema),
  deviceId: z.optional(
    z.string().check(z.minLength(8), z.maxLength(64), z.regex(/^[\w-]+$/, 'field.deviceId')),
  ),
});

const DetailsRequestSchema = z.object({
  outletId: OutletIdSchema,
  k: OutletKeySchema,
  submissionId: SubmissionIdSchema,
  aspects: z.optional(AspectsSchema),
  comment: z.optional(CommentSchema),
});

const FeedbackCreatedSchema = z.object({
  id: described(z.string(), { example: '20261124-7k3m9x2q4w8r5t6y' }),
});

export const rateRoute = publicRoute({
  method: 'post',
  path: '/feedback',
  tags: ['customers'],
  summary: 'Rate a visit (one tap)',
  description:
    'Idempotent by submissionId: the same submission again answers 200 with the same id, whatever the limits; a different body with a used submissionId answers 409. One conditional write of one item.',
  body: FeedbackRequestSchema,
  responses: [
    { status: 201, description: 'Recorded', schema: FeedbackCreatedSchema },
    { status: 200, description: 'Already recorded (a retry)', schema: FeedbackCreatedSchema },
  ],
  errors: [400, 403, 404, 409, 429, 503],
});

export const detailsRoute = publicRoute({
  method: 'post',
  path: '/feedback/{id}/details',
  tags: ['customers'],
  summary: 'Add the optional aspects and comment to a rating',
  params: z.object({ id: z.string().check(z.maxLength(40)) }),
  body: DetailsRequestSchema,
  responses: [{ status: 200, description: 'Details stored', schema: FeedbackCreatedSchema }],
  errors: [400, 403, 404, 409, 503],
});

export function serveFeedback(router: Hono<AppEnv>, deps: Dependencies, { feedback }: PublicServices) {
  serve(router, rateRoute, async (c, { body }) => {
    const { k, ...submission } = body;
    const result = await feedback.submit(submission, k, deps.clientAddress(c));
    return c.json({ id: result.id }, result.status);
  });
  serve(router, detailsRoute, async (c, { params, body }) =>
    c.json(await feedback.addDetails(params.id, body), 200),
  );
}
