import { departmentIds } from '../config/departments.js';
import type { AppConfig } from '../config/env.js';
import type { Dependencies } from '../dependencies.js';
import { addDays } from '../domain/calendar.js';
import { fingerprint } from '../domain/feedback.js';
import { type ComplaintFacts, complaintFacts } from '../domain/statistics/complaint-totals.js';
import { daysOf, type Granularity, periodOf } from '../domain/statistics/periods.js';
import { type CountingRules, countedRatings, emptyRatingTotals } from '../domain/statistics/rating-totals.js';
import {
  BANK,
  departmentDay,
  outletDayRollup,
  type Rollup,
  type Scope,
  sumOfDays,
  sumOfOutlets,
} from '../domain/statistics/rollup.js';
import { endOfLocalDay } from '../domain/time-limits.js';

/** Reports how far a rollup has got: `done` of `total` steps, and what it just did. */
export type RollupProgress = (done: number, total: number, step: string) => void;

/**
 * How far back an outlet-day looks for complaints that may still have been open at its end: the
 * longest time limit (60 days) with a review's fresh limit and margin to spare.
 */
const OPEN_COMPLAINT_LOOKBACK_DAYS = 180;
/** Outlets read at once. */
const CONCURRENCY = 8;
/** Days computed and written together: bounds the memory a long recompute holds. */
const DAYS_PER_CHUNK = 7;

interface Subject {
  scope: Scope;
  id: string;
  regionId?: string | undefined;
}

/**
 * Scheduled rollups. An outlet-day is computed from its raw records only (one Query of its
 * ratings, one of its recent complaints, and the previous day's last minutes only when a device
 * may have rated across midnight); every other rollup is a sum of outlet-days: a region's and the
 * bank's day sums its outlets' days, a department's day sums the outlet-days' entries for it,
 * weeks and months sum their days. Rollups are written 25 to a request, and each overwrites its
 * own item: rerunning a period rewrites the same items with the same figures.
 */
export class RollupService {
  constructor(private readonly deps: Dependencies) {}

  /**
   * Recomputes the outlet-days of `dates`, and every region, bank, department, week and month
   * holding them. With `onlyChanged` (the refresh every 15 minutes), an outlet whose days come out
   * as already stored writes nothing, nor its week and month: outside opening hours that is most
   * outlets, and writes are what a rollup costs most.
   */
  async rollUp(
    dates: readonly string[],
    progress: RollupProgress = () => {},
    options: { onlyChanged?: boolean } = {},
  ) {
    const days = [...new Set(dates)].sort();
    if (days.length === 0) return { days, outletDays: 0, rollups: 0 };
    const { outlets: outletRepository, rollups } = this.deps.repositories;
    const [outlets, regions] = await Promise.all([outletRepository.list(), outletRepository.listRegions()]);
    const subjects: Subject[] = [
      ...outlets.map((o) => ({ scope: 'outlet' as const, id: o.id, regionId: o.regionId })),
      ...regions.map((r) => ({ scope: 'region' as const, id: r.id })),
      { scope: 'bank', id: BANK },
      ...departmentIds.map((id) => ({ scope: 'department' as const, id })),
    ];
    const total = outlets.length * days.length + days.length + subjects.length;
    let done = 0;
    const step = (what: string) => progress(++done, total, what);

    // Days, a chunk at a time: every outlet's day, then the day of every region, the bank and
    // every department summed from those outlet-days (held here, not read back).
    const fresh = new Map<string, Rollup[]>(); // by subject: the days just computed
    const changedOutlets = new Set<string>();
    for (let i = 0; i < days.length; i += DAYS_PER_CHUNK) {
      const chunk = days.slice(i, i + DAYS_PER_CHUNK);
      const outletDays: Rollup[] = [];
      const toWrite: Rollup[] = [];
      await mapWithLimit(outlets, CONCURRENCY, async (outlet) => {
        const computed = await this.outletDays(outlet, chunk);
        const stored = options.onlyChanged
          ? await rollups.range('outlet', outlet.id, 'day', chunk[0] ?? '', chunk.at(-1) ?? '')
          : [];
        const changed = computed.filter(
          (d) =>
            !sameFigures(
              d,
              stored.find((s) => s.period === d.period),
            ),
        );
        if (changed.length > 0 || !options.onlyChanged) changedOutlets.add(outlet.id);
        outletDays.push(...computed);
        toWrite.push(...(options.onlyChanged ? changed : computed));
        for (const rollup of computed) step(`${outlet.id} ${rollup.period}`);
      });
      const summed = chunk.flatMap((date) => {
        step(`all of ${date}`);
        return this.sumDay(
          date,
          outletDays.filter((d) => d.period === date),
          regions.map((r) => r.id),
        );
      });
      await rollups.putMany([...toWrite, ...summed]);
      for (const r of [...outletDays, ...summed]) {
        const key = subjectKey(r);
        fresh.set(key, [...(fresh.get(key) ?? []), r]);
      }
    }

    // Weeks and months: each subject's days over every period touched, one read each.
    const periods = (['week', 'month'] as const).flatMap((granularity) =>
      [...new Set(days.map((d) => periodOf(d, granularity)))].map((period) => ({ granularity, period })),
    );
    const spans = periods.map(({ granularity, period }) => daysOf(period, granularity));
    const first = spans.map((s) => s.first).sort()[0] ?? '';
    const last =
      spans
        .map((s) => s.last)
        .sort()
        .at(-1) ?? '';
    const sums: Rollup[] = [];
    const toSum = subjects.filter((s) => s.scope !== 'outlet' || changedOutlets.has(s.id));
    await mapWithLimit(toSum, CONCURRENCY, async (subject) => {
      const stored = await rollups.range(subject.scope, subject.id, 'day', first, last);
      // Days just written win over what the read returned (it may not show them yet).
      const byDay = new Map(stored.map((d) => [d.period, d]));
      for (const d of fresh.get(subjectKey(subject)) ?? []) byDay.set(d.period, d);
      const ordered = [...byDay.values()].sort((a, b) => a.period.localeCompare(b.period));
      for (const { granularity, period } of periods)
        sums.push(this.sumPeriod(subject, granularity, period, ordered));
      step(`${subject.scope} ${subject.id}`);
    });
    await rollups.putMany(sums);
    return { days, outletDays: outlets.length * days.length, changedOutlets: changedOutlets.size };
  }

  /** One outlet's days, from its raw records. */
  private async outletDays(
    outlet: { id: string; regionId: string },
    days: readonly string[],
  ): Promise<Rollup[]> {
    const { ratings, complaints } = this.deps.repositories;
    const { TIME_ZONE } = this.deps.config;
    const rules = countingRules(this.deps.config);
    const windowMs = rules.windowMs;
    const now = this.deps.now().toISOString();
    const first = bankDay(days[0] ?? '', TIME_ZONE);
    const last = bankDay(days.at(-1) ?? '', TIME_ZONE);
    const lookback = new Date(
      Date.parse(first.start) - OPEN_COMPLAINT_LOOKBACK_DAYS * 86_400_000,
    ).toISOString();
    const candidates: ComplaintFacts[] = (
      await complaints.receivedBetween(outlet.id, lookback, last.end)
    ).map(complaintFacts);
    const result: Rollup[] = [];
    for (const date of days) {
      const { start, end } = bankDay(date, TIME_ZONE);
      const day = await ratings.outletDay(outlet.id, date);
      // A repeat across midnight matters only if the day has a rating from a device or a known
      // address in its first minutes; only then is the previous day's end read.
      const windowEnd = new Date(Date.parse(start) + windowMs).toISOString();
      const early = day.some((r) => (r.deviceId || r.addressKey) && r.receivedAt < windowEnd);
      const before = early
        ? await ratings.outletDay(
            outlet.id,
            addDays(date, -1),
            new Date(Date.parse(start) - windowMs).toISOString(),
          )
        : [];
      result.push({
        ...outletDayRollup({
          outlet,
          date,
          ratings: countedRatings(day, rules, before),
          complaints: candidates.filter((c) => c.receivedAt <= end),
          dayStart: start,
          dayEnd: end,
          now,
        }),
        computedAt: now,
      });
    }
    return result;
  }

  /** A day of every region, the bank and every department, from that day's outlet-days. */
  private sumDay(date: string, outletDays: readonly Rollup[], regionIds: readonly string[]): Rollup[] {
    const day = { granularity: 'day' as const, period: date, computedAt: this.deps.now().toISOString() };
    const bank = sumOfOutlets(outletDays);
    return [
      ...regionIds.map(
        (regionId): Rollup => ({
          scope: 'region',
          id: regionId,
          ...day,
          ...sumOfOutlets(outletDays.filter((d) => d.regionId === regionId)),
        }),
      ),
      { scope: 'bank', id: BANK, ...day, ...bank },
      ...departmentIds.map(
        (departmentId): Rollup => ({
          scope: 'department',
          id: departmentId,
          ...day,
          ratings: emptyRatingTotals(),
          complaints: departmentDay(outletDays, departmentId),
          lowRatings: [],
          majorComplaints: bank.majorComplaints.filter((c) => c.departmentId === departmentId),
        }),
      ),
    ];
  }

  /** A week or month of one subject: the sum of its days (the stock: the last day's). */
  private sumPeriod(
    subject: Subject,
    granularity: Granularity,
    period: string,
    days: readonly Rollup[],
  ): Rollup {
    const { first, last } = daysOf(period, granularity);
    const inPeriod = days.filter((d) => d.period >= first && d.period <= last);
    const outlets = inPeriod.at(-1)?.outlets;
    return {
      ...subject,
      granularity,
      period,
      ...sumOfDays(inPeriod),
      ...(outlets === undefined ? {} : { outlets }),
      computedAt: this.deps.now().toISOString(),
    };
  }
}

const subjectKey = (s: { scope: Scope; id: string }) => `${s.scope}#${s.id}`;

/** Whether a recomputed rollup says the same as the stored one (when it was computed aside). */
function sameFigures(a: Rollup, b: Rollup | undefined): boolean {
  if (!b) return false;
  const { computedAt: _a, ...figuresA } = a;
  const { computedAt: _b, ...figuresB } = b;
  return fingerprint(figuresA) === fingerprint(figuresB);
}

/** A bank day's first and last instants, as ISO strings. */
export function bankDay(date: string, timeZone: string): { start: string; end: string } {
  const start = new Date(endOfLocalDay(addDays(date, -1), timeZone).getTime() + 1).toISOString();
  return { start, end: endOfLocalDay(date, timeZone).toISOString() };
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
