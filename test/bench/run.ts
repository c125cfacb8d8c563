/**
 * `npm run bench`: the platform's speed, cost and size, each beside a floor measured in the same
 * run on this machine, so the figures mean the same on a slow laptop and a fast CI box.
 *
 * - Rating intake against a bare `node:http` server doing one conditional PutItem on the same
 *   DynamoDB Local (bare-server.ts), one request at a time and at 16 connections (autocannon);
 *   beside it, the same work in hono (framework-server.ts), which splits the platform's distance
 *   from the floor into the framework's part and the platform's own.
 * - DynamoDB capacity units per request, as DynamoDB Local reports them (AWS's published rules).
 * - Each Lambda bundle's cold import against a hello-world hono handler that loads the DynamoDB
 *   client, bundled the same way.
 * - The cost per million ratings at list prices (prices.ts).
 *
 * Prints one table and exits 1 if a goal is missed. Not a test: no timing is asserted anywhere.
 */
import { type ChildProcess, execFileSync, fork, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import { build } from 'esbuild';
import { PersonalDataCipher } from '../../functions/adapters/crypto/personal-data-cipher.js';
import { writeAll } from '../../functions/adapters/dynamodb/batch-writer.js';
import { complaintItem, eventItem } from '../../functions/adapters/dynamodb/complaint-repository.js';
import { ratingItem } from '../../functions/adapters/dynamodb/rating-repository.js';
import { departmentIds } from '../../functions/config/departments.js';
import { addDays } from '../../functions/domain/calendar.js';
import { outletKey } from '../../functions/domain/outlet-key.js';
import { datesBetween } from '../../functions/domain/statistics/periods.js';
import { closeDay, rollUpToday } from '../../functions/jobs/statistics-jobs.js';
import { startDynamoDbLocal } from '../../functions/local/dynamodb-local.js';
import { BankClock } from '../../functions/local/history/bank-clock.js';
import { outletComplaints } from '../../functions/local/history/complaints.js';
import { DEFAULT_LAGGING, outletProfile } from '../../functions/local/history/profiles.js';
import { Random } from '../../functions/local/history/random.js';
import { startLocalPlatform } from '../../functions/local/platform.js';
import { RollupService } from '../../functions/services/rollups.js';
import {
  buildLambdas,
  LAMBDA_OUT_DIR,
  type LambdaName,
  lambdaBuildOptions,
  lambdaNames,
  outputBytes,
  outputsAtStart,
} from '../../infra/lambda-bundles.js';
import { countCapacity } from '../support/capacity.js';
import { aComplaint } from '../support/complaints.js';
import { freePort } from '../support/dynamodb-global-setup.js';
import { DYNAMODB_ROUND_TRIP_MS, MB_PER_VCPU, prices } from './prices.js';

const here = import.meta.dirname;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const SERIAL_REQUESTS = Number(process.env.BENCH_SERIAL ?? 1500);
const IMPORT_RUNS = Number(process.env.BENCH_IMPORT_RUNS ?? 21);
const PUBLIC_MEMORY_MB = 512;
/** Ratings an outlet takes in a day when 10,000 outlets take a million. */
const RATINGS_PER_OUTLET_DAY = 100;
/** Refreshes in a day that find new ratings (opening hours, 09:00–17:00) and that find none. */
const REFRESHES_CHANGED = 32;
const REFRESHES_UNCHANGED = 96 - REFRESHES_CHANGED;
const BANK_OUTLETS = 10_000;
/** `BENCH_ONLY=intake,imports` runs only those parts; the bill needs intake and capacity. */
const PARTS = ['intake', 'capacity', 'statistics', 'imports', 'sizes'];
const only = process.env.BENCH_ONLY?.split(',').map((p) => p.trim());
const unknownPart = only?.find((p) => !PARTS.includes(p));
if (unknownPart) throw new Error(`BENCH_ONLY: no part named ${unknownPart} (${PARTS.join(', ')})`);
const runs = (part: string) => !only || only.includes(part);

type Row = {
  section: string;
  measure: string;
  value: string;
  floor: string;
  ratio: string;
  goal: string;
  met?: boolean;
};
const rows: Row[] = [];
const row = (r: Row) => rows.push(r);
const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  // An even count's median is the mean of its two middle values, not the upper one.
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2;
};
const fixed = (n: number, digits = 2) => n.toFixed(digits);
// Measured by one part, used by the bill at the end.
let cpuPerRating = Number.NaN;
let writeUnitsPerRating = Number.NaN;
let readUnitsPerRating = Number.NaN;

console.log('Building pages and functions…');
execFileSync('npm', ['run', 'build:web', '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
const lambdaBuilds = await buildLambdas();

const dynamo = await startDynamoDbLocal({ port: await freePort() });
const tableName = `bench-${randomUUID()}`;
const children: ChildProcess[] = [];
try {
  if (runs('intake')) await loadAgainstFloor();
  if (runs('capacity')) await capacityPerRequest();
  if (runs('statistics')) await statistics();
  if (runs('imports')) await coldImports();
  if (runs('intake') && runs('capacity')) bill();
  if (runs('sizes')) sizes();
} finally {
  for (const child of children) child.kill();
  await dynamo.stop();
}
print();

/** Starts a bench server in a process of its own; resolves with what it sends when ready. */
function startChild(script: string): Promise<{ child: ChildProcess; ready: Record<string, string> }> {
  const child = fork(join(here, script), {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, DYNAMODB_ENDPOINT: dynamo.endpoint, TABLE_NAME: tableName },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  children.push(child);
  return new Promise((ready, fail) => {
    child.once('message', (m) => ready({ child, ready: m as Record<string, string> }));
    child.once('exit', (code) => fail(new Error(`${script} exited with ${code}`)));
  });
}

function cpuMs(child: ChildProcess): Promise<number> {
  return new Promise((answer) => {
    child.once('message', (m) => {
      const { cpu } = m as { cpu: NodeJS.CpuUsage };
      answer((cpu.user + cpu.system) / 1000);
    });
    child.send('cpu');
  });
}

interface Load {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  failures: number;
}

async function load(
  url: string,
  body: () => unknown,
  options: { connections: number; amount?: number; duration?: number },
): Promise<Load> {
  // autocannon's own percentiles come from a histogram of whole milliseconds, too coarse for one
  // connection (1–5 ms answers, where 4 against 5 reads as 1.25×); each answer's own time is exact.
  const latencies: number[] = [];
  const started = performance.now();
  let lastAnswer = started;
  const result = await new Promise<autocannon.Result>((done, fail) => {
    const instance = autocannon(
      {
        url: `${url}/api/v1/feedback`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        connections: options.connections,
        ...(options.amount ? { amount: options.amount } : { duration: options.duration ?? SECONDS }),
        requests: [{ setupRequest: (request) => ({ ...request, body: JSON.stringify(body()) }) }],
      },
      (error, finished) => (error ? fail(error) : done(finished)),
    );
    instance.on('response', (_client, status, _bytes, ms) => {
      lastAnswer = performance.now();
      if (status >= 200 && status < 300) latencies.push(ms);
    });
  });
  // autocannon's duration is whole seconds too, and a run by count ends on its next one-second
  // tick: 1,500 answers in 2.2 s would read as 500/s. The rate is up to the last answer.
  const seconds = (lastAnswer - started) / 1000;
  latencies.sort((a, b) => a - b);
  const percentile = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? Number.NaN;
  const requests = result.requests.total;
  return {
    rps: requests / seconds,
    p50: percentile(0.5),
    p99: percentile(0.99),
    requests,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}

type Server = 'floor' | 'framework' | 'platform';

async function loadAgainstFloor() {
  // The platform first: it creates the table the floors write to.
  const started = {
    platform: await startChild('platform-server.ts'),
    floor: await startChild('bare-server.ts'),
    framework: await startChild('framework-server.ts'),
  };
  const servers: Server[] = ['floor', 'framework', 'platform'];
  const outletId = 'sh-lujiazui';
  const k = outletKey(started.platform.ready.qrSecret ?? '', outletId);
  const rating = () => ({
    outletId,
    k,
    submissionId: randomUUID(),
    rating: 1 + Math.floor(Math.random() * 5),
    deviceId: randomUUID(),
    lang: 'zh-CN',
  });
  const url = (which: Server) => started[which].ready.url ?? '';
  // DynamoDB Local's JVM takes some ten seconds of load to compile its hot paths (a cold first
  // round ran at a third of the speed of the third); every server warms it, and itself.
  console.log('Warming up…');
  for (const which of [...servers, ...servers])
    await load(url(which), rating, { connections: 16, duration: 4 });

  const runs = Object.fromEntries(
    servers.map((which) => [which, { serial: [] as Load[], concurrent: [] as Load[] }]),
  ) as Record<Server, { serial: Load[]; concurrent: Load[] }>;
  const cpu = Object.fromEntries(servers.map((which) => [which, { ms: 0, requests: 0 }])) as Record<
    Server,
    { ms: number; requests: number }
  >;
  for (let round = 1; round <= ROUNDS; round++) {
    console.log(`Load round ${round}/${ROUNDS}…`);
    // Each round starts with the next server: DynamoDB Local slows down as its one database
    // grows, so a fixed order would hand whoever runs first the smaller table in every round.
    const order = servers.map((_, i) => servers[(i + round - 1) % servers.length] as Server);
    for (const which of order) {
      runs[which].serial.push(await load(url(which), rating, { connections: 1, amount: SERIAL_REQUESTS }));
      const before = await cpuMs(started[which].child);
      const concurrent = await load(url(which), rating, { connections: 16 });
      runs[which].concurrent.push(concurrent);
      cpu[which].ms += (await cpuMs(started[which].child)) - before;
      cpu[which].requests += concurrent.requests;
    }
  }
  const failed = (which: Server) =>
    [...runs[which].serial, ...runs[which].concurrent].reduce((n, r) => n + r.failures, 0);
  for (const [label, key] of [
    ['1 connection', 'serial'],
    ['16 connections', 'concurrent'],
  ] as const) {
    const figure = (which: Server, of: 'rps' | 'p50' | 'p99') => median(runs[which][key].map((r) => r[of]));
    const section = `Rating intake, ${label}`;
    const ratio = (which: Server, of: 'rps' | 'p50' | 'p99') => figure(which, of) / figure('floor', of);
    const compare = (
      measure: string,
      which: Server,
      of: 'rps' | 'p50' | 'p99',
      goal?: { text: string; met: (ratio: number) => boolean },
    ) => {
      const show = (value: number) => (of === 'rps' ? fixed(value, 0) : `${fixed(value)} ms`);
      row({
        section,
        measure,
        value: show(figure(which, of)),
        floor: show(figure('floor', of)),
        ratio: `${fixed(ratio(which, of))}×`,
        goal: goal?.text ?? '',
        ...(goal ? { met: goal.met(ratio(which, of)) } : {}),
      });
    };
    compare('ratings per second', 'platform', 'rps', { text: '≥ 0.9×', met: (r) => r >= 0.9 });
    compare('p50 latency', 'platform', 'p50');
    compare('p99 latency', 'platform', 'p99', { text: '≤ 1.2×', met: (r) => r <= 1.2 });
    compare('  the floor in hono: ratings/s', 'framework', 'rps');
  }
  const failures = failed('platform');
  row({
    section: 'Rating intake',
    measure: 'failed answers (non-2xx, errors)',
    value: String(failures),
    // A floor that failed answers fast would look faster than it is: its figures are void then.
    floor: String(failed('floor') + failed('framework')),
    ratio: '',
    goal: '0',
    met: failures === 0 && failed('floor') === 0 && failed('framework') === 0,
  });
  const perRating = (which: Server) => cpu[which].ms / cpu[which].requests;
  cpuPerRating = perRating('platform');
  for (const [measure, which] of [
    ['server CPU per rating', 'platform'],
    ['  the floor in hono', 'framework'],
  ] as const) {
    row({
      section: 'Rating intake',
      measure,
      value: `${fixed(perRating(which), 3)} ms`,
      floor: `${fixed(perRating('floor'), 3)} ms`,
      ratio: `${fixed(perRating(which) / perRating('floor'))}×`,
      goal: '',
    });
  }
}
async function capacityPerRequest() {
  const platform = await startLocalPlatform({
    port: 0,
    dynamoEndpoint: dynamo.endpoint,
    tableName: `bench-capacity-${randomUUID()}`,
    scheduler: false,
    env: { RATE_LIMIT_IP_PER_MINUTE: '100000000', LOG_LEVEL: 'ERROR' },
  });
  try {
    // The stream's marks of stale outlet-days are another function's work in AWS (costed in the
    // scale bench, about 20 W a batch of 1,000), not a request's; the local poller writes them
    // through the same client meanwhile.
    const capacity = countCapacity(platform.table, { except: (pattern) => pattern.includes(' STALE#') });
    const url = platform.url;
    const k = outletKey((await platform.secrets.qrSecrets()).current, 'sh-jingan');
    const json = (path: string, body: unknown, token?: string) =>
      fetch(`${url}/api/v1${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(body),
      });
    const per = async (n: number, work: (i: number) => Promise<unknown>) => {
      const cost = await capacity.measure(async () => {
        for (let i = 0; i < n; i++) await work(i);
      });
      return { writeUnits: cost.writeUnits / n, readUnits: cost.readUnits / n, requests: cost.requests / n };
    };
    const rating = () => ({
      outletId: 'sh-jingan',
      k,
      submissionId: randomUUID(),
      rating: 4,
      deviceId: randomUUID(),
    });
    await json('/feedback', rating()); // a warm instance has the outlet cached
    const stored = rating();
    await json('/feedback', stored);
    const ratingCost = await per(20, () => json('/feedback', rating()));
    const replayCost = await per(20, () => json('/feedback', stored));
    const complaints: string[] = [];
    const complaintCost = await per(5, async () => {
      const response = await json('/complaints', { ...aComplaint('sh-jingan'), k });
      complaints.push(((await response.json()) as { trackingNo: string }).trackingNo);
    });
    await platform.poller.drain();
    const outboxCost = await per(5, async () => {
      await json('/complaints', { ...aComplaint('sh-jingan'), k });
      await platform.poller.drain();
    });
    const token = (
      (await (await json('/local/token', { username: 'operations.1' })).json()) as { token: string }
    ).token;
    const actionCost = await per(complaints.length, (i) =>
      json(`/staff/complaints/${complaints[i]}/actions`, { type: 'accept', expectedVersion: 1 }, token),
    );
    const inboxCost = await per(5, () =>
      fetch(`${url}/api/v1/inbox?view=new`, { headers: { authorization: `Bearer ${token}` } }),
    );
    writeUnitsPerRating = ratingCost.writeUnits;
    readUnitsPerRating = ratingCost.readUnits;
    const units = (c: { writeUnits: number; readUnits: number; requests: number }) =>
      `${fixed(c.writeUnits, 1)} W + ${fixed(c.readUnits, 1)} R (${fixed(c.requests, 1)} requests)`;
    const section = 'DynamoDB capacity units per request';
    row({
      section,
      measure: 'a rating',
      value: units(ratingCost),
      floor: '1 W + 1 index entry',
      ratio: '',
      goal: '≤ 2 W',
      met: ratingCost.writeUnits <= 2,
    });
    row({ section, measure: 'a replayed rating', value: units(replayCost), floor: '', ratio: '', goal: '' });
    row({
      section,
      measure: 'a complaint (API)',
      value: units(complaintCost),
      floor: '',
      ratio: '',
      goal: '',
    });
    row({
      section,
      measure: 'a complaint (API + outbox)',
      value: units(outboxCost),
      floor: '',
      ratio: '',
      goal: '',
    });
    row({
      section,
      measure: 'a staff action (accept)',
      value: units(actionCost),
      floor: '',
      ratio: '',
      goal: '',
    });
    row({ section, measure: 'an inbox page', value: units(inboxCost), floor: '', ratio: '', goal: '' });
    await supervisionCapacity(url, json, per, units, section, ratingCost);
  } finally {
    await platform.stop();
  }
}
type Cost = { writeUnits: number; readUnits: number; requests: number };
/**
 * Service supervision's writes, each beside the floor of a rating's single PutItem: a joint check
 * with no finding and with 5 (each finding a task, in the same transaction with the tallies), a
 * self-check round, and head office's release of a mystery visit with 2 findings.
 */
async function supervisionCapacity(
  url: string,
  json: (path: string, body: unknown, token?: string) => Promise<Response>,
  per: (n: number, work: (i: number) => Promise<unknown>) => Promise<Cost>,
  units: (c: Cost) => string,
  section: string,
  floor: Cost,
) {
  const tokenOf = async (username: string) =>
    ((await (await json('/local/token', { username })).json()) as { token: string }).token;
  const [team, lobby, office] = await Promise.all(
    ['inspector.shanghai', 'lobby.sh-jingan', 'head-office'].map(tokenOf),
  );
  type Item = { id: string; kind: { type: string; max?: number } };
  const listed = (await (
    await fetch(`${url}/api/v1/supervision/checklists/service`, {
      headers: { authorization: `Bearer ${office}` },
    })
  ).json()) as { version: number; sections: { items: Item[] }[] };
  const items = listed.sections.flatMap((s) => s.items);
  const failing = items
    .filter((i) => i.kind.type === 'yes-no')
    .slice(0, 5)
    .map((i) => i.id);
  const body = (kind: string, findings: number, extra: Record<string, unknown> = {}) => {
    const id = randomUUID();
    const fails = new Set(failing.slice(0, findings));
    return {
      id,
      kind,
      outletId: 'sh-jingan',
      checklistId: 'service',
      checklistVersion: listed.version,
      startedAt: new Date().toISOString(),
      answers: items.map((item) =>
        fails.has(item.id)
          ? { itemId: item.id, passed: false, photo: `photos/inspections/${id}/a.jpg` }
          : item.kind.type === 'yes-no'
            ? { itemId: item.id, passed: true }
            : item.kind.type === 'score'
              ? { itemId: item.id, mark: item.kind.max ?? 1 }
              : { itemId: item.id, value: 0 },
      ),
      ...extra,
    };
  };
  // Every call must be stored (201): a refusal costs a few reads and would pass for a cheap write.
  const stored = async (what: string, answer: Promise<Response>) => {
    const response = await answer;
    if (response.status !== 201 && response.status !== 200)
      throw new Error(`${what}: ${response.status} ${await response.text()}`);
    return response;
  };
  const inspect = (what: string, request: unknown, token: string | undefined) =>
    stored(what, json('/supervision/inspections', request, token));
  await inspect('warm-up', body('joint-check', 0), team);
  const joint0 = await per(5, () => inspect('joint check', body('joint-check', 0), team));
  const joint5 = await per(5, () => inspect('joint check, 5 findings', body('joint-check', 5), team));
  const selfCheck = await per(5, () =>
    inspect('self-check', body('self-check', 0, { round: 'opening' }), lobby),
  );
  const visits: string[] = [];
  for (let i = 0; i < 3; i++) {
    const planned = (await (
      await json(
        '/supervision/mystery-visits',
        { outletId: 'sh-jingan', deadline: new Date(Date.now() + 7 * 86_400_000).toISOString() },
        office,
      )
    ).json()) as { token: string };
    const visit = body('mystery-visit', 2);
    const submitted = await json(`/mystery/${planned.token}/inspections`, visit);
    if (submitted.status !== 201) throw new Error(`mystery visit: ${submitted.status}`);
    visits.push(visit.id);
  }
  const release = await per(visits.length, (i) =>
    stored('release', json(`/supervision/inspections/${visits[i]}/release`, {}, office)),
  );
  const floorText = `a rating: ${units(floor)}`;
  for (const [measure, cost] of [
    ['a joint check, no finding', joint0],
    ['a joint check, 5 findings', joint5],
    ['a self-check round', selfCheck],
    ['a mystery visit released (2 findings)', release],
  ] as const)
    row({
      section,
      measure,
      value: units(cost),
      floor: floorText,
      ratio: `${fixed(cost.writeUnits / floor.writeUnits, 1)}× W`,
      goal: '',
    });
}

/**
 * What the statistics cost a bank of 10,000 outlets and a million ratings a day, from what a
 * refresh of today costs per outlet here: 100 ratings an outlet today, and its complaints of the
 * last 180 days (the rollup looks back that far for complaints still open), told by the demo
 * history's generator scaled to the same volume (two or three a week an outlet). The region, bank
 * and department sums of each run are shared by 100 outlets here, by 10,000 in the bank: the
 * figures per outlet are on the high side.
 */
async function refreshAtBankScale(
  platform: Awaited<ReturnType<typeof startLocalPlatform>>,
  ids: readonly string[],
  capacity: ReturnType<typeof countCapacity>,
) {
  const section = `Statistics at a bank's scale (measured on ${ids.length} outlets)`;
  const { deps } = platform;
  const today = '2026-11-25'; // the platform's clock: 10:00 in Shanghai
  const volume = RATINGS_PER_OUTLET_DAY / 8; // the generator's ordinary outlet rates 8 a weekday
  const [{ rules }, keys] = await Promise.all([
    deps.repositories.routingRules.get(),
    deps.secrets.personalDataKeys(),
  ]);
  const clock = new BankClock(deps.config.TIME_ZONE);
  const days = datesBetween(addDays(today, -180), addDays(today, -1));
  const stories = ids.flatMap((id, o) =>
    outletComplaints(
      {
        now: deps.now().getTime(),
        timeZone: deps.config.TIME_ZONE,
        clock,
        random: new Random(o + 1),
        rules,
        rootCauses: deps.config.ROOT_CAUSES,
        departmentIds,
        cipher: new PersonalDataCipher(keys),
        volume,
      },
      { id, regionId: o % 2 ? 'shanghai' : 'beijing' },
      outletProfile(id, today, DEFAULT_LAGGING),
      days,
    ),
  );
  const start = Date.parse('2026-11-25T01:00:00Z'); // 09:00 in Shanghai
  const ratings = ids.flatMap((outletId, o) =>
    Array.from({ length: RATINGS_PER_OUTLET_DAY }, (_, i) => {
      const submissionId = randomUUID();
      return ratingItem({
        id: `20261125-${String(o * RATINGS_PER_OUTLET_DAY + i).padStart(16, '0')}`,
        submissionId,
        outletId,
        regionId: o % 2 ? 'shanghai' : 'beijing',
        date: today,
        rating: 1 + ((o + i) % 5),
        lang: 'zh-CN',
        channel: 'qr',
        deviceId: `device-${o}-${i}`,
        receivedAt: new Date(start + i * 30_000).toISOString(),
        fingerprint: submissionId,
      });
    }),
  );
  console.log(
    `Writing ${stories.length} complaints of 180 days and ${ratings.length} ratings of today for the refresh…`,
  );
  await writeAll(
    platform.table,
    stories.flatMap((s) => [complaintItem(s.complaint), ...s.events.map(eventItem)]),
    { concurrency: 8 },
  );
  const perOutlet = (c: { writeUnits: number; readUnits: number }) => ({
    w: c.writeUnits / ids.length,
    r: c.readUnits / ids.length,
  });
  const units = (c: { w: number; r: number }) => `${fixed(c.w, 1)} W + ${fixed(c.r, 1)} R`;
  // The close of the day (every outlet's yesterday and today), then the day's ratings marked
  // stale by the stream, a refresh that finds them, and one that finds nothing new.
  await platform.poller.drain(120_000);
  const close = perOutlet(await capacity.measure(() => closeDay(deps)));
  await writeAll(platform.table, ratings, { concurrency: 8 });
  await platform.poller.drain(120_000);
  const changed = perOutlet(await capacity.measure(() => rollUpToday(deps)));
  const unchanged = perOutlet(await capacity.measure(() => rollUpToday(deps)));
  const complaintsPerOutlet = stories.length / ids.length;
  for (const [measure, c] of [
    ['15-minute refresh with new ratings, per outlet', changed],
    ['15-minute refresh with nothing new, per outlet', unchanged],
    ['daily close, per outlet', close],
  ] as const) {
    row({
      section,
      measure: `${measure} (${RATINGS_PER_OUTLET_DAY} ratings today, ${fixed(complaintsPerOutlet, 0)} complaints in 180 days)`,
      value: units(c),
      floor: '',
      ratio: '',
      goal: '',
    });
  }
  const day = {
    w: BANK_OUTLETS * (REFRESHES_CHANGED * changed.w + REFRESHES_UNCHANGED * unchanged.w + close.w),
    r: BANK_OUTLETS * (REFRESHES_CHANGED * changed.r + REFRESHES_UNCHANGED * unchanged.r + close.r),
  };
  const dollars = (day.w / 1e6) * prices.dynamoWritePerMillion + (day.r / 1e6) * prices.dynamoReadPerMillion;
  row({
    section,
    measure: `a day of statistics at ${BANK_OUTLETS.toLocaleString('en')} outlets (${REFRESHES_CHANGED} refreshes with new ratings, ${REFRESHES_UNCHANGED} without, the close)`,
    value: `${fixed(day.w / 1e6, 1)} M W + ${fixed(day.r / 1e6, 1)} M R = $${fixed(dollars)} a day, $${fixed(dollars * 30, 0)} a month`,
    floor: '',
    ratio: '',
    goal: '',
  });
}

/**
 * The daily rollup of 100 outlets with 1,000 ratings each, against the least that work needs:
 * a raw Query of the same 100,000 items, at the same concurrency. And a year of the bank's
 * monthly figures through the API: one Query, whatever the ratings behind it.
 */
async function statistics() {
  const OUTLETS = Number(process.env.BENCH_ROLLUP_OUTLETS ?? 100);
  const PER_OUTLET = Number(process.env.BENCH_ROLLUP_RATINGS ?? 1000);
  const date = '2026-11-24';
  // An engine of its own: the load rounds leave tens of thousands of items in the shared one,
  // and DynamoDB Local slows down as its one database grows; a deployment's table would not.
  const engine = await startDynamoDbLocal({ port: await freePort() });
  const platform = await startLocalPlatform({
    port: 0,
    dynamoEndpoint: engine.endpoint,
    tableName: `bench-rollup-${randomUUID()}`,
    scheduler: false,
    now: () => new Date('2026-11-25T02:00:00Z'),
    env: { LOG_LEVEL: 'ERROR' },
  });
  try {
    const { outlets, ratings } = platform.deps.repositories;
    const ids = Array.from({ length: OUTLETS }, (_, i) => `bench-${String(i).padStart(3, '0')}`);
    const at = new Date().toISOString();
    for (const [i, id] of ids.entries()) {
      const name = { 'zh-CN': id, 'zh-TW': id, en: id };
      await outlets.put(
        {
          id,
          name,
          regionId: i % 2 ? 'shanghai' : 'beijing',
          address: '',
          openingHours: '',
          active: true,
          createdAt: at,
          updatedAt: at,
        },
        'create',
      );
    }
    console.log(`Writing ${OUTLETS} × ${PER_OUTLET} ratings for the rollup…`);
    const start = Date.parse('2026-11-24T01:00:00Z'); // 09:00 in Shanghai
    const items = ids.flatMap((outletId, o) =>
      Array.from({ length: PER_OUTLET }, (_, i) => {
        const submissionId = randomUUID();
        return ratingItem({
          id: `20261124-${String(o * PER_OUTLET + i).padStart(16, '0')}`,
          submissionId,
          outletId,
          regionId: o % 2 ? 'shanghai' : 'beijing',
          date,
          rating: 1 + ((o + i) % 5),
          lang: 'zh-CN',
          channel: 'qr',
          deviceId: `device-${o}-${i}`,
          receivedAt: new Date(start + i * 28_000).toISOString(),
          fingerprint: submissionId,
        });
      }),
    );
    await writeAll(platform.table, items, { concurrency: 8 });

    const raw = async () => {
      let next = 0;
      let read = 0;
      const worker = async () => {
        while (next < ids.length) {
          const day = await ratings.outletDay(ids[next++] ?? '', date);
          read += day.length; // after the await: workers share `read`
        }
      };
      await Promise.all(Array.from({ length: 8 }, worker));
      if (read !== OUTLETS * PER_OUTLET) throw new Error(`raw query read ${read}`);
    };
    const rollups = new RollupService(platform.deps);
    const timed = async (work: () => Promise<unknown>) => {
      const started = performance.now();
      await work();
      return performance.now() - started;
    };
    // Both warmed up once (the rollup's code is as cold as the raw read's at first), then timed
    // alternately with nothing else attached; capacity is counted on a run of its own after.
    await raw();
    await rollups.rollUp([date]);
    const rawTimes: number[] = [];
    const rollupTimes: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      rawTimes.push(await timed(raw));
      rollupTimes.push(await timed(() => rollups.rollUp([date])));
    }
    const capacity = countCapacity(platform.table);
    const rollupCost = await capacity.measure(() => rollups.rollUp([date]));
    const rawMs = median(rawTimes);
    const rollupMs = median(rollupTimes);
    const section = `Statistics (${OUTLETS} outlets × ${PER_OUTLET} ratings)`;
    row({
      section,
      measure: 'daily rollup (outlet-days, regions, bank, departments, week, month)',
      value: `${fixed(rollupMs, 0)} ms`,
      floor: `${fixed(rawMs, 0)} ms`,
      ratio: `${fixed(rollupMs / rawMs)}×`,
      goal: '≤ 1.5×',
      met: rollupMs / rawMs <= 1.5,
    });
    row({
      section,
      measure: 'daily rollup, DynamoDB units per outlet',
      value: `${fixed(rollupCost.writeUnits / OUTLETS, 1)} W + ${fixed(rollupCost.readUnits / OUTLETS, 1)} R (${fixed(rollupCost.requests / OUTLETS, 1)} requests)`,
      floor: '',
      ratio: '',
      goal: '',
    });
    const token = (
      (await (
        await fetch(`${platform.url}/api/v1/local/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'head-office' }),
        })
      ).json()) as { token: string }
    ).token;
    const year = await capacity.measure(async () => {
      const response = await fetch(
        `${platform.url}/api/v1/stats/satisfaction?scope=bank&granularity=month&from=2026-01-01&to=2026-12-31`,
        { headers: { authorization: `Bearer ${token}` } },
      );
      if (response.status !== 200) throw new Error(`year of months answered ${response.status}`);
    });
    row({
      section,
      measure: 'a year of the bank’s monthly figures (API)',
      value: `${year.requests} request(s), ${fixed(year.readUnits, 1)} R`,
      floor: '1 Query',
      ratio: '',
      goal: '1 Query',
      met: year.requests === 1,
    });
    await refreshAtBankScale(platform, ids, capacity);
  } finally {
    await platform.stop();
    await engine.stop();
  }
}

async function coldImports() {
  // Built as the Lambdas are: the floor bundles the SDK too, so the ratio is our own code's weight.
  const hello = resolve('dist/bench/hello');
  // Emptied first, as the Lambdas' folders are: earlier builds' chunks would pile up beside it.
  rmSync(hello, { recursive: true, force: true });
  await build({
    ...lambdaBuildOptions('public', hello),
    entryPoints: { index: join(here, 'hello-handler.ts') },
  });
  const modules: Record<'hello' | LambdaName, string> = {
    hello: join(hello, 'index.mjs'),
    ...(Object.fromEntries(lambdaNames.map((n) => [n, join(LAMBDA_OUT_DIR, n, 'index.mjs')])) as Record<
      LambdaName,
      string
    >),
  };
  const env = {
    ...process.env,
    NODE_NO_WARNINGS: '1',
    AWS_REGION: 'ap-east-1',
    TABLE_NAME: 'bench',
    PUBLIC_BASE_URL: 'https://feedback.example-bank.com',
    JWT_ISSUER: 'https://cognito-idp.ap-east-1.amazonaws.com/pool',
    JWT_AUDIENCE: 'client',
    JWKS_URL: 'https://cognito-idp.ap-east-1.amazonaws.com/pool/.well-known/jwks.json',
    QR_SECRET_ARN: 'arn:aws:secretsmanager:ap-east-1:123456789012:secret:qr',
    PHONE_KEY_SECRET_ARN: 'arn:aws:secretsmanager:ap-east-1:123456789012:secret:pd',
    TOPIC_ARNS: '{}',
    AUDIT_ARCHIVE_BUCKET: 'branch-feedback-audit-archive',
  };
  const samples: Record<string, number[]> = {};
  console.log(`Cold imports (${IMPORT_RUNS} each, interleaved)…`);
  for (let run = 0; run < IMPORT_RUNS; run++) {
    for (const [name, path] of Object.entries(modules)) {
      const result = spawnSync(process.execPath, [join(here, 'import-time.mjs'), path], {
        env,
        encoding: 'utf8',
      });
      if (result.status !== 0) throw new Error(`importing ${name} failed: ${result.stderr}`);
      samples[name] = [...(samples[name] ?? []), Number(result.stdout.trim())];
    }
  }
  const floor = median(samples.hello ?? []);
  for (const name of lambdaNames) {
    const ms = median(samples[name] ?? []);
    row({
      section: 'Lambda cold import (median)',
      measure: `${name} function`,
      value: `${fixed(ms, 1)} ms`,
      floor: `${fixed(floor, 1)} ms`,
      ratio: `${fixed(ms / floor)}×`,
      goal: name === 'public' ? '≤ 1.25×' : '',
      ...(name === 'public' ? { met: ms / floor <= 1.25 } : {}),
    });
  }
}

/** The bill of a rating on the API path, from what this run measured. */
function bill() {
  const gbSeconds =
    (PUBLIC_MEMORY_MB / 1024) *
    ((cpuPerRating * (MB_PER_VCPU / PUBLIC_MEMORY_MB) + DYNAMODB_ROUND_TRIP_MS) / 1000);
  const lines = {
    'HTTP API': prices.httpApiPerMillion,
    'Lambda requests': prices.lambdaRequestsPerMillion,
    'Lambda compute': gbSeconds * prices.lambdaArmPerGbSecond * 1e6,
    DynamoDB:
      writeUnitsPerRating * prices.dynamoWritePerMillion + readUnitsPerRating * prices.dynamoReadPerMillion,
  };
  const total = Object.values(lines).reduce((a, b) => a + b, 0);
  const floorCost =
    prices.httpApiPerMillion +
    prices.lambdaRequestsPerMillion +
    prices.dynamoWritePerMillion +
    lines['Lambda compute'];
  row({
    section: 'Cost per million ratings (us-east-1 list prices)',
    measure: Object.entries(lines)
      .map(([k, v]) => `${k} $${fixed(v)}`)
      .join(' + '),
    value: `$${fixed(total)}`,
    floor: `$${fixed(floorCost)}`,
    ratio: `${fixed(total / floorCost)}×`,
    goal: '≤ $2.60',
    met: total <= 2.6,
  });
}

function sizes() {
  const web = resolve('dist/web');
  const html = readFileSync(join(web, 'survey.html'), 'utf8');
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1] ?? '');
  const gz = (buf: Buffer) => gzipSync(buf, { level: 9 }).length;
  const total = gz(Buffer.from(html)) + assets.reduce((sum, a) => sum + gz(readFileSync(join(web, a))), 0);
  row({
    section: 'Sizes',
    measure: 'survey page first view, gzip (HTML+CSS+JS)',
    value: `${fixed(total / 1024, 1)} KB`,
    floor: '',
    ratio: '',
    goal: '≤ 30 KB',
    met: total / 1024 <= 30,
  });
  for (const name of lambdaNames) {
    const metafile = lambdaBuilds[name];
    const atStart = outputBytes(metafile, outputsAtStart(metafile)) / 1024;
    row({
      section: 'Sizes',
      measure: `${name} function (minified): read at a cold start / the whole package`,
      value: `${fixed(atStart, 0)} / ${fixed(outputBytes(metafile) / 1024, 0)} KB`,
      floor: '',
      ratio: '',
      goal: '',
    });
  }
}

function print() {
  const cols = ['measure', 'value', 'floor', 'ratio', 'goal'] as const;
  const width = Object.fromEntries(cols.map((c) => [c, Math.max(c.length, ...rows.map((r) => r[c].length))]));
  let section = '';
  console.log('');
  for (const r of rows) {
    if (r.section !== section) {
      section = r.section;
      console.log(`\n${section}`);
      console.log(`  ${cols.map((c) => c.padEnd(width[c] ?? 0)).join('  ')}`);
    }
    const verdict = r.met === undefined ? '' : r.met ? '  met' : '  NOT MET';
    console.log(`  ${cols.map((c) => r[c].padEnd(width[c] ?? 0)).join('  ')}${verdict}`);
  }
  const missed = rows.filter((r) => r.met === false);
  console.log(missed.length ? `\n${missed.length} goal(s) not met` : '\nEvery goal met');
  process.exit(missed.length ? 1 : 0);
}
