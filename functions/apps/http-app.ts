import { type Env, Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import type { Dependencies } from '../dependencies.js';
import { notFound } from '../domain/errors.js';
import { message } from '../domain/messages.js';
import type { AppEnv } from '../http/app-env.js';
import { authenticate } from '../http/auth.js';
import { ApiError, errorResponse } from '../http/errors.js';
import {
  API_CONTENT_SECURITY_POLICY,
  REFERRER_POLICY,
  STRICT_TRANSPORT_SECURITY,
} from '../http/security-headers.js';

export const API_PREFIX = '/api/v1';
const MAX_BODY_BYTES = 64 * 1024;

/**
 * The HTTP shell every app shares: request ids, security headers, the host's gate (if it has
 * one), the body limit, bearer-token authentication, and the one error mapping. `mount` adds the
 * routes to `api`, served under /api/v1; the public function, the staff function and the local
 * server differ only in what they mount (and the public one in its router: a plain Hono, with no
 * OpenAPI machinery to load).
 */
export function createHttpApp<Api extends Hono<AppEnv>>(
  deps: Dependencies,
  api: Api,
  mount: (api: Api, root: RootApp) => void,
) {
  const app: RootApp = new Hono<AppEnv>();
  // Registered before any route, so they wrap every answer, the pages mounted on the root too.
  // In Lambda, API Gateway's own request id (the logs' correlation id, see lambda-http.ts);
  // locally, a new UUID. Never one the client sends: logs must not be told what to call a request.
  app.use(async (c, next) => {
    const id = (c.env as { requestContext?: { requestId?: string } } | undefined)?.requestContext?.requestId;
    c.set('requestId', id ?? crypto.randomUUID());
    c.header('X-Request-Id', c.get('requestId'));
    await next();
  });
  useSecurityHeaders(app);
  // The host's own check, before anything else runs but after the headers above, so that its
  // refusal looks like every other answer (in AWS: the origin-verify gate).
  if (deps.gate) app.use(deps.gate);
  api.use(authenticate(deps.verifyToken));
  mount(api, app);

  app.use(`${API_PREFIX}/*`, limitBody(MAX_BODY_BYTES));
  app.route(API_PREFIX, api);
  app.notFound((c) => errorResponse(c, notFound('notFound.route'), () => {}));
  app.onError((err, c) =>
    errorResponse(c, err, (e) =>
      deps.logger.error('Unhandled error', { error: e as Error, path: c.req.path }),
    ),
  );
  return app;
}

/**
 * The API's security headers on every answer of `app` (the values in http/security-headers.ts),
 * for the apps above and for the few answers the local server makes outside them.
 */
export function useSecurityHeaders<E extends Env>(app: Hono<E>): void {
  app.use(
    secureHeaders({
      crossOriginResourcePolicy: 'same-origin',
      xFrameOptions: 'DENY',
      referrerPolicy: REFERRER_POLICY,
      strictTransportSecurity: STRICT_TRANSPORT_SECURITY,
    }),
  );
  // JSON gets the policy that allows nothing; a page the API serves (the API reference) sets its own.
  app.use(async (c, next) => {
    await next();
    if (!c.res.headers.has('content-security-policy'))
      c.res.headers.set('content-security-policy', API_CONTENT_SECURITY_POLICY);
  });
}

/**
 * At most `maxSize` bytes of body. A request that declares its length (every browser and SDK
 * POST; API Gateway always does) is judged by the header alone; only a chunked body is counted as
 * it streams, by hono's bodyLimit. hono's middleware alone would first ask for the body stream,
 * which on Node makes a full web Request and stream for every POST (a tenth of the local server's
 * CPU per rating), and the JSON reader then has to go through that stream instead of its fast path.
 */
function limitBody(maxSize: number): MiddlewareHandler {
  const tooLarge = () => {
    throw new ApiError(413, 'payload_too_large', message('request.tooLarge', { kb: maxSize / 1024 }));
  };
  const chunked = bodyLimit({ maxSize, onError: tooLarge });
  return async (c, next) => {
    const declared = c.req.header('content-length');
    if (declared === undefined || c.req.header('transfer-encoding') !== undefined) return chunked(c, next);
    if (Number(declared) > maxSize) tooLarge();
    await next();
  };
}

export type RootApp = Hono<AppEnv>;
export type HttpApp = ReturnType<typeof createHttpApp>;
