/**
 * `npm run bench:scale -- --outlets 10000`: the statistics at the bank's size, in DynamoDB Local.
 *
 * Generates a bank (outlets in regions, ratings yesterday and today, complaints of 180 days,
 * head office's history of rollups), then measures, each in a process of its own as a Lambda
 * would run it: the daily close, a refresh with nothing new, a refresh after a busy quarter hour
 * of ratings, one after stale outlet-days on several dates, and head office's first view of the
 * dashboard, call by call. Prints each figure beside its goal and exits 1 if a goal is missed.
 * Counted, not asserted in any test: `npm test` and CI never run it. `SCALE_PROFILE=close-day`
 * (or another job's name) writes that step's CPU profile to test-results/profiles.
 */
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDBClient, UpdateTableCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { writeAll } from '../../functions/adapters/dynamodb/batch-writer.js';
import { complaintItem } from '../../functions/adapters/dynamodb/complaint-repository.js';
import { ratingItem } from '../../functions/adapters/dynamodb/rating-repository.js';
import type { JobName } from '../../functions/config/schedules.js';
import { addDays } from '../../functions/domain/calendar.js';
import { fingerprint } from '../../functions/domain/feedback.js';
import { datesBetween, periodOf } from '../../functions/domain/statistics/periods.js';
import { startDynamoDbLocal } from '../../functions/local/dynamodb-local.js';
import { Random } from '../../functions/local/history/random.js';
import { startLocalPlatform } from '../../functions/local/platform.js';
import { SEEDING_PATIENCE } from '../../functions/local/seed.js';
import { bankDay } from '../../functions/services/rollups.js';
import { WarningService } from '../../functions/services/warnings.js';
import { processStream } from '../../functions/streams/process-stream.js';
import { streamReactions } from '../../functions/streams/reactions.js';
import { functionSpecs } from '../../infra/functions.js';
import { bankOf, writeBank } from '../support/bank.js';
import { countCapacity } from '../support/capacity.js';
import { freePort } from '../support/dynamodb-global-setup.js';
import { headOfficeCalls } from './head-office-calls.js';
import {
  headOfficeHistory,
  type OutletShape,
  outletPeriods,
  syntheticOutletDay,
  writeRollups,
} from './scale-history.js';
import type { StepReport, StepTask } from './scale-step.js';

const { values: args } = parseArgs({
  options: {
    outlets: { type: 'string', default: '10000' },
    regions: { type: 'string', default: '50' },
    /** Ratings an outlet takes in a day in the raw records (yesterday's and today's). */
    ratings: { type: 'string', default: '10' },
    /** Complaints the whole bank receives in a day, over 180 days. */
    complaints: { type: 'string', default: '2000' },
    /** New ratings in the busy quarter hour: a million a day over eight opening hours. */
    quarter: { type: 'string' },
    /** Stale outlet-days, each on a date of its own. */
    stale: { type: 'string', default: '3' },
  },
});
const OUTLETS = Number(args.outlets);
const REGIONS = Number(args.regions);
const RATINGS_PER_OUTLET_DAY = Number(args.ratings);
const COMPLAINTS_PER_DAY = Number(args.complaints);
/** A million ratings a day at 10,000 outlets, in eight opening hours: 31,250 a quarter hour. */
const QUARTER = Number(args.quarter ?? Math.round(((1_000_000 / 32) * OUTLETS) / 10_000));
const STALE = Number(args.stale);
/** What the bank's history rollups hold: an outlet's day at a million ratings a day. */
const HISTORY_RATINGS_PER_OUTLET_DAY = 100;
/** Ratings of a real outlet-day against the raw ones generated here: reads of ratings scale by it. */
const RATINGS_SCALE = 1_000_000 / 10_000 / RATINGS_PER_OUTLET_DAY;

// Wednesday 11 November 2026, 10:00 in Shanghai: the last complete month is October, the last
// closed week 2026-W45; yesterday's and today's outlet-days are left to the close.
const NOW = '2026-11-11T02:00:00.000Z';
const TODAY = '2026-11-11';
const YESTERDAY = addDays(TODAY, -1);
const HISTORY_FROM = addDays(TODAY, -3 * 365);
/** The bank's, regions' and departments' days are written from here (weeks and months from HISTORY_FROM). */
const HEAD_OFFICE_DAYS_FROM = '2026-08-01';
/** The stale outlet-days' dates: three weeks, two months (up to six). */
const STALE_DATES = [
  '2026-10-21',
  '2026-10-28',
  '2026-11-04',
  '2026-10-14',
  '2026-11-06',
  '2026-11-02',
].slice(0, STALE);
/**
 * Every outlet's days: this month until the day before yesterday (what a refresh and the close
 * read back for an outlet's week and month), and the stale dates (a region's day of one of them
 * is one Query of every outlet's day). Outlets that may be picked for a stale day (one in 250)
 * get their whole October too.
 */
const OUTLET_DAYS = [
  ...new Set([...datesBetween('2026-11-01', addDays(YESTERDAY, -1)), ...STALE_DATES]),
].sort();
const STALE_CANDIDATE_EVERY = 250;
const OUTLET_WEEKS = datesBetween('2026-09-01', '2026-11-08')
  .filter((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 1)
  .map((monday) => periodOf(monday, 'week'));
const OUTLET_MONTHS = ['2026-09', '2026-10'];

const generated = { ratings: 0, complaints: 0, rollups: 0, warnings: 0, seconds: 0 };
let streamCapacity: ReturnType<typeof countCapacity> | undefined;
type Row = { section: string; measure: string; value: string; goal: string; met?: boolean };
const rows: Row[] = [];
const row = (r: Row) => rows.push(r);
function fixed(n: number, digits = 1) {
  return n.toFixed(digits);
}
function thousands(n: number) {
  return Math.round(n).toLocaleString('en');
}

/** DynamoDB Local's JVM may take more than its 30 s to listen on two cores other work shares: tried three times. */
async function startEngine(tries = 3): Promise<Awaited<ReturnType<typeof startDynamoDbLocal>>> {
  try {
    return await startDynamoDbLocal({ port: await freePort() });
  } catch (error) {
    if (tries <= 1) throw error;
    console.log(`DynamoDB Local did not start (${(error as Error).message.split(':')[0]}); again…`);
    return startEngine(tries - 1);
  }
}
const dynamo = await startEngine();
const tableName = `scale-${randomUUID()}`;
const platform = await startLocalPlatform({
  port: 0,
  dynamoEndpoint: dynamo.endpoint,
  tableName,
  scheduler: false,
  streams: false,
  now: () => new Date(NOW),
  env: { LOG_LEVEL: 'ERROR', RATE_LIMIT_IP_PER_MINUTE: '100000000' },
  patience: SEEDING_PATIENCE,
});
let exitCode = 1;
try {
  await generate();
  await measure();
  exitCode = print();
} finally {
  await platform.stop();
  await dynamo.stop();
}
process.exit(exitCode);

async function generate() {
  const { deps, table } = platform;
  const started = performance.now();
  // The bulk load keeps no stream records: the stream's reactions are given the measured steps'
  // records below, in the event source's batches, as Lambda gives them.
  const client = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await client.send(
    new UpdateTableCommand({ TableName: tableName, StreamSpecification: { StreamEnabled: false } }),
  );
  client.destroy();
  const log = (line: string) => console.log(`[${fixed((performance.now() - started) / 1000, 0)} s] ${line}`);
  log(
    `Generating ${thousands(OUTLETS)} outlets in ${REGIONS} regions: ${RATINGS_PER_OUTLET_DAY} ratings an outlet-day yesterday and today, ${thousands(COMPLAINTS_PER_DAY)} complaints a day for 180 days…`,
  );
  const bank = await writeBank(deps, table, {
    outlets: OUTLETS,
    regions: REGIONS,
    ratingDays: [YESTERDAY, TODAY],
    ratingVolume: RATINGS_PER_OUTLET_DAY / 8,
    complaintDays: datesBetween(addDays(TODAY, -180), YESTERDAY),
    // The generator's ordinary outlet receives about 0.19 complaints a week at volume 1 (0.15 on
    // its opening days, 0.02 on each closed day).
    complaintVolume: COMPLAINTS_PER_DAY / ((OUTLETS * 0.19) / 7),
    outletsAtOnce: 250,
    statisticsIndexOnly: true,
    storyPool: 200,
    log,
  });
  generated.ratings = bank.ratings;
  generated.complaints = bank.complaints;
  const random = new Random(20_261_111);
  const shapes: OutletShape[] = bank.outlets.map((o, i) => ({
    id: o.id,
    regionId: o.regionId,
    csat: i % 33 === 0 ? 0.7 : 0.9,
  }));
  const complaintsPerOutletDay = COMPLAINTS_PER_DAY / OUTLETS;
  log('Head office’s history: the bank’s, regions’ and departments’ days, weeks and months of three years…');
  generated.rollups += await writeRollups(
    table,
    headOfficeHistory(
      bank.regions.map((r) => r.id),
      Math.round(OUTLETS / REGIONS),
      datesBetween(HISTORY_FROM, addDays(YESTERDAY, -1)),
      HEAD_OFFICE_DAYS_FROM,
      random,
      HISTORY_RATINGS_PER_OUTLET_DAY,
      complaintsPerOutletDay,
    ),
  );
  log(`Every outlet’s days of ${OUTLET_DAYS.join(', ')}…`);
  generated.rollups += await writeRollups(
    table,
    (function* () {
      for (const date of OUTLET_DAYS)
        yield shapes.map((o) =>
          syntheticOutletDay(o, date, random, HISTORY_RATINGS_PER_OUTLET_DAY, complaintsPerOutletDay),
        );
      const october = datesBetween('2026-10-01', '2026-10-31').filter((d) => !OUTLET_DAYS.includes(d));
      for (const o of shapes.filter((_, i) => i % STALE_CANDIDATE_EVERY === 0))
        yield october.map((date) =>
          syntheticOutletDay(o, date, random, HISTORY_RATINGS_PER_OUTLET_DAY, complaintsPerOutletDay),
        );
    })(),
  );
  log(
    `Every outlet’s weeks ${OUTLET_WEEKS[0]}–${OUTLET_WEEKS.at(-1)} and months ${OUTLET_MONTHS.join(', ')}…`,
  );
  const periods = [
    ...OUTLET_WEEKS.map((period) => ({ granularity: 'week' as const, period })),
    ...OUTLET_MONTHS.map((period) => ({ granularity: 'month' as const, period })),
  ];
  generated.rollups += await writeRollups(
    table,
    (function* () {
      for (const o of shapes)
        yield outletPeriods(o, periods, random, HISTORY_RATINGS_PER_OUTLET_DAY, complaintsPerOutletDay);
    })(),
  );
  log('Early warnings of October and of 2026-W45…');
  const warnings = new WarningService(deps);
  for (const [granularity, period] of [
    ['month', '2026-10'],
    ['week', '2026-W45'],
  ] as const)
    generated.warnings += (await warnings.closePeriod(granularity, period)).raised;
  generated.seconds = (performance.now() - started) / 1000;
  log(
    `Generated: ${thousands(bank.ratings)} ratings, ${thousands(bank.complaints)} complaints, ${thousands(generated.rollups)} rollups, ${generated.warnings} warnings`,
  );
}

async function measure() {
  const { deps, table } = platform;
  const perOutlet = (n: number) => n / OUTLETS;

  // The close at 00:30 (here at 10:00; it closes yesterday and writes today, as at 00:30).
  console.log('Measuring the daily close…');
  const close = await step({ job: 'close-day' });
  const closeSection = `The daily close (${thousands(OUTLETS)} outlets: yesterday final, today's first figures)`;
  row({
    section: closeSection,
    measure: 'DynamoDB requests per outlet',
    value: `${fixed(perOutlet(close.requests), 2)} (${thousands(close.requests)}: ${units(close)})`,
    goal: '≤ 5',
    met: perOutlet(close.requests) <= 5,
  });
  timeAndMemory(closeSection, close);
  readsByPattern(closeSection, close);

  console.log('Measuring a refresh with nothing new…');
  const idle = await step({ job: 'rollup-today' });
  row({
    section: 'The 15-minute refresh',
    measure: 'nothing new: DynamoDB requests',
    value: `${idle.requests} (${units(idle)}), ${fixed(idle.ms, 0)} ms, peak ${fixed(idle.maxRssMb, 0)} MB`,
    // One request (the Query of the marks) is the least a refresh can make, below 100 outlets too.
    goal: `≤ 1 per 100 outlets (${Math.max(1, Math.floor(OUTLETS / 100))})`,
    met: idle.requests <= Math.max(1, Math.floor(OUTLETS / 100)),
  });

  // A busy quarter hour: the ratings of 09:45–10:00, marked stale by the stream's reactions in
  // the ratings' event source batches (1,000 records), then the refresh.
  console.log(`Measuring a refresh after ${thousands(QUARTER)} new ratings…`);
  const random = new Random(7);
  const outlets = await deps.repositories.outlets.list();
  const start = Date.parse(NOW) - 15 * 60_000;
  const ratings = Array.from({ length: QUARTER }, (_, i) => {
    const outlet = outlets[random.int(0, outlets.length - 1)] ?? outlets[0];
    const submissionId = randomUUID();
    return ratingItem({
      id: `20261111-q${String(i).padStart(15, '0')}`,
      submissionId,
      outletId: outlet?.id ?? '',
      regionId: outlet?.regionId ?? '',
      date: TODAY,
      rating: random.chance(0.9) ? 5 : random.int(1, 3),
      lang: 'zh-CN',
      channel: 'qr',
      deviceId: randomUUID(),
      receivedAt: new Date(start + random.int(0, 15 * 60_000 - 1)).toISOString(),
      fingerprint: fingerprint(submissionId),
    });
  });
  const ratedOutlets = new Set(ratings.map((r) => String(r.outletId))).size;
  await writeAll(table, ratings, { concurrency: 8 });
  const stream = await throughTheStream(ratings, 1_000);
  row({
    section: 'The stream (marks)',
    measure: `${thousands(QUARTER)} ratings in batches of 1,000`,
    value: `${stream.requests} requests, ${fixed(stream.writeUnits, 0)} W (${fixed(stream.writeUnits / (QUARTER / 1000), 1)} W a batch)`,
    goal: '',
  });
  const busy = await step({ job: 'rollup-today' });
  const busyDays = Number((busy.result as { outletDays?: number }).outletDays ?? 0);
  row({
    section: 'The 15-minute refresh',
    measure: `after ${thousands(QUARTER)} new ratings at ${thousands(ratedOutlets)} outlets: requests per outlet-day`,
    value: `${fixed(busy.requests / Math.max(1, busyDays), 2)} (${thousands(busy.requests)} for ${thousands(busyDays)}: ${units(busy)}); ${fixed(busy.ms / 1000, 0)} s, CPU ${fixed(busy.cpuMs / 1000, 1)} s, peak ${fixed(busy.maxRssMb, 0)} MB`,
    goal: '≤ 20',
    met: busyDays === ratedOutlets && busy.requests / Math.max(1, busyDays) <= 20,
  });
  readsByPattern('The 15-minute refresh after a busy quarter hour', busy);

  // Stale outlet-days on as many dates: a closed complaint of each date changed (say, rated
  // again), its record's change given to the stream's reactions.
  console.log(`Measuring a refresh of ${STALE} stale outlet-days…`);
  const changes: Record<string, unknown>[] = [];
  // Outlets with their whole October first; any outlet if none of them had a closed complaint that day.
  const generatedOutlets = bankOf({ outlets: OUTLETS, regions: REGIONS }).outlets;
  const candidates = [
    ...generatedOutlets.filter((_, i) => i % STALE_CANDIDATE_EVERY === 0),
    ...generatedOutlets.filter((_, i) => i % STALE_CANDIDATE_EVERY !== 0),
  ];
  for (const date of STALE_DATES) {
    const { start: from, end: to } = bankDay(date, deps.config.TIME_ZONE);
    for (const outlet of candidates) {
      const found = (await deps.repositories.complaints.receivedBetween(outlet.id, from, to)).find(
        (c) => c.status === 'closed',
      );
      if (!found) continue;
      changes.push(complaintItem({ ...found, version: found.version + 1 }));
      break;
    }
  }
  const marked = await throughTheStream(changes, 25, 'MODIFY');
  const stale = await step({ job: 'rollup-today' });
  const staleDays = Number((stale.result as { outletDays?: number }).outletDays ?? 0);
  row({
    section: 'The 15-minute refresh',
    measure: `${staleDays} stale outlet-days on ${changes.length} dates: requests per stale outlet-day`,
    value: `${fixed(stale.requests / Math.max(1, staleDays), 1)} (${stale.requests}: ${units(stale)}; the stream ${marked.requests} request, ${fixed(marked.writeUnits, 0)} W)`,
    goal: '≤ 20',
    // A small bank may have no closed complaint on one of the dates: as many as were changed.
    met: staleDays === changes.length && stale.requests / Math.max(1, staleDays) <= 20,
  });

  console.log('Measuring head office’s first view of the dashboard…');
  const firstView = { bytes: 0, slowestMs: 0, requests: 0, calls: 0 };
  for (const call of headOfficeCalls(TODAY)) {
    const answer = await step({ call: call.path });
    firstView.bytes += answer.bytes ?? 0;
    firstView.slowestMs = Math.max(firstView.slowestMs, answer.ms);
    firstView.requests += answer.requests;
    firstView.calls++;
    row({
      section: 'Head office: the dashboard’s first view of the last complete month',
      measure: call.name,
      value: `${answer.status} · ${answer.requests} requests, ${fixed(answer.readUnits, 1)} R · ${fixed((answer.bytes ?? 0) / 1024, 1)} KB · ${fixed(answer.ms, 0)} ms · peak ${fixed(answer.maxRssMb, 0)} MB`,
      goal: '200, ≤ 6 MB (Lambda’s answer limit)',
      met: answer.status === 200 && (answer.bytes ?? 0) <= 6 * 2 ** 20,
    });
  }
  // The dashboard asks all of these at once (web/src/dashboard/dashboard.ts, Promise.all): its
  // first view waits for the slowest answer, and downloads all of them.
  const section = 'Head office: the dashboard’s first view, all its calls';
  row({
    section,
    measure: `${firstView.calls} answers: bytes together`,
    value: `${fixed(firstView.bytes / 1024, 1)} KB (${firstView.requests} DynamoDB requests)`,
    goal: '≤ 300 KB',
    met: firstView.bytes <= 300 * 1024,
  });
  row({
    section,
    measure: 'time: the slowest answer (each measured alone; the page asks them at once)',
    value: `${fixed(firstView.slowestMs, 0)} ms`,
    goal: '≤ 2 s',
    met: firstView.slowestMs <= 2_000,
  });
}

/** What the platform's stream reactions do with these items' records, in batches of `size`. */
async function throughTheStream(
  items: Record<string, unknown>[],
  size: number,
  eventName: 'INSERT' | 'MODIFY' = 'INSERT',
) {
  const { deps, notifier, archive, table } = platform;
  const reactions = streamReactions(deps, notifier, notifier, archive);
  streamCapacity ??= countCapacity(table);
  return streamCapacity.measure(async () => {
    for (let i = 0; i < items.length; i += size) {
      const Records = items.slice(i, i + size).map(
        (item, j): DynamoDBRecord => ({
          eventName,
          dynamodb: {
            SequenceNumber: String(i + j + 1),
            NewImage: marshall(item, { removeUndefinedValues: true }) as never,
            ...(eventName === 'MODIFY'
              ? { OldImage: marshall(item, { removeUndefinedValues: true }) as never }
              : {}),
          },
        }),
      );
      const { batchItemFailures } = await processStream({ Records }, reactions, (error) => {
        throw error;
      });
      if (batchItemFailures.length > 0) throw new Error('A stream batch failed');
    }
  });
}

function step(task: { job: JobName } | { call: string }): Promise<StepReport> {
  const profile = process.env.SCALE_PROFILE && 'job' in task && task.job === process.env.SCALE_PROFILE;
  const child = fork(join(import.meta.dirname, 'scale-step.ts'), {
    execArgv: ['--import', 'tsx', ...(profile ? ['--cpu-prof', '--cpu-prof-dir=test-results/profiles'] : [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const message: StepTask = { endpoint: dynamo.endpoint, tableName, now: NOW, ...task };
  child.send(message);
  return new Promise((done, fail) => {
    child.once('message', (report) => done(report as StepReport));
    child.once('exit', (code) => fail(new Error(`the step ${JSON.stringify(task)} exited with ${code}`)));
  });
}

function units(c: { readUnits: number; writeUnits: number }) {
  return `${thousands(c.readUnits)} R + ${thousands(c.writeUnits)} W`;
}

/**
 * A step's time and memory against the schedule function's, with margin (half of each). The time
 * here is DynamoDB Local's on two shared cores; in Lambda, a step takes about its own CPU time at
 * the function's share of a vCPU (1,769 MB buys one) plus its requests' round trips (10 ms each,
 * generous for DynamoDB in the same region) spread over the 16 a run keeps in flight.
 */
function timeAndMemory(section: string, report: StepReport) {
  const { memorySize } = functionSpecs.schedule;
  const timeoutSeconds = functionSpecs.schedule.timeout.toSeconds();
  const lambdaSeconds = report.cpuMs / 1000 / Math.min(1, memorySize / 1769) + (report.requests * 0.01) / 16;
  row({
    section,
    measure: 'time: here (DynamoDB Local) / its own CPU / in Lambda (estimate)',
    value: `${fixed(report.ms / 1000, 0)} s / ${fixed(report.cpuMs / 1000, 1)} s / ${fixed(lambdaSeconds, 0)} s`,
    goal: `≤ ${timeoutSeconds / 2} s (half the ${timeoutSeconds} s timeout)`,
    met: lambdaSeconds <= timeoutSeconds / 2,
  });
  row({
    section,
    measure: 'peak memory of the process (maxRSS)',
    value: `${fixed(report.maxRssMb, 0)} MB (${fixed(report.rssBeforeMb, 0)} MB before the step)`,
    goal: `≤ ${memorySize / 2} MB (half of ${memorySize} MB)`,
    met: report.maxRssMb <= memorySize / 2,
  });
}

/** The largest readers of a step, and what the ratings' reads would be at a million a day. */
function readsByPattern(section: string, report: StepReport) {
  const reads = Object.entries(report.byPattern)
    .filter(([pattern]) => pattern.startsWith('Query') || pattern.startsWith('BatchGet'))
    .sort(([, a], [, b]) => b.units - a.units)
    .slice(0, 5);
  row({
    section,
    measure: 'reads by access pattern (requests, units)',
    value: reads
      .map(([pattern, c]) => `${pattern}: ${thousands(c.requests)}, ${thousands(c.units)} R`)
      .join('; '),
    goal: '',
  });
  const ratingReads = report.byPattern['Query gsi2 RATINGS#']?.units ?? 0;
  row({
    section,
    measure: `read units at a million ratings a day (the ratings' reads × ${fixed(RATINGS_SCALE, 0)})`,
    value: `${thousands(report.readUnits + ratingReads * (RATINGS_SCALE - 1))} R`,
    goal: '',
  });
}

function print(): number {
  console.log(
    `\nGenerated in ${fixed(generated.seconds / 60, 1)} min: ${thousands(OUTLETS)} outlets in ${REGIONS} regions; ${thousands(generated.ratings)} ratings (${RATINGS_PER_OUTLET_DAY} an outlet-day yesterday, today's until 10:00); ${thousands(generated.complaints)} complaints received in 180 days; ${thousands(generated.rollups)} rollups (the bank's, regions' and departments' weeks and months since ${HISTORY_FROM} and days since ${HEAD_OFFICE_DAYS_FROM}; every outlet's days of November and the stale dates, weeks ${OUTLET_WEEKS[0]}–${OUTLET_WEEKS.at(-1)}, months ${OUTLET_MONTHS.join(', ')}); ${generated.warnings} warnings.`,
  );
  const width = (key: 'measure' | 'value' | 'goal') => Math.max(...rows.map((r) => r[key].length));
  let section = '';
  for (const r of rows) {
    if (r.section !== section) {
      section = r.section;
      console.log(`\n${section}`);
    }
    const verdict = r.met === undefined ? '' : r.met ? '  met' : '  NOT MET';
    console.log(
      `  ${r.measure.padEnd(width('measure'))}  ${r.value.padEnd(Math.min(90, width('value')))}  ${r.goal}${verdict}`,
    );
  }
  const missed = rows.filter((r) => r.met === false);
  console.log(missed.length ? `\n${missed.length} goal(s) not met` : '\nEvery goal met');
  return missed.length ? 1 : 0;
}
