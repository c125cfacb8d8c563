import { createHash, timingSafeEqual } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { MiddlewareHandler } from 'hono';
import * as z from 'zod/mini';
import { forbidden, RETRY_AFTER_UNAVAILABLE_SECONDS, unavailable } from '../domain/errors.js';

/**
 * How a request proves it came through CloudFront: CloudFront adds `x-origin-verify`, with a value
 * from Secrets Manager clients never see (infra/web.ts), to every request it forwards to the API,
 * and writes the viewer's address into `x-viewer-address` over anything the client sent. Named
 * once here: the stack sets them and the functions read them.
 */
export const ORIGIN_VERIFY_HEADER = 'x-origin-verify';
export const VIEWER_ADDRESS_HEADER = 'x-viewer-address';

/**
 * The secret's JSON: the value CloudFront is to send, and, after a rotation
 * (`npm run rotate-origin-verify`), the value it sent before and when that was replaced. The
 * stack generates `{"value": …}` at deploy time (infra/secrets.ts).
 */
export interface OriginVerifySecret {
  value: string;
  previous?: { value: string; retiredAt: string } | undefined;
}

export const originVerifySecretSchema = z.object({
  value: z.string().check(z.minLength(16)),
  previous: z.optional(z.object({ value: z.string().check(z.minLength(16)), retiredAt: z.iso.datetime() })),
});

/**
 * Until when the value a rotation replaced is still accepted: CloudFront's origin header is
 * changed by hand after the rotation (its `{{resolve:secretsmanager}}` reference is read only when
 * CloudFormation updates the distribution), and its edges pick the change up one by one, so for a
 * while both values arrive. None without a rotation.
 */
export function previousAcceptedUntil(secret: OriginVerifySecret, overlapHours: number): Date | undefined {
  if (!secret.previous) return undefined;
  return new Date(Date.parse(secret.previous.retiredAt) + overlapHours * 3_600_000);
}

/**
 * Whether `proof` (the header's value) is the current value or, until its overlap ends, the
 * previous one. Nothing is accepted before the secret has been read. Each candidate is compared
 * in constant time, on digests so that not even the lengths are compared as such, and every
 * candidate is compared whatever the first gave.
 */
export function acceptsOriginProof(
  secret: OriginVerifySecret | undefined,
  proof: string | undefined,
  now: Date,
  overlapHours: number,
): boolean {
  if (!secret || !proof) return false;
  const candidates = [secret.value];
  const until = previousAcceptedUntil(secret, overlapHours);
  if (secret.previous && until && now.getTime() < until.getTime()) candidates.push(secret.previous.value);
  const given = digest(proof);
  return candidates.reduce(
    (accepted, candidate) => timingSafeEqual(digest(candidate), given) || accepted,
    false,
  );
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** A rotation: the new value is current, and the one it replaces is accepted for the overlap. */
export function rotateOriginVerify(
  secret: OriginVerifySecret,
  newValue: string,
  now: Date,
): OriginVerifySecret {
  return { value: newValue, previous: { value: secret.value, retiredAt: now.toISOString() } };
}

/**
 * The origin-verify secret in AWS, read at run time from Secrets Manager (never an environment
 * variable, which anyone allowed to read the function's configuration could see). `refresh()`
 * runs before each request and costs nothing while the loader's cache is fresh (Powertools, five
 * minutes), so a rotation reaches every instance within that time; the checks themselves
 * (`accepts()`) stay synchronous. A failed read keeps the last secret read; until a first read
 * succeeds, nothing is accepted.
 */
export class OriginVerify {
  private secret: OriginVerifySecret | undefined;

  constructor(
    private readonly load: () => Promise<OriginVerifySecret>,
    private readonly overlapHours: number,
  ) {}

  async refresh(): Promise<unknown> {
    try {
      this.secret = await this.load();
      return undefined;
    } catch (error) {
      return error;
    }
  }

  current(): OriginVerifySecret | undefined {
    return this.secret;
  }

  accepts(proof: string | undefined, now: Date): boolean {
    return acceptsOriginProof(this.secret, proof, now, this.overlapHours);
  }
}

/**
 * The gate in front of every route of the public and staff functions in AWS (installed by
 * handlers/aws-dependencies.ts; the local server is not behind CloudFront and has none): a request
 * that does not carry the origin-verify value did not come through CloudFront, so it skipped the
 * WAF's rate rules and managed rule groups, and is refused with 403 before any route, token check
 * or table read. While the secret has never been read (Secrets Manager unreachable at a cold
 * start), nothing can be checked: 503 with Retry-After, as for any dependency that is down.
 * Neither the header's value nor the secret is ever logged.
 */
export function originGate(origin: OriginVerify, now: () => Date, logger: Logger): MiddlewareHandler {
  return async (c, next) => {
    const failed = await origin.refresh();
    if (failed) logger.warn('Could not read the origin-verify secret', { error: failed as Error });
    if (!origin.current()) {
      throw unavailable('unavailable.originVerify', RETRY_AFTER_UNAVAILABLE_SECONDS);
    }
    const proof = c.req.header(ORIGIN_VERIFY_HEADER);
    if (!origin.accepts(proof, now())) {
      logger.warn('Refused a request that did not come through CloudFront', {
        method: c.req.method,
        path: c.req.path,
        originVerifyHeader: proof === undefined ? 'missing' : 'wrong',
      });
      throw forbidden('forbidden.originVerify');
    }
    await next();
  };
}
