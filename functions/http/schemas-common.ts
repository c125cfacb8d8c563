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
  .regex(OUTLET_ID_PATTERN, 'Use 2–40 lower-case letters, digits and hyphens')
  .openapi({ example: 'sh-lujiazui' });
export const LanguageSchema = z.enum(LANGUAGES);

/** A day of the calendar the platform answers for (`CALENDAR`), `YYYY-MM-DD`. */
export const CalendarDaySchema = z
  .string()
  .max(10)
  .refine(isCalendarDay, 'Use a real date, YYYY-MM-DD')
  .openapi({ example: '2026-11-24', description: `From ${CALENDAR.first} to ${CALENDAR.last}` });

/** An ISO week (`2026-W48`) or a month (`2026-11`) of the calendar. */
export const WeekOrMonthSchema = z
  .string()
  .max(8)
  .refine((p) => {
    const granularity = granularityOf(p);
    return granularity === 'week' || granularity === 'month';
  }, 'Use a week (2026-W48) or a month (2026-11)')
  .openapi({ example: '2026-11' });

/** A month of the calendar, `2026-11`. */
export const MonthSchema = z
  .string()
  .max(7)
  .refine((p) => granularityOf(p) === 'month', 'Use a month like 2026-11')
  .openapi({ example: '2026-11' });
