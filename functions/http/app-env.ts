import { OpenAPIHono } from '@hono/zod-openapi';
import type { Principal } from '../auth/principal.js';
import { validationResponse } from './errors.js';

export type AppEnv = {
  Variables: {
    requestId: string;
    principal?: Principal;
  };
};

/** A router whose zod validation failures all answer the same 400 with field-level messages. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) return validationResponse(c, result.error);
    },
  });
}

export type Router = ReturnType<typeof createRouter>;
