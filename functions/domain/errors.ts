import type { Message, MessageKey } from './messages.js';

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
    /** What to tell the caller, said in their language at the HTTP edge (domain/messages.ts). */
    readonly said: Message,
    /** Extra facts for the caller: `fields` (each a Message), `allowed`, `status`, `version`, … */
    readonly details: Record<string, unknown> = {},
    readonly retryAfterSeconds?: number,
  ) {
    super(said.key);
  }
}

type Said = Message | MessageKey;
const asMessage = (said: Said): Message => (typeof said === 'string' ? { key: said } : said);

export const invalid = (fields: Record<string, Said>, said: Said = 'fields.invalid') =>
  new Refusal('invalid', asMessage(said), {
    fields: Object.fromEntries(Object.entries(fields).map(([field, m]) => [field, asMessage(m)])),
  });
export const notFound = (said: Said) => new Refusal('not-found', asMessage(said));
export const forbidden = (said: Said = 'forbidden.role') => new Refusal('forbidden', asMessage(said));
export const conflict = (said: Said, details: Record<string, unknown> = {}) =>
  new Refusal('conflict', asMessage(said), details);
export const rateLimited = (said: Said, retryAfterSeconds: number) =>
  new Refusal('rate-limited', asMessage(said), {}, Math.max(1, Math.ceil(retryAfterSeconds)));
/** What a client is told to wait after a 503 (a dependency down) before trying again. */
export const RETRY_AFTER_UNAVAILABLE_SECONDS = 5;
export const unavailable = (said: Said, retryAfterSeconds: number) =>
  new Refusal('unavailable', asMessage(said), {}, retryAfterSeconds);
