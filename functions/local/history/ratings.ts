import { type FeedbackSubmission, fingerprint, type RatingRecord } from '../../domain/feedback.js';
import type { Language } from '../../domain/language.js';
import { ASPECTS, type Aspect } from '../../domain/statistics/rating-totals.js';
import type { BankClock } from './bank-clock.js';
import type { Hours, OutletProfile } from './profiles.js';
import type { Random } from './random.js';
import { ratingComments } from './texts.js';

/** How busy each weekday is against an ordinary weekday (0 = Sunday). */
const WEEKDAY_FACTOR = [0.3, 1.1, 1.0, 0.95, 0.95, 1.1, 0.6];

/**
 * When visitors rate in the day, by hour after opening: a morning peak, a lunch dip and an
 * afternoon peak on weekdays; on Saturdays mostly the morning.
 */
const WEEKDAY_RHYTHM = [0.8, 1.4, 1.5, 0.7, 0.8, 1.3, 1.3, 1.0, 0.6];
const SATURDAY_RHYTHM = [1.4, 1.6, 1.5, 0.5, 0.4, 0.4, 0.3, 0.3, 0.2];

/** Share of ratings of each value among the satisfied (4–5) and the rest (1–3). */
const SATISFIED_SPLIT = { '5': 0.68, '4': 0.32 };
const UNSATISFIED_SPLIT = { '3': 0.5, '2': 0.28, '1': 0.22 };
/** How likely a customer is to leave a comment, by rating. */
const COMMENT_CHANCE = [0.55, 0.45, 0.2, 0.06, 0.09];
const ASPECTS_CHANCE = 0.3;
const DEVICE_CHANCE = 0.88;
/** A device already seen at the outlet (a regular customer) rather than a new one. */
const RETURNING_DEVICE_CHANCE = 0.15;
/** A customer who opens the survey again a few minutes later and rates a second time. */
const REPEAT_CHANCE = 0.015;

export interface OutletDay {
  outlet: { id: string; regionId: string };
  profile: OutletProfile;
  date: string;
  /** Multiplies the profile's volume (tests use a small history). */
  volume: number;
  clock: BankClock;
  random: Random;
  /** The outlet's devices seen so far: a few customers come back on another day. */
  devices: string[];
}

/** Expected ratings of an outlet on a day at full volume (0 when it is closed). */
export function expectedRatings(profile: OutletProfile, weekday: number): number {
  if (!profile.hours[weekday]) return 0;
  return profile.weekdayRatings * (WEEKDAY_FACTOR[weekday] ?? 1);
}

/** Expected ratings of an outlet in a whole week at full volume. */
export function weeklyRatings(profile: OutletProfile): number {
  return [0, 1, 2, 3, 4, 5, 6].reduce((sum, weekday) => sum + expectedRatings(profile, weekday), 0);
}

/** One outlet's ratings of one bank day, as the survey would have stored them, in time order. */
export function ratingsOfDay(day: OutletDay): RatingRecord[] {
  const { profile, random, clock, date } = day;
  const weekday = clock.weekday(date);
  const hours = profile.hours[weekday];
  if (!hours) return [];
  const count = Math.max(
    0,
    Math.round(expectedRatings(profile, weekday) * day.volume * (1 + random.normal(0.12))),
  );
  const satisfied = satisfiedOfDay(count, profile.csat(date), random);
  const weak = profile.weakAspect(date);
  const ratings: RatingRecord[] = [];
  for (let i = 0; i < count; i++) {
    const at = clock.at(date, minuteOfVisit(hours, weekday, random));
    const rating = Number(
      satisfied[i] ? random.weighted(SATISFIED_SPLIT) : random.weighted(UNSATISFIED_SPLIT),
    );
    const deviceId = random.chance(DEVICE_CHANCE) ? deviceFor(day) : undefined;
    ratings.push(makeRating(day, at, rating, deviceId, weak));
    if (deviceId && random.chance(REPEAT_CHANCE)) {
      // Same phone, new survey page within the 10-minute window: stored, but the rollup leaves it out.
      const again = Math.max(1, Math.min(5, rating + random.int(-1, 1)));
      ratings.push(makeRating(day, at + random.int(1, 9) * 60_000, again, deviceId, weak));
    }
  }
  return ratings.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
}

/**
 * Which of the day's `count` ratings are satisfied (4–5): the day's share is the outlet's CSAT
 * give or take a few points, and the count is dealt out exactly rather than coin by coin. With a
 * few dozen ratings a week, coin tosses would swing a week's CSAT by ±15 points and bury the
 * outlet's real level (a lagging outlet could look fine, or a good one drop, by chance alone).
 */
function satisfiedOfDay(count: number, csat: number, random: Random): boolean[] {
  const share = Math.min(0.98, Math.max(0.3, csat + random.normal(0.04)));
  // Rounded up or down at random, in proportion: no bias however small the day.
  const satisfied = Math.floor(count * share + random.next());
  const flags = Array.from({ length: count }, (_, i) => i < satisfied);
  for (let i = flags.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [flags[i], flags[j]] = [flags[j] as boolean, flags[i] as boolean];
  }
  return flags;
}

function minuteOfVisit(hours: Hours, weekday: number, random: Random): number {
  const rhythm = weekday === 6 || weekday === 0 ? SATURDAY_RHYTHM : WEEKDAY_RHYTHM;
  const openHours = Math.max(1, Math.ceil((hours.close - hours.open) / 60));
  const weights = Object.fromEntries(rhythm.slice(0, openHours).map((w, i) => [i, w])) as Record<
    number,
    number
  >;
  const hour = Number(random.weighted(weights));
  // Rated during or just after the visit: up to ten minutes past closing.
  return Math.min(hours.close + 10, hours.open + hour * 60 + random.between(0, 60));
}

function deviceFor(day: OutletDay): string {
  const { random, devices } = day;
  if (devices.length > 0 && random.chance(RETURNING_DEVICE_CHANCE)) return random.pick(devices);
  const device = random.uuid();
  devices.push(device);
  return device;
}

function makeRating(
  day: OutletDay,
  at: number,
  rating: number,
  deviceId: string | undefined,
  weak: Aspect | undefined,
): RatingRecord {
  const { random, outlet, date } = day;
  const lang: Language = random.weighted({ 'zh-CN': 95, 'zh-TW': 3, en: 2 });
  const submissionId = random.uuid();
  // What the survey page sends for the one-tap rating; aspects and a comment follow separately.
  const submission: FeedbackSubmission = { outletId: outlet.id, submissionId, rating, lang, deviceId };
  const receivedAt = new Date(at).toISOString();
  const record: RatingRecord = {
    id: `${date.replaceAll('-', '')}-${random.chars(FEEDBACK_ID_ALPHABET, 16)}`,
    submissionId,
    outletId: outlet.id,
    regionId: outlet.regionId,
    date,
    rating,
    lang,
    channel: 'qr',
    deviceId,
    receivedAt,
    fingerprint: fingerprint(submission),
  };
  const aspects = random.chance(ASPECTS_CHANCE) ? aspectScores(rating, weak, random) : undefined;
  const comment =
    lang !== 'en' && random.chance(COMMENT_CHANCE[rating - 1] ?? 0)
      ? commentFor(rating, weak, random)
      : undefined;
  if (!aspects && !comment) return record;
  const details = { aspects: aspects ?? {}, comment };
  return {
    ...record,
    ...details,
    detailsAt: new Date(at + random.int(15, 120) * 1000).toISOString(),
    detailsFingerprint: fingerprint(details),
  };
}

/** newFeedbackId's alphabet: the ids look like the real ones, but come from the seeded source. */
const FEEDBACK_ID_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** Aspect scores near the overall rating; the outlet's weak aspect scores lower. */
function aspectScores(
  rating: number,
  weak: Aspect | undefined,
  random: Random,
): Partial<Record<Aspect, number>> {
  const scores: Partial<Record<Aspect, number>> = {};
  for (const aspect of ASPECTS) {
    if (random.chance(0.1)) continue; // skipped that row of the form
    let score = rating + Number(random.weighted({ '-1': 0.2, '0': 0.6, '1': 0.2 }));
    if (aspect === weak && random.chance(0.6)) score -= 1;
    scores[aspect] = Math.max(1, Math.min(5, score));
  }
  return scores;
}

function commentFor(rating: number, weak: Aspect | undefined, random: Random): string {
  if (rating >= 4) return random.pick(ratingComments.praise);
  if (rating === 3 && random.chance(0.6)) return random.pick(ratingComments.neutral);
  const aspect = weak && random.chance(0.7) ? weak : random.pick(ASPECTS);
  return random.pick(ratingComments.complaint[aspect]);
}
