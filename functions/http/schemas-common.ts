import { z } from '@hono/zod-openapi';
import { LANGUAGES } from '../domain/language.js';
import { OUTLET_ID_PATTERN } from '../domain/outlet.js';

export const OutletIdSchema = z
  .string()
  .regex(OUTLET_ID_PATTERN, 'Use 2–40 lower-case letters, digits and hyphens')
  .openapi({ example: 'sh-lujiazui' });
export const OutletKeySchema = z
  .string()
  .min(8)
  .max(64)
  .openapi({ description: 'The key printed in the QR code' });
export const LanguageSchema = z.enum(LANGUAGES);
export const SubmissionIdSchema = z.uuid('Use a UUID made by the client').openapi({
  description: 'Made by the client once per submission; a retry sends the same one',
});
export const ScoreSchema = z.number().int('Use a whole number from 1 to 5').min(1).max(5);
