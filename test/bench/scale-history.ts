/**
 * Rollups for head office's history at a bank's scale, made up rather than rolled up from raw
 * records (three years of a million ratings a day cannot be written to DynamoDB Local here): each
 * one is built by the domain's own functions from figures like an ordinary outlet's, so its items
 * have the size and shape the statistics read. Deterministic for a seed.
 */
import { writeAll } from '../../functions/adapters/dynamodb/batch-writer.js';
import type { Table } from '../../functions/adapters/dynamodb/client.js';
import { rollupItem } from '../../functions/adapters/dynamodb/rollup-repository.js';
import { departmentIds } from '../../functions/config/departments.js';
import type { ComplaintFacts } from '../../functions/domain/statistics/complaint-totals.js';
import { daysOf, type Granularity, periodOf } from '../../functions/domain/statistics/periods.js';
import {
  ASPECTS,
  emptyRatingTotals,
  type RatingTotals,
} from '../../functions/domain/statistics/rating-totals.js';
import {
  BANK,
  departmentDay,
  departmentMajorComplaints,
  LOW_RATINGS_KEPT,
  type LowRating,
  outletDayComplaints,
  type Rollup,
  sumOfDays,
  sumOfOutlets,
  sumOfRegions,
} from '../../functions/domain/statistics/rollup.js';
import type { Random } from '../../functions/local/history/random.js';
import { ratingComments } from '../../functions/local/history/texts.js';
import { bankDay } from '../../functions/services/rollups.js';

const TIME_ZONE = 'Asia/Shanghai';
const CATEGORIES = [
  'waiting-time',
  'service-attitude',
  'fees-and-charges',
  'cards-and-accounts',
  'digital-banking',
];
const LOW_COMMENTS = Object.values(ratingComments.complaint).flat();

export interface OutletShape {
  id: string;
  regionId: string;
  /** CSAT the outlet earns (about 0.9; a lagging one about 0.7). */
  csat: number;
}

/** One outlet's day: `ratings` counted, and complaints at `complaintsPerDay` on average. */
export function syntheticOutletDay(
  outlet: OutletShape,
  date: string,
  random: Random,
  ratings: number,
  complaintsPerDay: number,
): Rollup {
  const { start, end } = bankDay(date, TIME_ZONE);
  const count = Math.max(0, Math.round(ratings * (1 + 0.15 * (random.next() - 0.5))));
  const totals = ratingTotals(count, outlet.csat, random);
  const lowRatings: LowRating[] = Array.from(
    {
      length: Math.min(LOW_RATINGS_KEPT, Math.round((totals.distribution[0] + totals.distribution[1]) * 0.5)),
    },
    () => ({
      receivedAt: new Date(Date.parse(start) + random.int(9 * 60, 17 * 60) * 60_000).toISOString(),
      outletId: outlet.id,
      rating: random.int(1, 2),
      comment: random.pick(LOW_COMMENTS),
    }),
  );
  const complaints: ComplaintFacts[] = [];
  for (let i = 0; random.next() < complaintsPerDay / (i + 1) && i < 5; i++) {
    const receivedAt = new Date(Date.parse(start) + random.int(9 * 60, 17 * 60) * 60_000).toISOString();
    const resolved = random.chance(0.85);
    complaints.push({
      trackingNo: `S${date.replaceAll('-', '')}${outlet.id}${i}`,
      outletId: outlet.id,
      regionId: outlet.regionId,
      departmentId: random.pick(departmentIds),
      category: random.pick(CATEGORIES),
      severity: random.chance(0.05) ? 'major' : 'normal',
      channel: random.pick(['qr', 'hotline', 'web']),
      status: resolved ? 'closed' : 'accepted',
      receivedAt,
      dueAt: new Date(Date.parse(end) + 15 * 86_400_000).toISOString(),
      ...(resolved
        ? {
            resolvedAt: new Date(Date.parse(receivedAt) + random.int(2, 200) * 3_600_000).toISOString(),
            rootCause: random.pick(['process', 'staff-conduct', 'system']),
            verdict: random.chance(0.8) ? ('satisfied' as const) : ('unsatisfied' as const),
          }
        : {}),
      recurring: random.chance(0.05),
    });
  }
  // A few outlets carry an old complaint open past its due date: the overdue stock.
  if (random.chance(0.04))
    complaints.push({
      trackingNo: `O${date.replaceAll('-', '')}${outlet.id}`,
      outletId: outlet.id,
      regionId: outlet.regionId,
      departmentId: random.pick(departmentIds),
      category: random.pick(CATEGORIES),
      severity: 'normal',
      channel: 'qr',
      status: 'accepted',
      receivedAt: new Date(Date.parse(start) - 30 * 86_400_000).toISOString(),
      dueAt: new Date(Date.parse(start) - 15 * 86_400_000).toISOString(),
      recurring: false,
    });
  return {
    scope: 'outlet',
    id: outlet.id,
    granularity: 'day',
    period: date,
    regionId: outlet.regionId,
    ratings: totals,
    lowRatings: lowRatings.sort((a, b) => b.receivedAt.localeCompare(a.receivedAt)),
    ...outletDayComplaints({ complaints, dayStart: start, dayEnd: end, now: end }),
    computedAt: end,
  };
}

/** Rating totals of `count` ratings, `csat` of them 4 or 5, with aspects and comments as customers give them. */
function ratingTotals(count: number, csat: number, random: Random): RatingTotals {
  const totals = emptyRatingTotals();
  const satisfied = Math.round(count * csat + (random.next() - 0.5) * Math.sqrt(count));
  const happy = Math.max(0, Math.min(count, satisfied));
  const fives = Math.round(happy * 0.68);
  const threes = Math.round((count - happy) * 0.5);
  const twos = Math.round((count - happy) * 0.28);
  totals.distribution = [count - happy - threes - twos, twos, threes, happy - fives, fives];
  totals.count = count;
  totals.satisfied = happy;
  totals.ratingSum = totals.distribution.reduce((sum, n, i) => sum + n * (i + 1), 0);
  for (const aspect of ASPECTS) {
    const scored = Math.round(count * 0.3);
    totals.aspects[aspect] = { count: scored, sum: Math.round(scored * (3 + csat * 1.6)) };
  }
  totals.comments = Math.round(count * 0.12);
  return totals;
}

/** Subject of a made-up rollup of a week or month. */
const periodRollup = (
  subject: Pick<Rollup, 'scope' | 'id' | 'regionId'>,
  granularity: Granularity,
  period: string,
  days: readonly Rollup[],
): Rollup => ({
  ...subject,
  granularity,
  period,
  ...sumOfDays(days),
  ...(days.at(-1)?.outlets === undefined ? {} : { outlets: days.at(-1)?.outlets }),
  computedAt: days.at(-1)?.computedAt ?? '',
});

/**
 * Head office's history: for every day of `dates`, a region-day made of `outletsPerRegion`
 * made-up outlet-days (one per date, written for every region under its own id, so the sums are
 * of realistic size without making up millions of outlet-days), the bank's day as the regions'
 * sum, each department's from the regions; and the weeks and months of all of them. Days before
 * `daysFrom` are summed into their weeks and months but not written (no call reads them).
 */
export function* headOfficeHistory(
  regionIds: readonly string[],
  outletsPerRegion: number,
  dates: readonly string[],
  daysFrom: string,
  random: Random,
  ratingsPerOutletDay: number,
  complaintsPerOutletDay: number,
): Generator<Rollup[]> {
  const byPeriod = new Map<string, Rollup[]>(); // `${granularity}#${period}` → the template region's days
  const bankDays = new Map<string, Rollup[]>();
  const departmentDays = new Map<string, Map<string, Rollup[]>>();
  const flushPeriod = function* (granularity: 'week' | 'month', period: string): Generator<Rollup[]> {
    const days = byPeriod.get(`${granularity}#${period}`) ?? [];
    const out: Rollup[] = [];
    const template = periodRollup({ scope: 'region', id: '' }, granularity, period, days);
    for (const id of regionIds) out.push({ ...template, id });
    out.push(
      periodRollup(
        { scope: 'bank', id: BANK },
        granularity,
        period,
        bankDays.get(`${granularity}#${period}`) ?? [],
      ),
    );
    for (const id of departmentIds)
      out.push(
        periodRollup(
          { scope: 'department', id },
          granularity,
          period,
          departmentDays.get(id)?.get(`${granularity}#${period}`) ?? [],
        ),
      );
    byPeriod.delete(`${granularity}#${period}`);
    bankDays.delete(`${granularity}#${period}`);
    for (const map of departmentDays.values()) map.delete(`${granularity}#${period}`);
    yield out;
  };
  for (const [i, date] of dates.entries()) {
    const outlets = Array.from({ length: outletsPerRegion }, (_, o) =>
      syntheticOutletDay(
        {
          id: `template-${String(o).padStart(4, '0')}`,
          regionId: 'template',
          csat: o % 33 === 0 ? 0.7 : 0.9,
        },
        date,
        random,
        ratingsPerOutletDay,
        complaintsPerOutletDay,
      ),
    );
    const template: Rollup = {
      scope: 'region',
      id: '',
      granularity: 'day',
      period: date,
      ...sumOfOutlets(outlets),
      computedAt: bankDay(date, TIME_ZONE).end,
    };
    const regions = regionIds.map((id) => ({ ...template, id }));
    const { byDepartment: _, outlets: __, ...figures } = template;
    const bank: Rollup = { ...figures, scope: 'bank', id: BANK, ...sumOfRegions(regions) };
    const departments = departmentIds.map(
      (id): Rollup => ({
        scope: 'department',
        id,
        granularity: 'day',
        period: date,
        ratings: emptyRatingTotals(),
        complaints: departmentDay(regions, id),
        lowRatings: [],
        majorComplaints: departmentMajorComplaints(regions, id),
        computedAt: template.computedAt,
      }),
    );
    if (date >= daysFrom) yield [...regions, bank, ...departments];
    for (const granularity of ['week', 'month'] as const) {
      const key = `${granularity}#${periodOf(date, granularity)}`;
      byPeriod.set(key, [...(byPeriod.get(key) ?? []), template]);
      bankDays.set(key, [...(bankDays.get(key) ?? []), bank]);
      for (const d of departments) {
        const map = departmentDays.get(d.id) ?? new Map<string, Rollup[]>();
        map.set(key, [...(map.get(key) ?? []), d]);
        departmentDays.set(d.id, map);
      }
      const period = periodOf(date, granularity);
      const next = dates[i + 1];
      if (!next || periodOf(next, granularity) !== period) yield* flushPeriod(granularity, period);
    }
  }
}

/** An outlet's weeks or months, each summed from made-up days. */
export function outletPeriods(
  outlet: OutletShape,
  periods: readonly { granularity: 'week' | 'month'; period: string }[],
  random: Random,
  ratingsPerOutletDay: number,
  complaintsPerOutletDay: number,
): Rollup[] {
  return periods.map(({ granularity, period }) => {
    const { first, last } = daysOf(period, granularity);
    const days: Rollup[] = [];
    for (let d = first; d <= last; d = nextDay(d))
      days.push(syntheticOutletDay(outlet, d, random, ratingsPerOutletDay, complaintsPerOutletDay));
    return periodRollup(
      { scope: 'outlet', id: outlet.id, regionId: outlet.regionId },
      granularity,
      period,
      days,
    );
  });
}

const nextDay = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** Writes rollups as they come, a few thousand at a time (memory stays flat). */
export async function writeRollups(table: Table, batches: Iterable<Rollup[]>): Promise<number> {
  let pending: Record<string, unknown>[] = [];
  let written = 0;
  for (const batch of batches) {
    pending.push(...batch.map(rollupItem));
    if (pending.length >= 5_000) {
      written += await writeAll(table, pending, { concurrency: 8 });
      pending = [];
    }
  }
  return written + (await writeAll(table, pending, { concurrency: 8 }));
}
