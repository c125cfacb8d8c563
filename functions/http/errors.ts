import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { $ZodError as ZodError } from 'zod/v4/core';
import { Refusal, type RefusalKind } from '../domain/errors.js';

/**
 * Answers that only exist at the HTTP edge (no or bad token, an over-size body). Everything a
 * use case refuses is a domain `Refusal`, mapped below.
 */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const unauthorized = (message = 'Sign-in required') => new ApiError(401, 'unauthorized', message);

/** The one mapping from a domain refusal to an HTTP answer: status and the stable `error` code pages switch on. */
const answers: Record<RefusalKind, { status: ContentfulStatusCode; code: string }> = {
  invalid: { status: 400, code: 'validation' },
  forbidden: { status: 403, code: 'forbidden' },
  'not-found': { status: 404, code: 'not_found' },
  conflict: { status: 409, code: 'conflict' },
  'rate-limited': { status: 429, code: 'rate_limited' },
  unavailable: { status: 503, code: 'unavailable' },
};

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
  if (err instanceof Refusal) {
    const { status, code } = answers[err.kind];
    if (err.retryAfterSeconds !== undefined) c.header('Retry-After', String(err.retryAfterSeconds));
    const retry = err.retryAfterSeconds === undefined ? {} : { retryAfter: err.retryAfterSeconds };
    return c.json({ error: code, message: err.message, ...err.details, ...retry }, status);
  }
  if (err instanceof ApiError) return c.json({ error: err.code, message: err.message }, err.status);
  if (err instanceof HTTPException) {
    // hono raises these for malformed JSON, over-size bodies and the like: the client's mistake.
    const status = err.status;
    const message = status === 400 ? 'Malformed request body' : err.message || 'Request refused';
    return c.json({ error: status === 413 ? 'payload_too_large' : 'bad_request', message }, status);
  }
  log(err);
  return c.json({ error: 'internal', message: 'Something went wrong on our side; please try again' }, 500);
}
