import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Dependencies } from '../dependencies.js';
import { localDateTime } from '../domain/calendar.js';
import type { Language } from '../domain/language.js';
import { localized } from '../domain/outlet.js';
import { GRANULARITIES } from '../domain/statistics/periods.js';
import { RANKING_ORDERS } from '../domain/statistics/ranking.js';
import { SCOPES } from '../domain/statistics/rollup.js';
import { WARNING_RULES } from '../domain/statistics/warnings.js';
import { monthsOfPeriod } from '../domain/supervision/statistics.js';
import type { AppEnv } from '../http/app-env.js';
import { createRouter } from '../http/app-env.js';
import { principalOf, requirePrincipal } from '../http/auth.js';
import { csvResponse, toCsv } from '../http/csv.js';
import { requestLanguage } from '../http/language.js';
import { errorResponses } from '../http/schemas.js';
import { CalendarDaySchema, LanguageSchema, MonthSchema, WeekOrMonthSchema } from '../http/schemas-common.js';
import type { StaffServices } from '../services/staff-services.js';
import {
  bankName,
  complaintColumns,
  firstDayColumns,
  heatmapColumns,
  lowRatingColumns,
  majorComplaintColumns,
  rankingColumns,
  ratingExportColumns,
  type SupervisionCsvRow,
  satisfactionColumns,
  supervisionColumns,
  warningColumns,
  warningSummaryColumns,
} from './stats-csv.js';

const json = (schema: z.ZodType, description: string) => ({
  description,
  content: {
    'application/json': { schema },
    'text/csv': { schema: z.string().openapi({ description: 'With `format=csv`: UTF-8 with a BOM' }) },
  },
});
const security = [{ bearer: [] }];
/** Warnings acknowledged at once: with their counts, within one transaction's 100 actions. */
const MAX_ACKNOWLEDGED = 50;
const tags = ['statistics'];

const FormatSchema = z
  .enum(['json', 'csv'])
  .default('json')
  .openapi({ description: '`csv` answers text/csv' });
const Rate = z
  .number()
  .nullable()
  .openapi({ description: 'A share from 0 to 1; null when nothing was there to measure' });

/**
 * Every list is a page: at most `limit` items (1,000 at most, so every answer is bounded in
 * items and bytes whatever the number of outlets), and `nextCursor` when there are more.
 */
const MAX_LIMIT = 1_000;
/** A page's length when none is asked: what a screen shows, or a whole download. */
const DEFAULT_LIMIT = { json: 50, csv: MAX_LIMIT } as const;
const LimitSchema = z.coerce
  .number()
  .int()
  .min(1)
  .max(MAX_LIMIT)
  .optional()
  .openapi({ description: `Items per page (1–${MAX_LIMIT}); 50 by default, ${MAX_LIMIT} for CSV` });
const CursorSchema = z
  .string()
  .max(1_000)
  .optional()
  .openapi({ description: 'The previous page’s `nextCursor`, for the next page' });
const NextCursor = z
  .string()
  .optional()
  .openapi({ description: 'Present when there are more: ask with `cursor=`' });
const RegionIdSchema = z.string().max(40);

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
    regionId: z.string().optional(),
    region: z.string().optional().openapi({ description: 'The region’s name' }),
    category: z.string().optional(),
    figures: z.record(z.string(), z.number().nullable()),
    raisedAt: z.string(),
    acknowledged: z
      .object({ by: z.string(), byName: z.string(), at: z.string(), note: z.string().optional() })
      .optional(),
  })
  .openapi('Warning');

const KindScores = z.object({
  'self-check': z.number().nullable(),
  'spot-check': z.number().nullable(),
  'joint-check': z.number().nullable(),
  'mystery-visit': z.number().nullable(),
});
const SupervisionFiguresSchema = z
  .object({
    inspections: z.number().int(),
    inspectionsByKind: z.record(z.string(), z.number().int()),
    meanScore: KindScores.openapi({ description: 'Mean score (0–100) of each kind; null without one' }),
    checkScore: z
      .number()
      .nullable()
      .openapi({ description: 'Mean of the outside checks (spot, joint, mystery)' }),
    redLineFailures: z.number().int(),
    checkRedLineFailures: z.number().int(),
    findingsPerCheck: z.number().nullable(),
    selfCheck: z.object({ done: z.number().int(), owed: z.number().int(), rate: Rate }),
    rectification: z.object({ due: z.number().int(), onTime: z.number().int(), rate: Rate }),
  })
  .openapi('SupervisionFigures');
const SupervisionRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  regionId: z.string().optional(),
  region: z.string().optional(),
  outlets: z.number().int().optional(),
  figures: SupervisionFiguresSchema,
});
const MonthOrQuarterSchema = z
  .string()
  .max(16)
  .refine((p) => monthsOfPeriod(p) !== undefined, 'field.monthOrQuarter')
  .openapi({ example: '2026-Q4' });

const routes = {
  supervision: createRoute({
    method: 'get',
    path: '/stats/supervision',
    tags,
    security,
    summary:
      'Service supervision (服务督导) of a month or a quarter: the bank and each region, or one region and a page of its outlets, weakest first',
    description:
      'Mean score per kind, red-line failures, findings per outside check, self-check completion and rectifications on time, from the months’ tallies only (a quarter is its three months): one Query per month, whatever the number of inspections. Head office and the supervision centre see all; a region’s team its regions; an outlet’s staff only its outlet. A blind mystery visit counts once released.',
    request: {
      query: z.object({
        period: MonthOrQuarterSchema,
        region: RegionIdSchema.optional().openapi({ description: 'One region and its outlets' }),
        limit: LimitSchema,
        cursor: CursorSchema,
        format: FormatSchema,
        lang: LanguageSchema.optional(),
      }),
    },
    responses: {
      200: json(
        z.object({
          period: z.string(),
          months: z.array(z.string()),
          owedRounds: z.number().int().openapi({ description: 'Self-check rounds each outlet owed' }),
          bank: SupervisionFiguresSchema.optional(),
          regions: z.array(SupervisionRowSchema).optional(),
          region: SupervisionRowSchema.optional(),
          outlets: z
            .object({ total: z.number().int(), items: z.array(SupervisionRowSchema), nextCursor: NextCursor })
            .optional(),
        }),
        'Within the caller’s reach',
      ),
      ...errorResponses(400, 401, 403),
    },
  }),
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
    summary:
      'A page of the outlets (of the bank or one region) or the regions of a week or month, from the best CSAT or the worst, with the change from the period before',
    description:
      'Best first: by CSAT, then more ratings; those without a rating last. Worst first: those rated, lowest CSAT first, then those without a rating. Read in ranking order from an index: a page costs the same at 6 outlets or 10,000.',
    request: {
      query: z.object({
        scope: z.enum(['outlet', 'region']).default('outlet'),
        granularity: z.enum(['week', 'month']).default('month'),
        period: WeekOrMonthSchema,
        region: RegionIdSchema.optional().openapi({ description: 'Only this region’s outlets' }),
        order: z.enum(RANKING_ORDERS).default('best'),
        limit: LimitSchema,
        cursor: CursorSchema,
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
          region: z.string().optional(),
          order: z.enum(RANKING_ORDERS),
          total: z.number().int().openapi({ description: 'How many outlets (or regions) the ranking holds' }),
          nextCursor: NextCursor,
          items: z.array(
            z.object({
              id: z.string(),
              name: z.string(),
              regionId: z.string().optional(),
              region: z.string().optional(),
              rank: z.number().int().openapi({ description: 'The place from the end asked for (`order`)' }),
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
    summary:
      'A page of the early warnings (预警) of a week or a month, open ones first, by rule, region and subject',
    request: {
      query: z.object({
        period: WeekOrMonthSchema,
        rule: z.enum(WARNING_RULES).optional(),
        region: RegionIdSchema.optional(),
        scope: z
          .enum(['department'])
          .optional()
          .openapi({ description: 'Only the departments’ warnings (they have no region)' }),
        status: z.enum(['open', 'acknowledged', 'all']).default('all'),
        limit: LimitSchema,
        cursor: CursorSchema,
        format: FormatSchema,
        lang: LanguageSchema.optional(),
      }),
    },
    responses: {
      200: json(
        z.object({ period: z.string(), items: z.array(WarningSchema), nextCursor: NextCursor }),
        'Warnings within the caller’s reach',
      ),
      ...errorResponses(400, 401, 403),
    },
  }),
  warningSummary: createRoute({
    method: 'get',
    path: '/stats/warnings/summary',
    tags,
    security,
    summary: 'A week’s or month’s warnings counted by rule and region, open and acknowledged',
    description:
      'For head office, read from counts kept as warnings are raised and acknowledged (one Query, never the warnings themselves); for anyone else, their own warnings counted.',
    request: {
      query: z.object({ period: WeekOrMonthSchema, format: FormatSchema, lang: LanguageSchema.optional() }),
    },
    responses: {
      200: json(
        z.object({
          period: z.string(),
          open: z.number().int(),
          acknowledged: z.number().int(),
          groups: z.array(
            z.object({
              rule: z.enum(WARNING_RULES),
              regionId: z.string().optional(),
              region: z.string().optional(),
              open: z.number().int(),
              acknowledged: z.number().int(),
            }),
          ),
        }),
        'By rule, then most open first; departments’ warnings have no region',
      ),
      ...errorResponses(400, 401, 403),
    },
  }),
  acknowledgeMany: createRoute({
    method: 'post',
    path: '/stats/warnings/acknowledge',
    tags,
    security,
    summary: 'Acknowledge several warnings at once (head office), with one note: all of them or none',
    request: {
      query: z.object({ lang: LanguageSchema.optional() }),
      body: {
        required: true,
        content: {
          'application/json': {
            schema: z.object({
              ids: z
                .array(z.string().min(1).max(200))
                .min(1)
                .max(MAX_ACKNOWLEDGED, 'field.ids.tooMany')
                .openapi({ description: `1 to ${MAX_ACKNOWLEDGED} warning ids, each once` }),
              note: z.string().trim().max(500).optional(),
              lang: LanguageSchema.optional(),
            }),
          },
        },
      },
    },
    responses: {
      200: {
        description: 'Acknowledged, in the order asked',
        content: { 'application/json': { schema: z.object({ items: z.array(WarningSchema) }) } },
      },
      ...errorResponses(400, 401, 403, 404, 409),
    },
  }),
  heatmap: createRoute({
    method: 'get',
    path: '/stats/heatmap',
    tags,
    security,
    summary: 'CSAT by week or month for a page of rows: the regions, or one region’s outlets',
    description:
      'Rows by id, a page at a time; each cell the CSAT and ratings of one row in one period (null and 0 without ratings). One Query for the rows and one BatchGet per 100 cells.',
    request: {
      query: z.object({
        scope: z.enum(['region', 'outlet']).default('region'),
        region: RegionIdSchema.optional().openapi({ description: 'Required for outlets' }),
        granularity: z.enum(['week', 'month']).default('week'),
        to: WeekOrMonthSchema.openapi({ description: 'The last period shown' }),
        periods: z.coerce.number().int().min(1).max(13).default(8),
        limit: z.coerce
          .number()
          .int()
          .min(1)
          .max(100)
          .optional()
          .openapi({ description: 'Rows per page (1–100); 25 by default' }),
        cursor: CursorSchema,
        format: FormatSchema,
        lang: LanguageSchema.optional(),
      }),
    },
    responses: {
      200: json(
        z.object({
          scope: z.enum(['region', 'outlet']),
          region: z.string().optional(),
          granularity: z.enum(['week', 'month']),
          periods: z.array(z.string()),
          nextCursor: NextCursor,
          rows: z.array(
            z.object({
              id: z.string(),
              name: z.string(),
              regionId: z.string().optional(),
              cells: z.array(z.object({ period: z.string(), csat: Rate, ratings: z.number().int() })),
            }),
          ),
        }),
        'Rows in id order',
      ),
      ...errorResponses(400, 401, 403, 404),
    },
  }),
  firstDay: createRoute({
    method: 'get',
    path: '/stats/first-day',
    tags,
    security,
    summary: 'The first bank day the statistics have figures for (pages offer periods from it)',
    request: { query: z.object({ format: FormatSchema, lang: LanguageSchema.optional() }) },
    responses: {
      200: json(
        z.object({ firstDay: z.string().nullable().openapi({ description: 'null before any rollup' }) }),
        'One read of the bank’s earliest day',
      ),
      ...errorResponses(401, 403),
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
        format: FormatSchema,
        lang: LanguageSchema.optional(),
      }),
    },
    responses: {
      200: json(
        z.object({
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
        'At most 10, newest first; comments are plain text',
      ),
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
        format: FormatSchema,
        lang: LanguageSchema.optional(),
      }),
    },
    responses: {
      200: json(
        z.object({
          month: z.string(),
          items: z.array(
            z.object({
              trackingNo: z.string(),
              outletId: z.string(),
              outletName: z.string(),
              category: z.string(),
              categoryName: z.string(),
              status: z.string(),
              statusName: z.string(),
              departmentId: z.string(),
              departmentName: z.string(),
              receivedAt: z.string(),
              rootCause: z.string().optional(),
              rootCauseName: z.string().optional(),
            }),
          ),
        }),
        'Newest first, every name in the language asked for',
      ),
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

export function statsRoutes(
  deps: Dependencies,
  { statistics, routingRules, supervisionStatistics }: StaffServices,
) {
  const router = createRouter();
  router.use('/stats/*', requirePrincipal());
  const time = (iso: string) => localDateTime(new Date(iso), deps.config.TIME_ZONE);
  const noStore = (c: Context<AppEnv>) => c.header('cache-control', 'no-store');
  const limitOf = (limit: number | undefined, format: 'json' | 'csv') => limit ?? DEFAULT_LIMIT[format];
  /** A CSV page that is not the last says where the next starts (the JSON answer's `nextCursor`). */
  const nextPage = (c: Context<AppEnv>, next: string | undefined) => {
    if (next) c.header('x-next-cursor', next);
  };
  const categoryNames = async (lang: Language) => {
    const { rules } = await routingRules.current();
    const names = new Map(rules.categories.map((x) => [x.id, localized(x.name, lang)]));
    return (id: string) => names.get(id) ?? id;
  };
  return router
    .openapi(routes.supervision, async (c) => {
      const { format, lang: _, limit, ...query } = c.req.valid('query');
      const language = requestLanguage(c);
      const answer = await supervisionStatistics.figures(
        principalOf(c),
        { ...query, limit: limitOf(limit, format) },
        language,
      );
      noStore(c);
      if (format !== 'csv') return c.json(answer, 200);
      nextPage(c, answer.outlets?.nextCursor);
      const rows: SupervisionCsvRow[] = [
        ...(answer.bank ? [{ name: bankName(language), figures: answer.bank }] : []),
        ...(answer.region ? [answer.region] : []),
        ...(answer.regions ?? []),
        ...(answer.outlets?.items ?? []),
      ];
      return csvResponse(
        c,
        `supervision-${query.region ? `${query.region}-` : ''}${query.period}.csv`,
        toCsv(supervisionColumns(language, answer.outlets !== undefined), rows),
      );
    })
    .openapi(routes.satisfaction, async (c) => {
      const { format, lang: _, ...query } = c.req.valid('query');
      const language = requestLanguage(c);
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
      const { format, lang: _, ...query } = c.req.valid('query');
      const language = requestLanguage(c);
      const answer = await statistics.complaints(principalOf(c), query, language);
      noStore(c);
      if (format !== 'csv') return c.json(answer, 200);
      return csvResponse(
        c,
        `complaints-${answer.id}-${query.from}-${query.to}.csv`,
        toCsv(complaintColumns(language, answer.series, await categoryNames(language)), answer.series),
      );
    })
    .openapi(routes.rankings, async (c) => {
      const { format, lang: _, limit, ...query } = c.req.valid('query');
      const language = requestLanguage(c);
      const answer = await statistics.rankings(
        principalOf(c),
        { ...query, limit: limitOf(limit, format) },
        language,
      );
      noStore(c);
      if (format !== 'csv') return c.json(answer, 200);
      nextPage(c, answer.nextCursor);
      const region = query.scope === 'outlet' && query.region ? `-${query.region}` : '';
      return csvResponse(
        c,
        `ranking-${query.scope}${region}-${query.period}${query.order === 'worst' ? '-worst' : ''}.csv`,
        toCsv(rankingColumns(language), answer.items),
      );
    })
    .openapi(routes.heatmap, async (c) => {
      const { format, lang: _, limit, ...query } = c.req.valid('query');
      const language = requestLanguage(c);
      const answer = await statistics.heatmap(principalOf(c), { ...query, limit: limit ?? 25 }, language);
      noStore(c);
      if (format !== 'csv') return c.json(answer, 200);
      nextPage(c, answer.nextCursor);
      return csvResponse(
        c,
        `heatmap-${query.scope}${query.region ? `-${query.region}` : ''}-${query.to}.csv`,
        toCsv(heatmapColumns(language, answer.periods), answer.rows),
      );
    })
    .openapi(routes.warnings, async (c) => {
      const { format, lang: _, limit, ...query } = c.req.valid('query');
      const language = requestLanguage(c);
      const answer = await statistics.warnings(
        principalOf(c),
        { ...query, limit: limitOf(limit, format) },
        language,
      );
      noStore(c);
      if (format !== 'csv') return c.json(answer, 200);
      nextPage(c, answer.nextCursor);
      return csvResponse(
        c,
        `warnings-${query.period}.csv`,
        toCsv(warningColumns(language, time, await categoryNames(language)), answer.items),
      );
    })
    .openapi(routes.warningSummary, async (c) => {
      const { format, lang: _, ...query } = c.req.valid('query');
      const language = requestLanguage(c);
      const answer = await statistics.warningSummary(principalOf(c), query, language);
      noStore(c);
      if (format !== 'csv') return c.json(answer, 200);
      return csvResponse(
        c,
        `warnings-summary-${query.period}.csv`,
        toCsv(warningSummaryColumns(language), answer.groups),
      );
    })
    .openapi(routes.acknowledgeMany, async (c) => {
      const { ids, note } = c.req.valid('json');
      const answer = await statistics.acknowledgeMany(
        principalOf(c),
        ids,
        note || undefined,
        requestLanguage(c),
      );
      return c.json(answer, 200);
    })
    .openapi(routes.acknowledge, async (c) => {
      const { note } = (c.req.valid('json') as { note?: string } | undefined) ?? {};
      const warning = await statistics.acknowledge(
        principalOf(c),
        c.req.valid('param').id,
        note || undefined,
        requestLanguage(c),
      );
      return c.json(warning, 200);
    })
    .openapi(routes.lowRatings, async (c) => {
      const { format, lang: _, ...query } = c.req.valid('query');
      const language = requestLanguage(c);
      const answer = await statistics.lowRatings(principalOf(c), query, language);
      noStore(c);
      if (format !== 'csv') return c.json(answer, 200);
      return csvResponse(
        c,
        `low-ratings-${answer.id}-${query.from}-${query.to}.csv`,
        toCsv(lowRatingColumns(language, time), answer.items),
      );
    })
    .openapi(routes.majorComplaints, async (c) => {
      const { format, lang: _, ...query } = c.req.valid('query');
      const language = requestLanguage(c);
      const answer = await statistics.majorComplaints(principalOf(c), query, language);
      noStore(c);
      if (format !== 'csv') return c.json(answer, 200);
      return csvResponse(
        c,
        `major-complaints-${answer.id}-${query.month}.csv`,
        toCsv(majorComplaintColumns(language, time), answer.items),
      );
    })
    .openapi(routes.firstDay, async (c) => {
      const { format } = c.req.valid('query');
      const answer = await statistics.firstDay(principalOf(c));
      noStore(c);
      if (format !== 'csv') return c.json(answer, 200);
      return csvResponse(c, 'first-day.csv', toCsv(firstDayColumns(requestLanguage(c)), [answer]));
    })
    .openapi(routes.exportRatings, async (c) => {
      const { lang: _, format: __, ...query } = c.req.valid('query');
      const language = requestLanguage(c);
      const rows = await statistics.ratingsExport(principalOf(c), query, language);
      return csvResponse(
        c,
        `ratings-${query.id}-${query.from}-${query.to}.csv`,
        toCsv(ratingExportColumns(language, time), rows),
      );
    });
}
