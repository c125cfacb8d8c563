import { departmentIds } from '../config/departments.js';
import type { Dependencies } from '../dependencies.js';
import { addDays } from '../domain/calendar.js';
import { complaintFacts } from '../domain/statistics/complaint-totals.js';
import { daysOf, type Granularity, periodOf } from '../domain/statistics/periods.js';
import { countedRatings, emptyRatingTotals } from '../domain/statistics/rating-totals.js';
import {
  BANK,
  departmentDay,
  outletDayRollup,
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
/** Outlets rolled up at once. */
const CONCURRENCY = 8;

/**
 * Scheduled rollups. An outlet-day is computed from its raw records only (one Query of its
 * ratings, one of the previous day's last window for a device's repeat across midnight, one of
 * its recent complaints); every other rollup is a sum of outlet-days: a region's and the bank's
 * day sums its outlets' days, a department's day sums the outlet-days' entries for it, weeks and
 * months sum their days. Every rollup overwrites its own item: rerunning a period rewrites the
 * same items with the same figures.
 */
export class RollupService {
  constructor(private readonly deps: Dependencies) {}

  /** Recomputes the outlet-days of `dates`, and every region, bank, department, week and month holding them. */
  async rollUp(dates: readonly string[], progress: RollupProgress = () => {}) {
    const days = [...new Set(dates)].sort();
    if (days.length === 0) return { days, outletDays: 0, rollups: 0 };
    const { outlets: outletRepository } = this.deps.repositories;
    const [outlets, regions] = await Promise.all([outletRepository.list(), outletRepository.listRegions()]);
    const weeks = [...new Set(days.map((d) => periodOf(d, 'week')))];
    const months = [...new Set(days.map((d) => periodOf(d, 'month')))];
    const scopesPerPeriod = outlets.length + regions.length + 1 + departmentIds.length;
    const total =
      outlets.length * days.length + days.length + (weeks.length + months.length) * scopesPerPeriod;
    let done = 0;
    const step = (what: string) => progress(++done, total, what);

    await mapWithLimit(outlets, CONCURRENCY, (outlet) => this.outletDays(outlet, days, step));
    for (const date of days) {
      await this.sumDay(
        date,
        regions.map((r) => r.id),
      );
      step(`all of ${date}`);
    }
    const scopes: [Scope, string, string | undefined][] = [
      ...outlets.map((o): [Scope, string, string] => ['outlet', o.id, o.regionId]),
      ...regions.map((r): [Scope, string, undefined] => ['region', r.id, undefined]),
      ['bank', BANK, undefined],
      ...departmentIds.map((d): [Scope, string, undefined] => ['department', d, undefined]),
    ];
    for (const [granularity, periods] of [
      ['week', weeks],
      ['month', months],
    ] as const) {
      for (const period of periods) {
        await mapWithLimit(scopes, CONCURRENCY, async ([scope, id, regionId]) => {
          await this.sumPeriod(scope, id, regionId, granularity, period);
          step(`${scope} ${id} ${period}`);
        });
      }
    }
    return { days, outletDays: outlets.length * days.length, rollups: done };
  }

  private async outletDays(
    outlet: { id: string; regionId: string },
    days: readonly string[],
    step: (what: string) => void,
  ) {
    const { ratings, complaints, rollups } = this.deps.repositories;
    const { TIME_ZONE, RATE_LIMIT_DEVICE_MINUTES } = this.deps.config;
    const windowMs = RATE_LIMIT_DEVICE_MINUTES * 60_000;
    const now = this.deps.now().toISOString();
    const first = bankDay(days[0] ?? '', TIME_ZONE);
    const last = bankDay(days.at(-1) ?? '', TIME_ZONE);
    const lookback = new Date(
      Date.parse(first.start) - OPEN_COMPLAINT_LOOKBACK_DAYS * 86_400_000,
    ).toISOString();
    const candidates = (await complaints.receivedBetween(outlet.id, lookback, last.end)).map(complaintFacts);
    for (const date of days) {
      const { start, end } = bankDay(date, TIME_ZONE);
      const [day, before] = await Promise.all([
        ratings.outletDay(outlet.id, date),
        ratings.outletDay(outlet.id, addDays(date, -1), new Date(Date.parse(start) - windowMs).toISOString()),
      ]);
      const rollup = outletDayRollup({
        outlet,
        date,
        ratings: countedRatings(day, windowMs, before),
        complaints: candidates.filter((c) => c.receivedAt <= end),
        dayStart: start,
        dayEnd: end,
        now,
      });
      await rollups.put({ ...rollup, computedAt: now });
      step(`${outlet.id} ${date}`);
    }
  }

  /** A day of every region, the bank and every department, from that day's outlet-days. */
  private async sumDay(date: string, regionIds: readonly string[]) {
    const { rollups } = this.deps.repositories;
    const computedAt = this.deps.now().toISOString();
    const outletDays = await rollups.allOf('outlet', 'day', date);
    const day = { granularity: 'day' as const, period: date, computedAt };
    const bank = sumOfOutlets(outletDays);
    const writes = [
      ...regionIds.map((regionId) =>
        rollups.put({
          scope: 'region',
          id: regionId,
          ...day,
          ...sumOfOutlets(outletDays.filter((d) => d.regionId === regionId)),
        }),
      ),
      rollups.put({ scope: 'bank', id: BANK, ...day, ...bank }),
      ...departmentIds.map((departmentId) =>
        rollups.put({
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
    await Promise.all(writes);
  }

  /** A week or month of one scope: the sum of its days (the stock: the last day's). */
  private async sumPeriod(
    scope: Scope,
    id: string,
    regionId: string | undefined,
    granularity: Granularity,
    period: string,
  ) {
    const { rollups } = this.deps.repositories;
    const { first, last } = daysOf(period, granularity);
    const days = await rollups.range(scope, id, 'day', first, last);
    const outlets = days.at(-1)?.outlets;
    await rollups.put({
      scope,
      id,
      granularity,
      period,
      ...(regionId ? { regionId } : {}),
      ...sumOfDays(days),
      ...(outlets === undefined ? {} : { outlets }),
      computedAt: this.deps.now().toISOString(),
    });
  }
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
