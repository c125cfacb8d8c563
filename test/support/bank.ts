import { PersonalDataCipher } from '../../functions/adapters/crypto/personal-data-cipher.js';
import { writeAll } from '../../functions/adapters/dynamodb/batch-writer.js';
import type { Table } from '../../functions/adapters/dynamodb/client.js';
import { complaintItem } from '../../functions/adapters/dynamodb/complaint-repository.js';
import { outletItem, regionItem } from '../../functions/adapters/dynamodb/outlet-repository.js';
import { ratingItem } from '../../functions/adapters/dynamodb/rating-repository.js';
import { departmentIds } from '../../functions/config/departments.js';
import type { Dependencies } from '../../functions/dependencies.js';
import { localDate } from '../../functions/domain/calendar.js';
import type { Complaint } from '../../functions/domain/complaint.js';
import type { Outlet, Region } from '../../functions/domain/outlet.js';
import { BankClock } from '../../functions/local/history/bank-clock.js';
import { outletComplaints } from '../../functions/local/history/complaints.js';
import { DEFAULT_LAGGING, outletProfile } from '../../functions/local/history/profiles.js';
import { Random } from '../../functions/local/history/random.js';
import { ratingsOfDay } from '../../functions/local/history/ratings.js';

export interface BankOptions {
  outlets: number;
  regions: number;
  /** Bank days with ratings, at `ratingVolume` times an ordinary demo outlet's (8 on a weekday). */
  ratingDays: readonly string[];
  ratingVolume: number;
  /** Bank days with complaints received, at `complaintVolume` times an ordinary outlet's (0.15 a week). */
  complaintDays: readonly string[];
  complaintVolume: number;
  seed?: number;
  /** Outlets generated and written at once: bounds the memory a large bank takes. */
  outletsAtOnce?: number;
  /**
   * Complaints with only the index entry the statistics read (an outlet's complaints, gsi2),
   * not the inboxes', phone's and owner's: a large bank is written several times faster.
   */
  statisticsIndexOnly?: boolean;
  /**
   * Outlets whose complaints the generator tells (their whole lifecycle: about a millisecond
   * each); every other outlet gets a copy of one of theirs, re-keyed to it (tracking number,
   * outlet, region, phone hash), the same in size and shape. Unset: every outlet's are told.
   */
  storyPool?: number;
  log?: (line: string) => void;
}

export interface GeneratedBank {
  regions: Region[];
  outlets: Outlet[];
  ratings: number;
  complaints: number;
}

/** Region and outlet ids of a generated bank: `region-07`, `r07-o00123`. */
export function bankOf(size: {
  outlets: number;
  regions: number;
}): Pick<GeneratedBank, 'regions' | 'outlets'> {
  const at = '2026-01-01T00:00:00.000Z';
  const regions = Array.from({ length: size.regions }, (_, r): Region => {
    const n = String(r + 1).padStart(2, '0');
    return { id: `region-${n}`, name: { 'zh-CN': `第${n}分行`, 'zh-TW': `第${n}分行`, en: `Region ${n}` } };
  });
  const outlets = Array.from({ length: size.outlets }, (_, o): Outlet => {
    const r = o % size.regions;
    const id = `r${String(r + 1).padStart(2, '0')}-o${String(o + 1).padStart(5, '0')}`;
    return {
      id,
      name: { 'zh-CN': `网点 ${o + 1}`, 'zh-TW': `網點 ${o + 1}`, en: `Outlet ${o + 1}` },
      regionId: regions[r]?.id ?? '',
      address: `${o + 1} Example Road`,
      openingHours: '09:00–17:00',
      active: true,
      createdAt: at,
      updatedAt: at,
    };
  });
  return { regions, outlets };
}

/**
 * A bank of any size, written straight into the table 25 items to a request: its regions and
 * outlets, and their ratings and complaints on the days asked for, told by the demo history's
 * generators (ordinary outlets: CSAT about 90 %, a complaint every other month at volume 1).
 * Complaints are written as their records only: the statistics never read their audit trails.
 * Ratings after the platform's now are left out.
 */
export async function writeBank(
  deps: Dependencies,
  table: Table,
  options: BankOptions,
): Promise<GeneratedBank> {
  const log = options.log ?? (() => {});
  const { regions, outlets } = bankOf(options);
  await writeAll(table, [...regions.map(regionItem), ...outlets.map(outletItem)], { concurrency: 8 });
  const now = deps.now();
  const timeZone = deps.config.TIME_ZONE;
  const today = localDate(now, timeZone);
  const [{ rules }, keys] = await Promise.all([
    deps.repositories.routingRules.get(),
    deps.secrets.personalDataKeys(),
  ]);
  const clock = new BankClock(timeZone);
  const cipher = new PersonalDataCipher(keys);
  const seed = options.seed ?? 20_261_125;
  const step = options.outletsAtOnce ?? 500;
  let ratings = 0;
  let complaints = 0;
  const pool = new Map<number, Complaint[]>();
  const storiesOf = (index: number, outlet: Outlet): Complaint[] => {
    const told = options.storyPool === undefined ? undefined : pool.get(index % options.storyPool);
    if (told)
      return told.map((c) => ({
        ...c,
        trackingNo: `${c.trackingNo}-${index}`,
        outletId: outlet.id,
        regionId: outlet.regionId,
        contact: { ...c.contact, phoneHash: `${c.contact.phoneHash}-${index}` },
      }));
    const stories = outletComplaints(
      {
        now: now.getTime(),
        timeZone,
        clock,
        random: new Random(seed + index * 2 + 1),
        rules,
        rootCauses: deps.config.ROOT_CAUSES,
        departmentIds,
        cipher,
        volume: options.complaintVolume,
      },
      outlet,
      outletProfile(outlet.id, today, DEFAULT_LAGGING),
      options.complaintDays,
    ).map((story) => story.complaint);
    if (options.storyPool !== undefined) pool.set(index, stories);
    return stories;
  };
  for (let i = 0; i < outlets.length; i += step) {
    const items: Record<string, unknown>[] = [];
    for (const [o, outlet] of outlets.slice(i, i + step).entries()) {
      const profile = outletProfile(outlet.id, today, DEFAULT_LAGGING);
      const random = new Random(seed + (i + o) * 2);
      const devices: string[] = [];
      for (const date of options.ratingDays) {
        const day = ratingsOfDay({
          outlet,
          profile,
          date,
          volume: options.ratingVolume,
          clock,
          random,
          devices,
        });
        const stored = day.filter((r) => r.receivedAt <= now.toISOString());
        ratings += stored.length;
        items.push(...stored.map(ratingItem));
      }
      const stories = storiesOf(i + o, outlet);
      complaints += stories.length;
      items.push(
        ...stories.map((complaint) => {
          const item = complaintItem(complaint);
          if (options.statisticsIndexOnly)
            for (const key of ['gsi1pk', 'gsi1sk', 'gsi3pk', 'gsi3sk', 'gsi4pk', 'gsi4sk']) delete item[key];
          return item;
        }),
      );
    }
    await writeAll(table, items, { concurrency: 8 });
    log(`Bank: ${Math.min(i + step, outlets.length)} of ${outlets.length} outlets written`);
  }
  return { regions, outlets, ratings, complaints };
}
