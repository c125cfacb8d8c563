import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { $ZodError as ZodError, $ZodIssue as ZodIssue } from 'zod/v4/core';
import { invalid, Refusal, type RefusalKind } from '../domain/errors.js';
import { isMessageKey, type Message, type MessageKey, message, say } from '../domain/messages.js';
import type { AppEnv } from './app-env.js';
import { requestLanguage } from './language.js';

/**
 * Answers that only exist at the HTTP edge (no or bad token, an over-size body). Everything a
 * use case refuses is a domain `Refusal`, mapped below.
 */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    readonly said: Message,
  ) {
    super(said.key);
  }
}

export const unauthorized = (key: MessageKey = 'unauthorized.required') =>
  new ApiError(401, 'unauthorized', message(key));

/** The one mapping from a domain refusal to an HTTP answer: status and the stable `error` code pages switch on. */
const answers: Record<RefusalKind, { status: ContentfulStatusCode; code: string }> = {
  invalid: { status: 400, code: 'validation' },
  forbidden: { status: 403, code: 'forbidden' },
  'not-found': { status: 404, code: 'not_found' },
  conflict: { status: 409, code: 'conflict' },
  'rate-limited': { status: 429, code: 'rate_limited' },
  unavailable: { status: 503, code: 'unavailable' },
};

/**
 * `{"a.b": message}` from a zod error: the field-level shape every 400 uses. A schema's own
 * message is a key of the catalogue (domain/messages.ts); an issue without one is worded by its
 * kind (missing, too long, not one of the choices…), with the limits zod reports. `input` is what
 * was parsed, to tell a missing field from a wrong one.
 */
export function fieldErrors(error: ZodError, input?: unknown): Record<string, Message> {
  const fields: Record<string, Message> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || '(body)';
    fields[path] ??= messageFor(issue, valueAt(input, issue.path));
  }
  return fields;
}

function messageFor(issue: ZodIssue, value: unknown): Message {
  const limits = {
    ...('minimum' in issue ? { min: Number(issue.minimum) } : {}),
    ...('maximum' in issue ? { max: Number(issue.maximum) } : {}),
  };
  if (isMessageKey(issue.message)) return message(issue.message, limits);
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return message('field.required');
      return message(issue.expected === 'int' ? 'field.wholeNumber' : 'field.invalid');
    case 'too_small':
      if (issue.origin === 'string')
        return message(issue.minimum === 1 ? 'field.required' : 'field.tooShort', limits);
      return message('field.tooSmall', limits);
    case 'too_big':
      return message(issue.origin === 'string' ? 'field.tooLong' : 'field.tooBig', limits);
    case 'invalid_value':
    case 'invalid_union':
      return message(value === undefined ? 'field.required' : 'field.choose');
    case 'unrecognized_keys':
      return message('field.unknown');
    case 'not_multiple_of':
      return message('field.wholeNumber');
    default:
      return message('field.invalid');
  }
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const step of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = Object.hasOwn(value, step) ? (value as Record<PropertyKey, unknown>)[step] : undefined;
  }
  return value;
}

export function validationResponse(c: Context<AppEnv>, error: ZodError, input?: unknown) {
  return errorResponse(c, invalid(fieldErrors(error, input)), () => {});
}

export function errorResponse(c: Context<AppEnv>, err: unknown, log: (e: unknown) => void) {
  const lang = requestLanguage(c);
  if (err instanceof Refusal) {
    const { status, code } = answers[err.kind];
    if (err.retryAfterSeconds !== undefined) c.header('Retry-After', String(err.retryAfterSeconds));
    const retry = err.retryAfterSeconds === undefined ? {} : { retryAfter: err.retryAfterSeconds };
    const fields = err.details.fields as Record<string, Message> | undefined;
    const said = fields
      ? { fields: Object.fromEntries(Object.entries(fields).map(([field, m]) => [field, say(lang, m)])) }
      : {};
    return c.json({ error: code, message: say(lang, err.said), ...err.details, ...said, ...retry }, status);
  }
  if (err instanceof ApiError) return c.json({ error: err.code, message: say(lang, err.said) }, err.status);
  if (err instanceof HTTPException) {
    // hono raises these for malformed JSON, over-size bodies and the like: the client's mistake.
    const status = err.status;
    const key: MessageKey =
      status === 400 ? 'request.malformed' : status === 415 ? 'request.notJson' : 'request.refused';
    return c.json(
      { error: status === 413 ? 'payload_too_large' : 'bad_request', message: say(lang, key) },
      status,
    );
  }
  log(err);
  return c.json({ error: 'internal', message: say(lang, 'internal') }, 500);
}
