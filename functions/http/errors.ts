import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';

/**
 * Errors a handler throws on purpose: each becomes a JSON answer with a stable `error` code
 * that pages and clients switch on, and a human `message`.
 */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const notFound = (message = 'Not found') => new ApiError(404, 'not_found', message);
export const forbidden = (message = 'Forbidden') => new ApiError(403, 'forbidden', message);
export const unauthorized = (message = 'Sign-in required') => new ApiError(401, 'unauthorized', message);
export const conflict = (message: string, extra: Record<string, unknown> = {}) =>
  new ApiError(409, 'conflict', message, extra);
export const tooManyRequests = (message: string, retryAfterSeconds: number) =>
  new ApiError(
    429,
    'rate_limited',
    message,
    { retryAfter: retryAfterSeconds },
    {
      'Retry-After': String(retryAfterSeconds),
    },
  );

/** `{"a.b": "message"}` from a zod error: the field-level shape every 400 uses. */
export function fieldErrors(error: ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || '(body)';
    fields[path] ??= issue.message;
  }
  return fields;
}

export function validationResponse(c: Context, error: ZodError) {
  return c.json({ error: 'validation', message: 'Some fields are invalid', fields: fieldErrors(error) }, 400);
}

export function errorResponse(c: Context, err: unknown, log: (e: unknown) => void) {
  if (err instanceof ApiError) {
    for (const [name, value] of Object.entries(err.headers)) c.header(name, value);
    return c.json({ error: err.code, message: err.message, ...err.extra }, err.status);
  }
  if (err instanceof HTTPException) {
    // hono raises these for malformed JSON, over-size bodies and the like: the client's mistake.
    const status = err.status;
    const message = status === 400 ? 'Malformed request body' : err.message || 'Request refused';
    return c.json({ error: status === 413 ? 'payload_too_large' : 'bad_request', message }, status);
  }
  log(err);
  return c.json({ error: 'internal', message: 'Something went wrong on our side; please try again' }, 500);
}
