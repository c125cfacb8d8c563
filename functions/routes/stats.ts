import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Dependencies } from '../dependencies.js';
import { localDateTime } from '../domain/calendar.js';
import { type Language, pickLanguage } from '../domain/language.js';
import { localized } from '../domain/outlet.js';
import { GRANULARITIES } from '../domain/statistics/periods.js';
import { SCOPES } from '../domain/statistics/rollup.js';
import { WARNING_RULES } from '../domain/statistics/warnings.js';
import type { AppEnv } from '../http/app-env.js';
import { createRouter } from '../http/app-env.js';
import { principalOf, requirePrincipal } from '../http/auth.js';
import { csvResponse, toCsv } from '../http/csv.js';
import { errorResponses } from '../http/schemas.js';
import { CalendarDaySchema, LanguageSchema, MonthSchema, WeekOrMonthSchema } from '../http/schemas-common.js';
import type { StaffServices } from '../services/staff-services.js';
import {
  complaintColumns,
  rankingColumns,
  ratingExportColumns,
  satisfactionColumns,
  warningColumns,
} from './stats-csv.js';

const json = (schema: z.ZodType, description: string) => ({
  description,
  content: {
    'application/json': { schema },
    'text/csv': { schema: z.string().openapi({ description: 'With `format=csv`: UTF-8 with a BOM' }) },
  },
});
const security = [{ bearer: [] }];
const tags = ['statistics'];

const FormatSchema = z
  .enum(['json', 'csv'])
  .default('json')
  .openapi({ description: '`csv` answers text/csv' });
const Rate = z
  .number()
  .nullable()
  .openapi({ description: 'A share from 0 to 1; null when nothing was there to measure' });

const SeriesQuery = z.object({
  scope: z.enum(SCOPES),
  id: z
    .string()
    .max(40)
    .optional()
    .openapi({ description: 'The outlet, region or department; not for the bank' }),
  granularity: z.enum(GRANULARITIES).default('month'),
  from: CalendarDaySchema,
  to: CalendarDaySchema,
  format: FormatSchema,
  lang: LanguageSchema.optional(),
});

const Subject = {
  scope: z.enum(SCOPES),
  id: z.string(),
  name: z.string(),
  granularity: z.enum(GRANULARITIES),
  from: z.string(),
  to: z.string(),
};
const RatingFiguresSchema = z
  .object({
    count: z.number().int(),
    mean: z.number().nullable(),
    csat: Rate,
    distribution: z.record(z.string(), z.number().int()),
    aspects: z.record(z.string(), z.number().nullable()),
    comments: z.number().int(),
  })
  .openapi('RatingFigures');
const ComplaintFiguresSchema = z
  .object({
    received: z.number().int(),
    resolved: z.number().int(),
    resolvedOnTime: z.number().int(),
    completionRate: Rate,
    onTimeRate: Rate,
    rated: z.number().int(),
    satisfied: z.number().int(),
    satisfactionRate: Rate,
    openOverdue: z.number().int(),
    perThousandRatings: z.number().nullable(),
    byCategory: z.record(z.string(), z.number().int()),
    bySeverity: z.record(z.string(), z.number().int()),
    byChannel: z.record(z.string(), z.number().int()),
    meanHoursToResolve: z.number().nullable(),
    rootCauses: z.record(z.string(), z.number().int()),
  })
  .openapi('ComplaintFigures');
const WarningSchema = z
  .object({
    id: z.string(),
    rule: z.enum(WARNING_RULES),
    granularity: z.enum(['week', 'month']),
    period: z.string(),
    scope: z.enum(['outlet', 'department']),
    subjectId: z.string(),
    subjectName: z.string(),
    region: z.string().optional(),
    category: z.string().optional(),
    figures: z.record(z.string(), z.number().nullable()),
    raisedAt: z.string(),
    acknowledged: z
      .object({ by: z.string(), byName: z.string(), at: z.string(), note: z.string().optional() })
      .optional(),
  })
  .openapi('Warning');

const routes = {
  satisfaction: createRoute({
    method: 'get',
    path: '/stats/satisfaction',
    tags,
    security,
    summary: 'Ratings of an outlet, a region or the bank, per day, ISO week or month',
    description:
      'CSAT is the share of ratings of 4 and 5. A device’s repeat at an outlet within the window is not counted. Reads rollups only: one Query whatever the number of ratings.',
    request: { query: SeriesQuery },
    responses: {
      200: json(
        z.object({
          ...Subject,
          series: z.array(z.object({ period: z.string(), ratings: RatingFiguresSchema })),
        }),
        'One entry per period, empty periods included',
      ),
      ...errorResponses(400, 401, 403, 404),
    },
  }),
  complaints: createRoute({
    method: 'get',
    path: '/stats/complaints',
    tags,
    security,
    summary: 'Complaint figures of an outlet, a region, a department or the bank, per period',
    description:
      'Of the complaints received in each period: resolved (办结率), resolved on time (按时办结率), customers satisfied with the handling (满意率); open and overdue at the period’s end.',
    request: { query: SeriesQuery },
    responses: {
      200: json(
        z.object({
          ...Subject,
          series: z.array(z.object({ period: z.string(), complaints: ComplaintFiguresSchema })),
        }),
        'One entry per period',
      ),
      ...errorResponses(400, 401, 403, 404),
    },
  }),
  rankings: createRoute({
    method: 'get',
    path: '/stats/rankings',
    tags,
    security,
    summary: 'Outlets or regions of a week or month, best CSAT first, with the change from the period before',
    request: {
      query: z.object({
        scope: z.enum(['outlet', 'region']).default('outlet'),
        granularity: z.enum(['week', 'month']).default('month'),
        period: WeekOrMonthSchema,
        region: z.string().max(40).optional().openapi({ description: 'Only this region’s outlets' }),
        format: FormatSchema,
        lang: LanguageSchema.optional(),
      }),
    },
    responses: {
      200: json(
        z.object({
          scope: z.enum(['outlet', 'region']),
          granularity: z.enum(['week', 'month']),
          period: z.string(),
          items: z.array(
            z.object({
              id: z.string(),
              name: z.string(),
              regionId: z.string().optional(),
              region: z.string().optional(),
              rank: z.number().int(),
              csat: Rate,
              ratings: z.number().int(),
              complaints: z.number().int(),
              completionRate: Rate,
              onTimeRate: Rate,
              change: z.number().nullable().openapi({ description: 'CSAT now minus CSAT the period before' }),
            }),
          ),
        }),
        'Ranked',
      ),
      ...errorResponses(400, 401, 403, 404),
    },
  }),
  warnings: createRoute({
    method: 'get',
    path: '/stats/warnings',
    tags,
    security,
    summary: 'The early warnings (预警) raised for a week or a month, open ones first',
    request: {
      query: z.object({
        period: WeekOrMonthSchema,
        status: z.enum(['open', 'all']).default('all'),
        format: FormatSchema,
        lang: LanguageSchema.optional(),
      }),
    },
    responses: {
      200: json(z.object({ period: z.string(), items: z.array(WarningSchema) }), 'Warnings'),
      ...errorResponses(400, 401, 403),
    },
  }),
  acknowledge: createRoute({
    method: 'post',
    path: '/stats/warnings/{id}/acknowledge',
    tags,
    security,
    summary: 'Acknowledge a warning (head office): who, when and a note are kept',
    request: {
      params: z.object({ id: z.string().min(1).max(200) }),
      query: z.object({ lang: LanguageSchema.optional() }),
      body: {
        required: false,
        content: {
          'application/json': { schema: z.object({ note: z.string().trim().max(500).optional() }) },
        },
      },
    },
    responses: {
      200: { description: 'Acknowledged', content: { 'application/json': { schema: WarningSchema } } },
      ...errorResponses(400, 401, 403, 404, 409),
    },
  }),
  lowRatings: createRoute({
    method: 'get',
    path: '/stats/low-ratings',
    tags,
    security,
    summary:
      'The latest ratings of 1 or 2 with a comment, of an outlet, a region or the bank, over a range of days',
    request: {
      query: z.object({
        scope: z.enum(['bank', 'region', 'outlet']),
        id: z.string().max(40).optional(),
        from: CalendarDaySchema,
        to: CalendarDaySchema,
        lang: LanguageSchema.optional(),
      }),
    },
    responses: {
      200: {
        description: 'At most 10, newest first; comments are plain text',
        content: {
          'application/json': {
            schema: z.object({
              items: z.array(
                z.object({
                  receivedAt: z.string(),
                  outletId: z.string(),
                  outletName: z.string(),
                  rating: z.number().int(),
                  comment: z.string(),
                }),
              ),
            }),
          },
        },
      },
      ...errorResponses(400, 401, 403, 404),
    },
  }),
  majorComplaints: createRoute({
    method: 'get',
    path: '/stats/major-complaints',
    tags,
    security,
    summary: 'A month’s major complaints (the newest 50) with their root causes, for the monthly report',
    request: {
      query: z.object({
        month: MonthSchema,
        scope: z.enum(['bank', 'region', 'outlet']).default('bank'),
        id: z.string().max(40).optional(),
        lang: LanguageSchema.optional(),
      }),
    },
    responses: {
      200: {
        description: 'Newest first',
        content: {
          'application/json': {
            schema: z.object({
              month: z.string(),
              items: z.array(
                z.object({
                  trackingNo: z.string(),
                  outletId: z.string(),
                  outletName: z.string(),
                  category: z.string(),
                  categoryName: z.string(),
                  status: z.string(),
                  departmentId: z.string(),
                  departmentName: z.string(),
                  receivedAt: z.string(),
                  rootCause: z.string().optional(),
                }),
              ),
            }),
          },
        },
      },
      ...errorResponses(400, 401, 403, 404),
    },
  }),
  exportRatings: createRoute({
    method: 'get',
    path: '/stats/export/ratings',
    tags,
    security,
    summary: 'The raw ratings of an outlet (up to a year) or a region (up to 31 days), with comments, as CSV',
    description:
      'Every stored rating, with whether the figures count it (a device’s repeat within the window is kept but not counted). Comments are text: a cell that starts like a formula is neutralised.',
    request: {
      query: z.object({
        scope: z.enum(['outlet', 'region']).default('outlet'),
        id: z.string().min(1).max(40),
        from: CalendarDaySchema,
        to: CalendarDaySchema,
        format: z.enum(['csv']).default('csv'),
        lang: LanguageSchema.optional(),
      }),
    },
    responses: {
      200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } },
      ...errorResponses(400, 401, 403, 404),
    },
  }),
};

export function statsRoutes(deps: Dependencies, { statistics, routingRules }: StaffServices) {
  const router = createRouter();
  router.use('/stats/*', requirePrincipal());
  const langOf = (c: Context<AppEnv>, lang?: Language) =>
    lang ?? pickLanguage(c.req.header('accept-language'));
  const time = (iso: string) => localDateTime(new Date(iso), deps.config.TIME_ZONE);
  const noStore = (c: Context<AppEnv>) => c.header('cache-control', 'no-store');
  return router
    .openapi(routes.satisfaction, async (c) => {
      const { format, lang, ...query } = c.req.valid('query');
      const language = langOf(c, lang);
      const answer = await statistics.satisfaction(principalOf(c), query, language);
      noStore(c);
      if (format === 'csv')
        return csvResponse(
          c,
          `satisfaction-${answer.id}-${query.from}-${query.to}.csv`,
          toCsv(satisfactionColumns(language), answer.series),
        );
      return c.json(answer, 200);
    })
    .openapi(routes.complaints, async (c) => {
      const { format, lang, ...query } = c.req.valid('query');
      const language = langOf(c, lang);
      const answer = await statistics.complaints(principalOf(c), query, language);
      noStore(c);
      if (format !== 'csv') return c.json(answer, 200);
      const { rules } = await routingRules.current();
      const names = (kind: 'category' | 'severity' | 'channel', id: string) => {
        const category = kind === 'category' ? rules.categories.find((x) => x.id === id) : undefined;
        return category ? localized(category.name, language) : `${kind}: ${id}`;
      };
      return csvResponse(
        c,
        `complaints-${answer.id}-${query.from}-${query.to}.csv`,
        toCsv(complaintColumns(language, answer.series, names), answer.series),
      );
    })
    .openapi(routes.rankings, async (c) => {
      const { format, lang, ...query } = c.req.valid('query');
      const language = langOf(c, lang);
      const answer = await statistics.rankings(principalOf(c), query, language);
      noStore(c);
      if (format === 'csv')
        return csvResponse(
          c,
          `ranking-${query.scope}-${query.period}.csv`,
          toCsv(rankingColumns(language), answer.items),
        );
      return c.json(answer, 200);
    })
    .openapi(routes.warnings, async (c) => {
      const { format, lang, ...query } = c.req.valid('query');
      const language = langOf(c, lang);
      const answer = await statistics.warnings(principalOf(c), query, language);
      noStore(c);
      if (format === 'csv')
        return csvResponse(
          c,
          `warnings-${query.period}.csv`,
          toCsv(warningColumns(language, time), answer.items),
        );
      return c.json(answer, 200);
    })
    .openapi(routes.acknowledge, async (c) => {
      const { note } = (c.req.valid('json') as { note?: string } | undefined) ?? {};
      const warning = await statistics.acknowledge(
        principalOf(c),
        c.req.valid('param').id,
        note || undefined,
        langOf(c, c.req.valid('query').lang),
      );
      return c.json(warning, 200);
    })
    .openapi(routes.lowRatings, async (c) => {
      const { lang, ...query } = c.req.valid('query');
      noStore(c);
      return c.json(await statistics.lowRatings(principalOf(c), query, langOf(c, lang)), 200);
    })
    .openapi(routes.majorComplaints, async (c) => {
      const { lang, ...query } = c.req.valid('query');
      noStore(c);
      return c.json(await statistics.majorComplaints(principalOf(c), query, langOf(c, lang)), 200);
    })
    .openapi(routes.exportRatings, async (c) => {
      const { lang, format: _, ...query } = c.req.valid('query');
      const language = langOf(c, lang);
      const rows = await statistics.ratingsExport(principalOf(c), query, language);
      return csvResponse(
        c,
        `ratings-${query.id}-${query.from}-${query.to}.csv`,
        toCsv(ratingExportColumns(language, time), rows),
      );
    });
}
