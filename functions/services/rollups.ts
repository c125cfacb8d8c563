import { departmentIds } from '../config/departments.js';
import type { AppConfig } from '../config/env.js';
import type { Dependencies } from '../dependencies.js';
import { addDays } from '../domain/calendar.js';
import { fingerprint } from '../domain/feedback.js';
import type { Outlet } from '../domain/outlet.js';
import { daysOf, type Granularity, periodOf } from '../domain/statistics/periods.js';
import { type CountingRules, countedRatings, emptyRatingTotals } from '../domain/statistics/rating-totals.js';
import {
  BANK,
  departmentDay,
  departmentMajorComplaints,
  type OutletDayComplaints,
  type OutletDayRatings,
  outletDayComplaints,
  outletDayRatings,
  type Rollup,
  type Scope,
  sumOfDays,
  sumOfOutlets,
  sumOfRegions,
} from '../domain/statistics/rollup.js';
import { combined, type Recompute, type StaleOutletDay } from '../domain/statistics/stale-outlet-days.js';
import { endOfLocalDay } from '../domain/time-limits.js';

/** Reports how far a rollup has got: `done` of `total` steps, and what it just did. */
export type RollupProgress = (done: number, total: number, step: string) => void;

/**
 * How far back an outlet-day looks for complaints that may still have been open at its end: the
 * longest time limit (60 days) with a review's fresh limit and margin to spare.
 */
const OPEN_COMPLAINT_LOOKBACK_DAYS = 180;
/** Regions worked on at once, and outlets at once within each: requests in flight. */
const REGIONS_AT_ONCE = 2;
const OUTLETS_AT_ONCE = 8;
/** Days computed together: bounds what a long recompute holds (one region's outlets of these days). */
const DAYS_PER_CHUNK = 7;
/** Rollups held before they are written (25 to a request, four requests at once). */
const WRITE_BUFFER = 100;

/** What a run recomputes on one bank day: these outlets' days, and every other outlet's too when `others` says what of them. */
export interface DayWork {
  date: string;
  outlets: ReadonlyMap<string, Recompute>;
  /** Every outlet not named as well, with this read from its records ('all': a full recompute). */
  others?: Recompute | undefined;
}

export interface RollupResult {
  /** The bank days whose outlet-days were recomputed, oldest first. */
  days: string[];
  /** Outlet-days recomputed from their records. */
  outletDays: number;
  /** Of those, the ones whose figures changed (and were written, with all that holds them). */
  changedOutletDays: number;
  /** Rollups written: outlet-, region-, bank- and department-days, weeks and months. */
  written: number;
}

interface Subject {
  scope: Scope;
  id: string;
  regionId?: string | undefined;
}

/**
 * Rollups. An outlet-day is computed from its raw records only (one Query of its ratings, one of
 * its recent complaints, and the previous day's last minutes only when a device may have rated
 * across midnight); everything else is a sum: a region's day sums its outlets' days (one Query of
 * gsi1), the bank's day sums the regions' days (one Query), a department's day sums the
 * region-days' entries for it, and a week or month sums its subject's days (one Query each).
 *
 * A run recomputes either every outlet of some days (the daily close, `npm run rollup`), or only
 * some outlet-days (the refresh: those marked stale), and then re-sums only what holds what
 * changed: the region-, bank- and department-days of those dates, and the weeks and months of
 * every subject whose day changed. Each rollup overwrites its own item: rerunning rewrites the
 * same figures, and no figure is ever adjusted by a difference a rerun would count twice.
 */
export class RollupService {
  constructor(private readonly deps: Dependencies) {}

  /** Every outlet's days of `dates` from all their records, and everything holding them (`npm run rollup`). */
  async rollUp(dates: readonly string[], progress?: RollupProgress): Promise<RollupResult> {
    return this.run(
      dates.map((date) => ({ date, outlets: new Map(), others: 'all' as const })),
      progress,
    );
  }

  /** Only these outlet-days, and what holds those whose figures changed (the refresh). */
  async rollUpStale(days: readonly StaleOutletDay[], progress?: RollupProgress): Promise<RollupResult> {
    return this.run(workOfStale(days), progress);
  }

  /** Any mix of the two (the daily close: every outlet yesterday and today, stale days before). */
  async run(work: readonly DayWork[], progress: RollupProgress = () => {}): Promise<RollupResult> {
    const plan = new Map(work.map((w) => [w.date, w]));
    const dates = [...plan.keys()].sort();
    const result: RollupResult = { days: dates, outletDays: 0, changedOutletDays: 0, written: 0 };
    if (dates.length === 0) return result;
    const { outlets: outletRepository, rollups } = this.deps.repositories;
    const every = (date: string) => plan.get(date)?.others !== undefined;
    const recomputeOf = (date: string, outletId: string): Recompute | undefined => {
      const day = plan.get(date);
      const named = day?.outlets.get(outletId);
      return day?.others === undefined ? named : combined(named, day.others);
    };
    // A date's stored outlet-days are read where some are left alone or keep a half as stored.
    const readsStored = (date: string) =>
      plan.get(date)?.others !== 'all' ||
      [...(plan.get(date)?.outlets.values() ?? [])].some((r) => r !== 'all');
    const named = [...new Set([...plan.values()].flatMap((w) => [...w.outlets.keys()]))];
    const anyEvery = dates.some(every);
    const [outlets, regions] = await Promise.all([
      anyEvery ? outletRepository.list() : outletRepository.getMany(named),
      anyEvery ? outletRepository.listRegions() : Promise.resolve([]),
    ]);
    const byRegion = groupByRegion(outlets, regions);
    const outletCount = (date: string) =>
      every(date) ? outlets.length : outlets.filter((o) => plan.get(date)?.outlets.has(o.id)).length;
    const total = dates.reduce((n, d) => n + outletCount(d) + 1, 0);
    let done = 0;
    const step = (what: string) => progress(++done, total, what);
    const writer = new RollupWriter(this.deps);
    const periods = new PeriodBook(dates);

    for (let i = 0; i < dates.length; i += DAYS_PER_CHUNK) {
      const chunk = dates.slice(i, i + DAYS_PER_CHUNK);
      // The regions' days as stored, for the dates where only some outlets are recomputed: what
      // the bank's day sums for the regions left alone, and what a new region-day is compared with.
      const storedRegionDays = new Map(
        await Promise.all(
          chunk
            .filter((d) => !every(d))
            .map(async (d) => [d, byId(await rollups.allOf('region', 'day', d))] as const),
        ),
      );
      const freshRegionDays = new Map<string, Rollup[]>(chunk.map((d) => [d, []]));

      await mapWithLimit([...byRegion.keys()], REGIONS_AT_ONCE, async (regionId) => {
        const regionOutlets = byRegion.get(regionId) ?? [];
        const jobs = regionOutlets
          .map((outlet) => ({
            outlet,
            days: chunk.flatMap((date) => {
              const recompute = recomputeOf(date, outlet.id);
              return recompute ? [{ date, recompute }] : [];
            }),
          }))
          .filter((job) => job.days.length > 0);
        const regionDates = chunk.filter(
          (d) => every(d) || jobs.some((j) => j.days.some((x) => x.date === d)),
        );
        if (regionDates.length === 0) return;
        // The region's outlet-days as stored (one Query per date): the outlets left alone are
        // summed as they are, a recomputed one is compared with its stored day.
        const storedOutletDays = new Map(
          await Promise.all(
            regionDates
              .filter(readsStored)
              .map(async (d) => [d, byId(await rollups.allOf('outlet', 'day', d, regionId))] as const),
          ),
        );
        const freshOutletDays = new Map<string, Rollup[]>(regionDates.map((d) => [d, []]));
        await mapWithLimit(jobs, OUTLETS_AT_ONCE, async ({ outlet, days }) => {
          const computed = await this.outletDays(
            outlet,
            days.map((d) => ({ ...d, stored: storedOutletDays.get(d.date)?.get(outlet.id) })),
          );
          const changed = computed.filter(
            (d) => every(d.period) || !sameFigures(d, storedOutletDays.get(d.period)?.get(outlet.id)),
          );
          result.outletDays += computed.length;
          result.changedOutletDays += changed.length;
          for (const day of computed) {
            freshOutletDays.get(day.period)?.push(day);
            step(`${outlet.id} ${day.period}`);
          }
          await writer.add(changed);
          const subject: Subject = { scope: 'outlet', id: outlet.id, regionId: outlet.regionId };
          for (const day of changed) periods.touch(subject, day.period);
          // Its weeks and months now, while its new days are in hand.
          await writer.add(await this.sumDuePeriods(subject, periods, chunk, changed));
        });
        for (const date of regionDates) {
          const stored = storedOutletDays.get(date) ?? new Map<string, Rollup>();
          // Every outlet recomputed: its days alone (an index entry left by an outlet that moved
          // to another region is not this region's).
          const fresh = freshOutletDays.get(date) ?? [];
          const days = every(date) ? sortById(fresh) : overlay(stored, fresh);
          const regionDay: Rollup = {
            scope: 'region',
            id: regionId,
            granularity: 'day',
            period: date,
            ...sumOfOutlets(days),
            computedAt: this.deps.now().toISOString(),
          };
          if (!every(date) && sameFigures(regionDay, storedRegionDays.get(date)?.get(regionId))) continue;
          freshRegionDays.get(date)?.push(regionDay);
          periods.touch({ scope: 'region', id: regionId }, date);
          await writer.add([regionDay]);
        }
      });

      // The bank's and the departments' days, from the regions' days.
      const chunkFresh = new Map<string, Rollup[]>();
      const keep = (rollup: Rollup) => {
        chunkFresh.set(subjectKey(rollup), [...(chunkFresh.get(subjectKey(rollup)) ?? []), rollup]);
        periods.touch(rollup, rollup.period);
      };
      for (const [regionId, days] of regionDaysBySubject(freshRegionDays))
        chunkFresh.set(subjectKey({ scope: 'region', id: regionId }), days);
      for (const date of chunk) {
        const fresh = freshRegionDays.get(date) ?? [];
        step(`all of ${date}`);
        if (fresh.length === 0 && !every(date)) continue;
        const before = [...(storedRegionDays.get(date)?.values() ?? [])];
        const after = overlay(storedRegionDays.get(date) ?? new Map(), fresh);
        const day = { granularity: 'day' as const, period: date, computedAt: this.deps.now().toISOString() };
        const bankDay: Rollup = { scope: 'bank', id: BANK, ...day, ...sumOfRegions(after) };
        keep(bankDay);
        await writer.add([bankDay]);
        for (const departmentId of departmentIds) {
          const now = this.departmentDay(departmentId, date, after);
          if (!every(date) && sameFigures(now, this.departmentDay(departmentId, date, sortById(before))))
            continue;
          keep(now);
          await writer.add([now]);
        }
      }
      // Weeks and months of the regions, the bank and the departments; and of any outlet whose
      // days changed in an earlier chunk but whose periods end in this one.
      await mapWithLimit(periods.dueSubjects(chunk), OUTLETS_AT_ONCE, async (subject) => {
        await writer.add(
          await this.sumDuePeriods(subject, periods, chunk, chunkFresh.get(subjectKey(subject)) ?? []),
        );
      });
      await writer.flush();
    }
    result.written = writer.written;
    return result;
  }

  /**
   * One outlet's days from their records: for each, its ratings, its complaints or both, as
   * `recompute` says; the other half kept as stored (see Recompute). The outlet's complaints are
   * read once for all of its days (one Query of its last 180 days and more).
   */
  private async outletDays(
    outlet: Pick<Outlet, 'id' | 'regionId'>,
    days: readonly { date: string; recompute: Recompute; stored?: Rollup | undefined }[],
  ): Promise<Rollup[]> {
    const { complaints } = this.deps.repositories;
    const { TIME_ZONE } = this.deps.config;
    const rules = countingRules(this.deps.config);
    const now = this.deps.now().toISOString();
    type Day = (typeof days)[number];
    const readsRatings = (d: Day) => d.recompute !== 'complaints';
    const readsComplaints = (d: Day) => d.recompute !== 'ratings' || !d.stored;
    const needComplaints = days.filter(readsComplaints);
    const [first, last] = [needComplaints[0]?.date, needComplaints.at(-1)?.date];
    const [candidates, ...dayRatings] = await Promise.all([
      first && last
        ? complaints.factsReceivedBetween(
            outlet.id,
            lookbackOf(first, TIME_ZONE),
            bankDay(last, TIME_ZONE).end,
          )
        : Promise.resolve([]),
      ...days.map((d) => (readsRatings(d) ? this.countedRatingsOf(outlet.id, d.date, rules) : undefined)),
    ]);
    return days.map((day, i): Rollup => {
      const { date, stored } = day;
      const { start, end } = bankDay(date, TIME_ZONE);
      const lookback = lookbackOf(date, TIME_ZONE);
      const read = dayRatings[i];
      const ratingHalf: OutletDayRatings = read
        ? outletDayRatings({ outlet, ratings: read })
        : { ratings: stored?.ratings ?? emptyRatingTotals(), lowRatings: stored?.lowRatings ?? [] };
      const complaintHalf: OutletDayComplaints =
        readsComplaints(day) || !stored
          ? outletDayComplaints({
              // Each day looks back its own 180 days, whichever days it is computed with.
              complaints: candidates.filter((c) => c.receivedAt >= lookback && c.receivedAt <= end),
              dayStart: start,
              dayEnd: end,
              now,
            })
          : {
              complaints: stored.complaints,
              byDepartment: stored.byDepartment,
              majorComplaints: stored.majorComplaints,
            };
      return {
        scope: 'outlet',
        id: outlet.id,
        granularity: 'day',
        period: date,
        regionId: outlet.regionId,
        ...ratingHalf,
        ...complaintHalf,
        computedAt: now,
      };
    });
  }

  /** The ratings of one outlet-day that its figures count (one Query, two when a device rated just after midnight). */
  private async countedRatingsOf(outletId: string, date: string, rules: CountingRules) {
    const { ratings } = this.deps.repositories;
    const { start } = bankDay(date, this.deps.config.TIME_ZONE);
    const day = await ratings.outletDay(outletId, date);
    // A repeat across midnight matters only if the day has a rating from a device or a known
    // address in its first minutes; only then is the previous day's end read.
    const windowEnd = new Date(Date.parse(start) + rules.windowMs).toISOString();
    const early = day.some((r) => (r.deviceId || r.addressKey) && r.receivedAt < windowEnd);
    const before = early
      ? await ratings.outletDay(
          outletId,
          addDays(date, -1),
          new Date(Date.parse(start) - rules.windowMs).toISOString(),
        )
      : [];
    return countedRatings(day, rules, before);
  }

  /** One department's day, from the region-days of that date. */
  private departmentDay(departmentId: string, date: string, regionDays: readonly Rollup[]): Rollup {
    return {
      scope: 'department',
      id: departmentId,
      granularity: 'day',
      period: date,
      ratings: emptyRatingTotals(),
      complaints: departmentDay(regionDays, departmentId),
      lowRatings: [],
      majorComplaints: departmentMajorComplaints(regionDays, departmentId),
      computedAt: this.deps.now().toISOString(),
    };
  }

  /**
   * The weeks and months of `subject` whose days in this run are all computed now: its days read
   * back (one Query per run of adjacent periods), its days of this chunk taken as just computed.
   * Days written by an earlier chunk of the run are read strongly consistent.
   */
  private async sumDuePeriods(
    subject: Subject,
    book: PeriodBook,
    chunk: readonly string[],
    fresh: readonly Rollup[],
  ): Promise<Rollup[]> {
    const due = book.takeDue(subject, chunk);
    if (due.length === 0) return [];
    const { rollups } = this.deps.repositories;
    const consistent = due.some((p) => book.computedBefore(p, chunk[0] ?? ''));
    const read = await Promise.all(
      mergedSpans(due.map((p) => daysOf(p.period, p.granularity))).map((span) =>
        rollups.range(subject.scope, subject.id, 'day', span.first, span.last, { consistent }),
      ),
    );
    // Days just computed win over what the read returned (it may not show them yet).
    const byDay = new Map(read.flat().map((d) => [d.period, d]));
    for (const day of fresh) byDay.set(day.period, day);
    const ordered = [...byDay.values()].sort((a, b) => a.period.localeCompare(b.period));
    return due.map(({ granularity, period }) => {
      const { first, last } = daysOf(period, granularity);
      const inPeriod = ordered.filter((d) => d.period >= first && d.period <= last);
      const outlets = inPeriod.at(-1)?.outlets;
      return {
        ...subject,
        granularity,
        period,
        ...sumOfDays(inPeriod),
        ...(outlets === undefined ? {} : { outlets }),
        computedAt: this.deps.now().toISOString(),
      };
    });
  }
}

/** Stale outlet-days as a run's work, by date: each outlet-day once, reading what changed. */
export function workOfStale(days: readonly StaleOutletDay[]): DayWork[] {
  const byDate = new Map<string, Map<string, Recompute>>();
  for (const { date, outletId, changed } of days) {
    const outlets = byDate.get(date) ?? new Map<string, Recompute>();
    outlets.set(outletId, combined(outlets.get(outletId), changed));
    byDate.set(date, outlets);
  }
  return [...byDate].map(([date, outlets]) => ({ date, outlets }));
}

/**
 * Which weeks and months of which subjects have a changed day in the run, and when each can be
 * summed: once the run has computed the last of its days in the run (chunks go in date order).
 */
class PeriodBook {
  private readonly pending = new Map<string, { subject: Subject; periods: Map<string, Period> }>();
  private readonly lastRunDate = new Map<string, string>();

  constructor(private readonly dates: readonly string[]) {
    for (const date of dates)
      for (const granularity of PERIOD_GRANULARITIES)
        this.lastRunDate.set(periodKey(granularity, periodOf(date, granularity)), date);
  }

  touch(subject: Subject, date: string) {
    const key = subjectKey(subject);
    const entry = this.pending.get(key) ?? { subject, periods: new Map<string, Period>() };
    for (const granularity of PERIOD_GRANULARITIES) {
      const period = periodOf(date, granularity);
      entry.periods.set(periodKey(granularity, period), { granularity, period });
    }
    this.pending.set(key, entry);
  }

  /** The subject's periods whose last day in the run is in `chunk` or before, taken off the book. */
  takeDue(subject: Subject, chunk: readonly string[]): Period[] {
    const entry = this.pending.get(subjectKey(subject));
    if (!entry) return [];
    const chunkLast = chunk.at(-1) ?? '';
    const due: Period[] = [];
    for (const [key, period] of entry.periods) {
      if ((this.lastRunDate.get(key) ?? '') > chunkLast) continue;
      due.push(period);
      entry.periods.delete(key);
    }
    if (entry.periods.size === 0) this.pending.delete(subjectKey(subject));
    return due;
  }

  /** Subjects with periods due by the end of `chunk`. */
  dueSubjects(chunk: readonly string[]): Subject[] {
    const chunkLast = chunk.at(-1) ?? '';
    return [...this.pending.values()]
      .filter((e) => [...e.periods.keys()].some((key) => (this.lastRunDate.get(key) ?? '') <= chunkLast))
      .map((e) => e.subject);
  }

  /** Whether the run computed a day of `period` before `date` (in an earlier chunk). */
  computedBefore({ granularity, period }: Period, date: string): boolean {
    const { first } = daysOf(period, granularity);
    return this.dates.some((d) => d >= first && d < date);
  }
}

interface Period {
  granularity: Extract<Granularity, 'week' | 'month'>;
  period: string;
}
const PERIOD_GRANULARITIES = ['week', 'month'] as const;
const periodKey = (granularity: Granularity, period: string) => `${granularity}#${period}`;

/** Rollups waiting to be written, written a hundred at a time (25 to a request). */
class RollupWriter {
  private buffer: Rollup[] = [];
  written = 0;

  constructor(private readonly deps: Dependencies) {}

  async add(rollups: readonly Rollup[]) {
    this.buffer.push(...rollups);
    if (this.buffer.length >= WRITE_BUFFER) await this.flush();
  }

  async flush() {
    const batch = this.buffer;
    this.buffer = [];
    this.written += batch.length;
    if (batch.length > 0) await this.deps.repositories.rollups.putMany(batch);
  }
}

/** Runs of adjacent or overlapping day ranges, merged: one Query each. */
function mergedSpans(spans: readonly { first: string; last: string }[]) {
  const merged: { first: string; last: string }[] = [];
  for (const span of [...spans].sort((a, b) => a.first.localeCompare(b.first))) {
    const previous = merged.at(-1);
    if (previous && span.first <= addDays(previous.last, 1)) {
      if (span.last > previous.last) previous.last = span.last;
    } else merged.push({ ...span });
  }
  return merged;
}

/** Outlets by region, each region's in id order; every region listed, with outlets or not. */
function groupByRegion(outlets: readonly Outlet[], regions: readonly { id: string }[]) {
  const byRegion = new Map<string, Outlet[]>(regions.map((r) => [r.id, []]));
  for (const outlet of outlets)
    byRegion.set(outlet.regionId, [...(byRegion.get(outlet.regionId) ?? []), outlet]);
  for (const list of byRegion.values()) list.sort((a, b) => compareIds(a.id, b.id));
  return new Map([...byRegion].sort(([a], [b]) => compareIds(a, b)));
}

/** Region-days of the chunk by region: what a region's weeks and months are summed with. */
function regionDaysBySubject(freshRegionDays: ReadonlyMap<string, readonly Rollup[]>) {
  const byRegion = new Map<string, Rollup[]>();
  for (const days of freshRegionDays.values())
    for (const day of days) byRegion.set(day.id, [...(byRegion.get(day.id) ?? []), day]);
  return byRegion;
}

const byId = (rollups: readonly Rollup[]) => new Map(rollups.map((r) => [r.id, r]));

/**
 * Stored rollups with the ones just computed in their place, in id order: the order the index
 * lists them in, so a sum comes out the same (to the last bit of a float) however it was reached.
 */
function overlay(stored: ReadonlyMap<string, Rollup>, fresh: readonly Rollup[]): Rollup[] {
  const all = new Map(stored);
  for (const rollup of fresh) all.set(rollup.id, rollup);
  return sortById([...all.values()]);
}

const sortById = (rollups: readonly Rollup[]) => [...rollups].sort((a, b) => compareIds(a.id, b.id));
/** Ids compared as DynamoDB compares sort keys of plain ASCII ids: code unit by code unit. */
const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const subjectKey = (s: { scope: Scope; id: string }) => `${s.scope}#${s.id}`;

/** Whether a recomputed rollup says the same as the stored one (when it was computed aside). */
function sameFigures(a: Rollup, b: Rollup | undefined): boolean {
  if (!b) return false;
  const { computedAt: _a, ...figuresA } = a;
  const { computedAt: _b, ...figuresB } = b;
  return fingerprint(figuresA) === fingerprint(figuresB);
}

/** A bank day's first and last instants, as ISO strings (worked out once per day and zone: a close asks 10,000 times). */
export function bankDay(date: string, timeZone: string): { start: string; end: string } {
  const key = `${timeZone} ${date}`;
  let day = bankDays.get(key);
  if (!day) {
    const start = new Date(endOfLocalDay(addDays(date, -1), timeZone).getTime() + 1).toISOString();
    day = { start, end: endOfLocalDay(date, timeZone).toISOString() };
    if (bankDays.size > 10_000) bankDays.clear();
    bankDays.set(key, day);
  }
  return day;
}
const bankDays = new Map<string, { start: string; end: string }>();

/** The first instant an outlet-day's complaints are read from: 180 days before it began. */
function lookbackOf(date: string, timeZone: string): string {
  return new Date(
    Date.parse(bankDay(date, timeZone).start) - OPEN_COMPLAINT_LOOKBACK_DAYS * 86_400_000,
  ).toISOString();
}

async function mapWithLimit<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** The rating-counting rules as the bank configured them (README, "Personal data and security"). */
export function countingRules(config: AppConfig): CountingRules {
  return {
    windowMs: config.RATE_LIMIT_DEVICE_MINUTES * 60_000,
    perAddress: config.COUNT_RATINGS_PER_ADDRESS,
  };
}
