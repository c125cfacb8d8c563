/**
 * Bad parameters on the signed-in side, as fast-check properties: every statistics, inbox,
 * oversight, outlet and admin read under every role (and acknowledging warnings, the one
 * statistics write), with dates (far past and future, the
 * year 9999 and past it, impossible days), granularities, periods, ids, views, cursors and
 * limits drawn from valid, edge and hostile values. Shared by
 * `test/integration/staff-bad-input.test.ts` and the reliability suite's bad-input line.
 *
 * The rules: no answer is ever 5xx; a parameter built to be invalid answers 4xx; and each call's
 * work is bounded whatever the range asked for: its DynamoDB requests stay within the endpoint's
 * bound (a statistics call reads rollups, one Query per series; an export one Query per outlet
 * and day, at most a year). Counted, not timed: the bound holds on any machine.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { LocalPlatform } from '../../functions/local/platform.js';
import { countCapacity } from './capacity.js';

/** One user per role the platform has (seeded by the local platform). */
export const STAFF_ROLES = [
  'admin',
  'head-office',
  'operations.1',
  'cards.1',
  'manager.sh-jingan',
  'manager.bj-guomao',
  'lobby.sh-jingan',
  'inspector.1',
  'inspector.shanghai',
] as const;

export interface StaffBadInputReport {
  inputs: number;
  statuses: Map<number, number>;
  failures: string[];
  /** The most DynamoDB requests one call made, per endpoint. */
  mostRequests: Record<string, number>;
  /** Calls answered 200, per endpoint: the bound was tried on work done, not only on refusals. */
  answered: Record<string, number>;
}

type Param = { value: string; invalid: boolean };
const ok = (value: string): Param => ({ value, invalid: false });
const bad = (value: string): Param => ({ value, invalid: true });

const hostile = fc
  .oneof(
    fc.string({ maxLength: 60 }),
    fc.constantFrom('', ' ', '__proto__', '../../etc', '%00', "' OR 1=1 --", '\u0000', 'x'.repeat(300)),
  )
  .map(bad);

/** A calendar day from 2000 to 2099 (valid), near the demo data more often than not. */
const calendarDay = fc
  .oneof(
    fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 1, 28) }),
    fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) }),
  )
  .map((ms) => ok(new Date(ms - (ms % 86_400_000)).toISOString().slice(0, 10)));
const day = fc.oneof(
  { weight: 4, arbitrary: calendarDay },
  {
    weight: 3,
    arbitrary: fc
      .constantFrom(
        '9999-12-31',
        '9999-12-30',
        '0001-01-01',
        '1999-12-31',
        '2100-01-01',
        '+010000-01-01',
        '2026-02-29',
        '2026-13-01',
        '2026-11-31',
        '20261124',
        '2026-11-24T00:00:00Z',
      )
      .map(bad),
  },
  { weight: 1, arbitrary: hostile },
);
const period = fc.oneof(
  fc.constantFrom('2026-11', '2026-10', '2026-W48', '2026-W53', '2000-01', '2099-12').map(ok),
  fc.constantFrom('9999-12', '9999-W52', '2025-W53', '2026-W00', '2026-13', '0001-01', '2026-11-24').map(bad),
  hostile,
);
const month = fc.oneof(
  fc.constantFrom('2026-11', '2026-10', '2000-01', '2099-12').map(ok),
  fc.constantFrom('9999-12', '2026-W48', '2026-13', '0001-01', '+10000-01').map(bad),
  hostile,
);
const granularity = fc.oneof(
  fc.constantFrom('day', 'week', 'month').map(ok),
  fc.constantFrom('year', 'DAY', 'quarter').map(bad),
  hostile,
);
const scope = fc.oneof(fc.constantFrom('bank', 'region', 'outlet', 'department').map(ok), hostile);
const subject = fc.oneof(
  fc.constantFrom('sh-jingan', 'bj-guomao', 'shanghai', 'beijing', 'operations', 'cards', 'no-such').map(ok),
  fc.string({ maxLength: 30 }).map(ok), // any id is a question the platform answers (403, 404, 200)
  fc.constant(bad('x'.repeat(41))),
);
const format = fc.oneof(fc.constantFrom('json', 'csv').map(ok), hostile);
const lang = fc.oneof(fc.constantFrom('zh-CN', 'zh-TW', 'en').map(ok), hostile);
const view = (views: readonly string[]) => fc.oneof(fc.constantFrom(...views).map(ok), hostile);
const limit = fc.oneof(
  fc.integer({ min: 1, max: 100 }).map((n) => ok(String(n))),
  fc.constantFrom('0', '101', '-1', '1e9', '2.5', 'NaN').map(bad),
);
const cursor = fc.oneof(fc.string({ maxLength: 40 }).map(ok), fc.constant(bad('c'.repeat(201))));
/** A statistics page: 1 to 1,000 items. */
const pageLimit = fc.oneof(
  fc.integer({ min: 1, max: 1000 }).map((n) => ok(String(n))),
  fc.constantFrom('0', '1001', '-1', '1e9', '2.5', 'NaN').map(bad),
);
/**
 * A statistics cursor: anything short is a question (a cursor the API did not make is refused
 * with 400, never a 5xx); past 1,000 characters it is invalid by its length.
 */
const pageCursor = fc.oneof(
  fc.string({ maxLength: 60 }).map(ok),
  fc.constant(ok(Buffer.from('{"r":0,"o":0,"k":{"pk":"x"}}').toString('base64url'))),
  fc.constant(bad('c'.repeat(1001))),
);
const rule = fc.oneof(
  fc.constantFrom('csat-low', 'csat-drop', 'on-time-low', 'complaints-high', 'recurring').map(ok),
  hostile,
);
const order = fc.oneof(fc.constantFrom('best', 'worst').map(ok), hostile);
const periods = fc.oneof(
  fc.integer({ min: 1, max: 13 }).map((n) => ok(String(n))),
  fc.constantFrom('0', '14', '-1', '2.5', 'x').map(bad),
);
const heatmapLimit = fc.oneof(
  fc.integer({ min: 1, max: 100 }).map((n) => ok(String(n))),
  fc.constantFrom('0', '101', '-1', '1e9').map(bad),
);

/** A photo upload's body: what it is for, its type and size, each valid, at the edge, or hostile. */
const photoUploadBody = fc
  .record({
    target: fc.oneof(
      fc.uuid().map((id) => ({ value: { inspectionId: id }, invalid: false })),
      fc
        .constantFrom('not-a-uuid', '', 'x'.repeat(300))
        .map((id) => ({ value: { inspectionId: id }, invalid: true })),
      fc.constant({ value: {}, invalid: true }),
      fc
        .uuid()
        .map((id) => ({ value: { inspectionId: id, rectificationId: `${id}.env-clean` }, invalid: true })),
      fc
        .constantFrom('no-such.env-clean', '../x')
        .map((id) => ({ value: { rectificationId: id }, invalid: false })),
    ),
    contentType: fc.oneof(
      fc
        .constantFrom('image/jpeg', 'image/webp')
        .map((value) => ({ value: value as unknown, invalid: false })),
      fc
        .constantFrom('image/png', 'text/html', '', 7)
        .map((value) => ({ value: value as unknown, invalid: true })),
    ),
    size: fc.oneof(
      fc.integer({ min: 1, max: 1_500_000 }).map((value) => ({ value: value as unknown, invalid: false })),
      fc
        .constantFrom(0, -1, 1_500_001, 1e12, 2.5, '100')
        .map((value) => ({ value: value as unknown, invalid: true })),
    ),
  })
  .map(({ target, contentType, size }) => ({
    value: { ...target.value, contentType: contentType.value, size: size.value },
    // '../x' names no task: 404 for those who may upload, never 2xx or 5xx.
    invalid: target.invalid || contentType.invalid || size.invalid || 'rectificationId' in target.value,
  }));

interface Endpoint {
  path: string;
  /** A POST sends its parameters as a JSON body (`body`), not in the query. */
  method?: 'POST';
  params: Record<string, fc.Arbitrary<Param>>;
  /** Always sent (the rest are left out at random). */
  required: string[];
  /** At most this many DynamoDB requests per call. */
  maxRequests: number;
  /**
   * A well-formed question head office may ask (so the bound is tried on calls that do the work,
   * not only on refusals): a third of the calls are drawn from it.
   */
  wellFormed: fc.Arbitrary<Record<string, string>>;
  /** A POST's body, drawn whole (its parts depend on each other: an id named twice is invalid). */
  body?: fc.Arbitrary<{ value: unknown; invalid: boolean }>;
  /**
   * Makes what a well-formed call needs to do its work (fresh warnings to acknowledge), before it
   * is sent and outside its count; answers the body to send.
   */
  prepare?: (platform: LocalPlatform, query: Record<string, string>) => Promise<unknown>;
  /** Who asks the well-formed questions, when head office may not (it makes no inspections). */
  wellFormedAs?: (typeof STAFF_ROLES)[number];
}

/** Warning ids: the period's form, anything else, and too long. */
const warningIdArbitrary = fc.oneof(
  fc.constantFrom('sh-jingan', 'bj-guomao', 'no-such').map((o) => `2026-11:csat-low:outlet:${o}`),
  fc.string({ maxLength: 30 }),
  fc.constant('w'.repeat(201)),
);
const acknowledgeBody = fc
  .record({
    ids: fc.oneof(
      { weight: 4, arbitrary: fc.array(warningIdArbitrary, { maxLength: 60 }) },
      { weight: 1, arbitrary: fc.constantFrom(undefined, 'nope', 7, null, {}) },
    ),
    note: fc.oneof(
      fc.constant(undefined),
      fc.string({ maxLength: 40 }),
      fc.constant('n'.repeat(501)),
      fc.constant(5),
    ),
    duplicate: fc.boolean(),
  })
  .map(({ ids, note, duplicate }) => {
    const list = Array.isArray(ids) && duplicate && ids.length > 0 ? [...ids, ids[0]] : ids;
    const invalid =
      !Array.isArray(list) ||
      list.length === 0 ||
      list.length > 50 ||
      list.some((id) => typeof id !== 'string' || id.length === 0 || id.length > 200) ||
      new Set(list).size !== list.length ||
      (note !== undefined && (typeof note !== 'string' || note.trim().length > 500));
    return {
      value: { ...(list === undefined ? {} : { ids: list }), ...(note === undefined ? {} : { note }) },
      invalid,
    };
  });

let raised = 0;
/** `count` fresh warnings of November 2026 (raised as the period's close raises them). */
async function freshWarnings(platform: LocalPlatform, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const subjectId = `bad-input-${++raised}`;
    const id = `2026-11:csat-low:outlet:${subjectId}`;
    await platform.deps.repositories.warnings.raise(
      {
        id,
        rule: 'csat-low',
        granularity: 'month',
        period: '2026-11',
        scope: 'outlet',
        subjectId,
        regionId: 'shanghai',
        figures: { csat: 0.5, upperBound: 0.6, ratings: 40, threshold: 0.8, confidence: 0.95 },
      },
      [],
      new Date(),
    );
    ids.push(id);
  }
  return ids;
}

/** Two days of 2026, in order: a range within every limit for days. */
const orderedDays = fc
  .tuple(fc.integer({ min: 0, max: 364 }), fc.integer({ min: 0, max: 364 }))
  .map(([a, b]) =>
    [Math.min(a, b), Math.max(a, b)].map((d) =>
      new Date(Date.UTC(2026, 0, 1 + d)).toISOString().slice(0, 10),
    ),
  );
const seriesOf = (scopes: readonly [string, string][]) =>
  fc
    .tuple(fc.constantFrom(...scopes), fc.constantFrom('day', 'week', 'month'), orderedDays)
    .map(([[scope, id], granularity, [from = '', to = '']]) => ({
      scope,
      ...(id ? { id } : {}),
      granularity,
      from,
      to,
    }));
const SCOPES: [string, string][] = [
  ['bank', ''],
  ['region', 'shanghai'],
  ['outlet', 'sh-jingan'],
];

const OVERSIGHT_VIEWS = ['major', 'reopened', 'overdue', 'extension-requests', 'referred'];
const INBOX_VIEWS = [
  'new',
  'mine',
  'received',
  'due-soon',
  'overdue',
  'transferred',
  'resolved',
  'follow-up',
];
const series = { scope, id: subject, granularity, from: day, to: day, format, lang };

/** Every signed-in read with parameters, each with the most DynamoDB requests one call may make. */
const ENDPOINTS: Record<string, Endpoint> = {
  'GET /stats/satisfaction': {
    path: '/stats/satisfaction',
    params: series,
    required: ['scope', 'from', 'to'],
    maxRequests: 8,
    wellFormed: seriesOf(SCOPES),
  },
  'GET /stats/complaints': {
    path: '/stats/complaints',
    params: series,
    required: ['scope', 'from', 'to'],
    maxRequests: 8,
    wellFormed: seriesOf([...SCOPES, ['department', 'operations']]),
  },
  'GET /stats/low-ratings': {
    path: '/stats/low-ratings',
    params: { scope, id: subject, from: day, to: day, format, lang },
    required: ['scope', 'from', 'to'],
    maxRequests: 24,
    wellFormed: seriesOf(SCOPES).map(({ granularity: _, ...query }) => query),
  },
  'GET /stats/export/ratings': {
    path: '/stats/export/ratings',
    params: { scope, id: subject, from: day, to: day, format, lang },
    required: ['scope', 'id', 'from', 'to'],
    // One Query per outlet and day: a year of one outlet, or a month of a region's outlets.
    maxRequests: 400,
    wellFormed: orderedDays.map(([from = '', to = '']) => ({ scope: 'outlet', id: 'sh-jingan', from, to })),
  },
  'GET /stats/rankings': {
    path: '/stats/rankings',
    params: {
      scope,
      granularity,
      period,
      region: subject,
      order,
      limit: pageLimit,
      cursor: pageCursor,
      format,
      lang,
    },
    required: ['period'],
    // A page of at most 1,000 (its Query pages), their previous period and names (BatchGets of
    // 100), the regions and the ranking's length: bounded by the page, never by the outlets.
    maxRequests: 30,
    wellFormed: fc.record({
      scope: fc.constantFrom('outlet', 'region'),
      granularity: fc.constant('month'),
      period: fc.constantFrom('2026-10', '2026-11'),
      order: fc.constantFrom('best', 'worst'),
      limit: fc.constantFrom('1', '20', '1000'),
      format: fc.constantFrom('json', 'csv'),
    }),
  },
  'GET /stats/heatmap': {
    path: '/stats/heatmap',
    params: {
      scope: fc.oneof(fc.constantFrom('region', 'outlet').map(ok), hostile),
      region: subject,
      granularity: fc.oneof(fc.constantFrom('week', 'month').map(ok), hostile),
      to: period,
      periods,
      limit: heatmapLimit,
      cursor: pageCursor,
      format,
      lang,
    },
    required: ['to'],
    // The rows' Query, the regions, and the cells: 100 rows × 13 periods in BatchGets of 100.
    maxRequests: 18,
    wellFormed: fc.oneof(
      fc.record({
        scope: fc.constant('region'),
        to: fc.constantFrom('2026-W47', '2026-11'),
        granularity: fc.constant('week'),
      }),
      fc.record({
        scope: fc.constant('outlet'),
        region: fc.constantFrom('shanghai', 'beijing'),
        granularity: fc.constant('month'),
        to: fc.constant('2026-11'),
        periods: fc.constantFrom('1', '13'),
      }),
    ),
  },
  'GET /stats/warnings': {
    path: '/stats/warnings',
    params: {
      period,
      rule,
      region: subject,
      status: view(['open', 'acknowledged', 'all']),
      limit: pageLimit,
      cursor: pageCursor,
      format,
      lang,
    },
    required: ['period'],
    // Up to 10 key ranges for a page (2 statuses × 5 rules), the page's outlets' names, the regions.
    maxRequests: 30,
    wellFormed: fc.record({
      period: fc.constantFrom('2026-11', '2026-W48'),
      status: fc.constantFrom('open', 'acknowledged', 'all'),
      region: fc.constantFrom('shanghai', 'beijing'),
    }),
  },
  'GET /stats/warnings/summary': {
    path: '/stats/warnings/summary',
    params: { period, format, lang },
    required: ['period'],
    maxRequests: 4,
    wellFormed: fc.record({
      period: fc.constantFrom('2026-11', '2026-W48'),
      format: fc.constantFrom('json', 'csv'),
    }),
  },
  'POST /stats/warnings/acknowledge': {
    path: '/stats/warnings/acknowledge',
    method: 'POST',
    params: { lang },
    required: [],
    // A BatchGet of the warnings, the transaction (three tries at most when another holds them),
    // the outlets' names, the regions.
    maxRequests: 10,
    body: acknowledgeBody,
    wellFormed: fc.record({ count: fc.constantFrom('1', '7', '50') }),
    prepare: async (platform, query) => ({
      ids: await freshWarnings(platform, Number(query.count)),
      note: '已督促整改',
    }),
  },
  'GET /stats/major-complaints': {
    path: '/stats/major-complaints',
    params: { month, scope, id: subject, format, lang },
    required: ['month', 'scope'],
    // The month's rollup, the category names, one BatchGet for the outlets of its 50 complaints.
    maxRequests: 4,
    wellFormed: fc.record({
      month: fc.constantFrom('2026-10', '2026-11'),
      scope: fc.constant('bank'),
      format: fc.constantFrom('json', 'csv'),
    }),
  },
  'GET /stats/first-day': {
    path: '/stats/first-day',
    params: { format, lang },
    required: [],
    maxRequests: 1,
    wellFormed: fc.record({ format: fc.constantFrom('json', 'csv') }),
  },
  'GET /inbox': {
    path: '/inbox',
    params: { view: view(INBOX_VIEWS), department: subject, limit, cursor, lang },
    required: [],
    maxRequests: 12,
    wellFormed: fc.record({
      view: fc.constantFrom(...INBOX_VIEWS),
      department: fc.constantFrom('operations', 'cards'),
    }),
  },
  'GET /staff/oversight': {
    path: '/staff/oversight',
    params: { view: view(OVERSIGHT_VIEWS), lang },
    required: [],
    maxRequests: 40,
    wellFormed: fc.record({ view: fc.constantFrom(...OVERSIGHT_VIEWS) }),
  },
  'GET /staff/outlets/{id}/complaints': {
    path: '/staff/outlets/{id}/complaints',
    params: { id: subject, state: view(['open', 'closed', 'all']), lang },
    required: ['id'],
    maxRequests: 12,
    wellFormed: fc.record({
      id: fc.constantFrom('sh-jingan', 'bj-guomao'),
      state: fc.constantFrom('open', 'closed', 'all'),
    }),
  },
  'GET /admin/routing-rules/preview': {
    path: '/admin/routing-rules/preview',
    params: {
      category: fc.oneof(fc.constantFrom('waiting-time', 'fees', 'nope').map(ok), hostile),
      outletId: subject,
    },
    required: ['category', 'outletId'],
    maxRequests: 8,
    wellFormed: fc.record({
      category: fc.constantFrom('waiting-time', 'fees'),
      outletId: fc.constant('sh-jingan'),
    }),
  },
  'GET /supervision/inspections': {
    path: '/supervision/inspections',
    params: {
      outletId: subject,
      month,
      kind: fc.oneof(
        fc.constantFrom('self-check', 'spot-check', 'joint-check', 'mystery-visit').map(ok),
        hostile,
      ),
    },
    required: ['outletId', 'month'],
    maxRequests: 6,
    wellFormed: fc.record({
      outletId: fc.constantFrom('sh-jingan', 'bj-guomao'),
      month: fc.constantFrom('2026-11', '2026-12'),
    }),
  },
  'GET /supervision/rectifications': {
    path: '/supervision/rectifications',
    params: { outletId: subject, status: view(['open', 'submitted', 'accepted']) },
    required: ['outletId'],
    maxRequests: 6,
    wellFormed: fc.record({
      outletId: fc.constantFrom('sh-jingan', 'bj-guomao'),
      status: fc.constantFrom('open', 'accepted'),
    }),
  },
  'GET /supervision/mystery-visits': {
    path: '/supervision/mystery-visits',
    params: {
      halfYear: fc.oneof(
        fc.constantFrom('2026-H1', '2026-H2').map(ok),
        fc.constantFrom('2026-H3', '9999-H1', '2026').map(bad),
        hostile,
      ),
    },
    required: ['halfYear'],
    maxRequests: 4,
    wellFormed: fc.record({ halfYear: fc.constantFrom('2026-H1', '2026-H2') }),
  },
  'GET /supervision/circular': {
    path: '/supervision/circular',
    params: {
      month,
      format: view(['json', 'csv']),
      table: view(['outlets', 'regions', 'items', 'red-lines']),
    },
    required: ['month'],
    // The month's outlet tallies (a page), the bank's and the regions' (a BatchGet each), its
    // red-line findings, the checklist, the outlets and regions it names.
    maxRequests: 10,
    wellFormed: fc.record({
      month: fc.constantFrom('2026-10', '2026-11'),
      format: fc.constantFrom('json', 'csv'),
      table: fc.constantFrom('outlets', 'red-lines'),
    }),
  },
  'POST /supervision/photo-uploads': {
    path: '/supervision/photo-uploads',
    method: 'POST',
    params: { lang },
    required: [],
    // The inspection (or the task) it is for; nothing else is read: the presign is signed locally.
    maxRequests: 3,
    body: photoUploadBody,
    wellFormed: fc.record({ type: fc.constantFrom('image/jpeg', 'image/webp') }),
    wellFormedAs: 'inspector.1',
    prepare: async (_platform, query) => ({
      inspectionId: randomUUID(),
      contentType: query.type,
      size: 1000,
    }),
  },
  'GET /admin/outlets': {
    path: '/admin/outlets',
    params: { region: subject },
    required: [],
    maxRequests: 8,
    wellFormed: fc.record({ region: fc.constantFrom('shanghai', 'beijing') }),
  },
};

interface Call {
  role: string;
  url: string;
  invalid: boolean;
  /** A POST's body, or the query its `prepare` turns into one. */
  body?: unknown;
  prepare?: Record<string, string>;
}

function calls(endpoint: Endpoint): fc.Arbitrary<Call> {
  const names = Object.keys(endpoint.params);
  const asked = (query: Record<string, string>) => {
    let path = endpoint.path;
    const rest = Object.entries(query).filter(([name, value]) => {
      if (name !== 'id' || !path.includes('{id}')) return true;
      path = path.replace('{id}', encodeURIComponent(value));
      return false;
    });
    return `${path}?${rest.map(([n, v]) => `${encodeURIComponent(n)}=${encodeURIComponent(v)}`).join('&')}`;
  };
  // A department's inbox is its staff's; everything else head office may ask.
  const wellFormed = endpoint.wellFormed.map(
    (query): Call =>
      endpoint.prepare
        ? {
            role: endpoint.wellFormedAs ?? 'head-office',
            url: `${endpoint.path}?`,
            invalid: false,
            prepare: query,
          }
        : {
            role: endpoint.path === '/inbox' ? 'operations.1' : 'head-office',
            url: asked(query),
            invalid: false,
          },
  );
  const any = fc
    .tuple(
      fc.constantFrom(...STAFF_ROLES),
      fc.record(endpoint.params as Record<string, fc.Arbitrary<Param>>),
      fc.subarray(names),
      endpoint.body ?? fc.constant(undefined),
    )
    .map(([role, values, sent, body]): Call => {
      const query: string[] = [];
      let path = endpoint.path;
      let invalid = false;
      for (const name of names) {
        const param = values[name] as Param;
        if (name === 'id' && path.includes('{id}')) {
          path = path.replace('{id}', encodeURIComponent(param.value) || 'x');
          // An id in the path only has to be a well-formed outlet id; anything else is 400 or 404.
          continue;
        }
        if (!endpoint.required.includes(name) && !sent.includes(name)) continue;
        invalid ||= param.invalid;
        query.push(`${encodeURIComponent(name)}=${encodeURIComponent(param.value)}`);
      }
      if (body)
        return {
          role,
          url: `${path}?${query.join('&')}`,
          invalid: invalid || body.invalid,
          body: body.value,
        };
      return { role, url: `${path}?${query.join('&')}`, invalid };
    });
  return fc.oneof({ weight: 1, arbitrary: wellFormed }, { weight: 2, arbitrary: any });
}

/** Runs `runsPerEndpoint` calls against each signed-in read of a running platform. */
export async function staffBadInputProperties(
  platform: LocalPlatform,
  runsPerEndpoint: number,
  options: { seed?: number } = {},
): Promise<StaffBadInputReport> {
  const tokens = new Map<string, string>();
  for (const username of STAFF_ROLES) {
    const response = await fetch(`${platform.url}/api/v1/local/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username }),
    });
    tokens.set(username, ((await response.json()) as { token: string }).token);
  }
  const capacity = countCapacity(platform.table);
  const report: StaffBadInputReport = {
    inputs: 0,
    statuses: new Map(),
    failures: [],
    mostRequests: {},
    answered: {},
  };
  for (const [label, endpoint] of Object.entries(ENDPOINTS)) {
    const answered = new WeakMap<Call, string>();
    const result = await fc.check(
      fc.asyncProperty(calls(endpoint), async (call) => {
        let status = 0;
        const body =
          call.prepare && endpoint.prepare ? await endpoint.prepare(platform, call.prepare) : call.body;
        const cost = await capacity.measure(async () => {
          const response = await fetch(`${platform.url}/api/v1${call.url}`, {
            headers: {
              authorization: `Bearer ${tokens.get(call.role)}`,
              ...(endpoint.method ? { 'content-type': 'application/json' } : {}),
            },
            ...(endpoint.method ? { method: endpoint.method, body: JSON.stringify(body ?? {}) } : {}),
          });
          await response.arrayBuffer();
          status = response.status;
        });
        report.inputs++;
        report.statuses.set(status, (report.statuses.get(status) ?? 0) + 1);
        report.mostRequests[label] = Math.max(report.mostRequests[label] ?? 0, cost.requests);
        if (status === 200 || status === 201) report.answered[label] = (report.answered[label] ?? 0) + 1;
        answered.set(call, `${status}, ${cost.requests} requests`);
        if (status >= 500) return false;
        if (cost.requests > endpoint.maxRequests) return false;
        return !call.invalid || (status >= 400 && status < 500);
      }),
      { numRuns: runsPerEndpoint, ...(options.seed === undefined ? {} : { seed: options.seed }) },
    );
    if (result.failed) {
      const call = result.counterexample?.[0];
      report.failures.push(
        `${label} as ${call?.role} answered ${call ? answered.get(call) : '?'} (at most ${endpoint.maxRequests} requests): ${call?.url.slice(0, 300)} ${result.errorInstance ? String(result.errorInstance).slice(0, 200) : ''} (seed ${result.seed}, path ${result.counterexamplePath})`,
      );
    }
  }
  return report;
}

export const STAFF_BAD_INPUT_ENDPOINTS = Object.keys(ENDPOINTS).length;
