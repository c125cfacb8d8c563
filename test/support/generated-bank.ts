import { emptyComplaintTotals } from '../../functions/domain/statistics/complaint-totals.js';
import { emptyRatingTotals, type RatingTotals } from '../../functions/domain/statistics/rating-totals.js';
import { BANK, type Rollup, type Scope } from '../../functions/domain/statistics/rollup.js';
import type { Warning } from '../../functions/domain/statistics/warnings.js';
import type { LocalPlatform } from '../../functions/local/platform.js';

/**
 * A bank of many outlets for the statistics' read paths, written straight through the
 * repositories: regions, outlets, their week and month rollups (with the comments and major
 * complaints a real rollup carries, so items are their real size) and the month's warnings,
 * raised as the period's close raises them. No ratings or complaints: the reads under test see
 * only rollups and warnings. Deterministic: outlet `r07-o012` always has the same figures.
 */
export interface BankShape {
  /** Regions `r00`… to write (those before `fromRegion` are taken as written already). */
  regions: number;
  fromRegion?: number;
  outletsPerRegion: number;
  months: readonly string[];
  weeks: readonly string[];
  /** Days of the bank's day rollups (first day, low ratings). */
  days: readonly string[];
}

export const regionId = (r: number) => `r${String(r).padStart(2, '0')}`;
export const outletId = (r: number, o: number) => `${regionId(r)}-o${String(o).padStart(3, '0')}`;

/** A number from 0 to 1 fixed by the text (FNV-1a). */
function unit(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) / 2 ** 32;
}

function ratings(count: number, satisfied: number): RatingTotals {
  const low = count - satisfied;
  return {
    ...emptyRatingTotals(),
    count,
    satisfied,
    ratingSum: satisfied * 5 + low * 2,
    distribution: [0, low, 0, 0, satisfied],
    comments: Math.min(count, 12),
  };
}

function outletRollup(
  r: number,
  o: number,
  granularity: 'week' | 'month',
  period: string,
  at: string,
): Rollup {
  const id = outletId(r, o);
  const count =
    granularity === 'month'
      ? 120 + Math.floor(unit(`${id}:n:${period}`) * 180)
      : 30 + Math.floor(unit(`${id}:n:${period}`) * 40);
  // Most outlets between 80 % and 98 %, one in five lagging between 55 % and 80 %.
  const share =
    unit(`${id}:lag`) < 0.2
      ? 0.55 + unit(`${id}:s:${period}`) * 0.25
      : 0.8 + unit(`${id}:s:${period}`) * 0.18;
  const received = Math.floor(unit(`${id}:c:${period}`) * 5);
  return {
    scope: 'outlet',
    id,
    granularity,
    period,
    regionId: regionId(r),
    ratings: ratings(count, Math.round(count * share)),
    complaints: {
      ...emptyComplaintTotals(),
      received,
      resolved: Math.max(0, received - 1),
      resolvedOnTime: Math.max(0, received - 1),
      byCategory: received ? { 'waiting-time': received } : {},
      bySeverity: received ? { normal: received } : {},
      byChannel: received ? { qr: received } : {},
    },
    lowRatings: Array.from({ length: 3 }, (_, i) => ({
      receivedAt: `2026-11-2${i}T02:00:00.000Z`,
      outletId: id,
      rating: 1 + (i % 2),
      comment: '排队等了四十多分钟，只开了两个窗口，大堂经理也不在。',
    })),
    majorComplaints: [],
    computedAt: at,
  };
}

/** Sums for a region or the bank: only what the reads under test use (counts, low ratings). */
function summed(
  scope: Scope,
  id: string,
  parts: readonly Rollup[],
  granularity: Rollup['granularity'],
  period: string,
  at: string,
): Rollup {
  const count = parts.reduce((n, p) => n + p.ratings.count, 0);
  const satisfied = parts.reduce((n, p) => n + p.ratings.satisfied, 0);
  const received = parts.reduce((n, p) => n + p.complaints.received, 0);
  return {
    scope,
    id,
    granularity,
    period,
    ratings: ratings(count, satisfied),
    complaints: { ...emptyComplaintTotals(), received, resolved: received, resolvedOnTime: received },
    lowRatings: parts.flatMap((p) => p.lowRatings).slice(0, 10),
    majorComplaints: [],
    outlets: parts.length,
    computedAt: at,
  };
}

/** Runs `work` over `items`, `limit` at a time. */
async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<unknown>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

/**
 * Writes the regions `fromRegion`…`regions − 1` with their outlets, rollups and warnings, and
 * the bank's rollups over every region so far. Answers the month warnings raised (csat-low for
 * the lagging outlets of the last month).
 */
export async function writeBank(platform: LocalPlatform, shape: BankShape): Promise<Warning[]> {
  const { outlets, rollups, warnings } = platform.deps.repositories;
  const at = platform.deps.now().toISOString();
  const first = shape.fromRegion ?? 0;
  const newRegions = Array.from({ length: shape.regions - first }, (_, i) => first + i);
  for (const r of newRegions)
    await outlets.putRegion({
      id: regionId(r),
      name: { 'zh-CN': `第${r}分行`, 'zh-TW': `第${r}分行`, en: `Region ${r}` },
    });
  const newOutlets = newRegions.flatMap((r) =>
    Array.from({ length: shape.outletsPerRegion }, (_, o) => [r, o] as const),
  );
  await eachLimited(newOutlets, 16, ([r, o]) =>
    outlets.put(
      {
        id: outletId(r, o),
        regionId: regionId(r),
        name: { 'zh-CN': `第${r}分行第${o}支行`, 'zh-TW': `第${r}分行第${o}支行`, en: `Outlet ${r}-${o}` },
        address: '',
        openingHours: '',
        active: true,
        createdAt: at,
        updatedAt: at,
      },
      'create',
    ),
  );
  const periods = [
    ...shape.months.map((period) => ({ granularity: 'month' as const, period })),
    ...shape.weeks.map((period) => ({ granularity: 'week' as const, period })),
  ];
  const allRegions = Array.from({ length: shape.regions }, (_, r) => r);
  const outletRollups = (r: number, granularity: 'week' | 'month', period: string) =>
    Array.from({ length: shape.outletsPerRegion }, (_, o) => outletRollup(r, o, granularity, period, at));
  const written: Rollup[] = [];
  for (const { granularity, period } of periods) {
    for (const r of newRegions) {
      const own = outletRollups(r, granularity, period);
      written.push(...own, summed('region', regionId(r), own, granularity, period, at));
    }
    // The bank over every region so far (older regions' rollups recomputed, not read back).
    written.push(
      summed(
        'bank',
        BANK,
        allRegions.flatMap((r) => outletRollups(r, granularity, period)),
        granularity,
        period,
        at,
      ),
    );
  }
  for (const day of shape.days) {
    const regionsOfDay = allRegions.map((r) =>
      summed('region', regionId(r), outletRollups(r, 'week', shape.weeks.at(-1) ?? ''), 'day', day, at),
    );
    written.push(summed('bank', BANK, regionsOfDay, 'day', day, at));
  }
  await rollups.putMany(written);

  const month = shape.months.at(-1) ?? '';
  const raised: Warning[] = newRegions.flatMap((r) =>
    outletRollups(r, 'month', month)
      .filter((rollup) => rollup.ratings.satisfied / rollup.ratings.count < 0.75)
      .map((rollup) => ({
        id: `${month}:csat-low:outlet:${rollup.id}`,
        rule: 'csat-low' as const,
        granularity: 'month' as const,
        period: month,
        scope: 'outlet' as const,
        subjectId: rollup.id,
        regionId: rollup.regionId,
        figures: {
          csat: rollup.ratings.satisfied / rollup.ratings.count,
          upperBound: 0.79,
          ratings: rollup.ratings.count,
          threshold: 0.8,
          confidence: 0.95,
        },
      })),
  );
  await eachLimited(raised, 8, (w) => warnings.raise(w, [], new Date(at)));
  return raised;
}
