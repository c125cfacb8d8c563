import * as z from 'zod/mini';
import { LANGUAGES } from '../domain/language.js';
import type { MessageKey } from '../domain/messages.js';
import { OUTLET_ID_PATTERN } from '../domain/outlet.js';
import { CALENDAR, isCalendarDay } from '../domain/statistics/periods.js';
import { described } from './public-route.js';

/**
 * The shapes the customers' routes share, in `zod/mini` (see public-route.ts). The staff side
 * declares the same rules with zod's classic API in schemas-common.ts; both take their patterns
 * and lists from the domain, so they cannot disagree about what an outlet id or a language is.
 */
export const OutletIdSchema = described(z.string().check(z.regex(OUTLET_ID_PATTERN, 'field.id')), {
  example: 'sh-lujiazui',
});
export const OutletKeySchema = described(z.string().check(z.minLength(8), z.maxLength(64)), {
  description: 'The key printed in the QR code',
});
export const LanguageSchema = z.enum(LANGUAGES);
export const SubmissionIdSchema = described(z.uuid('field.uuid'), {
  description: 'Made by the client once per submission; a retry sends the same one',
});
export const ScoreSchema = z
  .number()
  .check(z.int('field.score'), z.minimum(1, 'field.score'), z.maximum(5, 'field.score'));
/** A day of the calendar the platform answers for (`CALENDAR`), `YYYY-MM-DD`. */
export const CalendarDaySchema = described(
  z.string().check(z.maxLength(10), z.refine(isCalendarDay, 'field.date')),
  { example: '2026-11-24', description: `From ${CALENDAR.first} to ${CALENDAR.last}` },
);
export const TrackingNoSchema = described(z.string().check(z.minLength(1), z.maxLength(20)), {
  example: 'K7QM-4HXP-9TWA',
});

/** Trimmed text of at most `max` characters (and at least `min`, saying `tooShort` when shorter). */
export const text = (max: number, min = 0, tooShort: MessageKey = 'field.required') =>
  z.string().check(z.trim(), z.minLength(min, tooShort), z.maxLength(max, 'field.tooLong'));
