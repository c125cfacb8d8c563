/**
 * Why a use case refused. Services and domain functions throw these and know nothing of HTTP;
 * the one place that turns them into status codes is http/errors.ts.
 */
export type RefusalKind =
  /** The input breaks a rule; `fields` names each problem. */
  | 'invalid'
  /** No such thing, or not within the caller's reach (the two are answered alike). */
  | 'not-found'
  /** The caller's role does not allow it. */
  | 'forbidden'
  /** It conflicts with the current state (a used submissionId, a stale version, a transition not allowed now). */
  | 'conflict'
  /** Too many tries; `retryAfterSeconds` says when to come back. */
  | 'rate-limited'
  /** A dependency (the database) cannot be reached now; `retryAfterSeconds` says when to retry. */
  | 'unavailable';

export class Refusal extends Error {
  override readonly name = 'Refusal';

  constructor(
    readonly kind: RefusalKind,
    message: string,
    /** Extra facts for the caller: `fields`, `allowed`, `status`, `version`, … */
    readonly details: Record<string, unknown> = {},
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

export const invalid = (fields: Record<string, string>, message = 'Some fields are invalid') =>
  new Refusal('invalid', message, { fields });
export const notFound = (message = 'Not found') => new Refusal('not-found', message);
export const forbidden = (message = 'Your role does not allow this') => new Refusal('forbidden', message);
export const conflict = (message: string, details: Record<string, unknown> = {}) =>
  new Refusal('conflict', message, details);
export const rateLimited = (message: string, retryAfterSeconds: number) =>
  new Refusal('rate-limited', message, {}, Math.max(1, Math.ceil(retryAfterSeconds)));
/** What a client is told to wait after a 503 (a dependency down) before trying again. */
export const RETRY_AFTER_UNAVAILABLE_SECONDS = 5;
export const unavailable = (message: string, retryAfterSeconds: number) =>
  new Refusal('unavailable', message, {}, retryAfterSeconds);
