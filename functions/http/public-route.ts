import type { Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import * as z from 'zod/mini';
import { invalid } from '../domain/errors.js';
import type { AppEnv } from './app-env.js';
import { fieldErrors } from './errors.js';
import { noteBodyLanguage } from './language.js';
import './zod-english.js';

/**
 * The customers' routes (the public function) are declared with this instead of
 * `@hono/zod-openapi`: the same idea — one schema validates the request, types the handler and
 * writes the API document — on `zod/mini`, which loads in a third of the time of zod's classic
 * API. A customer's phone waits for every cold start of the public function; the staff function
 * turns these declarations into its OpenAPI document (apps/public-api-docs.ts), so the public
 * bundle carries no document generator at all.
 */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 429 | 503;

export interface PublicRoute {
  method: 'get' | 'post';
  /** OpenAPI style: `/complaints/{trackingNo}`. */
  path: string;
  tags: string[];
  summary: string;
  description?: string;
  params?: z.ZodMiniObject;
  query?: z.ZodMiniObject;
  body?: z.ZodMiniType;
  /** What it answers besides the shared refusals, and the shape of each. */
  responses: { status: 200 | 201 | 503; description: string; schema: z.ZodMiniType }[];
  /** The refusals it may answer, in the shared error shape. */
  errors: readonly ErrorStatus[];
}

type Parsed<S> = S extends z.ZodMiniType ? z.output<S> : undefined;
export type RouteInput<R extends PublicRoute> = {
  params: Parsed<R['params']>;
  query: Parsed<R['query']>;
  body: Parsed<R['body']>;
};

/** Declares a route; the identity, kept for the types it infers. */
export const publicRoute = <const R extends PublicRoute>(route: R): R => route;

/**
 * Serves a route on `router`: its params, query and JSON body are checked against its schemas
 * (a 400 naming each field, a 415 for a body that is not JSON) before the handler runs with the
 * values as the schemas left them.
 */
export function serve<R extends PublicRoute>(
  router: Hono<AppEnv>,
  route: R,
  handler: (c: Context<AppEnv>, input: RouteInput<R>) => Response | Promise<Response>,
) {
  router.on(route.method.toUpperCase(), route.path.replaceAll(/\{(\w+)\}/g, ':$1'), async (c) => {
    const input = {
      params: route.params ? check(route.params, c.req.param()) : undefined,
      query: route.query ? check(route.query, c.req.query()) : undefined,
      body: route.body ? check(route.body, await jsonBody(c)) : undefined,
    } as RouteInput<R>;
    return handler(c, input);
  });
}

/**
 * Synchronous: no customer schema refines asynchronously, and zod's async parse costs a promise
 * per schema node on every request (a schema that ever did would throw here, in every test).
 */
function check<S extends z.ZodMiniType>(schema: S, value: unknown): z.output<S> {
  const result = z.safeParse(schema, value);
  if (!result.success) throw invalid(fieldErrors(result.error, value));
  return result.data;
}

async function jsonBody(c: Context<AppEnv>): Promise<unknown> {
  // The whole media type: `application/json`, `application/problem+json`, with parameters after
  // `;`, but not `application/jsonp` or `application/json-seq`.
  if (!/^application\/([\w.+-]*\+)?json\s*(;|$)/i.test(c.req.header('content-type') ?? ''))
    throw new HTTPException(415, { message: 'Send the body as application/json' });
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new HTTPException(400, { message: 'Malformed request body' });
  }
  noteBodyLanguage(c, body);
  return body;
}

/**
 * A copy of `schema` with a description (and an example) for the API document. A copy, because
 * zod keeps descriptions per schema object: describing a shared schema in one route would
 * rewrite it in every other.
 */
export function described<S extends z.ZodMiniType>(
  schema: S,
  meta: { description?: string; example?: unknown },
): S {
  const copy = schema.clone() as S;
  z.globalRegistry.add(copy, {
    ...(meta.description ? { description: meta.description } : {}),
    ...(meta.example === undefined ? {} : { examples: [meta.example] }),
  });
  return copy;
}
