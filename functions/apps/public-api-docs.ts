import * as z from 'zod/mini';
import type { Router } from '../http/app-env.js';
import type { PublicRoute } from '../http/public-route.js';
import { errorResponses } from '../http/schemas.js';

type JsonSchema = Record<string, unknown> & { properties?: Record<string, unknown>; required?: string[] };

/**
 * Writes the customers' routes (declared on `zod/mini`, served by the public function) into the
 * OpenAPI document the staff function serves, from the very schemas that validate them: request
 * parameters and bodies as they are accepted, responses as they are answered.
 */
export function documentPublicRoutes(api: Router, routes: readonly PublicRoute[]) {
  for (const route of routes) {
    api.openAPIRegistry.registerPath({
      method: route.method,
      path: route.path,
      tags: route.tags,
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query')],
      request: route.body
        ? {
            body: {
              required: true,
              content: { 'application/json': { schema: jsonSchema(route.body, 'input') } },
            },
          }
        : {},
      responses: {
        ...Object.fromEntries(
          route.responses.map((r) => [
            r.status,
            {
              description: r.description,
              content: { 'application/json': { schema: jsonSchema(r.schema, 'output') } },
            },
          ]),
        ),
        ...errorResponses(...route.errors),
      },
    } as Parameters<Router['openAPIRegistry']['registerPath']>[0]);
  }
}

function jsonSchema(schema: z.ZodMiniType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

function parameters(schema: z.ZodMiniObject | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const { properties = {}, required = [] } = jsonSchema(schema, 'input');
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || required.includes(name),
    schema: property,
  }));
}
