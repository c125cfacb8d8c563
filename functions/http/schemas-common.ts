import { z } from '@hono/zod-openapi';
import { LANGUAGES } from '../domain/language.js';
import { OUTLET_ID_PATTERN } from '../domain/outlet.js';
import { CALENDAR, granularityOf, isCalendarDay } from '../domain/statistics/periods.js';

/**
 * Shapes the staff routes share, on zod's classic API (with `@hono/zod-openapi`). The customers'
 * routes declare theirs in `zod/mini` (public-schemas.ts) from the same domain rules.
 */
export const OutletIdSchema = z
  .string()
  .regex(OUTLET_ID_PATTERN, 'field.id')
  .openapi({ example: 'sh-lujiazui' });
export const LanguageSchema = z.enum(LANGUAGES);

/** A day of the calendar the platform answers for (`CALENDAR`), `YYYY-MM-DD`. */
export const CalendarDaySchema = z
  .string()
  .max(10)
  .refine(isCalendarDay, 'field.date')
  .openapi({ example: '2026-11-24', description: `From ${CALENDAR.first} to ${CALENDAR.last}` });

/** An ISO week (`2026-W48`) or a month (`2026-11`) of the calendar. */
export const WeekOrMonthSchema = z
  .string()
  .max(8)
  .refine((p) => {
    const granularity = granularityOf(p);
    return granularity === 'week' || granularity === 'month';
  }, 'field.weekOrMonth')
  .openapi({ example: '2026-11' });

/** A month of the calendar, `2026-11`. */
export const MonthSchema = z
  .string()
  .max(7)
  .refine((p) => granularityOf(p) === 'month', 'field.month')
  .openapi({ example: '2026-11' });
