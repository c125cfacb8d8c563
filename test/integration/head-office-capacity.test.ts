import { beforeAll, describe, expect, it } from 'vitest';
import type { Warning } from '../../functions/domain/statistics/warnings.js';
import { SEEDING_PATIENCE } from '../../functions/local/seed.js';
import { countCapacity } from '../support/capacity.js';
import { TestClock } from '../support/clock.js';
import { outletId, regionId, writeBank } from '../support/generated-bank.js';
import { usePlatform } from '../support/platform.js';

/**
 * Head office's calls at the size of a national bank, counted (never timed): a generated bank is
 * written straight through the repositories, first 6 regions of 50 outlets (300), then 54 more
 * regions (3,000 outlets in all), and every call the dashboard and the report make is measured at
 * both sizes: its DynamoDB requests and read units, and its answer's bytes. Each stays under a
 * fixed bound that does not grow with the outlets, and the two sizes cost the same requests
 * wherever the small bank filled the page asked for.
 *
 * "Now" is 2 December 2026: the month the pages land on is November, the week 2026-W48.
 */
const clock = new TestClock('2026-12-02T10:00:00+08:00');
// Thousands of generated outlets with the whole suite sharing one DynamoDB Local on two cores: a
// batch job's patience for its calls (requests are counted once whatever the retries).
const ctx = usePlatform({}, { now: clock.now, patience: SEEDING_PATIENCE });
const OUTLETS_PER_REGION = 50;
const SHAPE = {
  outletsPerRegion: OUTLETS_PER_REGION,
  months: ['2026-10', '2026-11'],
  weeks: ['2026-W47', '2026-W48'],
  days: ['2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30'],
};
const SMALL = 6;
const LARGE = 60;

interface Cost {
  requests: number;
  readUnits: number;
  bytes: number;
  status: number;
}

/** What one head-office call may cost, whatever the number of outlets. */
const BOUNDS: Record<string, { requests: number; kb: number }> = {
  'GET /staff/me': { requests: 1, kb: 8 },
  'GET /stats/first-day': { requests: 1, kb: 1 },
  'GET /stats/satisfaction (bank, 6 months)': { requests: 2, kb: 8 },
  'GET /stats/complaints (bank, 6 months)': { requests: 2, kb: 12 },
  'GET /stats/warnings/summary (month)': { requests: 2, kb: 12 },
  'GET /stats/warnings/summary (week)': { requests: 2, kb: 12 },
  'GET /stats/low-ratings (bank, 7 days)': { requests: 3, kb: 8 },
  'GET /stats/rankings (regions, 50)': { requests: 4, kb: 24 },
  'GET /stats/rankings (outlets of the bank, 20)': { requests: 5, kb: 12 },
  'GET /stats/heatmap (regions × 8 weeks, 25)': { requests: 5, kb: 24 },
  'GET /stats/rankings (outlets of a region, 20)': { requests: 5, kb: 12 },
  'GET /stats/rankings (outlets of a region, page 2)': { requests: 5, kb: 12 },
  'GET /stats/rankings (outlets of the bank, worst 20)': { requests: 5, kb: 12 },
  'GET /stats/heatmap (a region’s outlets × 8 weeks, 25)': { requests: 5, kb: 24 },
  'GET /stats/warnings (a rule of a region, open, 20)': { requests: 3, kb: 24 },
  'GET /stats/warnings (every open one, 50)': { requests: 3, kb: 60 },
  'GET /stats/major-complaints (month)': { requests: 3, kb: 4 },
  'POST /stats/warnings/acknowledge (20)': { requests: 4, kb: 24 },
  'GET /stats/rankings (outlets, CSV of 1,000)': { requests: 30, kb: 160 },
};
/** The dashboard's first view as head office: what it asks on landing, in all. */
const FIRST_VIEW = [
  'GET /staff/me',
  'GET /stats/first-day',
  'GET /stats/satisfaction (bank, 6 months)',
  'GET /stats/complaints (bank, 6 months)',
  'GET /stats/warnings/summary (month)',
  'GET /stats/warnings/summary (week)',
  'GET /stats/low-ratings (bank, 7 days)',
  'GET /stats/rankings (regions, 50)',
  'GET /stats/rankings (outlets of the bank, 20)',
  'GET /stats/heatmap (regions × 8 weeks, 25)',
];

let capacity: ReturnType<typeof countCapacity>;
const costs: Record<'small' | 'large', Record<string, Cost>> = { small: {}, large: {} };
let raised: Warning[] = [];

async function call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Cost & { text: string }> {
  const token = await ctx.token('head-office');
  let response: Response | undefined;
  let text = '';
  const cost = await capacity.measure(async () => {
    response = await fetch(`${ctx.url}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        'accept-language': 'zh-CN',
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    text = await response.text();
  });
  return {
    requests: cost.requests,
    readUnits: cost.readUnits,
    bytes: Buffer.byteLength(text),
    status: response?.status ?? 0,
    text,
  };
}

/** Every call measured once, as the pages make them; `region` is one with lagging outlets. */
async function measureAll(size: 'small' | 'large', region: string, toAcknowledge: string[]) {
  const calls: [string, 'GET' | 'POST', string, unknown?][] = [
    ['GET /staff/me', 'GET', '/staff/me'],
    ['GET /stats/first-day', 'GET', '/stats/first-day'],
    [
      'GET /stats/satisfaction (bank, 6 months)',
      'GET',
      '/stats/satisfaction?scope=bank&granularity=month&from=2026-06-01&to=2026-11-30',
    ],
    [
      'GET /stats/complaints (bank, 6 months)',
      'GET',
      '/stats/complaints?scope=bank&granularity=month&from=2026-06-01&to=2026-11-30',
    ],
    ['GET /stats/warnings/summary (month)', 'GET', '/stats/warnings/summary?period=2026-11'],
    ['GET /stats/warnings/summary (week)', 'GET', '/stats/warnings/summary?period=2026-W48'],
    [
      'GET /stats/low-ratings (bank, 7 days)',
      'GET',
      '/stats/low-ratings?scope=bank&from=2026-11-24&to=2026-11-30',
    ],
    ['GET /stats/rankings (regions, 50)', 'GET', '/stats/rankings?scope=region&period=2026-11&limit=50'],
    [
      'GET /stats/rankings (outlets of the bank, 20)',
      'GET',
      '/stats/rankings?scope=outlet&period=2026-11&limit=20',
    ],
    [
      'GET /stats/heatmap (regions × 8 weeks, 25)',
      'GET',
      '/stats/heatmap?scope=region&granularity=week&to=2026-W48&periods=8&limit=25',
    ],
    [
      'GET /stats/rankings (outlets of a region, 20)',
      'GET',
      `/stats/rankings?scope=outlet&period=2026-11&region=${region}&limit=20`,
    ],
    [
      'GET /stats/rankings (outlets of the bank, worst 20)',
      'GET',
      '/stats/rankings?scope=outlet&period=2026-11&order=worst&limit=20',
    ],
    [
      'GET /stats/heatmap (a region’s outlets × 8 weeks, 25)',
      'GET',
      `/stats/heatmap?scope=outlet&region=${region}&granularity=week&to=2026-W48&periods=8&limit=25`,
    ],
    [
      'GET /stats/warnings (a rule of a region, open, 20)',
      'GET',
      `/stats/warnings?period=2026-11&rule=csat-low&region=${region}&status=open&limit=20`,
    ],
    [
      'GET /stats/warnings (every open one, 50)',
      'GET',
      '/stats/warnings?period=2026-11&status=open&limit=50',
    ],
    ['GET /stats/major-complaints (month)', 'GET', '/stats/major-complaints?month=2026-11'],
    [
      'POST /stats/warnings/acknowledge (20)',
      'POST',
      '/stats/warnings/acknowledge',
      { ids: toAcknowledge, note: '已督促整改' },
    ],
    [
      'GET /stats/rankings (outlets, CSV of 1,000)',
      'GET',
      '/stats/rankings?scope=outlet&period=2026-11&format=csv',
    ],
  ];
  for (const [label, method, path, body] of calls) {
    const { text, ...cost } = await call(method, path, body);
    costs[size][label] = cost;
    expect(cost.status, `${label}: ${text.slice(0, 200)}`).toBe(200);
    if (label === 'GET /stats/rankings (outlets of a region, 20)') {
      const next = (JSON.parse(text) as { nextCursor?: string }).nextCursor;
      const { text: _, ...second } = await call(
        'GET',
        `/stats/rankings?scope=outlet&period=2026-11&region=${region}&limit=20&cursor=${next}`,
      );
      costs[size]['GET /stats/rankings (outlets of a region, page 2)'] = second;
    }
  }
}

const lagging = (warnings: readonly Warning[], region: string) =>
  warnings.filter((w) => w.regionId === region).map((w) => w.id);

beforeAll(async () => {
  capacity = countCapacity(ctx.platform.table);
  raised = await writeBank(ctx.platform, { ...SHAPE, regions: SMALL });
  await measureAll(
    'small',
    regionId(1),
    raised.slice(0, 20).map((w) => w.id),
  );
  raised.push(...(await writeBank(ctx.platform, { ...SHAPE, regions: LARGE, fromRegion: SMALL })));
  await measureAll(
    'large',
    regionId(41),
    raised.slice(20, 40).map((w) => w.id),
  );
}, 600_000);

describe(`head office's calls at ${SMALL * OUTLETS_PER_REGION} and ${LARGE * OUTLETS_PER_REGION} outlets`, () => {
  it('the generated bank is what the calls see: 3,000 outlets ranked, its warnings counted', async () => {
    const ranking = JSON.parse(
      (await call('GET', '/stats/rankings?scope=outlet&period=2026-11&limit=1')).text,
    ) as { total: number; items: { id: string }[] };
    expect(ranking.total).toBe(LARGE * OUTLETS_PER_REGION);
    const summary = JSON.parse((await call('GET', '/stats/warnings/summary?period=2026-11')).text) as {
      open: number;
      acknowledged: number;
    };
    expect(summary).toMatchObject({ open: raised.length - 40, acknowledged: 40 });
    expect(lagging(raised, regionId(41)).length).toBeGreaterThan(0);
    expect(outletId(59, 49)).toBe('r59-o049');
  });

  it('keeps every call under its bound in requests and bytes, at both sizes', () => {
    const table = Object.entries(costs.large).map(([label, large]) => {
      const small = costs.small[label];
      return `${label.padEnd(58)} ${String(small?.requests).padStart(3)} req ${String(large.requests).padStart(3)} req  ${large.readUnits.toFixed(1).padStart(7)} RU  ${(large.bytes / 1024).toFixed(1).padStart(6)} KB`;
    });
    console.log(
      `call${' '.repeat(54)}  300      3,000    (read units and bytes at 3,000)\n${table.join('\n')}`,
    );
    for (const [label, bound] of Object.entries(BOUNDS)) {
      for (const size of ['small', 'large'] as const) {
        const cost = costs[size][label];
        expect(cost, `${label} measured at ${size}`).toBeDefined();
        expect(cost?.requests, `${label} at ${size}: requests`).toBeLessThanOrEqual(bound.requests);
        expect(cost?.bytes, `${label} at ${size}: bytes`).toBeLessThanOrEqual(bound.kb * 1024);
      }
    }
  });

  it('costs the same requests at 3,000 outlets as at 300, call by call', () => {
    const grew = Object.keys(BOUNDS).filter(
      (label) => (costs.large[label]?.requests ?? 0) > (costs.small[label]?.requests ?? 0),
    );
    // Two pages were not full at the small size: the heat map's page of 25 regions held 6 (one
    // BatchGet of their cells, two for 25), and the CSV of up to 1,000 outlets held 300.
    expect(grew).toEqual([
      'GET /stats/heatmap (regions × 8 weeks, 25)',
      'GET /stats/rankings (outlets, CSV of 1,000)',
    ]);
  });

  it('gives the dashboard’s first view in a bounded number of bytes', () => {
    const bytes = FIRST_VIEW.reduce((n, label) => n + (costs.large[label]?.bytes ?? 0), 0);
    const requests = FIRST_VIEW.reduce((n, label) => n + (costs.large[label]?.requests ?? 0), 0);
    console.log(
      `first view at 3,000 outlets: ${FIRST_VIEW.length} calls, ${requests} DynamoDB requests, ${(bytes / 1024).toFixed(1)} KB of answers`,
    );
    expect(bytes).toBeLessThanOrEqual(100 * 1024);
    expect(requests).toBeLessThanOrEqual(25);
  });
});
