import { PersonalDataCipher } from '../../adapters/crypto/personal-data-cipher.js';
import { writeAll } from '../../adapters/dynamodb/batch-writer.js';
import type { Table } from '../../adapters/dynamodb/client.js';
import { complaintItem, eventItem } from '../../adapters/dynamodb/complaint-repository.js';
import {
  inspectionItem,
  mysteryVisitItem,
  rectificationItem,
  supervisionTallyItem,
} from '../../adapters/dynamodb/inspection-repository.js';
import { keys } from '../../adapters/dynamodb/keys.js';
import { ratingItem } from '../../adapters/dynamodb/rating-repository.js';
import { departmentIds } from '../../config/departments.js';
import type { Dependencies } from '../../dependencies.js';
import { addDays, localDate } from '../../domain/calendar.js';
import type { RatingRecord } from '../../domain/feedback.js';
import { datesBetween } from '../../domain/statistics/periods.js';
import { warningNotice } from '../../domain/statistics/warning-notice.js';
import { recomputeRange } from '../../jobs/statistics-jobs.js';
import { OutletDirectory } from '../../services/outlet-directory.js';
import { rectificationDeadlines, SupervisionService } from '../../services/supervision.js';
import { BankClock } from './bank-clock.js';
import { type ComplaintStory, type ComplaintWorld, outletComplaints } from './complaints.js';
import {
  demoPhotoKeys,
  historyTallies,
  type OutletSupervision,
  outletSupervision,
  type SupervisionWorld,
} from './inspections.js';
import { DEFAULT_LAGGING, type LaggingOutlets, outletProfile } from './profiles.js';
import { Random } from './random.js';
import { ratingsOfDay } from './ratings.js';

export interface DemoHistoryOptions {
  /** Bank days of history before today (today itself is left to live use). */
  days?: number;
  /** Multiplies the ratings (and the complaints with them): 1 is what `npm start` writes. */
  volume?: number;
  /** The pseudo-random seed: the same seed and day give the same history. */
  seed?: number;
  /** Which outlets lag (see profiles.ts). */
  lagging?: LaggingOutlets;
  /** BatchWriteItem calls in flight. */
  concurrency?: number;
  log?: (line: string) => void;
}

export interface DemoHistorySummary {
  from: string;
  to: string;
  ratings: number;
  complaints: number;
  events: number;
  /** Inspections of every kind, the rectification tasks their findings opened, mystery visits. */
  inspections: number;
  rectifications: number;
  /** Items written (ratings, complaint records, events, inspections, tasks, visits). */
  items: number;
  /** Warnings the rollup raised for the closed weeks and months (their alerts marked as sent). */
  warnings: number;
  generateMs: number;
  writeMs: number;
  rollupMs: number;
  /** The photo keys the demo's findings and answers name: the seeding stores a picture under each. */
  photoKeys: string[];
}

export const DEMO_HISTORY_DAYS = 90;
/** The demo's volume: the outlet profiles' numbers as they are (see profiles.ts for why they are small). */
export const DEMO_HISTORY_VOLUME = 1;
const DEFAULT_SEED = 20_240_601;
/**
 * BatchWriteItem calls in flight. DynamoDB Local writes one item at a time whatever the number of
 * calls; a few in flight keep it busy while the next requests travel (measured on 2 cores: 3 in
 * flight took a sixth longer than 6; 10 no faster than 6).
 */
const DEFAULT_CONCURRENCY = 6;

/**
 * Makes the demo bank look lived in: `days` bank days of ratings and complaints before today at
 * every active outlet, written straight into the table in bulk, then rolled up by the same
 * `recomputeRange` as `npm run rollup`, so every figure on the dashboard and every early warning
 * comes from these records. Deterministic for a given seed and day (only the sealed contact
 * details differ, each sealed with a fresh nonce).
 */
export async function writeDemoHistory(
  deps: Dependencies,
  table: Table,
  options: DemoHistoryOptions = {},
): Promise<DemoHistorySummary> {
  const log = options.log ?? (() => {});
  const started = Date.now();
  const timeZone = deps.config.TIME_ZONE;
  const now = deps.now();
  const today = localDate(now, timeZone);
  const from = addDays(today, -(options.days ?? DEMO_HISTORY_DAYS));
  const to = addDays(today, -1);
  const dates = datesBetween(from, to);
  const volume = options.volume ?? DEMO_HISTORY_VOLUME;
  const seed = options.seed ?? DEFAULT_SEED;
  const lagging = options.lagging ?? DEFAULT_LAGGING;

  const [outlets, { rules }, personalDataKeys] = await Promise.all([
    deps.repositories.outlets.list(),
    deps.repositories.routingRules.get(),
    deps.secrets.personalDataKeys(),
  ]);
  const clock = new BankClock(timeZone);
  const cipher = new PersonalDataCipher(personalDataKeys);
  const ratings: RatingRecord[] = [];
  const stories: ComplaintStory[] = [];
  const supervision: OutletSupervision[] = [];
  const supervisionWorld: SupervisionWorld = {
    // The checklist in force (the bank's default, published as version 1 on first use).
    checklist: await new SupervisionService(deps, new OutletDirectory(deps.repositories.outlets)).checklist(),
    clock,
    timeZone,
    now: now.getTime(),
    deadlines: rectificationDeadlines(deps.config),
    lagging: (id) => id === lagging.low || id === lagging.declining,
    mysteryVisitTo: lagging.low,
  };
  for (const outlet of outlets.filter((o) => o.active)) {
    const profile = outletProfile(outlet.id, today, lagging);
    // A source per outlet and per kind: one outlet's history does not change when another's does.
    const ratingRandom = new Random(seed ^ hash(`${outlet.id}:ratings`));
    const devices: string[] = [];
    for (const date of dates) {
      ratings.push(...ratingsOfDay({ outlet, profile, date, volume, clock, random: ratingRandom, devices }));
    }
    const world: ComplaintWorld = {
      now: now.getTime(),
      timeZone,
      clock,
      random: new Random(seed ^ hash(`${outlet.id}:complaints`)),
      rules,
      rootCauses: deps.config.ROOT_CAUSES,
      departmentIds,
      cipher,
      volume,
    };
    stories.push(...outletComplaints(world, outlet, profile, dates));
    supervision.push(
      outletSupervision(
        supervisionWorld,
        outlet,
        profile,
        dates,
        new Random(seed ^ hash(`${outlet.id}:inspections`)),
      ),
    );
  }
  const inspections = supervision.flatMap((s) => s.inspections);
  const tasks = supervision.flatMap((s) => s.tasks);
  const items = [
    ...ratings.map(ratingItem),
    ...stories.flatMap((s) => [complaintItem(s.complaint), ...s.events.map(eventItem)]),
    ...inspections.map(inspectionItem),
    ...tasks.map(rectificationItem),
    ...supervision.flatMap((s) => s.visits.map(({ visit, tokenHash }) => mysteryVisitItem(visit, tokenHash))),
    ...historyTallies(inspections, tasks, timeZone).map(({ change, tally }) =>
      supervisionTallyItem(change, tally),
    ),
  ];
  const events = stories.reduce((n, s) => n + s.events.length, 0);
  const generated = Date.now();
  log(
    `Demo history ${from} – ${to}: writing ${ratings.length} ratings, ${stories.length} complaints (${events} events), ${inspections.length} inspections and ${tasks.length} rectification tasks…`,
  );

  await writeAll(table, items, {
    concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
    progress: quarterly((share) => log(`Demo history: written ${share}%`)),
  });
  const written = Date.now();

  const rollup = await recomputeRange(
    deps,
    from,
    to,
    quarterly((share) => log(`Demo history: rolled up ${share}%`)),
  );
  const warnings = await markAlertsSent(
    deps,
    rollup.closed.map((c) => c.period),
  );
  return {
    from,
    to,
    ratings: ratings.length,
    complaints: stories.length,
    events,
    inspections: inspections.length,
    rectifications: tasks.length,
    photoKeys: demoPhotoKeys(inspections, tasks),
    items: items.length,
    warnings,
    generateMs: generated - started,
    writeMs: written - generated,
    rollupMs: Date.now() - written,
  };
}

/**
 * The rollup has just raised the history's early warnings, but they belong to the past: head
 * office would have had each alert when its week or month closed. Each alert is marked as sent,
 * as the outbox marks a delivered one, so the stream does not publish dozens of stale alerts
 * (printed over `npm start`'s banner) on the first start. The warnings themselves stay, on the
 * dashboard. Returns how many warnings the periods hold.
 */
async function markAlertsSent(deps: Dependencies, periods: readonly string[]): Promise<number> {
  const { warnings, outbox } = deps.repositories;
  const raised = (await Promise.all([...new Set(periods)].map((p) => warnings.ofPeriod(p)))).flat();
  const at = deps.now();
  let next = 0;
  const worker = async () => {
    while (next < raised.length) {
      const warning = raised[next++] as (typeof raised)[number];
      const source = keys.warning(warning.id);
      // The topic the real alert goes to (the warning's own name does not change it).
      const { topic } = warningNotice(warning, warning.subjectId, deps.config.PUBLIC_BASE_URL);
      if ((await outbox.claim(source, topic, at)) === 'claimed') await outbox.markSent(source, topic, at);
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
  return raised.length;
}

/** Calls `report` with 25, 50, 75 and 100 as a job's progress passes each. */
function quarterly(report: (share: number) => void) {
  let reported = 0;
  return (done: number, total: number) => {
    const share = Math.floor((done / Math.max(1, total)) * 4) * 25;
    if (share > reported) {
      reported = share;
      report(share);
    }
  };
}

/** FNV-1a: a stable number for a string, to derive per-outlet seeds. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
