import { addDays } from '../../domain/calendar.js';
import type { Aspect } from '../../domain/statistics/rating-totals.js';

/** Opening hours of one weekday, in minutes after local midnight. */
export interface Hours {
  open: number;
  close: number;
}

/**
 * How one demo outlet behaves in the history: how busy it is, when it opens, how satisfied its
 * customers are on each day, and how many complaints it draws and how it handles them.
 */
export interface OutletProfile {
  /** Ratings on an ordinary weekday at full volume (Saturdays and Sundays are quieter). */
  weekdayRatings: number;
  /** Opening hours by weekday, 0 = Sunday … 6 = Saturday; a missing day is closed. */
  hours: Partial<Record<number, Hours>>;
  /** The share of ratings of 4 or 5 the outlet earns on `date`. */
  csat: (date: string) => number;
  /** The aspect low ratings single out on `date`, if the outlet has a weak spot then. */
  weakAspect: (date: string) => Aspect | undefined;
  /** Complaints in a week like the one of `date`, at full volume. */
  complaintsPerWeek: (date: string) => number;
  /** How likely each complaint category is on `date`, by the default routing rules' ids. */
  categories: (date: string) => Record<string, number>;
  /** Share of complaints resolved after their due date. */
  lateShare: number;
  /** Share of customers satisfied with how their complaint was handled. */
  verdictSatisfied: number;
  /** Share of recent complaints left unresolved (so a few are open and overdue now). */
  stuckShare: number;
}

const h = (open: string, close: string): Hours => ({ open: minutes(open), close: minutes(close) });
const minutes = (hhmm: string) => {
  const [hours = 0, mins = 0] = hhmm.split(':').map(Number);
  return hours * 60 + mins;
};
const WEEKDAYS = {
  1: h('9:00', '17:00'),
  2: h('9:00', '17:00'),
  3: h('9:00', '17:00'),
  4: h('9:00', '17:00'),
  5: h('9:00', '17:00'),
};

/**
 * The seeded outlets' opening hours (seed-data.ts) and how many visitors rate on a weekday. A
 * real branch sees more; these are sized so a first `npm start` writes and rolls up 90 days in
 * well under 30 seconds on a small machine (DynamoDB Local on disk takes a few hundred items a
 * second). The history's `volume` option scales them.
 */
const outletBasics: Record<string, Pick<OutletProfile, 'weekdayRatings' | 'hours'>> = {
  'sh-lujiazui': { weekdayRatings: 9, hours: { ...WEEKDAYS, 6: h('9:00', '16:00') } },
  'sh-xujiahui': { weekdayRatings: 8, hours: { ...WEEKDAYS, 6: h('9:00', '17:00'), 0: h('9:00', '17:00') } },
  'sh-jingan': { weekdayRatings: 7, hours: WEEKDAYS },
  'bj-guomao': { weekdayRatings: 9, hours: { ...WEEKDAYS, 6: h('9:30', '16:00') } },
  'bj-zhongguancun': {
    weekdayRatings: 7,
    hours: { ...WEEKDAYS, 6: h('9:00', '17:00'), 0: h('9:00', '17:00') },
  },
  'bj-wangfujing': { weekdayRatings: 8, hours: WEEKDAYS },
};
const otherOutlet: Pick<OutletProfile, 'weekdayRatings' | 'hours'> = { weekdayRatings: 8, hours: WEEKDAYS };

/** Where complaints at an ordinary outlet are about (default routing rules' category ids). */
const usualCategories: Record<string, number> = {
  'service-attitude': 20,
  'waiting-time': 22,
  'fees-and-charges': 12,
  'cards-and-accounts': 13,
  'digital-banking': 9,
  loans: 6,
  'atm-self-service': 7,
  'mis-selling': 4,
  'privacy-security': 2,
  other: 5,
};

const GOOD_CSAT = 0.9;
/**
 * An ordinary outlet draws a complaint every other month or so: with its couple of hundred
 * ratings a month, a single complaint already crosses the warning threshold of 5 per 1,000, so
 * more would flag every outlet and the warning would stop singling out the laggards.
 */
const GOOD: Omit<OutletProfile, 'weekdayRatings' | 'hours'> = {
  csat: () => GOOD_CSAT,
  weakAspect: () => undefined,
  complaintsPerWeek: () => 0.15,
  categories: () => usualCategories,
  lateShare: 0.03,
  verdictSatisfied: 0.88,
  stuckShare: 0.04,
};

export interface LaggingOutlets {
  /** Lags all along: CSAT around two thirds, long queues, many complaints. */
  low?: string | undefined;
  /** Fine until the last complete month, then CSAT falls by about 22 points (staff attitude). */
  declining?: string | undefined;
}

export const DEFAULT_LAGGING: LaggingOutlets = { low: 'bj-wangfujing', declining: 'sh-xujiahui' };

/**
 * Each outlet's profile. Two lag so the early warnings have something to say about the last
 * closed week and month: `low` all along, `declining` from the first day of the last complete
 * month (so that month's CSAT drops against the one before, and its weeks are low too).
 */
export function outletProfile(outletId: string, today: string, lagging: LaggingOutlets): OutletProfile {
  const basics = outletBasics[outletId] ?? otherOutlet;
  if (outletId === lagging.low) {
    return {
      ...basics,
      ...GOOD,
      csat: () => 0.66,
      weakAspect: () => 'efficiency',
      complaintsPerWeek: () => 1.6,
      categories: () => ({ ...usualCategories, 'waiting-time': 45, 'service-attitude': 25 }),
      lateShare: 0.15,
      verdictSatisfied: 0.7,
      stuckShare: 0.35,
    };
  }
  if (outletId === lagging.declining) {
    const declineStarts = firstDayOfLastCompleteMonth(today);
    const declined = (date: string) => date >= declineStarts;
    return {
      ...basics,
      ...GOOD,
      // A week's slide into the new level rather than a cliff overnight.
      csat: (date) => {
        const into = daysBetween(declineStarts, date);
        if (into < 0) return GOOD_CSAT;
        return GOOD_CSAT - 0.22 * Math.min(1, (into + 1) / 7);
      },
      weakAspect: (date) => (declined(date) ? 'attitude' : undefined),
      complaintsPerWeek: (date) => (declined(date) ? 1.5 : 0.15),
      categories: (date) =>
        declined(date) ? { ...usualCategories, 'service-attitude': 55 } : usualCategories,
      lateShare: 0.08,
      verdictSatisfied: 0.75,
      stuckShare: 0.2,
    };
  }
  return { ...basics, ...GOOD };
}

export function firstDayOfLastCompleteMonth(today: string): string {
  return `${addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7)}-01`;
}

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
