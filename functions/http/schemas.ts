import { z } from '@hono/zod-openapi';

/** Shapes shared by many routes, registered once in the OpenAPI document. */
export const ErrorSchema = z
  .object({
    error: z.string().openapi({ example: 'not_found' }),
    message: z.string(),
    fields: z
      .record(z.string(), z.string())
      .optional()
      .openapi({ example: { rating: 'Too big' } }),
    retryAfter: z.number().int().optional(),
  })
  .openapi('Error');

export const errorResponses = (...codes: (400 | 401 | 403 | 404 | 409 | 429 | 503)[]) =>
  Object.fromEntries(
    codes.map((code) => [
      code,
      { description: errorDescriptions[code], content: { 'application/json': { schema: ErrorSchema } } },
    ]),
  );

const errorDescriptions = {
  400: 'Invalid input; `fields` names each problem',
  401: 'Missing or invalid bearer token',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflicts with the current state',
  429: 'Too many requests; see Retry-After',
  503: 'A dependency is unavailable',
} as const;
