import { OpenAPIHono } from '@hono/zod-openapi';
import type { Principal } from '../auth/principal.js';
import type { Language } from '../domain/language.js';
import { validationResponse } from './errors.js';
import { noteBodyLanguage } from './language.js';

export type AppEnv = {
  Variables: {
    requestId: string;
    principal?: Principal;
    /** The language a request's body asked for (http/language.ts). */
    lang?: Language;
  };
};

/** A router whose zod validation failures all answer the same 400 with field-level messages. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (result.success) return;
      // The validator hands its hook the value it checked, failed or not.
      const { data } = result as unknown as { data: unknown };
      if (result.target === 'json') noteBodyLanguage(c, data);
      return validationResponse(c, result.error, data);
    },
  });
}

export type Router = ReturnType<typeof createRouter>;
