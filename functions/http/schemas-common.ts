import { z } from '@hono/zod-openapi';
import { LANGUAGES } from '../domain/language.js';
import { OUTLET_ID_PATTERN } from '../domain/outlet.js';

/**
 * Shapes the staff routes share, on zod's classic API (with `@hono/zod-openapi`). The customers'
 * routes declare theirs in `zod/mini` (public-schemas.ts) from the same domain rules.
 */
export const OutletIdSchema = z
  .string()
  .regex(OUTLET_ID_PATTERN, 'Use 2–40 lower-case letters, digits and hyphens')
  .openapi({ example: 'sh-lujiazui' });
export const LanguageSchema = z.enum(LANGUAGES);
